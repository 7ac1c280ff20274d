"""An edition: one article, its spoilers decided, in reading order, under its output name.

Everything about an article's edition that does not depend on its narration: the narration
script is made from it, and ``pipeline.publication.Publication`` adds the narration for the
writers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from pipeline.config import BuildConfig, SpoilerMode
from pipeline.edition.chapters import group_chapters
from pipeline.edition.cover import Cover
from pipeline.edition.images import ArticleImage
from pipeline.model import Article, Chapter


@dataclass(frozen=True)
class Edition:
    """One article, its spoilers decided, split into chapters, under its output name."""

    slug: str
    """File-safe name of the article: ``output/<slug>/<slug>.epub``."""
    article: Article
    config: BuildConfig
    cover: Cover | None = None
    """The front matter's cover image or a generated title card (see ``pipeline.edition.cover``)."""
    images: tuple[ArticleImage, ...] = ()
    """The article's local images that are embedded (see ``pipeline.edition.images``)."""

    @cached_property
    def chapters(self) -> tuple[Chapter, ...]:
        """Reading-order documents (see ``pipeline.edition.chapters``)."""
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
