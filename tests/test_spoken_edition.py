"""End to end with the real Piper voice: a paragraph dense with numbers, dates, money, units,
abbreviations, Roman numerals, initialisms, symbols, a URL, an e-mail address and an emoji,
plus a very long heading and a run-on paragraph. The EPUB shows exactly what was written, the
Media Overlays cover every sentence and chunk, and EPUBCheck and Ace stay clean."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, build
from epub_helpers import NS, Book

from pipeline.model import plain_text
from pipeline.readers import read_article

SOURCE = FIXTURES / "dense.md"
SMIL = "{http://www.w3.org/ns/SMIL}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def book(tmp_path_factory, speech_cache) -> Book:
    out = tmp_path_factory.mktemp("dense")
    result = build(SOURCE, out, speech_cache, "--formats", "epub,mp3")
    assert result.exit_code == 0, result.output
    return Book(out / "dense" / "dense.epub")


def chapters(book: Book) -> dict[str, tuple[ET.Element, ET.Element]]:
    """Chapter href -> (XHTML, its SMIL), from the OPF."""
    items = {i.get("id"): i for i in book.xml("content.opf").iterfind(".//opf:item", NS)}
    return {
        item.get("href"): (
            book.xml(item.get("href")),
            book.xml(items[item.get("media-overlay")].get("href")),
        )
        for item in items.values()
        if item.get("media-overlay")
    }


def text_of(node: ET.Element) -> str:
    return "".join(node.itertext())


def test_the_epub_text_is_exactly_as_written(book) -> None:
    article = read_article(SOURCE)
    written = [plain_text(block.inlines) for s in article.sections for block in s.blocks]
    pages = " ".join(" ".join(text_of(page).split()) for page, _ in chapters(book).values())
    for paragraph in written:
        assert " ".join(paragraph.split()) in pages
    for spoken_only in ("Doctor", "nineteen", "pounds", "Celsius", "the Eighth", "hashtag"):
        assert spoken_only not in pages


def test_every_sentence_and_chunk_has_its_own_par(book) -> None:
    for href, (page, smil) in chapters(book).items():
        targets = [
            par.find(f"{SMIL}text").get("src").split("#")[1] for par in smil.iter(f"{SMIL}par")
        ]
        assert len(targets) == len(set(targets)), href
        ids = {node.get("id") for node in page.iter()}
        assert set(targets) <= ids, href
        spans = [s.get("id") for s in page.iter(f"{XHTML}span") if s.get("id")]
        assert spans and set(spans) <= set(targets), href
        chunks = [t for t in targets if "__h" in t]
        if "night" in text_of(page):
            assert len(chunks) >= 2, "the long heading is spoken in chunks, each highlighted"
            long_spans = [s for s in spans if "__s" in s]
            assert len(long_spans) >= 2, "the run-on paragraph is spoken in chunks"


def test_clips_follow_each_other_in_the_audio(book) -> None:
    for href, (_, smil) in chapters(book).items():
        previous = 0.0
        for par in smil.iter(f"{SMIL}par"):
            audio = par.find(f"{SMIL}audio")
            begin, end = (
                sum(float(x) * 60**i for i, x in enumerate(reversed(audio.get(k).split(":"))))
                for k in ("clipBegin", "clipEnd")
            )
            assert previous <= begin < end, (href, par.get("id"))
            previous = end
            assert posixpath.basename(audio.get("src")).endswith(".mp3")


def test_dense_epub_passes_epubcheck(book, epubcheck) -> None:
    report = epubcheck(book.path)
    assert not report.problems(), report.describe()


def test_dense_epub_passes_ace(book, ace) -> None:
    report = ace(book.path)
    assert not report.problems(), report.describe()
