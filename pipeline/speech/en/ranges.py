"""Ranges between two numbers: years ("1939–45": "nineteen thirty-nine to forty-five"),
scores ("won 3-1": "three-one"), quantities ("10–20", "between 5 and 10") and a dash before a
number ("pp. 12 – 14"). Named ``ranges`` so that importing it never hides the builtin."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en.context import (
    NUMBER,
    Context,
    Rule,
    is_us,
    next_word,
    previous_words,
    range_joiner,
    rule,
)
from pipeline.speech.en.date import year_words

SCORE_CUES = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|defeat\w*|victory|score\w*|draw|drew|"
    r"match|game|final|goals?|led|leads?|lead|trailing|series)\b",
    re.IGNORECASE,
)
"""Words near "3-1" that make it a score."""


def number_range_rule() -> Rule:
    """Two numbers joined by a hyphen or a dash: "1939–45", "3-1", "10 - 20"."""
    return rule(
        "range",
        rf"(?<![\w.,/])(?P<a>{NUMBER})\s?(?P<dash>–|—|-)\s?(?P<b>{NUMBER})(?![\w/]|[.,]\d)",
        _range,
    )


def dash_before_number_rule() -> Rule:
    """A dash between a number (or a unit) and a number, left by the rules before it."""
    return rule("range", r"(?<=[\dmM.])\s?[–—]\s?(?=\d)", _to)


def _is_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and 1000 <= int(value) <= 2099


def _range(match: re.Match[str], ctx: Context) -> str | None:
    a, b = match["a"], match["b"]
    if _is_year(a) and (_is_year(b) or (len(b) == 2 and b.isdigit())):
        second = numbers.year(int(b), ctx.region) if len(b) == 4 else year_words(b, ctx.region)
        return f"{numbers.year(int(a), ctx.region)}{range_joiner(match, ctx)}{second}"
    if match["dash"] != "—" and a.isdigit() and b.isdigit() and int(a) <= 30 and int(b) <= 30:
        before = " ".join(previous_words(ctx.text, match.start(), 3))
        if SCORE_CUES.search(before) or SCORE_CUES.match(next_word(ctx.text, match.end())):
            nil = "nothing" if is_us(ctx.region) else "nil"
            first, second = (numbers.cardinal(n, ctx.region) if n != "0" else nil for n in (a, b))
            return f"{first}-{second}"
    if "." in a + b and "," in a + b:
        return None
    if _descending(a, b):  # "978-0": two numbers, not a range
        return f"{numbers.cardinal(a, ctx.region)} {numbers.cardinal(b, ctx.region)}"
    if match["dash"] == "-" and ctx.text[match.end() :].lstrip().startswith("="):
        joiner = " minus "  # "1-2=5"
    else:
        joiner = range_joiner(match, ctx)
    return f"{numbers.cardinal(a, ctx.region)}{joiner}{numbers.cardinal(b, ctx.region)}"


def _descending(a: str, b: str) -> bool:
    """Whether the second number is below the first and is not the first's last digits
    shortened ("110-12" is 110 to 112; "978-0" is no range)."""
    first, second = (float(n.replace(",", "")) for n in (a, b))
    if second >= first:
        return False
    shortened = len(b) < len(a) and b.isdigit() and a.isdigit() and int(b) > int(a[-len(b) :])
    return not shortened


def _to(_match: re.Match[str], _ctx: Context) -> str:
    return " to "
