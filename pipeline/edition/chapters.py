"""Reading order: which sections share a document (and later an audio track)."""

from __future__ import annotations

from pipeline.model import Chapter, Section


def group_chapters(sections: tuple[Section, ...]) -> tuple[Chapter, ...]:
    """One chapter per section with body text. A heading with no text of its own opens the
    chapter of its first child, so it is read (and heard) where it stands; an empty heading
    with no child keeps a chapter of its own."""
    chapters: list[Chapter] = []
    pending: list[Section] = []
    for index, section in enumerate(sections):
        pending.append(section)
        following = sections[index + 1] if index + 1 < len(sections) else None
        if section.blocks or following is None or following.level <= section.level:
            chapters.append(Chapter(tuple(pending)))
            pending = []
    return tuple(chapters)


def chapter_href(chapter: Chapter) -> str:
    """The chapter's document name inside the EPUB."""
    return f"{chapter.id}.xhtml"


def section_hrefs(chapters: tuple[Chapter, ...]) -> dict[str, str]:
    """Section id -> where it starts in the EPUB: the chapter's document, or the heading inside
    it when the chapter opens with group headings (so links stay in reading order)."""
    hrefs = {}
    for chapter in chapters:
        href = chapter_href(chapter)
        for section in chapter.sections:
            hrefs[section.id] = href if len(chapter.sections) == 1 else f"{href}#{section.id}"
    return hrefs


def next_spoiler_free(chapters: tuple[Chapter, ...], index: int) -> int | None:
    """Index of the first spoiler-free chapter after ``chapters[index]``, if any: where
    "skip this spoiler" leads."""
    return next((i for i in range(index + 1, len(chapters)) if not chapters[i].spoiler), None)
