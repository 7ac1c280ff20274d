"""The only module that runs ffmpeg (the binary shipped by imageio-ffmpeg; no system install)."""

from __future__ import annotations

import subprocess
import warnings
from functools import cache
from pathlib import Path

import imageio_ffmpeg

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH when imported; earmark hands it imageio-ffmpeg's binary.
    warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
    from pydub import AudioSegment

from pipeline.errors import EarmarkError


@cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary inside the imageio-ffmpeg package (pydub uses it too)."""
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    return AudioSegment.converter


def run_ffmpeg(args: list[str], stdin: bytes | None = None, timeout: float = 600) -> bytes:
    """Run ffmpeg quietly with ``args``; return its stdout or raise with its last error lines."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise EarmarkError(f"ffmpeg took longer than {timeout:.0f} s and was stopped.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise EarmarkError(f"ffmpeg failed: {' / '.join(detail) or f'exit {done.returncode}'}")
    return done.stdout


def decode_to_pcm(data: bytes, sample_rate: int) -> bytes:
    """Decode compressed audio (e.g. MP3 bytes) to mono 16-bit PCM at ``sample_rate``."""
    return run_ffmpeg(
        [
            "-i",
            "pipe:0",
            "-f",
            "s16le",
            "-acodec",
            "pcm_s16le",
            "-ac",
            "1",
            "-ar",
            str(sample_rate),
            "pipe:1",
        ],
        stdin=data,
    )


MP3_BITRATE = "192k"
MP3_SAMPLE_RATE = 44100
TARGET_RMS_DBFS = -20.0
"""ACX: RMS between -23 and -18 dB; aim for the middle."""
PEAK_CEILING_DBFS = -4.0
"""ACX allows -3 dBFS; the limiter aims 1 dB lower so MP3 encoding cannot overshoot."""
LIMITER_RMS_LOSS_DB = 1.2
"""Limiting full-scale speech peaks to the ceiling costs about this much RMS (measured on
Piper's voices); the gain makes up for it."""


def encode_mp3(pcm: bytes, sample_rate: int, rms_dbfs: float, path: Path) -> None:
    """Master mono PCM to the audiobook numbers and encode it as CBR MP3 (44.1 kHz, 192 kbps):
    a gain to the target RMS, then a look-ahead limiter whose delay is compensated, so every
    timing measured on ``pcm`` holds in the MP3."""
    gain = TARGET_RMS_DBFS - rms_dbfs + LIMITER_RMS_LOSS_DB
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    mastering = (
        f"aresample={MP3_SAMPLE_RATE},volume={gain:.2f}dB,"
        f"alimiter=limit={ceiling:.4f}:level=disabled:attack=3:release=60:latency=1"
    )
    ffmpeg_exe()
    audio = AudioSegment(data=pcm, sample_width=2, frame_rate=sample_rate, channels=1)
    audio.export(
        str(path),
        format="mp3",
        bitrate=MP3_BITRATE,
        parameters=["-af", mastering, "-ar", str(MP3_SAMPLE_RATE), "-ac", "1"],
    ).close()
