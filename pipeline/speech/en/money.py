"""Money: an amount after a currency sign, with cents or pence and a scale word ("$5",
"£2.50", "€3bn", "a $2 million budget")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import NUMBER, Context, Rule, is_attributive, rule


def money_rule() -> Rule:
    """A currency sign, an amount, and maybe a scale ("$1.2m")."""
    return rule(
        "money",
        rf"(?<![\w$£€¥])(?P<currency>US\$|[$£€¥])\s?(?P<amount>{NUMBER})"
        rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kKmMbB])\b)?",
        _money,
    )


def _money(match: re.Match[str], ctx: Context) -> str:
    currency = tables.wide_mapping("currencies", 5)[match["currency"]]
    one, many, minor_one, minor_many = currency
    amount, scale = match["amount"], match["scale"]
    if scale:
        unit = one if is_attributive(match, ctx) else many
        return f"{numbers.cardinal(amount, ctx.region)} {tables.mapping('scales')[scale]} {unit}"
    whole, _, cents = amount.replace(",", "").partition(".")
    unit = one if whole == "1" else many
    words = f"{numbers.cardinal(whole, ctx.region)} {unit}"
    if not cents or int(cents) == 0:
        return words if not cents or len(cents) == 2 else numbers.cardinal(amount, ctx.region)
    if len(cents) != 2 or not minor_one:
        return f"{numbers.cardinal(amount, ctx.region)} {many}"
    minor = numbers.cardinal(cents, ctx.region)
    if whole == "0":
        return f"{minor} {minor_one if cents == '01' else minor_many}"
    if match["currency"] == "£":
        return f"{words} {minor}"
    return f"{words} and {minor} {minor_one if cents == '01' else minor_many}"
