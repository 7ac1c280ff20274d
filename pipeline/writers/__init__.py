"""Writers turn a Publication into files; the table maps a ``--formats`` name to its writer.

A writer is ``(publication, out_dir) -> {output name: path relative to out_dir}``; what it
returns goes into the manifest's ``outputs``. Adding a format is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.publication import Publication
from pipeline.writers.epub import write_epub
from pipeline.writers.mp3 import write_mp3
from pipeline.writers.playlists import write_playlists

Writer = Callable[[Publication, Path], dict[str, str]]


@dataclass(frozen=True)
class WriterSpec:
    """A writer and what it needs before it can run."""

    write: Writer
    narrated: bool = False
    """Needs ``publication.narration``: the build synthesizes speech first."""
    requires: tuple[str, ...] = ()
    """Other formats this one refers to; asking for it builds them too."""


WRITERS: dict[str, WriterSpec] = {
    "epub": WriterSpec(write_epub),
    "mp3": WriterSpec(write_mp3, narrated=True),
    "playlists": WriterSpec(write_playlists, narrated=True, requires=("mp3",)),
}


def with_requirements(formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats`` plus what they require, in table order (so mp3 is written before the
    playlists that list it)."""
    wanted = set(formats)
    for name in formats:
        wanted.update(WRITERS[name].requires)
    return tuple(name for name in WRITERS if name in wanted)
