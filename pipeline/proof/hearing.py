"""Hearing: each track's audio file transcribed by faster-whisper, word by word with times.

The only module that imports the ``earmark[proof]`` extra; without it, ``ProofUnavailable``
says how to install it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

DEFAULT_MODEL = "base.en"
"""faster-whisper's name for the model the product uses (downloaded on first use)."""
EXTRA_HINT = "Install it with: pip install 'earmark[proof]'"


@dataclass(frozen=True)
class HeardWord:
    """One word as the recogniser heard it, on the track's clock (seconds)."""

    text: str
    start: float
    end: float


class ProofUnavailable(UsageError):
    """The optional packages the proof needs are not installed (exit 2)."""


EXTRA_MODULES = ("faster_whisper", "rapidfuzz", "whisper_normalizer")


def require_extra() -> None:
    """Raise ``ProofUnavailable`` unless the ``earmark[proof]`` packages are installed."""
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise ProofUnavailable(
            f"`earmark proof` needs {', '.join(missing)}, which is not installed.", EXTRA_HINT
        )


class Listener:
    """A loaded faster-whisper model: a name it knows (``base.en``) or a CTranslate2 folder."""

    def __init__(self, model: str = DEFAULT_MODEL, threads: int = 0) -> None:
        require_extra()
        from faster_whisper import WhisperModel

        self.model_name = model
        self.english_only = Path(model).name.endswith(".en") or model.endswith(".en")
        self._model = WhisperModel(
            model, device="cpu", compute_type="int8", cpu_threads=threads or os.cpu_count() or 1
        )

    def hear(
        self, audio: Path, lang: str, on_progress: Callable[[float], None] = lambda s: None
    ) -> list[HeardWord]:
        """Every word heard in ``audio``; ``on_progress`` gets the seconds heard so far."""
        segments, _info = self._model.transcribe(
            str(audio),
            language="en" if self.english_only else lang.split("-")[0],
            word_timestamps=True,
            beam_size=1,
            condition_on_previous_text=False,
        )
        words = []
        for segment in segments:
            words.extend(
                HeardWord(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or ()
            )
            on_progress(segment.end)
        return words
