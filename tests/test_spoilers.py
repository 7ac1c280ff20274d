"""The spoiler rules as a pure function over the Article."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, outline, write

from pipeline.errors import SourceError
from pipeline.readers import read_article
from pipeline.spoilers import (
    is_spoiler_warning,
    mark_spoilers,
    names_spoilers,
    omit_spoilers,
)


def test_article_without_spoilers_marks_nothing() -> None:
    assert [spoiler for *_, spoiler in outline(FIXTURES / "no-spoilers.md")] == [False] * 3


def test_explicit_marks_win_and_children_inherit() -> None:
    # The opening paragraph has a warning, but explicit marks switch the other rules off.
    assert outline(FIXTURES / "explicit-marks.md") == [
        (1, "Introduction", False),
        (1, "Premise", False),
        (1, "The twist", True),
        (2, "How the vault opens", True),
        (1, "Verdict", False),
        (1, "Ending", True),
    ]


def test_warning_paragraph_marks_everything_after_it() -> None:
    flags = [spoiler for *_, spoiler in outline(FIXTURES / "ballerina.txt")]
    assert flags == [False, True, True, True, True, True]


def test_headings_that_name_spoilers() -> None:
    assert outline(FIXTURES / "spoiler-headings.md") == [
        (1, "The Quiet Shore", False),
        (1, "Spoilers: The Quiet Shore's last scene", True),
        (1, "Night Train (spoilers)", True),
        (1, "A spoiler-free note on Night Train", False),
    ]


def test_front_matter_list_accepts_ids_and_titles_case_insensitively(tmp_path) -> None:
    text = (
        "---\nspoilers: [second, THE THIRD]\n---\n"
        "## First\n\na\n\n## Second\n\nb\n\n## The third\n\nc\n"
    )
    assert [s for *_, s in outline(write(tmp_path, "a.md", text))] == [False, True, True]


def test_empty_front_matter_list_means_no_spoilers(tmp_path) -> None:
    text = "---\nspoilers: []\n---\nSpoiler alert: not really.\n\n## Spoilers: none\n\nText.\n"
    assert [s for *_, s in outline(write(tmp_path, "a.md", text))] == [False, False]


def test_unknown_name_in_front_matter_list_is_an_error_with_its_line(tmp_path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\nspoilers:\n  - Nope\n---\n## Real\n\nText.\n")
    with pytest.raises(SourceError) as raised:
        mark_spoilers(read_article(path))
    assert raised.value.line == 3
    assert "'Nope'" in str(raised.value) and str(path) in str(raised.value)


def test_warning_with_text_after_it_marks_its_own_section(tmp_path) -> None:
    text = "T\n\nIntro.\n\nPart\n\nSpoiler alert!\n\nThe butler did it.\n\nNext\n\nMore.\n"
    assert [s for *_, s in outline(write(tmp_path, "a.txt", text))] == [False, True, True]


def test_omit_leaves_out_spoilers_and_remembers_them() -> None:
    article = omit_spoilers(mark_spoilers(read_article(FIXTURES / "spoiler-headings.md")))
    assert [s.title for s in article.sections] == [
        "The Quiet Shore",
        "A spoiler-free note on Night Train",
    ]
    assert article.spoilers_omitted == (
        "Spoilers: The Quiet Shore's last scene",
        "Night Train (spoilers)",
    )


def test_rules_are_pure() -> None:
    article = read_article(FIXTURES / "ballerina.txt")
    marked = mark_spoilers(article)
    assert not any(s.spoiler for s in article.sections)
    assert mark_spoilers(marked) == marked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warning: This article contains heavy spoilers", True),
        ("SPOILERS AHEAD: the ending is discussed below.", True),
        ("Spoiler alert!", True),
        ("**Major spoiler warning**", True),
        ("This review has spoilers for the whole series.", True),
        ("Caution - spoilers", True),
        ("Warning: the rest of this article contains spoilers.", True),
        ("What follows reveals major spoilers.", True),
        ("The rest of this review is spoiler-free.", False),
        ("This review is spoiler-free.", False),
        ("Warning: spoiler-free zone", False),
        ("The film spoils its own twist in the trailer.", False),
        ("We talk about spoiler culture at length. " * 8, False),
    ],
)
def test_warning_paragraphs(text: str, expected: bool) -> None:
    assert is_spoiler_warning(text) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Spoilers: the ending", True),
        ("Spoiler - the twist", True),
        ("The ending (spoilers)", True),
        ("The ending [major spoilers]", True),
        ("Spoilers", True),
        ("Spoiler-free review", False),
        ("Why spoilers matter", False),
        ("The ending (spoiler-free)", False),
    ],
)
def test_spoiler_headings(title: str, expected: bool) -> None:
    assert names_spoilers(title) is expected
