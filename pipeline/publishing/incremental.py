"""Incremental builds: a fingerprint of everything an article's outputs depend on, kept in a
stamp beside them, so a rebuild with nothing changed reads the article and stops.

What changed inside a book (one sentence, one section) is the caches' business
(``pipeline.audio.cache``); this module only answers "is the whole folder still current?".
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from pipeline.audio.cache import cache_key, file_digest
from pipeline.engines.base import Engine
from pipeline.publication import Publication

STAMP_NAME = ".earmark-build.json"


@dataclass(frozen=True)
class Stamp:
    """What the last successful build of a folder was made from, and what it wrote."""

    fingerprint: str
    files: dict[str, int]
    """Every file of the build (path relative to the folder) and its size in bytes."""
    sections: int
    spoilers: int
    duration: float


def fingerprint(
    publication: Publication,
    formats: tuple[str, ...],
    engine: Engine | None,
    cover_data: bytes | None,
) -> str:
    """A digest of the inputs of a build: earmark's own code, the source file, its cover
    (``cover_data``, read by the caller through ``read_named_file``), the pronunciations in
    effect (``build.prepare`` merged the house lexicon beside it into them), the output name,
    formats, spoiler mode, whether the folder has feeds and speech engine settings."""
    article = publication.article
    return cache_key(
        _code_digest(),
        file_digest(article.source),
        hashlib.sha256(cover_data).hexdigest() if cover_data is not None else None,
        article.metadata.pronunciations,
        publication.slug,
        formats,
        publication.config.spoilers.value,
        asdict(publication.config.content),
        [(image.src, hashlib.sha256(image.data).hexdigest()) for image in publication.images],
        publication.config.feeds and "web" in formats,  # the page links the feeds
        [engine.name, engine.voice, engine.settings()] if engine else None,
        os.environ.get("SOURCE_DATE_EPOCH"),
    )


def current_stamp(folder: Path, expected: str) -> Stamp | None:
    """The folder's stamp if it has ``expected`` and every file it lists is there, whole."""
    try:
        stamp = Stamp(**json.loads((folder / STAMP_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if stamp.fingerprint != expected:
        return None
    for name, size in stamp.files.items():
        try:
            if (folder / name).stat().st_size != size:
                return None
        except OSError:
            return None
    return stamp


def write_stamp(folder: Path, fingerprint: str, sections: int, spoilers: int, duration: float):
    """Record the finished build in ``folder`` (before it is moved into place)."""
    files = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != STAMP_NAME
    }
    stamp = Stamp(fingerprint, files, sections, spoilers, round(duration, 3))
    (folder / STAMP_NAME).write_text(json.dumps(asdict(stamp), indent=1), encoding="utf-8")


READ_ONLY_CODE = ("proof", "cli/proof.py")
"""Code that only reads finished builds (``earmark proof``) and makes none of their outputs."""


def code_files() -> list[Path]:
    """earmark's own files, every stage's: the code, the styles, the scripts and word tables
    (not ``READ_ONLY_CODE``)."""
    package = Path(__file__).parents[1]
    return [
        path
        for path in sorted(package.rglob("*"))
        if path.suffix in (".py", ".css", ".js", ".tsv")
        and path.is_file()
        and not _read_only(path.relative_to(package).as_posix())
    ]


def _read_only(name: str) -> bool:
    return any(name == code or name.startswith(f"{code}/") for code in READ_ONLY_CODE)


@cache
def _code_digest() -> str:
    """A digest of ``code_files``: a new version (or a local edit) rebuilds everything."""
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
