"""Dates and years: numeric and ISO dates, "5 May 2024" and "May 5th", decades ("the 1960s",
"the '90s"), four-digit years versus quantities ("in 1987", "nearly 1500"), weekdays and
abbreviated months. US: "May fifth, twenty twenty-four"; GB: "the fifth of May"."""

from __future__ import annotations

import re
from functools import cache

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.context import (
    Context,
    Rule,
    is_us,
    next_word,
    previous_words,
    rule,
)

_WEEKDAY = r"Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun"
_DECADE = r"(?:(?P<century{0}>1\d|20)|['’]|(?=[02-9]0s))(?P<tens{0}>\d)0s"
_VERBS_LIKE_MONTHS = ("may", "march", "mar")
"""Month names that are also verbs: read as a month in lower case only with a year, an
ordinal suffix or "of" ("the 17th of may", "may 5th, 2010"), never in "those 5 may be"."""


def numeric_date_rule() -> Rule:
    """ "03/07/2025", "3.7.25": day first in GB (when it can be), month first in the US."""
    return rule(
        "date",
        r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b",
        _numeric_date,
    )


def iso_date_rule() -> Rule:
    """ "2024-05-05", "2016/07/03"."""
    return rule(
        "date",
        r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b",
        _iso_date,
    )


def season_rule() -> Rule:
    """Two years in a row with a slash: "the 2023/24 season" ("twenty twenty-three to
    twenty-four")."""
    return rule(
        "date",
        r"(?<![\w/.,])(?P<a>(?:1[89]|20)\d\d)/(?P<b>(?:1[89]|20)?\d\d)(?![\w/]|[.,]\d)",
        _season,
    )


def day_month_rule() -> Rule:
    """ "5 May", "5th of May 2024": "the fifth of May"."""
    return rule(
        "date",
        rf"\b(?P<d>\d{{1,2}})(?P<nth>st|nd|rd|th)?\s+(?P<of>of\s+)?"
        rf"(?P<month>{month_names_pattern()})(?:(?:,\s*|\s+)(?P<y>\d{{4}}))?(?![\w])",
        _day_month,
    )


def month_day_rule() -> Rule:
    """ "May 5, 2024": "May fifth" (GB: "May the fifth")."""
    return rule(
        "date",
        rf"\b(?P<month>{month_names_pattern()})(?:\s+|-)(?P<d>\d{{1,2}})(?P<nth>st|nd|rd|th)?"
        rf"(?!\d)(?:(?:,?\s+|-)(?P<y>\d{{4}})\b)?",
        _month_day,
    )


def decade_range_rule() -> Rule:
    """Two decades joined by a dash: "1960s-80s": "nineteen sixties to eighties"."""
    return rule(
        "decade",
        rf"(?<![\w'’]){_DECADE.format('1')}\s?(?:–|—|-|to)\s?{_DECADE.format('2')}\b",
        _decade_range,
    )


def decade_rule() -> Rule:
    """ "1960s", "'90s", "80s": "nineteen sixties", "nineties", "eighties"."""
    return rule(
        "decade",
        rf"(?<![\w'’]){_DECADE.format('')}\b",
        _decade,
    )


def year_rule() -> Rule:
    """A four-digit number from 1100 to 2099 that is a year, not a quantity."""
    return rule("year", r"(?<![\w.,$£€¥#-])(?:1[1-9]\d\d|20\d\d)(?![\w]|[.,]\d)", _year_or_count)


def weekday_rule() -> Rule:
    """ "Mon.", "Tue 5 May", "Mon-Fri": "Monday", "Monday to Friday"."""
    return rule(
        "weekday",
        rf"\b(?P<a>{_WEEKDAY})(?P<dot>\.)?(?:\s?[–-]\s?(?P<b>{_WEEKDAY})\.?)?(?!\w)",
        _weekday,
    )


def month_abbreviation_rule() -> Rule:
    """ "Jan.": "January"."""
    return rule(
        "month", r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.", _month_abbreviation
    )


@cache
def month_names_pattern() -> str:
    """Every month name and abbreviation (with an optional period), longest first."""
    months = tables.ordered_words("months")
    abbreviations = tables.mapping("month_abbreviations")
    names = sorted([*months, *(f"{a}\\.?" for a in abbreviations)], key=len, reverse=True)
    return "(?i:" + "|".join(names) + ")"


def year_words(year: str, region: str) -> str:
    """A two- or four-digit year: "05" -> "oh five", "1987" -> "nineteen eighty-seven"."""
    if len(year) == 2:
        return (
            ("oh " + numbers.cardinal(year[1], region))
            if year[0] == "0"
            else (numbers.cardinal(year, region))
        )
    return numbers.year(int(year), region)


def _spoken_date(day: int, month: int, year: str | None, ctx: Context, us: bool) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    name, nth = tables.ordered_words("months")[month - 1], numbers.ordinal(day, ctx.region)
    spoken = f"{name} {nth}" if us else f"the {nth} of {name}"
    if year:
        spoken += (", " if us else " ") + year_words(year, ctx.region)
    return spoken


def _numeric_date(match: re.Match[str], ctx: Context) -> str | None:
    first, second, year = int(match["a"]), int(match["b"]), match["year"]
    day_first = first > 12 or (second <= 12 and not is_us(ctx.region))
    day, month = (first, second) if day_first else (second, first)
    return _spoken_date(day, month, year, ctx, is_us(ctx.region))


def _iso_date(match: re.Match[str], ctx: Context) -> str | None:
    return _spoken_date(int(match["d"]), int(match["m"]), match["y"], ctx, is_us(ctx.region))


def _month_number(name: str) -> int:
    name = name.rstrip(".").capitalize()
    months = tables.ordered_words("months")
    if name in months:
        return months.index(name) + 1
    return int(tables.mapping("month_abbreviations")[name])


def _unsure_month(match: re.Match[str]) -> bool:
    """A lower-case "may" or "march" with nothing that makes it a date."""
    month = match["month"].rstrip(".")
    dated = match["y"] or match["nth"] or match.groupdict().get("of")
    return month in _VERBS_LIKE_MONTHS and not dated


def _day_month(match: re.Match[str], ctx: Context) -> str | None:
    if _unsure_month(match):
        return None
    spoken = _spoken_date(int(match["d"]), _month_number(match["month"]), match["y"], ctx, False)
    before = previous_words(ctx.text, match.start(), 1)
    if spoken and before and before[-1].lower() == "the":
        return spoken.removeprefix("the ")  # "on the 2nd of June": not "the the second"
    return spoken


def _month_day(match: re.Match[str], ctx: Context) -> str | None:
    if _unsure_month(match):
        return None
    spoken = _spoken_date(int(match["d"]), _month_number(match["month"]), match["y"], ctx, True)
    if spoken and not is_us(ctx.region):
        name, _, rest = spoken.partition(" ")
        spoken = f"{name} the {rest}"
    return spoken


def _season(match: re.Match[str], ctx: Context) -> str | None:
    first, second = match["a"], match["b"]
    if int(second[-2:]) != (int(first) + 1) % 100 or (len(second) == 4 and int(second) < 1900):
        return None
    return f"{numbers.year(int(first), ctx.region)} to {year_words(second, ctx.region)}"


def _decade_range(match: re.Match[str], ctx: Context) -> str:
    first = _decade_words(match["century1"], match["tens1"], ctx.region)
    second = _decade_words(match["century2"], match["tens2"], ctx.region)
    return f"{first} to {second}"


def _month_abbreviation(match: re.Match[str], _ctx: Context) -> str:
    return tables.ordered_words("months")[_month_number(match.group()) - 1]


def _decade(match: re.Match[str], ctx: Context) -> str:
    return _decade_words(match["century"], match["tens"], ctx.region)


def _decade_words(century: str | None, tens: str, region: str) -> str:
    if tens == "0" and not century:
        return "two thousands" if is_us(region) else "noughties"  # the '00s
    if century:
        return numbers.plural(numbers.year(int(century + tens + "0"), region))
    return numbers.plural(numbers.cardinal(tens + "0", region))


def _year_or_count(match: re.Match[str], ctx: Context) -> str | None:
    """A year ("in 1987", "summer 1969", "1066 AD"), unless a cue makes it a quantity
    ("nearly 1500", "1500 people")."""
    value = match.group()
    before = previous_words(ctx.text, match.start(), 2)
    previous = before[-1].lower() if before else ""
    following = next_word(ctx.text, match.end())
    if following.rstrip(".") in ("BC", "BCE", "AD", "CE") or previous in ("ad", "a.d."):
        return numbers.year(int(value), ctx.region)
    if previous in tables.words("count_cues"):
        return None
    year = (
        previous in tables.words("year_cues")
        or previous.rstrip(".").capitalize() in tables.ordered_words("months")
        or previous.rstrip(".") in tables.mapping("month_abbreviations")
        or previous.endswith(("’s", "'s"))
    )
    if not year:
        word = following.lower().rstrip(".,")
        plural = (
            word.endswith("s") and word not in tables.words("not_plurals") and following.islower()
        )
        if word in tables.words("count_nouns") or plural:
            return None
    return numbers.year(int(value), ctx.region)


def _weekday(match: re.Match[str], ctx: Context) -> str | None:
    before = previous_words(ctx.text, match.start(), 1)
    if before and before[-1].lower() == "the":
        return None  # "the Sun."
    weekdays = tables.mapping("weekdays")
    first = weekdays[match["a"]]
    if match["b"]:
        return f"{first} to {weekdays[match['b']]}"
    dated = re.match(r"\s+(?:\d|" + month_names_pattern() + ")", ctx.text[match.end() :])
    if not match["dot"] and not dated:
        return None
    return first
