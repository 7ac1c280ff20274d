"""A saved page's bytes as text: its encoding from a byte-order mark, ``<meta charset>`` or
``<meta http-equiv="Content-Type" content="...; charset=...">``, else UTF-8.

Labels are read as browsers read them (WHATWG Encoding): ``iso-8859-1``, ``latin1`` and
``us-ascii`` mean Windows-1252, and a page that says UTF-16 in a meta tag is ASCII-compatible,
so UTF-8. Undeclared bytes that are not UTF-8 are read as Windows-1252 with a warning.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.readers.decode import repaired
from pipeline.readers.notices import Notices
from pipeline.xml_chars import xml_safe

MAX_PAGE_BYTES = 64 * 1024 * 1024
"""The largest page earmark reads (a saved article with inline images can pass 20 MB)."""
PRESCAN_BYTES = 8192
"""How far into the page a charset declaration is looked for (browsers: 1024 bytes)."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_WHATWG_LABELS: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-user-defined": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "unicode": "utf-8",
}


def read_page_text(path: Path, notices: Notices) -> str:
    """The page's text, decoded as it declares, with Unix newlines and XML-safe."""
    data = _read_bytes(path)
    encoding, declared = _encoding(data, notices)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if declared:
            notices.warn("charset", 0, f"bytes that are not {encoding} were replaced.")
            text = data.decode(encoding, errors="replace")
        else:
            notices.warn("charset", 0, "not UTF-8 and no charset declared: read as Windows-1252.")
            text = data.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return xml_safe(repaired(text))


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_PAGE_BYTES + 1)
    except IsADirectoryError:
        raise SourceError(path, "is a folder, not an article.") from None
    except OSError as error:
        raise SourceError(path, f"cannot be read ({error.strerror}).") from None
    if len(data) > MAX_PAGE_BYTES:
        raise SourceError(
            path,
            f"is larger than the {MAX_PAGE_BYTES // 1024 // 1024} MB earmark reads of a page.",
            "Save the article alone (without inline images), or convert it to Markdown.",
        )
    if not data.strip():
        raise SourceError(path, "the file is empty.", "Save the page again.")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data[:8192]:
        raise SourceError(
            path,
            "looks like a binary file, not a web page.",
            "Probable cause: a wrong file in the source folder, or a page saved compressed.",
        )
    return data


def _encoding(data: bytes, notices: Notices) -> tuple[str, bool]:
    """(Python codec, whether the page declared it)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, True
    match = _DECLARED.search(data[:PRESCAN_BYTES])
    if match is None:
        return "utf-8", False
    label = match.group(1).decode("ascii").strip().lower()
    name = _WHATWG_LABELS.get(label, label)
    try:
        return codecs.lookup(name).name, True
    except LookupError:
        notices.warn("charset", 0, f"unknown charset '{label}': read as UTF-8.")
        return "utf-8", False
