"""Properties over generated input (hypothesis), seeded with the hostile categories of issue 9:
control characters and terminal escapes, noncharacters, markup and script-looking text, front
matter, spoiler marks, other scripts, run-ons (issue 9, category 9).

- Any text (or bytes) given to any reader gives an Article or a ``SourceError``, nothing else.
- For any Article, every XML document of its EPUB parses, and none has an element or attribute
  that runs code. EPUB only (no narration), so the whole file runs in seconds.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import BuildConfig
from pipeline.errors import SourceError
from pipeline.ids import unique_ids
from pipeline.model import (
    Article,
    BlockQuote,
    Code,
    CodeBlock,
    Emphasis,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Section,
    Strong,
    Text,
)
from pipeline.publication import Publication
from pipeline.readers import READERS, read_article
from pipeline.spoilers import mark_spoilers
from pipeline.writers import WRITERS

HOSTILE = [
    "\x07", "\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[31m", "\x1b[0m", "\x1b]0;title\x07",
    "\x7f", "\x85", "\x9b", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\u200b", "\u2028",
    "\ufeff", "\t", "\n", "\n\n", "\r\n", "\r",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[click](javascript:alert(1))", "[ok](https://example.org)", "<a href='x'>", "&#7;",
    "&amp;", "&lt;", "]]>", "<!--", "<?xml?>", "<![CDATA[", '"', "'",
    "---\n", "---\ntitle: T\nlang: ar\n---\n", 'title: "\\x07"\n', "cover: /dev/null\n",
    "spoilers: [x]\n", "{#id .spoiler}", "{#nav}", "# ", "## Heading\n", "Heading:\n",
    "* item\n", "1. item\n", "```\ncode\n```\n", "> quote\n", "    indented\n",
    "Warning: this article contains spoilers.", "SPOILER", "日本語の文章です。", "مرحبا بكم.",
    "🙂", "é", "e\u0301", "word " * 60, "a" * 300,
]  # fmt: skip
_text_piece = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
)
hostile_text = st.lists(_text_piece, max_size=25).map("".join)

# What XML 1.0 cannot carry, and ways a document could run code.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # CI runs the same examples every time
    suppress_health_check=[HealthCheck.too_slow],
)


@settings(FAST, max_examples=200)
@given(
    content=st.one_of(hostile_text.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)),
    suffix=st.sampled_from(sorted(READERS)),
)
def test_any_text_gives_an_article_or_a_source_error(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(content)
        try:
            article = read_article(path)
        except SourceError as error:
            assert str(path) in str(error)
            return
        assert isinstance(article, Article) and article.sections


# --- any Article ------------------------------------------------------------------------------

plain = hostile_text.filter(str.strip)
inline = st.deferred(
    lambda: st.one_of(
        plain.map(Text),
        plain.map(Code),
        st.just(LineBreak()),
        st.lists(inline, min_size=1, max_size=3).map(tuple).map(Emphasis),
        st.lists(inline, min_size=1, max_size=3).map(tuple).map(Strong),
        st.builds(
            Link,
            st.one_of(st.sampled_from(HOSTILE), st.just("https://example.org/?a=<b>&c")),
            st.lists(plain.map(Text), min_size=1, max_size=2).map(tuple),
        ),
    )
)
paragraph = st.lists(inline, min_size=1, max_size=4).map(tuple).map(Paragraph)
block = st.deferred(
    lambda: st.one_of(
        paragraph,
        plain.map(CodeBlock),
        st.lists(st.lists(paragraph, min_size=1, max_size=2).map(tuple), min_size=1, max_size=3)
        .map(tuple)
        .map(ListBlock),
        st.lists(block, min_size=1, max_size=2).map(tuple).map(BlockQuote),
    )
)


@st.composite
def articles(draw) -> Article:
    """An Article as the readers guarantee it: unique valid ids, levels without gaps, text in
    at least one section; everything else hostile."""
    count = draw(st.integers(1, 4))
    titles = [draw(plain) for _ in range(count)]
    levels = [1]
    for _ in range(count - 1):
        levels.append(draw(st.integers(1, levels[-1] + 1 if levels[-1] < 6 else 6)))
    ids = unique_ids(titles, [None] * count)
    sections = tuple(
        Section(
            id=section_id,
            title=title,
            level=level,
            blocks=tuple(draw(st.lists(block, min_size=index == 0, max_size=3))),
            marked_spoiler=draw(st.booleans()),
        )
        for index, (section_id, title, level) in enumerate(zip(ids, titles, levels, strict=True))
    )
    metadata = Metadata(
        title=draw(plain),
        lang=draw(st.sampled_from(["en", "en-GB", "fr", "ar", "ja", "zh-Hant"])),
        author=draw(st.none() | plain),
        date=draw(st.none() | plain),
        description=draw(st.none() | plain),
    )
    return Article(Path(f"{draw(plain)[:20]}.md"), metadata, sections)


@FAST
@given(article=articles())
def test_every_xml_document_parses_and_runs_no_code(article: Article) -> None:
    publication = Publication("art", mark_spoilers(article), BuildConfig(formats=("epub",)))
    with tempfile.TemporaryDirectory() as folder:
        outputs = WRITERS["epub"].write(publication, Path(folder))
        with zipfile.ZipFile(Path(folder) / outputs["epub"]) as book:
            names = [n for n in book.namelist() if n.endswith((".xhtml", ".opf", ".ncx", ".xml"))]
            assert any(name.endswith("nav.xhtml") for name in names)
            for name in names:
                data = book.read(name)
                assert not _NOT_XML.search(data.decode("utf-8")), name
                _assert_runs_no_code(ET.fromstring(data), name)


def _assert_runs_no_code(root: ET.Element, name: str) -> None:
    for node in root.iter():
        tag = node.tag.rpartition("}")[2].lower()
        assert tag not in {"script", "iframe", "object", "embed"}, (name, tag)
        for attribute, value in node.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            assert not local.startswith("on"), (name, tag, attribute)
            if local in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                assert not _SCRIPT_URL.match(value), (name, tag, value)


# --- raw HTML and template syntax (issue 20) ---------------------------------------------------

HTML_PIECES = [
    "<script>alert(1)</script>", "<script src=//evil.example/x.js>", "<SCRIPT>x</SCRIPT>",
    "<img src=x onerror=alert(1)>", '<img src="javascript:alert(1)" alt="a">',
    "<img src=data:image/png;base64,AAAA alt=b>", '<a href="javascript:alert(2)">j</a>',
    "<a href=' JAVASCRIPT:alert(3)' onclick='x()'>k</a>", '<a href="https://example.org">ok</a>',
    '<div onmouseover="alert(4)">', "</div>", "<p>", "</p>", "<b>", "</i>", "<em>", "</em>",
    '<iframe src="https://www.youtube-nocookie.com/embed/abc" onload="x()"></iframe>',
    '<iframe src="javascript:alert(5)"></iframe>', "<video src=v.mp4 autoplay>", "</video>",
    "<object data=x.swf></object>", "<embed src=x.swf>", "<!--more-->", "<!-- excerpt -->",
    "<!-- unclosed comment", "word <!-- unclosed", "<style>p{}</style>", "<noscript>n</noscript>",
    "<form action=x><input value=v></form>", "<svg onload=alert(6)><script>x</script></svg>",
    "<math><mi>x</mi></math>", "<details>", "<summary>Spoilers ahead</summary>", "</details>",
    "<table><tr><td>c", "</table>", "<ul><li>i", "<h2>H</h2>", "<pre>p</pre>", "<br>",
    "<template><script>x</script></template>", "<textarea><script>x</script></textarea>",
    "<span style=x>s</span>", "&amp;", "&eacute;", "&#x3c;b&#x3e;", "{{ page.title }}",
    '{{ "/a" | relative_url }}', "{% include x.html %}", "{% if a %}", "{% endif %}",
    "{% comment %}c{% endcomment %}", "{{< youtube abc >}}", "{{< figure src=a.jpg >}}",
    "{{< unknown >}}", "{{% notice %}}", "{{% /notice %}}", "{{< details >}}",
    "{{< /details >}}", "word", "Two words.", " ", "\n", "\n\n", "# Title\n", "- item\n",
    "> quote\n", "----\n", "*em*", "**strong**",
]  # fmt: skip
html_article = st.lists(st.sampled_from(HTML_PIECES), min_size=1, max_size=30).map("".join)
_FORBIDDEN = re.compile(r"<script|javascript:|<!--|\{\{|\{%|\bon\w+\s*=|<iframe|<img", re.I)


@settings(FAST, max_examples=300)
@given(source=html_article)
def test_raw_html_and_templates_never_reach_the_model_as_text(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.md"
        path.write_text(source, encoding="utf-8")
        try:
            article = read_article(path)
        except SourceError:
            return  # e.g. nothing but markup: no article text
        for text in _strings(article):
            assert not _FORBIDDEN.search(text), (source, text)


def _strings(value: object) -> list[str]:
    """Every string of a model value but the source path and the warnings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in _strings(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            text
            for f in dataclasses.fields(value)
            if f.name not in ("source", "warnings")
            for text in _strings(getattr(value, f.name))
        ]
    return []


@FAST
@given(source=html_article)
def test_raw_html_articles_make_epubs_that_run_no_code(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.md"
        path.write_text(source, encoding="utf-8")
        try:
            article = read_article(path)
        except SourceError:
            return
        publication = Publication("art", mark_spoilers(article), BuildConfig(formats=("epub",)))
        outputs = WRITERS["epub"].write(publication, Path(folder))
        with zipfile.ZipFile(Path(folder) / outputs["epub"]) as book:
            for name in book.namelist():
                if name.endswith((".xhtml", ".opf", ".ncx")):
                    root = ET.fromstring(book.read(name))
                    _assert_runs_no_code(root, name)
                    text = "".join(root.itertext())
                    assert not _FORBIDDEN.search(text), (source, name)
