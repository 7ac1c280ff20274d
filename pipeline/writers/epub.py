"""EPUB 3 writer: a document per chapter, nested navigation, spoiler notices, a11y metadata.

earmark renders every XHTML document itself (``pipeline.writers.xhtml``); ebooklib packages
them: OPF metadata, manifest, spine, the EPUB 2 NCX fallback and the ZIP container.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ebooklib import epub

from pipeline.chapters import chapter_href, next_spoiler_free, section_hrefs
from pipeline.model import Chapter, Section
from pipeline.publication import Publication
from pipeline.writers.xhtml import (
    XML_LANG,
    Element,
    child,
    element,
    page,
    render_blocks,
    ui_text_lang,
)

NAV_HREF = "nav.xhtml"
ABOUT_HREF = "about-this-edition.xhtml"
ABOUT_TITLE = "About this edition"
STYLESHEET = "style.css"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
XHTML_MEDIA_TYPE = "application/xhtml+xml"


def write_epub(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write ``<slug>.epub`` into ``out_dir``; return the manifest's ``outputs`` entry."""
    book = epub.EpubBook()
    _set_metadata(book, publication)
    book.add_item(
        epub.EpubItem(
            uid="style", file_name=STYLESHEET, media_type="text/css", content=_stylesheet()
        )
    )
    nav = _document("nav", NAV_HREF, _nav_page(publication), properties=["nav"])
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    spine: list[epub.EpubItem] = [nav]
    for chapter in publication.chapters:
        document = _document(
            f"c-{chapter.id}", chapter_href(chapter), _chapter_page(publication, chapter)
        )
        book.add_item(document)
        spine.append(document)
    about = _document("about", ABOUT_HREF, _about_page(publication))
    book.add_item(about)
    spine.append(about)
    book.spine = spine
    book.toc = _ncx_toc(publication)
    name = f"{publication.slug}.epub"
    writer = _PackageWriter(str(out_dir / name), book, {"mtime": _modified()})
    writer.process()
    writer.write()
    return {"epub": name}


class _PackageWriter(epub.EpubWriter):
    """ebooklib's writer, plus ``xml:lang`` on the OPF package (Ace's epub-lang check)."""

    def _write_opf_file(self, root: Element) -> None:
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)


def _document(
    uid: str, href: str, content: bytes, properties: list[str] | None = None
) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=href, media_type=XHTML_MEDIA_TYPE, content=content)
    item.properties = properties or []
    return item


def _modified() -> datetime.datetime:
    """``dcterms:modified``: now, or ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC)


def _stylesheet() -> bytes:
    return files("pipeline.writers").joinpath("style.css").read_bytes()


# --- metadata ------------------------------------------------------------------------------


def _set_metadata(book: epub.EpubBook, publication: Publication) -> None:
    meta = publication.article.metadata
    book.set_identifier(publication.identifier)
    book.set_title(meta.title)
    book.set_language(meta.lang)
    if meta.author:
        book.add_author(meta.author)
    if meta.description:
        book.add_metadata("DC", "description", meta.description)
    if meta.date:
        book.add_metadata("DC", "date", meta.date)
    for name, value in accessibility_metadata(publication):
        book.add_metadata(None, "meta", value, {"property": name})


def accessibility_metadata(publication: Publication) -> list[tuple[str, str]]:
    """EPUB Accessibility 1.1 properties (schema.org vocabulary) for this edition."""
    return [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", accessibility_summary(publication)),
        ("dcterms:conformsTo", CONFORMANCE),
        ("a11y:certifiedBy", "earmark (automated checks: EPUBCheck and Ace by DAISY)"),
    ]


def accessibility_summary(publication: Publication) -> str:
    """The human-readable accessibility summary, which also explains the spoiler marking."""
    parts = [
        "This publication meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA. All content is "
        "text, in a logical reading order, with headings for every section and a table of "
        "contents that lists them.",
        spoiler_sentence(publication),
        "There are no images, sound, video or other hazards.",
    ]
    return " ".join(parts)


def spoiler_sentence(publication: Publication) -> str:
    """One sentence on how this edition handles spoilers."""
    if publication.spoiler_free_edition:
        left_out = len(publication.article.spoilers_omitted)
        if left_out:
            return (
                f"This is a spoiler-free edition: {_count(left_out, 'section')} that "
                "reveal the plot were left out."
            )
        return "This is a spoiler-free edition; the article had no spoiler sections."
    spoilers = sum(chapter.spoiler for chapter in publication.chapters)
    if not spoilers:
        return "No chapter contains spoilers."
    return (
        f"{_count(spoilers, 'chapter')} reveal the plot. Each is labelled "
        "\u201cSpoiler:\u201d in the table of contents and opens with a warning whose first "
        "item is a \u201cSkip this spoiler\u201d link to the next spoiler-free part."
    )


def narration_sentence(publication: Publication) -> str:
    """What the About page says about the audio made alongside this EPUB."""
    narration = publication.narration
    if narration is None:
        return "This edition has no narration."
    text = (
        f"The audiobook of this edition is narrated by {narration.narrator} (engine "
        f"{narration.engine}, voice {narration.voice})."
    )
    if not publication.spoiler_free_edition and any(c.spoiler for c in publication.chapters):
        text += (
            " Each spoiler track opens with a spoken warning, and the spoiler-free playlist "
            "leaves those tracks out."
        )
    return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- documents -----------------------------------------------------------------------------


def _chapter_page(publication: Publication, chapter: Chapter) -> bytes:
    lang = publication.article.metadata.lang
    body = []
    if chapter.spoiler:
        body.append(_spoiler_notice(publication, chapter))
    outer: Element | None = None
    parent: Element | None = None
    for section in chapter.sections:
        node = element(
            "section",
            id=f"section-{section.id}",
            aria_labelledby=section.id,
            **_section_semantics(publication, section),
        )
        child(node, f"h{min(section.level, 6)}", section.title, id=section.id)
        if parent is None:
            outer = node
        else:
            parent.append(node)
        parent = node
    render_blocks(parent, chapter.main.blocks)
    body.append(outer)
    return page(chapter.main.title, lang, body, STYLESHEET, body_type="bodymatter")


def _section_semantics(publication: Publication, section: Section) -> dict[str, str]:
    if section.line == 0 and section is publication.article.sections[0]:
        return {"epub_type": "introduction", "role": "doc-introduction"}
    return {"epub_type": "chapter", "role": "doc-chapter"}


def _spoiler_notice(publication: Publication, chapter: Chapter) -> Element:
    target, target_title, passed = _skip_target(publication, chapter)
    notice = element(
        "section",
        class_="spoiler-notice",
        role="doc-notice",
        epub_type="notice",
        aria_label="Spoiler warning",
    )
    ui_text_lang(notice, publication.article.metadata.lang)
    child(notice, "a", "Skip this spoiler", href=target, class_="skip-spoiler")
    also = f", past {_count(passed, 'more spoiler chapter')}" if passed else ""
    warning = child(notice, "p")
    child(warning, "strong", "Spoiler warning.").tail = (
        f" This chapter reveals the plot. \u201cSkip this spoiler\u201d goes to "
        f"\u201c{target_title}\u201d{also}."
    )
    return notice


def _skip_target(publication: Publication, chapter: Chapter) -> tuple[str, str, int]:
    """The next spoiler-free document after ``chapter`` (or the About page), its title, and
    how many spoiler chapters the skip passes over on the way."""
    chapters = publication.chapters
    index = chapters.index(chapter)
    target = next_spoiler_free(chapters, index)
    if target is None:
        return ABOUT_HREF, ABOUT_TITLE, len(chapters) - index - 1
    return chapter_href(chapters[target]), chapters[target].sections[0].title, target - index - 1


def _nav_page(publication: Publication) -> bytes:
    meta = publication.article.metadata
    toc = element("nav", id="toc", role="doc-toc", epub_type="toc", aria_labelledby="toc-title")
    ui_text_lang(child(toc, "h1", "Contents", id="toc-title"), meta.lang)
    toc.append(_nav_list(publication))
    landmarks = element("nav", epub_type="landmarks", hidden="hidden", aria_label="Landmarks")
    ui_text_lang(landmarks, meta.lang)
    child(landmarks, "h2", "Landmarks")
    items = child(landmarks, "ol")
    child(child(items, "li"), "a", "Contents", href=f"{NAV_HREF}#toc", epub_type="toc")
    first = chapter_href(publication.chapters[0])
    child(child(items, "li"), "a", "Start of content", href=first, epub_type="bodymatter")
    child(child(items, "li"), "a", ABOUT_TITLE, href=ABOUT_HREF, epub_type="colophon")
    return page(meta.title, meta.lang, [toc, landmarks], STYLESHEET)


@dataclass(frozen=True)
class _TocEntry:
    section: Section
    href: str
    children: list[_TocEntry]


def _toc_tree(publication: Publication) -> list[_TocEntry]:
    """Sections nested by level, each with the place it starts in the book."""
    hrefs = section_hrefs(publication.chapters)
    root: list[_TocEntry] = []
    open_lists: list[tuple[int, list[_TocEntry]]] = [(0, root)]
    for section in publication.article.sections:
        while open_lists[-1][0] >= section.level:
            open_lists.pop()
        entry = _TocEntry(section, hrefs[section.id], [])
        open_lists[-1][1].append(entry)
        open_lists.append((section.level, entry.children))
    return root


def _nav_list(publication: Publication) -> Element:
    """Nested ``<ol>`` of the sections, plus the About page at the end."""

    def render(entries: list[_TocEntry]) -> Element:
        ol = element("ol")
        for entry in entries:
            item = child(ol, "li")
            child(item, "a", entry.section.label, href=entry.href)
            if entry.children:
                item.append(render(entry.children))
        return ol

    root = render(_toc_tree(publication))
    child(child(root, "li"), "a", ABOUT_TITLE, href=ABOUT_HREF)
    return root


def _ncx_toc(publication: Publication) -> list[object]:
    """The same tree for ebooklib's EPUB 2 NCX."""

    def convert(entry: _TocEntry) -> object:
        label = entry.section.label
        if not entry.children:
            return epub.Link(entry.href, label, f"ncx-{entry.section.id}")
        return (epub.Section(label, entry.href), [convert(c) for c in entry.children])

    return [*map(convert, _toc_tree(publication)), epub.Link(ABOUT_HREF, ABOUT_TITLE, "ncx-about")]


def _about_page(publication: Publication) -> bytes:
    meta = publication.article.metadata
    body = element(
        "section", epub_type="colophon", role="doc-colophon", aria_labelledby="about-title"
    )
    ui_text_lang(body, meta.lang)
    child(body, "h1", ABOUT_TITLE, id="about-title")
    intro = child(body, "p", "This EPUB of ")
    title = child(intro, "cite", meta.title)
    title.tail = f" was made by earmark from the article {publication.article.source.name}."
    child(body, "h2", "Spoilers")
    child(body, "p", spoiler_sentence(publication))
    if publication.spoiler_free_edition and publication.article.spoilers_omitted:
        left_out = child(body, "ul")
        for omitted in publication.article.spoilers_omitted:
            child(left_out, "li", omitted)
    child(body, "h2", "Narration")
    child(body, "p", narration_sentence(publication))
    child(body, "h2", "Accessibility")
    child(body, "p", accessibility_summary(publication))
    return page(ABOUT_TITLE, meta.lang, [body], STYLESHEET, body_type="backmatter")
