"""The spoiler rules, as pure functions over an Article.

1. Explicit marks win: ``{.spoiler}`` on a heading or the front matter ``spoilers:`` list
   (titles or ids); a child of a spoiler section is a spoiler. With explicit marks (an empty
   ``spoilers: []`` list included) the rules below do not apply.
2. A spoiler warning paragraph marks every section after it; text before it is spoiler-free.
3. A heading that names spoilers ("Spoilers: ...", "... (spoilers)") marks its section.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.errors import SourceError
from pipeline.model import Article, Block, Paragraph, Section, plain_text

_WARNING_PATTERNS = (
    # "Warning: This article contains heavy spoilers", "This review has major spoilers!",
    # "The rest of this article contains spoilers"
    r"^(?:(?:warning|caution|note|heads[ -]?up)\s*[:!.\-–—]\s*)?"
    r"(?:(?:the\s+rest\s+of\s+)?this|the\s+following|what\s+follows)\b"
    r".{0,60}?\b(?:contains?|has|includes?|reveals?)\b"
    r".{0,30}?\bspoilers?\b(?!\s*-?\s*free)",
    # "SPOILERS AHEAD: ...", "Spoiler alert!", "Major spoiler warning"
    r"^(?:(?:major|heavy|minor|full|big)\s+)?spoilers?\s*(?:ahead|alert|warning|below|follow)\b",
    r"^(?:warning|caution)\s*[:!.\-–—]\s*(?:(?:major|heavy|minor|full|big)\s+)?spoilers?\b"
    r"(?!\s*-?\s*free)",
)
_WARNING = re.compile("|".join(f"(?:{p})" for p in _WARNING_PATTERNS), re.IGNORECASE)
_WARNING_MAX_CHARS = 200
"""A warning is a short notice; a long paragraph that mentions spoilers is just text."""

_SPOILER_HEADING = re.compile(
    r"^spoilers?\s*(?::|\s[-–—]\s)"  # "Spoilers: the ending", "Spoiler - the twist"
    r"|[(\[]\s*(?:(?:major|heavy|minor|full|big|some)\s+)?spoilers?\s*[)\]]\s*$"  # "(spoilers)"
    r"|^spoilers?$",
    re.IGNORECASE,
)


def is_spoiler_warning(text: str) -> bool:
    """Whether a paragraph's text is a spoiler warning ("Spoiler alert", "SPOILERS AHEAD")."""
    stripped = text.strip().lstrip("*_#>!⚠️ ").strip()
    return len(stripped) <= _WARNING_MAX_CHARS and bool(_WARNING.search(stripped))


def names_spoilers(title: str) -> bool:
    """Whether a heading says its section is a spoiler ("Spoilers: ...", "... (spoilers)")."""
    return bool(_SPOILER_HEADING.search(title.strip()))


def mark_spoilers(article: Article) -> Article:
    """Return the article with ``Section.spoiler`` decided by the rules above."""
    sections = article.sections
    explicit = _explicit_marks(article)
    if explicit is not None:
        flags = [section.id in explicit for section in sections]
    else:
        after_warning = _after_warning(sections)
        flags = [a or names_spoilers(s.title) for a, s in zip(after_warning, sections, strict=True)]
    flags = _inherit(sections, flags)
    return replace(
        article,
        sections=tuple(
            replace(section, spoiler=flag) for section, flag in zip(sections, flags, strict=True)
        ),
    )


def omit_spoilers(article: Article) -> Article:
    """The spoiler-free edition: the article without its spoiler sections, and without its
    spoiler warning paragraphs (no spoilers follow them), in the text and so in the audio."""
    kept = []
    for section in article.sections:
        if not section.spoiler:
            blocks = tuple(b for b in section.blocks if not is_warning_paragraph(b))
            kept.append(replace(section, blocks=blocks))
    return replace(
        article,
        sections=tuple(kept),
        spoilers_omitted=tuple(s.title for s in article.sections if s.spoiler),
    )


def is_warning_paragraph(block: Block) -> bool:
    """Whether ``block`` is a spoiler-warning paragraph (``is_spoiler_warning``)."""
    return isinstance(block, Paragraph) and is_spoiler_warning(plain_text(block.inlines))


def _explicit_marks(article: Article) -> set[str] | None:
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


def _after_warning(sections: tuple[Section, ...]) -> list[bool]:
    """Per section: does it come after the first spoiler warning paragraph? The section holding
    the warning counts only if text follows the warning inside it."""
    flags = []
    warned = False
    for section in sections:
        if warned:
            flags.append(True)
            continue
        position = next(
            (
                i
                for i, block in enumerate(section.blocks)
                if isinstance(block, Paragraph) and is_spoiler_warning(plain_text(block.inlines))
            ),
            None,
        )
        warned = position is not None
        flags.append(warned and position < len(section.blocks) - 1)
    return flags


def _inherit(sections: tuple[Section, ...], flags: list[bool]) -> list[bool]:
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
