"""Spoiler units: a section split where its spoiler starts and ends, so that every part is a
section of its own and every output handles it as it handles any spoiler section.

A section's blocks are read in order with the article's warning state (a warning or end
marker sharing its paragraph with other sentences is first made a paragraph of its own,
``notices``): a warning paragraph
starts a spoiler (it stays with the text before it, so it is heard before the spoiler, and
is left out of the spoiler-free edition), an end marker closes it (it goes with the spoiler),
and each ``SpoilerBlock`` is a spoiler of its own. Each run of blocks that are all spoilers or
all not becomes a unit: the first keeps the section's id and title, the next ones are
"Title (part 2)", ... with ids made from the section's ("<id>-part-2"), unique and stable.
A section whose only text before its spoiler is the warning is a spoiler as a whole; one
whose only text before the spoiler-free rest is an end marker is spoiler-free as a whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from pipeline.model import (
    Block,
    BlockQuote,
    DefinitionList,
    Footnote,
    ListBlock,
    NoteRef,
    Paragraph,
    Section,
    SpoilerBlock,
    plain_text,
)
from pipeline.spoilers.notices import split_at_notice
from pipeline.spoilers.phrasings import is_spoiler_end, is_spoiler_warning


def is_warning_paragraph(block: Block) -> bool:
    """Whether ``block`` is a spoiler-warning paragraph (``is_spoiler_warning``)."""
    return isinstance(block, Paragraph) and is_spoiler_warning(plain_text(block.inlines))


def is_end_paragraph(block: Block) -> bool:
    """Whether ``block`` is a paragraph that ends a spoiler ("End of spoilers")."""
    return isinstance(block, Paragraph) and is_spoiler_end(plain_text(block.inlines))


@dataclass
class _Run:
    spoiler: bool
    blocks: list[Block] = field(default_factory=list)
    own: bool = False
    """A SpoilerBlock's run: it never takes in the blocks after it."""


@dataclass(frozen=True)
class SplitState:
    """What the blocks before a section said: is a warned spoiler still running?"""

    warned: bool = False
    warnings: bool = True
    """Whether warning paragraphs and end markers count (not when marks are explicit)."""


def split_section(
    section: Section, whole: bool, state: SplitState, taken: set[str]
) -> tuple[list[Section], SplitState]:
    """The section's units, and the warning state after it. ``whole``: the section is a
    spoiler as a whole (explicit mark, heading, parent). ``taken`` (lower-case ids) grows
    by the ids of the new units."""
    runs, state = _runs(section.blocks, whole, state)
    if len(runs) <= 1:
        spoiler = runs[0].spoiler if runs else whole or state.warned
        blocks = tuple(runs[0].blocks) if runs else section.blocks
        return [replace(section, blocks=blocks, spoiler=spoiler)], state
    notes = _share_notes(section.notes, runs)
    first = runs[0]
    units = [replace(section, blocks=tuple(first.blocks), spoiler=first.spoiler, notes=notes[0])]
    for number, run in enumerate(runs[1:], 2):
        units.append(
            Section(
                id=_part_id(section.id, number, taken),
                title=f"{section.title} (part {number})",
                level=section.level,
                blocks=tuple(run.blocks),
                spoiler=run.spoiler,
                line=next((b.line for b in run.blocks if getattr(b, "line", 0)), section.line),
                notes=notes[number - 1],
            )
        )
    return units, state


def _runs(
    blocks: tuple[Block, ...], whole: bool, state: SplitState
) -> tuple[list[_Run], SplitState]:
    runs: list[_Run] = []
    warned = state.warned

    def add(spoiler: bool, new: list[Block], own: bool = False) -> None:
        last = runs[-1] if runs else None
        if last is not None and last.spoiler == spoiler and not last.own and not own:
            last.blocks.extend(new)
        else:
            runs.append(_Run(spoiler, list(new), own))

    pending = list(blocks)
    while pending:
        block = pending.pop(0)
        if state.warnings and isinstance(block, Paragraph):
            first, *rest = split_at_notice(block, end=warned)
            pending[0:0] = rest
            block = first
        if _holds_spoiler(block):
            inner = _unwrapped((block,))
            if inner:  # an empty spoiler block leaves nothing to hide
                add(True, inner, own=not (whole or warned))
            continue
        before = warned
        if state.warnings and not warned and is_warning_paragraph(block):
            warned = True
        elif state.warnings and warned and is_end_paragraph(block):
            warned = False
        add(whole or before, [block])
    if len(runs) > 1 and not runs[1].own and all(_is_notice(b) for b in runs[0].blocks):
        # Nothing but the warning (the end marker) before the spoiler (after it) in this
        # section: the notice opens the unit it announces, no unit of its own.
        runs[1].blocks[0:0] = runs[0].blocks
        del runs[0]
    return runs, replace(state, warned=warned)


def _is_notice(block: Block) -> bool:
    return is_warning_paragraph(block) or is_end_paragraph(block)


def _holds_spoiler(block: Block) -> bool:
    """Whether the block is, or contains, a SpoilerBlock (a list with a spoiler item is a
    spoiler as a whole: a list is not split)."""
    if not isinstance(block, (SpoilerBlock, BlockQuote, ListBlock, DefinitionList)):
        return False  # blocks that hold no blocks
    return any(isinstance(node, SpoilerBlock) for node in _nodes(block))


def _unwrapped(blocks: tuple[Block, ...]) -> list[Block]:
    """``blocks`` with every SpoilerBlock, at any depth, replaced by its blocks."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, SpoilerBlock):
            result.extend(_unwrapped(block.blocks))
        elif isinstance(block, BlockQuote):
            result.append(replace(block, blocks=tuple(_unwrapped(block.blocks))))
        elif isinstance(block, ListBlock):
            items = tuple(tuple(_unwrapped(item)) for item in block.items)
            result.append(replace(block, items=items))
        elif isinstance(block, DefinitionList):
            items = tuple(
                (term, tuple(tuple(_unwrapped(d)) for d in definitions))
                for term, definitions in block.items
            )
            result.append(replace(block, items=items))
        else:
            result.append(block)
    return result


def _nodes(value: object) -> Iterator[object]:
    """Every model value inside ``value`` (itself included), depth first."""
    if isinstance(value, tuple):
        for item in value:
            yield from _nodes(item)
    elif dataclasses.is_dataclass(value):
        yield value
        for spec in dataclasses.fields(value):
            yield from _nodes(getattr(value, spec.name))


def _share_notes(notes: tuple[Footnote, ...], runs: list[_Run]) -> list[tuple[Footnote, ...]]:
    """Each footnote goes with the first unit that refers to it (else with the first unit)."""
    labels = [
        {node.label for node in _nodes(tuple(run.blocks)) if isinstance(node, NoteRef)}
        for run in runs
    ]
    shared: list[list[Footnote]] = [[] for _ in runs]
    for note in notes:
        index = next((i for i, found in enumerate(labels) if note.label in found), 0)
        shared[index].append(note)
    return [tuple(part) for part in shared]


def _part_id(base: str, number: int, taken: set[str]) -> str:
    candidate, n = f"{base}-part-{number}", 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}-part-{number}-{n}"
    taken.add(candidate.lower())
    return candidate
