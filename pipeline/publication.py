"""A Publication is everything the writers need to know about one article's edition."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from pipeline.chapters import group_chapters
from pipeline.config import BuildConfig, SpoilerMode
from pipeline.model import Article, Chapter

if TYPE_CHECKING:
    from pipeline.cover import Cover
    from pipeline.narration.audio import Narration


@dataclass(frozen=True)
class Publication:
    """One article, its spoilers decided, split into chapters, under its output name."""

    slug: str
    """File-safe name of the article: ``output/<slug>/<slug>.epub``."""
    article: Article
    config: BuildConfig
    narration: Narration | None = None
    """Set when a requested format needs audio (see ``pipeline.writers.WRITERS``)."""
    cover: Cover | None = None
    """The front matter's cover image or a generated title card (see ``pipeline.cover``)."""

    @cached_property
    def chapters(self) -> tuple[Chapter, ...]:
        """Reading-order documents (see ``pipeline.chapters``)."""
        return group_chapters(self.article.sections)

    @property
    def spoiler_free_edition(self) -> bool:
        """Whether spoilers were left out of this edition."""
        return self.config.spoilers is SpoilerMode.OMIT

    @property
    def identifier(self) -> str:
        """A stable book identifier, so reading systems recognise a rebuilt book as the same."""
        edition = "spoiler-free" if self.spoiler_free_edition else "full"
        meta = self.article.metadata
        key = f"earmark:{self.slug}:{meta.title}:{meta.author or ''}:{edition}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"
