"""One M4B audiobook: the whole narration as one AAC stream, a chapter mark per track titled
like it, the book's tags and the cover."""

from __future__ import annotations

from pathlib import Path

from pipeline.audio.m4b import AudioChapter, package_m4b
from pipeline.audio.renditions import Rendition
from pipeline.publication import Publication
from pipeline.writers.audiobook.mp3 import book_artist, iso639_2, narrated_by

M4B_AUDIO = Rendition(
    "m4b-audio",
    ".m4a",
    ("-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k", "-ar", "22050", "-ac", "1", "-f", "mp4"),
)
"""Mono speech in AAC-LC at 64 kbps, a third of the MP3s' size, encoded by the narration stage
as one stream while tracks are mastered. 22.05 kHz is Piper's own rate (gTTS speaks at 24 kHz):
the master's upper octave is empty, so it would cost bits for nothing. The fast coder is also
the steadier one: ffmpeg's default (two-loop) coder overshoots the peak ceiling on some speech
onsets."""


def write_m4b(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Package the narration's AAC stream as ``<slug>.m4b`` with chapter marks titled like
    the tracks ("Spoiler: ..." for spoilers), the book's tags and the cover."""
    narration = publication.narration
    assert narration is not None and M4B_AUDIO.name in narration.book_audio, "narrated with M4B"
    meta = publication.article.metadata
    spoilers = any(t.track.chapter.spoiler for t in narration.tracks)
    tags = {
        "title": meta.title,
        "artist": book_artist(publication),
        "album": meta.title,
        "genre": "Audiobook",
        "comment": (
            "Chapters titled \u201cSpoiler: \u2026\u201d reveal the plot. " if spoilers else ""
        )
        + narrated_by(narration),
    }
    name = f"{publication.slug}.m4b"
    package_m4b(
        narration.book_audio[M4B_AUDIO.name],
        [AudioChapter(t.track.title, t.duration) for t in narration.tracks],
        tags,
        publication.cover.data if publication.cover else None,
        out_dir / name,
        iso639_2(meta.lang),
    )
    return {"m4b": name}
