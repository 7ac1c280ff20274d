"""Build one article: read, decide spoilers, narrate, run the writers, publish the folder
atomically, or do nothing when the published folder is already current."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from slugify import slugify

from pipeline.audio.cache import SentenceCache, TrackCache, default_cache_dir
from pipeline.audio.cache_prune import running_build
from pipeline.audio.narrate import Progress, narrate
from pipeline.audio.spoiler_free import narrate_spoiler_free
from pipeline.config import BuildConfig, SpoilerMode
from pipeline.edition.cover import checked_cover, make_cover
from pipeline.edition.images import load_images
from pipeline.engines import make_engine
from pipeline.engines.base import Engine
from pipeline.errors import EarmarkError, SourceError, UsageError
from pipeline.narration.script import build_script
from pipeline.publication import Publication
from pipeline.publishing.incremental import current_stamp, fingerprint, write_stamp
from pipeline.publishing.staging import output_lock, staged_folder
from pipeline.readers import read_article
from pipeline.speech.lexicon import merge as merge_lexicons
from pipeline.speech.lexicon import read_house_lexicon
from pipeline.spoilers import mark_spoilers, omit_spoilers
from pipeline.writers import WRITERS, with_requirements
from pipeline.writers.manifest import write_manifest


class Status(StrEnum):
    """What a build did with an article."""

    BUILT = "built"
    UNCHANGED = "unchanged"
    """The published folder was current: nothing was read past the source, nothing written."""
    FAILED = "failed"
    SKIPPED = "skipped"
    """A draft (``draft: true``) built without ``--drafts``: not an error."""


DRAFT_NOTICE = "draft; pass --drafts to build it"


@dataclass(frozen=True)
class BuildResult:
    """What happened to one article."""

    source: Path
    slug: str
    status: Status = Status.BUILT
    out_path: Path | None = None
    sections: int = 0
    spoilers: int = 0
    duration: float = 0.0
    """Seconds of narration (0 when no audio was built)."""
    seconds: float = 0.0
    synthesized: int = 0
    """Utterances the engine spoke; the others came from the caches."""
    utterances: int = 0
    error: EarmarkError | None = None
    notices: tuple[str, ...] = ()
    """Warnings about the article that did not stop its build (a theme image not found)."""

    @classmethod
    def failed(cls, source: Path, slug: str, error: EarmarkError) -> BuildResult:
        """The result of an article that could not be built."""
        return cls(source=source, slug=slug, status=Status.FAILED, error=error)

    @property
    def ok(self) -> bool:
        """Whether the article's output is in place (built now, or already current)."""
        return self.error is None


def slug_for_source(path: Path) -> str:
    """The output name of an article: a file-safe slug of its file name."""
    return slugify(path.stem, max_length=80) or "article"


def prepare(path: Path, config: BuildConfig, slug: str | None = None) -> Publication:
    """Read an article (with the house lexicon beside it) and decide its spoilers; no file is
    written."""
    article = mark_spoilers(read_article(path))
    meta = article.metadata
    house = read_house_lexicon(path.parent)
    if house:
        pronunciations = merge_lexicons(house, meta.pronunciations)
        article = replace(article, metadata=replace(meta, pronunciations=pronunciations))
    if config.spoilers is SpoilerMode.OMIT:
        article = omit_spoilers(article)  # all spoiler: title, credits and a note
    return Publication(slug=slug or slug_for_source(path), article=article, config=config)


def build_article(
    path: Path,
    config: BuildConfig,
    slug: str | None = None,
    on_progress: Progress = lambda done, total: None,
) -> BuildResult:
    """Build every requested format of one article into ``config.out_dir/<slug>/``, unless
    the folder there was built from the same inputs (``--force`` rebuilds anyway). One build
    at a time per folder: a second one waits, then usually finds it current."""
    started = time.perf_counter()
    publication = prepare(path, config, slug)
    if publication.article.metadata.draft and not config.drafts:
        return BuildResult(
            source=path,
            slug=publication.slug,
            status=Status.SKIPPED,
            seconds=time.perf_counter() - started,
            notices=(DRAFT_NOTICE,),
        )
    with output_lock(config.out_dir, publication.slug, wait=config.wait):
        return _build_locked(path, publication, config, started, on_progress)


def _build_locked(
    path: Path,
    publication: Publication,
    config: BuildConfig,
    started: float,
    on_progress: Progress,
) -> BuildResult:
    formats = with_requirements(config.formats)
    engine = None
    if any(WRITERS[name].narrated for name in formats):
        meta = publication.article.metadata
        try:
            engine = make_engine(config.engine, config.engine_options, meta.lang)
        except UsageError as error:  # no voice speaks the article's language
            raise SourceError(path, error.message, error.hint, line=meta.lang_line) from None
    publication, cover_data, notices, inputs = with_inputs(publication, formats, engine)
    out_path = config.out_dir / publication.slug
    stamp = None if config.force else current_stamp(out_path, inputs)
    if stamp is not None:
        return BuildResult(
            source=path,
            slug=publication.slug,
            status=Status.UNCHANGED,
            out_path=out_path,
            sections=stamp.sections,
            spoilers=stamp.spoilers,
            duration=stamp.duration,
            seconds=time.perf_counter() - started,
            notices=notices,
        )
    publication = replace(publication, cover=make_cover(publication.article, cover_data))
    sections = publication.article.sections
    spoilers = sum(section.spoiler for section in sections)
    with staged_folder(config.out_dir, publication.slug) as staging:
        if engine is not None:
            work = staging / ".work"
            work.mkdir()
            with closing(engine):
                publication = _narrated(publication, engine, formats, work, on_progress)
        outputs = _write_formats(publication, formats, staging)
        write_manifest(publication, outputs, staging)
        if engine is not None:
            shutil.rmtree(work)
        narration = publication.narration
        duration = sum(t.duration for t in narration.tracks) if narration else 0.0
        write_stamp(staging, inputs, len(sections), spoilers, duration)
    return BuildResult(
        source=path,
        slug=publication.slug,
        out_path=out_path,
        sections=len(sections),
        spoilers=spoilers,
        duration=duration,
        seconds=time.perf_counter() - started,
        synthesized=narration.synthesized if narration else 0,
        utterances=sum(len(t.track.utterances) for t in narration.tracks) if narration else 0,
        notices=notices,
    )


def _narrated(
    publication: Publication,
    engine: Engine,
    formats: tuple[str, ...],
    work_dir: Path,
    on_progress: Progress,
) -> Publication:
    """The publication with every chapter spoken, in the renditions ``formats`` use."""
    cache_dir = publication.config.cache_dir or default_cache_dir()
    caches = (SentenceCache(cache_dir), TrackCache(cache_dir))
    with running_build(cache_dir):
        narration = narrate(
            build_script(
                publication, engine.narrator, engine.wants_normalized, engine.takes_phonemes
            ),
            engine,
            caches,
            work_dir,
            [rendition for name in formats for rendition in WRITERS[name].renditions],
            tuple(dict.fromkeys(b for name in formats if (b := WRITERS[name].book_rendition))),
            on_progress,
        )
        cut_users = [WRITERS[name] for name in formats if WRITERS[name].spoiler_free_cut]
        if cut_users:
            narration = narrate_spoiler_free(
                narration,
                engine,
                caches,
                work_dir,
                publication.article.metadata.lang,
                [rendition for spec in cut_users for rendition in spec.renditions],
            )
    return replace(publication, narration=narration)


def _write_formats(
    publication: Publication, formats: tuple[str, ...], out_dir: Path
) -> dict[str, str]:
    """Run the writers at once (the M4B's ffmpeg encodes while the EPUB is zipped); return
    their manifest ``outputs`` in table order."""
    with ThreadPoolExecutor(len(formats), thread_name_prefix="earmark-write") as pool:
        written = [pool.submit(WRITERS[name].write, publication, out_dir) for name in formats]
        outputs: dict[str, str] = {}
        for future in written:
            outputs.update(future.result())
    return outputs


def with_inputs(
    publication: Publication, formats: tuple[str, ...], engine: Engine
) -> tuple[Publication, bytes | None, tuple[str, ...], str]:
    """What a build of ``publication`` reads besides the source: the checked cover (read once,
    used twice), the article's images; and so its fingerprint. Also the warnings to show.
    ``earmark proof`` calls this too, so it judges a build by the same inputs."""
    article, cover_data, warning = checked_cover(publication.article)
    reader = tuple(f"warning: {text}" for text in article.warnings)  # what the reader removed
    notices = (*reader, warning) if warning else reader
    publication = replace(publication, article=article, images=load_images(article))
    return publication, cover_data, notices, fingerprint(publication, formats, engine, cover_data)
