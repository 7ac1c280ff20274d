"""Atomic output folders: a build writes into a hidden temporary folder beside the final one
and swaps it into place only when every writer has succeeded. One build at a time per output
folder: ``output_lock`` holds ``.<name>.lock`` beside it for the whole build, so two builds of
one article (two cron runs, two terminals) never share or clean up each other's folders."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import BusyError, OutputError

logger = logging.getLogger(__name__)


def lock_path(out_dir: Path, name: str) -> Path:
    """The lock file of the output folder ``out_dir/name``."""
    return out_dir / f".{name}.lock"


@contextmanager
def output_lock(out_dir: Path, name: str, wait: bool = True) -> Iterator[None]:
    """Hold the lock of ``out_dir/name``: wait for a build holding it to finish, or, with
    ``wait=False``, raise ``BusyError`` naming the lock. The lock file stays (removing a lock
    file others may be waiting on would let two builds in); if this build created ``out_dir``
    (and its parents) and publishes nothing, they and the lock go again."""
    created = _missing_folders(out_dir)
    path = lock_path(out_dir, name)
    if not created and not os.access(out_dir, os.W_OK):
        # Nobody can build here (read-only): no lock is needed to see that the output is
        # current, and a build that is not fails to stage with the real cause.
        yield
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, mode=0o666)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if not wait:
                raise BusyError(
                    f"{out_dir / name}: another earmark build of this article is running "
                    f"(it holds the lock {path}).",
                    "Try again when it has finished, or leave out --no-wait to wait for it.",
                ) from None
            logger.warning("waiting for another build of %s to finish (lock: %s)", name, path)
            lock.acquire()
    except OSError as error:
        _remove_empty(created)
        raise OutputError.from_os_error(error, out_dir) from None
    try:
        yield
    finally:
        if created and not (out_dir / name).exists():
            path.unlink(missing_ok=True)
            _remove_empty(created)
        lock.release()


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            break
        missing.append(candidate)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


@contextmanager
def staged_folder(out_dir: Path, name: str) -> Iterator[Path]:
    """Yield an empty folder; on success it replaces ``out_dir/name``, on failure it vanishes
    (``output_lock``, held around it, removes an ``out_dir`` this build created)."""
    final = out_dir / name
    try:
        if final.exists() and not final.is_dir():
            raise FileExistsError(errno.EEXIST, "a file is in the way", str(final))
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir, name)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=out_dir))
    except OSError as error:
        raise OutputError.from_os_error(error, out_dir) from None
    try:
        yield staging
        _make_readable(staging)
        _swap_into_place(staging, final)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):  # a write inside the folder failed: disk full, ...
            raise OutputError.from_os_error(error, final) from None
        raise


def recover(out_dir: Path, name: str) -> None:
    """Undo what a build killed half-way left: restore a set-aside previous output and remove
    abandoned temporary folders of this name. Call it only under ``output_lock``: then no
    live build owns any of them."""
    final, previous = out_dir / name, out_dir / f".{name}.previous"
    if previous.exists():
        if final.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            previous.rename(final)
    for abandoned in out_dir.glob(f".{name}.tmp-*"):
        shutil.rmtree(abandoned, ignore_errors=True)


def _swap_into_place(staging: Path, final: Path) -> None:
    """Two renames; if the process dies between them, ``recover`` restores the previous output."""
    previous = final.parent / f".{final.name}.previous"
    if final.exists():
        final.rename(previous)
    try:
        staging.rename(final)
    except OSError:
        if previous.exists():
            previous.rename(final)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    """``mkdtemp`` makes a private folder; the output should get the user's usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
