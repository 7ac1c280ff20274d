"""The EPUB 3 writer: golden files, spoiler notices, escaping, languages, metadata, and the
verdict of EPUBCheck and Ace on every EPUB the suite builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, GOLDEN, REPO, listing
from epub_helpers import EPUB_TYPE, NS, XML_LANG, Book, stable, text_of

from pipeline.cli import main

# name -> (source, extra CLI arguments)
BOOKS = {
    "ballerina-md": (REPO / "source" / "ballerina.md", []),
    "ballerina-txt": (FIXTURES / "ballerina.txt", []),
    "ballerina-spoiler-free": (REPO / "source" / "ballerina.md", ["--spoilers", "omit"]),
    "no-spoilers": (FIXTURES / "no-spoilers.md", []),
    "explicit-marks": (FIXTURES / "explicit-marks.md", []),
    "spoiler-headings": (FIXTURES / "spoiler-headings.md", []),
    "markup": (FIXTURES / "markup.md", []),
    "warning-mid-section": (FIXTURES / "warning-mid-section.txt", []),
    "raw-html": (FIXTURES / "raw-html.md", []),
    "jekyll-post": (FIXTURES / "jekyll-post.md", []),
    "hugo-post": (FIXTURES / "hugo-post.md", []),
}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build every book once for the whole session; name -> output folder."""
    root = tmp_path_factory.mktemp("books")
    folders = {}
    for name, (source, args) in BOOKS.items():
        out = root / name
        command = ["build", str(source), "-o", str(out), "--formats", "epub", *args]
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0, result.output
        (only,) = listing(out)
        folders[name] = out / only
    return folders


def book(built: dict[str, Path], name: str) -> Book:
    (path,) = built[name].glob("*.epub")
    return Book(path)


# --- what the validators say -----------------------------------------------------------------


@pytest.mark.parametrize("name", BOOKS)
def test_epubcheck_reports_nothing(built, epubcheck, name: str) -> None:
    report = epubcheck(book(built, name).path)
    assert not report.problems(), report.describe()


@pytest.mark.parametrize("name", BOOKS)
def test_ace_reports_no_violations(built, ace, name: str) -> None:
    report = ace(book(built, name).path)
    assert not report.problems(), report.describe()


# --- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["content.opf", "nav.xhtml", "plot-summary.xhtml"])
def test_golden_files(built, update_golden: bool, member: str) -> None:
    actual = stable(book(built, "ballerina-md").text(member))
    golden = GOLDEN / "ballerina" / member
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{member} differs from {golden}; if the change is intended, run "
        "pytest --update-golden and review the diff"
    )


# --- structure and spoilers ------------------------------------------------------------------


def test_one_document_per_section_with_text_in_reading_order(built) -> None:
    assert book(built, "ballerina-md").spine() == [
        "nav.xhtml",
        "introduction.xhtml",
        "plot-summary.xhtml",
        "how-does-min-hee-die.xhtml",
        "does-pro-choi-die.xhtml",
        "is-ok-ju-alive.xhtml",
        "about-this-edition.xhtml",
    ]


def test_group_heading_opens_its_first_childs_chapter(built) -> None:
    page = book(built, "ballerina-md").xml("how-does-min-hee-die.xhtml")
    headings = [(h.tag.split("}")[1], text_of(h)) for h in page.iter() if h.tag[-2:-1] == "h"]
    assert headings == [
        ("h1", "Ballerina ending explained in detail"),
        ("h2", "How does Min-Hee die?"),
    ]


def test_nav_nests_and_labels_spoilers(built) -> None:
    nav = book(built, "ballerina-md").xml("nav.xhtml")
    toc = next(n for n in nav.iterfind(".//x:nav", NS) if n.get(EPUB_TYPE) == "toc")
    top = toc.find("x:ol", NS)
    labels = [text_of(li.find("x:a", NS)) for li in top.findall("x:li", NS)]
    assert labels == [
        "Introduction",
        "Spoiler: Plot summary",
        "Spoiler: Ballerina ending explained in detail",
        "About this edition",
    ]
    nested = top.findall("x:li", NS)[2].find("x:ol", NS)
    assert [text_of(a) for a in nested.iterfind(".//x:a", NS)] == [
        "Spoiler: How does Min-Hee die?",
        "Spoiler: Does Pro Choi die?",
        "Spoiler: Is Ok-Ju alive?",
    ]
    landmarks = next(n for n in nav.iterfind(".//x:nav", NS) if n.get(EPUB_TYPE) == "landmarks")
    assert {a.get(EPUB_TYPE) for a in landmarks.iterfind(".//x:a", NS)} >= {"toc", "bodymatter"}


def _notice(page) -> tuple:
    body = page.find("x:body", NS)
    first = body[0]
    return first, first[0]


@pytest.mark.parametrize(
    ("name", "chapter", "target"),
    [
        ("ballerina-md", "plot-summary.xhtml", "about-this-edition.xhtml"),
        ("ballerina-md", "is-ok-ju-alive.xhtml", "about-this-edition.xhtml"),
        (
            "spoiler-headings",
            "spoilers-the-quiet-shore-s-last-scene.xhtml",
            "a-spoiler-free-note-on-night-train.xhtml",
        ),
        (
            "spoiler-headings",
            "night-train-spoilers.xhtml",
            "a-spoiler-free-note-on-night-train.xhtml",
        ),
        ("explicit-marks", "how-the-vault-opens.xhtml", "verdict.xhtml"),
    ],
)
def test_spoiler_chapter_opens_with_notice_and_skip_link(built, name, chapter, target) -> None:
    notice, link = _notice(book(built, name).xml(chapter))
    assert notice.get("role") == "doc-notice"
    assert link.tag == f"{{{NS['x']}}}a" and text_of(link) == "Skip this spoiler"
    assert link.get("href") == target
    assert "Spoiler warning." in text_of(notice)


def test_spoiler_free_chapters_have_no_notice(built) -> None:
    for name in ("introduction.xhtml", "about-this-edition.xhtml"):
        page = book(built, "ballerina-md").xml(name)
        assert not [n for n in page.iter() if n.get("role") == "doc-notice"]


def test_spoiler_free_edition_leaves_spoilers_out(built) -> None:
    edition = book(built, "ballerina-spoiler-free")
    assert edition.spine() == ["nav.xhtml", "introduction.xhtml", "about-this-edition.xhtml"]
    about = text_of(edition.xml("about-this-edition.xhtml"))
    assert "spoiler-free edition: 5 sections that reveal the plot were left out" in about
    assert "Plot summary" in about
    assert "Spoiler" not in text_of(edition.xml("nav.xhtml"))


# --- text, languages, metadata ---------------------------------------------------------------


def test_markup_in_the_article_runs_no_code(built) -> None:
    edition = book(built, "markup")
    for name in edition.spine():
        page = edition.xml(name)
        tags = {node.tag.split("}")[1] for node in page.iter()}
        assert not tags & {"script", "b", "div", "iframe"}, name
        assert not [n for n in page.iter() if any(a.startswith("on") for a in n.attrib)]
        assert "alert(1)" not in text_of(page) and "<img" not in text_of(page), name
    first = text_of(edition.xml("friends.xhtml"))
    assert "Tags such as and" in first
    assert "A lone & and a lone < and a" in first
    heading_page = edition.xml("bold-heading-more.xhtml")
    assert "Bold heading & more" in [text_of(h) for h in heading_page.iter(f"{{{NS['x']}}}h2")]
    assert edition.meta("dcterms:modified")
    title = edition.xml("content.opf").find(".//dc:title", NS).text
    assert title == "<script>alert('title')</script> & friends"


@pytest.mark.parametrize("name", ["raw-html", "jekyll-post", "hugo-post"])
def test_no_markup_or_template_syntax_in_any_page(built, name: str) -> None:
    """Issue 20, items 3 and 4: raw HTML, comments, Liquid and shortcodes are never text."""
    edition = book(built, name)
    for page_name in edition.spine():
        page = edition.xml(page_name)
        for code in [n for n in page.iter() if n.tag.endswith("}pre")]:
            code.clear()  # code shows template syntax as written (a fence in the Hugo post)
        text = text_of(page)
        for bad in ("<iframe", "<img", "<div", "<!--", "-->", "{{<", "{%", "relative_url"):
            assert bad not in text, (page_name, bad)
        assert "javascript:" not in text and "width=" not in text, page_name


def test_every_document_declares_the_article_language(built) -> None:
    edition = book(built, "no-spoilers")
    assert edition.xml("content.opf").get(XML_LANG) == "en-GB"
    for name in edition.spine():
        html = edition.xml(name)
        assert html.get("lang") == html.get(XML_LANG) == "en-GB", name


def test_accessibility_metadata(built) -> None:
    edition = book(built, "ballerina-md")
    assert edition.meta("schema:accessMode") == ["textual"]
    assert edition.meta("schema:accessModeSufficient") == ["textual"]
    assert set(edition.meta("schema:accessibilityFeature")) == {
        "tableOfContents",
        "readingOrder",
        "structuralNavigation",
    }
    assert edition.meta("schema:accessibilityHazard") == ["none"]
    assert edition.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    (summary,) = edition.meta("schema:accessibilitySummary")
    assert "Spoiler:" in summary and "Skip this spoiler" in summary


def test_identifier_is_stable_across_builds(built, tmp_path) -> None:
    source, _ = BOOKS["ballerina-md"]
    CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path), "--formats", "epub"])
    again = Book(tmp_path / "ballerina" / "ballerina.epub")
    assert again.meta("dcterms:modified")
    ident = "{http://purl.org/dc/elements/1.1/}identifier"
    first = book(built, "ballerina-md").xml("content.opf").find(f".//{ident}").text
    assert again.xml("content.opf").find(f".//{ident}").text == first


def test_manifest_follows_the_output_contract(built) -> None:
    manifest = json.loads((built["ballerina-md"] / "manifest.json").read_text())
    assert manifest["schema"] == 1
    assert manifest["source"] == "ballerina.md"
    assert manifest["lang"] == "en"
    assert manifest["outputs"] == {"epub": "ballerina.epub"}
    assert manifest["sections"][1] == {
        "id": "plot-summary",
        "title": "Plot summary",
        "level": 1,
        "spoiler": True,
        "epub_href": "plot-summary.xhtml",
    }
    edition = book(built, "ballerina-md")
    for section in manifest["sections"]:
        document = section["epub_href"].split("#")[0]
        assert f"EPUB/{document}" in edition.names()
