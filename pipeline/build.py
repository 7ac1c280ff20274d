"""Build one article: read, decide spoilers, run the writers, publish the folder atomically."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from slugify import slugify

from pipeline.config import BuildConfig, SpoilerMode
from pipeline.errors import EarmarkError, SourceError
from pipeline.narration.cache import SentenceCache, default_cache_dir
from pipeline.narration.engines import make_engine
from pipeline.narration.narrate import Narration, narrate
from pipeline.narration.script import build_script
from pipeline.publication import Publication
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers, omit_spoilers
from pipeline.staging import staged_folder
from pipeline.writers import WRITERS, with_requirements
from pipeline.writers.manifest import write_manifest


@dataclass(frozen=True)
class BuildResult:
    """What happened to one article."""

    source: Path
    slug: str
    out_path: Path | None = None
    sections: int = 0
    spoilers: int = 0
    duration: float = 0.0
    """Seconds of narration (0 when no audio was built)."""
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
    formats = with_requirements(config.formats)
    with tempfile.TemporaryDirectory(prefix="earmark-") as work:
        if any(WRITERS[name].narrated for name in formats):
            publication = replace(
                publication, narration=narrate_publication(publication, Path(work))
            )
        with staged_folder(config.out_dir, publication.slug) as staging:
            outputs: dict[str, str] = {}
            for name in formats:
                outputs.update(WRITERS[name].write(publication, staging))
            write_manifest(publication, outputs, staging)
    sections = publication.article.sections
    narration = publication.narration
    return BuildResult(
        source=path,
        slug=publication.slug,
        out_path=config.out_dir / publication.slug,
        sections=len(sections),
        spoilers=sum(section.spoiler for section in sections),
        duration=sum(t.duration for t in narration.tracks) if narration else 0.0,
        seconds=time.perf_counter() - started,
    )


def narrate_publication(publication: Publication, work_dir: Path) -> Narration:
    """Speak every chapter with the configured engine, through the sentence cache."""
    config = publication.config
    engine = make_engine(config.engine, config.engine_options, publication.article.metadata.lang)
    tracks = build_script(publication, engine.narrator)
    speech_cache = SentenceCache(config.cache_dir or default_cache_dir())
    narrated = tuple(narrate(tracks, engine, speech_cache, work_dir))
    return Narration(engine.name, engine.voice, engine.narrator, narrated)
