"""Markdown articles: CommonMark + GFM (markdown-it-py and mdit-py-plugins: tables, footnotes,
strikethrough, task lists, autolinks, definition lists) with front matter and heading
attributes; ``markdown_blocks`` turns the tokens into the model.

Template syntax (Liquid, Hugo shortcodes) is resolved first (``readers.templates``); raw HTML
and comments are read as structure (``readers.html_tokens``), never kept as text.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from pipeline.model import Article, Block, Metadata
from pipeline.readers.assemble import SectionDraft, assemble_article
from pipeline.readers.decode import read_text
from pipeline.readers.front_matter import FrontMatter, split_front_matter
from pipeline.readers.front_matter_keys import front_matter_metadata
from pipeline.readers.html_tokens import HtmlReader
from pipeline.readers.inline_spoilers import split_inline_spoilers
from pipeline.readers.markdown_blocks import MarkdownConverter, convert_body, mark_tasks
from pipeline.readers.markdown_dialects import rewrite_dialects
from pipeline.readers.notices import Notices
from pipeline.readers.templates import expand_templates
from pipeline.xml_chars import xml_safe

_parser = (
    MarkdownIt("commonmark", {"html": True, "linkify": True})
    .enable(["table", "strikethrough", "linkify"])
    .use(footnote_plugin)
    .use(tasklists_plugin)
    .use(deflist_plugin)
)


def read_markdown(path: Path) -> Article:
    """Read a Markdown article into an Article."""
    lines = read_text(path).split("\n")
    front = split_front_matter(path, lines)
    offset = front.body_start
    notices = Notices(path)
    body = expand_templates("\n".join(lines[front.body_start :]), notices, offset)
    body = rewrite_dialects(body)
    converter = MarkdownConverter(path, offset)
    parsed = mark_tasks(_parser.parse(body))
    reader = HtmlReader(path, notices, offset, converter.convert_block, converter.convert_inlines)
    parts = convert_body(reader.fold(parsed), converter)
    opening, drafts = parts.opening, parts.drafts
    title_heading = _title_heading(front, drafts, opening)
    if title_heading is not None:
        drafts.remove(title_heading)
        opening.extend(title_heading.blocks)
        parts.opening_notes.extend(title_heading.notes)
    metadata = _metadata(path, front, title_heading)
    return split_inline_spoilers(
        assemble_article(
            path, metadata, opening, drafts, notices.lines(), opening_notes=parts.opening_notes
        )
    )


def _metadata(path: Path, front: FrontMatter, title_heading: SectionDraft | None) -> Metadata:
    fallback = title_heading.title if title_heading else None
    return front_matter_metadata(
        path,
        front,
        fallback or xml_safe(path.stem).replace("-", " ").replace("_", " ").strip().capitalize(),
    )


def _title_heading(
    front: FrontMatter, drafts: list[SectionDraft], opening: list[Block]
) -> SectionDraft | None:
    """A single H1 is the article's title when it equals the front matter title, or when there
    is no front matter title and it opens the article."""
    h1s = [draft for draft in drafts if draft.level == 1]
    if len(h1s) != 1:
        return None
    h1 = h1s[0]
    title = front.values.get("title")
    if title is not None:
        return h1 if str(title).strip().casefold() == h1.title.casefold() else None
    return h1 if drafts[0] is h1 and not opening else None
