"""Build many articles: expand folders, build in parallel worker processes, keep going past a
failed article, report each result."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import replace
from multiprocessing.queues import SimpleQueue
from pathlib import Path

from pipeline.audio.cache import default_cache_dir
from pipeline.audio.cache_prune import batch_pruning
from pipeline.config import BuildConfig
from pipeline.engines import release_engines
from pipeline.errors import BusyError, EarmarkError, SourceError, UsageError
from pipeline.publishing.build import BuildResult, slug_for_source
from pipeline.publishing.jobs import ArticleProgress, Executor, Job, build_one, local_workers
from pipeline.readers import READERS, is_article
from pipeline.system.processes import (
    default_voice_workers,
    init_worker,
    spawn_context,
    stop_workers,
    worker_task,
)

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
    on_progress: ArticleProgress = lambda slug, done, total: None,
) -> list[BuildResult]:
    """Build each article, ``config.jobs`` at a time; a failure is recorded in its result and
    the others still build. Results come back in the order of ``sources``."""
    results: dict[Path, BuildResult] = {}
    jobs: list[tuple[Path, str]] = []
    owners: dict[str, Path] = {}
    for source in sources:
        slug = slug_for_source(source)
        if slug in owners:
            error = SourceError(
                source,
                f"would be written to {config.out_dir / slug}, like {owners[slug]}.",
                "Rename one of the two files.",
            )
            results[source] = BuildResult.failed(source, slug, error)
            on_result(results[source])
            continue
        owners[slug] = source
        jobs.append((source, slug))
    executor, config = choose_executor(config, len(jobs))
    jobs.sort(key=_source_size, reverse=True)
    cache_dir = config.cache_dir or default_cache_dir()
    try:
        with (
            batch_pruning(cache_dir, config.cache_max_size) as after_article,
            closing(executor(jobs, config, on_progress)) as built,
        ):
            for result in built:
                results[result.source] = result
                on_result(result)
                after_article()
    finally:
        release_engines()
    return [results[source] for source in sources]


def _source_size(job: Job) -> int:
    """Longest articles first: the batch then ends on short ones, not with one core busy on
    a long article while the others wait."""
    try:
        return job[0].stat().st_size
    except OSError:
        return 0


def choose_executor(config: BuildConfig, articles: int) -> tuple[Executor, BuildConfig]:
    """Where the batch runs, and the config its articles get. On this machine: ``-j`` articles
    at once (at most one per voice process allowed), each with its share of the voices."""
    if config.scheduler:
        from pipeline.publishing.cluster import dask_executor  # Dask is an optional extra

        return dask_executor(config.scheduler), config
    voices = config.voice_workers or default_voice_workers()
    workers = local_workers(config, articles, voices)
    # Each article gets its share of the voices (Piper runs one process per voice).
    share = max(1, voices // workers)
    config = replace(config, engine_options=replace(config.engine_options, workers=share))
    if workers == 1:
        return _build_here, config
    return functools.partial(_build_in_processes, workers=workers), config


def exit_code(results: list[BuildResult]) -> int:
    """0 when all built; 2 when nothing built because of input errors; 75 when every failure
    is an article another build was writing (``--no-wait``); 1 otherwise."""
    failures = [result.error for result in results if result.error is not None]
    if not failures:
        return 0
    if all(isinstance(e, BusyError) for e in failures):
        return BusyError.exit_code
    if len(failures) == len(results) and all(
        isinstance(e, (SourceError, UsageError)) for e in failures
    ):
        return 2
    return 1


def _build_here(
    jobs: list[Job], config: BuildConfig, on_progress: ArticleProgress
) -> Iterator[BuildResult]:
    """One article after the other, in this process."""
    for source, slug in jobs:
        yield build_one(source, config, slug, functools.partial(on_progress, slug))


_progress_queue: SimpleQueue | None = None


def _start_article_worker(parent: int, queue: SimpleQueue) -> None:
    global _progress_queue
    init_worker(parent)
    _progress_queue = queue


@worker_task
def _build_in_worker(source: Path, slug: str, config: BuildConfig) -> BuildResult:
    queue = _progress_queue
    return build_one(source, config, slug, lambda done, total: queue.put((slug, done, total)))


def _build_in_processes(
    jobs: list[Job], config: BuildConfig, on_progress: ArticleProgress, workers: int
) -> Iterator[BuildResult]:
    """Yield results as articles finish. If a worker process dies (a crash, the OOM killer),
    the pool is lost; the unfinished articles are then built again one process each, so only
    the article that kills its process fails."""
    context = spawn_context()
    queue = context.SimpleQueue()
    with _relay(queue, on_progress):
        broken = yield from _run_pool(jobs, config, workers, context, queue)
        for source, slug in broken:
            if (yield from _run_pool([(source, slug)], config, 1, context, queue)):
                yield BuildResult.failed(source, slug, _died(source))


def _run_pool(
    jobs: list[tuple[Path, str]], config: BuildConfig, workers: int, context, queue: SimpleQueue
) -> Generator[BuildResult, None, list[tuple[Path, str]]]:
    """Build ``jobs`` in a pool of ``workers`` processes; yield results, return the jobs lost
    to a dead process."""
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_article_worker,
        initargs=(os.getpid(), queue),
    )  # fmt: skip
    broken = []
    try:
        futures = {pool.submit(_build_in_worker, *job, config): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()
    return broken


def _died(source: Path) -> EarmarkError:
    return EarmarkError(
        f"{source}: the process building it stopped unexpectedly.",
        "Probable cause: it ran out of memory or was killed. Build it alone (-j 1) to see more.",
    )


@contextmanager
def _relay(queue: SimpleQueue, on_progress: ArticleProgress) -> Iterator[None]:
    """Pass workers' progress messages to ``on_progress`` from a thread of this process."""

    def forward() -> None:
        while (message := queue.get()) is not None:
            on_progress(*message)

    thread = threading.Thread(target=forward, name="earmark-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        queue.put(None)
        thread.join(timeout=5)
