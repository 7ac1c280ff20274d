"""A blog post with a table, footnotes, a local and a remote image, code and a definition list,
built end to end (real Piper): the EPUB passes EPUBCheck and Ace, the web page axe, every
utterance has its element in the XHTML, and the script says what a reader would say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import build, write
from epub_helpers import NS, Book
from test_web import axe, browser, open_page  # noqa: F401 (fixtures)

from pipeline.cli import main

POST = """\
---
title: Building with old compilers
author: A. Writer
---

Most of the work was the build[^tools]. The ~~old~~ new table:

| Compiler | Status |
|:--|:--|
| Clang below 18 | storage compatible |
| GCC 13 | fine |

![A red square on white](square.png "Our logo")
![Dotonbori at night](https://example.com/dotonbori.jpg)

## The code

```rust
fn main() {
    println!("hi");
}
```

Lifetime
: How long a value lives[^life].

[^tools]: See https://example.org/tools for the list.
[^life]: The borrow checker checks it.
"""


@pytest.fixture(scope="module")
def post(tmp_path_factory, speech_cache) -> tuple[Path, Path]:
    """The post beside its image, built with the default formats: (source, output folder)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("gfm")
    Image.new("RGB", (64, 48), (200, 20, 20)).save(folder / "square.png")
    source = write(folder, "compilers.md", POST)
    out = folder / "out"
    result = build(source, out, speech_cache)
    assert result.exit_code == 0, result.output
    return source, out / "compilers"


def _book(post) -> Book:
    return Book(post[1] / "compilers.epub")


def test_epubcheck_and_ace_report_nothing(post, epubcheck, ace) -> None:
    path = _book(post).path
    for report in (epubcheck(path), ace(path)):
        assert not report.problems(), report.describe()


def test_the_local_image_is_embedded_and_the_remote_one_linked(post) -> None:
    book = _book(post)
    opf = book.xml("content.opf")
    images = [i for i in opf.iterfind(".//opf:item", NS) if i.get("href").startswith("images/")]
    assert [i.get("media-type") for i in images] == ["image/png"]
    page = book.xml("introduction.xhtml")
    (img,) = page.iterfind(".//x:img", NS)
    assert (img.get("src"), img.get("alt")) == (images[0].get("href"), "A red square on white")
    links = [a.get("href") for a in page.iterfind(".//x:a", NS)]
    assert "https://example.com/dotonbori.jpg" in links
    assert not re.search(r'src="https?:', book.text("introduction.xhtml"))
    assert (post[1] / images[0].get("href")).is_file()  # the web edition's copy
    assert "visual" in book.meta("schema:accessMode")
    assert "alternativeText" in book.meta("schema:accessibilityFeature")


def test_tables_notes_and_code_have_their_structure(post) -> None:
    book = _book(post)
    text = book.text("introduction.xhtml")
    assert '<th scope="col"' in text and "<del>old</del>" in text
    assert 'epub:type="noteref"' in text and 'role="doc-noteref"' in text
    assert 'epub:type="footnote"' in text and 'role="doc-footnote"' in text
    assert 'href="#noteref-1"' in text and "https://example.org/tools" in text
    code = book.text("the-code.xhtml")
    assert '<code class="language-rust">' in code and "<dl>" in code


def test_every_utterance_has_its_element(post) -> None:
    book = _book(post)
    ids = {
        node.get("id")
        for name in ("introduction.xhtml", "the-code.xhtml")
        for node in book.xml(name).iter()
    }
    said = _script(post[0])
    spoken = [u["id"] for t in said["tracks"] for u in t["utterances"] if "__s" in u["id"]]
    assert spoken and set(spoken) <= ids


def _script(source: Path) -> dict:
    result = CliRunner().invoke(main, ["script", "--json", str(source)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_script_says_what_a_reader_would(post) -> None:
    said = [u["text"] for t in _script(post[0])["tracks"] for u in t["utterances"]]
    expected = [
        "Most of the work was the build.",
        "The new table:",
        "Compiler: Clang below 18.",
        "Status: storage compatible.",
        "Compiler: GCC 13.",
        "Status: fine.",
        "Image: A red square on white.",
        "Our logo.",
        "Image: Dotonbori at night.",
        "Notes. One: See https://example.org/tools for the list.",
        "The code",
        "Code sample in Rust, 3 lines.",
        "Lifetime:",
        "How long a value lives.",
        "Notes. Two: The borrow checker checks it.",
    ]
    assert [s for s in said if s in expected] == expected
    for utterance in (u for t in _script(post[0])["tracks"] for u in t["utterances"]):
        assert not re.search(r"[|^<>`\[\]]|~~|println", utterance["spoken"]), utterance


def test_axe_finds_nothing_on_the_web_page(post, open_page) -> None:  # noqa: F811
    page = open_page((post[1] / "index.html").as_uri())
    assert axe(page) == []
    assert page.locator("table th[scope=col]").count() == 2
    assert page.locator("[role=doc-footnote]").count() == 2
    assert page.locator("img[src^='images/']").evaluate("img => img.naturalWidth") == 64
    html = (post[1] / "index.html").read_text(encoding="utf-8")
    assert 'role="doc-noteref"' in html and "epub:type" not in html
