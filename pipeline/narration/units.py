"""What each block says: a section's body as the units the narration speaks, in document order.

A unit is either text on the page (a paragraph, a table cell, a caption, a term: cut into
sentences, each a ``<span id>`` in the XHTML) or a line earmark says about an element (an
image's description, a code sample, an embed, a long table: one utterance whose id is the
element's). Every block gives its units in a fixed order whatever the settings, a unit that is
not spoken being empty, so the writers (``pipeline.writers.blocks``) walk the same units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from num2words import num2words

from pipeline.config import ContentOptions
from pipeline.model import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    DefinitionList,
    Embed,
    Figure,
    Footnote,
    Inline,
    ListBlock,
    Paragraph,
    Section,
    SpoilerBlock,
    Strikethrough,
    Table,
    Text,
    plain_text,
)


@dataclass(frozen=True)
class Unit:
    """One thing the narration says, and where it is on the page."""

    inlines: tuple[Inline, ...] = ()
    """Text on the page, read as written (struck-out text excepted)."""
    said: str = ""
    """A line about an element (``element=True``): what is spoken."""
    element: bool = False
    prefix: str = ""
    """Said before the text's first sentence ("Compiler: " before a table cell)."""
    suffix: str = ""
    """Said after its last sentence (":" after a term; "." after a cell or caption that
    does not end a sentence)."""
    paragraph: Paragraph | None = None
    """The paragraph this unit is, when it is one."""
    ends_paragraph: bool = True
    """Whether a paragraph's pause follows (not after a term, nor inside a table row)."""


_SILENT = Unit()
_FILE_NAME = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|avif|svg|heic|tiff?)", re.IGNORECASE)
"""Alt text that is only the image's file name ("DSC05397.jpg"), as some editors fill it:
it says nothing to a listener, so the narration says "Image." alone."""

LANGUAGE_NAMES = {
    "bash": "shell", "sh": "shell", "shell": "shell", "console": "shell", "zsh": "shell",
    "c++": "C++", "cpp": "C++", "cs": "C sharp", "csharp": "C sharp", "js": "JavaScript",
    "javascript": "JavaScript", "ts": "TypeScript", "typescript": "TypeScript",
    "py": "Python", "rb": "Ruby", "rs": "Rust", "html": "HTML", "css": "CSS", "sql": "SQL",
    "json": "JSON", "yaml": "YAML", "yml": "YAML", "toml": "TOML", "xml": "XML",
    "php": "PHP", "md": "Markdown", "golang": "Go", "kt": "Kotlin", "objc": "Objective-C",
}  # fmt: skip
"""How a fence's language word is said; others are said capitalised ("rust": "Rust")."""


def section_units(section: Section, options: ContentOptions) -> list[Unit]:
    """The units of the section's own text, then of its notes."""
    return [*block_units(section.blocks, options), *note_units(section.notes, options)]


def block_units(blocks: tuple[Block, ...], options: ContentOptions) -> Iterator[Unit]:
    """The units of ``blocks``, in document order."""
    for block in blocks:
        yield from _units(block, options, "")


def _units(block: Block, options: ContentOptions, prefix: str) -> Iterator[Unit]:
    if isinstance(block, Paragraph):
        yield Unit(block.inlines, prefix=prefix, paragraph=block)
    elif isinstance(block, ListBlock):
        for index, item in enumerate(block.items):
            check = block.checks[index] if index < len(block.checks) else None
            mark = "" if check is None else ("Done: " if check else "To do: ")
            yield from _first_prefixed(item, options, mark)
    elif isinstance(block, (BlockQuote, SpoilerBlock)):
        yield from _first_prefixed(block.blocks, options, prefix)
    elif isinstance(block, CodeBlock):
        yield _code(block, options)
    elif isinstance(block, Table):
        yield from _table(block, options)
    elif isinstance(block, Figure):
        alt = block.image.alt.strip()
        described = options.images == "describe" and alt
        line = "Image." if _FILE_NAME.fullmatch(alt) else _sentence(f"Image: {alt}")
        yield Unit(said=line, element=True) if described else _SILENT
        yield Unit(block.caption, suffix=".") if options.images == "describe" else _SILENT
    elif isinstance(block, Embed):
        yield Unit(said=embed_line(block), element=True)
    elif isinstance(block, DefinitionList):
        for term, definitions in block.items:
            yield Unit(term, suffix=":", ends_paragraph=False)
            for definition in definitions:
                yield from block_units(definition, options)


def _first_prefixed(blocks: tuple[Block, ...], options: ContentOptions, prefix: str):
    """The blocks' units with ``prefix`` said before the first one."""
    for index, block in enumerate(blocks):
        yield from _units(block, options, prefix if index == 0 else "")


def note_units(notes: tuple[Footnote, ...], options: ContentOptions) -> Iterator[Unit]:
    """The notes read at the end of their section: "Notes. One: ...", "Two: ..."."""
    for index, note in enumerate(notes):
        heading = "Notes. " if index == 0 else ""
        number = num2words(note.number).capitalize()
        for unit_index, block in enumerate(note.blocks):
            prefix = f"{heading}{number}: " if unit_index == 0 else ""
            for unit in _units(block, options, prefix):
                yield unit if options.footnotes == "read" else _SILENT


def _code(block: CodeBlock, options: ContentOptions) -> Unit:
    if options.code == "skip" or not block.text.strip():
        return _SILENT
    if options.code == "read":
        return Unit(said=block.text, element=True)
    lines = block.text.count("\n") + 1
    word = block.language.lower()
    name = LANGUAGE_NAMES.get(word, word.capitalize())
    language = f" in {name}" if name else ""
    plural = "line" if lines == 1 else "lines"
    return Unit(said=f"Code sample{language}, {lines} {plural}.", element=True)


def _table(table: Table, options: ContentOptions) -> Iterator[Unit]:
    """The announcement (long tables), the caption, then every body cell with its column's
    header name; the header row itself is said with each cell."""
    rows = len(table.body)
    long = rows > options.table_rows
    noun = "row" if rows == 1 else "rows"
    yield Unit(said=f"A table of {rows} {noun}, in the text.", element=True) if long else _SILENT
    yield Unit(table.caption, suffix=".")
    names = [plain_text(cell.inlines).strip() for cell in table.head[-1]] if table.head else []
    for row in table.body:
        for column, cell in enumerate(row):
            name = names[column] if column < len(names) else ""
            prefix = f"{name}: " if name else ""
            last = column == len(row) - 1
            cell_unit = Unit(cell.inlines, prefix=prefix, suffix=".", ends_paragraph=last)
            yield _SILENT if long else cell_unit


def embed_line(embed: Embed) -> str:
    """The placeholder's words: "Embedded video from youtube.com: TITLE."."""
    source = f" from {embed.host}" if embed.host else ""
    title = f": {embed.title}" if embed.title else ""
    return _sentence(f"Embedded {embed.kind or 'content'}{source}{title}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else f"{text}."


def spoken_ranges(inlines: tuple[Inline, ...], start: int = 0) -> list[tuple[int, int, str]]:
    """Offsets (in ``plain_text``) of what is not read as written: struck-out text ("silent":
    shown, not spoken) and inline code ("code": spoken as its words, see ``code_words``)."""
    ranges: list[tuple[int, int, str]] = []
    position = start
    for inline in inlines:
        length = len(plain_text((inline,)))
        if isinstance(inline, Strikethrough):
            ranges.append((position, position + length, "silent"))
        elif isinstance(inline, Code):
            ranges.append((position, position + length, "code"))
        elif not isinstance(inline, Text) and hasattr(inline, "children"):
            ranges.extend(spoken_ranges(inline.children, position))
        position += length
    return ranges


_CODE_WORDS = re.compile(r"\d+(?:\.\d+)*|[^\W_]+|[=+]")


def code_words(code: str) -> str:
    """Inline code as its words, not its punctuation: ``cargo build --release`` is "cargo
    build release", ``std::vec::Vec`` "std vec Vec", ``snake_case`` "snake case"."""
    return " ".join(_CODE_WORDS.findall(code))
