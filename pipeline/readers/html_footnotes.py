"""Footnotes as CMSs and Markdown renderers publish them: a list of notes (NOTE_LISTS: the
``.footnotes`` of markdown-it, kramdown and pandoc, WordPress's ``wp-block-footnotes``,
``role=doc-endnotes``) whose items have ids, and links to them (``<sup><a href="#fn1">``).

Each link becomes an inline placeholder that the HTML mapping fills with a ``NoteRef``
(numbered in the order they are first referenced), the back-links (NOTE_BACKLINKS) go, and
the list is taken out of the text; ``attach_notes`` gives each section the notes it is first
to refer to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.model import Footnote, Inline, NoteRef, Section
from pipeline.readers.html_blocks import Context, HtmlHeading, html_items
from pipeline.readers.html_parse import INLINE_SLOT

NOTE_LISTS = (
    ".footnotes, .footnotes-list, .footnote-list, [role=doc-endnotes], .wp-block-footnotes, "
    "#footnotes, .easy-footnotes-wrapper, .endnotes"
)
NOTE_BACKLINKS = (
    "a[role=doc-backlink], a.footnote-backref, a.footnote-back, a.reversefootnote, "
    'a[rev=footnote], a[href^="#fnref"], a[href$="-link"][href^="#"]'
)


@dataclass
class Notes:
    """The article's notes, once their links are placeholders."""

    labels: list[str] = field(default_factory=list)
    """Note ids in number order (number = index + 1)."""
    slots: list[int] = field(default_factory=list)
    """Per placeholder, the number of the note it refers to."""
    bodies: dict[str, LexborNode] = field(default_factory=dict)
    footnotes: list[Footnote] = field(default_factory=list)
    """Every note with its blocks, in number order (read before the lists are removed)."""

    def inline(self, index: int) -> tuple[Inline, ...]:
        """The inlines of placeholder ``index``: its NoteRef."""
        number = self.slots[index]
        return (NoteRef(self.labels[number - 1], number),)

    def read(self) -> list[Footnote]:
        """Every note with its blocks, in number order."""
        context = Context(lambda i: [], self.inline, 0)
        result = []
        for number, label in enumerate(self.labels, 1):
            items = html_items(list(self.bodies[label].iter(include_text=True)), context)
            blocks = tuple(item for item in items if not isinstance(item, HtmlHeading))
            result.append(Footnote(label, number, blocks))
        return result


def take_footnotes(tree: LexborHTMLParser, root: LexborNode) -> Notes:
    """Replace the note links below ``root`` by placeholders and take the note lists out."""
    notes = Notes()
    found = root.css(NOTE_LISTS)
    every = {node.mem_id for node in found}
    lists = [node for node in found if not _ancestor_in(node, every, root)]
    for container in lists:
        for item in container.css("li[id]"):
            notes.bodies.setdefault(item.attributes.get("id") or "", item)
    if not notes.bodies:
        return notes
    listed = {container.mem_id for container in lists}
    for link in root.css('a[href^="#"]'):
        label = (link.attributes.get("href") or "")[1:]
        if label not in notes.bodies or _ancestor_in(link, listed, root):
            continue
        if label not in notes.labels:
            notes.labels.append(label)
        placeholder = tree.create_node(INLINE_SLOT)
        placeholder.attrs["data-i"] = str(len(notes.slots))
        notes.slots.append(notes.labels.index(label) + 1)
        holder = link.parent if _only_child(link) else link
        holder.insert_before(placeholder, move=True)
        holder.decompose()
    notes.labels.extend(label for label in notes.bodies if label not in notes.labels)
    for body in notes.bodies.values():
        for backlink in reversed(body.css(NOTE_BACKLINKS)):
            backlink.decompose()
    notes.footnotes = notes.read()
    notes.bodies = {}
    for container in reversed(lists):
        container.decompose()
    return notes


def attach_notes(sections: tuple[Section, ...], notes: list[Footnote]) -> tuple[Section, ...]:
    """Each section with the notes it is the first to refer to (unreferenced ones go to the
    last section)."""
    if not notes:
        return sections
    by_number = {note.number: note for note in notes}
    seen: set[int] = set()
    result = []
    for section in sections:
        own = [ref.number for ref in note_refs(section.blocks) if ref.number not in seen]
        own = list(dict.fromkeys(own))
        seen.update(own)
        result.append(dataclasses.replace(section, notes=tuple(by_number[n] for n in own)))
    rest = [note for note in notes if note.number not in seen]
    if rest:
        last = result[-1]
        result[-1] = dataclasses.replace(last, notes=(*last.notes, *rest))
    return tuple(result)


def note_refs(value: Any) -> Iterator[NoteRef]:
    """Every NoteRef in blocks or inlines, in reading order."""
    if isinstance(value, NoteRef):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from note_refs(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from note_refs(getattr(value, item.name))


def _only_child(link: LexborNode) -> bool:
    parent = link.parent
    if parent is None or parent.tag != "sup":
        return False
    text = (parent.text(deep=True) or "").strip()
    return text == (link.text(deep=True) or "").strip()


def _ancestor_in(node: LexborNode, ids: set[int], root: LexborNode) -> bool:
    current = node.parent
    while current is not None and current.mem_id != root.mem_id:
        if current.mem_id in ids:
            return True
        current = current.parent
    return False
