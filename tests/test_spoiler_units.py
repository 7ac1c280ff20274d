"""Spoiler units: a warning, an end marker, an inline spoiler or a SpoilerBlock splits its
section into sections of their own, with unique, stable ids; no SpoilerBlock survives."""

from __future__ import annotations

from pathlib import Path

from conftest import outline, write

from pipeline.model import (
    Article,
    Footnote,
    ListBlock,
    Metadata,
    NoteRef,
    Paragraph,
    Section,
    SpoilerBlock,
    Text,
    block_texts,
)
from pipeline.readers import read_article
from pipeline.spoilers import ALL_SPOILER_NOTE, mark_spoilers, omit_spoilers


def units(path: Path) -> list[tuple[str, str, bool, list[str]]]:
    """(id, title, spoiler, texts) per section after the spoiler rules."""
    article = mark_spoilers(read_article(path))
    return [(s.id, s.title, s.spoiler, block_texts(s.blocks)) for s in article.sections]


def test_the_crash_case_keeps_its_first_half_spoiler_free(tmp_path) -> None:
    path = write(tmp_path, "a.md", "A fine film.\n\nWARNING! Spoilers follow:\n\nThe hero dies.\n")
    assert units(path) == [
        ("introduction", "Introduction", False, ["A fine film.", "WARNING! Spoilers follow:"]),
        ("introduction-part-2", "Introduction (part 2)", True, ["The hero dies."]),
    ]


def test_a_warning_mid_section_splits_it_and_the_spoiler_runs_on(tmp_path) -> None:
    text = "# T\n\n## Review\n\nGood.\n\nHere be spoilers\n\nShe lives.\n\n## Verdict\n\nSee it.\n"
    assert [(t, s) for _, t, s, _ in units(write(tmp_path, "a.md", text))] == [
        ("Review", False),
        ("Review (part 2)", True),
        ("Verdict", True),  # no end marker: the spoiler runs to the end
    ]


def test_an_end_marker_closes_the_spoiler_inside_its_section(tmp_path) -> None:
    text = (
        "# T\n\n## Review\n\nGood.\n\nSpoilers below\n\nShe lives.\n\nEnd of spoilers\n\n"
        "Go see it.\n\n## Verdict\n\nFour stars.\n"
    )
    assert units(write(tmp_path, "a.md", text)) == [
        ("review", "Review", False, ["Good.", "Spoilers below"]),
        ("review-part-2", "Review (part 2)", True, ["She lives.", "End of spoilers"]),
        ("review-part-3", "Review (part 3)", False, ["Go see it."]),
        ("verdict", "Verdict", False, ["Four stars."]),
    ]


def test_an_end_marker_in_a_later_section(tmp_path) -> None:
    text = "T\n\nIntro.\n\nSpoiler alert!\n\nPlot\n\nIt ends.\n\n/spoilers\n\nCast\n\nGood.\n"
    assert units(write(tmp_path, "a.txt", text)) == [
        ("introduction", "Introduction", False, ["Intro.", "Spoiler alert!"]),
        ("plot", "Plot", True, ["It ends.", "/spoilers"]),
        ("cast", "Cast", False, ["Good."]),
    ]


def test_an_end_marker_that_opens_a_section_is_no_unit_of_its_own(tmp_path) -> None:
    text = "# T\n\n## Plot\n\nSpoilers ahead!\n\nIt ends.\n\n## Cast\n\nEnd of spoilers\n\nGood.\n"
    assert units(write(tmp_path, "a.md", text))[1:] == [
        ("cast", "Cast", False, ["End of spoilers", "Good."]),
    ]


def test_a_warning_that_opens_a_section_makes_it_a_spoiler_whole(tmp_path) -> None:
    text = "# T\n\n## Intro\n\nHi.\n\n## Ending\n\nSpoilers ahead!\n\nThe twist.\n"
    assert units(write(tmp_path, "a.md", text))[1] == (
        "ending", "Ending", True, ["Spoilers ahead!", "The twist."]
    )  # fmt: skip


def test_negative_phrasings_do_not_split(tmp_path) -> None:
    text = "Good.\n\nThis review is spoiler-free.\n\nNo spoilers here, I won't spoil it.\n"
    assert [s for *_, s in outline(write(tmp_path, "a.md", text))] == [False]


def test_ids_are_unique_and_stable(tmp_path) -> None:
    text = (
        "# T\n\n## Review\n\nA.\n\nSpoilers below\n\nB.\n\n## Review part 2\n\nC.\n\n"
        "## Review\n\nD.\n\nEnd of spoilers\n\nE.\n"
    )
    path = write(tmp_path, "a.md", text)
    ids = [section_id for section_id, *_ in units(path)]
    assert len(ids) == len(set(ids))
    assert ids == [section_id for section_id, *_ in units(path)]
    marked = mark_spoilers(read_article(path))
    assert mark_spoilers(marked) == marked


def test_inline_spoilers_become_units_and_the_text_around_stays(tmp_path) -> None:
    text = "# T\n\n## Plot\n\nThe hero >!dies at the *end*!< of the film.\n\nShe ||lives|| too.\n"
    article = mark_spoilers(read_article(write(tmp_path, "a.md", text)))
    assert [(s.title, s.spoiler, block_texts(s.blocks)) for s in article.sections] == [
        ("Plot", False, ["The hero"]),
        ("Plot (part 2)", True, ["dies at the end"]),
        ("Plot (part 3)", False, ["of the film.", "She"]),
        ("Plot (part 4)", True, ["lives"]),
        ("Plot (part 5)", False, ["too."]),
    ]


def test_a_reddit_spoiler_line_is_not_a_quote_and_code_is_never_searched(tmp_path) -> None:
    text = "Intro.\n\n>!The butler did it.!<\n\nUse `a || b || c` in code.\n"
    article = mark_spoilers(read_article(write(tmp_path, "a.txt", "T\n\n" + text)))
    assert [(s.spoiler, block_texts(s.blocks)) for s in article.sections] == [
        (False, ["Intro."]),
        (True, ["The butler did it."]),
        (False, ["Use `a || b || c` in code."]),
    ]
    md = mark_spoilers(read_article(write(tmp_path, "a.md", text)))
    assert [(s.spoiler, block_texts(s.blocks)) for s in md.sections] == [
        (False, ["Intro."]),
        (True, ["The butler did it."]),
        (False, ["Use a || b || c in code."]),
    ]


def _article(*blocks, notes=()) -> Article:
    section = Section("plot", "Plot", 1, tuple(blocks), notes=notes)
    return Article(Path("a.md"), Metadata("T"), (section,))


def _has_spoiler_block(value: object) -> bool:
    if isinstance(value, SpoilerBlock):
        return True
    if isinstance(value, tuple):
        return any(_has_spoiler_block(v) for v in value)
    return any(_has_spoiler_block(v) for v in getattr(value, "__dict__", {}).values())


def test_every_spoiler_block_is_a_unit_of_its_own_and_none_survives() -> None:
    para = lambda text: Paragraph((Text(text),))  # noqa: E731
    nested = ListBlock(((para("item"), SpoilerBlock((para("nested"),))),))
    article = _article(
        para("Before."),
        SpoilerBlock((para("First."),), "Spoilers"),
        SpoilerBlock((para("Second."),), "More spoilers"),
        para("Between."),
        nested,
        SpoilerBlock(()),
        para("After."),
    )
    marked = mark_spoilers(article)
    assert [(s.id, s.spoiler, block_texts(s.blocks)) for s in marked.sections] == [
        ("plot", False, ["Before."]),
        ("plot-part-2", True, ["First."]),
        ("plot-part-3", True, ["Second."]),
        ("plot-part-4", False, ["Between."]),
        ("plot-part-5", True, ["item", "nested"]),  # a list is not split: it is the spoiler
        ("plot-part-6", False, ["After."]),
    ]
    assert not _has_spoiler_block(marked.sections)
    assert [s.title for s in omit_spoilers(marked).sections] == [
        "Plot",
        "Plot (part 4)",
        "Plot (part 6)",
    ]


def test_footnotes_go_with_the_unit_that_refers_to_them() -> None:
    ref = lambda label: Paragraph((Text("x"), NoteRef(label, 1)))  # noqa: E731
    notes = (Footnote("a", 1, ()), Footnote("b", 2, ()))
    marked = mark_spoilers(_article(ref("a"), SpoilerBlock((ref("b"),)), notes=notes))
    assert [[n.label for n in s.notes] for s in marked.sections] == [["a"], ["b"]]


def test_an_article_that_is_all_spoiler_has_a_spoiler_free_edition(tmp_path) -> None:
    path = write(tmp_path, "a.md", "WARNING! Spoilers follow:\n\nThe hero dies.\n")
    marked = mark_spoilers(read_article(path))
    assert [s.spoiler for s in marked.sections] == [True]
    free = omit_spoilers(marked)
    assert [block_texts(s.blocks) for s in free.sections] == [[ALL_SPOILER_NOTE]]
    assert free.spoilers_omitted == ("Introduction",)


def test_the_spoiler_free_edition_is_what_comes_before_the_warning(tmp_path) -> None:
    path = write(tmp_path, "a.md", "A fine film.\n\nWARNING! Spoilers follow:\n\nThe hero dies.\n")
    free = omit_spoilers(mark_spoilers(read_article(path)))
    assert [block_texts(s.blocks) for s in free.sections] == [["A fine film."]]


def test_a_warning_and_an_end_marker_inside_paragraphs_split_them(tmp_path) -> None:
    text = (
        "A fine film. OOPS! Spoiler warning. Stop now if concerned. The hero dies.\n\n"
        "She is saved. End of spoilers. Go and see it.\n"
    )
    assert [(s, texts) for *_, s, texts in units(write(tmp_path, "a.md", text))] == [
        (False, ["A fine film.", "OOPS! Spoiler warning. Stop now if concerned."]),
        (True, ["The hero dies.", "She is saved.", "End of spoilers."]),
        (False, ["Go and see it."]),
    ]


def test_a_bracketed_warning_ending_a_long_paragraph_starts_the_spoiler(tmp_path) -> None:
    long = "The film takes its time and the middle drags, but the cast carries it. " * 2
    source = f"{long}**(WARNING: SORT OF A SPOILER)**\n\n> The hero dies.\n\nA fine film.\n"
    path = write(tmp_path, "b.md", source)
    assert units(path) == [
        ("introduction", "Introduction", False, [long.strip(), "(WARNING: SORT OF A SPOILER)"]),
        ("introduction-part-2", "Introduction (part 2)", True, ["The hero dies.", "A fine film."]),
    ]
