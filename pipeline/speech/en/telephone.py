"""Telephone numbers, read digit by digit in groups ("020 7946 0958": "oh two oh, seven nine
four six, oh nine five eight"), and short numbers after a cue ("call 911")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, rule


def phone_number_rule() -> Rule:
    """An international or national number in groups: "+44 20 7946 0958", "(555) 123-4567"."""
    return rule(
        "phone",
        r"(?<![\w+])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{2,5}\)[\s-]?|\d{2,5}[\s.-])"
        r"\d{3,4}[\s.-]\d{3,4}(?:[\s-]\d{4})?\b",
        _phone,
    )


def uk_landline_rule() -> Rule:
    """A UK number as area code and subscriber number: "01632 960123"."""
    return rule("phone", r"(?<![\w+])0\d{3,4}\s\d{6,7}\b", _phone)


def short_number_rule() -> Rule:
    """Three digits after "call", "dial", "ring", "phone" or "text"."""
    return rule(
        "phone",
        r"\b(?P<cue>[Cc]all|[Dd]ial|[Rr]ing|[Pp]hone|[Tt]ext)\s(?P<n>\d{3})\b",
        _short_number,
    )


def social_security_rule() -> Rule:
    """A US Social Security number, "111-11-1111", read in its three groups."""
    return rule("phone", r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])", _phone)


def ip_address_rule() -> Rule:
    """ "123.123.0.40": "one two three dot one two three dot zero dot four zero"."""
    return rule("phone", r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)", _ip_address)


def digits_cue_rule() -> Rule:
    """Digits after a cue that makes them a code ("card ending in 8876", "PIN 4321"), read
    one by one (``data/digit_cues.tsv``)."""
    cues = "|".join(
        re.escape(cue).replace(r"\ ", r"\s")
        for cue in sorted(tables.words("digit_cues"), key=len, reverse=True)
    )
    return rule(
        "phone",
        rf"\b(?P<cue>{cues})(?P<gap>\s(?:is\s|of\s|number\s|code\s)?#?)(?P<n>\d{{3,}})\b(?![-/.,]\d)",
        _digits_after_cue,
    )


def _phone(match: re.Match[str], ctx: Context) -> str:
    groups = re.findall(r"\+|\d+", match.group())
    spoken = []
    for group in groups:
        spoken.append("plus" if group == "+" else numbers.digits(group, ctx.region))
    return ", ".join(spoken).replace("plus, ", "plus ")


def _ip_address(match: re.Match[str], ctx: Context) -> str | None:
    parts = match.group().split(".")
    if any(int(part) > 255 for part in parts):
        return None
    return " dot ".join(numbers.digits(part, ctx.region) for part in parts)


def _digits_after_cue(match: re.Match[str], ctx: Context) -> str:
    cue = "extension" if match["cue"].lower().startswith("ext") else match["cue"]
    return f"{cue}{match['gap'].replace('#', '')}{numbers.digits(match['n'], ctx.region)}"


def _short_number(match: re.Match[str], ctx: Context) -> str:
    """ "Call 911": "Call nine one one"."""
    return f"{match['cue']} {numbers.digits(match['n'], ctx.region)}"
