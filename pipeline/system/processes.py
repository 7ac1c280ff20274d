"""Worker processes (parallel articles, parallel Piper voices): how they start, and how they
stop when their parent is interrupted or dies."""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from types import FrameType
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
VOICE_PROCESS_BYTES = 450 * 2**20
"""What one Piper voice process takes (measured: about 0.45 GB with the bundled voice)."""


def available_cpus() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_voice_workers() -> int:
    """Voice processes this machine can run at once: one per core, but only as many as fit in
    the memory available now (at least one)."""
    import psutil  # imported late: most commands never ask

    fit = psutil.virtual_memory().available // VOICE_PROCESS_BYTES
    return max(1, min(available_cpus(), fit))


def spawn_context() -> multiprocessing.context.SpawnContext:
    """Fresh interpreters, never forks: the parent runs threads, which ``fork`` would copy
    mid-operation."""
    return multiprocessing.get_context("spawn")


def init_worker(parent: int, cleanup: bool = True) -> None:
    """Run first in every worker. Ctrl-C reaches the whole process group, so workers ignore
    SIGINT and let the parent decide; SIGTERM (the parent stopping them) exits through
    ``finally`` blocks, so a worker's temporary folders go with it; and on Linux the kernel
    sends SIGTERM when the parent dies, even by ``kill -9``.

    A worker with nothing to clean up (``cleanup=False``: a voice process) dies at SIGTERM
    at once. Raising ``SystemExit`` there could be lost: a voice process whose parent is dead
    can be stuck sending a sentence's speech into a full pipe, and ``concurrent.futures``
    catches the exception and tries to send again, blocking it for good."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, exit_on_signal if cleanup else signal.SIG_DFL)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request above took effect
        sys.exit(128 + signal.SIGTERM)


def exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    """Leave by ``SystemExit``: cleanup runs, and no traceback is printed."""
    sys.exit(128 + signum)


def worker_task(task: Callable[P, R]) -> Callable[P, R]:
    """Mark a function that runs in a worker process. A stop request (``SystemExit`` from
    SIGTERM) ends the process once the function's own cleanup has run; without this, the pool
    would send it back as the task's exception and the worker would wait for more work."""

    @functools.wraps(task)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return task(*args, **kwargs)
        except SystemExit as stop:
            os._exit(stop.code if isinstance(stop.code, int) else 1)

    return run


def stop_workers(executor: ProcessPoolExecutor) -> None:
    """Cancel queued work, ask running workers to stop (SIGTERM), and wait for them."""
    processes = list((executor._processes or {}).values())  # no public API lists them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
