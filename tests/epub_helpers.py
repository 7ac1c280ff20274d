"""Reading built EPUBs back in tests: documents, the OPF, and volatile fields blanked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

_VOLATILE = [
    (re.compile(r'(<meta property="dcterms:modified">)[^<]*(</meta>)'), r"\1(blank)\2"),
    (re.compile(r'(<meta name="generator" content=")[^"]*(")'), r"\1(blank)\2"),
]


class Book:
    """An EPUB opened for inspection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)

    def text(self, name: str) -> str:
        """A file inside the EPUB's content folder, as text."""
        return self.zip.read(f"EPUB/{name}").decode("utf-8")

    def xml(self, name: str) -> ET.Element:
        """A file inside the EPUB's content folder, parsed as XML (so it must be well formed)."""
        return ET.fromstring(self.zip.read(f"EPUB/{name}"))

    def names(self) -> list[str]:
        """Every file name in the container."""
        return self.zip.namelist()

    def spine(self) -> list[str]:
        """Document hrefs in reading order."""
        opf = self.xml("content.opf")
        hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", NS)}
        return [hrefs[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", NS)]

    def meta(self, prop: str) -> list[str]:
        """Values of ``<meta property=prop>`` in the OPF."""
        opf = self.xml("content.opf")
        return [m.text or "" for m in opf.iterfind(".//opf:meta", NS) if m.get("property") == prop]


def stable(text: str) -> str:
    """Blank what changes from build to build (dates, library versions)."""
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def text_of(node: ET.Element) -> str:
    """All text inside ``node``, whitespace collapsed."""
    return " ".join("".join(node.itertext()).split())
