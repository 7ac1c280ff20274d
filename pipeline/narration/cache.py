"""The sentence cache: synthesized speech, addressed by what made it.

An entry's key is a hash of (engine, voice, settings, spoken text), so any article, run or
process asking for the same speech gets the same entry. Each file carries a checksum of its
audio; a damaged entry is deleted and synthesized again. Writes go to a temporary file that is
renamed into place, so a killed build never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from pathlib import Path

import platformdirs

from pipeline.narration.engines.base import Speech

_MAGIC = b"EMK1"
_HEADER = struct.Struct("<4sI32s")  # magic, sample rate, sha256 of the PCM


def default_cache_dir() -> Path:
    """``$EARMARK_CACHE_DIR``, or the user's cache folder (``~/.cache/earmark`` on Linux)."""
    configured = os.environ.get("EARMARK_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("earmark"))


def cache_key(engine: str, voice: str, settings: dict[str, object], spoken: str) -> str:
    """The content address of one utterance's speech."""
    identity = json.dumps([engine, voice, settings, spoken], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(identity.encode()).hexdigest()


class SentenceCache:
    """Speech files under ``root/speech/ab/abcdef....pcm``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.root / "speech" / key[:2] / f"{key}.pcm"

    def get(self, key: str) -> Speech | None:
        """The cached speech, or None when absent or damaged (a damaged entry is removed)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        speech = _decode(data)
        if speech is None:
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        return speech

    def put(self, key: str, speech: Speech) -> None:
        """Store ``speech`` atomically; a cache that cannot be written is only slower."""
        path = self.path(key)
        header = _HEADER.pack(_MAGIC, speech.sample_rate, hashlib.sha256(speech.pcm).digest())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header + speech.pcm)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def _decode(data: bytes) -> Speech | None:
    if len(data) < _HEADER.size:
        return None
    magic, rate, digest = _HEADER.unpack_from(data)
    pcm = data[_HEADER.size :]
    if magic != _MAGIC or rate <= 0 or len(pcm) % 2 or hashlib.sha256(pcm).digest() != digest:
        return None
    return Speech(pcm, rate)
