"""Words in capitals for emphasis, read as the words they are ("WHAT DID JACK DO?": "What did
jack do?", "This is SO good": "so", "DON'T": "don't"), while initialisms stay spelled ("BBC").

Two cases. In a *shouted run* (capitalised words side by side, two of them words and one of
those no initialism: "WHO IS IT", not "TCP/IP, ROS, AWS") every word is read as a word
except the initialisms and acronyms of the word tables ("I LOVE THE BBC": "B B C"); an
initialism that is also a common word ("US", "IT", "WHO") is the word unless "the" comes
before it. A *single* capitalised word in ordinary text is read as a word when it is a
short common word (``data/shouted_words.tsv``) or a longer word of the dictionary that the
acronym rule would spell ("WORST"); the words the acronym rule already says as words
("LOVED": "Loved") and every word of the tables are left to it. "Words" are those of the
CMU Pronouncing Dictionary (``dictionary.py``)."""

from __future__ import annotations

import re

from pipeline.speech.en import tables
from pipeline.speech.en.abbreviation import is_sayable, spell
from pipeline.speech.en.context import Context, Rule, at_sentence_start, rule
from pipeline.speech.en.dictionary import is_word
from pipeline.speech.en.roman import is_numeral

_TOKEN_EDGES = "\"“”‘’'()[]{},.;:!?…—–-*_"
_ARTICLES = frozenset({"THE", "A", "AN"})
_REACH = 200
"""How far around a word its run is looked for, in characters (a paragraph may be long)."""


def emphasis_rule() -> Rule:
    """A word in capitals, maybe a contraction ("DON'T"), not part of an address or a
    mixed-case word ("BBC's", "iOS", "AT&T")."""
    return rule(
        "emphasis",
        r"(?<![\w&@/.'’])[A-Z]+(?:['’][A-Z]+)?(?![\w&@/]|['’]\w|\.\w)",
        _emphasis,
    )


def _emphasis(match: re.Match[str], ctx: Context) -> str | None:
    word = match.group()
    if (len(word) < 2 and word != "A") or is_numeral(word):
        return None  # "I" is the pronoun; a numeral is the Roman rule's
    before, after = _caps_around(ctx.text, match.start(), match.end())
    if "'" in word or "’" in word:
        spoken = _with_apostrophe(word)
    elif _is_shouted_run([*before, word, *after]):
        spoken = _in_run(word, before[-1] if before else "")
    else:
        spoken = None if word == "A" else _alone(word)
    if spoken is None:
        return None
    if at_sentence_start(ctx.text, match.start()):
        return spoken[0].upper() + spoken[1:]
    return spoken


def _alone(word: str) -> str | None:
    """A capitalised word among lower-case ones."""
    if _initialism(word):
        return None
    if word in tables.words("shouted_words"):
        return _lower(word)
    if len(word) > 3 and is_word(word) and not is_sayable(word):
        return _lower(word)
    return None


def _with_apostrophe(word: str) -> str | None:
    """A contraction ("DON'T", "I'M") or a possessive ("OSAKA'S", "BBC'S")."""
    if is_word(word):
        return _lower(word)
    stem, _, ending = word.replace("’", "'").rpartition("'")
    if ending != "S":
        return None
    if _initialism(stem) and stem not in tables.words("acronyms"):
        return spell(stem) + "'s"
    if stem in tables.words("shouted_words") or is_word(stem) or is_sayable(stem):
        return stem.lower() + "'s"
    return None


def _in_run(word: str, previous: str) -> str | None:
    """A word of a shouted run: a word unless it is a known initialism or acronym."""
    initialism = _initialism(word)
    if word in tables.words("shouted_words") and not (initialism and previous in _ARTICLES):
        return _lower(word)
    if initialism or not is_word(word):
        return None
    return _lower(word)


def _is_shouted_run(tokens: list[str]) -> bool:
    """Two capitalised words of two letters or more that are words, not initialisms ("DO
    NOT"; a list of initialisms with one word among them, "TCP/IP, ROS, AWS", is not)."""
    if sum(len(token) > 1 for token in tokens) < 2:
        return False  # one word alone: no need to ask the dictionary
    words = [token for token in tokens if len(token) > 1 and _plain_word(token)]
    return len(words) > 1 and any(not _initialism(token) for token in words)


def _plain_word(token: str) -> bool:
    """A common short word ("IT" too) or a word of the dictionary that is no initialism."""
    return token in tables.words("shouted_words") or (is_word(token) and not _initialism(token))


def _initialism(token: str) -> bool:
    return token in tables.words("acronyms") or token in tables.words("initialisms")


def _caps_around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The capitalised words right before ``start`` and right after ``end`` (nearest to the
    match at the inside), up to the first word that is not in capitals; numbers are
    passed over."""
    before = _caps_run(text[max(start - _REACH, 0) : start].split(), backwards=True)
    after = _caps_run(text[end : end + _REACH].split(), backwards=False)
    return before[::-1], after


def _caps_run(tokens: list[str], backwards: bool) -> list[str]:
    found: list[str] = []
    for token in reversed(tokens) if backwards else tokens:
        pieces = token.split("-")
        for piece in reversed(pieces) if backwards else pieces:
            stripped = piece.strip(_TOKEN_EDGES)
            if not stripped or stripped.replace(",", "").replace(".", "").isdigit():
                continue
            if not any(c.isalpha() for c in stripped) or stripped != stripped.upper():
                return found
            found.append(stripped)
    return found


def _lower(word: str) -> str:
    """ "DON'T" -> "don't", "I'M" -> "I'm" (the pronoun keeps its capital)."""
    spoken = word.lower()
    return re.sub(r"^i(?=['’])", "I", spoken)
