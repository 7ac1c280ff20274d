"""EPUB 3 writer: packages the XHTML documents (``epub_pages``), the metadata
(``epub_metadata``) and, when the book is narrated, its audio and Media Overlays.

earmark renders every document itself; ebooklib writes the package: OPF metadata, manifest,
spine, the EPUB 2 NCX fallback and the ZIP container.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import zipfile
from pathlib import Path

from ebooklib import epub

from pipeline.audio.renditions import Rendition
from pipeline.durations import smil_clock
from pipeline.edition.chapters import chapter_href
from pipeline.publication import Publication
from pipeline.writers.blocks import IMAGE_FOLDER
from pipeline.writers.epub.metadata import set_metadata
from pipeline.writers.epub.overlays import ACTIVE_CLASS, overlay_document
from pipeline.writers.epub.pages import (
    ABOUT_HREF,
    NAV_HREF,
    STYLESHEET,
    about_page,
    chapter_page,
    nav_page,
    ncx_toc,
)
from pipeline.writers.styles import stylesheet
from pipeline.writers.xhtml import XML_LANG, Element

XHTML_MEDIA_TYPE = "application/xhtml+xml"
EPUB_AUDIO = Rendition(
    "epub-audio",
    ".mp3",
    ("-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-ar", "22050", "-ac", "1"),
)
"""The EPUB carries a compact copy of the narration (speech needs no more); the MP3 tracks
and the M4B keep the full delivery quality."""


def write_epub(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write ``<slug>.epub`` into ``out_dir``; return the manifest's ``outputs`` entry."""
    book = epub.EpubBook()
    set_metadata(book, publication)
    book.add_item(_item("style", STYLESHEET, "text/css", _stylesheet()))
    nav = _item("nav", NAV_HREF, XHTML_MEDIA_TYPE, nav_page(publication), properties=["nav"])
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    if publication.cover is not None:
        # The cover is package metadata only: no cover page, so the reading order stays text.
        book.set_cover(publication.cover.file_name, publication.cover.data, create_page=False)
    for number, image in enumerate(publication.images, 1):
        href = f"{IMAGE_FOLDER}/{image.file_name}"
        book.add_item(_item(f"img-{number}", href, image.media_type, image.data))
    spine: list[epub.EpubItem] = [nav]
    overlays: list[tuple[str, float]] = []
    for chapter in publication.chapters:
        href = chapter_href(chapter)
        document = _item(
            f"c-{chapter.id}", href, XHTML_MEDIA_TYPE, chapter_page(publication, chapter)
        )
        if publication.narration is not None:
            narrated = publication.narration.track_for(chapter.id)
            audio = f"audio/{chapter.id}.mp3"
            book.add_item(
                _FileItem(f"a-{chapter.id}", audio, "audio/mpeg", narrated.audio(EPUB_AUDIO))
            )
            smil = overlay_document(chapter, narrated, f"../{href}", f"../{audio}")
            overlay = f"mo-{chapter.id}"
            book.add_item(
                _item(overlay, f"overlays/{chapter.id}.smil", "application/smil+xml", smil)
            )
            document.media_overlay = overlay
            overlays.append((overlay, narrated.duration))
        book.add_item(document)
        spine.append(document)
    about = _item("about", ABOUT_HREF, XHTML_MEDIA_TYPE, about_page(publication))
    book.add_item(about)
    spine.append(about)
    book.spine = spine
    book.toc = ncx_toc(publication)
    if overlays:
        _set_overlay_metadata(book, publication, overlays)
    name = f"{publication.slug}.epub"
    writer = _PackageWriter(str(out_dir / name), book, {"mtime": _modified()})
    writer.process()
    writer.write()
    return {"epub": name}


def _set_overlay_metadata(
    book: epub.EpubBook, publication: Publication, overlays: list[tuple[str, float]]
) -> None:
    """``media:duration`` per overlay and in total (the total is the sum of the rounded parts,
    so they agree exactly), the narrator and the highlight class."""
    millis = [(overlay, round(seconds * 1000)) for overlay, seconds in overlays]
    for overlay, ms in millis:
        book.add_metadata(
            None,
            "meta",
            smil_clock(ms / 1000),
            {"property": "media:duration", "refines": f"#{overlay}"},
        )
    total = sum(ms for _, ms in millis)
    book.add_metadata(None, "meta", smil_clock(total / 1000), {"property": "media:duration"})
    book.add_metadata(None, "meta", publication.narration.narrator, {"property": "media:narrator"})
    book.add_metadata(None, "meta", ACTIVE_CLASS, {"property": "media:active-class"})


class _FileItem(epub.EpubItem):
    """A resource copied into the container straight from a file (the narration's audio), so
    a long book's audio never sits in memory."""

    def __init__(self, uid: str, href: str, media_type: str, path: Path) -> None:
        super().__init__(uid=uid, file_name=href, media_type=media_type)
        self.properties = []
        self.path = path


class _PackageWriter(epub.EpubWriter):
    """ebooklib's writer, plus ``xml:lang`` on the OPF package (Ace's epub-lang check), and
    file items streamed into the ZIP uncompressed (MP3 does not deflate)."""

    def write(self) -> None:
        """ebooklib leaves the ZIP open when a write fails (a full disk): close it here, so
        the error reaches the build once, not again from a finaliser."""
        try:
            super().write()
        except BaseException:
            out = getattr(self, "out", None)
            if out is not None:
                with contextlib.suppress(OSError, ValueError):
                    out.close()
            raise

    def _write_opf_file(self, root: Element) -> None:
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)

    def _write_items(self) -> None:
        streamed = [item for item in self.book.items if isinstance(item, _FileItem)]
        self.book.items = [item for item in self.book.items if item not in streamed]
        try:
            super()._write_items()
        finally:
            self.book.items += streamed
        for item in streamed:
            name = f"{self.book.FOLDER_NAME}/{item.file_name}"
            self.out.write(item.path, name, compress_type=zipfile.ZIP_STORED)


def _item(
    uid: str, href: str, media_type: str, content: bytes, properties: list[str] | None = None
) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=href, media_type=media_type, content=content)
    item.properties = properties or []
    return item


def _modified() -> datetime.datetime:
    """``dcterms:modified``: now, or ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC)


def _stylesheet() -> bytes:
    return stylesheet("epub.css").encode()
