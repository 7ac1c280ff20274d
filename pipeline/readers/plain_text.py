"""Plain-text articles, as pasted from a web page.

- The first non-empty line is the title.
- A heading is a line standing alone between blank lines that is short and does not end a
  sentence (".", "!", "…", ";", ","), a ``Heading:`` line, or an ALL-CAPS line.
- A run of question headings right after a ``Heading:`` line nests under it.
- Other blocks are paragraphs; a block whose lines all start with "- ", "* " or "1." is a list.
- A spoiler warning ("Warning: This article contains heavy spoilers"), an end marker
  ("End of spoilers") and a line with an inline spoiler (``>!text!<``) stay paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.model import Article, Block, ListBlock, Metadata, Paragraph, Text
from pipeline.readers.assemble import SectionDraft, assemble_article
from pipeline.readers.decode import read_text
from pipeline.readers.inline_spoilers import has_inline_spoiler, split_inline_spoilers
from pipeline.spoilers import is_spoiler_end, is_spoiler_warning

MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 12
_SENTENCE_END = (".", "!", "…", ";", ",", '."', ".”", "!”", '!"')
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


def read_plain_text(path: Path) -> Article:
    """Read a plain-text article into an Article."""
    blocks = _split_blocks(read_text(path))
    (title_line, first), rest = blocks[0], blocks[1:]
    title = first[0].strip()
    if len(first) > 1:
        rest.insert(0, (title_line + 1, first[1:]))
    opening: list[Block] = []
    drafts: list[SectionDraft] = []
    in_group = False  # just after a "Heading:" line, question headings nest under it
    for line, lines in rest:
        text = " ".join(part.strip() for part in lines)
        kind = _heading_kind(lines)
        if kind == "group":
            drafts.append(SectionDraft(text.rstrip(":").strip(), 1, line))
            in_group = True
        elif kind == "heading":
            nested = in_group and text.endswith("?")
            in_group = nested
            drafts.append(SectionDraft(text, 2 if nested else 1, line))
        else:
            (drafts[-1].blocks if drafts else opening).extend(_blocks(lines, line))
    return split_inline_spoilers(assemble_article(path, Metadata(title=title), opening, drafts))


def _split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks as (1-based first line, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _heading_kind(lines: list[str]) -> str | None:
    """ "group" for a ``Heading:`` line, "heading" for another heading, None for body text."""
    if len(lines) != 1:
        return None
    text = lines[0].strip()
    if len(text) > MAX_HEADING_CHARS or _BULLET.match(text) or _is_spoiler_mark(text):
        return None
    if text.endswith(":"):
        return "group"
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return "heading"
    if len(text.split()) <= MAX_HEADING_WORDS and not text.endswith(_SENTENCE_END):
        return "heading"
    return None


def _is_spoiler_mark(text: str) -> bool:
    """A spoiler warning, an end marker or an inline spoiler line is text, not a heading."""
    return is_spoiler_warning(text) or is_spoiler_end(text) or has_inline_spoiler(text)


def _blocks(lines: list[str], line: int) -> list[Block]:
    """A paragraph, a list, or a lead-in paragraph followed by a list ("Pack:" then bullets)."""
    first_bullet = next((i for i, text in enumerate(lines) if _BULLET.match(text)), len(lines))
    lead, bullets = lines[:first_bullet], lines[first_bullet:]
    if not all(_BULLET.match(text) for text in bullets):
        lead, bullets = lines, []
    blocks: list[Block] = []
    if lead:
        blocks.append(Paragraph((Text(" ".join(part.strip() for part in lead)),), line))
    if bullets:
        items = tuple(
            (Paragraph((Text(_BULLET.sub("", text).strip()),), line + first_bullet + i),)
            for i, text in enumerate(bullets)
        )
        blocks.append(ListBlock(items, ordered=bullets[0].strip()[0].isdigit()))
    return blocks
