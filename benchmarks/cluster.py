"""Measurement: the batch built cold on a 2-worker Dask ``LocalCluster``, against ``-j 2`` here.

Its builds run inside the batch's rounds (``batch.measure`` calls ``measure_round``), so one
slow moment of the machine does not decide a ratio. On a 2-core machine the batch's default
``-j`` is ``-j 2``, and its samples stand in for the ``-j 2`` builds.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from harness import Table, log, samples_line

CLUSTER_RATIO_TARGET = 1.10
"""Cold build of the batch on a 2-worker LocalCluster / the same with -j 2 on this machine."""


@dataclass(frozen=True)
class ClusterTimes:
    """Samples of the batch's cold builds with ``-j 2`` and on the cluster, one per round."""

    two_jobs: list[float]
    cluster: list[float]


def measure_round(
    build: Callable[..., float], count: int, round_: int, rounds: int, times: ClusterTimes
) -> None:
    """One round's builds of the batch of ``count`` articles: ``-j 2`` (unless the machine has
    2 cores), then the cluster. ``build(name, *options)`` builds the batch cold."""
    if os.cpu_count() != 2:
        log(f"batch of {count} articles, cold, -j 2 ({round_}/{rounds})")
        times.two_jobs.append(build("two-jobs", "-j", "2"))
    log(f"batch of {count} articles, cold, --scheduler local -j 2 ({round_}/{rounds})")
    times.cluster.append(build("cluster", "--scheduler", "local", "-j", "2"))


def finish(times: ClusterTimes, default: list[float]) -> None:
    """After the rounds: on a 2-core machine the default ``-j`` samples are the ``-j 2`` ones."""
    if not times.two_jobs:
        times.two_jobs.extend(default)


def rows(table: Table, times: ClusterTimes) -> None:
    """The cluster's lines of the table (medians of the rounds, samples below)."""
    two_jobs, cluster = statistics.median(times.two_jobs), statistics.median(times.cluster)
    table.row("  earmark batch, cold, -j 2", f"{two_jobs:.2f}")
    table.judged(
        "  --scheduler local (2 workers) / -j 2", f"{cluster:.2f}", cluster / two_jobs,
        CLUSTER_RATIO_TARGET, False,
    )  # fmt: skip
    table.row(samples_line(times.cluster))
