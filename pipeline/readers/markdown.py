"""Markdown articles: CommonMark (markdown-it-py) with YAML front matter and heading attributes.

Template syntax (Liquid, Hugo shortcodes) is resolved first (``readers.templates``); raw HTML
and comments are read as structure (``readers.html_tokens``), never kept as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.errors import SourceError
from pipeline.ids import is_valid_id
from pipeline.model import (
    Article,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Strong,
    Text,
    is_safe_link,
    plain_text,
)
from pipeline.readers.assemble import SectionDraft, assemble_article
from pipeline.readers.decode import read_text
from pipeline.readers.front_matter import FrontMatter, split_front_matter
from pipeline.readers.front_matter_keys import front_matter_metadata
from pipeline.readers.html_tokens import BLOCK_TOKEN, INLINE_TOKEN, HtmlReader
from pipeline.readers.inline_spoilers import split_inline_spoilers
from pipeline.readers.notices import Notices
from pipeline.readers.templates import expand_templates
from pipeline.xml_chars import xml_safe

_HEADING_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*$")

_parser = MarkdownIt("commonmark", {"html": True})


def read_markdown(path: Path) -> Article:
    """Read a Markdown article into an Article."""
    lines = read_text(path).split("\n")
    front = split_front_matter(path, lines)
    offset = front.body_start
    notices = Notices(path)
    body = expand_templates("\n".join(lines[front.body_start :]), notices, offset)
    tokens = HtmlReader(path, notices, offset, _block, _inlines).fold(_parser.parse(body))
    opening: list[Block] = []
    drafts: list[SectionDraft] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            drafts.append(_heading(path, token, tokens[index + 1], offset))
            index += 3
            continue
        block, index = _block(tokens, index)
        if block is not None:
            line = token.map[0] + 1 + offset if token.map else 0
            if isinstance(block, Paragraph):
                block = Paragraph(block.inlines, line)
            (drafts[-1].blocks if drafts else opening).append(block)
    title_heading = _title_heading(front, drafts, opening)
    if title_heading is not None:
        drafts.remove(title_heading)
        opening.extend(title_heading.blocks)
    metadata = _metadata(path, front, title_heading)
    return split_inline_spoilers(assemble_article(path, metadata, opening, drafts, notices.lines()))


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


def _heading(path: Path, open_token: Token, inline: Token, offset: int) -> SectionDraft:
    line = open_token.map[0] + 1 + offset if open_token.map else 0
    title = plain_text(_inlines(inline.children or []))
    explicit_id, spoiler = None, False
    match = _HEADING_ATTRIBUTES.search(title)
    if match:
        title = title[: match.start()].strip()
        for attribute in match.group(1).split():
            if attribute.startswith("#"):
                explicit_id = attribute[1:]
                if not is_valid_id(explicit_id):
                    raise SourceError(
                        path,
                        f"'{attribute}' is not a usable section id.",
                        "An id starts with a letter and has only letters, digits, '-', '_' "
                        "and '.'; 'nav', 'cover', 'toc', 'style' and 'about-this-edition' "
                        "are taken by earmark.",
                        line=line,
                    )
            elif attribute == ".spoiler":
                spoiler = True
    if not title:
        raise SourceError(path, "this heading has no text.", "Give the heading a title.", line)
    return SectionDraft(
        title=title,
        level=int(open_token.tag[1]),
        line=line,
        explicit_id=explicit_id,
        marked_spoiler=spoiler,
    )


def _block(tokens: list[Token], index: int) -> tuple[Block | None, int]:
    """Parse the block starting at ``tokens[index]``; return it and the index after it."""
    token = tokens[index]
    if token.type == BLOCK_TOKEN:  # raw HTML, already read (readers.html_tokens)
        return token.meta["block"], index + 1
    if token.type == "paragraph_open":
        return Paragraph(_inlines(tokens[index + 1].children or [])), index + 3
    if token.type in ("fence", "code_block"):
        return CodeBlock(token.content.rstrip("\n")), index + 1
    if token.type in ("bullet_list_open", "ordered_list_open"):
        close = token.type.replace("_open", "_close")
        items: list[tuple[Block, ...]] = []
        index += 1
        while tokens[index].type != close:
            children, index = _blocks_until(tokens, index + 1, "list_item_close")
            items.append(tuple(children))
            index += 1
        start = int(token.attrGet("start") or 1)
        return ListBlock(tuple(items), token.type == "ordered_list_open", start), index + 1
    if token.type == "blockquote_open":
        children, index = _blocks_until(tokens, index + 1, "blockquote_close")
        return BlockQuote(tuple(children)), index + 1
    if token.type == "heading_open":
        # A heading inside a list or quote: keep it as a paragraph of its text.
        return Paragraph(_inlines(tokens[index + 1].children or [])), index + 3
    return None, index + 1  # thematic breaks and anything without content


def _blocks_until(tokens: list[Token], index: int, close: str) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while tokens[index].type != close:
        block, index = _block(tokens, index)
        if block is not None:
            blocks.append(block)
    return blocks, index


def _inlines(tokens: list[Token]) -> tuple[Inline, ...]:
    """Convert inline tokens into the model's inlines, merging adjacent text."""
    result: list[Inline] = []
    stack: list[tuple[Token, list[Inline]]] = []

    def emit(inline: Inline) -> None:
        target = stack[-1][1] if stack else result
        if isinstance(inline, Text) and target and isinstance(target[-1], Text):
            target[-1] = Text(target[-1].text + inline.text)
        else:
            target.append(inline)

    for token in tokens:
        kind = token.type
        if kind == "text":
            if token.content:
                emit(Text(token.content))
        elif kind == INLINE_TOKEN:  # raw HTML, already read (readers.html_tokens)
            emit(token.meta["inline"])
        elif kind == "softbreak":
            emit(Text(" "))
        elif kind == "hardbreak":
            emit(LineBreak())
        elif kind == "code_inline":
            emit(Code(token.content))
        elif kind == "image":
            emit(Text(token.content))  # the alt text: images are not carried over
        elif kind.endswith("_open"):
            stack.append((token, []))
        elif kind.endswith("_close") and stack:
            opener, children = stack.pop()
            emit(_wrap(opener, tuple(children)))
    return tuple(result)


def _wrap(opener: Token, children: tuple[Inline, ...]) -> Inline:
    if opener.type == "em_open":
        return Emphasis(children)
    if opener.type == "strong_open":
        return Strong(children)
    href = str(opener.attrGet("href") or "")
    if opener.type == "link_open" and is_safe_link(href):
        return Link(href, children)
    # A link earmark cannot keep (relative, script, unknown scheme) keeps its text only.
    return Text(plain_text(children))
