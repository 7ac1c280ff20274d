"""The phrasing tables: spoiler warnings, end markers, and what must never count as either."""

from __future__ import annotations

import pytest

from pipeline.spoilers import is_spoiler_end, is_spoiler_warning
from pipeline.spoilers.phrasings import END_PHRASINGS, NEGATIVE_PHRASINGS, WARNING_PHRASINGS

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
