"""What the book-level files are called, so every writer that links one finds it: the book
MP3 and its transcript and chapters, the track transcripts, and the two feeds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SPOILER_FREE_SUFFIX = "-spoiler-free"


def book_mp3_name(slug: str, spoiler_free: bool = False, extension: str = "mp3") -> str:
    """``<slug>.mp3`` or ``<slug>-spoiler-free.mp3`` (or another ``extension``: the book's
    transcript and chapters are named the same way)."""
    return f"{slug}{SPOILER_FREE_SUFFIX if spoiler_free else ''}.{extension}"


def transcript_name(track_file: str) -> str:
    """The transcript beside a track: ``audio/NN - Title.vtt``."""
    return str(Path(track_file).with_suffix(".vtt"))


@dataclass(frozen=True)
class FeedEdition:
    """One of the two feeds: its file and the manifest outputs its items enclose."""

    file_name: str
    spoiler_free: bool
    audio: str
    transcript: str
    chapters: str
    duration: str


EDITIONS = (
    FeedEdition("feed.xml", False, "book_mp3", "transcript", "chapters", "duration_s"),
    FeedEdition(
        "feed-spoiler-free.xml",
        True,
        "book_mp3_spoiler_free",
        "transcript_spoiler_free",
        "chapters_spoiler_free",
        "duration_spoiler_free_s",
    ),
)


ENCLOSED = tuple(
    key for edition in EDITIONS for key in (edition.audio, edition.transcript, edition.chapters)
)
"""The manifest outputs an article needs to be an item of the feeds."""
