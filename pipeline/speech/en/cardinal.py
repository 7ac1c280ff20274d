"""Plain numbers: "11,000", "-5", "3.14", "007" (digit by digit), "#3" ("number three"),
"12B", and dotted version numbers ("Python 3.11": "three point eleven", "v2.0.1")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import NUMBER, Context, Rule, previous_words, rule


def version_rule() -> Rule:
    """Dotted numbers with three or more parts, or two after a cue such as "version"."""
    return rule(
        "version", r"(?<![\w.,])(?P<prefix>[vV])?(?P<v>\d+(?:\.\d+)+)(?![\w]|\.\d)", _version
    )


def number_rule() -> Rule:
    """Any numeral left by the rules before it, with its sign, "#" or a letter after it."""
    return rule(
        "number",
        rf"(?P<hash>#)?(?:(?P<sign>(?<![\w.,])[-−])|(?<![\w.,]))(?P<n>{NUMBER})"
        r"(?P<letter>[A-Z])?(?![\w])",
        _number,
    )


def _version(match: re.Match[str], ctx: Context) -> str | None:
    parts = match["v"].split(".")
    before = previous_words(ctx.text, match.start(), 1)
    if len(parts) == 2 and not (before and before[-1].lower() in tables.words("version_cues")):
        return None
    words = " point ".join(numbers.cardinal(part, ctx.region) for part in parts)
    return ("version " if match["prefix"] else "") + words


def _number(match: re.Match[str], ctx: Context) -> str:
    value = match["n"]
    if len(value) > 1 and value[0] == "0" and "." not in value:
        words = numbers.digits(value, ctx.region)
    else:
        words = numbers.cardinal(value, ctx.region)
    if match["sign"]:
        words = "minus " + words
    if match["hash"]:
        words = "number " + words
    return words + (f" {match['letter']}" if match["letter"] else "")
