"""Build one article: read, decide spoilers, run the writers, publish the folder atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from pipeline.config import BuildConfig, SpoilerMode
from pipeline.errors import EarmarkError, SourceError
from pipeline.publication import Publication
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers, omit_spoilers
from pipeline.staging import staged_folder
from pipeline.writers import WRITERS
from pipeline.writers.manifest import write_manifest


@dataclass(frozen=True)
class BuildResult:
    """What happened to one article."""

    source: Path
    slug: str
    out_path: Path | None = None
    sections: int = 0
    spoilers: int = 0
    seconds: float = 0.0
    error: EarmarkError | None = None

    @property
    def ok(self) -> bool:
        """Whether the article was built."""
        return self.error is None


def slug_for_source(path: Path) -> str:
    """The output name of an article: a file-safe slug of its file name."""
    return slugify(path.stem, max_length=80) or "article"


def prepare(path: Path, config: BuildConfig, slug: str | None = None) -> Publication:
    """Read an article and decide its spoilers; no file is written."""
    article = mark_spoilers(read_article(path))
    if config.spoilers is SpoilerMode.OMIT:
        article = omit_spoilers(article)
        if not article.sections:
            raise SourceError(
                path,
                "every section is a spoiler, so a spoiler-free edition would be empty.",
                "Build it with --spoilers mark instead.",
            )
    return Publication(slug=slug or slug_for_source(path), article=article, config=config)


def build_article(path: Path, config: BuildConfig, slug: str | None = None) -> BuildResult:
    """Build every requested format of one article into ``config.out_dir/<slug>/``."""
    started = time.perf_counter()
    publication = prepare(path, config, slug)
    with staged_folder(config.out_dir, publication.slug) as staging:
        outputs: dict[str, str] = {}
        for name in config.formats:
            outputs.update(WRITERS[name](publication, staging))
        write_manifest(publication, outputs, staging)
    sections = publication.article.sections
    return BuildResult(
        source=path,
        slug=publication.slug,
        out_path=config.out_dir / publication.slug,
        sections=len(sections),
        spoilers=sum(section.spoiler for section in sections),
        seconds=time.perf_counter() - started,
    )
