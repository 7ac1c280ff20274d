"""The only module that runs ffmpeg (the binary shipped by imageio-ffmpeg; no system install)."""

from __future__ import annotations

import re
import subprocess
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import imageio_ffmpeg

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH when imported (earmark hands it imageio-ffmpeg's binary)
    # and imports audioop, deprecated since Python 3.11.
    warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

__all__ = [
    "AudioSegment",
    "Mastered",
    "detect_leading_silence",
    "encode_mp3",
    "ffmpeg_exe",
    "master",
]

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


MASTER_SAMPLE_RATE = 44100
TARGET_RMS_DBFS = -20.0
"""ACX: RMS between -23 and -18 dB; aim for the middle."""
RMS_TOLERANCE_DB = 0.75
"""A track this close to the target is accepted; further off, it is mastered again."""
PEAK_CEILING_DBFS = -4.0
"""ACX allows -3 dBFS peaks; the limiter aims 1 dB lower so lossy encoding cannot overshoot."""
MASTERING_ATTEMPTS = 4
LIMITER_ALLOWANCE_DB = 1.2
"""First guess of the RMS the limiter takes back from peak-normalised speech (measured on
Piper's voice); the measurement after each attempt corrects it."""


@dataclass(frozen=True)
class Mastered:
    """What the mastering pass measured on the audio it wrote."""

    gain_db: float
    rms_dbfs: float
    peak_dbfs: float
    attempts: int


def master(pcm_path: Path, sample_rate: int, rms_dbfs: float, wav_path: Path) -> Mastered:
    """Master mono PCM to the audiobook numbers into a 44.1 kHz WAV, the source of every
    encoded format.

    A gain brings the RMS to the target and a look-ahead limiter (delay compensated, so
    timings measured on the PCM hold) keeps peaks under the ceiling. The same ffmpeg pass
    measures what it wrote; when the limiter took back too much (short tracks are mostly room
    tone, so their speech must be pushed hard), the gain is corrected and the pass repeated.
    """
    gain = TARGET_RMS_DBFS - rms_dbfs + LIMITER_ALLOWANCE_DB
    best: Mastered | None = None
    for attempt in range(1, MASTERING_ATTEMPTS + 1):
        rms, peak = _master_and_measure(pcm_path, sample_rate, gain, wav_path)
        result = Mastered(gain, rms, peak, attempt)
        if best is None or abs(rms - TARGET_RMS_DBFS) < abs(best.rms_dbfs - TARGET_RMS_DBFS):
            best = result
        if abs(rms - TARGET_RMS_DBFS) <= RMS_TOLERANCE_DB:
            return result
        gain += TARGET_RMS_DBFS - rms
    if best.attempts != MASTERING_ATTEMPTS:
        _master_and_measure(pcm_path, sample_rate, best.gain_db, wav_path)
    return best


def _master_and_measure(
    pcm_path: Path, sample_rate: int, gain_db: float, wav_path: Path
) -> tuple[float, float]:
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    graph = (
        f"[0:a]aresample={MASTER_SAMPLE_RATE},volume={gain_db:.2f}dB,"
        f"alimiter=limit={ceiling:.4f}:level=disabled:attack=3:release=60:latency=1,"
        "asplit=2[out][probe];"
        "[probe]astats=measure_perchannel=none:measure_overall=RMS_level+Peak_level,anullsink"
    )
    log = _ffmpeg_log([
        "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcm_path),
        "-filter_complex", graph, "-map", "[out]", "-c:a", "pcm_s16le", str(wav_path),
    ], wav_path)  # fmt: skip
    rms = re.search(r"RMS level dB: (-?[\d.]+|-inf)", log)
    peak = re.search(r"Peak level dB: (-?[\d.]+|-inf)", log)
    if rms is None or peak is None:
        raise EarmarkError(f"ffmpeg did not measure {wav_path.name} while mastering it.")
    return float(rms.group(1)), float(peak.group(1))


def encode_mp3(wav_path: Path, mp3_path: Path, bitrate: str, sample_rate: int) -> None:
    """Encode a mastered WAV as mono CBR MP3 (LAME writes the gapless header, so decoders
    trim its padding and durations stay exact)."""
    _ffmpeg_log([
        "-i", str(wav_path), "-c:a", "libmp3lame", "-b:a", bitrate,
        "-ar", str(sample_rate), "-ac", "1", str(mp3_path),
    ], mp3_path)  # fmt: skip


def _ffmpeg_log(args: list[str], output: Path) -> str:
    """Run ffmpeg at info level (filters report there) and return its log."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-y", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        detail = " / ".join(done.stderr.strip().splitlines()[-3:])
        raise EarmarkError(f"ffmpeg could not write {output.name}: {detail}")
    return done.stderr
