"""Measures: a number (or a range of numbers) and a unit ("5 km", "10-12 kg", "a 3 lb bag",
"20°C"), percentages ("15%", "10 to 20%") and multipliers ("3x"). Unit names are kept in UK
spelling and respelled for the US ("metre" -> "meter")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import (
    NUMBER,
    Context,
    Rule,
    is_attributive,
    is_us,
    range_joiner,
    rule,
)


def percent_rule() -> Rule:
    """ "15%", "-3 %", "10–20%"."""
    return rule(
        "percent",
        rf"(?<![\w.])(?P<a>[-−]?(?:{NUMBER}))(?:\s?(?:–|-|to)\s?(?P<b>{NUMBER}))?\s?%",
        _percent,
    )


def measure_rule() -> Rule:
    """A number or a range, then a unit from the units table ("5km", "a 114-min. film")."""
    units = "|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True))
    return rule(
        "measure",
        rf"(?<![\w.])(?P<a>[-−]?(?:{NUMBER}))(?:\s?(?:–|-|to)\s?(?P<b>{NUMBER}))?"
        rf"(?P<space>\s?|-)(?P<unit>{units})(?![\w/²])(?P<dot>\.(?=[ ,;:)]\s*[a-z]))?",
        _measure,
    )


def times_rule() -> Rule:
    """ "3x", "10×": "three times"."""
    return rule("times", r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)[x×](?![\w])", _times)


def us_spelling(words: str, region: str) -> str:
    """A unit's name as the region spells it ("metre" in GB, "meter" elsewhere)."""
    if not is_us(region):
        return words
    return words.replace("metre", "meter").replace("litre", "liter")


def _units() -> dict[str, tuple[str, ...]]:
    """Unit -> (singular, plural), in UK spelling."""
    return tables.wide_mapping("units", 3)


def _measure(match: re.Match[str], ctx: Context) -> str | None:
    unit = match["unit"]
    if unit in ("s", "h", "m", "l", "g", "V", "W") and not match["space"] and match["b"]:
        return None
    if unit == "s" and not match["space"] and not match["b"] and "." not in match["a"]:
        before = ctx.text[: match.start()]
        if before.endswith("-") or before.rstrip().lower().endswith(("the", "all")):
            return numbers.plural(numbers.cardinal(match["a"], ctx.region))  # "under-16s"
    singular, plural = _units()[unit]
    if match["space"] == "-":  # "a 114-min. film": "a one hundred fourteen-minute film"
        amount = numbers.cardinal(match["a"], ctx.region)
        return f"{amount}-{us_spelling(singular, ctx.region)}"
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["b"]:
        amount += range_joiner(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    one = (match["a"].lstrip("+-−") == "1" and not match["b"]) or is_attributive(match, ctx)
    return f"{amount} {us_spelling(singular if one else plural, ctx.region)}"


def _percent(match: re.Match[str], ctx: Context) -> str:
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["b"]:
        amount += range_joiner(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    return f"{amount} percent"


def _times(match: re.Match[str], ctx: Context) -> str:
    return f"{numbers.cardinal(match['n'], ctx.region)} times"
