"""Measurement: a cold build of the seed, as a ratio to raw Piper speaking the same utterances.

The baseline and the build alternate (baseline, build, baseline, build); each is reported as
the median of its samples, the samples beside it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from baseline import raw_piper, write_texts
from harness import PAIRS, Table, cold_build, log, samples_line
from inputs import SEED

COLD_RATIO_TARGET = 1.25
"""Cold build of the seed / raw Piper synthesis of the seed."""


@dataclass(frozen=True)
class SeedTimes:
    """Seconds of each baseline and each cold build of the seed, in the order they ran."""

    baselines: list[float]
    builds: list[float]

    @property
    def baseline(self) -> float:
        """The baseline's median."""
        return statistics.median(self.baselines)

    @property
    def build(self) -> float:
        """The cold build's median."""
        return statistics.median(self.builds)


def measure(scratch: Path, texts: list[str]) -> SeedTimes:
    """Baseline and cold seed build, alternately, ``PAIRS`` times."""
    texts_file = write_texts(scratch / "texts.json", texts)
    times = SeedTimes([], [])
    for pair in range(1, PAIRS + 1):
        log(f"raw Piper synthesis of the seed ({pair}/{PAIRS})")
        times.baselines.append(raw_piper(texts_file))
        log(f"cold build of the seed ({pair}/{PAIRS})")
        times.builds.append(cold_build(SEED, scratch, "seed"))
    return times


def rows(table: Table, times: SeedTimes) -> None:
    """The baseline's and the cold build's lines of the table."""
    baseline, build = times.baseline, times.build
    table.row("raw Piper synthesis of the seed (baseline)", f"{baseline:.2f}", "1.00x")
    table.row(samples_line(times.baselines))
    table.judged(
        "cold build of the seed", f"{build:.2f}", build / baseline, COLD_RATIO_TARGET, False
    )
    table.row(samples_line(times.builds))
