"""The only module that runs ffmpeg (the binary shipped by imageio-ffmpeg; no system install)."""

from __future__ import annotations

import errno
import os
import subprocess
import warnings
from functools import cache
from pathlib import Path
from typing import IO

import imageio_ffmpeg

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH when imported (earmark hands it imageio-ffmpeg's binary)
    # and imports audioop, deprecated since Python 3.11.
    warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from pipeline.errors import EarmarkError, OutputError

__all__ = [
    "AudioSegment",
    "decode_to_pcm",
    "detect_leading_silence",
    "ffmpeg_error",
    "ffmpeg_exe",
    "ffmpeg_log",
    "ffmpeg_process",
    "run_ffmpeg",
]
"""pydub is imported here, quietly, and handed on: the audio modules take it from here."""


@cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary inside the imageio-ffmpeg package (pydub uses it too)."""
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    return AudioSegment.converter


def run_ffmpeg(args: list[str], stdin: bytes | None = None, timeout: float = 600) -> bytes:
    """Run ffmpeg quietly with ``args``; return its stdout or raise with its last error lines."""
    return ffmpeg_process(args, failure="ffmpeg failed", stdin=stdin, timeout=timeout).stdout


def ffmpeg_process(
    args: list[str],
    *,
    failure: str,
    stdin: bytes | None = None,
    stdout: int | IO[bytes] = subprocess.PIPE,
    loglevel: str = "error",
    timeout: float = 600,
) -> subprocess.CompletedProcess[bytes]:
    """The one way earmark runs ffmpeg to completion: a failure or a hang becomes an
    ``EarmarkError`` that starts with ``failure`` and ends with ffmpeg's last words."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", loglevel,
               "-y", *args]  # fmt: skip
    try:
        done = subprocess.run(
            command, input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise EarmarkError(f"ffmpeg took longer than {timeout:.0f} s and was stopped.") from None
    if done.returncode != 0:
        raise ffmpeg_error(failure, done.stderr, f"exit {done.returncode}")
    return done


def ffmpeg_error(failure: str, stderr: bytes, fallback: str = "") -> EarmarkError:
    """ffmpeg's failure with its last words; a full disk (which ffmpeg reports only by the
    errno's text, somewhere in its log) is an output fault."""
    text = stderr.decode("utf-8", "replace").strip()
    detail = " / ".join(text.splitlines()[-3:]) or fallback
    if os.strerror(errno.ENOSPC) in text:
        return OutputError.from_os_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), failure)
    return EarmarkError(f"{failure}: {detail}")


def decode_to_pcm(data: bytes, sample_rate: int) -> bytes:
    """Decode compressed audio (e.g. MP3 bytes) to mono 16-bit PCM at ``sample_rate``."""
    return run_ffmpeg(
        ["-i", "pipe:0", "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1",
         "-ar", str(sample_rate), "pipe:1"],
        stdin=data,
    )  # fmt: skip


def ffmpeg_log(args: list[str], output: Path) -> str:
    """Run ffmpeg at info level (filters report there) and return its log."""
    done = ffmpeg_process(args, failure=f"ffmpeg could not write {output.name}", loglevel="info")
    return done.stderr.decode("utf-8", "replace")
