"""Hearing: each track's audio file transcribed by faster-whisper, word by word with times.

The only module that imports the ``earmark[proof]`` extra; without it, ``ProofUnavailable``
says how to install it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

DEFAULT_MODEL = "tiny.en"
"""faster-whisper's name for the model the product uses (downloaded on first use; README,
"Proof-listening", says why this one)."""
MARGIN = 0.15
"""Seconds of room tone heard before and after each utterance (every pause is longer than
twice this, so neighbours never overlap)."""
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
        try:
            self._model = WhisperModel(
                model, device="cpu", compute_type="int8", cpu_threads=threads or os.cpu_count() or 1
            )
        except Exception as error:  # a name it cannot download, a folder that is no model
            raise UsageError(
                f"cannot load the speech recognition model {model!r}: {error}",
                "Give --asr-model a faster-whisper model name (it is downloaded on first use, "
                "so it needs the internet once) or a CTranslate2 model folder.",
            ) from None

    def hear(
        self,
        audio: Path,
        lang: str,
        spans: Sequence[tuple[float, float]],
        on_progress: Callable[[float], None] = lambda s: None,
    ) -> list[HeardWord]:
        """Every word heard in the ``spans`` (seconds) of ``audio``, each span on its own, so
        that what is heard in one utterance never runs into the next, and a garbled one cannot
        make the recogniser lose its place (no prompt: giving it the article's names as
        hotwords made it invent text); ``on_progress`` gets the seconds heard so far."""
        clips = [t for start, end in spans for t in (max(0.0, start - MARGIN), end + MARGIN)]
        if not clips:
            return []
        segments, _info = self._model.transcribe(
            str(audio),
            language="en" if self.english_only else lang.split("-")[0],
            word_timestamps=True,
            beam_size=1,
            condition_on_previous_text=False,
            clip_timestamps=clips,
        )
        words = []
        for segment in segments:
            words.extend(
                HeardWord(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or ()
            )
            on_progress(segment.end)
        return words
