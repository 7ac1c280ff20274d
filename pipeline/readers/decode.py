"""Turn a file's bytes into text, or say clearly why they are not an article."""

from __future__ import annotations

import re
from pathlib import Path

import ftfy

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
    text = xml_safe(repaired(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not text.strip():
        raise SourceError(
            path,
            "has no text, only control characters or invisible marks.",
            "Write the article's text into it.",
        )
    return text


_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)
"""A UTF-8 lead byte read as Latin-1/Windows-1252, then a continuation byte read the same way:
the mark of text that was decoded twice ("Sheâ€™s")."""


def repaired(text: str) -> str:
    """``text`` with double-decoded UTF-8 ("Sheâ€™s") repaired ("She’s") by ftfy, which
    changes only what it is confident was mis-decoded; text without the mark is untouched."""
    if _MOJIBAKE.search(text) is None:
        return text
    return ftfy.fix_encoding(text)
