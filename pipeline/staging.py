"""Atomic output folders: a build writes into a hidden temporary folder beside the final one
and swaps it into place only when every writer has succeeded."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputError


@contextmanager
def staged_folder(out_dir: Path, name: str) -> Iterator[Path]:
    """Yield an empty folder; on success it replaces ``out_dir/name``, on failure it vanishes
    (with ``out_dir`` too, if this build created it and nothing else is in it)."""
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir, name)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=out_dir))
    except OSError as error:
        raise OutputError(
            f"{out_dir}: cannot write the output folder ({error.strerror}).",
            "Check the path and its permissions, or choose another with -o.",
        ) from None
    try:
        yield staging
        _make_readable(staging)
        _swap_into_place(staging, out_dir / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise


def recover(out_dir: Path, name: str) -> None:
    """Undo what a build killed half-way left: restore a set-aside previous output and remove
    abandoned temporary folders of this name."""
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
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    """``mkdtemp`` makes a private folder; the output should get the user's usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
