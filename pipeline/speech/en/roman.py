"""Roman numerals: a number after a cue word ("Chapter XII": "Chapter twelve", "World War
II"), an ordinal after a monarch's or pope's name ("Henry VIII": "Henry the Eighth"), and
left alone where they are words ("I", "MIX", "CIVIC")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import (
    Context,
    Rule,
    is_capitalised,
    next_word,
    previous_words,
    rule,
)

_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_numeral_rule() -> Rule:
    """A word of Roman digits, not followed by "'s" or a dotted word."""
    return rule("roman", r"\b[IVXLCDM]+\b(?!['’.]\w)", _roman)


def roman_value(numeral: str) -> int:
    """ "XIV" -> 14."""
    total = 0
    for index, letter in enumerate(numeral):
        value = _VALUES[letter]
        following = _VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _roman(match: re.Match[str], ctx: Context) -> str | None:
    numeral = match.group()
    if numeral in tables.words("not_roman") or not _ROMAN.match(numeral):
        return None
    value = roman_value(numeral)
    before = previous_words(ctx.text, match.start(), 2)
    previous = before[-1] if before else ""
    earlier = before[0].lower() if len(before) == 2 else ""
    if previous.lower().rstrip(",") in tables.words("roman_cardinal_cues"):
        return numbers.cardinal(str(value), ctx.region)
    regnal = previous in tables.words("regnal_names") or (
        is_capitalised(previous) and earlier in tables.words("regnal_titles")
    )
    if regnal and (
        numeral != "I"
        or next_word(ctx.text, match.end()).lower() not in tables.words("pronoun_followers")
    ):
        return "the " + numbers.ordinal(value, ctx.region).capitalize()
    if len(numeral) > 1 and is_capitalised(previous):
        return numbers.cardinal(str(value), ctx.region)
    return None
