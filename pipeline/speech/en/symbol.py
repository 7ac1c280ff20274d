"""Symbols and emoji: "&" is "and", "±" "plus or minus", "C++" "C plus plus", a "%" or a
currency sign standing alone is named ("the $ sign"), "™" and arrows are not said, "and/or"
is "and or", "R/W" is "R or W", "a/b/c" is "a, b or c", and an emoji is left unsaid."""

from __future__ import annotations

import re

import emoji

from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, rule
from pipeline.speech.types import Change


def slash_words_rule() -> Rule:
    """Two words joined by a slash: "either/or" is "either or"."""
    return rule("slash", r"\b(?P<a>[A-Za-z]+)/(?P<b>[A-Za-z]+)\b", _slash_words)


def symbol_rule() -> Rule:
    """A symbol from the symbols table; "*" only at a word's edge (not in "f*ck")."""
    return rule(
        "symbol",
        r"(?P<s>[&+@=×§±~≈→←™®©|^†‡])(?P=s)*|(?<!\w)\*|\*(?!\w)|(?<![\w$])[%$€£¥₩](?!\w)",
        _symbol,
    )


def emoji_changes(text: str) -> list[Change]:
    """Every emoji in ``text``, spoken as nothing ("loved it 🎬!" is "loved it!")."""
    found = []
    for item in emoji.emoji_list(text):
        start, end = item["match_start"], item["match_end"]
        found.append(Change(start, end, text[start:end], "", "emoji"))
    return found


def _symbol(match: re.Match[str], _ctx: Context) -> str:
    """One symbol, or a run of the same one ("C++": "C plus plus")."""
    written = match.group()
    spoken = tables.mapping("symbols")[written[0]]
    return " ".join([spoken] * len(written)) if spoken else ""


def _slash_words(match: re.Match[str], _ctx: Context) -> str:
    if match["a"].lower() == "and" or match["b"].lower() == "or":  # "and/or", "either/or"
        return f"{match['a']} {match['b']}"
    return f"{match['a']} or {match['b']}"
