"""A batch's vocabulary, shared by the local batch (``pipeline.publishing.batch``) and the
Dask cluster (``pipeline.publishing.cluster``): a job, its progress, an executor that builds
jobs somewhere, building one article so that every failure is a result, and how many
articles this machine builds at once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.config import BuildConfig
from pipeline.errors import EarmarkError
from pipeline.publishing.build import BuildResult, build_article
from pipeline.system.processes import available_cpus, default_voice_workers

logger = logging.getLogger(__name__)

ArticleProgress = Callable[[str, int, int], None]
"""Called with (article slug, utterances done, utterances in the article)."""
Job = tuple[Path, str]
"""An article to build: (source, output name)."""
Executor = Callable[[list[Job], BuildConfig, ArticleProgress], Iterator[BuildResult]]
"""Builds the jobs somewhere (here, in local processes, on a Dask cluster) and yields each
result as it finishes; every failure is a result. Closing it stops the builds in progress."""


def local_workers(config: BuildConfig, articles: int, voices: int = 0) -> int:
    """Articles built at once on this machine: ``-j`` (default: one per core), no more than
    there are articles or voice processes allowed (``voices``, default ``--voice-workers`` or
    what fits the machine)."""
    voices = voices or config.voice_workers or default_voice_workers()
    return min(config.jobs or available_cpus(), max(articles, 1), voices)


def build_one(
    source: Path,
    config: BuildConfig,
    slug: str,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> BuildResult:
    """Build one article; every failure becomes a result, never an exception."""
    try:
        return build_article(source, config, slug, on_progress)
    except EarmarkError as error:
        return BuildResult.failed(source, slug, error)
    except Exception as error:  # a bug must not stop the other articles either
        logger.exception("unexpected error while building %s", source)
        return BuildResult.failed(
            source,
            slug,
            EarmarkError(
                f"{source}: unexpected error ({type(error).__name__}: {error}).",
                "This is a bug in earmark; please report it with the traceback above.",
            ),
        )
