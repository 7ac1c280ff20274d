"""What runs on a Dask worker: the article task, which hands its article to a runner
subprocess of this worker process, relays its progress to the client's event log and stops it
when the client asks; and the two checks the client runs before it submits anything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

from distributed import Event, WorkerPlugin, get_worker

from pipeline import __version__
from pipeline.config import BuildConfig
from pipeline.errors import EarmarkError
from pipeline.publishing.build import BuildResult
from pipeline.publishing.incremental import _code_digest
from pipeline.system.processes import default_voice_workers

POLL_SECONDS = 0.25
"""How long the task waits for a runner message before it looks at the clock again."""
STOP_CHECK_SECONDS = 1.0
"""How often the task asks the scheduler whether the batch was cancelled."""
PROGRESS_SECONDS = 0.25
"""At most one progress event per article this often (and always the last one)."""
STOP_SECONDS = 20.0
"""How long a runner has to clean up after SIGTERM before it is killed."""


class IgnoreInterrupts(WorkerPlugin):
    """For the workers of ``--scheduler local``: they share the user's terminal, so Ctrl-C
    reaches them too; the client alone decides what it means (and no worker prints a
    traceback)."""

    name = "earmark-ignore-interrupts"

    def setup(self, worker) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_facts() -> tuple[str, str]:
    """earmark's version and a digest of its code on this machine."""
    return __version__, _code_digest()


def first_missing(expected: list[tuple[str, int]]) -> int | None:
    """The index of the first (path, size) that is not a file of that size here."""
    for index, (path, size) in enumerate(expected):
        try:
            if os.stat(path).st_size != size:
                return index
        except OSError:
            return index
    return None


def host_of(address: str) -> str:
    """The machine part of a worker address ("tcp://10.0.0.5:40123" -> "tcp://10.0.0.5")."""
    return address.rsplit(":", 1)[0]


def build_task(
    source: Path,
    slug: str,
    config: BuildConfig,
    threads_by_host: dict[str, int],
    topic: str,
    stop_name: str,
) -> BuildResult:
    """Build one article in a runner of this worker; return its (small) result."""
    stop = Event(stop_name)
    if stop.is_set():
        return _stopped(source, slug)
    worker = get_worker()
    voices = config.voice_workers or default_voice_workers()
    share = max(1, voices // threads_by_host.get(host_of(worker.address), 1))
    config = replace(config, engine_options=replace(config.engine_options, workers=share))
    try:
        return _build_in_runner(_take_runner(), source, slug, config, topic, stop)
    except _LostRunner as lost:
        if lost.started:
            return _died(source, slug, worker.address)
    # A warm runner can leave (idle too long) just as a job is sent: once more, with a new one.
    try:
        return _build_in_runner(Runner(), source, slug, config, topic, stop)
    except _LostRunner:
        return _died(source, slug, worker.address)


class _LostRunner(Exception):
    def __init__(self, started: bool) -> None:
        super().__init__()
        self.started = started


def _build_in_runner(
    runner: Runner, source: Path, slug: str, config: BuildConfig, topic: str, stop: Event
) -> BuildResult:
    """Send the article to ``runner``, relay its progress, return its result; stop it if
    the batch is cancelled. ``_LostRunner`` if it dies."""
    worker = get_worker()
    reported = checked = time.monotonic()
    started = False
    try:
        runner.jobs.send((source, slug, config))
        while True:
            if runner.results.poll(POLL_SECONDS):
                message = runner.results.recv()
                started = True
                if message[0] == "result":
                    _give_back(runner)
                    runner = None
                    return message[1]
                _, done, total = message
                now = time.monotonic()
                if done == total or now - reported >= PROGRESS_SECONDS:
                    worker.log_event(topic, (slug, done, total))
                    reported = now
            if time.monotonic() - checked >= STOP_CHECK_SECONDS:
                checked = time.monotonic()
                if stop.is_set():
                    return _stopped(source, slug)
    except (EOFError, OSError):
        raise _LostRunner(started) from None
    finally:
        if runner is not None:
            runner.stop()


class Runner:
    """A ``pipeline.publishing.cluster.runner`` subprocess in a session of its own, and its
    pipes."""

    def __init__(self) -> None:
        jobs_in, jobs_out = os.pipe()
        results_in, results_out = os.pipe()
        command = [sys.executable, "-m", "pipeline.publishing.cluster.runner"]
        self.process = subprocess.Popen(
            [*command, str(jobs_in), str(results_out), str(os.getpid())],
            pass_fds=(jobs_in, results_out),
            start_new_session=True,
        )
        os.close(jobs_in)
        os.close(results_out)
        self.jobs = Connection(jobs_out, readable=False)
        self.results = Connection(results_in, writable=False)

    def stop(self) -> None:
        """SIGTERM the runner's process group (its build cleans up its staging folder, its
        voice processes and ffmpeg stop), then SIGKILL whatever is left."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(STOP_SECONDS)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        self.process.wait()
        self.jobs.close()
        self.results.close()


_idle: list[Runner] = []
_idle_lock = threading.Lock()


def _take_runner() -> Runner:
    """An idle runner of this worker process (its voices are warm), or a new one."""
    with _idle_lock:
        while _idle:
            runner = _idle.pop()
            if runner.process.poll() is None:
                return runner
    return Runner()


def _give_back(runner: Runner) -> None:
    with _idle_lock:
        _idle.append(runner)


def _died(source: Path, slug: str, worker: str) -> BuildResult:
    return BuildResult.failed(
        source,
        slug,
        EarmarkError(
            f"{source}: the process building it on {worker} stopped unexpectedly.",
            "Probable cause: it ran out of memory or was killed. Build it alone to see more.",
        ),
    )


def _stopped(source: Path, slug: str) -> BuildResult:
    return BuildResult.failed(
        source, slug, EarmarkError(f"{source}: stopped, the batch was cancelled.")
    )
