"""Markdown as blogs write it (CommonMark + GFM): each construct read into the model, what the
narration says about it, and the ``[build]`` settings that change that. No audio here: the
end-to-end book is ``test_markdown_gfm_book.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from pipeline.cli import main
from pipeline.config import BuildConfig, ContentOptions
from pipeline.edition import Edition
from pipeline.edition.images import load_images
from pipeline.model import (
    CodeBlock,
    DefinitionList,
    Figure,
    ListBlock,
    NoteRef,
    Paragraph,
    Strikethrough,
    Table,
    Text,
)
from pipeline.narration.script import build_script
from pipeline.readers import read_article


def _read(tmp_path: Path, text: str):
    return read_article(write(tmp_path, "post.md", text))


def _said(tmp_path: Path, text: str, **options: object) -> list[str]:
    article = _read(tmp_path, text)
    config = BuildConfig(content=ContentOptions(**options))
    tracks = build_script(Edition("post", article, config), "Joe", normalize=False)
    return [u.text for t in tracks for u in t.utterances if u.kind.value != "credits"]


def test_a_table_is_a_table_with_alignment(tmp_path) -> None:
    article = _read(tmp_path, "| Compiler | Status |\n|:--|--:|\n| Clang below 18 | fine |\n")
    (table,) = article.sections[0].blocks
    assert isinstance(table, Table)
    assert [c.inlines for c in table.head[0]] == [(Text("Compiler"),), (Text("Status"),)]
    assert [c.header for c in table.head[0]] == [True, True]
    assert [c.align for c in table.body[0]] == ["left", "right"]


def test_a_kramdown_table_with_a_short_delimiter_row_and_borders_is_a_table(tmp_path) -> None:
    text = (
        "Before.\n\n+---+---+---+\n| Fruit | Count | Colour |\n|:--|\n| plum | 2 | blue |\n"
        "|---|---|---|\n| fig | 5 | brown |\n+---+---+---+\n\nAfter.\n\n```\n| a | b |\n|:-|\n```\n"
    )
    blocks = _read(tmp_path, text).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph", "CodeBlock"]
    table = blocks[1]
    assert [c.inlines for c in table.head[0]] == [
        (Text("Fruit"),),
        (Text("Count"),),
        (Text("Colour"),),
    ]
    assert [[c.inlines[0].text for c in row] for row in table.body] == [
        ["plum", "2", "blue"],
        ["fig", "5", "brown"],
    ]
    assert [c.align for c in table.body[0]] == ["left", "", ""]
    assert blocks[3].text == "| a | b |\n|:-|"  # code keeps its pipes as written
    assert not any("---" in said for said in _said(tmp_path, text))


def test_a_table_rewrite_keeps_the_line_numbers_after_it(tmp_path) -> None:
    from pipeline.readers.markdown_dialects import rewrite_dialects

    text = "|---|---|\n| a | b |\n|-|\n| 1 | 2 |\n|---|---|\nnext"
    rewritten = rewrite_dialects(text).split("\n")
    assert len(rewritten) == 6 and rewritten[-1] == "next"
    assert rewritten[:3] == ["| a | b |", "| --- | --- |", "| 1 | 2 |"]
    assert rewrite_dialects("| a | b |\n|---|---|\n") == "| a | b |\n|---|---|\n"  # GFM as is
    grid = "+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n|===|===|\n| 3 | 4 |\n+---+---+"
    assert rewrite_dialects(grid).split("\n") == [
        *("| a | b |", "| --- | --- |", "| 1 | 2 |", "| 3 | 4 |"),
        *("", "", ""),
    ]


def test_a_kramdown_table_without_a_header_is_a_table_of_rows(tmp_path) -> None:
    from pipeline.model import Strong

    text = "|---|---|\n| **Plum** | 2 |\n| Fig | 5 |\n|---|---|\n\nA | pipe in text.\n\n| lone |\n"
    table, text_pipe, lone = _read(tmp_path, text).sections[0].blocks
    assert isinstance(table, Table) and table.head == ()
    assert table.body[0][0].inlines == (Strong((Text("Plum"),)),)
    assert [c.inlines for c in table.body[1]] == [(Text("Fig"),), (Text("5"),)]
    assert text_pipe.inlines == (Text("A | pipe in text."),)
    assert lone.inlines == (Text("| lone |"),)  # one row alone is not taken for a table


def test_a_hashnode_embed_on_its_own_line_is_an_embed(tmp_path) -> None:
    from pipeline.model import Embed

    text = "Watch this:\n%[https://www.youtube.com/watch?v=abcdefghijk]\n\nSee %[x] inline.\n"
    blocks = _read(tmp_path, text).sections[0].blocks
    assert blocks[0] == Paragraph((Text("Watch this:"),), blocks[0].line)
    embed = blocks[1]
    assert isinstance(embed, Embed)
    assert (embed.kind, embed.host) == ("video", "youtube.com")
    assert embed.href == "https://www.youtube.com/watch?v=abcdefghijk"
    assert blocks[2].inlines == (Text("See %[x] inline."),)


def test_footnotes_are_numbered_in_order_and_kept_by_the_section_that_cites_them(
    tmp_path,
) -> None:
    article = _read(
        tmp_path,
        "# A\n\nFirst[^z].\n\n# B\n\nSecond[^y] and first again[^z].\n\n"
        "[^y]: Why, see https://example.org/y.\n[^z]: Zed.\n",
    )
    a, b = article.sections
    assert a.blocks[0].inlines[1] == NoteRef("z", 1)
    assert [(n.label, n.number) for n in a.notes] == [("z", 1)]
    assert [(n.label, n.number) for n in b.notes] == [("y", 2)]
    assert "https://example.org/y" in str(b.notes[0].blocks)  # the note's URL is kept


def test_strikethrough_task_lists_autolinks_and_definitions(tmp_path) -> None:
    article = _read(
        tmp_path,
        "Was ~~wrong~~ right, see www.example.com.\n\n- [x] done\n- [ ] open\n\n"
        "Term\n: Its meaning.\n",
    )
    paragraph, tasks, definitions = article.sections[0].blocks
    assert Strikethrough((Text("wrong"),)) in paragraph.inlines
    assert any(getattr(i, "href", "") == "http://www.example.com" for i in paragraph.inlines)
    assert isinstance(tasks, ListBlock) and tasks.checks == (True, False)
    assert tasks.items[0] == (Paragraph((Text("done"),), 3),)
    assert isinstance(definitions, DefinitionList)
    assert definitions.items[0][0] == (Text("Term"),)


def test_a_fence_names_its_language(tmp_path) -> None:
    article = _read(tmp_path, "Intro.\n\n```rust title=x\nfn main() {}\n```\n")
    assert article.sections[0].blocks[1] == CodeBlock("fn main() {}", "rust")


def test_every_image_is_its_own_figure_and_no_empty_paragraph_is_left(tmp_path) -> None:
    article = _read(
        tmp_path,
        'Before.\n\n![Osaka Castle](a.jpg)\n![Dotonbori at night](b.jpg "By the canal")\n\n'
        "![](line.png)\n\nText ![inline](c.png) after.\n",
    )
    blocks = article.sections[0].blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Figure", "Figure", "Figure", "Paragraph", "Figure", "Paragraph"]
    assert [b.image.alt for b in blocks if isinstance(b, Figure)] == [
        "Osaka Castle", "Dotonbori at night", "", "inline",
    ]  # fmt: skip
    assert blocks[2].caption == (Text("By the canal"),)
    assert blocks[4].inlines == (Text("Text"),) and blocks[6].inlines == (Text("after."),)


def test_a_linked_image_keeps_its_link(tmp_path) -> None:
    article = _read(tmp_path, "See [![Build status](b.png)](https://ci.example.org/run) now.\n")
    before, figure, after = article.sections[0].blocks
    assert (before.inlines, after.inlines) == ((Text("See"),), (Text("now."),))
    assert (figure.image.alt, figure.link) == ("Build status", "https://ci.example.org/run")


def test_a_note_cited_in_alt_text_is_cited_by_the_caption(tmp_path) -> None:
    article = _read(tmp_path, "![An LED[^1]](led.jpg)\n\n[^1]: Source: a shop.\n")
    (figure,) = article.sections[0].blocks
    assert (figure.image.alt, figure.caption) == ("An LED", (NoteRef("1", 1),))
    assert [n.number for n in article.sections[0].notes] == [1]


def test_same_heading_level_in_the_source_is_the_same_level_in_the_book(tmp_path) -> None:
    article = _read(tmp_path, "#### One\n\na\n\n#### Two\n\nb\n\n## Big\n\nc\n\n#### Three\n\nd\n")
    assert [s.level for s in article.sections] == [2, 2, 1, 2]


def test_narration_of_tables_figures_code_notes_and_definitions(tmp_path) -> None:
    said = _said(
        tmp_path,
        "| Compiler | Status |\n|--|--|\n| Clang below 18 | storage compatible |\n\n"
        '![Osaka Castle](a.jpg "Seen from the moat")\n\n![](deco.jpg)\n\n'
        "```rust\nfn a() {}\nfn b() {}\n```\n\n```\nplain\n```\n\n"
        "Term\n: Meaning.\n\nA claim[^n] and ~~not this~~ that.\n\n[^n]: The source.\n",
    )
    assert said[1:] == [
        "Compiler: Clang below 18.",
        "Status: storage compatible.",
        "Image: Osaka Castle.",
        "Seen from the moat.",
        "Code sample in Rust, 2 lines.",
        "Code sample, 1 line.",
        "Term:",
        "Meaning.",
        "A claim and that.",
        "Notes. One: The source.",
        "The end.",
    ]


def test_an_alt_text_that_is_a_file_name_is_not_read(tmp_path) -> None:
    said = _said(tmp_path, "![DSC05397-Enhanced-NR.jpg](a.jpg)\n\n![A jpg file icon](b.png)\n")
    assert said[1:3] == ["Image.", "Image: A jpg file icon."]


def test_inline_code_is_spoken_as_its_words(tmp_path) -> None:
    said = _said(tmp_path, "Run `cargo build --release`, then `std::vec::Vec`.\n")
    assert said[1] == "Run cargo build release, then std vec Vec."


def test_settings_change_what_is_said(tmp_path) -> None:
    text = (
        "| A | B |\n|--|--|\n| 1 | 2 |\n| 3 | 4 |\n\n![Castle](a.jpg)\n\n"
        "```\nx = 1\n```\n\nClaim[^n].\n\n[^n]: Note.\n"
    )
    said = _said(tmp_path, text, images="skip", code="read", footnotes="skip", table_rows=1)
    assert said[1:] == ["A table of 2 rows, in the text.", "x = 1", "Claim.", "The end."]
    said = _said(tmp_path, text, code="skip")
    assert "x = 1" not in said and not any(s.startswith("Code") for s in said)


def test_local_images_are_checked_and_converted(tmp_path) -> None:
    from PIL import Image

    Image.new("RGB", (8, 8), (0, 90, 200)).save(tmp_path / "a.gif")
    (tmp_path / "broken.png").write_bytes(b"not an image")
    (tmp_path / "post").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "outside.png")
    article = read_article(
        write(
            tmp_path,
            "post/post.md",
            "![A](../a.gif)\n\n![B](broken.png)\n\n![C](missing.png)\n\n"
            "![D](https://e.org/d.png)\n\n![E](/outside.png)\n",
        )
    )
    assert load_images(article) == ()  # nothing outside the article's folder
    article = _read(
        tmp_path,
        "![A](a.gif)\n\n![B](broken.png)\n\n![C](missing.png)\n\n![D](https://e.org/d.png)\n",
    )
    (image,) = load_images(article)
    assert (image.src, image.media_type) == ("a.gif", "image/png")
    assert image.data.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('images = "loud"', "'build.images' must be one of describe, skip"),
        ('code = "sing"', "'build.code' must be one of announce, read, skip"),
        ('footnotes = "maybe"', "'build.footnotes' must be one of read, skip"),
        ("table_rows = -1", "'build.table_rows' must be a whole number"),
    ],
)
def test_a_bad_setting_is_a_clear_error(tmp_path, setting: str, message: str) -> None:
    write(tmp_path, "earmark.toml", f"[build]\n{setting}\n")
    source = write(tmp_path, "post.md", "Text.\n")
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 2
    assert "earmark.toml:2" in result.output and message in result.output


def test_the_settings_reach_earmark_script(tmp_path) -> None:
    write(tmp_path, "earmark.toml", '[build]\ncode = "skip"\nimages = "skip"\n')
    source = write(tmp_path, "post.md", "Text.\n\n![Castle](a.jpg)\n\n```\nx\n```\n")
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 0, result.output
    assert "Castle" not in result.output and "Code sample" not in result.output


def test_an_embed_is_a_labelled_placeholder_said_in_one_line() -> None:
    from pipeline.model import Embed
    from pipeline.narration.units import block_units
    from pipeline.writers.blocks import BlockRenderer
    from pipeline.writers.xhtml import XHTML_NS, element, serialize

    embed = Embed("video", "youtube.com", "The trailer", "https://www.youtube.com/watch?v=x")
    (unit,) = block_units((embed,), ContentOptions())
    assert unit.said == "Embedded video from youtube.com: The trailer."
    parent = element("div")
    BlockRenderer(iter([[]]), (), lambda n: None).blocks(parent, (embed,))
    markup = serialize(parent, XHTML_NS)
    assert 'class="embed"' in markup and "Embedded video from youtube.com: The trailer." in markup
    assert 'href="https://www.youtube.com/watch?v=x"' in markup and "<iframe" not in markup


def test_the_epub_contents_do_not_cascade(tmp_path) -> None:
    import zipfile

    source = write(
        tmp_path, "levels.md", "#### One\n\na\n\n#### Two\n\nb\n\n## Big\n\nc\n\n#### Three\n\nd\n"
    )
    result = CliRunner().invoke(
        main, ["build", str(source), "-o", str(tmp_path / "out"), "--formats", "epub"]
    )
    assert result.exit_code == 0, result.output
    nav = zipfile.ZipFile(tmp_path / "out" / "levels" / "levels.epub").read("EPUB/nav.xhtml")
    toc = nav.decode().split('epub:type="landmarks"')[0]
    assert toc.count("<ol") == 2  # the top list, and Big's children (Three)
