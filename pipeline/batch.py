"""Build many articles: expand folders, keep going past a failed article, report each result."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.build import BuildResult, build_article, slug_for_source
from pipeline.config import BuildConfig
from pipeline.errors import EarmarkError, SourceError, UsageError
from pipeline.readers import READERS, is_article

logger = logging.getLogger(__name__)


def collect_sources(paths: Iterable[Path]) -> list[Path]:
    """The articles named by ``paths``: files as given, folders as every article inside them."""
    sources: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and is_article(p) and not p.name.startswith(".")
            )
            if not found:
                raise UsageError(
                    f"{path}: no articles in this folder.",
                    f"earmark reads files ending in {', '.join(sorted(READERS))}.",
                )
            sources.extend(found)
        elif path.exists():
            sources.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder.")
    return list(dict.fromkeys(sources))


def build_all(
    sources: list[Path],
    config: BuildConfig,
    on_result: Callable[[BuildResult], None] = lambda result: None,
) -> list[BuildResult]:
    """Build each article; a failure is recorded in its result and the others still build."""
    results = []
    owners: dict[str, Path] = {}
    for source in sources:
        slug = slug_for_source(source)
        try:
            if slug in owners:
                raise SourceError(
                    source,
                    f"would be written to {config.out_dir / slug}, like {owners[slug]}.",
                    "Rename one of the two files.",
                )
            owners[slug] = source
            result = build_article(source, config, slug)
        except EarmarkError as error:
            result = BuildResult(source=source, slug=slug, error=error)
        except Exception as error:  # a bug must not stop the other articles either
            logger.exception("unexpected error while building %s", source)
            result = BuildResult(
                source=source,
                slug=slug,
                error=EarmarkError(
                    f"{source}: unexpected error ({type(error).__name__}: {error}).",
                    "This is a bug in earmark; please report it with the traceback above.",
                ),
            )
        results.append(result)
        on_result(result)
    return results


def exit_code(results: list[BuildResult]) -> int:
    """0 when all built; 2 when nothing built because of input errors; 1 otherwise."""
    failures = [result.error for result in results if result.error is not None]
    if not failures:
        return 0
    if len(failures) == len(results) and all(
        isinstance(e, (SourceError, UsageError)) for e in failures
    ):
        return 2
    return 1
