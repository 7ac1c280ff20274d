"""The one exceptions module: every expected failure is an ``EarmarkError``.

Messages follow the form "what happened. Probable cause: ... / what to do", and name the file
(and line) when a source is at fault. The CLI prints them without a traceback and exits with
``exit_code``.
"""

from __future__ import annotations

import errno
from pathlib import Path


class EarmarkError(Exception):
    """Base of every error earmark reports to a user."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message

    def __reduce__(self):
        # Errors cross process boundaries (parallel builds); subclasses take other arguments
        # than ``args`` holds, so pickle the state instead of re-calling ``__init__``.
        return _restore, (type(self), self.__dict__.copy())


class UsageError(EarmarkError):
    """The command line asks for something that does not exist or cannot work."""

    exit_code = 2


class SourceError(EarmarkError):
    """An input article cannot be read; names the file and, when known, the line."""

    exit_code = 2

    def __init__(self, path: Path, message: str, hint: str | None = None, line: int = 0) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}", hint)


class OutputError(EarmarkError):
    """An output could not be written (disk full, permissions, a clash of names)."""

    exit_code = 1

    @classmethod
    def from_os_error(cls, error: OSError, path: Path | str) -> OutputError:
        """Name the path (or what was being written) and the cause of a failed write, and say
        what to do."""
        cause, advice = _OUTPUT_FAULTS.get(
            error.errno or 0, (error.strerror or str(error), "Check the output folder.")
        )
        return cls(
            f"{path}: cannot write the output ({cause}).",
            f"{advice} Nothing was published; the previous output, if any, is unchanged.",
        )


_OUTPUT_FAULTS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "Free some space, or choose another folder with -o."),
    errno.EDQUOT: ("the disk quota is used up", "Free some space, or choose another folder."),
    errno.EACCES: ("permission denied", "Choose a folder you may write to with -o."),
    errno.EPERM: ("permission denied", "Choose a folder you may write to with -o."),
    errno.EROFS: ("the file system is read-only", "Choose a writable folder with -o."),
    errno.ENAMETOOLONG: (
        "a name is too long for the file system",
        "Choose a shorter -o path, or give the article a shorter file name.",
    ),
    errno.EEXIST: ("a file is in the way of a folder", "Move the file, or choose another -o."),
    errno.ENOTDIR: ("a file is in the way of a folder", "Move the file, or choose another -o."),
    errno.EISDIR: ("a folder is in the way of a file", "Move the folder, or choose another -o."),
}


class BusyError(OutputError):
    """Another build holds the article's output folder, and ``--no-wait`` was given."""

    exit_code = 75
    """EX_TEMPFAIL (sysexits.h): try again later."""


class EngineError(EarmarkError):
    """A speech engine could not synthesize (offline, refused, crashed, bad voice file)."""

    exit_code = 1


def _restore(cls: type[EarmarkError], state: dict[str, object]) -> EarmarkError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error
