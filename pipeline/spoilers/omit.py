"""The spoiler-free edition of a marked article (``--spoilers omit``)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Article, Paragraph, Section, Text
from pipeline.spoilers.units import is_end_paragraph, is_warning_paragraph

ALL_SPOILER_ID = "spoiler-free-edition"
ALL_SPOILER_TITLE = "Spoiler-free edition"
ALL_SPOILER_NOTE = (
    "Every part of this article reveals the plot, so its spoiler-free edition has only its "
    "title and credits."
)
"""What the spoiler-free edition of an article that is all spoiler says instead."""


def omit_spoilers(article: Article) -> Article:
    """The spoiler-free edition: the article without its spoiler sections, and without its
    spoiler warnings and end markers (no spoiler follows them), in the text and so in the
    audio. A section left with nothing but its warning goes too; an article that is all
    spoiler keeps its title and credits, and one section saying so."""
    kept = []
    for section in article.sections:
        if section.spoiler:
            continue
        blocks = tuple(b for b in section.blocks if not is_notice(b))
        if blocks or not section.blocks:
            kept.append(replace(section, blocks=blocks))
    if not any(section.blocks for section in kept):
        note = Paragraph((Text(ALL_SPOILER_NOTE),))
        kept = [Section(ALL_SPOILER_ID, ALL_SPOILER_TITLE, 1, (note,))]
    return replace(
        article,
        sections=tuple(kept),
        spoilers_omitted=tuple(s.title for s in article.sections if s.spoiler),
    )


def is_notice(block: object) -> bool:
    """Whether ``block`` is a spoiler warning or end marker paragraph."""
    return is_warning_paragraph(block) or is_end_paragraph(block)  # type: ignore[arg-type]
