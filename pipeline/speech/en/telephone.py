"""Telephone numbers, read digit by digit in groups ("020 7946 0958": "oh two oh, seven nine
four six, oh nine five eight"), and short numbers after a cue ("call 911")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en.context import Context, Rule, rule


def phone_number_rule() -> Rule:
    """An international or national number in groups: "+44 20 7946 0958", "(555) 123-4567"."""
    return rule(
        "phone",
        r"(?<![\w+])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])"
        r"\d{3,4}[\s.-]\d{3,4}\b",
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


def _phone(match: re.Match[str], ctx: Context) -> str:
    groups = re.findall(r"\+|\d+", match.group())
    spoken = []
    for group in groups:
        spoken.append("plus" if group == "+" else numbers.digits(group, ctx.region))
    return ", ".join(spoken).replace("plus, ", "plus ")


def _short_number(match: re.Match[str], ctx: Context) -> str:
    """ "Call 911": "Call nine one one"."""
    return f"{match['cue']} {numbers.digits(match['n'], ctx.region)}"
