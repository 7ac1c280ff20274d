"""Renditions: the encodings a track's mastered audio is made in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Rendition:
    """One encoding of a track's mastered audio (mono), made in the mastering pass."""

    name: str
    suffix: str
    ffmpeg_args: tuple[str, ...]
    """ffmpeg output options: codec, bitrate, sample rate."""

    @property
    def file_name(self) -> str:
        """A name that changes with the settings, so a cached encoding is never mistaken for
        one made with other settings."""
        digest = hashlib.sha256("\0".join(self.ffmpeg_args).encode()).hexdigest()[:10]
        return f"{self.name}-{digest}{self.suffix}"

    @property
    def sample_rate(self) -> int | None:
        """The rate it is encoded at (its ``-ar``), or None for the master's own rate."""
        args = self.ffmpeg_args
        return int(args[args.index("-ar") + 1]) if "-ar" in args else None


MASTER = Rendition("master", ".flac", ("-c:a", "flac", "-sample_fmt", "s16"))
"""The lossless master: what chaptered books (M4B) and any later rendition are encoded from.
At the voice's own rate (Piper: 22.05 kHz; the renditions that need 44.1 kHz resample on
their own branch, so the limiter and the master only process what the voice made), and 16
bits like the speech it comes from (the filters work in floating point, which FLAC would
otherwise keep as 24 bits, three times the size)."""

MP3_RENDITION = Rendition(
    "mp3",
    ".mp3",
    ("-c:a", "libmp3lame", "-b:a", "192k", "-compression_level", "7", "-ar", "44100", "-ac", "1"),
)
"""The ACX delivery format: CBR 192 kbps, 44.1 kHz, mono. LAME's quality 7 halves the encoding
time; at 192 kbps for one channel of speech the difference is far below audibility. LAME
writes the gapless header, so decoders trim its padding and durations stay exact."""
MP3_FRAME_SAMPLES = 1152
"""Samples per MPEG-1 Layer III frame (44.1 kHz)."""
