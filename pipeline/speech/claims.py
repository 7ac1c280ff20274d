"""The one overlap check of speech changes: a span claimed by an earlier change (the lexicon
before the rules, an earlier rule before a later one) is left alone by every later change."""

from __future__ import annotations

from bisect import bisect_right, insort


class ClaimedSpans:
    """``[start, end)`` spans of a text that changes have claimed; they never overlap, so
    kept sorted by start they are sorted by end too, and a look-up is a binary search (a
    paragraph of thousands of changes stays linear-logarithmic)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._spans = sorted(spans or ())

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a claimed span."""
        index = bisect_right(self._spans, (start, float("inf")))
        before = self._spans[index - 1] if index else None
        after = self._spans[index] if index < len(self._spans) else None
        return (before is not None and before[1] > start) or (after is not None and after[0] < end)

    def claim(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as taken."""
        insort(self._spans, (start, end))
