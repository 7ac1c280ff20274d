"""The document model every reader produces and every writer consumes.

No HTML, no audio: just the structure of an article. All types are frozen, so a stage can
only hand on a new value (``dataclasses.replace``), never change what an earlier stage made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


@dataclass(frozen=True)
class Strikethrough:
    """Struck-out text (``~~text~~``, ``<del>``, ``<s>``): shown struck, not spoken."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Superscript:
    """Raised text (``<sup>``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Subscript:
    """Lowered text (``<sub>``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A reference to a footnote of the same section (``[^label]``): shown as its number,
    never read mid-sentence."""

    label: str
    """The note's label in the source; matches ``Footnote.label``."""
    number: int
    """1-based number of the note in its article, as shown to the reader."""

    # NoteRefs have no text of their own: plain_text skips them.


Inline = (
    Text | Emphasis | Strong | Code | Link | LineBreak | Strikethrough | Superscript | Subscript
) | NoteRef

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
    checks: tuple[bool | None, ...] = ()
    """A task list's boxes, one per item (True: done, False: open, None: no box); empty when
    the list is not a task list."""


@dataclass(frozen=True)
class BlockQuote:
    """A quotation made of blocks."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text, shown verbatim and never narrated as prose."""

    text: str
    language: str = ""
    """The code's language as the source names it (a fence's info word), "" when not given."""


@dataclass(frozen=True)
class TableCell:
    """One cell of a table."""

    inlines: tuple[Inline, ...]
    header: bool = False
    align: str = ""
    """"left", "center", "right" or "" (the reading system's default)."""


@dataclass(frozen=True)
class Table:
    """A table: header rows (cells with ``header=True``), body rows and an optional caption."""

    head: tuple[tuple[TableCell, ...], ...]
    body: tuple[tuple[TableCell, ...], ...]
    caption: tuple[Inline, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Image:
    """An image as the article refers to it; ``edition`` decides whether a local file is
    embedded (``src`` relative to the article) or a remote one is linked."""

    src: str
    alt: str
    """The text alternative; "" for a decorative image."""
    title: str = ""


@dataclass(frozen=True)
class Figure:
    """An image on its own, with its caption (a figcaption, or the image's title)."""

    image: Image
    caption: tuple[Inline, ...] = ()
    line: int = 0
    link: str = ""
    """A safe (web) address the image links to (``[![alt](a.png)](https://...)``), or ""."""


@dataclass(frozen=True)
class Embed:
    """Embedded media the book cannot carry (an iframe, a video, a tweet): shown and spoken as
    a labelled placeholder with a link."""

    kind: str
    """What it is, as the reader should hear it: "video", "audio", "post", "map", "content"."""
    host: str
    """Where it comes from ("youtube.com"), "" when unknown."""
    title: str = ""
    href: str = ""
    """A safe (web) address to open it, "" when there is none."""
    line: int = 0


@dataclass(frozen=True)
class DefinitionList:
    """Terms and their definitions."""

    items: tuple[tuple[tuple[Inline, ...], tuple[tuple[Block, ...], ...]], ...]
    """(term, definitions) pairs; each definition is a sequence of blocks."""


@dataclass(frozen=True)
class SpoilerBlock:
    """Part of a section the source marks as a spoiler (``<details>`` with a spoiler summary,
    ``>!text!<``). ``pipeline.spoilers`` turns each into a spoiler unit of its own."""

    blocks: tuple[Block, ...]
    summary: str = ""
    line: int = 0


Block = (
    Paragraph | ListBlock | BlockQuote | CodeBlock | Table | Figure | Embed | DefinitionList
) | SpoilerBlock


@dataclass(frozen=True)
class Footnote:
    """A footnote: its label in the source, its number in the article, its text."""

    label: str
    number: int
    blocks: tuple[Block, ...]


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
    notes: tuple[Footnote, ...] = ()
    """The footnotes first referenced in this section's body, in number order."""

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
    """The byline: every author, as a sentence says them ("A and B")."""
    date: str | None = None
    """Publication date, W3CDTF (``2024-06-04``, ``2024-06-04T23:21:05+10:00``)."""
    description: str | None = None
    cover: str | None = None
    cover_line: int = 0
    """Source line of the ``cover:`` key, for error messages."""
    cover_optional: bool = False
    """The cover was named by a theme's key (``image:``): a missing file gives the title card
    with a warning instead of an error."""
    authors: tuple[str, ...] = ()
    """Each author on their own (``dc:creator`` each); empty when only ``author`` is known."""
    modified: str | None = None
    """When the article was last updated, W3CDTF."""
    subjects: tuple[str, ...] = ()
    """Tags, categories and keywords (``dc:subject``)."""
    draft: bool = False
    """The front matter marks the article as a draft: skipped unless ``--drafts``."""
    pronunciations: tuple[tuple[str, str], ...] = ()
    """(written, spoken) pairs that apply to narration only."""
    spoilers: tuple[str, ...] | None = None
    """Front-matter ``spoilers:`` list of section titles or ids; ``None`` when absent."""
    spoilers_line: int = 0
    """Source line of the ``spoilers:`` key, for error messages."""

    @property
    def creators(self) -> tuple[str, ...]:
        """The authors one by one (``author`` alone when no list was given)."""
        return self.authors or ((self.author,) if self.author else ())


@dataclass(frozen=True)
class Article:
    """One article: metadata plus its sections in reading order."""

    source: Path
    metadata: Metadata
    sections: tuple[Section, ...]
    spoilers_omitted: tuple[str, ...] = field(default=())
    """Titles of spoiler sections left out of a spoiler-free edition."""
    warnings: tuple[str, ...] = field(default=())
    """What the reader removed from the source and could not keep, as ``file:line: message``
    (an unknown shortcode, raw HTML over the size bound); shown by the CLI."""


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
        elif isinstance(inline, NoteRef):
            continue
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
        elif isinstance(block, Table):
            texts.append(plain_text(block.caption))
            for row in block.head + block.body:
                texts.extend(plain_text(cell.inlines) for cell in row)
        elif isinstance(block, Figure):
            texts.extend((block.image.alt, plain_text(block.caption)))
        elif isinstance(block, Embed):
            texts.append(block.title)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                texts.append(plain_text(term))
                for definition in definitions:
                    texts.extend(block_texts(definition))
        elif isinstance(block, SpoilerBlock):
            texts.extend(block_texts(block.blocks))
    return [text for text in texts if text]


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
        if isinstance(inline, NoteRef):
            # No text of its own: it goes with the text before it.
            if start < position <= end or position == start == 0:
                result.append(inline)
        elif begin < stop:
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


def strip_inlines(inlines: tuple[Inline, ...] | list[Inline], breaks: bool) -> tuple[Inline, ...]:
    """The inlines without blank text (and, with ``breaks``, line breaks) at either end, and
    the text at the ends stripped."""
    items = list(inlines)
    edges = (Text, LineBreak) if breaks else (Text,)
    while items and isinstance(items[0], edges) and not plain_text(items[:1]).strip():
        items.pop(0)
    while items and isinstance(items[-1], edges) and not plain_text(items[-1:]).strip():
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return tuple(items)


def walk_blocks(blocks: tuple[Block, ...] | list[Block]) -> Iterator[Block]:
    """Every block in ``blocks`` and, depth first, every block inside them (list items,
    quotes, spoiler blocks, definitions), in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, (BlockQuote, SpoilerBlock)):
            yield from walk_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item)
        elif isinstance(block, DefinitionList):
            for _, definitions in block.items:
                for definition in definitions:
                    yield from walk_blocks(definition)
