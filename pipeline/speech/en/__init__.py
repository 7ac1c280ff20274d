"""English speech rules (US and UK conventions): what a human narrator says for numbers, years,
money, dates, times, units, abbreviations, Roman numerals, initialisms, words in capitals,
symbols and emoji.

One module per semiotic class, as NVIDIA NeMo lays out its English grammars; the word tables
are ``data/*.tsv``. The order in which the rules claim text is the one table ``RULES`` below:
emoji first, then each rule in turn, and a later rule never touches text an earlier one
claimed. Each handler sees its match and the whole text, and returns the spoken form or
``None`` (not this rule's business: the text is left to later rules). Number words come from
``pipeline.speech.numbers`` (num2words); the decisions by context are made in the modules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pipeline.speech.claims import ClaimedSpans
from pipeline.speech.en import (
    abbreviation,
    address,
    cardinal,
    date,
    electronic,
    emphasis,
    fraction,
    measure,
    money,
    ordinal,
    ranges,
    roman,
    serial,
    symbol,
    telephone,
    time,
    whitelist,
)
from pipeline.speech.en.boundaries import sentence_ends
from pipeline.speech.en.context import Context, Rule
from pipeline.speech.types import Change

__all__ = ["RULES", "changes", "rules", "sentence_ends"]

RULES: tuple[Callable[[], Rule], ...] = (
    electronic.email_rule,
    electronic.url_rule,
    electronic.domain_rule,
    electronic.path_rule,
    whitelist.whitelist_rule,
    money.money_range_rule,
    money.money_rule,
    date.season_rule,
    date.numeric_date_rule,
    date.iso_date_rule,
    date.day_month_rule,
    date.month_day_rule,
    time.time_range_rule,
    time.race_time_rule,
    time.clock_rule,
    time.hour_am_pm_rule,
    time.dotted_time_rule,
    telephone.ip_address_rule,
    telephone.social_security_rule,
    telephone.phone_number_rule,
    telephone.uk_landline_rule,
    telephone.short_number_rule,
    telephone.digits_cue_rule,
    address.house_number_rule,
    address.state_rule,
    date.decade_range_rule,
    date.decade_rule,
    ordinal.ordinal_rule,
    serial.episode_rule,
    serial.model_rule,
    measure.percent_rule,
    measure.fraction_measure_rule,
    measure.dimensions_rule,
    measure.inches_rule,
    measure.measure_rule,
    measure.per_unit_rule,
    fraction.unicode_fraction_rule,
    fraction.rating_rule,
    fraction.mixed_fraction_rule,
    fraction.slash_fraction_rule,
    measure.times_rule,
    measure.multiplication_rule,
    measure.ratio_rule,
    cardinal.scientific_rule,
    ranges.number_range_rule,
    abbreviation.before_number_rule,
    cardinal.version_rule,
    date.year_rule,
    serial.alphanumeric_rule,
    cardinal.number_rule,
    date.weekday_rule,
    date.month_abbreviation_rule,
    abbreviation.title_street_or_suffix_rule,
    abbreviation.phrase_rule,
    emphasis.emphasis_rule,
    roman.roman_numeral_rule,
    abbreviation.dotted_initials_rule,
    abbreviation.all_caps_rule,
    electronic.hashtag_rule,
    symbol.slash_words_rule,
    ranges.dash_before_number_rule,
    symbol.symbol_rule,
)
"""Every rule, in the order they claim text (the precedence: "$5" is money before it is a
number, "Dr" a title before it is an all-caps word)."""


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule built (its pattern compiled on first use), in the order of ``RULES``."""
    return tuple(make() for make in RULES)


def changes(text: str, region: str) -> list[Change]:
    """Every span of ``text`` a narrator says differently from how it is written."""
    ctx = Context(text, region)
    found = symbol.emoji_changes(text)
    claimed = ClaimedSpans([(change.start, change.end) for change in found])
    for rule in rules():
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end or claimed.overlaps(start, end):
                continue
            spoken = rule.speak(match, ctx)
            if spoken is None:
                continue
            spoken, name = spoken if isinstance(spoken, tuple) else (spoken, rule.name)
            found.append(Change(start, end, match.group(), spoken, name))
            claimed.claim(start, end)
    return found
