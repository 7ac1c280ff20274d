"""The phrasing tables: spoiler warnings, end markers, and what must never count as either."""

from __future__ import annotations

import pytest

from pipeline.spoilers import is_spoiler_end, is_spoiler_warning
from pipeline.spoilers.phrasings import (
    END_PHRASINGS,
    NEGATIVE_PHRASINGS,
    WARNING_PHRASINGS,
    notice_span,
)

WARNINGS = [
    "Caution, spoilers ahead!",
    "Spoilers herein.",
    "Spoiler alert",
    "Spoiler warning",
    "OOPS! Spoiler warning. Stop now if concerned.",
    "Stop reading now if you have not seen the film.",
    "Spoilers below",
    "Here be spoilers",
    "Here there be spoilers!",
    "WARNING! Spoilers follow:",
    "Major spoilers ahead",
    "**Heavy spoilers from here on.**",
    "⚠️ Spoilers!",
    "(spoilers)",
    "[Major spoilers]",
    "Heads up: there are spoilers for the finale below.",
    "Fair warning: plot spoilers.",
    "Beware of spoilers",
    "The rest of this review discusses the ending.",
    "Warning: This article contains heavy spoilers",
    "The rest of this section gives the ending away.",
    "A quick note: there will be spoilers ahead.",
    "Disclaimer: potential spoilers below",
    "SEASON TWO (MILD) SPOILERS BELOW",
    "[!WARNING] Spoilers ahead.",
    "Obviously: spoilers below.",
    # In brackets, on their own (emphasis marks around them are gone in a paragraph's text).
    "(Spoilers follow)",
    "(spoilers ahead)",
    "_(Spoilers follow)_",
    "(WARNING: SORT OF A SPOILER)",
    "**(Caution: kind of a spoiler.)**",
    "[Mild spoilers below]",
    "(Heads up: a small spoiler)",
    # Inside a sentence: spoilers pointing onward, or the writer saying the text will give some.
    "I need to reveal some **spoilers ahead**",
    "Discussing the ending will require spoilers, so stop reading if you don't want to know.",
    "We'll have to get into spoilers from here.",
    "Here I'm going to discuss a few major spoilers.",
    "The last act matters most, so skip to the next section if you have not seen it.",
    "Spoilers for the whole first season follow.",
    "(Contains major spoilers for the finale)",
]

NOT_WARNINGS = [
    "This review is spoiler-free",
    "no spoilers here",
    "A review without spoilers, promise.",
    "I won't spoil it",
    "Warning: no spoilers ahead, just vibes.",
    "Spoilers are a strange part of fandom.",
    "The trailer spoils the twist.",
    "Stop the car if you see a deer.",
    "A spoiler-free note on the cast",
    "I hate spoilers below the trailer on video sites.",
    "Our app hides spoiler warnings behind a toggle.",
    "End of spoilers",
    "We talk about spoiler culture at length. " * 8,
    "I hate spoilers",
    "a spoiler-free review",
    "spoilers are overrated",
    "Spoiler: none",
    "(no spoilers)",
    "(spoiler-free)",
    "I hate spoiler warnings.",
    "I won't reveal any spoilers ahead.",
    "I'll try not to give away spoilers below.",
    "We will not discuss spoilers.",
    "People will share spoilers online within hours.",
    "Reviews that contain spoilers annoy me.",
    "She could not stop reading now that the end was near.",
    "Contains no spoilers.",
    "I hate spoilers for films below the trailer.",
]

ENDS = [
    "End of spoilers",
    "End spoilers.",
    "Spoilers end here",
    "/spoilers",
    "[/spoiler]",
    "Spoilers over",
    "Spoiler-free from here",
    "OK, spoilers over!",
    "No more spoilers.",
    "Safe to read again.",
    "(End of spoilers)",
]

NOT_ENDS = [
    "Spoiler alert",
    "The end of the film is a spoiler I will not give.",
    "Spoilers are over-rated as a worry.",
    "This review is spoiler-free",
]


@pytest.mark.parametrize("text", WARNINGS)
def test_warnings_in_many_phrasings(text: str) -> None:
    assert is_spoiler_warning(text)


@pytest.mark.parametrize("text", NOT_WARNINGS)
def test_what_is_not_a_warning(text: str) -> None:
    assert not is_spoiler_warning(text)


@pytest.mark.parametrize("text", ENDS)
def test_end_markers(text: str) -> None:
    assert is_spoiler_end(text)
    assert not is_spoiler_warning(text)


@pytest.mark.parametrize("text", NOT_ENDS)
def test_what_is_not_an_end_marker(text: str) -> None:
    assert not is_spoiler_end(text)


def test_tables_name_their_phrasings() -> None:
    for table in (WARNING_PHRASINGS, END_PHRASINGS, NEGATIVE_PHRASINGS):
        assert table and all(phrasings and pattern for phrasings, pattern in table)


_LONG = "The film takes its time and the middle drags, but the cast carries it. " * 2


@pytest.mark.parametrize(
    ("paragraph", "warning"),
    [
        (_LONG + "(WARNING: SORT OF A SPOILER)", "(WARNING: SORT OF A SPOILER)"),
        (
            "Read this exchange at the very end of the book: (WARNING: sort of a spoiler)",
            "(WARNING: sort of a spoiler)",
        ),
        ("A fine cast and a lovely score (spoilers follow)", "(spoilers follow)"),
        ("I loved the finale. (Spoilers ahead) The hero dies.", "(Spoilers ahead)"),
        (
            "A fine film. I need to reveal some spoilers ahead. The hero dies.",
            "I need to reveal some spoilers ahead.",
        ),
        ("I won't say who dies (spoilers!)", None),
        ("The film (2019) is good.", None),
        (_LONG + "(no spoilers, promise)", None),
    ],
)
def test_a_warning_in_brackets_ends_or_opens_a_paragraph(
    paragraph: str, warning: str | None
) -> None:
    # Brackets at a paragraph's end or a sentence's start are a sentence of their own; a
    # bare "(spoilers!)" ending a sentence is an aside, not a warning.
    span = notice_span(paragraph)
    found = paragraph[span[0] : span[1]].strip() if span is not None else None
    assert found == warning


def test_an_end_marker_in_brackets_ending_a_paragraph() -> None:
    paragraph = "And so the hero lives on (end of spoilers)"
    span = notice_span(paragraph, end=True)
    assert span is not None and paragraph[span[0] : span[1]] == "(end of spoilers)"
