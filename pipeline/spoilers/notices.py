"""A spoiler warning or end marker that shares its paragraph with other sentences ("A fine
film. Spoilers ahead! The hero dies.") is made a paragraph of its own, so the text before it
stays spoiler-free and the text after it is the spoiler."""

from __future__ import annotations

from pipeline.model import Inline, Paragraph, Text, plain_text, slice_inlines
from pipeline.spoilers.phrasings import notice_span


def split_at_notice(paragraph: Paragraph, end: bool = False) -> list[Paragraph]:
    """The paragraph as (before, notice, after) paragraphs, without empty ones; just the
    paragraph when it has no warning (``end``: end marker) or is nothing else."""
    inlines = paragraph.inlines
    text = plain_text(inlines)
    span = notice_span(text, end)
    if span is None or not (text[: span[0]].strip() or text[span[1] :].strip()):
        return [paragraph]
    bounds = ((0, span[0]), span, (span[1], len(text)))
    pieces = (_trimmed(slice_inlines(inlines, start, stop)) for start, stop in bounds)
    return [Paragraph(piece, paragraph.line) for piece in pieces if plain_text(piece).strip()]


def _trimmed(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``inlines`` without the spaces at their two ends."""
    result = list(inlines)
    if result and isinstance(result[0], Text):
        result[0] = Text(result[0].text.lstrip())
    if result and isinstance(result[-1], Text):
        result[-1] = Text(result[-1].text.rstrip())
    return tuple(i for i in result if not (isinstance(i, Text) and not i.text))
