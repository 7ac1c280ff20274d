"""Sentence boundaries (``pipeline.narration.sentences.sentence_spans``): the one segmenter
of the script, the EPUB spans and the overlays.

``GOLDEN_RULES`` are the 48 English Golden Rules of the Pragmatic Segmenter, a public test
set for sentence boundary detection, as pySBD keeps them (``tests/fixtures/golden-rules/``,
with their source and licence); every case earmark decides differently is in
``DECIDED_DIFFERENTLY`` with its reason."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, write

from pipeline.cli import main
from pipeline.narration.sentences import sentence_spans

GOLDEN_RULES: list[tuple[str, list[str]]] = [
    (case["text"], case["sentences"])
    for case in json.loads((FIXTURES / "golden-rules" / "en.json").read_text(encoding="utf-8"))
]

DECIDED_DIFFERENTLY: dict[int, str] = {}
"""Golden Rule number (1-based) -> why earmark splits it otherwise. The list cases (31-39)
may differ: a Markdown list reaches the segmenter one item at a time."""

GOLDEN_RULES_TO_PASS = 46


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def test_the_golden_rules_pass_but_for_the_cases_decided_differently() -> None:
    failing = {
        number: (sentences(text), expected)
        for number, (text, expected) in enumerate(GOLDEN_RULES, 1)
        if sentences(text) != expected
    }
    passed = len(GOLDEN_RULES) - len(failing)
    print(f"Golden Rules: {passed} of {len(GOLDEN_RULES)}")
    assert len(GOLDEN_RULES) == 48
    assert set(failing) == set(DECIDED_DIFFERENTLY), failing
    assert passed >= GOLDEN_RULES_TO_PASS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"rule-{number}")
        for number, (text, expected) in enumerate(GOLDEN_RULES, 1)
        if number not in DECIDED_DIFFERENTLY
    ],
)
def test_golden_rule(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- the abbreviations the issue found cut, and earmark's own cases --------------------------

ONE_SENTENCE = [
    "Flights from New York take approx. 4 hrs to reach the coast.",
    "Ft. Collins is 65 miles north of Denver.",
    "Opened c. 1850 on Mar. 14 the hall still stands.",
    "The museum opens Mon.–Fri. from 9am–5pm all year.",
    "At 5 a.m. Mr. Smith went to the bank.",
    "J. R. R. Tolkien wrote it in the U.S. during the war.",
    "Go to No. 10 Downing St. and knock.",
    "It was made by Harbor Athletics Co. in 1990.",
    "The team won 3–1 vs. Leeds on a wet night.",
    "Opened c. 1850, the hall (see p. 4) still stands.",
    "Apple Inc. CEO Tim Cook spoke.",
    "See Vol. II of the series, e.g. the maps, i.e. most of it.",
    "Is it 9.30 a.m. GMT or later?",
    "Messrs. Smith and Jones met Capt. Vance at 3 p.m. Tuesday.",
    "She works at Yahoo! in the accounting department.",
    "The castle opens Mon.–Sun. 9:00–21:00 all year.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_an_abbreviation_inside_a_sentence_does_not_end_it(text: str) -> None:
    assert sentences(text) == [text]


SPLIT = [
    ["Flights from New York take approx. 4 hrs.", "The train is slower."],
    ["The museum closes on Sat.", "Tickets cost $5."],
    ["I live on Baker St.", "It is quiet."],
    ["We met Dr. Jones at 5 p.m.", "He was late."],
    ["He was born in 1990.", "2020 was a hard year."],
    ["The package includes pens, paper, etc.", "Delivery is free."],
    ["I met Mr. and Mrs. Smith.", "They were kind."],
    ["It was in Washington, D.C.", "The capital was quiet."],
    ["World War I.", "The start of it all."],
    ["Wait...", "What was that?"],
    ['He said "Stop."', "Then he left."],
    ["It costs a lot.", "$5 is too much."],
    ["Yes.", "No.", "Maybe."],
    ["Smith et al. found it.", "They were right."],
    ["Wireless tops out at 15 W.", "USB-C transfers reached 1.2 GB/s."],
]


@pytest.mark.parametrize("expected", SPLIT, ids=lambda e: e[0])
def test_an_abbreviation_or_a_word_that_ends_a_sentence_ends_it(expected: list[str]) -> None:
    assert sentences(" ".join(expected)) == expected


def test_other_languages_keep_their_own_rules() -> None:
    # German writes ordinals with a period: "3. Oktober" is not a sentence end.
    text = "Am 3. Oktober feiern wir. Dann ruhen wir."
    assert sentences(text, "de") == ["Am 3. Oktober feiern wir.", "Dann ruhen wir."]


def test_earmark_script_shows_one_utterance_per_sentence(tmp_path) -> None:
    paragraph = (
        "Flights from New York take approx. 4 hrs. Ft. Collins is 65 miles north. "
        "At 5 a.m. Mr. Smith went to the bank."
    )
    source = write(tmp_path, "a.md", f"# Trip\n\n{paragraph}\n")
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 0, result.output
    lines = [line.split(None, 1)[1] for line in result.output.splitlines() if "says" in line]
    assert lines == [
        "Flights from New York take approximately four hours.",
        "Fort Collins is sixty-five miles north.",
        "At five a m Mister Smith went to the bank.",
    ]
