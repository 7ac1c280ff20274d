"""Measures: a number (or a range of numbers, maybe with a scale word) and a unit ("5 km",
"10-12 kg", "a 3 lb bag", "20°C", "100 million kg", "12kg/kg"), a fraction of a unit ("1/2 lb":
"half a pound", "4 1/2 lbs": "four and a half pounds"), a number per unit ("12/kg"),
dimensions ("2x8", "the 4x100 m relay"), percentages ("15%", "10 to 20%") and multipliers
("3x"). Unit names are kept in UK spelling and respelled for the US ("metre" -> "meter")."""

from __future__ import annotations

import re
from functools import cache

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
from pipeline.speech.en.fraction import fraction_words

_SCALE = r"(?:\s(?P<{}>thousand|million|billion|trillion))?"
_UNIT_END = r"(?![\w/²³])"


def percent_rule() -> Rule:
    """ "15%", "-3 %", "10–20%"."""
    return rule(
        "percent",
        rf"(?<![\w.])(?P<a>[-−]?(?:{NUMBER}))(?P<pa>\s?%)?(?:\s?(?:–|-|to)\s?(?P<b>{NUMBER}))?"
        r"\s?%",
        _percent,
    )


def measure_rule() -> Rule:
    """A number or a range, maybe a scale word, then a unit from the units table, maybe per
    another unit ("5km", "a 114-min. film", "100 million kg", "12kg/kg")."""
    return rule(
        "measure",
        rf"(?<![\w./])(?P<a>[-−]?(?:{NUMBER})){_SCALE.format('sa')}"
        rf"(?:\s?(?:–|-|to)\s?(?P<b>{NUMBER}))?{_SCALE.format('sb')}"
        rf"(?P<space>\s?|-)(?P<unit>{_unit_pattern()})(?:/(?P<per>{_per_pattern()}))?{_UNIT_END}"
        r"(?P<dot>\.(?=[ ,;:)]\s*[a-z]))?",
        _measure,
    )


def fraction_measure_rule() -> Rule:
    """A fraction or a mixed number, then a unit: "1/2 lb", "4 1/2 lbs", "¾ mi"."""
    fractions = "".join(tables.wide_mapping("unicode_fractions", 3))
    return rule(
        "measure",
        rf"(?<![\w./])(?:(?P<whole>\d{{1,3}})\s)?(?P<n>\d{{1,2}})/(?P<d>\d{{1,2}})\s?"
        rf"(?P<unit>{_unit_pattern()}){_UNIT_END}|"
        rf"(?<![\w./])(?:(?P<uwhole>\d{{1,3}})\s?)?(?P<f>[{fractions}])\s?"
        rf"(?P<uunit>{_unit_pattern()}){_UNIT_END}",
        _fraction_measure,
    )


def per_unit_rule() -> Rule:
    """A number per unit: "12/kg" ("twelve per kilogram")."""
    return rule(
        "measure", rf"(?<![\w.,/])(?P<a>{NUMBER})/(?P<per>{_per_pattern()}){_UNIT_END}", _per_unit
    )


def dimensions_rule() -> Rule:
    """ "2x8", "4 × 100 m", "2x8x10 ft": "two by eight", "four by one hundred meters"."""
    return rule(
        "dimensions",
        rf"(?<![\w.])(?P<a>{NUMBER})\s?[x×]\s?(?P<b>{NUMBER})(?:\s?[x×]\s?(?P<c>{NUMBER}))?"
        rf"(?:(?P<space>\s?)(?P<unit>{_unit_pattern()}))?{_UNIT_END}",
        _dimensions,
    )


def multiplication_rule() -> Rule:
    """Two numbers with an asterisk between them: "2*8" ("two times eight")."""
    return rule(
        "times", rf"(?<![\w.*])(?P<a>{NUMBER})\s?\*\s?(?P<b>{NUMBER})(?![\w*]|\.\d)", _product
    )


def ratio_rule() -> Rule:
    """Two numbers with a colon that cannot be a time: "2:8", "3:1" ("three to one"),
    "1.43:1"."""
    return rule(
        "ratio",
        r"(?<![\w.:])(?:(?P<a>\d+):(?P<b>\d)|(?P<da>\d+\.\d+):(?P<db>\d+(?:\.\d+)?))"
        r"(?![\w:]|\.\d)",
        _ratio,
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


@cache
def _unit_pattern() -> str:
    return "|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True))


@cache
def _per_pattern() -> str:
    per = {*_units(), *tables.mapping("per_units")}
    return "|".join(re.escape(u) for u in sorted(per, key=len, reverse=True))


def _per(unit: str, region: str) -> str:
    """ "per kilogram", "per month"."""
    singular = tables.mapping("per_units").get(unit) or _units()[unit][0]
    return "per " + us_spelling(singular, region)


def _amount(match: re.Match[str], ctx: Context) -> str:
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["sa"]:
        amount += f" {match['sa']}"
    if match["b"]:
        amount += range_joiner(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    if match["sb"]:
        amount += f" {match['sb']}"
    return amount


def _measure(match: re.Match[str], ctx: Context) -> str | None:
    unit = match["unit"]
    if unit in ("s", "h", "m", "l", "g", "V", "W") and not match["space"] and match["b"]:
        return None
    if unit == "s" and not match["space"] and not match["b"] and "." not in match["a"]:
        before = ctx.text[: match.start()]
        if before.endswith("-") or before.rstrip().lower().endswith(("the", "all")):
            return numbers.plural(numbers.cardinal(match["a"], ctx.region))  # "under-16s"
    singular, plural = _units()[unit]
    per = f" {_per(match['per'], ctx.region)}" if match["per"] else ""
    if match["space"] == "-":  # "a 114-min. film": "a one hundred fourteen-minute film"
        amount = numbers.cardinal(match["a"], ctx.region)
        return f"{amount}-{us_spelling(singular, ctx.region)}{per}"
    scaled = match["sa"] or match["sb"]
    one = (match["a"].lstrip("+-−") == "1" and not match["b"] and not scaled) or is_attributive(
        match, ctx
    )
    return f"{_amount(match, ctx)} {us_spelling(singular if one else plural, ctx.region)}{per}"


def _fraction_measure(match: re.Match[str], ctx: Context) -> str | None:
    if match["f"]:
        numerator, denominator = (
            int(n) for n in tables.wide_mapping("unicode_fractions", 3)[match["f"]]
        )
    else:
        numerator, denominator = int(match["n"]), int(match["d"])
    if not 0 < numerator < denominator:
        return None
    unit, whole = match["unit"] or match["uunit"], match["whole"] or match["uwhole"]
    singular, plural = (us_spelling(name, ctx.region) for name in _units()[unit])
    words = fraction_words(numerator, denominator, ctx.region)
    if whole:  # "four and a half pounds"
        return f"{numbers.cardinal(whole, ctx.region)} and {words} {plural}"
    article = "an" if singular[0] in "aeiou" or singular.startswith("hour") else "a"
    if (numerator, denominator) == (1, 2):
        return f"half {article} {singular}"
    return f"{words} of {article} {singular}"


def _per_unit(match: re.Match[str], ctx: Context) -> str:
    return f"{numbers.cardinal(match['a'], ctx.region)} {_per(match['per'], ctx.region)}"


def _dimensions(match: re.Match[str], ctx: Context) -> str:
    sizes = [numbers.cardinal(match[g], ctx.region) for g in ("a", "b", "c") if match[g]]
    after = ctx.text[match.end() :].lstrip()
    joiner = " times " if after.startswith("=") else " by "
    words = joiner.join(sizes)
    if match["unit"]:
        singular, plural = _units()[match["unit"]]
        words += " " + us_spelling(singular if is_attributive(match, ctx) else plural, ctx.region)
    return words


def _percent(match: re.Match[str], ctx: Context) -> str:
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["pa"] and match["b"]:  # "2%-10%": "two percent to ten percent"
        amount += " percent"
    if match["b"]:
        amount += range_joiner(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    return f"{amount} percent"


def inches_rule() -> Rule:
    """Feet and inches, or inches, in prime marks: "6'2\"" ("six feet two inches"), "a 12\"
    pizza" (a double quote after a number that no quotation opened before)."""
    return rule(
        "measure",
        r"(?<![\w.])(?:(?P<ft>\d{1,2})['′]\s?(?P<fin>\d{1,2})(?:\"|″|'')"
        r"|(?P<inches>\d{1,3}(?:\.\d+)?)(?:\"|″))(?=[\s,.;:)!?]|$)",
        _inches,
    )


def _inches(match: re.Match[str], ctx: Context) -> str | None:
    if match["ft"]:
        feet, inches = match["ft"], match["fin"]
        foot = "foot" if feet == "1" else "feet"
        inch = "inch" if inches == "1" else "inches"
        feet, inches = (numbers.cardinal(n, ctx.region) for n in (feet, inches))
        return f"{feet} {foot} {inches} {inch}"
    before = ctx.text[max(0, match.start() - _QUOTE_LOOK_BACK) : match.start()]
    if len(_QUOTATION_MARK.findall(before)) % 2:  # it closes a quotation: '"text 7" text'
        return None
    one = match["inches"] == "1" or is_attributive(match, ctx)
    return f"{numbers.cardinal(match['inches'], ctx.region)} {'inch' if one else 'inches'}"


_QUOTATION_MARK = re.compile(r'(?<!\d)"')
"""A double quote that is not an inch mark."""
_QUOTE_LOOK_BACK = 300
"""Characters searched back for an open quotation (bounded, so a long paragraph of sizes
stays linear)."""


def _product(match: re.Match[str], ctx: Context) -> str:
    return " times ".join(numbers.cardinal(match[g], ctx.region) for g in ("a", "b"))


def _ratio(match: re.Match[str], ctx: Context) -> str:
    """ "3:1", "1.43:1" (a decimal cannot be hours): "one point four three to one"."""
    parts = ("a", "b") if match["a"] else ("da", "db")
    return " to ".join(numbers.cardinal(match[g], ctx.region) for g in parts)


def _times(match: re.Match[str], ctx: Context) -> str:
    return f"{numbers.cardinal(match['n'], ctx.region)} times"
