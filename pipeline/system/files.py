"""Putting published files in place: whole, or as a second name for the same bytes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace ``path`` by ``data`` whole: readers (a web server, a podcast app, another
    build reading a cache) never see a half-written file, and a killed build leaves the
    previous one. The temporary file is hidden (``.<name>.*``) until it is renamed."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """The same bytes under a second name: a hard link where the filesystem allows it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
