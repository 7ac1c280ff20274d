"""Names with numbers: model numbers after a maker or a product ("Boeing 747": "seven
forty-seven", "Porsche 911", "iPhone 15s": "fifteen S", "Flight BA 2490": "B A twenty-four
ninety"), episodes ("S4E13": "season four, episode thirteen") and codes of letters and digits
("C24", "A380", "Q3", "MP3", "es3"): the letters spelled, the number read as people read model
numbers (NeMo calls this class "serial")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.abbreviation import spell
from pipeline.speech.en.context import Context, Rule, rule


def episode_rule() -> Rule:
    """ "S4E13", "s01e02": "season four, episode thirteen"."""
    return rule("serial", r"\b[Ss](?P<s>\d{1,2})\s?[Ee](?P<e>\d{1,3})\b", _episode)


def model_rule() -> Rule:
    """A model number after a maker, a product or "Flight" (``data/model_cues.tsv``), maybe
    with letters before it (an airline's code, "A380") and a letter after ("15s")."""
    cues = "|".join(re.escape(cue) for cue in sorted(tables.words("model_cues"), key=len))
    return rule(
        "serial",
        rf"\b(?P<cue>{cues})\s(?:(?P<code>[A-Z]{{1,2}}|[A-Z]\d|\d[A-Z])\s?)?(?P<digits>\d{{1,4}})"
        r"(?P<suffix>[A-Za-z])?(?:-(?P<variant>\d{1,3}))?(?![\w]|[.,]\d)",
        _model,
    )


def alphanumeric_rule() -> Rule:
    """Up to three letters and a number, maybe a letter after: "C24", "A380", "H2O", "es3"."""
    return rule(
        "serial",
        r"(?<![\w.'’-])(?P<code>[A-Za-z]{1,3})(?P<digits>\d{1,6})(?P<suffix>[A-Za-z]|s)?(?![\w])",
        _alphanumeric,
    )


def model_number(digits: str, region: str) -> str:
    """A number as a model number is read: "747" -> "seven forty-seven", "208" -> "two oh
    eight", "500" -> "five hundred", "2490" -> "twenty-four ninety", "12" -> "twelve"."""
    value = int(digits)
    if len(digits) <= 2 or digits.startswith("0"):
        return (
            numbers.cardinal(digits, region)
            if not digits.startswith("0")
            else (numbers.digits(digits, region))
        )
    if len(digits) == 3:
        if digits.endswith("00"):
            return numbers.cardinal(digits, region)
        head = numbers.cardinal(digits[0], region)
        if digits[1] == "0":
            return f"{head} oh {numbers.cardinal(digits[2], region)}"
        return f"{head} {numbers.cardinal(digits[1:], region)}"
    if len(digits) == 4 and not digits.endswith("000"):
        return numbers.year(value, region)
    if digits.endswith("000"):
        return numbers.cardinal(digits, region)
    return numbers.digits(digits, region)


def _episode(match: re.Match[str], ctx: Context) -> str:
    season, episode = (numbers.cardinal(str(int(match[g])), ctx.region) for g in ("s", "e"))
    return f"season {season}, episode {episode}"


def _model(match: re.Match[str], ctx: Context) -> str:
    parts = [match["cue"], *([spell(match["code"].upper())] if match["code"] else [])]
    parts.append(model_number(match["digits"], ctx.region))
    if match["suffix"]:
        parts.append(match["suffix"].upper())
    if match["variant"]:
        parts.append(model_number(match["variant"], ctx.region))
    return " ".join(parts)


def _alphanumeric(match: re.Match[str], ctx: Context) -> str | None:
    digits, suffix = match["digits"], match["suffix"] or ""
    if len(digits) > 4:
        spoken = numbers.digits(digits, ctx.region)
    else:
        spoken = model_number(digits, ctx.region)
    if suffix == "s" and len(digits) > 1:
        spoken, suffix = numbers.plural(spoken), ""  # "A380s"
    letters = spell(match["code"].upper())
    return " ".join(part for part in (letters, spoken, suffix.upper()) if part)
