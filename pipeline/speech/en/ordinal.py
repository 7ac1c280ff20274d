"""Ordinals written with digits: "21st" is "twenty-first"."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en.context import Context, Rule, rule


def ordinal_rule() -> Rule:
    """Digits (maybe grouped by commas: "1,000th") and "st", "nd", "rd" or "th"."""
    return rule("ordinal", r"(?<![\w/.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b", _ordinal)


def _ordinal(match: re.Match[str], ctx: Context) -> str:
    return numbers.ordinal(int(match["n"].replace(",", "")), ctx.region)
