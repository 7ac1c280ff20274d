"""The plain-text reader's heuristics, on the seed and on small articles given as data."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, outline, write

from pipeline.model import ListBlock, Paragraph, Text
from pipeline.readers import read_article


def test_seed_outline_has_opening_plot_and_nested_questions() -> None:
    assert outline(FIXTURES / "ballerina.txt") == [
        (1, "Introduction", False),
        (1, "Plot summary", True),
        (1, "Ballerina ending explained in detail", True),
        (2, "How does Min-Hee die?", True),
        (2, "Does Pro Choi die?", True),
        (2, "Is Ok-Ju alive?", True),
    ]


def test_seed_title_and_warning_paragraph_stays_text() -> None:
    article = read_article(FIXTURES / "ballerina.txt")
    assert article.metadata.title == "Ballerina summary and ending explained"
    opening = article.sections[0]
    assert [b.inlines for b in opening.blocks][-1] == (
        Text("Warning: This article contains heavy spoilers"),
    )
    assert opening.blocks[0].line == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Title\n\nOpening words here.\n\nFIRST PART\n\nBody one.\n",
            [(1, "Introduction"), (1, "FIRST PART")],
            id="all-caps-heading",
        ),
        pytest.param(
            "Title\n\nIntro.\n\nQuestions:\n\nWhy?\n\nBody.\n\nHow?\n\nBody.\n\nAfterword\n\nEnd.\n",
            [(1, "Introduction"), (1, "Questions"), (2, "Why?"), (2, "How?"), (1, "Afterword")],
            id="question-run-nests-under-colon-heading",
        ),
        pytest.param(
            "Title\n\nWhat now?\n\nBody text follows here.\n",
            [(1, "What now?")],
            id="question-heading-without-group-stays-top-level",
        ),
        pytest.param(
            "Title\n\nThis short line ends a sentence.\n\nBody.\n",
            [(1, "Introduction")],
            id="sentence-is-not-a-heading",
        ),
        pytest.param(
            "Title\n\n" + " ".join(["word"] * 14) + "\n\nBody.\n",
            [(1, "Introduction")],
            id="long-line-is-not-a-heading",
        ),
        pytest.param(
            "Title\n\nIntro.\n\nSpoiler alert\n\nMore.\n",
            [(1, "Introduction")],
            id="warning-line-is-not-a-heading",
        ),
        pytest.param(
            "Title\nwith a second line of opening text.\n\nPart\n\nBody.\n",
            [(1, "Introduction"), (1, "Part")],
            id="title-line-then-paragraph",
        ),
    ],
)
def test_heading_heuristics(tmp_path, text: str, expected: list[tuple[int, str]]) -> None:
    article = read_article(write(tmp_path, "a.txt", text))
    assert [(s.level, s.title) for s in article.sections] == expected


def test_bullet_lines_become_a_list(tmp_path) -> None:
    article = read_article(write(tmp_path, "a.txt", "Title\n\nPack:\n- socks\n- a map\n"))
    lead, block = article.sections[0].blocks
    assert lead.inlines == (Text("Pack:"),)
    assert isinstance(block, ListBlock)
    assert [item[0].inlines for item in block.items] == [(Text("socks"),), (Text("a map"),)]


def test_wrapped_paragraph_lines_are_joined(tmp_path) -> None:
    article = read_article(write(tmp_path, "a.txt", "Title\n\nOne line\nwrapped here.\n"))
    assert article.sections[0].blocks == (Paragraph((Text("One line wrapped here."),), 3),)


def test_crlf_and_bom_are_accepted(tmp_path) -> None:
    path = write(tmp_path, "a.txt", "\ufeffTitle\r\n\r\nPart\r\n\r\nBody.\r\n".encode())
    article = read_article(path)
    assert article.metadata.title == "Title"
    assert [s.title for s in article.sections] == ["Part"]


def test_warning_in_a_later_section_marks_rest(tmp_path) -> None:
    # The warning splits its section: the text before it stays spoiler-free.
    assert outline(FIXTURES / "warning-mid-section.txt") == [
        (1, "Introduction", False),
        (1, "The setup", False),
        (1, "The setup (part 2)", True),
        (1, "Who took it?", True),
        (1, "CREDITS AND THANKS", True),
    ]
