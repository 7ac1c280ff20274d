"""Electronic addresses: e-mail, web addresses with or without "https://", bare domains
("example.co.uk/shop"), paths and subreddits ("/r/JapanTravel", "~/notes/todo.txt") and
hashtags, read piece by piece ("dot", "slash", spelled initials). A path's words are read
as words: a slug's hyphens and underscores are spaces ("when-to-go": "when to go") and a
camel-case name is its words ("JapanTravel": "Japan Travel")."""

from __future__ import annotations

import re

from pipeline.speech import numbers
from pipeline.speech.en import tables
from pipeline.speech.en.abbreviation import is_sayable, spell
from pipeline.speech.en.context import Context, Rule, rule

_SEGMENT = r"[\w@+-](?:[\w.@+-]*[\w@+-])?"
"""One piece of a path, never ending with a period (the sentence's)."""
_REDDIT = ("r", "u", "user")
"""The first piece of a subreddit's or a Reddit user's path, whose leading slash is silent."""


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


def path_rule() -> Rule:
    """A subreddit or user ("/r/JapanTravel", "u/name"), an absolute path of two pieces or
    more ("/usr/local/bin") or one from home or here ("~/notes", "./run.sh")."""
    return rule(
        "path",
        rf"(?<![\w/.:~-])(?:(?:~|\.\.?)(?:/{_SEGMENT})+/?|(?:/{_SEGMENT}){{2,}}/?"
        rf"|(?:{'|'.join(_REDDIT)})/\w[\w-]*)(?![\w/])",
        _path,
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


def read_path(path: str) -> str:
    """A path's pieces as words, "/" as "slash": "blog/when-to-go" -> "blog slash when to
    go", "JapanTravel" -> "Japan Travel", "intro.html" -> "intro dot H T M L"."""
    return " slash ".join(_read_segment(segment) for segment in path.split("/")).strip()


def _read_segment(segment: str) -> str:
    if segment in ("~", ".", ".."):
        return {"~": "tilde", ".": "dot", "..": "dot dot"}[segment]
    pieces = (_read_slug(piece) for piece in segment.split("."))
    return " dot ".join(piece for piece in pieces if piece)


def _read_slug(slug: str) -> str:
    """ "when-to-go" -> "when to go", "NYCFood" -> "N Y C Food", "r2d2" -> "r two d two";
    a short piece is a word among words ("le-petit-gateau"), a code alone ("/en/")."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+", slug)
    phrase = len(re.findall(r"[^\W\d_]+", slug)) > 1
    return " ".join(_read_word(word, phrase) for word in words)


def _read_word(word: str, phrase: bool) -> str:
    if word.isdigit():
        return numbers.cardinal(word, "US")
    common = word.upper() in tables.words("shouted_words")  # "about-us", "when-to-go"
    if len(word) > 1 and (
        not any(c in "aeiouy" for c in word.lower())
        or (len(word) == 2 and not common and not phrase)
        or (word.upper() in tables.words("initialisms") and not common)
        or (word.isupper() and not is_sayable(word))
    ):
        return spell(word.upper())
    return word


def _path(match: re.Match[str], _ctx: Context) -> str:
    path = match.group().rstrip("/")
    if path.lstrip("/").split("/")[0] in _REDDIT:
        path = path.lstrip("/")  # "/r/JapanTravel" is "r slash Japan Travel"
    return read_path(path)


def _url(match: re.Match[str], _ctx: Context) -> str:
    address = re.sub(r"^[a-z]+://", "", match.group(), flags=re.IGNORECASE).rstrip("/")
    host, slash, rest = address.partition("/")
    if not slash:
        return read_address(address)
    path, query = re.match(r"([^?#]*)(.*)", rest).groups()
    spoken = [read_address(host), "slash", read_path(path) if path else ""]
    return " ".join(part for part in [*spoken, read_address(query) if query else ""] if part)


def _email(match: re.Match[str], _ctx: Context) -> str:
    user, _, domain = match.group().partition("@")
    return f"{read_address(user)} at {read_address(domain)}"


def _hashtag(match: re.Match[str], _ctx: Context) -> str:
    return f"hashtag {match['tag']}"
