"""Markdown articles: CommonMark + GFM (markdown-it-py and mdit-py-plugins: tables, footnotes,
strikethrough, task lists, autolinks, definition lists) with YAML front matter and heading
attributes; ``markdown_blocks`` turns the tokens into the model.

Raw HTML is not interpreted: it stays visible text, like everything else in the article.
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
from pipeline.readers.front_matter import (
    FrontMatter,
    pronunciations,
    split_front_matter,
    spoiler_list,
    text_value,
)
from pipeline.readers.markdown_blocks import convert_body
from pipeline.xml_chars import xml_safe

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": True})
    .enable(["table", "strikethrough", "linkify"])
    .use(footnote_plugin)
    .use(tasklists_plugin)
    .use(deflist_plugin)
)


def read_markdown(path: Path) -> Article:
    """Read a Markdown article into an Article."""
    lines = read_text(path).split("\n")
    front = split_front_matter(path, lines)
    tokens = _parser.parse("\n".join(lines[front.body_start :]))
    body = convert_body(path, tokens, front.body_start)
    opening, drafts = body.opening, body.drafts
    title_heading = _title_heading(front, drafts, opening)
    if title_heading is not None:
        drafts.remove(title_heading)
        opening.extend(title_heading.blocks)
        body.opening_notes.extend(title_heading.notes)
    metadata = _metadata(path, front, title_heading)
    return assemble_article(path, metadata, opening, drafts, body.opening_notes)


def _metadata(path: Path, front: FrontMatter, title_heading: SectionDraft | None) -> Metadata:
    title = text_value(path, front, "title") or (title_heading.title if title_heading else None)
    spoilers = spoiler_list(path, front)
    return Metadata(
        title=title or xml_safe(path.stem).replace("-", " ").replace("_", " ").strip().capitalize(),
        lang=text_value(path, front, "lang") or "en",
        lang_line=front.lines.get("lang", 0),
        author=text_value(path, front, "author"),
        date=text_value(path, front, "date"),
        description=text_value(path, front, "description"),
        cover=text_value(path, front, "cover"),
        cover_line=front.lines.get("cover", 0),
        pronunciations=pronunciations(path, front),
        spoilers=spoilers,
        spoilers_line=front.lines.get("spoilers", 0),
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
