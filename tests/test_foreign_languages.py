"""Text in another script keeps its language in the EPUB and on the web page: a run of Chinese,
Japanese, Arabic or Cyrillic letters in an English article is a ``<span lang xml:lang>``
(``dir="rtl"`` for Arabic and Hebrew) inside its sentence's ``<span id>``, so the reading
system's own voice can read it; the overlays still find every sentence, EPUBCheck, Ace and
axe find nothing (real Piper)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import build, write
from epub_helpers import NS, XML_LANG, Book
from hypothesis import given, settings
from hypothesis import strategies as st
from test_web import axe, browser, open_page  # noqa: F401 (fixtures)

from pipeline.speech.scripts import foreign_runs as named_runs
from pipeline.writers.languages import mark_languages
from pipeline.writers.xhtml import XHTML_NS, child, element, serialize
from pipeline.writing_systems import SCRIPTS, foreign_runs, run_language

ARTICLE = """\
---
title: Signs on the road
author: Joe
---

## Tokyo 東京タワー at night

We read the sign 東京タワーへようこそ, then 你好世界 *in* 北京.

The poster said «Москва — столица». Kyiv is Київ.

In Cairo the sign said مرحبا بالعالم here, and שלום in Haifa.

| City | Name |
| --- | --- |
| Seoul | 서울역 |

The ratio π is constant, and `print("你好")` is code.
"""


def _languages(text: str, lang: str = "en") -> list[tuple[str, str, bool]]:
    return [(text[r.start : r.end], *run_language(r, text)) for r in foreign_runs(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said 你好世界 twice.", [("你好世界", "zh", False)]),
        ("We ate at 東京タワー.", [("東京タワー", "ja", False)]),
        ("Only ひらがな here.", [("ひらがな", "ja", False)]),
        ("The sign read 서울역.", [("서울역", "ko", False)]),
        ("It says مرحبا بالعالم here.", [("مرحبا بالعالم", "ar", True)]),
        ("Persian پدر and Urdu ٹوپی.", [("پدر", "fa", True), ("ٹوپی", "ur", True)]),
        ("A word: שלום.", [("שלום", "he", True)]),
        ("Greek Ελληνικά.", [("Ελληνικά", "el", False)]),
        ("Moscow is Москва, Kyiv Київ.", [("Москва", "ru", False), ("Київ", "uk", False)]),
        ("Serbian ђак, Kazakh Қазақстан.", [("ђак", "sr", False), ("Қазақстан", "kk", False)]),
        ("Hindi नमस्ते, Thai สวัสดี.", [("नमस्ते", "hi", False), ("สวัสดี", "th", False)]),
        ("The ratio π is constant; café.", []),
    ],
)
def test_each_run_gets_its_language_from_the_one_table(text: str, expected: list) -> None:
    assert _languages(text) == expected


def test_narration_names_the_same_runs_the_writers_tag() -> None:
    text = "Signs: 東京タワー, Москва and مرحبا."
    assert [(c.start, c.end) for c in named_runs(text, "en")] == [
        (r.start, r.end) for r in foreign_runs(text, "en")
    ]
    assert {script.lang for script in SCRIPTS} >= {"zh", "ja", "ko", "ar", "he", "el", "ru"}


def test_an_article_in_that_script_tags_only_the_others() -> None:
    assert _languages("Москва и 東京.", "ru") == [("東京", "zh", False)]
    assert _languages("في طوكيو 東京 اليوم.", "ar") == [("東京", "zh", False)]


def _marked(build_body, lang: str = "en", xml_lang: bool = True) -> str:
    body = element("body")
    build_body(body)
    mark_languages(body, lang, xml_lang)
    return serialize(body, XHTML_NS).replace(f' xmlns="{XHTML_NS}"', "")


def test_spans_nest_inside_sentences_and_a_run_across_emphasis_keeps_one_language() -> None:
    def body(node) -> None:
        paragraph = child(node, "p")
        sentence = child(paragraph, "span", "We saw 東京", id="s1")
        child(sentence, "em", "タワー").tail = " today."
        paragraph.append(element("code", "print('你好')"))

    html = _marked(body)
    assert html == (
        '<body><p><span id="s1">We saw <span lang="ja" xml:lang="ja">東京</span>'
        '<em><span lang="ja" xml:lang="ja">タワー</span></em> today.</span>'
        "<code>print('你好')</code></p></body>"
    )


def test_the_web_gets_lang_alone_and_rtl_gets_dir() -> None:
    html = _marked(lambda body: child(body, "h2", "Cairo: مرحبا"), xml_lang=False)
    assert html == '<body><h2>Cairo: <span lang="ar" dir="rtl">مرحبا</span></h2></body>'


def test_a_left_to_right_run_in_an_arabic_article_says_so() -> None:
    html = _marked(lambda body: child(body, "p", "زرت 東京 أمس"), "ar")
    assert html == '<body><p>زرت <span lang="zh" xml:lang="zh" dir="ltr">東京</span> أمس</p></body>'


SAMPLES = [
    "東京タワー",
    "你好",
    "서울역",
    "Москва",
    "Київ",
    "مرحبا",
    "שלום",
    "Αθήνα",
    "नमस्ते",
    "café",
]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(SAMPLES), st.text(max_size=8)), min_size=1, max_size=8
    ),
    lang=st.sampled_from(["en", "ru", "ja", "ar", "de"]),
)
def test_marking_keeps_every_character_and_id_and_tags_only_known_languages(
    pieces: list[str], lang: str
) -> None:
    body = element("body")
    paragraph = child(body, "p")
    for index, piece in enumerate(pieces):  # sentences, every other one with an emphasis
        sentence = child(paragraph, "span", piece, id=f"s{index}")
        if index % 2:
            child(sentence, "em", piece).tail = " "
    before = ("".join(body.itertext()), [n.get("id") for n in body.iter() if n.get("id")])
    mark_languages(body, lang)
    after = ("".join(body.itertext()), [n.get("id") for n in body.iter() if n.get("id")])
    assert after == before
    codes = {script.lang for script in SCRIPTS} | {"uk", "be", "sr", "mk", "kk", "fa", "ur", "yi"}
    for span in body.iter(f"{{{XHTML_NS}}}span"):
        if span.get("lang"):
            assert span.get("lang") in codes and span.get(XML_LANG) == span.get("lang")
            assert span.text and not len(span)  # a run's text, never an element


def test_earmarks_english_labels_in_a_russian_book_are_english() -> None:
    def body(node) -> None:
        child(node, "p", "Это Москва.")
        child(child(node, "nav", lang="en"), "p", "Contents: Москва")

    html = _marked(body, "ru")
    assert "<p>Это Москва.</p>" in html
    assert 'Contents: <span lang="ru" xml:lang="ru">Москва</span>' in html


# --- end to end: the EPUB and the web page ----------------------------------------------------


@pytest.fixture(scope="module")
def signs(tmp_path_factory, speech_cache) -> Path:
    """The article built with the default formats (real Piper): its output folder."""
    folder = tmp_path_factory.mktemp("signs")
    source = write(folder, "signs.md", ARTICLE)
    result = build(source, folder / "out", speech_cache)
    assert result.exit_code == 0, result.output
    return folder / "out" / "signs"


def _chapter(signs: Path) -> tuple[Book, ET.Element]:
    book = Book(signs / "signs.epub")
    (name,) = [n for n in book.names() if n.startswith("EPUB/tokyo") and n.endswith(".xhtml")]
    return book, book.xml(name.removeprefix("EPUB/"))


def test_the_chapter_keeps_each_run_with_its_language(signs: Path) -> None:
    _, chapter = _chapter(signs)
    tagged = [
        (span.text, span.get("lang"), span.get(XML_LANG), span.get("dir"))
        for span in chapter.iter(f"{{{XHTML_NS}}}span")
        if span.get("lang")
    ]
    assert tagged == [
        ("東京タワー", "ja", "ja", None),  # the heading
        ("東京タワーへようこそ", "ja", "ja", None),
        ("你好世界", "zh", "zh", None),
        ("北京", "zh", "zh", None),
        ("Москва — столица", "ru", "ru", None),
        ("Київ", "uk", "uk", None),
        ("مرحبا بالعالم", "ar", "ar", "rtl"),
        ("שלום", "he", "he", "rtl"),
        ("서울역", "ko", "ko", None),
    ]
    code = chapter.find(".//x:code", NS)
    assert code is not None and not len(code)  # code is left as it is


def test_every_overlay_target_is_still_a_sentence_that_holds_its_runs(signs: Path) -> None:
    book, chapter = _chapter(signs)
    ids = {node.get("id"): node for node in chapter.iter() if node.get("id")}
    (smil,) = [n for n in book.names() if n.endswith(".smil") and "tokyo" in n]
    targets = [
        text.get("src").partition("#")[2]
        for text in book.xml(smil.removeprefix("EPUB/")).iter("{http://www.w3.org/ns/SMIL}text")
    ]
    assert targets and set(targets) <= set(ids)
    held = [i for i in targets if ids[i].find(f".//{{{XHTML_NS}}}span[@lang]") is not None]
    assert len(held) >= 6  # the heading and the sentences with runs


def test_the_nav_label_keeps_its_language(signs: Path) -> None:
    nav = Book(signs / "signs.epub").xml("nav.xhtml")
    labels = [span.get("lang") for span in nav.iterfind(".//x:nav//x:a/x:span", NS)]
    assert labels == ["ja"]


def test_epubcheck_and_ace_report_nothing(signs: Path, epubcheck, ace) -> None:
    path = signs / "signs.epub"
    for report in (epubcheck(path), ace(path)):
        assert not report.problems(), report.describe()


def test_axe_finds_nothing_on_the_web_page(signs: Path, open_page) -> None:  # noqa: F811
    html = (signs / "index.html").read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">مرحبا بالعالم</span>' in html
    assert "xml:lang" not in html
    page = open_page((signs / "index.html").as_uri())
    assert axe(page) == []
    assert page.locator("#earmark-text span[lang=ja]").count() == 2
