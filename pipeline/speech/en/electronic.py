"""Electronic addresses: e-mail, web addresses with or without "https://", bare domains
("example.co.uk/shop") and hashtags, read piece by piece ("dot", "slash", spelled initials)."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.abbreviation import is_sayable, spell
from pipeline.speech.en.context import Context, Rule, rule


def email_rule() -> Rule:
    """ "ann.lee@example.com": "ann dot lee at example dot com"."""
    return rule(
        "e-mail", r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", _email
    )


def url_rule() -> Rule:
    """An address starting "http://", "https://" or "www."."""
    return rule("url", r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)'’”]", _url)


def domain_rule() -> Rule:
    """A bare domain with a known top-level domain, and its path ("bbc.co.uk/news")."""
    domains = "|".join(re.escape(tld) for tld in tables.ordered_words("tlds"))
    return rule(
        "url", rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{domains})\b(?:/[^\s]*[^\s.,;:!?)'’”])?", _url
    )


def hashtag_rule() -> Rule:
    """ "#tbt": "hashtag tbt"."""
    return rule("hashtag", r"(?<![\w&])#(?P<tag>[A-Za-z]\w*)", _hashtag)


def read_address(address: str) -> str:
    """An address as said aloud: separators named, digits as numbers, unsayable pieces
    spelled ("bbc.co.uk" -> "B B C dot co dot U K")."""
    separators = tables.mapping("url_separators")
    parts = []
    for piece in re.split(r"([./\-_?=&#~:+%@])", address):
        if not piece:
            continue
        if piece in separators:
            parts.append(separators[piece])
        elif piece.lower() == "www":
            parts.append("w w w")
        elif piece.isdigit():
            parts.append(numbers.cardinal(piece, "US"))
        elif piece.isalpha() and (
            not any(c in "aeiouy" for c in piece.lower()) or (len(piece) == 2 and piece != "co")
        ):
            parts.append(spell(piece.upper()))
        elif piece.isupper() and not is_sayable(piece):
            parts.append(spell(piece))
        else:
            parts.append(piece)
    return " ".join(parts)


def _url(match: re.Match[str], _ctx: Context) -> str:
    address = re.sub(r"^[a-z]+://", "", match.group(), flags=re.IGNORECASE).rstrip("/")
    return read_address(address)


def _email(match: re.Match[str], _ctx: Context) -> str:
    user, _, domain = match.group().partition("@")
    return f"{read_address(user)} at {read_address(domain)}"


def _hashtag(match: re.Match[str], _ctx: Context) -> str:
    return f"hashtag {match['tag']}"
