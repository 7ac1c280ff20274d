"""What a build shows while it runs: a live status line on a terminal (stderr), plain result
lines otherwise."""

from __future__ import annotations

import shutil
import threading
import time

import click

REDRAW_SECONDS = 0.1
BAR_WIDTH = 24


class ProgressDisplay:
    """A status line under the result lines: overall progress and each article in the works.
    Thread-safe: results and progress may come from different threads."""

    def __init__(self, articles: int, live: bool | None = None) -> None:
        self.articles = articles
        self.live = click.get_text_stream("stderr").isatty() if live is None else live
        self.finished = 0
        self.working: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._drawn_at = 0.0

    def update(self, slug: str, done: int, total: int) -> None:
        """An article advanced: ``done`` of its ``total`` utterances are spoken."""
        with self._lock:
            news = slug not in self.working or done == total
            self.working[slug] = (done, total)
            if news or time.monotonic() - self._drawn_at >= REDRAW_SECONDS:
                self._draw()

    def result(self, slug: str, line: str, err: bool = False) -> None:
        """An article finished: print its line above the status line."""
        with self._lock:
            self.working.pop(slug, None)
            self.finished += 1
            self._clear()
            click.echo(line, err=err)
            self._draw()

    def close(self) -> None:
        """Remove the status line."""
        with self._lock:
            self._clear()
            self.live = False

    def _draw(self) -> None:
        if not self.live:
            return
        share = sum(done / total for done, total in self.working.values() if total)
        fraction = (self.finished + share) / max(self.articles, 1)
        filled = round(fraction * BAR_WIDTH)
        line = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%}  "
            f"{self.finished}/{self.articles} articles"
        )
        if self.working:
            line += "  " + "  ".join(
                f"{slug} {done}/{total}" for slug, (done, total) in sorted(self.working.items())
            )
        width = shutil.get_terminal_size().columns - 1
        click.echo(f"\r\x1b[K{line[:width]}", nl=False, err=True, color=True)
        self._drawn_at = time.monotonic()

    def _clear(self) -> None:
        if self.live:
            click.echo("\r\x1b[K", nl=False, err=True, color=True)
