"""The read-aloud EPUB: Media Overlays that follow the speech, spoilers escapable, validated."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

import pytest
from audio_probe import decode_pcm
from epub_helpers import NS, Book

from pipeline.durations import smil_clock as clock

SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
TEXTREF = "{http://www.idpf.org/2007/ops}textref"


def seconds(value: str) -> float:
    hours, minutes, secs = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


@pytest.fixture(scope="module")
def book(narrated) -> Book:
    return Book(narrated["ballerina"] / "ballerina.epub")


def overlays(book: Book) -> dict[str, tuple[str, ET.Element]]:
    """Overlay id -> (SMIL href, parsed SMIL), from the OPF manifest."""
    opf = book.xml("content.opf")
    items = {i.get("id"): i for i in opf.iterfind(".//opf:item", NS)}
    return {
        item.get("id"): (item.get("href"), book.xml(item.get("href")))
        for item in items.values()
        if item.get("media-type") == "application/smil+xml"
    }


def pars(smil: ET.Element) -> list[ET.Element]:
    return list(smil.iter(f"{SMIL}par"))


def test_every_chapter_has_an_overlay(book) -> None:
    opf = book.xml("content.opf")
    documents = [i for i in opf.iterfind(".//opf:item", NS) if i.get("href").endswith(".xhtml")]
    narrated = [
        d for d in documents if d.get("href") not in ("nav.xhtml", "about-this-edition.xhtml")
    ]
    assert narrated and all(d.get("media-overlay") in overlays(book) for d in narrated)


def test_text_targets_exist_and_clips_increase_within_the_audio(book) -> None:
    for overlay_id, (href, smil) in overlays(book).items():
        base = posixpath.dirname(href)
        previous_end = 0.0
        for par in pars(smil):
            text = par.find(f"{SMIL}text").get("src")
            document, fragment = posixpath.normpath(posixpath.join(base, text)).split("#")
            page = book.xml(document)
            assert any(node.get("id") == fragment for node in page.iter()), (overlay_id, text)
            audio = par.find(f"{SMIL}audio")
            begin, end = seconds(audio.get("clipBegin")), seconds(audio.get("clipEnd"))
            assert previous_end <= begin < end, (overlay_id, par.get("id"))
            previous_end = end
            source = posixpath.normpath(posixpath.join(base, audio.get("src")))
            duration = len(decode_pcm(book.zip.read(f"EPUB/{source}"), 8000)) / 2 / 8000
            assert end <= duration + 0.01, (overlay_id, end, duration)


def test_every_spoken_sentence_is_a_span_with_a_par(book) -> None:
    page = book.xml("plot-summary.xhtml")
    spans = [s.get("id") for s in page.iter("{http://www.w3.org/1999/xhtml}span")]
    _, smil = overlays(book)["mo-plot-summary"]
    targets = [p.find(f"{SMIL}text").get("src").split("#")[1] for p in pars(smil)]
    assert spans and set(spans) <= set(targets)
    assert targets[:2] == ["plot-summary__warning", "plot-summary"]


def test_durations_add_up_and_match_the_audio(book) -> None:
    metas = book.xml("content.opf").iterfind(".//opf:meta", NS)
    durations = {
        m.get("refines"): seconds(m.text) for m in metas if m.get("property") == "media:duration"
    }
    total = durations.pop(None)
    assert set(durations) == {f"#{o}" for o in overlays(book)}
    assert sum(durations.values()) == pytest.approx(total, abs=0.0005)
    for overlay_id, (href, smil) in overlays(book).items():
        source = pars(smil)[0].find(f"{SMIL}audio").get("src")
        audio = posixpath.normpath(posixpath.join(posixpath.dirname(href), source))
        decoded = len(decode_pcm(book.zip.read(f"EPUB/{audio}"), 8000)) / 2 / 8000
        assert durations[f"#{overlay_id}"] == pytest.approx(decoded, abs=0.05)


def test_spoiler_body_is_an_escapable_aside_and_the_warning_always_plays(book) -> None:
    _, smil = overlays(book)["mo-plot-summary"]
    chapter = smil.find(f"{SMIL}body/{SMIL}seq")
    warning, aside = list(chapter)
    assert warning.tag == f"{SMIL}par"
    assert warning.find(f"{SMIL}text").get("src").endswith("#plot-summary__warning")
    assert aside.tag == f"{SMIL}seq" and aside.get(EPUB_TYPE) == "aside"
    assert aside.get(TEXTREF) == "../plot-summary.xhtml#section-plot-summary"
    _, opening = overlays(book)["mo-introduction"]
    assert not [s for s in opening.iter(f"{SMIL}seq") if s.get(EPUB_TYPE) == "aside"]


def test_highlight_starts_when_the_voice_does(book) -> None:
    """Each clip begins where speech begins: quiet just before clipBegin, voice just after."""
    rate = 8000
    for overlay_id, (href, smil) in overlays(book).items():
        source = pars(smil)[0].find(f"{SMIL}audio").get("src")
        audio = posixpath.normpath(posixpath.join(posixpath.dirname(href), source))
        pcm = decode_pcm(book.zip.read(f"EPUB/{audio}"), rate)
        for par in pars(smil):
            begin = seconds(par.find(f"{SMIL}audio").get("clipBegin"))
            before = level(pcm, rate, begin - 0.25, begin - 0.05)
            after = level(pcm, rate, begin + 0.02, begin + 0.3)
            assert before < -45 and after > -35, (overlay_id, par.get("id"), before, after)


def level(pcm: bytes, rate: int, start: float, end: float) -> float:
    from pipeline.system.ffmpeg import AudioSegment

    chunk = pcm[int(start * rate) * 2 : int(end * rate) * 2]
    return AudioSegment(data=chunk, sample_width=2, frame_rate=rate, channels=1).dBFS


def test_narrated_book_metadata(book) -> None:
    assert "synchronizedAudioText" in book.meta("schema:accessibilityFeature")
    assert "auditory" in book.meta("schema:accessModeSufficient")
    assert book.meta("media:narrator") == ["Joe, a Piper neural voice"]
    assert book.meta("media:active-class") == ["-epub-media-overlay-active"]
    assert "-epub-media-overlay-active" in book.text("style.css")
    (summary,) = book.meta("schema:accessibilitySummary")
    assert "reads aloud with highlighting" in summary


def test_narrated_epub_passes_epubcheck(book, epubcheck) -> None:
    report = epubcheck(book.path)
    assert not report.problems(), report.describe()


def test_narrated_epub_passes_ace(book, ace) -> None:
    report = ace(book.path)
    assert not report.problems(), report.describe()


@pytest.mark.parametrize(("value", "expected"), [(0, "0:00:00.000"), (78.6688, "0:01:18.669"),
                                                 (3725.5, "1:02:05.500")])  # fmt: skip
def test_clock_values(value: float, expected: str) -> None:
    assert clock(value) == expected
    assert re.fullmatch(r"\d+:\d\d:\d\d\.\d{3}", clock(value))
