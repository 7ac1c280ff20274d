"""Inline spoilers as forums write them, ``>!text!<`` (Reddit) and ``||text||`` (Discord): a
post-pass over the blocks a reader made. Each spoiler in a paragraph becomes a
``SpoilerBlock`` of its own (``pipeline.spoilers`` makes it a spoiler unit); the text around
it stays where it is, as paragraphs before and after it. Code is never searched.

A Markdown paragraph that starts with ``>!`` is read by CommonMark as a block quote of
"!text!<"; such a quote is taken back as the paragraph it was meant to be.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import (
    Article,
    Block,
    BlockQuote,
    Code,
    Inline,
    LineBreak,
    NoteRef,
    Paragraph,
    SpoilerBlock,
    Text,
    plain_text,
    slice_inlines,
)

INLINE_SPOILERS: tuple[tuple[str, str], ...] = (
    ("Reddit", r">!(?P<reddit>[^\n]+?)!<"),
    ("Discord", r"\|\|(?P<discord>\S(?:[^\n|]*?\S)?)\|\|"),
)
"""(where it comes from, pattern): the spoiler's text is the pattern's one named group."""

_SPOILER = re.compile("|".join(pattern for _, pattern in INLINE_SPOILERS))
_MASK = "\x00"


def has_inline_spoiler(text: str) -> bool:
    """Whether ``text`` holds an inline spoiler."""
    return _SPOILER.search(text) is not None


def split_inline_spoilers(article: Article) -> Article:
    """The article with every inline spoiler of its top-level paragraphs made a SpoilerBlock."""
    sections = tuple(
        replace(section, blocks=tuple(_split_blocks(section.blocks)))
        for section in article.sections
    )
    return replace(article, sections=sections)


def _split_blocks(blocks: tuple[Block, ...]) -> list[Block]:
    result: list[Block] = []
    for block in blocks:
        quoted = _quoted_spoiler(block)
        pieces = _split_paragraph(quoted) if quoted is not None else [block]
        if quoted is not None and pieces != [quoted]:
            result.extend(pieces)
        elif isinstance(block, Paragraph):
            result.extend(_split_paragraph(block))
        else:
            result.append(block)
    return result


def _quoted_spoiler(block: Block) -> Paragraph | None:
    """The paragraph a ``>!text!<`` line was meant to be, when CommonMark made it a quote."""
    if not (isinstance(block, BlockQuote) and len(block.blocks) == 1):
        return None
    (inner,) = block.blocks
    if not isinstance(inner, Paragraph):
        return None
    text = plain_text(inner.inlines)
    if not (text.startswith("!") and "!<" in text):
        return None
    return replace(inner, inlines=(Text(">"), *inner.inlines))


def _split_paragraph(paragraph: Paragraph) -> list[Block]:
    inlines = paragraph.inlines
    matches = list(_SPOILER.finditer(_masked(inlines)))
    if not matches:
        return [paragraph]
    line = paragraph.line
    pieces: list[Block] = []
    position = 0
    for match in matches:
        group = "reddit" if match.group("reddit") is not None else "discord"
        pieces.extend(_paragraph(slice_inlines(inlines, position, match.start()), line))
        inner = _paragraph(slice_inlines(inlines, match.start(group), match.end(group)), line)
        if inner:
            pieces.append(SpoilerBlock(tuple(inner), line=line))
        position = match.end()
    pieces.extend(_paragraph(slice_inlines(inlines, position, len(plain_text(inlines))), line))
    return pieces


def _paragraph(inlines: tuple[Inline, ...], line: int) -> list[Paragraph]:
    """A paragraph of ``inlines`` without their outer spaces, or nothing when they are blank."""
    trimmed = list(inlines)
    if trimmed and isinstance(trimmed[0], Text):
        trimmed[0] = Text(trimmed[0].text.lstrip())
    if trimmed and isinstance(trimmed[-1], Text):
        trimmed[-1] = Text(trimmed[-1].text.rstrip())
    trimmed = [i for i in trimmed if not (isinstance(i, Text) and not i.text)]
    if not plain_text(tuple(trimmed)).strip():
        return []
    return [Paragraph(tuple(trimmed), line)]


def _masked(inlines: tuple[Inline, ...]) -> str:
    """``plain_text(inlines)`` with the text of inline code masked, so it never matches."""
    parts = []
    for inline in inlines:
        if isinstance(inline, Code):
            parts.append(_MASK * len(inline.text))
        elif isinstance(inline, Text):
            parts.append(inline.text)
        elif isinstance(inline, LineBreak):
            parts.append(" ")
        elif not isinstance(inline, NoteRef):
            parts.append(_masked(inline.children))
    return "".join(parts)
