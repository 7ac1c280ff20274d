"""Warnings a reader gives about its source: what it removed and could not keep.

One warning per kind of thing, naming the first line it was seen on (and how often), so an
article with forty unknown shortcodes gets one line, not forty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Notices:
    """The warnings collected while one article is read."""

    path: Path
    _seen: dict[str, list[int | str]] = field(default_factory=dict)

    def warn(self, key: str, line: int, message: str) -> None:
        """Record ``message`` about ``key`` at ``line``; later ones with the same key count."""
        entry = self._seen.get(key)
        if entry is None:
            self._seen[key] = [line, message, 1]
        else:
            entry[2] = int(entry[2]) + 1

    def lines(self) -> tuple[str, ...]:
        """Each warning as ``file:line: message``, in the order first seen."""
        result = []
        for line, message, count in self._seen.values():
            where = f"{self.path}:{line}" if line else str(self.path)
            text = str(message)
            if int(count) > 1:
                text = f"{text.rstrip('.')} ({count} times)."
            result.append(f"{where}: {text}")
        return tuple(result)
