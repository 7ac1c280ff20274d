"""Web pages (``.html``, ``.htm``): a saved article page or a CMS export becomes the article
alone.

The page is decoded as it declares (``html_charset``) and parsed whole with Lexbor within the
page bounds; ``html_main`` finds the article element; what the page says about it becomes the
Metadata (``html_metadata``, then the sidecar ``NAME.yaml``); the article's own header (its
title, byline and date) and the site's chrome (``html_chrome``) are removed; the spoiler
classes CMS themes use become ``<details>`` spoilers; then the same mapping as raw HTML in
Markdown (``html_blocks.html_items``) gives the blocks, and ``<h1>``-``<h6>`` the sections.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.errors import SourceError
from pipeline.model import Article, Block, Metadata, Paragraph, plain_text
from pipeline.readers.assemble import SectionDraft, assemble_article
from pipeline.readers.html_blocks import Context, HtmlHeading, html_items
from pipeline.readers.html_charset import read_page_text
from pipeline.readers.html_chrome import remove_chrome, unwrap_layout_tables
from pipeline.readers.html_depth import flatten_deep
from pipeline.readers.html_footnotes import attach_notes, take_footnotes
from pipeline.readers.html_main import LOOKED_FOR, find_article, is_article_text
from pipeline.readers.html_metadata import (
    AUTHOR_SOURCES,
    COVER_SOURCES,
    DATE_SOURCES,
    DESCRIPTION_SOURCES,
    LANG_SOURCES,
    TITLE_SOURCES,
    Page,
    Source,
    first_found,
    read_json_ld,
    title_heading,
)
from pipeline.readers.html_sidecar import with_sidecar
from pipeline.readers.html_spoilers import mark_spoiler_classes
from pipeline.readers.notices import Notices
from pipeline.spoilers import is_spoiler_warning
from pipeline.xml_chars import xml_safe

MAX_TITLE_BLOCK_WORDS = 60
"""A title with its byline and date is short; a longer block around it is the article."""
MAX_ARTICLE_ELEMENTS = 400_000
"""Elements in the article itself beyond which the page is refused."""


def read_html_page(path: Path) -> Article:
    """Read a web page's article into an Article (see the module)."""
    notices = Notices(path)
    tree = LexborHTMLParser(flatten_deep(read_page_text(path, notices), notices))
    root = find_article(tree)
    if root is None:
        raise _no_article(path)
    page = Page(path, tree, root, read_json_ld(tree))
    metadata = _metadata(page)
    _remove_own_header(root, metadata.title)
    notes = take_footnotes(tree, root)
    for node in reversed(root.css("script, style, noscript, template")):
        node.decompose()  # dropped by the mapping anyway; not text when judging the article
    remove_chrome(root)
    unwrap_layout_tables(root)
    if not is_article_text(root):
        raise _no_article(path)
    elements = sum(1 for _ in root.traverse(include_text=False))
    if elements > MAX_ARTICLE_ELEMENTS:
        raise SourceError(
            path,
            f"the article has {elements} elements, more than the {MAX_ARTICLE_ELEMENTS} "
            "earmark reads.",
            "Save the article alone, or convert it to Markdown.",
        )
    marks = mark_spoiler_classes(tree, root, is_spoiler_warning)
    context = Context(lambda i: [], notes.inline, 0)
    items = html_items(list(root.iter(include_text=True)), context)
    opening: list[Block] = []
    drafts: list[SectionDraft] = []
    for item in items:
        if isinstance(item, HtmlHeading):
            marked = item.title in marks.headings
            drafts.append(SectionDraft(item.title, item.level, 0, marked_spoiler=marked))
        else:
            (drafts[-1].blocks if drafts else opening).append(item)
    if marks.warnings:
        _mark_after_warning(opening, drafts, marks.warnings)
    metadata = with_sidecar(path, metadata)
    article = assemble_article(path, metadata, opening, drafts, notices.lines())
    return dataclasses.replace(article, sections=attach_notes(article.sections, notes.footnotes))


def _no_article(path: Path) -> SourceError:
    return SourceError(
        path,
        f"no article found (looked for {LOOKED_FOR}).",
        "Save the article's own page (not an index or a login page), or convert it to Markdown.",
    )


def _metadata(page: Page) -> Metadata:
    def found(sources: tuple[tuple[str, Source], ...]) -> str | None:
        value = first_found(page, sources)
        return xml_safe(value).strip() or None if value else None  # JSON-LD escapes

    fallback = xml_safe(page.path.stem).replace("-", " ").replace("_", " ").strip().capitalize()
    return Metadata(
        title=found(TITLE_SOURCES) or fallback,
        lang=found(LANG_SOURCES) or "en",
        author=found(AUTHOR_SOURCES),
        date=found(DATE_SOURCES),
        description=found(DESCRIPTION_SOURCES),
        cover=found(COVER_SOURCES),
    )


def _remove_own_header(root: LexborNode, title_text: str) -> None:
    """The article's title heading and its ``<header>`` (title, byline, date: metadata now)
    are not part of its text; a header holding section headings stays."""
    doomed: list[LexborNode] = []
    title = title_heading(root, title_text)
    for header in root.css("header"):
        if header.css_first("h2, h3, h4, h5, h6") is None or (
            title is not None and header.css_first("h1") is not None
        ):
            doomed.append(header)
    if title is not None and not any(_contains(header, title) for header in doomed):
        doomed.append(_title_block(root, title))
    for node in reversed(doomed):
        node.decompose()


def _title_block(root: LexborNode, title: LexborNode) -> LexborNode:
    """The title heading with what stands around it alone (a byline, a date): its highest
    ancestor below ``root`` that holds no other heading and few words."""
    block = title
    current = title.parent
    while current is not None and current.mem_id != root.mem_id:
        headings = current.css("h1, h2, h3, h4, h5, h6")
        words = len(current.text(deep=True, separator=" ").split())
        if len(headings) > 1 or words > MAX_TITLE_BLOCK_WORDS:
            break
        block = current
        current = current.parent
    return block


def _contains(outer: LexborNode, inner: LexborNode) -> bool:
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == outer.mem_id:
            return True
        current = current.parent
    return False


def _mark_after_warning(opening: list[Block], drafts: list[SectionDraft], warned: set[str]) -> None:
    """A ``.spoiler-warning`` whose words the spoiler rules do not know still marks what
    follows it: every later section is marked a spoiler."""
    found = any(_is_warned(block, warned) for block in opening)
    for draft in drafts:
        if found:
            draft.marked_spoiler = True
        found = found or any(_is_warned(block, warned) for block in draft.blocks)


def _is_warned(block: Block, warned: set[str]) -> bool:
    return isinstance(block, Paragraph) and plain_text(block.inlines).strip() in warned
