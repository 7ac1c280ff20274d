"""Front-matter-style overrides for a page: ``NAME.yaml`` (or ``NAME.yml``) beside
``NAME.html``, with the keys of Markdown front matter (SIDECAR_KEYS). Its values win over what
the page says; a bad value is ``NAME.yaml:line``, exit 2."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from pipeline.errors import SourceError
from pipeline.model import Metadata
from pipeline.readers.front_matter import (
    FrontMatter,
    pronunciations,
    split_front_matter,
    spoiler_list,
    text_value,
)
from pipeline.readers.named_files import NamedFile, read_named_file

MAX_SIDECAR_BYTES = 64 * 1024
SIDECAR_SUFFIXES = (".yaml", ".yml")
SIDECAR_KEYS = ("title", "author", "date", "description", "lang", "cover")
"""Text keys; ``spoilers`` and ``pronunciations`` are read as in front matter."""


def sidecar_path(page: Path) -> Path | None:
    """The page's sidecar file, when there is one."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = page.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def with_sidecar(page: Path, metadata: Metadata) -> Metadata:
    """``metadata`` with the sidecar's values put over it."""
    path = sidecar_path(page)
    if path is None:
        return metadata
    text = read_named_file(NamedFile(page, "sidecar", path.name), MAX_SIDECAR_BYTES).decode(
        "utf-8", errors="replace"
    )
    try:
        aliased = any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text))
    except yaml.YAMLError:
        aliased = False  # split_front_matter reports the error with its line
    if aliased:
        raise SourceError(path, "YAML aliases (*name) are not read in a sidecar.", line=1)
    front = split_front_matter(path, ["---", *text.split("\n"), "---"])
    front = FrontMatter(front.values, {k: n - 1 for k, n in front.lines.items()}, 0)
    changes: dict[str, object] = {}
    for key in SIDECAR_KEYS:
        value = text_value(path, front, key)
        if value is not None:
            changes[key] = value
    if "cover" in changes:
        # Checked here, so a missing cover names the sidecar and its line.
        read_named_file(
            NamedFile(path, "cover", str(changes["cover"]), front.lines["cover"], "the cover image")
        )
    sayings = pronunciations(path, front)
    if sayings:
        changes["pronunciations"] = sayings
    spoilers = spoiler_list(path, front)
    if spoilers is not None:
        changes["spoilers"] = spoilers
        changes["spoilers_line"] = 0
    return dataclasses.replace(metadata, **changes)
