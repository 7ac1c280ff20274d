"""The document model every reader produces and every writer consumes.

No HTML, no audio: just the structure of an article. All types are frozen, so a stage can
only hand on a new value (``dataclasses.replace``), never change what an earlier stage made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

# --- inlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text; whatever it contains is shown as text, never interpreted as markup."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised (usually italic) text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised (usually bold) text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Inline code, shown verbatim."""

    text: str


_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def is_safe_link(href: str) -> bool:
    """Whether a link may be published: web and mail addresses only (no scripts, no relative
    paths that would point nowhere inside an EPUB)."""
    return _SAFE_LINK.match(href) is not None


@dataclass(frozen=True)
class Link:
    """A hyperlink to an absolute web or mail address."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Text | Emphasis | Strong | Code | Link | LineBreak

# --- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content."""

    inlines: tuple[Inline, ...]
    line: int = 0
    """1-based line in the source where the paragraph starts (0 when unknown)."""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    """Number of the first item of an ordered list."""


@dataclass(frozen=True)
class BlockQuote:
    """A quotation made of blocks."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text, shown verbatim and never narrated as prose."""

    text: str


Block = Paragraph | ListBlock | BlockQuote | CodeBlock

# --- document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A headed part of the article; sections form a flat list, nesting is given by ``level``."""

    id: str
    """Unique, stable identifier (an XML name): also the chapter's file name stem."""
    title: str
    level: int
    """1 for a top-level section, 2 for its children, and so on."""
    blocks: tuple[Block, ...] = ()
    """The section's own body text, not including its child sections."""
    marked_spoiler: bool = False
    """The source marks this heading as a spoiler (``{.spoiler}``)."""
    spoiler: bool = False
    """Decided by the spoiler rules (see ``pipeline.spoilers``)."""
    line: int = 0
    """1-based source line of the heading (0 for a generated opening section)."""

    @property
    def label(self) -> str:
        """The title as contents, track titles and chapter marks show it: spoilers say so."""
        return f"Spoiler: {self.title}" if self.spoiler else self.title


@dataclass(frozen=True)
class Metadata:
    """What the article says about itself (front matter, or the title line of a text file)."""

    title: str
    lang: str = "en"
    lang_line: int = 0
    """Source line of the ``lang:`` key (0: not given), for error messages."""
    author: str | None = None
    date: str | None = None
    description: str | None = None
    cover: str | None = None
    cover_line: int = 0
    """Source line of the ``cover:`` key, for error messages."""
    pronunciations: tuple[tuple[str, str], ...] = ()
    """(written, spoken) pairs that apply to narration only."""
    spoilers: tuple[str, ...] | None = None
    """Front-matter ``spoilers:`` list of section titles or ids; ``None`` when absent."""
    spoilers_line: int = 0
    """Source line of the ``spoilers:`` key, for error messages."""


@dataclass(frozen=True)
class Article:
    """One article: metadata plus its sections in reading order."""

    source: Path
    metadata: Metadata
    sections: tuple[Section, ...]
    spoilers_omitted: tuple[str, ...] = field(default=())
    """Titles of spoiler sections left out of a spoiler-free edition."""


@dataclass(frozen=True)
class Chapter:
    """One reading-order document: a section with body text, plus the empty group headings
    (sections without text of their own) that open it."""

    sections: tuple[Section, ...]

    @property
    def main(self) -> Section:
        """The section whose body text the chapter carries."""
        return self.sections[-1]

    @property
    def id(self) -> str:
        """The chapter's id: its main section's id."""
        return self.main.id

    @property
    def spoiler(self) -> bool:
        """Whether the chapter reveals a spoiler."""
        return self.main.spoiler


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The inlines' text without formatting (a line break counts as a space)."""
    parts = []
    for inline in inlines:
        if isinstance(inline, (Text, Code)):
            parts.append(inline.text)
        elif isinstance(inline, LineBreak):
            parts.append(" ")
        else:
            parts.append(plain_text(inline.children))
    return "".join(parts)


def block_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The text of each paragraph (or code block) in ``blocks``, lists and quotes included."""
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(plain_text(block.inlines))
        elif isinstance(block, CodeBlock):
            texts.append(block.text)
        elif isinstance(block, BlockQuote):
            texts.extend(block_texts(block.blocks))
        elif isinstance(block, ListBlock):
            for item in block.items:
                texts.extend(block_texts(item))
    return texts


def word_count(section: Section) -> int:
    """Number of words in the section's own body text."""
    return sum(len(text.split()) for text in block_texts(section.blocks))


def slice_inlines(inlines: tuple[Inline, ...], start: int, end: int) -> tuple[Inline, ...]:
    """The part of ``inlines`` between two offsets of their ``plain_text``, formatting kept:
    slicing "*one. two.*" at 5 gives "*one.*" and "* two.*"."""
    result: list[Inline] = []
    position = 0
    for inline in inlines:
        length = len(plain_text((inline,)))
        begin, stop = max(start, position), min(end, position + length)
        if begin < stop:
            a, b = begin - position, stop - position
            if isinstance(inline, Text):
                result.append(Text(inline.text[a:b]))
            elif isinstance(inline, Code):
                result.append(Code(inline.text[a:b]))
            elif isinstance(inline, LineBreak):
                result.append(inline)
            else:
                result.append(replace(inline, children=slice_inlines(inline.children, a, b)))
        position += length
    return tuple(result)
