"""Measurement: a batch of short articles built cold, against raw Piper speaking its utterances.

The batch (``inputs.write_short_articles``) is built with the default ``-j``; the baseline is
raw Piper speaking the batch's distinct utterances (what earmark has to synthesize: repeated
ones such as "The end." come from the sentence cache). The rounds (raw Piper, the local build,
then the cluster's builds, see ``cluster``) run ``PAIRS`` times; each is reported as a median.
"""

from __future__ import annotations

import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

import cluster
from baseline import narration_texts, raw_piper, write_texts
from cluster import ClusterTimes
from harness import PAIRS, Table, cold_build, log, samples_line
from inputs import write_short_articles

BATCH_ARTICLES = 40
"""Short articles in the batch benchmark."""
BATCH_RATIO_TARGET = 1.08
"""Cold build of the batch (default -j) / raw Piper speaking the batch's utterances."""


@dataclass(frozen=True)
class BatchTimes:
    """The batch benchmark: samples of raw Piper on its utterances, of the local builds and of
    the cluster's builds, taken in rounds (raw, local, cluster, raw, ...)."""

    articles: int
    utterances: int
    raw: list[float]
    default: list[float]
    cluster: ClusterTimes


def measure(scratch: Path, count: int) -> BatchTimes:
    """Raw Piper on the batch's distinct utterances, then cold builds of the batch: default
    ``-j``, ``-j 2`` (the same run on 2 cores) and ``--scheduler local -j 2``; ``PAIRS``
    rounds, so a slow moment of the machine does not decide a ratio."""
    folder = scratch / "batch" / "articles"
    articles = write_short_articles(folder, count)
    texts = list(dict.fromkeys(t for article in articles for t in narration_texts(article)))
    texts_file = write_texts(scratch / "batch" / "texts.json", texts)

    def cold(name: str, *options: str) -> float:
        return cold_build(folder, scratch / "batch", name, *options)

    times = BatchTimes(count, len(texts), [], [], ClusterTimes([], []))
    for round_ in range(1, PAIRS + 1):
        log(f"raw Piper, batch of {count} articles, {len(texts)} utterances ({round_}/{PAIRS})")
        times.raw.append(raw_piper(texts_file))
        log(f"batch of {count} articles, cold, default -j ({round_}/{PAIRS})")
        times.default.append(cold("default"))
        cluster.measure_round(cold, count, round_, PAIRS, times.cluster)
    cluster.finish(times.cluster, times.default)
    shutil.rmtree(scratch / "batch")
    return times


def rows(table: Table, batch: BatchTimes) -> None:
    """The batch's lines of the table (medians of the rounds, samples below)."""
    raw, default = statistics.median(batch.raw), statistics.median(batch.default)
    table.row(f"raw Piper, {batch.articles} short articles ({batch.utterances} utt.)", f"{raw:.2f}")
    table.row(samples_line(batch.raw))
    table.judged(
        "  earmark batch, cold, default -j", f"{default:.2f}", default / raw,
        BATCH_RATIO_TARGET, False,
    )  # fmt: skip
    table.row(samples_line(batch.default))
