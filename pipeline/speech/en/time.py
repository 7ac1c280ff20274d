"""Times of day: "3:30", "9am", "7.45 p.m." ("seven forty-five p m"), "18:00" ("eighteen
hundred"), "5:00" ("five o'clock"), a time zone after them ("1:59 p.m. EST"), ranges of times
("5pm-7 pm", "from 1-5 pm": "one to five p m") and durations with seconds ("2:03:45": "two
hours, three minutes and forty-five seconds")."""

from __future__ import annotations

import re
from functools import cache

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.abbreviation import spell
from pipeline.speech.en.context import Context, Rule, range_joiner, rule

_AM_PM = r"\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?"


def time_range_rule() -> Rule:
    """Two times joined by a dash or "to", the second with "a.m."/"p.m." (the first maybe
    without): "9am–5pm", "1-5 pm", "4:00 am - 8:12 pm"; or two clock times: "9:00–17:30"."""
    return rule(
        "time",
        r"\b(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?(?:\s?(?P<ap1>[AaPp])\.?[Mm]\b\.?)?"
        r"\s?(?:–|—|-|to)\s?"
        r"(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?\s?(?P<ap2>[AaPp])\.?[Mm]\b\.?"
        r"|\b(?P<c1>\d{1,2}):(?P<cm1>\d{2})\s?(?:–|—|-)\s?(?P<c2>\d{1,2}):(?P<cm2>\d{2})(?!\d)",
        _time_range,
    )


def clock_rule() -> Rule:
    """ "3:30", "10:15:07", "3:30 pm", "1:59 p.m. EST"."""
    return rule(
        "time",
        r"\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?!\d)"
        rf"(?:\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?)?{_zone()}",
        _time,
    )


def race_time_rule() -> Rule:
    """Minutes, seconds and hundredths, as a race is timed: "2:58.71" ("two fifty-eight point
    seven one")."""
    return rule(
        "time", r"(?<![\w.:])(?P<m>\d{1,2}):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w.:])", _race_time
    )


def hour_am_pm_rule() -> Rule:
    """ "9am", "11 p.m."."""
    return rule("time", r"\b(?P<h>\d{1,2})(?P<m>)" + _AM_PM + _zone(), _time)


def dotted_time_rule() -> Rule:
    """ "7.45 pm" (a period between hours and minutes needs the a.m. or p.m.)."""
    return rule("time", r"\b(?P<h>\d{1,2})\.(?P<m>\d{2})" + _AM_PM + _zone(), _time)


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


@cache
def _zone() -> str:
    """An optional time zone after a time: "EST", "est", "e.s.t." (group ``zone``)."""
    zones = sorted(tables.words("time_zones"), key=len, reverse=True)
    dotted = [r"\.?".join(zone) + r"\.?" for zone in zones]
    return rf"(?:\s?(?P<zone>(?i:{'|'.join(dotted)}))(?![\w]))?"


def _with_zone(words: str, match: re.Match[str]) -> str:
    zone = match["zone"]
    return f"{words} {spell(zone.replace('.', '').upper())}" if zone else words


def _time(match: re.Match[str], ctx: Context) -> str | None:
    hour, minute = int(match["h"]), int(match["m"] or 0)
    seconds = match.groupdict().get("s")
    if seconds and not match["ampm"] and (minute or int(seconds)):
        return _duration(hour, minute, int(seconds), ctx.region)
    words = clock_words(hour, minute, match["ampm"], ctx.region)
    return _with_zone(words, match) if words else None


def _race_time(match: re.Match[str], ctx: Context) -> str:
    seconds = numbers.cardinal(f"{int(match['s'])}.{match['f']}", ctx.region)
    if match["s"].startswith("0"):
        seconds = "oh " + seconds
    return f"{numbers.cardinal(match['m'], ctx.region)} {seconds}"


def _duration(hours: int, minutes: int, seconds: int, region: str) -> str | None:
    """ "2:03:45": "two hours, three minutes and forty-five seconds" (zero parts unsaid)."""
    if minutes > 59 or seconds > 59:
        return None
    parts = [
        f"{numbers.cardinal(str(value), region)} {name}{'s' if value != 1 else ''}"
        for value, name in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if value
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _time_range(match: re.Match[str], ctx: Context) -> str | None:
    joiner = range_joiner(match, ctx)
    if match["c1"]:
        first = clock_words(int(match["c1"]), int(match["cm1"]), None, ctx.region)
        second = clock_words(int(match["c2"]), int(match["cm2"]), None, ctx.region)
        return f"{first}{joiner}{second}" if first and second else None
    second = clock_words(int(match["h2"]), int(match["m2"] or 0), match["ap2"], ctx.region)
    hour, minute = int(match["h1"]), int(match["m1"] or 0)
    if match["ap1"]:
        first = clock_words(hour, minute, match["ap1"], ctx.region)
    else:  # "1-5 pm": "one to five p m"
        first = clock_words(hour, minute, match["ap2"], ctx.region)
        first = first.rsplit(" ", 2)[0] if first else None
    return f"{first}{joiner}{second}" if first and second else None
