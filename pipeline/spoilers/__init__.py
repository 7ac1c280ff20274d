"""The spoiler rules, as pure functions over an Article.

1. Explicit marks win: ``{.spoiler}`` on a heading or the front matter ``spoilers:`` list
   (titles or ids); a child of a spoiler section is a spoiler. With explicit marks (an empty
   ``spoilers: []`` list included) the warning rules below do not apply.
2. A heading that names spoilers ("Spoilers: ...", "... (spoilers)") marks its section.
3. A spoiler warning paragraph (``phrasings.WARNING_PHRASINGS``) starts a spoiler that runs
   to an end marker (``phrasings.END_PHRASINGS``) or the article's end; text before it is
   spoiler-free. A section it starts or ends in is split into units (``units``).
4. A ``SpoilerBlock`` (``<details>``, ``>!text!<``, ``||text||``) is a spoiler unit of its own.

After ``mark_spoilers`` no section holds a SpoilerBlock: writers only ever see sections.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.ids import RESERVED_IDS
from pipeline.model import Article
from pipeline.spoilers.omit import (
    ALL_SPOILER_ID,
    ALL_SPOILER_NOTE,
    ALL_SPOILER_TITLE,
    is_notice,
    omit_spoilers,
)
from pipeline.spoilers.phrasings import is_spoiler_end, is_spoiler_warning, names_spoilers
from pipeline.spoilers.sections import section_flags
from pipeline.spoilers.units import (
    SplitState,
    is_end_paragraph,
    is_warning_paragraph,
    split_section,
)

__all__ = [
    "ALL_SPOILER_ID",
    "ALL_SPOILER_NOTE",
    "ALL_SPOILER_TITLE",
    "is_end_paragraph",
    "is_notice",
    "is_spoiler_end",
    "is_spoiler_warning",
    "is_warning_paragraph",
    "mark_spoilers",
    "names_spoilers",
    "omit_spoilers",
]


def mark_spoilers(article: Article) -> Article:
    """Return the article with ``Section.spoiler`` decided by the rules above, its sections
    split into spoiler units where a spoiler starts or ends inside one."""
    flags, warnings = section_flags(article)
    taken = {section.id.lower() for section in article.sections} | RESERVED_IDS
    state = SplitState(warnings=warnings)
    sections = []
    for section, whole in zip(article.sections, flags, strict=True):
        units, state = split_section(section, whole, state, taken)
        sections.extend(units)
    return replace(article, sections=tuple(sections))
