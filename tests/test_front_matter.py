"""Front matter as site generators write it (issue 20, item 1): YAML, TOML and JSON; the keys
Jekyll, Hugo and Astro use; dates as W3CDTF; drafts; theme images; bad values as file:line."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import write
from epub_helpers import NS, Book
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.config import BuildConfig
from pipeline.errors import SourceError
from pipeline.publication import Publication
from pipeline.readers import read_article
from pipeline.readers.dates import utc_timestamp, w3cdtf
from pipeline.readers.front_matter_keys import KEYS
from pipeline.spoilers import mark_spoilers
from pipeline.writers.timeline import Timeline
from pipeline.writers.web.page import PageMedia, article_page

YAML_POST = """---
title: A YAML post
date: 2019-04-25 9:00:00
updated: 2024-06-04T23:21:05+10:00
authors:
  - name: Ada Lovelace
  - Alan Turing
tags: [film, review]
categories: Reviews
summary: A short summary.
---

A fine film, told well.
"""
TOML_POST = """+++
title = "A TOML post"
date = 2024-06-04T23:21:05+10:00
lastmod = 2024-06-05
author = "Grace Hopper"
tags = ["travel", "Osaka"]
keywords = ["osaka"]
draft = false
+++

We walked to the castle.
"""
JSON_POST = """{
  "title": "A JSON post",
  "date": "2024-06-04",
  "modified": "June 5, 2024",
  "author": {"name": "Edsger Dijkstra"},
  "categories": ["notes"],
  "description": "Notes."
}

Short notes on structure.
"""


def opf(book: Book, tag: str) -> list[str]:
    return [e.text or "" for e in book.xml("content.opf").iterfind(f".//dc:{tag}", NS)]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Book]:
    """The three forms built as EPUBs in one batch."""
    source = tmp_path_factory.mktemp("forms")
    for name, text in (("yaml", YAML_POST), ("toml", TOML_POST), ("json", JSON_POST)):
        write(source, f"{name}.md", text)
    out = source / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 0, result.output
    return {name: Book(out / name / f"{name}.epub") for name in ("yaml", "toml", "json")}


@pytest.mark.parametrize("name", ["yaml", "toml", "json"])
def test_every_form_gives_a_valid_epub(books, epubcheck, name: str) -> None:
    report = epubcheck(books[name].path)
    assert not report.problems(), report.describe()
    assert opf(books[name], "title") == [f"A {name.upper()} post"]


def test_ace_finds_no_violations(books, ace) -> None:
    report = ace(books["yaml"].path)
    assert not report.problems(), report.describe()


def test_metadata_in_the_opf(books) -> None:
    yaml_book, toml_book, json_book = books["yaml"], books["toml"], books["json"]
    assert opf(yaml_book, "creator") == ["Ada Lovelace", "Alan Turing"]
    assert opf(yaml_book, "date") == ["2019-04-25T09:00:00Z"]
    assert opf(yaml_book, "subject") == ["film", "review", "Reviews"]
    assert opf(yaml_book, "description") == ["A short summary."]
    assert opf(toml_book, "creator") == ["Grace Hopper"]
    assert opf(toml_book, "date") == ["2024-06-04T23:21:05+10:00"]
    assert opf(toml_book, "subject") == ["travel", "Osaka"]  # "osaka" again: once
    assert opf(json_book, "creator") == ["Edsger Dijkstra"]
    assert opf(json_book, "date") == ["2024-06-04"]
    assert opf(json_book, "subject") == ["notes"]
    # The source's own last update refines dc:source; the package keeps its own modified.
    modified = [
        (m.get("refines"), m.text)
        for m in yaml_book.xml("content.opf").iterfind(".//opf:meta", NS)
        if m.get("property") == "dcterms:modified"
    ]
    assert modified[1:] == [("#src", "2024-06-04T13:21:05Z")] and modified[0][0] is None
    assert opf(yaml_book, "source") == ["yaml.md"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-04", "2024-06-04"),
        ("2019-04-25 9:00:00", "2019-04-25T09:00:00Z"),
        ("2024-06-04T23:21:05+10:00", "2024-06-04T23:21:05+10:00"),
        ("2019-04-25 09:00:00 +0200", "2019-04-25T09:00:00+02:00"),
        ("2024-06-04T23:21:05.123Z", "2024-06-04T23:21:05Z"),
        ("2024-6-4", "2024-06-04"),
        ("2024", "2024"),
        ("2024-06", "2024-06"),
        ("June 4, 2024", "2024-06-04"),
        ("4 June 2024", "2024-06-04"),
        ("2024/06/04", "2024-06-04"),
        ("Tue, 04 Jun 2024 23:21:05 GMT", "2024-06-04T23:21:05Z"),
    ],
)
def test_dates_become_w3cdtf(value: str, expected: str) -> None:
    assert w3cdtf(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2024-02-30", "2024-13-01", "25:00", ""])
def test_what_is_not_a_date(value: str) -> None:
    with pytest.raises(ValueError):
        w3cdtf(value)


def test_utc_timestamp() -> None:
    assert utc_timestamp("2024-06-04") == "2024-06-04T00:00:00Z"
    assert utc_timestamp("2024-06-04T01:00:00+02:00") == "2024-06-03T23:00:00Z"


def test_native_yaml_and_toml_dates(tmp_path: Path) -> None:
    yaml_article = read_article(write(tmp_path, "a.md", "---\ndate: 2024-06-04\n---\n\nText.\n"))
    assert yaml_article.metadata.date == "2024-06-04"
    toml = "+++\ndate = 2024-06-04T10:00:00\nlastmod = 2024-06-05\n+++\n\nText.\n"
    meta = read_article(write(tmp_path, "b.md", toml)).metadata
    assert (meta.date, meta.modified) == ("2024-06-04T10:00:00Z", "2024-06-05")


def test_keys_real_generators_use(tmp_path: Path) -> None:
    text = (
        "---\nTitle:\n  en: English title\n  fr: Titre français\nlanguage: fr\n"
        "author: [Ada, Bob, Cy]\npubDate: 2024-06-04\nexcerpt: Short.\nkeywords: a, b\n"
        "layout: post\npermalink: /x/\n---\n\nCorps du texte.\n"
    )
    meta = read_article(write(tmp_path, "post.md", text)).metadata
    assert meta.title == "Titre français"
    assert meta.lang == "fr"
    assert meta.authors == ("Ada", "Bob", "Cy")
    assert meta.author == "Ada, Bob and Cy"
    assert meta.date == "2024-06-04"
    assert meta.description == "Short."
    assert meta.subjects == ("a", "b")
    assert not meta.draft


def test_language_keys(tmp_path: Path) -> None:
    meta = read_article(write(tmp_path, "a.md", "---\nLanguage: en_US\n---\n\nText.\n")).metadata
    assert (meta.lang, meta.lang_line) == ("en-US", 2)
    source = write(tmp_path, "b.md", "---\nLanguage: English\n---\n\nText.\n")
    result = CliRunner().invoke(main, ["outline", str(source)])
    assert result.exit_code == 2
    assert f"{source}:2: front matter 'Language: English' is not a language tag" in result.output


def test_earmark_keys_still_work(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\nlang: en-GB\npronunciations:\n  Ok-Ju: Oak Joo\nspoilers: []\n---\n\n"
        "Ok-Ju waved.\n"
    )
    meta = read_article(write(tmp_path, "a.md", text)).metadata
    assert (meta.lang, meta.pronunciations, meta.spoilers) == ("en-GB", (("Ok-Ju", "Oak Joo"),), ())


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: T\ndate: someday\n---\n\nText.\n", 3, "front matter 'date' is not a date"),
        ("---\ntitle: T\ndraft: maybe\n---\n\nText.\n", 3, "'draft' must be true or false"),
        ("---\nauthors: [[a, b]]\n---\n\nText.\n", 2, "'authors' must be a name or a list"),
        ("---\ntags: {a: 1}\n---\n\nText.\n", 2, "'tags' must be a list of words"),
        ("---\ntitle: [a, b]\n---\n\nText.\n", 2, "'title' must be text"),
        ("+++\ntitle = T\n+++\n\nText.\n", 2, "front matter is not valid TOML"),
        ('+++\ntitle = "T"\nlastmod = "later"\n+++\n\nText.\n', 3, "'lastmod' is not a date"),
        ('{\n  "title": "T",\n  "date": 5,\n}\n\nText.\n', 4, "front matter is not valid JSON"),
        ('{\n  "title": "T",\n  "date": "5 o\'clock"\n}\n\nText.\n', 3, "'date' is not a date"),
        ('{\n  "title": "T"\n\nText.\n', 1, "never closed"),
        ("+++\ntitle = 'T'\n\nText.\n", 1, "never closed"),
    ],
)
def test_bad_values_are_file_line_exit_2(tmp_path: Path, text: str, line: int, message: str):
    source = write(tmp_path, "bad.md", text)
    result = CliRunner().invoke(main, ["outline", str(source)])
    assert result.exit_code == 2, result.output
    assert f"{source}:{line}: " in result.output and message in result.output, result.output
    assert "Traceback" not in result.output


def test_one_line_json_front_matter(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", '{"title": "On one line"}\n\nText.\n'))
    assert article.metadata.title == "On one line"
    assert len(article.sections) == 1


def test_text_starting_with_a_brace_is_not_front_matter(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "liquid.md", "{% raw %}\n\nA paragraph.\n"))
    assert article.metadata.title == "Liquid"


def test_drafts_are_skipped_unless_asked(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    write(source, "ready.md", "---\ntitle: Ready\n---\n\nDone.\n")
    write(source, "wip.md", "---\ntitle: Not yet\ndraft: true\n---\n\nWork in progress.\n")
    write(source, "hidden.md", "---\ntitle: Hidden\npublished: false\n---\n\nNot for now.\n")
    out = tmp_path / "out"
    command = ["build", str(source), "-o", str(out), "--formats", "epub"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert "draft; pass --drafts to build it" in result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["ready"]
    assert "2 skipped" in result.output and "1 built" in result.output
    outline = CliRunner().invoke(main, ["outline", str(source / "wip.md")])
    assert outline.output.startswith("Not yet  [en]  (draft: build it with --drafts)")
    result = CliRunner().invoke(main, [*command, "--drafts"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["hidden", "ready", "wip"]


def test_theme_image_missing_gives_title_card_but_cover_missing_is_an_error(tmp_path):
    theme = write(tmp_path, "theme.md", "---\ntitle: T\nimage: /assets/img/x.jpg\n---\n\nText.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(theme), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 0, result.output
    assert f"warning: {theme}:3: the theme image '/assets/img/x.jpg' was not found" in (
        result.output
    )
    assert "EPUB/cover.jpg" in Book(out / "theme" / "theme.epub").names()
    own = write(tmp_path, "own.md", "---\ntitle: T\ncover: missing.jpg\n---\n\nText.\n")
    result = CliRunner().invoke(main, ["build", str(own), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 2, result.output
    assert f"{own}:3: the cover image 'missing.jpg' was not found" in result.output


def test_papermod_cover_mapping_is_a_theme_image(tmp_path: Path) -> None:
    text = "---\ntitle: T\ncover:\n  image: gone.png\n  alt: A view\n---\n\nText.\n"
    meta = read_article(write(tmp_path, "a.md", text)).metadata
    assert (meta.cover, meta.cover_optional, meta.cover_line) == ("gone.png", True, 3)


def test_a_language_mapping_of_titles_without_the_article_language(tmp_path: Path) -> None:
    text = "---\ntitle: {de: Titel, fr: Titre}\n---\n\nText.\n"
    assert read_article(write(tmp_path, "a.md", text)).metadata.title == "Titel"


def test_source_error_is_raised_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        read_article(write(tmp_path, "a.md", "---\nupdated: [1, 2]\n---\n\nText.\n"))


# --- any value under any known key: metadata or file:line, never a traceback -------------------

_KNOWN = sorted({key for keys in KEYS.values() for key in keys} | {"cover", "published"})
_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
    st.dates().map(str), st.sampled_from(["2024-06-04", "2019-04-25 9:00:00", "June 4, 2024"]),
)  # fmt: skip
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "en", "x"]), inner)
    ),
    max_leaves=6,
)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(
    st.dictionaries(st.sampled_from(_KNOWN), _value, max_size=6),
    st.sampled_from(["yaml", "toml", "json"]),
)
def test_any_value_under_a_known_key_is_metadata_or_a_source_error(values, form) -> None:
    if form == "yaml":
        block = f"---\n{yaml.safe_dump(values, allow_unicode=True)}---\n"
    elif form == "json":
        block = json.dumps(values, indent=1) + "\n"
        if not block.startswith("{\n"):
            block = '{\n"x": 1}\n'
    else:
        values = {k: v for k, v in values.items() if v is not None}
        block = f"+++\n{tomli_w_like(values)}+++\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_text(f"{block}\nSome text.\n", encoding="utf-8")
        try:
            meta = read_article(path).metadata
        except SourceError as error:
            assert f"{path}:" in str(error)
        else:
            assert meta.title and all(isinstance(a, str) for a in meta.authors)
            assert meta.date is None or w3cdtf(meta.date) == meta.date


def tomli_w_like(values: dict) -> str:
    """Top-level keys as TOML (values written as JSON, which TOML reads for these types)."""
    lines = []
    for key, value in values.items():
        if _toml_ok(value):
            lines.append(f"{key} = {json.dumps(value)}")
    return "".join(f"{line}\n" for line in lines)


def _toml_ok(value) -> bool:
    if value is None or isinstance(value, dict):
        return False
    if isinstance(value, float) and value != value:
        return False
    if isinstance(value, list):
        return all(_toml_ok(v) for v in value)
    return True


def test_web_page_head_names_authors_and_keywords(tmp_path: Path) -> None:
    article = mark_spoilers(read_article(write(tmp_path, "toml.md", TOML_POST)))
    media = PageMedia("a.mp3", "a.vtt", Timeline((), (), 0.0, False), ())
    page = article_page(Publication("toml", article, BuildConfig()), media).decode()
    head = page[: page.index("</head>")]
    assert '<meta name="author" content="Grace Hopper">' in head
    assert '<meta name="keywords" content="travel, Osaka">' in head


@pytest.mark.parametrize("text", [TOML_POST, JSON_POST], ids=["toml", "json"])
def test_front_matter_is_never_spoken(tmp_path: Path, text: str) -> None:
    # Before: TOML front matter was body text, narrated for 35 s, and the title was the file's.
    source = write(tmp_path, "post.md", text)
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    said = [line.split("says", 1)[1].strip() for line in lines if " says " in line]
    assert said and said[0].startswith("A "), result.output  # the front matter's title
    for leak in ("+++", "title", "lastmod", "{", '"date"', "tags", "draft"):
        assert leak not in result.output, result.output


def test_a_title_written_in_markdown_is_its_text(tmp_path: Path) -> None:
    """Themes render the title as Markdown; the book's title is what that shows."""
    path = write(tmp_path, "arrival.md", "---\ntitle: '_Arrival_, **again** `v2`'\n---\n\nHi.\n")
    assert read_article(path).metadata.title == "Arrival, again v2"


def test_a_jekyll_post_takes_its_date_from_its_file_name(tmp_path: Path) -> None:
    named = write(tmp_path, "2024-06-04-arrival.md", "---\ntitle: A\n---\n\nHi.\n")
    assert read_article(named).metadata.date == "2024-06-04"
    dated = write(tmp_path, "2024-06-04-b.md", "---\ntitle: B\ndate: 2023-01-02\n---\n\nHi.\n")
    assert read_article(dated).metadata.date == "2023-01-02"
    assert read_article(write(tmp_path, "2024-13-45-c.md", "Hi.\n")).metadata.date is None
