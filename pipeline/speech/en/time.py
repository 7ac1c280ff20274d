"""Times of day: "3:30", "9am", "7.45 p.m." ("seven forty-five p m"), "18:00" ("eighteen
hundred"), "5:00" ("five o'clock")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en.context import Context, Rule, rule

_AM_PM = r"\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?"


def clock_rule() -> Rule:
    """ "3:30", "10:15:07", "3:30 pm"."""
    return rule(
        "time",
        r"\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?!\d)"
        r"(?:\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?)?",
        _time,
    )


def hour_am_pm_rule() -> Rule:
    """ "9am", "11 p.m."."""
    return rule("time", r"\b(?P<h>\d{1,2})(?P<m>)" + _AM_PM, _time)


def dotted_time_rule() -> Rule:
    """ "7.45 pm" (a period between hours and minutes needs the a.m. or p.m.)."""
    return rule("time", r"\b(?P<h>\d{1,2})\.(?P<m>\d{2})" + _AM_PM, _time)


def clock_words(hour: int, minute: int, ampm: str | None, region: str) -> str | None:
    """ "three thirty p m", "five o'clock", "eighteen hundred"; None if not a time."""
    if hour > 24 or minute > 59 or (ampm and not 1 <= hour <= 12):
        return None
    words = numbers.cardinal(str(hour), region)
    if minute:
        words += " " + ("oh " if minute < 10 else "") + numbers.cardinal(str(minute), region)
    elif ampm is None:
        words += " hundred" if hour > 12 or hour == 0 else " o'clock"
    if ampm:
        words += " a m" if ampm.lower() == "a" else " p m"
    return words


def _time(match: re.Match[str], ctx: Context) -> str | None:
    return clock_words(int(match["h"]), int(match["m"] or 0), match["ampm"], ctx.region)
