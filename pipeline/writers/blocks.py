"""The article's blocks and inlines as XHTML, the same in the EPUB and the web edition.

Tables with ``<caption>`` and ``<th scope>``, figures with their image (embedded when local) or
a link (remote), code with its language, footnotes as EPUB 3 noterefs and footnotes with
back-links, task lists with a mark screen readers announce, definition lists, embeds as a
labelled placeholder. In a narrated book, ``sentences`` has one list per unit of
``pipeline.narration.units`` (the same walk, in the same order): text units become sentence
``<span id>``s, a line about an element gives that element its id.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from pipeline.edition.images import ArticleImage
from pipeline.model import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    DefinitionList,
    Embed,
    Emphasis,
    Figure,
    Footnote,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    SpoilerBlock,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
    is_safe_link,
    plain_text,
    slice_inlines,
)
from pipeline.narration.sentences import Sentence
from pipeline.narration.units import embed_line
from pipeline.writers.xhtml import Element, child

IMAGE_FOLDER = "images"
"""Where embedded images go, beside the chapter documents (EPUB) or the page (web)."""

_INLINE_TAGS = {Emphasis: "em", Strong: "strong", Strikethrough: "del", Superscript: "sup",
                Subscript: "sub"}  # fmt: skip


def note_id(number: int) -> str:
    """The id of footnote ``number``'s ``<aside>``."""
    return f"note-{number}"


class BlockRenderer:
    """Renders one section's blocks and notes; ``note_href(number)`` is where a reference
    to a note points (another document in the EPUB, the same page on the web; None when the
    note is not in this edition)."""

    def __init__(
        self,
        sentences: Iterator[list[Sentence]] | None,
        images: tuple[ArticleImage, ...],
        note_href: Callable[[int], str | None],
        epub: bool = True,
    ) -> None:
        self.sentences = sentences
        self.images = {image.src: image for image in images}
        self.note_href = note_href
        self.epub = epub
        self.references: Counter[int] = Counter()
        self.lead: list[Element] = []

    def _next(self) -> list[Sentence]:
        return next(self.sentences) if self.sentences is not None else []

    def _target(self, node: Element) -> None:
        """A line about an element: the element gets its utterance's id."""
        said = self._next()
        if said:
            node.set("id", said[0].id)

    def _text(self, node: Element, inlines: tuple[Inline, ...]) -> None:
        """Text on the page: with its sentences as ``<span id>``s in a narrated book."""
        said = self._next()
        if self.sentences is None:
            self.inlines(node, inlines)
        else:
            self.sentence_spans(node, inlines, said)

    def sentence_spans(
        self, node: Element, inlines: tuple[Inline, ...], sentences: list[Sentence]
    ) -> None:
        """Append the inlines with each sentence (by its offsets) in a ``<span id>``."""
        position = 0
        for sentence in sentences:
            self.inlines(node, slice_inlines(inlines, position, sentence.start))
            span = child(node, "span", id=sentence.id)
            self.inlines(span, slice_inlines(inlines, sentence.start, sentence.end))
            position = sentence.end
        self.inlines(node, slice_inlines(inlines, position, len(plain_text(inlines))))

    def blocks(self, parent: Element, blocks: Iterable[Block]) -> None:
        """Append the blocks to ``parent``."""
        for block in blocks:
            self.block(parent, block)

    def block(self, parent: Element, block: Block) -> None:
        """Append one block to ``parent``."""
        if isinstance(block, Paragraph):
            node = child(parent, "p")
            node.extend(self.lead)
            self.lead = []
            self._text(node, block.inlines)
        elif isinstance(block, ListBlock):
            self._list(parent, block)
        elif isinstance(block, BlockQuote):
            self.blocks(child(parent, "blockquote"), block.blocks)
        elif isinstance(block, SpoilerBlock):
            self.blocks(child(parent, "div", class_="spoiler-block"), block.blocks)
        elif isinstance(block, CodeBlock):
            pre = child(parent, "pre")
            self._target(pre)
            language = {"class_": f"language-{block.language}"} if block.language else {}
            child(pre, "code", block.text, **language)
        elif isinstance(block, Table):
            self._table(parent, block)
        elif isinstance(block, Figure):
            self._figure(parent, block)
        elif isinstance(block, Embed):
            self._embed(parent, block)
        elif isinstance(block, DefinitionList):
            node = child(parent, "dl")
            for term, definitions in block.items:
                self._text(child(node, "dt"), term)
                for definition in definitions:
                    self.blocks(child(node, "dd"), definition)

    def _list(self, parent: Element, block: ListBlock) -> None:
        attributes = {"start": str(block.start)} if block.ordered and block.start != 1 else {}
        if block.checks:
            attributes["class_"] = "task-list"
        node = child(parent, "ol" if block.ordered else "ul", **attributes)
        for index, item in enumerate(block.items):
            check = block.checks[index] if index < len(block.checks) else None
            self.lead = [] if check is None else _task_mark(check)
            self.blocks(child(node, "li"), item)
            self.lead = []

    def _table(self, parent: Element, table: Table) -> None:
        node = child(parent, "table")
        self._target(node)
        caption = element_if(table.caption, node, "caption")
        said = self._next()  # the caption's unit, spoken or not
        if caption is not None:
            self._sentences_into(caption, table.caption, said)
        if table.head:
            head = child(node, "thead")
            for row in table.head:
                tr = child(head, "tr")
                for cell in row:
                    self.inlines(self._cell(tr, cell, "col"), cell.inlines)
        body = child(node, "tbody")
        for row in table.body:
            tr = child(body, "tr")
            for cell in row:
                self._text(self._cell(tr, cell, "row"), cell.inlines)

    def _sentences_into(self, node: Element, inlines: tuple[Inline, ...], said) -> None:
        saved = self.sentences
        self.sentences = iter([said]) if saved is not None else None
        self._text(node, inlines)
        self.sentences = saved

    def _cell(self, row: Element, cell: TableCell, scope: str) -> Element:
        attributes = {"class_": f"align-{cell.align}"} if cell.align else {}
        if cell.header:
            return child(row, "th", scope=scope, **attributes)
        return child(row, "td", **attributes)

    def _figure(self, parent: Element, figure: Figure) -> None:
        image = figure.image
        local = self.images.get(image.src)
        remote = is_safe_link(image.src)
        if local is None and not (image.alt or remote or figure.caption):
            self._next(), self._next()  # a decorative image that is not there: nothing
            return
        node = child(parent, "figure")
        if local is not None:
            img = child(node, "img", src=f"{IMAGE_FOLDER}/{local.file_name}", alt=image.alt)
            self._target(img)
        else:
            # Not in the book: its description, and a link when it is on the web.
            line = child(node, "p", class_="image-elsewhere")
            self._target(line)
            line.text = f"Image: {image.alt}. " if image.alt else "Image. "
            if remote:
                host = urlsplit(image.src).hostname or "the web"
                child(line, "a", f"Open the image on {host}", href=image.src)
        if figure.link and is_safe_link(figure.link):
            host = urlsplit(figure.link).hostname or "the web"
            child(child(node, "p", class_="figure-link"), "a", f"Link: {host}", href=figure.link)
        said = self._next()
        if figure.caption:
            self._sentences_into(child(node, "figcaption"), figure.caption, said)

    def _embed(self, parent: Element, embed: Embed) -> None:
        node = child(parent, "p", class_="embed")
        self._target(node)
        node.text = embed_line(embed) + (" " if embed.href else "")
        if embed.href and is_safe_link(embed.href):
            child(node, "a", f"Open it on {embed.host or 'the web'}", href=embed.href)

    def notes(self, parent: Element, notes: tuple[Footnote, ...]) -> None:
        """The section's footnotes at its end, each an ``<aside>`` with a link back."""
        if not notes:
            return
        holder = child(parent, "div", class_="footnotes")
        for note in notes:
            semantics = {"epub_type": "footnote"} if self.epub else {}
            aside = child(
                holder, "aside", id=note_id(note.number), role="doc-footnote", **semantics
            )
            self.lead = [_note_number(note.number)]
            self.blocks(aside, note.blocks)
            if self.lead:  # a note without a paragraph
                child(aside, "p").extend(self.lead)
                self.lead = []
            if not self.references[note.number]:
                continue  # cited nowhere on this page: no way back
            back = child(aside, "p", class_="note-back")
            child(
                back,
                "a",
                "\u21a9",
                href=f"#noteref-{note.number}",
                role="doc-backlink",
                aria_label=f"Back to the reference to note {note.number}",
            )

    def inlines(self, parent: Element, inlines: Iterable[Inline]) -> None:
        """Append the inlines to ``parent``: text stays text, formatting becomes elements."""
        for inline in inlines:
            if isinstance(inline, Text):
                _append_text(parent, inline.text)
            elif isinstance(inline, Code):
                child(parent, "code", inline.text)
            elif isinstance(inline, LineBreak):
                child(parent, "br")
            elif isinstance(inline, NoteRef):
                self._note_ref(parent, inline)
            elif type(inline) in _INLINE_TAGS:
                self.inlines(child(parent, _INLINE_TAGS[type(inline)]), inline.children)
            elif isinstance(inline, Link) and is_safe_link(inline.href):
                self.inlines(child(parent, "a", href=inline.href), inline.children)
            elif isinstance(inline, Link):  # a guard: the readers keep only safe links
                self.inlines(parent, inline.children)

    def _note_ref(self, parent: Element, ref: NoteRef) -> None:
        self.references[ref.number] += 1
        seen = self.references[ref.number]
        ref_id = f"noteref-{ref.number}" + (f"-{seen}" if seen > 1 else "")
        semantics = {"epub_type": "noteref"} if self.epub else {}
        sup = child(parent, "sup")
        href = self.note_href(ref.number)
        if href is None:
            sup.text = str(ref.number)
            return
        child(
            sup,
            "a",
            str(ref.number),
            href=href,
            id=ref_id,
            role="doc-noteref",
            aria_label=f"Note {ref.number}",
            **semantics,
        )


def element_if(inlines: tuple[Inline, ...], parent: Element, tag: str) -> Element | None:
    """A new ``tag`` in ``parent`` when there are ``inlines`` to put in it."""
    return child(parent, tag) if inlines else None


def _task_mark(done: bool) -> list[Element]:
    """A visible box and the words a screen reader says ("Done:", "To do:")."""
    box = ET.Element(f"{{{_XHTML}}}span", {"class": "task-mark", "aria-hidden": "true"})
    box.text = "\u2611 " if done else "\u2610 "
    words = ET.Element(f"{{{_XHTML}}}span", {"class": "visually-hidden"})
    words.text = "Done: " if done else "To do: "
    return [box, words]


def _note_number(number: int) -> Element:
    mark = ET.Element(f"{{{_XHTML}}}span", {"class": "note-number"})
    mark.text = f"{number}. "
    return mark


_XHTML = "http://www.w3.org/1999/xhtml"


def _append_text(parent: Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
