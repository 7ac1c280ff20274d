"""Measure built audio with ffmpeg, as a mastering engineer would: loudness, peaks, silences."""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.system.ffmpeg import ffmpeg_exe


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
    silences: tuple[tuple[float, float], ...] = ()
    """(start, end) of every silence of 0.3 s or more."""


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
        silences=tuple(zip(starts, [*ends, duration][: len(starts)], strict=True)),
    )


@dataclass(frozen=True)
class ChapterMark:
    """A chapter as ffmpeg reads it from a file."""

    start: float
    end: float
    title: str


def chapter_marks(path: Path) -> list[ChapterMark]:
    """The chapters ``ffmpeg -i`` lists (imageio-ffmpeg ships no ffprobe)."""
    log = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True
    ).stderr  # ffmpeg exits 1 without an output file; the listing is complete by then
    found = re.findall(
        r"Chapter #\d+:\d+: start (-?[\d.]+), end (-?[\d.]+)\n\s+Metadata:\n\s+title\s+: (.*)", log
    )
    return [ChapterMark(float(start), float(end), title) for start, end, title in found]


def mp4_boxes(data: bytes) -> list[tuple[str, bytes]]:
    """The boxes directly inside ``data`` (an MP4 file or a box's payload): (type, payload)."""
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[offset + 8 : offset + 16])[0], 16
        elif size == 0:
            size = len(data) - offset
        boxes.append((kind.decode("latin-1"), data[offset + header : offset + size]))
        offset += size
    return boxes


def mp4_box(data: bytes, *path: str) -> bytes | None:
    """The payload of the first box at ``path`` ("moov", "udta", "chpl"), or None."""
    for name in path:
        data = next((payload for kind, payload in mp4_boxes(data) if kind == name), None)
        if data is None:
            return None
    return data


def _number(log: str, pattern: str) -> float:
    return float(re.search(pattern, log).group(1))


def decode_pcm(data: bytes, rate: int) -> bytes:
    """Decode compressed audio bytes to mono 16-bit PCM at ``rate``."""
    from pipeline.system.ffmpeg import decode_to_pcm

    return decode_to_pcm(data, rate)
