"""The Markdown reader: front matter, headings and their attributes, blocks and inlines."""

from __future__ import annotations

from conftest import FIXTURES, REPO, outline, write

from pipeline.model import (
    BlockQuote,
    Emphasis,
    Figure,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from pipeline.readers import read_article


def test_source_article_matches_the_seed_structure() -> None:
    """source/ballerina.md and the raw seed give the same outline."""
    assert outline(REPO / "source" / "ballerina.md") == outline(FIXTURES / "ballerina.txt")


def test_front_matter_fills_metadata() -> None:
    meta = read_article(FIXTURES / "no-spoilers.md").metadata
    assert (meta.title, meta.lang, meta.author, meta.date) == (
        "A weekend in Porto",
        "en-GB",
        "Ana Ribeiro",
        "2024-05-01",
    )
    assert meta.description == "Where to walk, eat and rest in two days."


def test_blocks_and_inlines() -> None:
    article = read_article(FIXTURES / "no-spoilers.md")
    intro, saturday, sunday = article.sections
    assert intro.title == "Introduction" and intro.line == 0
    first, bullets = saturday.blocks
    assert first.inlines == (
        Text("Start at the "),
        Emphasis((Text("Ribeira"),)),
        Text(" and cross the "),
        Strong((Text("Dom Luís I"),)),
        Text(" bridge on foot."),
    )
    assert isinstance(bullets, ListBlock) and not bullets.ordered and len(bullets.items) == 2
    quote, steps = sunday.blocks
    assert isinstance(quote, BlockQuote)
    assert isinstance(steps, ListBlock) and steps.ordered
    last_item = steps.items[1][0]
    assert isinstance(last_item, Paragraph)
    assert last_item.inlines[-2] == Link("https://example.org/foz", (Text("Foz"),))


def test_h1_equal_to_title_is_not_a_section_and_attributes_apply() -> None:
    article = read_article(FIXTURES / "explicit-marks.md")
    assert [(s.level, s.id, s.marked_spoiler) for s in article.sections] == [
        (1, "introduction", False),
        (1, "premise", False),
        (1, "twist", True),
        (2, "how-the-vault-opens", False),
        (1, "verdict", False),
        (1, "ending", False),
    ]
    assert article.sections[2].title == "The twist"


def test_duplicate_titles_get_distinct_stable_ids(tmp_path) -> None:
    text = "# Notes\n\nA.\n\n# Notes\n\nB.\n\n# Notes {#notes-2}\n\nC.\n\n# Nav\n\nD.\n"
    path = write(tmp_path, "dupes.md", text)
    ids = [s.id for s in read_article(path).sections]
    assert ids == ["notes", "notes-3", "notes-2", "nav-2"]
    assert ids == [s.id for s in read_article(path).sections]


def test_first_h1_without_front_matter_is_the_title(tmp_path) -> None:
    path = write(tmp_path, "t.md", "# My trip\n\nIt rained.\n\n## Day one\n\nMore rain.\n")
    article = read_article(path)
    assert article.metadata.title == "My trip"
    assert [(s.level, s.title) for s in article.sections] == [(1, "Introduction"), (1, "Day one")]


def test_title_falls_back_to_file_name(tmp_path) -> None:
    article = read_article(write(tmp_path, "city-notes.md", "Just a paragraph.\n"))
    assert article.metadata.title == "City notes"


def test_skipped_heading_levels_nest_one_deeper(tmp_path) -> None:
    path = write(tmp_path, "levels.md", "## A\n\nx\n\n#### B\n\ny\n\n### C\n\nz\n")
    assert [s.level for s in read_article(path).sections] == [1, 2, 2]


def test_raw_html_is_read_as_html_and_unsafe_links_keep_their_text() -> None:
    article = read_article(FIXTURES / "markup.md")
    # Front matter is not HTML: the title is the text as written.
    assert article.metadata.title == "<script>alert('title')</script> & friends"
    first, heading = article.sections
    assert first.title == "& friends"  # the H1's script is dropped with its content
    assert first.blocks[:3] == (
        Paragraph((Text("Tags such as and"),), 7),
        Figure(Image("x", ""), (), 7),
        Paragraph((Text("stay text."),), 7),
    )
    assert heading.title == "Bold heading & more"
    links = heading.blocks[0].inlines
    # markdown-it refuses javascript: links outright, so that one is left as literal text.
    assert links[0] == Text(
        "A relative link and a [script link](javascript:alert(3)) keep only their text; a "
    )
    assert links[1] == Link("https://example.org/?a=1&b=2", (Text("web link"),))
    assert heading.blocks[1] == Paragraph((Text("raw HTML block"),), 15)
