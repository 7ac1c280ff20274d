"""Readers turn one source file into an Article; the table maps a file suffix to its reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.model import Article
from pipeline.readers.html_page import read_html_page
from pipeline.readers.markdown import read_markdown
from pipeline.readers.plain_text import read_plain_text

Reader = Callable[[Path], Article]

READERS: dict[str, Reader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_plain_text,
    ".html": read_html_page,
    ".htm": read_html_page,
}


def is_article(path: Path) -> bool:
    """Whether earmark has a reader for this file (by its suffix)."""
    return path.suffix.lower() in READERS


def read_article(path: Path) -> Article:
    """Read ``path`` with the reader its suffix names."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise SourceError(
            path,
            f"earmark cannot read '{path.suffix or 'files without a suffix'}' files.",
            f"Supported: {supported}. Rename the file or convert it to Markdown.",
        )
    return reader(path)
