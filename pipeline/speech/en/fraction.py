"""Fractions and ratings: "½", "2¾" ("two and three quarters"), "3/4" ("three quarters"),
"2 1/2" ("two and a half"), "31/32" ("thirty-one thirty-seconds"), "1/4th", "24/7"
("twenty-four seven"), and scores out of a scale ("8.5/10": "eight point five out of ten",
"rates it 4/5": "four out of five")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, is_us, next_word, previous_words, rule

RATING_CUES = re.compile(
    r"\b(?:rat(?:e|es|ed|ing)|scor(?:e|es|ed|ing)|gave|gives?|earn(?:s|ed)?|stars?|marks?|"
    r"review\w*|out|verdict)\b",
    re.I,
)
"""Words before "4/5" (or right after it: "4/5 stars") that make it a rating."""
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"


def unicode_fraction_rule() -> Rule:
    """A vulgar-fraction character, maybe after a whole number ("2½")."""
    return rule("fraction", r"(?:(?P<whole>\d+)\s?)?(?P<f>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])", _unicode_fraction)


def rating_rule() -> Rule:
    """A score over 5, 10, 20 or 100, when it has a decimal or follows a rating cue."""
    return rule(
        "rating", r"(?<![\w/.])(?P<n>\d{1,2}(?:\.\d)?)/(?P<d>5|10|20|100)(?![\w/])", _rating
    )


def mixed_fraction_rule() -> Rule:
    """A whole number and a fraction: "2 1/2", "3 5/2" ("three and five halves")."""
    return rule(
        "fraction",
        rf"(?<![\w/.,])(?P<whole>\d{{1,3}})\s(?P<n>\d{{1,3}})/(?P<d>\d{{1,3}}){_ORDINAL_SUFFIX}"
        r"(?![\w/]|[.,]\d)",
        _mixed_fraction,
    )


def slash_fraction_rule() -> Rule:
    """ "3/4", "31/32", "1/4th"; "24/7" and "9/11" are read as two numbers."""
    return rule(
        "fraction",
        rf"(?<![\w/.])(?P<n>\d{{1,2}})/(?P<d>\d{{1,3}}){_ORDINAL_SUFFIX}(?![\w/]|[.,]\d)",
        _slash_fraction,
    )


def fraction_words(numerator: int, denominator: int, region: str) -> str:
    """ "a half", "three quarters", "five eighths"."""
    top = numbers.cardinal(str(numerator), region)
    if denominator == 2:
        name = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        name = "quarter" if numerator == 1 else "quarters"
    else:
        name = numbers.ordinal(denominator, region)
        name = name if numerator == 1 else numbers.plural(name)
    return f"{'a' if numerator == 1 else top} {name}"


def _unicode_fraction(match: re.Match[str], ctx: Context) -> str:
    numerator, denominator = (
        int(n) for n in tables.wide_mapping("unicode_fractions", 3)[match["f"]]
    )
    words = fraction_words(numerator, denominator, ctx.region)
    if match["whole"]:
        return f"{numbers.cardinal(match['whole'], ctx.region)} and {words}"
    before = previous_words(ctx.text, match.start(), 1)
    if numerator == 1 and before and before[-1].lower() in ("a", "an"):
        return words.removeprefix("a ")  # "a ½ cup": "a half cup"
    return words


def _rating(match: re.Match[str], ctx: Context) -> str | None:
    """ "8.5/10", "rated it 4/5", "4/5 stars": "eight point five out of ten"."""
    before = " ".join(previous_words(ctx.text, match.start(), 3))
    after = next_word(ctx.text, match.end() + 1) if ctx.text[match.end() : match.end() + 1] else ""
    cued = RATING_CUES.search(before) or RATING_CUES.fullmatch(after.rstrip(".,;:!?"))
    if "." not in match["n"] and not cued:
        return None
    score, scale = (numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    return f"{score} out of {scale}"


def _slash_fraction(match: re.Match[str], ctx: Context) -> str | None:
    numerator, denominator = int(match["n"]), int(match["d"])
    if denominator == 0:
        return None
    # A day and a month ("7/31") or two numbers ("24/7", "9/11") unless it can only be a
    # fraction: a denominator past 31, or a numerator past 12.
    date_like = 16 < denominator <= 31 and 1 <= numerator <= 12
    if date_like and is_us(ctx.region) and not match.group()[-1].isalpha():
        month = tables.ordered_words("months")[numerator - 1]  # "7/31": "July thirty-first"
        return f"{month} {numbers.ordinal(denominator, ctx.region)}"
    if numerator >= denominator or denominator > 100 or date_like:
        return " ".join(numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    words = fraction_words(numerator, denominator, ctx.region)
    before = previous_words(ctx.text, match.start(), 1)
    if numerator == 1 and before and before[-1].lower() in ("a", "an"):
        return words.removeprefix("a ")  # "a 1/2 cup": "a half cup"
    return words.replace("a ", "one ", 1) if numerator == 1 else words


def _mixed_fraction(match: re.Match[str], ctx: Context) -> str | None:
    numerator, denominator = int(match["n"]), int(match["d"])
    if not numerator or denominator < 2:
        return None
    whole = numbers.cardinal(match["whole"], ctx.region)
    return f"{whole} and {fraction_words(numerator, denominator, ctx.region)}"
