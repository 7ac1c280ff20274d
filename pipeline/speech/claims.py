"""The one overlap check of speech changes: a span claimed by an earlier change (the lexicon
before the rules, an earlier rule before a later one) is left alone by every later change."""

from __future__ import annotations


class ClaimedSpans:
    """``[start, end)`` spans of a text that changes have claimed."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._spans = list(spans or ())

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a claimed span."""
        return any(
            start < claimed_end and claimed_start < end
            for claimed_start, claimed_end in self._spans
        )

    def claim(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as taken."""
        self._spans.append((start, end))
