"""Writers turn a Publication into files; the table maps a ``--formats`` name to its writer.

A writer is ``(publication, out_dir) -> {output name: path relative to out_dir}``; what it
returns goes into the manifest's ``outputs``. Writers run at once (each in a thread), so a
writer only writes its own files. Adding a format is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.audio.renditions import MP3_RENDITION, Rendition
from pipeline.publication import Publication
from pipeline.writers.audiobook.book_mp3 import write_book_mp3
from pipeline.writers.audiobook.m4b import M4B_AUDIO, write_m4b
from pipeline.writers.audiobook.mp3 import write_mp3
from pipeline.writers.audiobook.playlists import write_playlists
from pipeline.writers.epub import EPUB_AUDIO, write_epub
from pipeline.writers.podcast.chapters_json import write_chapters
from pipeline.writers.podcast.transcripts import write_transcripts
from pipeline.writers.web import write_web

Writer = Callable[[Publication, Path], dict[str, str]]


@dataclass(frozen=True)
class WriterSpec:
    """A writer and what it needs before it can run."""

    write: Writer
    narrated: bool = False
    """Needs ``publication.narration``: the build synthesizes speech first."""
    requires: tuple[str, ...] = ()
    """Other formats this one refers to; asking for it builds them too."""
    renditions: tuple[Rendition, ...] = ()
    """Per-track encodings it uses, made in the mastering pass (when the book is narrated;
    the lossless master is always made)."""
    book_rendition: Rendition | None = None
    """An encoding of the whole book as one stream, made while tracks are mastered."""
    spoiler_free_cut: bool = False
    """Uses the spoiler-free cut's tracks (``Narration.spoiler_free``), narrated after the
    book: only its edition line in the credits is new speech."""


WRITERS: dict[str, WriterSpec] = {
    "epub": WriterSpec(write_epub, renditions=(EPUB_AUDIO,)),
    "mp3": WriterSpec(write_mp3, narrated=True, renditions=(MP3_RENDITION,)),
    "m4b": WriterSpec(write_m4b, narrated=True, book_rendition=M4B_AUDIO),
    "playlists": WriterSpec(write_playlists, narrated=True, requires=("mp3",)),
    "book-mp3": WriterSpec(
        write_book_mp3, narrated=True, renditions=(MP3_RENDITION,), spoiler_free_cut=True
    ),
    "transcripts": WriterSpec(
        write_transcripts, narrated=True, requires=("mp3", "book-mp3"), spoiler_free_cut=True
    ),
    "chapters": WriterSpec(
        write_chapters, narrated=True, requires=("book-mp3",), spoiler_free_cut=True
    ),
    "web": WriterSpec(write_web, narrated=True, requires=("book-mp3", "transcripts", "chapters")),
}


def with_requirements(formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats`` plus what they require, in table order (the order of the manifest's
    ``outputs``)."""
    wanted: set[str] = set()
    pending = list(formats)
    while pending:  # requirements of requirements too: web -> transcripts -> mp3
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            pending.extend(WRITERS[name].requires)
    return tuple(name for name in WRITERS if name in wanted)
