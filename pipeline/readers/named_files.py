"""Files an article names in its front matter (``cover:``, and any later such key): every one
is read through ``read_named_file``, which reads only regular files and only up to a limit, so
``cover: /dev/zero``, a FIFO or a huge file fail at once with the file and the line named."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError

MAX_NAMED_FILE_BYTES = 20 * 1024 * 1024
"""The most earmark reads of a file named in front matter (a cover is far smaller)."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class NamedFile:
    """A path named by front-matter ``key`` on ``line`` of ``article``, relative to it."""

    article: Path
    key: str
    name: str
    line: int = 0
    label: str = "the file"
    """How messages call it ("the cover image")."""

    @property
    def path(self) -> Path:
        """Where the file is: ``name`` relative to the article's folder (or absolute)."""
        return self.article.parent / Path(self.name).expanduser()

    def error(self, problem: str, hint: str) -> SourceError:
        """A ``SourceError`` about this file, on its front-matter line."""
        return SourceError(
            self.article, f"{self.label} '{self.name}' {problem}", hint, line=self.line
        )


def read_named_file(named: NamedFile, limit: int = MAX_NAMED_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else (missing, a folder,
    a device, a FIFO, a socket, too big, unreadable) is a ``SourceError``."""
    path = named.path
    fix = f"Fix the '{named.key}:' path (relative to the article file), or remove the line."
    try:
        # Look before opening: opening a FIFO blocks and opening a device can have effects.
        _check(named, os.stat(path), limit, fix)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise named.error(f"was not found (looked for {path}).", fix) from None
    except OSError as error:
        raise named.error(f"cannot be read ({error.strerror}).", fix) from None
    with os.fdopen(handle, "rb") as file:
        _check(named, os.fstat(handle), limit, fix)  # it may have been swapped meanwhile
        data = file.read(limit + 1)
    if len(data) > limit:
        raise named.error(f"is larger than {_megabytes(limit)}.", fix)
    return data


def _check(named: NamedFile, info: os.stat_result, limit: int, fix: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
        raise named.error(f"is {kind}, not a regular file.", fix)
    if info.st_size > limit:
        raise named.error(
            f"is {_megabytes(info.st_size)}, more than the {_megabytes(limit)} earmark reads.",
            fix,
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
