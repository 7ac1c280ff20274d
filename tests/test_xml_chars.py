"""Characters XML forbids never reach an output: not the XHTML, nav, OPF, NCX or SMIL of the
EPUB, nor the spoken text (issue 9, category 1)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from pipeline.cli import main
from pipeline.config import BuildConfig
from pipeline.narration.script import build_script
from pipeline.publication import Publication
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers
from pipeline.xml_chars import xml_safe

# Everything XML 1.0 forbids, plus DEL, C1 controls and noncharacters (never meant as text).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0010fffe]"
)
HOSTILE = (
    "---\n"
    'title: "Bells\\a and \\x1b[1mwhistles\\x1b[0m"\n'
    'author: "Ana\\x7f Lee"\n'
    "pronunciations:\n"
    '  Ok-Ju: "Oak\\x07 Joo"\n'
    "---\n\n"
    "# Ring\x07ing\n\n"
    "A bell\x07 rang. \x1b[31mRed text\x1b[0m from a terminal.\x1b]0;window title\x07 Ok-Ju\n"
    "waved.\x0cA page break.\tA tab.\n\n"
    "# Odd\ufffe \uffff ones\n\n"
    "Non\ufdd0characters\U0010fffe and C1\x85 controls\x9b32m go too. Escape\x1bc reset.\n"
)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("a\x07b", "ab"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]0;title\x07after", "after"),
        ("\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("page\x0cbreak\x0bline\nnext", "page\nbreak\nline\nnext"),
        ("tab\tand\nnewline\r", "tab\tand\nnewline\r"),
        ("x\ufffey\uffffz\ufdd0\U0001fffe\U0010ffff", "xyz"),
        ("del\x7f c1\x81\x8d\x8f\x90\x9d nul\x00", "del c1 nul"),
        # C1 in otherwise Unicode text is Windows-1252 decoded as Latin-1 (issue 20, item 10).
        ("that\x92s \x93it\x94 \x96 a \x97 b\x85 \x80\x9f", "that’s “it” – a — b… €Ÿ"),
        ("lone \udcff surrogate", "lone  surrogate"),
        ("Ünïcödé — “quotes” 日本語 🙂", "Ünïcödé — “quotes” 日本語 🙂"),
    ],
)
def test_xml_safe(text: str, clean: str) -> None:
    assert xml_safe(text) == clean


def test_reader_removes_them_everywhere(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "bells.md", HOSTILE))
    meta = article.metadata
    assert meta.title == "Bells and whistles"
    assert meta.author == "Ana Lee"
    assert meta.pronunciations == (("Ok-Ju", "Oak Joo"),)
    titles = [section.title for section in article.sections]
    assert titles == ["Ringing", "Odd  ones"]
    publication = Publication("bells", mark_spoilers(article), BuildConfig())
    spoken = [u.spoken for track in build_script(publication, "Joe") for u in track.utterances]
    assert any("Red text from a terminal." in text for text in spoken), spoken
    assert any("Oak Joo" in text for text in spoken), spoken
    assert not [text for text in spoken if FORBIDDEN.search(text)]


def test_plain_text_reader_too(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "bell.txt", "Title\x07 here\n\nA bell\x07 rang.\n"))
    assert article.metadata.title == "Title here"
    (section,) = article.sections
    assert "\x07" not in repr(section.blocks)


def test_narrated_epub_passes_epubcheck(tmp_path: Path, speech_cache: Path, epubcheck) -> None:
    """Every XML document (XHTML, nav, OPF, NCX, SMIL) is clean, and EPUBCheck reports 0/0."""
    source = write(tmp_path, "bells.md", HOSTILE)
    out = tmp_path / "out"
    command = ["build", str(source), "-o", str(out), "--formats", "epub,mp3"]
    result = CliRunner().invoke(main, [*command, "--cache-dir", str(speech_cache)])
    assert result.exit_code == 0, result.output
    (epub,) = (out / "bells").glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        documents = [n for n in book.namelist() if n.endswith((".xhtml", ".opf", ".ncx", ".smil"))]
        assert any(n.endswith(".smil") for n in documents)
        for name in documents:
            text = book.read(name).decode("utf-8")
            assert not FORBIDDEN.search(text), name
        assert "Bells and whistles" in book.read("EPUB/content.opf").decode()
    report = epubcheck(epub)
    assert not report.problems(), report.describe()


def test_file_name_with_control_characters(tmp_path: Path, epubcheck) -> None:
    """A name the readers do not clean (the source file's) is cleaned where XML is written."""
    source = write(tmp_path, "bell\x07.md", "# Bell\n\nA bell rang.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 0, result.output
    (epub,) = out.glob("*/*.epub")
    report = epubcheck(epub)
    assert not report.problems(), report.describe()


def test_windows_1252_punctuation_survives_into_the_narration(tmp_path: Path) -> None:
    # Issue 20, item 10: U+0092 pasted as an apostrophe was removed ("that's" -> "thats").
    text = "---\ntitle: \x93Quoted\x94\n---\n\nThat\x92s all \x96 really\x85 she said.\n"
    article = read_article(write(tmp_path, "pasted.md", text))
    assert article.metadata.title == "\u201cQuoted\u201d"
    (section,) = article.sections
    assert "That\u2019s all \u2013 really\u2026 she said." in repr(section.blocks)
    publication = Publication("pasted", mark_spoilers(article), BuildConfig())
    spoken = " ".join(u.spoken for t in build_script(publication, "Joe") for u in t.utterances)
    assert "That\u2019s all" in spoken or "That's all" in spoken, spoken


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("She\u00e2\u0080\u0099s here.", "She’s here."),  # UTF-8 read as Latin-1
        ("Sheâ€™s here â€” now.", "She’s here — now."),  # UTF-8 read as Windows-1252
        ("Ã©tÃ© Ã  Paris.", "été à Paris."),
        ("Café crème — “quoted”, 5€, Ðóññêèé.", "Café crème — “quoted”, 5€, Ðóññêèé."),
    ],
)
def test_text_decoded_twice_is_repaired_and_good_text_is_kept(
    tmp_path: Path, written: str, read: str
) -> None:
    article = read_article(write(tmp_path, "a.md", f"---\ntitle: T\n---\n\n{written}\n"))
    assert [p.inlines[0].text for p in article.sections[0].blocks] == [read]
    body = "<p>A page long enough to be an article, with a few plain sentences in it.</p>" * 3
    page = f"<html><body><article><h1>T</h1><p>{written}</p>{body}</article></body></html>"
    blocks = read_article(write(tmp_path, "a.html", page)).sections[0].blocks
    assert blocks[0].inlines[0].text == read
