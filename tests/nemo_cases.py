"""NVIDIA NeMo text processing's English normalization cases (``tests/fixtures/nemo/``):
reading them, and the lenient comparison issue 17 defines (case, punctuation, hyphens and the
words "and", "the", "a", "of" ignored; a digit left in earmark's reading is a miss)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.speech import Lexicon, spoken_form

NEMO = Path(__file__).parent / "fixtures" / "nemo"
MULTIPLE_ANSWERS = "normalize_with_audio"
"""The class whose file lists each case as "~written" then one acceptable reading a line."""
_IGNORED_WORDS = frozenset({"and", "the", "a", "of"})


@dataclass(frozen=True)
class Case:
    """One written form, NeMo's acceptable readings, and its class (the file's name)."""

    kind: str
    written: str
    readings: tuple[str, ...]


def read_cases() -> list[Case]:
    """Every case of every ``test_cases_<class>.txt``, in file and line order."""
    cases = []
    for path in sorted(NEMO.glob("test_cases_*.txt")):
        kind = path.stem.removeprefix("test_cases_")
        lines = path.read_text(encoding="utf-8").split("\n")
        cases.extend(_multiple(kind, lines) if kind == MULTIPLE_ANSWERS else _pairs(kind, lines))
    return cases


def _pairs(kind: str, lines: list[str]) -> list[Case]:
    """NeMo's own reading of these files (``parse_test_case_file``): written~reading[~...]."""
    cases = []
    for line in lines:
        if "~" in line:
            written, *readings = line.split("~")
            cases.append(Case(kind, written, tuple(readings)))
    return cases


def _multiple(kind: str, lines: list[str]) -> list[Case]:
    cases: list[Case] = []
    written, readings = None, []
    for line in lines:
        if line.startswith("~"):
            if written is not None:
                cases.append(Case(kind, written, tuple(readings)))
            written, readings = line.strip().replace("~", ""), []
        elif line.strip():
            readings.append(line.strip())
    if written is not None:
        cases.append(Case(kind, written, tuple(readings)))
    return cases


def lenient(text: str) -> str:
    """``text`` lower-cased, with hyphens and other punctuation, the words "and", "the", "a"
    and "of", and the spaces between words all dropped: "five a m" and NeMo's "five AM" are
    both "fiveam" (how letters are spaced for a voice is not what is said; an "a" next to
    another single letter is a letter, not the article)."""
    words = re.sub(r"[^\w\s]|_", " ", text.lower().replace("'", "").replace("’", "")).split()
    kept = [
        word
        for index, word in enumerate(words)
        if word not in _IGNORED_WORDS or (word == "a" and _next_to_a_letter(words, index))
    ]
    return "".join(kept)


def _next_to_a_letter(words: list[str], index: int) -> bool:
    neighbours = words[max(index - 1, 0) : index] + words[index + 1 : index + 2]
    return any(len(word) == 1 and word.isalpha() for word in neighbours)


def earmark_reading(case: Case) -> str:
    """What earmark says for the case's written form (US English, no lexicon)."""
    return spoken_form(case.written, "en-US", Lexicon()).text


def matches(case: Case, reading: str) -> bool:
    """Whether earmark's ``reading`` is one of NeMo's, leniently, with no digit left."""
    if any(character.isdigit() for character in reading):
        return False
    return lenient(reading) in {lenient(expected) for expected in case.readings}
