"""Which sections are spoilers as a whole: explicit marks, headings that name spoilers, and
the children of spoiler sections."""

from __future__ import annotations

from pipeline.errors import SourceError
from pipeline.model import Article, Section
from pipeline.spoilers.phrasings import names_spoilers


def section_flags(article: Article) -> tuple[list[bool], bool]:
    """Per section, whether it is a spoiler as a whole; and whether the warning rules apply
    (they do not when the article marks its spoilers explicitly). A section already decided
    a spoiler stays one, so the rules can run twice."""
    sections = article.sections
    explicit = explicit_marks(article)
    if explicit is not None:
        flags = [section.spoiler or section.id in explicit for section in sections]
    else:
        flags = [section.spoiler or names_spoilers(section.title) for section in sections]
    return inherit(sections, flags), explicit is None


def explicit_marks(article: Article) -> set[str] | None:
    """Ids of explicitly marked sections, or ``None`` when the article marks nothing."""
    listed = article.metadata.spoilers
    marked = {section.id for section in article.sections if section.marked_spoiler}
    if listed is None:
        return marked or None
    by_name = {section.id.casefold(): section.id for section in article.sections}
    by_name.update({section.title.casefold(): section.id for section in article.sections})
    for name in listed:
        section_id = by_name.get(name.strip().casefold())
        if section_id is None:
            raise SourceError(
                article.source,
                f"front matter 'spoilers' names '{name}', which is not a section.",
                "Use a section title or id exactly as `earmark outline` shows it.",
                line=article.metadata.spoilers_line,
            )
        marked.add(section_id)
    return marked


def inherit(sections: tuple[Section, ...], flags: list[bool]) -> list[bool]:
    """A child of a spoiler section is a spoiler."""
    result: list[bool] = []
    spoiler_levels: list[int] = []  # levels of the open spoiler ancestors
    for section, flag in zip(sections, flags, strict=True):
        while spoiler_levels and spoiler_levels[-1] >= section.level:
            spoiler_levels.pop()
        inherited = flag or bool(spoiler_levels)
        if inherited:
            spoiler_levels.append(section.level)
        result.append(inherited)
    return result
