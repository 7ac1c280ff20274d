"""A Publication is everything the writers need to know about one article's edition."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.audio.tracks import Narration
from pipeline.edition import Edition


@dataclass(frozen=True)
class Publication(Edition):
    """An edition and, when a requested format needs audio, its narration."""

    narration: Narration | None = None
    """Set when a requested format needs audio (see ``pipeline.writers.WRITERS``)."""
