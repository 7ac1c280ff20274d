"""What every English rule shares: the shape of a rule, the number pattern, the words around a
match, and the region's conventions (en-US unless the region is GB)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.speech.en import tables

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A numeral: "11,000", "3.14", "1987" (no sign)."""
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Context:
    """The whole text a match was found in, and the region ("US", "GB", "")."""

    text: str
    region: str


Handler = Callable[[re.Match[str], Context], str | tuple[str, str] | None]
"""Returns the spoken form (or the spoken form and a more specific rule name), or None: not
this rule's business, the text is left to later rules."""


@dataclass(frozen=True)
class Rule:
    """One kind of span and what it is spoken as."""

    name: str
    pattern: re.Pattern[str]
    speak: Handler


def rule(name: str, pattern: str, speak: Handler) -> Rule:
    """A rule named ``name`` that speaks each match of ``pattern`` with ``speak``."""
    return Rule(name, re.compile(pattern), speak)


def previous_words(text: str, position: int, count: int = 1) -> list[str]:
    """The ``count`` words before ``position`` (nearest last), punctuation around them
    stripped; a sentence boundary ends the search."""
    before = text[:position]
    words = []
    for token in reversed(before.split()):
        if len(words) == count:
            break
        stripped = token.strip("\"“”‘'(),;:")
        if not stripped:
            break
        words.insert(0, stripped)
    return words


def next_word(text: str, position: int) -> str:
    """The word right after ``position`` (empty at the end)."""
    match = _WORD.search(text, position)
    if match is None or text[position : match.start()].strip(" "):
        return ""
    return match.group()


def at_sentence_start(text: str, position: int) -> bool:
    """Whether nothing but a sentence boundary (or an opening quote) comes before
    ``position``."""
    before = text[:position].rstrip()
    return not before or before.endswith((".", "!", "?", ":", '"', "“", "(", "—", "–"))


def is_capitalised(word: str) -> bool:
    """Whether ``word`` looks like a name: "Henry" and "I", not "NASA" or "the"."""
    return (len(word) > 1 and word[0].isupper() and not word.isupper()) or word == "I"


def is_us(region: str) -> bool:
    """Whether the region follows US conventions (every region but GB)."""
    return region != "GB"


def range_joiner(match: re.Match[str], ctx: Context) -> str:
    """ " and " after "between" ("between 10 and 20"), else " to "."""
    before = previous_words(ctx.text, match.start(), 1)
    return " and " if before and before[-1].lower() == "between" else " to "


def is_attributive(match: re.Match[str], ctx: Context) -> bool:
    """Whether a quantity describes the noun after it ("a $2 billion budget", "a 3 lb bag",
    "a 6.3" OLED"), which keeps its unit singular."""
    before = previous_words(ctx.text, match.start(), 1)
    following = next_word(ctx.text, match.end()).rstrip(".")
    return (
        bool(before)
        and before[-1].lower() in ("a", "an", "the")
        and following.isalpha()
        and (following.islower() or (following.isupper() and len(following) > 1))
        and following not in tables.words("function_words")
    )
