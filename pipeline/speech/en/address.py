"""Addresses: a house number before a street's name is read as people give it ("1428 Elm
St.": "fourteen twenty-eight Elm Street", "708 N 1st St": "seven oh eight North First
Street"), and a US state's code before a ZIP code or at the end of an address ("Santa Clara,
CA 95051": "California nine five zero five one"). The street's type ("St", "Ave") is read by
the abbreviation rules."""

from __future__ import annotations

import re
from functools import cache

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, rule
from pipeline.speech.en.serial import model_number


def house_number_rule() -> Rule:
    """A number, maybe a compass point, then up to four capitalised words (or an ordinal)
    and a street type from ``data/streets.tsv``."""
    return rule(
        "address",
        rf"(?<![\w.,$£€/-])(?P<n>\d{{1,5}})(?:\s(?P<compass>{_compass()})\.?)?"
        rf"(?=\s(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))(?:\s[A-Z][\w'’-]*){{0,3}}\s(?:{_streets()})\b)",
        _house_number,
    )


def state_rule() -> Rule:
    """A US state's code after a town and a comma, before a ZIP code or the address's end:
    "Tulsa, OK 74103", "Salem, OR."."""
    states = "|".join(tables.mapping("us_states"))
    return rule(
        "address",
        rf"(?<=[a-z],\s)(?P<state>{states})(?:,?\s(?P<zip>\d{{5}})(?:-(?P<plus>\d{{4}}))?)?"
        r"(?=[,.;)]|\s*$|\s[a-z])",
        _state,
    )


@cache
def _streets() -> str:
    return "|".join(re.escape(s) for s in sorted(tables.mapping("streets"), key=len, reverse=True))


@cache
def _compass() -> str:
    return "|".join(sorted(tables.mapping("compass"), key=len, reverse=True))


def _house_number(match: re.Match[str], ctx: Context) -> str:
    words = model_number(match["n"], ctx.region)
    if match["compass"]:
        words += " " + tables.mapping("compass")[match["compass"]]
    return words


def _state(match: re.Match[str], ctx: Context) -> str:
    words = tables.mapping("us_states")[match["state"]]
    if match["zip"]:
        words += " " + numbers.digits(match["zip"], ctx.region)
    if match["plus"]:
        words += " " + numbers.digits(match["plus"], ctx.region)
    return words
