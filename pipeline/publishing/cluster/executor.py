"""The client side of a batch on Dask: connect (or start a LocalCluster), check the workers'
earmark and the shared storage, submit one task per article, relay progress from the event
log, collect small results, and stop everything on Ctrl-C."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path

import dask
from distributed import Client, Event, KilledWorker, LocalCluster, as_completed, wait

from pipeline.audio.cache import default_cache_dir
from pipeline.config import BuildConfig
from pipeline.errors import EarmarkError, UsageError
from pipeline.publishing.build import BuildResult
from pipeline.publishing.cluster.task import (
    IgnoreInterrupts,
    build_task,
    first_missing,
    host_of,
    worker_facts,
)
from pipeline.publishing.jobs import ArticleProgress, Job, local_workers

CONNECT_SECONDS = 5
WORKERS_SECONDS = 30
"""How long to wait for a scheduler to have at least one worker."""
CHECK_SECONDS = 60
STOP_SECONDS = 30
"""After Ctrl-C, how long running tasks have to stop their builds and clean up."""
ALLOWED_FAILURES = 2
"""A LocalCluster gives up on an article after it killed this many workers (KilledWorker)."""


def build_on_dask(
    address: str, jobs: list[Job], config: BuildConfig, on_progress: ArticleProgress
) -> Iterator[BuildResult]:
    """Build ``jobs`` on the cluster; yield each result as it finishes."""
    shared = replace(
        config,
        out_dir=config.out_dir.resolve(),
        cache_dir=(config.cache_dir or default_cache_dir()).resolve(),
    )
    created: list[Path] = []
    try:
        with _connect(address, lambda: local_workers(config, len(jobs))) as client:
            threads_by_host = _check_workers(client)
            _check_shared_storage(client, jobs, shared, created)
            yield from _run(client, jobs, shared, threads_by_host, on_progress, config.out_dir)
    finally:
        for folder in created:  # an interrupted or refused batch leaves no empty folder
            with suppress(OSError):
                folder.rmdir()


def _run(
    client: Client,
    jobs: list[Job],
    shared: BuildConfig,
    threads_by_host: dict[str, int],
    on_progress: ArticleProgress,
    out_dir: Path,
) -> Iterator[BuildResult]:
    """Submit one task per article; yield results as they finish; on Ctrl-C (or when the
    caller stops early), stop the running builds and cancel the rest."""
    batch = uuid.uuid4().hex
    topic = f"earmark-progress-{batch}"
    stop = Event(f"earmark-stop-{batch}", client=client)
    client.subscribe_topic(topic, lambda event: on_progress(*event[1]))
    futures = {
        client.submit(
            build_task, source.resolve(), slug, shared, threads_by_host, topic, stop.name,
            key=f"earmark-{slug}-{batch}", pure=False,
        ): (source, slug)
        for source, slug in jobs
    }  # fmt: skip
    finished = False
    try:
        for future in as_completed(futures):
            source, slug = futures[future]
            yield _outcome(future, source, slug, out_dir)
        finished = True
    finally:
        if not finished:
            stop.set()
            with suppress(TimeoutError):
                wait(list(futures), timeout=STOP_SECONDS)
            client.cancel(list(futures))
        client.unsubscribe_topic(topic)


@contextmanager
def _connect(address: str, workers: Callable[[], int]) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or for ``local`` of a LocalCluster with
    ``workers()`` workers (asked only then: it measures this machine)."""
    if address == "local":
        settings = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}
        with (
            dask.config.set(settings),
            LocalCluster(
                n_workers=workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.register_plugin(IgnoreInterrupts())
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address} ({error}).",
            "Start one with `dask scheduler` (and workers with `dask worker ADDRESS`), or "
            "check --scheduler / DASK_SCHEDULER_ADDRESS.",
        ) from None
    with client:
        yield client


def _check_workers(client: Client) -> dict[str, int]:
    """Every worker runs the same earmark as this machine; return worker threads per host."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise UsageError(
            f"the Dask scheduler at {client.scheduler.address} has no workers.",
            "Start some with `dask worker ADDRESS --nthreads 1` on each machine.",
        ) from None
    ours = worker_facts()
    for address, theirs in client.run(worker_facts, on_error="return").items():
        if isinstance(theirs, BaseException):
            raise UsageError(
                f"the Dask worker {address} cannot run earmark "
                f"({type(theirs).__name__}: {theirs}).",
                f"Install earmark {ours[0]} on every worker: pip install 'earmark[dask]'.",
            )
        if tuple(theirs) != ours:
            raise UsageError(
                f"the Dask worker {address} has earmark {theirs[0]} (code {theirs[1][:12]}), "
                f"this machine earmark {ours[0]} (code {ours[1][:12]}).",
                "Install the same earmark on every worker as on this machine.",
            )
    threads: dict[str, int] = defaultdict(int)
    for address, count in client.nthreads().items():
        threads[host_of(address)] += count
    return dict(threads)


def _check_shared_storage(
    client: Client, jobs: list[Job], config: BuildConfig, created: list[Path]
) -> None:
    """One worker sees the sources, the output folder and the cache folder at the same paths
    (a marker file written here must be there); otherwise a ``UsageError`` names the path.
    The folders this makes are added to ``created``."""
    assert config.cache_dir is not None
    token = uuid.uuid4().hex
    paths = [source.resolve() for source, _ in jobs]
    expected = [(str(path), path.stat().st_size) for path in paths]
    markers = []
    try:
        for folder in (config.out_dir, config.cache_dir):
            if not folder.exists():
                folder.mkdir(parents=True)
                created.append(folder)
            marker = folder / f".earmark-shared-check-{token}"
            marker.write_text(token, encoding="utf-8")
            markers.append(marker)
            paths.append(folder)
            expected.append((str(marker), len(token)))
        future = client.submit(first_missing, expected, pure=False)
        missing = future.result(timeout=CHECK_SECONDS)
        where = next(iter(client.who_has(future).get(future.key, ())), "a worker")
    finally:
        for marker in markers:
            marker.unlink(missing_ok=True)
    if missing is not None:
        raise UsageError(
            f"{paths[missing]}: not found at the same path on the Dask worker {where}.",
            "The articles, the output folder (-o) and the cache folder (--cache-dir) must be "
            "at the same paths on every worker, e.g. on a shared file system (NFS).",
        )


def _outcome(future, source: Path, slug: str, out_dir: Path) -> BuildResult:
    """The task's result, with the paths as the user gave them; a lost task is a failure."""
    try:
        result = future.result()
    except KilledWorker:
        error = EarmarkError(
            f"{source}: the Dask workers building it died, again and again (KilledWorker).",
            "Probable cause: it runs out of memory or crashes the worker. Build it alone to "
            "see more.",
        )
        return BuildResult.failed(source, slug, error)
    except Exception as error:
        error = EarmarkError(
            f"{source}: the Dask task failed ({type(error).__name__}: {error}).",
            "Check the Dask worker's log.",
        )
        return BuildResult.failed(source, slug, error)
    return replace(result, source=source, out_path=out_dir / slug if result.out_path else None)
