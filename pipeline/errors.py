"""The one exceptions module: every expected failure is an ``EarmarkError``.

Messages follow the form "what happened. Probable cause: ... / what to do", and name the file
(and line) when a source is at fault. The CLI prints them without a traceback and exits with
``exit_code``.
"""

from __future__ import annotations

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


class EngineError(EarmarkError):
    """A speech engine could not synthesize (offline, refused, crashed, bad voice file)."""

    exit_code = 1


def _restore(cls: type[EarmarkError], state: dict[str, object]) -> EarmarkError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error
