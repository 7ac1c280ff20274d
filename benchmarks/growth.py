"""Text processing that grows with the text, not faster, and a voice bounded for any input.

1. **Growth**: segmentation, chunking and speech normalization (``build_script``, no engine)
   of one paragraph of "item N costs M and" repeated, at 1x (1,000 words), 10x and 100x: the
   seconds per 1,000 words at 100x as a ratio to 1x. Target: at most 1.3x (linear).
2. **The worst utterance**: Piper's peak RSS speaking the longest piece a voice can be asked
   for (``MAX_SPOKEN_CHARS`` of spoken text, from a written sentence of dense numbers whose
   spoken form is many times longer). Target: at most 1.2 GB, whatever the input.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from harness import Table
from speech import piper_peak_rss

WORDS_PER_REPEAT = 5
SCALES = (1, 10, 100)
GROWTH_TARGET = 1.3
"""Seconds per 1,000 words at 100x / at 1x."""
WORST_RSS_TARGET_MB = 1.2 * 1024


@dataclass(frozen=True)
class GrowthNumbers:
    """What this benchmark measured."""

    per_thousand_words: dict[int, float]
    """Scale -> seconds per 1,000 words."""
    worst_chars: int
    worst_rss_kb: int


def script_seconds(folder: Path, repeats: int) -> float:
    """Seconds ``build_script`` takes for one paragraph of ``repeats`` items (best of two)."""
    from pipeline.config import BuildConfig
    from pipeline.narration.script import build_script
    from pipeline.publishing.build import prepare

    # Numbers of the same size at every scale, so each word costs the same to normalize.
    text = " ".join(f"item {n % 90 + 10} costs {n % 900 + 100} and" for n in range(repeats))
    text += " done."
    source = folder / f"items-{repeats}.md"
    source.write_text(f"---\ntitle: Items\n---\n\n{text}\n", encoding="utf-8")
    samples = []
    for _ in range(2):
        started = time.perf_counter()
        build_script(prepare(source, BuildConfig()), "Joe")
        samples.append(time.perf_counter() - started)
    return min(samples)


def worst_utterance() -> str:
    """The longest spoken piece earmark can hand a voice: a bounded written sentence of
    large numbers, normalized, cut by ``spoken_pieces``, its longest piece."""
    from pipeline.narration.chunks import MAX_CHARS, spoken_pieces
    from pipeline.speech import Lexicon, spoken_form

    written = " ".join(["987,654,321,987"] * 40)[:MAX_CHARS]
    spoken = spoken_form(written, "en-US", Lexicon(())).text
    return max(spoken_pieces(spoken), key=len)


def measure(folder: Path) -> GrowthNumbers:
    """Every measurement of this module."""
    per_thousand = {}
    for scale in SCALES:
        repeats = scale * 1000 // WORDS_PER_REPEAT
        per_thousand[scale] = script_seconds(folder, repeats) / scale
    worst = worst_utterance()
    return GrowthNumbers(per_thousand, len(worst), piper_peak_rss(worst))


def rows(table: Table, numbers: GrowthNumbers) -> None:
    """Add this module's lines to the table."""
    seconds = numbers.per_thousand_words
    table.row(
        "script per 1,000 words at 1x / 10x / 100x",
        " / ".join(f"{seconds[s]:.3f}" for s in SCALES),
    )
    table.judged("  ratio 100x / 1x", "", seconds[100] / seconds[1], GROWTH_TARGET, False)
    table.judged(
        f"  Piper peak RSS, worst utterance ({numbers.worst_chars} spoken chars)",
        f"{numbers.worst_rss_kb / 1024:.0f} MB",
        numbers.worst_rss_kb / 1024 / WORST_RSS_TARGET_MB,
        1.0,
        False,
    )
