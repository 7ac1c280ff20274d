"""Abbreviations and initialisms: titles before a name ("Dr. Khan": "Doctor Khan"), streets
after one ("Baker St": "Baker Street"), "Jr", fixed phrases ("e.g.", "etc."), abbreviations
before a number ("No. 5", "p. 12"), dotted initials ("U.S.") and all-caps words, said as a
word ("NATO": "Nato") or spelled ("BBC": "B B C")."""

from __future__ import annotations

import re

from pipeline.speech.en import tables
from pipeline.speech.en.context import (
    Context,
    Rule,
    at_sentence_start,
    is_capitalised,
    next_word,
    rule,
)


def before_number_rule() -> Rule:
    """ "No. 5", "pp. 12", "c. 1850": "number five", "pages twelve", "circa ..."."""
    return rule(
        "before-number",
        r"(?<![\w.])(?P<abbr>No\.?|no\.|Nos\.|pp\.|p\.|[Ff]ig\.|[Vv]ol\.|"
        r"[Cc]h\.|para\.|ca\.|c\.|approx\.|Ex\.|Art\.|Ep\.)(?=\s?\d)",
        _before_number,
    )


def title_street_or_suffix_rule() -> Rule:
    """ "Dr", "St", "Jr" and the like, with or without a period, read by the words around."""
    abbreviations = {
        *tables.mapping("titles"),
        *tables.mapping("streets"),
        *tables.mapping("after_names"),
    }
    return rule(
        "abbreviation",
        r"(?<![\w.])(?P<abbr>"
        + "|".join(sorted(abbreviations, key=len, reverse=True))
        + r")(?P<dot>\.)?(?![\w])(?!\.\w)",
        _abbreviation,
    )


def phrase_rule() -> Rule:
    """An abbreviation with one reading wherever it stands ("e.g.", "Inc.", "PhD")."""
    phrases = tables.mapping("phrases")
    return rule(
        "abbreviation",
        r"(?<![\w.])(?:"
        + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        + r")(?!\w)",
        _phrase,
    )


def dotted_initials_rule() -> Rule:
    """ "U.S.", "J.R.R.": spelled letter by letter."""
    return rule("initialism", r"(?<![\w.])(?:[A-Za-z]\.){2,}(?![\w])", _initials)


def all_caps_rule() -> Rule:
    """An all-caps word, maybe plural or possessive: "NASA", "BBC's", "MPs"."""
    return rule("acronym", r"\b[A-Z][A-Z0-9]*[A-Z](?:s|'s|’s)?\b", _acronym)


def spell(word: str) -> str:
    """Letter by letter: "BBC" -> "B B C", "MPs" -> "M P's"."""
    if word.endswith(("'s", "’s")):
        return spell(word[:-2]) + "'s"
    if word.endswith("s") and word[:-1].isupper():
        return spell(word[:-1]) + "'s"
    return " ".join(word.replace(".", ""))


def is_sayable(word: str) -> bool:
    """Whether an all-caps word can be said as a word (NASA, UNICEF) rather than spelled."""
    if len(word) < 4 or not any(c in "AEIOUY" for c in word):
        return False
    if re.search(r"[^AEIOUY]{3}", word[1:]) or re.search(r"[AEIOU]{3}", word):
        return False
    head = re.match(r"[^AEIOUY]*", word).group()
    return len(head) < 2 or head in tables.words("onsets")


def _abbreviation(match: re.Match[str], ctx: Context) -> str | tuple[str, str] | None:
    """A street after a street's name (a capitalised word or an ordinal), a title before a
    capitalised name, "Jr" after a name."""
    word = match["abbr"]
    titles, streets = tables.mapping("titles"), tables.mapping("streets")
    before = ctx.text[: match.start()].rstrip()
    previous = before.split()[-1].strip("\"“”‘'(),;:") if before.split() else ""
    previous_at_start = at_sentence_start(ctx.text, len(before) - len(previous))
    following = next_word(ctx.text, match.end()).rstrip(".,;:")
    name_follows = is_capitalised(following) and following != "I"
    street = word in streets and (
        bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", previous))
        or (is_capitalised(previous) and not (previous_at_start and name_follows))
    )
    if street:
        return streets[word]
    if word in titles and (name_follows or word in tables.words("always_titles")):
        return titles[word], "title"
    after_names = tables.mapping("after_names")
    if word in after_names and is_capitalised(previous):
        return after_names[word]
    if word in streets and match["dot"]:
        return streets[word]
    return None


def _phrase(match: re.Match[str], _ctx: Context) -> str | tuple[str, str]:
    written = match.group()
    if written in tables.words("joiners"):  # never ends a sentence
        return tables.mapping("phrases")[written], "joiner"
    return tables.mapping("phrases")[written]


def _before_number(match: re.Match[str], _ctx: Context) -> str:
    return tables.mapping("before_numbers")[match["abbr"]]


def _initials(match: re.Match[str], _ctx: Context) -> str:
    return spell(match.group().rstrip("."))


def _acronym(match: re.Match[str], ctx: Context) -> str | None:
    word = match.group()
    stem = re.sub(r"(?:'s|’s|s)$", "", word) if not word.isupper() else word
    suffix = word[len(stem) :]
    acronyms, initialisms = tables.words("acronyms"), tables.words("initialisms")
    start, end = match.span()
    joined = "&" in ctx.text[max(start - 1, 0) : start] + ctx.text[end : end + 1]  # "AT&T"
    shouted = stem in tables.words("shouted_words") and stem not in initialisms and not joined
    if shouted or len(stem) < 2:  # a shouted word the emphasis rule left is said as written
        return None
    if stem in acronyms or (stem not in initialisms and is_sayable(stem)):
        return stem.capitalize() + ("s" if suffix else "")
    return spell(stem) + ("'s" if suffix else "")
