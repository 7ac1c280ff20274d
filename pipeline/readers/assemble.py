"""What every reader shares: turning headings and blocks into the Article's sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.ids import unique_ids
from pipeline.model import Article, Block, Metadata, Section

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


def assemble_article(
    path: Path,
    metadata: Metadata,
    opening: list[Block],
    drafts: list[SectionDraft],
    warnings: tuple[str, ...] = (),
) -> Article:
    """Build the Article: text before the first heading becomes the opening section, levels are
    made to start at 1, and every section gets a unique id."""
    if not opening and not any(draft.blocks for draft in drafts):
        raise SourceError(
            path,
            "has no article text, only headings or metadata.",
            "Write the article's paragraphs below its headings.",
        )
    top = min((draft.level for draft in drafts), default=1)
    levels = _without_gaps([draft.level - top + 1 for draft in drafts])
    if opening:
        drafts = [SectionDraft(OPENING_TITLE, 1, 0, blocks=opening), *drafts]
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
        )
        for draft, section_id, level in zip(drafts, ids, levels, strict=True)
    )
    return Article(source=path, metadata=metadata, sections=sections, warnings=warnings)


def _without_gaps(levels: list[int]) -> list[int]:
    """A heading may go at most one level deeper than the one before it (an H2 followed by an
    H4 nests as a child, not a grandchild), so the nested contents stay well formed."""
    result: list[int] = []
    for level in levels:
        ceiling = (result[-1] + 1) if result else 1
        result.append(min(level, ceiling))
    return result
