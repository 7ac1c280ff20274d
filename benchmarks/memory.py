"""Measurement: peak RSS of cold builds of the seed and of an article eight times as long.

The sum of VmRSS over the whole process tree (earmark, its Piper voice processes, ffmpeg) and
the main process alone, sampled from /proc (``harness.peak_rss``). MB here means 1024 kB, as in
/proc. These builds are not timed: sampling /proc costs CPU that the build would otherwise use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness import BenchmarkError, PeakRss, Table, log, peak_rss, run_earmark
from inputs import COPIES, SEED, write_long_article

RSS_RATIO_TARGET = 1.5
"""Peak RSS of the process tree, 8x article / seed."""


@dataclass(frozen=True)
class PeakMemory:
    """Peak RSS of the seed's and the long article's cold builds, and a note on the latter."""

    seed: PeakRss
    long: PeakRss
    note: str


def outline(article: Path) -> dict:
    """``earmark outline --json`` of ``article``."""
    _, output = run_earmark("outline", article, "--json")
    return json.loads(output)


def measure(scratch: Path) -> PeakMemory:
    """Peak RSS of cold builds of the seed and of the 8x article; a note on the 8x article."""
    long_dir = scratch / "long"
    long_dir.mkdir()
    long_article = write_long_article(SEED, long_dir)
    seed_outline, long_outline = outline(SEED), outline(long_article)
    sections = len(seed_outline["sections"]), len(long_outline["sections"])
    if sections[1] != COPIES * sections[0]:
        raise BenchmarkError(
            f"{long_article.name} has {sections[1]} sections, not {COPIES} x {sections[0]}"
        )
    spoilers = sum(s["spoiler"] for s in long_outline["sections"])
    note = f"{long_article.name}: {sections[1]} sections ({COPIES} x {sections[0]}), "
    note += f"{spoilers} spoilers"
    log("peak RSS, cold build of the seed")
    seed = peak_rss(SEED, scratch, "rss-seed")
    log(f"peak RSS, cold build of {long_article.name}")
    long = peak_rss(long_article, scratch, "rss-long")
    return PeakMemory(seed, long, note)


def rows(table: Table, memory: PeakMemory) -> None:
    """The memory benchmark's lines of the table."""
    seed_rss, long_rss = memory.seed, memory.long

    def megabytes(rss: PeakRss) -> str:
        return f"{rss.tree_kb / 1024:.0f} MB / {rss.main_kb / 1024:.0f} MB"

    table.row("peak RSS, seed (process tree / main)", megabytes(seed_rss))
    table.row(f"peak RSS, {COPIES}x seed (process tree / main)", megabytes(long_rss))
    table.judged(
        f"  ratio {COPIES}x / 1x (process tree)",
        "",
        long_rss.tree_kb / seed_rss.tree_kb,
        RSS_RATIO_TARGET,
        False,
    )
    table.row(
        f"  ratio {COPIES}x / 1x (main process)", "", f"{long_rss.main_kb / seed_rss.main_kb:.2f}x"
    )
    table.lines.append(f"  {memory.note}")
    table.lines.append(
        f"  memory builds took {seed_rss.seconds:.1f} s (seed) and {long_rss.seconds:.1f} s "
        f"({COPIES}x): sampled, not timed"
    )
