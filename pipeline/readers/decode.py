"""Turn a file's bytes into text, or say clearly why they are not an article."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import SourceError
from pipeline.xml_chars import xml_safe


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 text with Unix newlines and without the characters XML forbids
    (``xml_safe``); reject empty, binary and non-UTF-8 files."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError(path, "is a folder, not an article.") from None
    except OSError as error:
        raise SourceError(path, f"cannot be read ({error.strerror}).") from None
    if not data.strip():
        raise SourceError(path, "the file is empty.", "Write the article's text into it.")
    if b"\x00" in data[:8192]:
        raise SourceError(
            path,
            "looks like a binary file, not a text article.",
            "Probable cause: a wrong file in the source folder. Use a .md or .txt file.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            path,
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded).",
            "Save the file with UTF-8 encoding.",
            line=line,
        ) from None
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise SourceError(
            path,
            "has no text, only control characters or invisible marks.",
            "Write the article's text into it.",
        )
    return text
