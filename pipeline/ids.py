"""Stable, unique section ids that are valid XML names and safe file name stems."""

from __future__ import annotations

import re

from slugify import slugify

RESERVED_IDS = frozenset({"nav", "cover", "about-this-edition", "style", "toc"})
"""Names of the documents earmark adds itself; a section never takes one of them."""

_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def slug_for(title: str, fallback: str = "section") -> str:
    """Lower-case ASCII slug of ``title`` that starts with a letter."""
    slug = slugify(title, max_length=60, word_boundary=True) or fallback
    return slug if slug[0].isalpha() else f"s-{slug}"


def is_valid_id(candidate: str) -> bool:
    """Whether ``candidate`` may be used as an explicit section id (``{#id}``)."""
    return bool(_XML_NAME.match(candidate)) and candidate.lower() not in RESERVED_IDS


def unique_ids(titles: list[str], explicit: list[str | None]) -> list[str]:
    """One id per section, in document order: explicit ids are kept as given, the others are
    slugs of their titles made unique ("intro", then "intro-2")."""
    taken = set(RESERVED_IDS) | {given.lower() for given in explicit if given}
    result = []
    for title, given in zip(titles, explicit, strict=True):
        if given:
            result.append(given)
            continue
        base = slug_for(title)
        candidate, n = base, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate.lower())
        result.append(candidate)
    return result
