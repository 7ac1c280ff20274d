"""Batch-level files: what the output folder offers as a whole (the podcast feeds, and any
other catalogue), written after every build from the manifests of every article there, not
only the ones built in this run.

A batch writer is ``(Catalog) -> [notice]``: it writes its own files into
``catalog.out_dir`` (atomically: ``pipeline.atomic.write_atomically``) and returns notices
for the user (e.g. how to enable something it skipped). Adding one is one function and one row in
``BATCH_WRITERS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError
from pipeline.feeds import write_feeds
from pipeline.project import Project
from pipeline.writers.manifest import MANIFEST_NAME
from pipeline.writers.web_index import write_index


@dataclass(frozen=True)
class CatalogEntry:
    """One published article folder."""

    slug: str
    folder: Path
    manifest: Mapping[str, Any]
    """Its ``manifest.json`` as parsed (paths in it are relative to ``folder``)."""

    def output(self, key: str) -> Path | None:
        """The file of one manifest output (``book_mp3``, ``transcript``, ...), if listed."""
        name = self.manifest.get("outputs", {}).get(key)
        return self.folder / name if name else None


@dataclass(frozen=True)
class Catalog:
    """Every article published in an output folder, and the project's settings."""

    out_dir: Path
    entries: tuple[CatalogEntry, ...]
    """By slug, so batch files do not depend on build order."""
    project: Project


BatchWriter = Callable[[Catalog], list[str]]


def scan(out_dir: Path, project: Project) -> Catalog:
    """Read the manifest of every article folder in ``out_dir`` (staging folders, which
    start with a dot, and folders without a readable manifest are not articles)."""
    entries = []
    folders = sorted(out_dir.iterdir()) if out_dir.is_dir() else []
    for folder in folders:
        path = folder / MANIFEST_NAME
        if folder.name.startswith(".") or not path.is_file():
            continue
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        entries.append(CatalogEntry(folder.name, folder, manifest))
    return Catalog(out_dir, tuple(entries), project)


BATCH_WRITERS: dict[str, BatchWriter] = {
    "feeds": write_feeds,
    "index": write_index,
}
"""Batch writers by name, run in this order after every build."""


def write_batch_files(out_dir: Path, project: Project) -> list[str]:
    """Run every batch writer on the output folder; return their notices. A file that cannot
    be written is an ``OutputError``."""
    try:
        catalog = scan(out_dir, project)
        return [notice for writer in BATCH_WRITERS.values() for notice in writer(catalog)]
    except OSError as error:
        raise OutputError.from_os_error(error, Path(error.filename or out_dir)) from None
