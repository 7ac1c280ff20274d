"""The catalog: every article published in an output folder, read back from its manifest,
for the batch writers (feeds, the batch index) in ``pipeline.publishing.catalog``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Project
from pipeline.writers.manifest import MANIFEST_NAME
from pipeline.writers.names import ENCLOSED


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

    @property
    def feed_entries(self) -> tuple[CatalogEntry, ...]:
        """The articles narrated with everything a feed item encloses."""
        return tuple(e for e in self.entries if all(e.output(k) for k in ENCLOSED))

    @property
    def has_feeds(self) -> bool:
        """Whether the feeds writer publishes feeds for this folder."""
        return self.project.feed.published and bool(self.feed_entries)


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
