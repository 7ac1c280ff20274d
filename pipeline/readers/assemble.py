"""What every reader shares: turning headings and blocks into the Article's sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.ids import unique_ids
from pipeline.model import Article, Block, Footnote, Metadata, Section

OPENING_TITLE = "Introduction"


@dataclass
class SectionDraft:
    """A section while a reader is still collecting its blocks."""

    title: str
    level: int
    line: int
    explicit_id: str | None = None
    marked_spoiler: bool = False
    blocks: list[Block] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)
    """The footnotes first referred to in this section."""


def assemble_article(
    path: Path,
    metadata: Metadata,
    opening: list[Block],
    drafts: list[SectionDraft],
    warnings: tuple[str, ...] = (),
    opening_notes: list[Footnote] | None = None,
) -> Article:
    """Build the Article: text before the first heading becomes the opening section (with
    ``opening_notes``), levels are ranked (see ``_ranked``), and every section gets a unique
    id."""
    if not opening and not any(draft.blocks for draft in drafts):
        raise SourceError(
            path,
            "has no article text, only headings or metadata.",
            "Write the article's paragraphs below its headings.",
        )
    levels = _without_gaps(_ranked([draft.level for draft in drafts]))
    if opening or opening_notes:
        opening_draft = SectionDraft(OPENING_TITLE, 1, 0, blocks=opening)
        opening_draft.notes = list(opening_notes or ())
        drafts = [opening_draft, *drafts]
        levels = [1, *levels]
    ids = unique_ids([d.title for d in drafts], [d.explicit_id for d in drafts])
    sections = tuple(
        Section(
            id=section_id,
            title=draft.title,
            level=level,
            blocks=tuple(draft.blocks),
            marked_spoiler=draft.marked_spoiler,
            line=draft.line,
            notes=tuple(sorted(draft.notes, key=lambda note: note.number)),
        )
        for draft, section_id, level in zip(drafts, ids, levels, strict=True)
    )
    return Article(source=path, metadata=metadata, sections=sections, warnings=warnings)


def _ranked(levels: list[int]) -> list[int]:
    """Each heading level as its rank among the levels the article uses (H2 and H4 only: 1 and
    2), so the same level in the source is the same level in the book."""
    ranks = {level: rank for rank, level in enumerate(sorted(set(levels)), 1)}
    return [ranks[level] for level in levels]


def _without_gaps(levels: list[int]) -> list[int]:
    """A heading may go at most one level deeper than the one before it (an H2 followed by an
    H4 nests as a child, not a grandchild), so the nested contents stay well formed; the first
    keeps its rank (H4, H4, H2, H4: 2, 2, 1, 2), so equal headings stay equal."""
    result: list[int] = []
    for level in levels:
        ceiling = (result[-1] + 1) if result else level
        result.append(min(level, ceiling))
    return result
