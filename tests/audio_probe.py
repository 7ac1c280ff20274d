"""Measure built audio with ffmpeg, as a mastering engineer would: loudness, peaks, silences."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.media import ffmpeg_exe


@dataclass(frozen=True)
class Levels:
    """What ffmpeg's astats and silencedetect say about one decoded file."""

    duration: float
    rms_db: float
    peak_db: float
    head_silence: float
    """Seconds of silence (below -50 dB) before the first sound."""
    tail_silence: float
    """Seconds of silence after the last sound."""
    sample_rate: int
    channels: int
    codec: str


def measure(path: Path) -> Levels:
    """Decode ``path`` once through astats and silencedetect and read the results."""
    log = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-af",
         "astats=measure_perchannel=none,silencedetect=noise=-50dB:d=0.3", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    stream = re.search(r"Stream #0:0.*?: Audio: (\w+).*?, (\d+) Hz, (mono|stereo)", log)
    rate = int(stream.group(2))
    duration = int(_number(log, r"Number of samples: (\d+)")) / rate
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", log)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.]+)", log)]
    head = ends[0] if starts and starts[0] <= 0.01 and ends else 0.0
    # At the end of the stream silencedetect may or may not report a closing silence_end.
    open_at_end = len(ends) < len(starts) or (ends and ends[-1] >= duration - 0.01)
    tail = duration - starts[-1] if starts and open_at_end else 0.0
    return Levels(
        duration=duration,
        rms_db=_number(log, r"RMS level dB: (-?[\d.]+)"),
        peak_db=_number(log, r"Peak level dB: (-?[\d.]+)"),
        head_silence=head,
        tail_silence=tail,
        sample_rate=rate,
        channels=1 if stream.group(3) == "mono" else 2,
        codec=stream.group(1),
    )


def _number(log: str, pattern: str) -> float:
    return float(re.search(pattern, log).group(1))


def decode_pcm(data: bytes, rate: int) -> bytes:
    """Decode compressed audio bytes to mono 16-bit PCM at ``rate``."""
    from pipeline.media import decode_to_pcm

    return decode_to_pcm(data, rate)
