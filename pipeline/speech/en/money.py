"""Money: an amount after a currency sign or code, with cents or pence and a scale word ("$5",
"£2.50", "€3bn", "a $2 million budget", "A$20", "CHF 5", "₩460 billion"), a price per unit
("$20/mo": "twenty dollars per month") and a range of amounts ("$50.00-$100.00": "fifty
dollars to one hundred dollars")."""

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
from pipeline.speech.en.measure import us_spelling

_AMOUNT = rf"(?:{NUMBER}|\.\d+)"
_SCALE = r"thousand|million|billion|trillion|bn|mn|tn|[kKmMbB]"


def money_range_rule() -> Rule:
    """Two amounts joined by a dash or "to", the second maybe without its sign ("$5-10m")."""
    return rule(
        "money",
        rf"{_currency()}(?P<a>{_AMOUNT})(?:\s?(?P<sa>{_SCALE})\b)?\s?(?:–|—|-|to)\s?"
        rf"(?P<second>{_currency('2')})?(?P<amount>{_AMOUNT})(?:\s?(?P<scale>{_SCALE})\b)?"
        r"(?![\w/]|[.,]\d)",
        _money_range,
    )


def money_rule() -> Rule:
    """A currency sign or code, an amount, maybe a scale ("$1.2m") or a unit ("$20/mo")."""
    return rule(
        "money",
        rf"{_currency()}(?P<amount>{_AMOUNT})(?:\s?(?P<scale>{_SCALE})\b)?"
        rf"(?:/(?P<per>{_per_units()}))?(?![\w/]|[.,]\d)",
        _money,
    )


def money_words(
    currency: str, amount: str, scale: str | None, attributive: bool, region: str
) -> str:
    """ "twenty dollars and fifty cents", "a two billion dollar" (attributive: singular)."""
    one, many, minor_one, minor_many = tables.wide_mapping("currencies", 5)[currency]
    if is_us(region):
        one, many = one.replace("rouble", "ruble"), many.replace("rouble", "ruble")
    if scale:
        unit = one if attributive else many
        return f"{numbers.cardinal(amount, region)} {tables.mapping('scales')[scale]} {unit}"
    whole, _, cents = amount.replace(",", "").partition(".")
    whole = whole or "0"
    if len(cents) > 2 and not cents[2:].strip("0"):
        cents = cents[:2]  # "$2.000", "$20.500"
    if len(cents) == 1 and minor_one:
        cents += "0"  # "$20.5": twenty dollars and fifty cents
    unit = one if whole == "1" else many
    words = f"{numbers.cardinal(whole, region)} {unit}"
    if not cents or int(cents) == 0:
        return words if not cents or len(cents) == 2 else numbers.cardinal(amount, region)
    if len(cents) != 2 or not minor_one:
        return f"{numbers.cardinal(amount, region)} {many}"
    minor = numbers.cardinal(cents, region)
    minor_unit = minor_one if cents == "01" else minor_many
    if whole == "0":
        return f"{minor} {minor_unit}"
    if currency == "£" and int(cents) >= 10:
        return f"{words} {minor}"  # "three pounds fifty"
    return f"{words} and {minor} {minor_unit}"


def _currency(suffix: str = "") -> str:
    """The pattern of a currency sign or code (group ``currency<suffix>``), then a space."""
    signs = sorted(tables.wide_mapping("currencies", 5), key=len, reverse=True)
    alternatives = "|".join(re.escape(sign) for sign in signs)
    return rf"(?<![\w$£€¥₩₹])(?P<currency{suffix}>{alternatives})\s?"


@cache
def _per_units() -> str:
    units = sorted(tables.mapping("per_units"), key=len, reverse=True)
    return "|".join(re.escape(unit) for unit in units)


def _money(match: re.Match[str], ctx: Context) -> str:
    attributive = bool(match["scale"]) and is_attributive(match, ctx)
    words = money_words(match["currency"], match["amount"], match["scale"], attributive, ctx.region)
    if match["per"]:
        words += " per " + us_spelling(tables.mapping("per_units")[match["per"]], ctx.region)
    return words


def _money_range(match: re.Match[str], ctx: Context) -> str:
    currency, joiner = match["currency"], range_joiner(match, ctx)
    attributive = bool(match["scale"]) and is_attributive(match, ctx)
    second = money_words(
        match["currency2"] or currency, match["amount"], match["scale"], attributive, ctx.region
    )
    if match["currency2"] or match["sa"] or "." in match["a"]:
        first = money_words(currency, match["a"], match["sa"], False, ctx.region)
    else:  # "$5-10 million": "five to ten million dollars"
        first = numbers.cardinal(match["a"], ctx.region)
    return first + joiner + second
