"""Narration speed: earmark against raw Piper on the same text, measured in the same run.

    .venv/bin/python benchmarks/run.py [ARTICLE]

Baseline: load the Piper voice and synthesize every utterance of the article's narration
script (the same sentences earmark speaks), nothing else. Then earmark builds the article
(EPUB, mastered MP3s, playlists) with an empty sentence cache (cold) and again with that
cache filled (warm). Ratios are against the baseline, so the machine's speed cancels out.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.build import build_article, prepare  # noqa: E402
from pipeline.config import BuildConfig  # noqa: E402
from pipeline.narration.engines.base import EngineOptions  # noqa: E402
from pipeline.narration.engines.piper_engine import piper_engine  # noqa: E402
from pipeline.narration.script import build_script  # noqa: E402


def raw_piper(article: Path) -> tuple[float, float]:
    """Seconds to load the voice and synthesize the script's text; seconds of audio made."""
    from piper import PiperVoice

    engine = piper_engine(EngineOptions(), "en")
    texts = [u.spoken for t in build_script(prepare(article, BuildConfig()), engine.narrator)
             for u in t.utterances]  # fmt: skip
    started = time.perf_counter()
    voice = PiperVoice.load(engine.model, config_path=engine.config)
    samples = sum(len(c.audio_int16_bytes) // 2 for text in texts for c in voice.synthesize(text))
    return time.perf_counter() - started, samples / voice.config.sample_rate


def earmark_build(article: Path, out: Path, cache: Path) -> float:
    """Seconds for one earmark build with the default formats."""
    config = BuildConfig(out_dir=out, cache_dir=cache)
    started = time.perf_counter()
    build_article(article, config)
    return time.perf_counter() - started


def main() -> None:
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "source" / "ballerina.md"
    import piper  # noqa: F401  (imported once up front: import time is not build time)

    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        raw, audio = raw_piper(article)
        cold = earmark_build(article, scratch_dir / "out", scratch_dir / "cache")
        warm = earmark_build(article, scratch_dir / "out", scratch_dir / "cache")
    print(f"article: {article.name}, {audio:.0f} s of speech")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"{'measurement':38} {'seconds':>8} {'vs raw Piper':>13}")
    rows = [
        ("raw Piper synthesis (baseline)", raw),
        ("earmark build, cold sentence cache", cold),
        ("earmark build, warm sentence cache", warm),
    ]
    for label, seconds in rows:
        print(f"{label:38} {seconds:8.2f} {seconds / raw:12.2f}x")


if __name__ == "__main__":
    main()
