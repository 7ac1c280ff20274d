"""Markdown tokens (markdown-it-py with the GFM plugins) -> the model's blocks and sections.

Every image is a figure of its own (a paragraph is split around it, so no image's alt text runs
into the text beside it), footnote references become ``NoteRef``s numbered in article order and
each note goes to the section that first refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it.token import Token

from pipeline.errors import SourceError
from pipeline.ids import is_valid_id
from pipeline.model import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    DefinitionList,
    Emphasis,
    Figure,
    Footnote,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    SpoilerBlock,
    Strikethrough,
    Strong,
    Table,
    TableCell,
    Text,
    is_safe_link,
    plain_text,
    strip_inlines,
)
from pipeline.readers.assemble import SectionDraft
from pipeline.readers.html_tokens import BLOCK_TOKEN, INLINE_TOKEN

_HEADING_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*$")
_ALIGN = re.compile(r"text-align:\s*(left|center|right)")


@dataclass
class Body:
    """An article body as blocks: the text before the first heading, then the sections."""

    opening: list[Block] = field(default_factory=list)
    drafts: list[SectionDraft] = field(default_factory=list)
    opening_notes: list[Footnote] = field(default_factory=list)


def convert_body(tokens: list[Token], converter: MarkdownConverter) -> Body:
    """The body's blocks and section drafts (raw HTML already folded into model tokens); each
    note goes to the section whose text first cites it (the last section when none does)."""
    body = Body()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            body.drafts.append(converter.heading(token, tokens[index + 1]))
            index += 3
            continue
        if token.type == "footnote_block_open":
            index = converter.footnotes(tokens, index + 1)
            continue
        blocks, index = converter.block(tokens, index)
        (body.drafts[-1].blocks if body.drafts else body.opening).extend(blocks)
    owners: dict[int, list[Footnote]] = {}
    parts = [(body.opening, body.opening_notes)] + [(d.blocks, d.notes) for d in body.drafts]
    for blocks, notes in parts:
        for ref in _note_refs(blocks):
            owners.setdefault(ref.number, notes)
    for number in sorted(converter.notes):
        note = Footnote(converter.labels.get(number, str(number)), number,
                        tuple(converter.notes[number]))  # fmt: skip
        owners.get(number, parts[-1][1]).append(note)
    return body


def _note_refs(blocks: list[Block] | tuple[Block, ...]) -> Iterator[NoteRef]:
    """The note references in ``blocks``, in reading order."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from _inline_refs(block.inlines)
        elif isinstance(block, (BlockQuote, SpoilerBlock)):
            yield from _note_refs(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _note_refs(item)
        elif isinstance(block, Table):
            yield from _inline_refs(block.caption)
            for row in block.head + block.body:
                for cell in row:
                    yield from _inline_refs(cell.inlines)
        elif isinstance(block, Figure):
            yield from _inline_refs(block.caption)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                yield from _inline_refs(term)
                for definition in definitions:
                    yield from _note_refs(definition)


def _inline_refs(inlines: tuple[Inline, ...]) -> Iterator[NoteRef]:
    for inline in inlines:
        if isinstance(inline, NoteRef):
            yield inline
        elif hasattr(inline, "children"):
            yield from _inline_refs(inline.children)


def mark_tasks(tokens: list[Token]) -> list[Token]:
    """Move each task list box (an ``html_inline`` ``<input>`` the tasklists plugin writes)
    onto its item as ``meta["checked"]``, so raw HTML reading never sees it."""
    items: list[Token] = []
    for token in tokens:
        if token.type == "list_item_open":
            items.append(token)
        elif token.type == "list_item_close":
            items.pop()
        elif token.type == "inline" and items and token.children:
            boxes = [c for c in token.children if "task-list-item-checkbox" in c.content]
            for box in boxes:
                if "task-list-item" in str(items[-1].attrGet("class") or ""):
                    items[-1].meta["checked"] = 'checked="checked"' in box.content
                token.children.remove(box)
    return tokens


class MarkdownConverter:
    """Token -> block conversion, with the article's footnotes as they are found."""

    def __init__(self, path: Path, offset: int) -> None:
        self.path = path
        self.offset = offset
        self.labels: dict[int, str] = {}
        self.notes: dict[int, list[Block]] = {}
        self._stash: list[Block] = []
        self._stash_at: tuple[int, int] = (0, -1)
        self._stash_next = 0

    def convert_block(self, tokens: list[Token], index: int) -> tuple[Block | None, int]:
        """One block at a time, for ``HtmlReader`` (Markdown inside raw HTML): a paragraph
        split around its images gives its blocks in turn, the index held until the last."""
        if self._stash and self._stash_at == (id(tokens), index):
            block = self._stash.pop(0)
            return block, (index if self._stash else self._stash_next)
        blocks, after = self.block(tokens, index)
        if len(blocks) <= 1:
            return (blocks[0] if blocks else None), after
        self._stash, self._stash_at, self._stash_next = blocks[1:], (id(tokens), index), after
        return blocks[0], index

    def convert_inlines(self, tokens: list[Token]) -> tuple[Inline, ...]:
        """Inline tokens as model inlines (an image as its alt text), for ``HtmlReader``."""
        return tuple(self.inlines(tokens))

    def heading(self, open_token: Token, inline: Token) -> SectionDraft:
        """A section draft for a heading: its title, level, ``{#id}`` and ``{.spoiler}``."""
        path = self.path
        line = self.line(open_token)
        title = plain_text(tuple(self.inlines(inline.children or [])))
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

    def line(self, token: Token) -> int:
        return token.map[0] + 1 + self.offset if token.map else 0

    def block(self, tokens: list[Token], index: int) -> tuple[list[Block], int]:
        """The blocks starting at ``tokens[index]`` and the index after them."""
        token = tokens[index]
        kind = token.type
        if kind == BLOCK_TOKEN:  # raw HTML, already read (readers.html_tokens)
            return [token.meta["block"]], index + 1
        if kind in ("paragraph_open", "heading_open"):
            # (A heading inside a list or quote is kept as a paragraph of its text.)
            return self.paragraph(tokens[index + 1], self.line(token)), index + 3
        if kind in ("fence", "code_block"):
            language = token.info.split()[0] if token.info.strip() else ""
            return [CodeBlock(token.content.rstrip("\n"), language)], index + 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list_block(tokens, index)
        if kind == "blockquote_open":
            children, index = self.blocks_until(tokens, index + 1, "blockquote_close")
            return [BlockQuote(tuple(children))], index + 1
        if kind == "table_open":
            return self.table(tokens, index)
        if kind == "dl_open":
            return self.definitions(tokens, index)
        return [], index + 1  # thematic breaks and anything without content

    def blocks_until(self, tokens: list[Token], index: int, close: str) -> tuple[list[Block], int]:
        blocks: list[Block] = []
        while tokens[index].type != close:
            found, index = self.block(tokens, index)
            blocks.extend(found)
        return blocks, index

    def list_block(self, tokens: list[Token], index: int) -> tuple[list[Block], int]:
        token = tokens[index]
        close = token.type.replace("_open", "_close")
        items: list[tuple[Block, ...]] = []
        checks: list[bool | None] = []
        index += 1
        while tokens[index].type != close:
            checks.append(tokens[index].meta.get("checked"))
            children, index = self.blocks_until(tokens, index + 1, "list_item_close")
            items.append(tuple(children))
            index += 1
        start = int(token.attrGet("start") or 1)
        boxes = tuple(checks) if any(check is not None for check in checks) else ()
        ordered = token.type == "ordered_list_open"
        return [ListBlock(tuple(items), ordered, start, boxes)], index + 1

    def table(self, tokens: list[Token], index: int) -> tuple[list[Block], int]:
        line = self.line(tokens[index])
        head: list[tuple[TableCell, ...]] = []
        body: list[tuple[TableCell, ...]] = []
        row: list[TableCell] = []
        rows = head
        index += 1
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tbody_open":
                rows = body
            elif token.type == "tr_close":
                rows.append(tuple(row))
                row = []
            elif token.type in ("th_open", "td_open"):
                found = _ALIGN.search(str(token.attrGet("style") or ""))
                inlines = _stripped(self.inlines(tokens[index + 1].children or []))
                row.append(TableCell(inlines, token.type == "th_open", found[1] if found else ""))
                index += 2
            index += 1
        return [Table(tuple(head), tuple(body), line=line)], index + 1

    def definitions(self, tokens: list[Token], index: int) -> tuple[list[Block], int]:
        items: list[tuple[tuple[Inline, ...], tuple[tuple[Block, ...], ...]]] = []
        index += 1
        while tokens[index].type != "dl_close":
            token = tokens[index]
            if token.type == "dt_open":
                items.append((_stripped(self.inlines(tokens[index + 1].children or [])), ()))
                index += 3
            elif token.type == "dd_open":
                children, index = self.blocks_until(tokens, index + 1, "dd_close")
                if not items:
                    items.append(((), ()))
                term, definitions = items[-1]
                items[-1] = (term, (*definitions, tuple(children)))
                index += 1
            else:
                index += 1
        return [DefinitionList(tuple(items))], index + 1

    def footnotes(self, tokens: list[Token], index: int) -> int:
        """Collect the notes of a ``footnote_block``; return the index after it."""
        while tokens[index].type != "footnote_block_close":
            token = tokens[index]
            if token.type == "footnote_open":
                number = int(token.meta["id"]) + 1
                self.labels.setdefault(number, str(token.meta.get("label") or number))
                children, index = self.blocks_until(tokens, index + 1, "footnote_close")
                self.notes[number] = children
            index += 1
        return index + 1

    def paragraph(self, inline: Token, line: int) -> list[Block]:
        """A paragraph, split around its images: each image is a figure of its own, and only
        paragraphs with text are kept."""
        figures: list[Block] = []
        result: list[Block] = []
        current: list[Inline] = []

        def flush() -> None:
            inlines = _stripped(tuple(current))
            if plain_text(inlines).strip() or any(isinstance(i, NoteRef) for i in inlines):
                result.append(Paragraph(inlines, line))
            current.clear()

        for item in self.inlines(inline.children or [], figures):
            if isinstance(item, _FigureMark):
                flush()
                result.append(replace(figures[item.index], line=line))
            else:
                current.append(item)
        flush()
        return result

    def inlines(self, tokens: list[Token], figures: list[Block] | None = None) -> list:
        """Inline tokens as model inlines, adjacent text merged. With ``figures``, each image
        becomes a figure there and a mark in the result where the paragraph splits (an image
        inside a link or emphasis is placed after the inline that holds it); without, an
        image is its alt text."""
        result: list = []
        stack: list[tuple[Token, list]] = []
        pending: list[_FigureMark] = []

        def emit(inline: object) -> None:
            target = stack[-1][1] if stack else result
            if isinstance(inline, Text) and target and isinstance(target[-1], Text):
                target[-1] = Text(target[-1].text + inline.text)
            else:
                target.append(inline)

        for token in tokens:
            kind = token.type
            if kind in ("text", "html_inline"):
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
            elif kind == "footnote_ref":
                number = int(token.meta["id"]) + 1
                self.labels.setdefault(number, str(token.meta.get("label") or number))
                emit(NoteRef(self.labels[number], number))
            elif kind == "image" and figures is not None:
                links = [str(o.attrGet("href") or "") for o, _ in stack if o.type == "link_open"]
                safe = [href for href in links if is_safe_link(href)]
                figures.append(replace(self.figure(token), link=safe[-1] if safe else ""))
                mark = _FigureMark(len(figures) - 1)
                (pending if stack else result).append(mark)
            elif kind == "image":
                emit(Text(token.content))
            elif kind.endswith("_open"):
                stack.append((token, []))
            elif kind.endswith("_close") and stack:
                opener, children = stack.pop()
                if children:  # (a link that held only an image is the figure's link)
                    emit(_wrap(opener, tuple(children)))
                if not stack:
                    result.extend(pending)
                    pending.clear()
        return result + pending

    def figure(self, token: Token) -> Figure:
        described = tuple(self.inlines(token.children or []))
        alt = plain_text(described).strip()
        title = str(token.attrGet("title") or "").strip()
        image = Image(str(token.attrGet("src") or ""), alt, title)
        # A note cited in the alt text is cited by the caption, where it can be followed.
        refs = tuple(inline for inline in described if isinstance(inline, NoteRef))
        return Figure(image, ((Text(title),) if title else ()) + refs)


@dataclass(frozen=True)
class _FigureMark:
    index: int


def _stripped(inlines: tuple[Inline, ...] | list[Inline]) -> tuple[Inline, ...]:
    """The inlines without the spaces and line breaks at either end."""
    return strip_inlines(inlines, breaks=True)


def _wrap(opener: Token, children: tuple[Inline, ...]) -> Inline:
    if opener.type == "em_open":
        return Emphasis(children)
    if opener.type == "strong_open":
        return Strong(children)
    if opener.type == "s_open":
        return Strikethrough(children)
    href = str(opener.attrGet("href") or "")
    if opener.type == "link_open" and is_safe_link(href):
        return Link(href, children)
    # A link earmark cannot keep (relative, script, unknown scheme) keeps its text only.
    return Text(plain_text(children))
