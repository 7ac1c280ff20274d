"""Roman numerals: a number after a cue word ("Chapter XII": "Chapter twelve", "World War
II"), an ordinal after a monarch's or pope's name ("Henry VIII": "Henry the Eighth"), and
left alone where they are words ("MIX", "CIVIC").

"I" is the pronoun unless it stands right after (no punctuation between) a monarch's name
("Elizabeth I") or a capitalised cue ("Part I", "World War I", "Type I diabetes"), and is not
followed by what follows a pronoun ("Mark I said", "Part I think"); after a cue in lower
case it is a numeral only where no word follows ("see chapter I."), so "a book I enqueued"
keeps its pronoun; after a bare name ("Mary I went", not "Queen Mary I") only a word said of
a monarch (``regnal_followers.tsv``: "was", "died", "of"...) may follow it."""

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


def is_numeral(word: str) -> bool:
    """Whether ``word`` is a well-formed Roman numeral that is not also a word ("XIV", not
    "MIX")."""
    return bool(_ROMAN.match(word)) and word not in tables.words("not_roman")


def roman_value(numeral: str) -> int:
    """ "XIV" -> 14."""
    total = 0
    for index, letter in enumerate(numeral):
        value = _VALUES[letter]
        following = _VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _numeral_i(match: re.Match[str], ctx: Context) -> bool:
    """Whether a lone "I" may be a numeral (the checks of ``_roman`` still apply)."""
    before = ctx.text[: match.start()]
    tokens = before.split()
    if not tokens or not before[-1].isspace():
        return False
    previous = tokens[-1].lstrip("\"“‘'([")
    cue = previous.lower() in tables.words("roman_cardinal_cues")
    if not previous[-1:].isalpha() and not cue:
        return False  # "a good book, I said", "“I"
    following = next_word(ctx.text, match.end())
    if following.lower() in tables.words("pronoun_followers"):
        return False
    if cue and previous[0].islower():
        return re.match(r"\s*(?:[.!?;:)\]]|$)", ctx.text[match.end() :]) is not None
    earlier = previous_words(ctx.text, match.start(), 2)
    earlier = earlier[0].lower() if len(earlier) == 2 else ""
    if cue and is_capitalised(following):
        # Title Case, where a capital says nothing: "The Book I Loved", "Part I Begins"
        return earlier not in tables.words("determiners")
    if not cue and following[:1].islower() and earlier not in tables.words("regnal_titles"):
        # after a bare name, only what is said of a monarch: "Elizabeth I was", not "Mary I went"
        return following.lower() in tables.words("regnal_followers")
    return True


def _roman(match: re.Match[str], ctx: Context) -> str | None:
    numeral = match.group()
    if not is_numeral(numeral) or (numeral == "I" and not _numeral_i(match, ctx)):
        return None
    value = roman_value(numeral)
    before = previous_words(ctx.text, match.start(), 2)
    previous = before[-1] if before else ""
    earlier = before[0].lower() if len(before) == 2 else ""
    if previous.lower().rstrip(",") in tables.words("roman_cardinal_cues"):
        return numbers.cardinal(str(value), ctx.region)
    name = previous.title() if previous.isupper() else previous  # "HENRY VIII"
    regnal = name in tables.words("regnal_names") or (
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
