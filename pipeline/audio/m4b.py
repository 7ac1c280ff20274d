"""The M4B: the book stream remuxed with chapter marks, tags and cover."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.system.ffmpeg import ffmpeg_log


@dataclass(frozen=True)
class AudioChapter:
    """One chapter of a chaptered audiobook: its mark's title and its exact length."""

    title: str
    duration: float
    """Seconds; chapter marks are placed by the running sum of these."""


def package_m4b(
    audio: Path,
    chapters: Sequence[AudioChapter],
    tags: Mapping[str, str],
    cover: bytes | None,
    m4b_path: Path,
    language: str = "und",
) -> None:
    """Put an encoded book (AAC) into an M4B with chapter marks, book tags and a cover,
    without re-encoding it.

    The mov muxer stores the chapters twice: as a QuickTime chapter text track (the audio
    track's ``tref/chap``; Apple Books and iTunes read it) and as a Nero ``chpl`` atom (most
    other players).
    """
    with tempfile.TemporaryDirectory(prefix="earmark-m4b-") as work:
        metadata = Path(work, "metadata.txt")
        metadata.write_text(ffmetadata(chapters, tags), encoding="utf-8")
        inputs = ["-i", str(audio), "-i", str(metadata)]
        maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover is not None:
            picture = Path(work, "cover")  # ffmpeg tells JPEG from PNG by content
            picture.write_bytes(cover)
            inputs += ["-i", str(picture)]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
        ffmpeg_log([
            *inputs, *maps, "-c:a", "copy", "-metadata:s:a:0", f"language={language}",
            "-movflags", "+faststart", "-brand", "M4B ", "-f", "ipod", str(m4b_path),
        ], m4b_path)  # fmt: skip


def ffmetadata(chapters: Sequence[AudioChapter], tags: Mapping[str, str]) -> str:
    """An FFMETADATA1 file: global ``tags``, then one ``[CHAPTER]`` per chapter, in
    milliseconds from the running sum of exact durations (so marks never drift)."""
    lines = [";FFMETADATA1", *(f"{key}={_ffmeta_escape(value)}" for key, value in tags.items())]
    start = 0.0
    for chapter in chapters:
        end = start + chapter.duration
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(start * 1000)}",
            f"END={round(end * 1000)}",
            f"title={_ffmeta_escape(chapter.title)}",
        ]
        start = end
    return "\n".join(lines) + "\n"


def _ffmeta_escape(text: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", text)
