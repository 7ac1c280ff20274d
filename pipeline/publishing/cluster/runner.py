"""The runner: a plain subprocess of a Dask worker that builds the articles the worker's tasks
send it, one at a time, and keeps its voice processes warm between them.

Dask's nanny starts daemonic worker processes, which may not start multiprocessing children
(Piper's voice processes); a subprocess started with ``subprocess`` may. It runs in its own
session, so a task stops it, and everything it started, by signalling its process group.

    python -m pipeline.publishing.cluster.runner JOBS_FD RESULTS_FD PARENT_PID
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from pipeline.engines import release_engines
from pipeline.publishing.jobs import build_one
from pipeline.system.processes import exit_on_signal

PARENT_CHECK_SECONDS = 0.2
IDLE_SECONDS = 600.0
"""A runner with no article for this long leaves, so an idle cluster does not hold voices."""


def main(argv: list[str]) -> int:
    """Build each (source, slug, config) received on JOBS_FD; send ("progress", done, total)
    messages and then ("result", BuildResult) on RESULTS_FD. Ends when JOBS_FD closes, on
    SIGTERM, after ``IDLE_SECONDS`` without a job, or soon after the worker process that
    started it dies."""
    jobs_fd, results_fd, parent = map(int, argv[1:4])
    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides, through SIGTERM
    _leave_with_parent(parent)
    jobs = Connection(jobs_fd, writable=False)
    results = Connection(results_fd, readable=False)
    lock = threading.Lock()

    def send(message: tuple) -> None:
        with lock:  # progress comes from the narration's threads
            results.send(message)

    try:
        while jobs.poll(IDLE_SECONDS):
            try:
                source, slug, config = jobs.recv()
            except EOFError:
                return 0
            report = lambda done, total: send(("progress", done, total))  # noqa: E731
            send(("result", build_one(source, config, slug, report)))
        return 0
    finally:
        release_engines()


def _leave_with_parent(parent: int) -> None:
    """SIGTERM this process once its worker is gone (even killed with -9), so its build
    cleans up its staging folder. (The kernel's parent-death signal follows the thread that
    started a process, and a Dask worker's threads come and go.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="earmark-parent-watch", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
