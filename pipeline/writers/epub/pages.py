"""The EPUB's XHTML documents: chapters (with spoiler notices), navigation, About page."""

from __future__ import annotations

from dataclasses import dataclass

from ebooklib import epub

from pipeline.edition.chapters import chapter_href, next_spoiler_free, section_hrefs
from pipeline.model import Chapter, Section
from pipeline.publication import Publication
from pipeline.writers.epub.metadata import (
    accessibility_summary,
    narration_sentence,
    spoiler_sentence,
)
from pipeline.writers.sections import count, section_tree, warning_id
from pipeline.writers.xhtml import (
    Element,
    child,
    element,
    page,
    ui_text_lang,
)
from pipeline.xml_chars import xml_safe

NAV_HREF = "nav.xhtml"
ABOUT_HREF = "about-this-edition.xhtml"
ABOUT_TITLE = "About this edition"
STYLESHEET = "style.css"


def chapter_page(publication: Publication, chapter: Chapter) -> bytes:
    """A chapter's XHTML. In a narrated book every spoken sentence is a ``<span id>`` and the
    spoiler notice's warning has an id, for the chapter's media overlay."""
    lang = publication.article.metadata.lang
    body = []
    if chapter.spoiler:
        body.append(_spoiler_notice(publication, chapter))
    body.append(section_tree(publication, chapter))
    return page(chapter.main.title, lang, body, STYLESHEET, body_type="bodymatter")


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
    also = f", past {count(passed, 'more spoiler chapter')}" if passed else ""
    warning = child(notice, "p", id=warning_id(chapter))
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


def nav_page(publication: Publication) -> bytes:
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


def ncx_toc(publication: Publication) -> list[object]:
    """The same tree for ebooklib's EPUB 2 NCX."""

    def convert(entry: _TocEntry) -> object:
        label = xml_safe(entry.section.label)  # a guard, as in ``xhtml.serialize``
        if not entry.children:
            return epub.Link(entry.href, label, f"ncx-{entry.section.id}")
        return (epub.Section(label, entry.href), [convert(c) for c in entry.children])

    return [*map(convert, _toc_tree(publication)), epub.Link(ABOUT_HREF, ABOUT_TITLE, "ncx-about")]


def about_page(publication: Publication) -> bytes:
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
