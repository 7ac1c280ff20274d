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


def scientific_rule() -> Rule:
    """ "3e-4", "6.02E23": "three times ten to the minus four"."""
    return rule(
        "number",
        r"(?<![\w.])(?P<m>\d+(?:\.\d+)?)[eE](?P<e>[-+−]?\d{1,3})(?![\w.])",
        _scientific,
    )


def number_rule() -> Rule:
    """Any numeral left by the rules before it, with its sign, "#" or a letter after it
    (".5" too, and a number after an ellipsis or a comma with no space: "114...48",
    "yes,34")."""
    return rule(
        "number",
        rf"(?P<hash>#)?(?:(?P<sign>{_START}[-−])|{_START})(?P<n>{NUMBER}|(?<![\d.])\.\d+)"
        r"(?P<letter>[A-Za-z])?(?![\w])",
        _number,
    )


_START = r"(?:(?<![\w.,])|(?<=\.\.\.)|(?<=[^\W\d],))"
"""Where a number can start: not inside a word or another number."""


def _version(match: re.Match[str], ctx: Context) -> str | None:
    parts = match["v"].split(".")
    before = previous_words(ctx.text, match.start(), 1)
    cued = match["prefix"] or (before and before[-1].lower() in tables.words("version_cues"))
    if len(parts) == 2 and not cued:
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
    return words + (f" {match['letter'].upper()}" if match["letter"] else "")


def _scientific(match: re.Match[str], ctx: Context) -> str:
    exponent = match["e"].replace("−", "-").lstrip("+")
    power = numbers.cardinal(exponent, ctx.region)
    return f"{numbers.cardinal(match['m'], ctx.region)} times ten to the {power}"
