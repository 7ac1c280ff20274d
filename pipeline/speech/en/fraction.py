"""Fractions and ratings: "½", "2¾" ("two and three quarters"), "3/4" ("three quarters"),
"24/7" ("twenty-four seven"), and scores out of a scale ("8.5/10": "eight point five out of
ten")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, previous_words, rule

RATING_CUES = re.compile(
    r"\b(?:rated?|rating|scored?|gave|gives|earned|stars?|marks?|review\w*|out)\b", re.I
)
"""Words before "4/5" that make it a rating."""


def unicode_fraction_rule() -> Rule:
    """A vulgar-fraction character, maybe after a whole number ("2½")."""
    return rule("fraction", r"(?:(?P<whole>\d+)\s?)?(?P<f>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])", _unicode_fraction)


def rating_rule() -> Rule:
    """A score over 5, 10, 20 or 100, when it has a decimal or follows a rating cue."""
    return rule(
        "rating", r"(?<![\w/.])(?P<n>\d{1,2}(?:\.\d)?)/(?P<d>5|10|20|100)(?![\w/])", _rating
    )


def slash_fraction_rule() -> Rule:
    """ "3/4", "1/16"; "24/7" and "9/11" are read as two numbers."""
    return rule("fraction", r"(?<![\w/.])(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\w/])", _slash_fraction)


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
    return words


def _rating(match: re.Match[str], ctx: Context) -> str | None:
    """ "8.5/10", "rated it 4/5": "eight point five out of ten"."""
    before = " ".join(previous_words(ctx.text, match.start(), 3))
    if "." not in match["n"] and not RATING_CUES.search(before):
        return None
    score, scale = (numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    return f"{score} out of {scale}"


def _slash_fraction(match: re.Match[str], ctx: Context) -> str | None:
    numerator, denominator = int(match["n"]), int(match["d"])
    if denominator == 0:
        return None
    if numerator >= denominator or denominator > 16:  # "24/7", "9/11"
        return " ".join(numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    words = fraction_words(numerator, denominator, ctx.region)
    return words.replace("a ", "one ", 1) if numerator == 1 else words
