"""WebVTT transcripts and JSON chapters: cues timed exactly like the Media Overlays, one per
sentence in reading order, spoilers marked; chapters valid Podcasting 2.0 JSON; and a real
browser loads every transcript through a <track> element."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest
import webvtt
from epub_helpers import NS, Book
from mutagen.id3 import ID3

from pipeline.writers.podcast.transcripts import CUE_CHARS, SPOILER_CUE_PREFIX, split_caption

SMIL = "{http://www.w3.org/ns/SMIL}"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

CHAPTERS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Podcasting 2.0 JSON chapters, version 1.2",
    "type": "object",
    "required": ["version", "chapters"],
    "properties": {
        "version": {"type": "string", "pattern": r"^1\.2(\.\d+)?$"},
        "author": {"type": "string"},
        "title": {"type": "string"},
        "podcastName": {"type": "string"},
        "description": {"type": "string"},
        "fileName": {"type": "string"},
        "waypoints": {"type": "boolean"},
        "chapters": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["startTime"],
                "properties": {
                    "startTime": {"type": "number", "minimum": 0},
                    "endTime": {"type": "number", "minimum": 0},
                    "title": {"type": "string"},
                    "img": {"type": "string"},
                    "url": {"type": "string"},
                    "toc": {"type": "boolean"},
                    "location": {
                        "type": "object",
                        "required": ["name", "geo"],
                        "properties": {
                            "name": {"type": "string"},
                            "geo": {"type": "string", "pattern": "^geo:"},
                            "osm": {"type": "string"},
                        },
                    },
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def ms(value: str | float) -> int:
    """A SMIL clock value or seconds, in whole milliseconds."""
    if isinstance(value, str):
        hours, minutes, seconds = value.split(":")
        value = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    return round(value * 1000)


def spoken(path: Path) -> list[tuple[str, int, int, str, bool]]:
    """(utterance id, start ms, end ms, text, spoiler) per utterance: a sentence split over
    several cues (``<id>``, ``<id>/2``, ...) is joined back."""
    merged: list[list] = []
    for cue in webvtt.read(str(path)):
        identifier = cue.identifier
        spoiler = identifier.startswith(SPOILER_CUE_PREFIX)
        identifier = identifier.removeprefix(SPOILER_CUE_PREFIX)
        base, _, part = identifier.partition("/")
        text = " ".join(cue.text.split())
        start = ms(_seconds(cue.start))
        end = ms(_seconds(cue.end))
        if part:
            assert merged[-1][0] == base and int(part) >= 2
            merged[-1][2] = end
            merged[-1][3] += f" {text}"
        else:
            merged.append([base, start, end, text, spoiler])
    return [tuple(m) for m in merged]


def _seconds(timestamp: str) -> float:
    hours, minutes, seconds = timestamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def overlays(book: Book) -> list[list[tuple[str, int, int]]]:
    """Per chapter in spine order: (text id, clipBegin ms, clipEnd ms) of every SMIL par."""
    opf = book.xml("content.opf")
    items = {i.get("id"): i for i in opf.iterfind(".//opf:item", NS)}
    result = []
    for ref in opf.iterfind(".//opf:itemref", NS):
        overlay = items[ref.get("idref")].get("media-overlay")
        if overlay is None:
            continue
        smil = book.xml(items[overlay].get("href"))
        pars = []
        for par in smil.iter(f"{SMIL}par"):
            audio = par.find(f"{SMIL}audio")
            target = par.find(f"{SMIL}text").get("src").split("#")[1]
            pars.append((target, ms(audio.get("clipBegin")), ms(audio.get("clipEnd"))))
        result.append(pars)
    return result


def sentence_spans(book: Book) -> list[str]:
    """Ids of the sentence spans of every chapter, in reading order."""
    ids = []
    for href in book.spine():
        for span in book.xml(href).iter(f"{{{NS['x']}}}span"):
            if "__s" in (span.get("id") or ""):
                ids.append(span.get("id"))
    return ids


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_track_transcripts_match_the_overlays_to_the_millisecond(narrated, name) -> None:
    folder = narrated[name]
    sections = [s for s in manifest(folder)["sections"] if "duration_s" in s]
    book = Book(folder / f"{name}.epub")
    for section, pars in zip(sections, overlays(book), strict=True):
        cues = spoken(folder / section["transcript"])
        assert section["transcript"] == section["audio"].removesuffix(".mp3") + ".vtt"
        timed = {cue_id: (start, end) for cue_id, start, end, _, _ in cues}
        assert [c[0] for c in cues if c[0] in {p[0] for p in pars}] == [p[0] for p in pars]
        for target, begin, end in pars:
            assert timed[target] == (begin, end), target
        assert all(spoiler == section["spoiler"] for *_, spoiler in cues)


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_book_transcript_covers_every_sentence_in_order(narrated, name) -> None:
    folder = narrated[name]
    data = manifest(folder)
    book = Book(folder / f"{name}.epub")
    cues = spoken(folder / data["outputs"]["transcript"])
    ids = [c[0] for c in cues]
    assert [i for i in ids if "__s" in i] == sentence_spans(book)
    assert ids[0] == "book__credits" and ids[-1] == "book__end"
    # Times: each chapter's overlay clips shifted by where its track starts in the book MP3.
    starts = [c["startTime"] for c in chapters(folder, "chapters")["chapters"]]
    timed = {cue_id: (start, end) for cue_id, start, end, _, _ in cues}
    for start, pars in zip(starts, overlays(book), strict=True):
        for target, begin, end in pars:
            got = timed[target]
            assert abs(got[0] - (ms(start) + begin)) <= 1 and abs(got[1] - (ms(start) + end)) <= 1
    starts_ms = [c[1] for c in cues]
    assert starts_ms == sorted(starts_ms)


def test_spoilers_are_marked_by_a_note_and_a_prefix(narrated) -> None:
    folder = narrated["ballerina"]
    text = (folder / "ballerina.vtt").read_text(encoding="utf-8")
    spoiler_sections = {s["id"] for s in manifest(folder)["sections"] if s["spoiler"]}
    for cue_id, *_, spoiler in spoken(folder / "ballerina.vtt"):
        section = re.sub(r"__(s\d+|warning)$", "", cue_id)
        if not cue_id.startswith("book__"):
            assert spoiler == (section in spoiler_sections), cue_id
    blocks = text.split("\n\n")
    for index, block in enumerate(blocks):
        opens_spoiler = block.startswith(SPOILER_CUE_PREFIX) and not blocks[index - 1].startswith(
            SPOILER_CUE_PREFIX
        )
        if opens_spoiler:  # each run of spoiler cues is announced by a NOTE
            assert blocks[index - 1].startswith("NOTE\nSpoiler: "), blocks[index - 1]
            assert "reveal the plot" in blocks[index - 1]
    free = spoken(folder / "ballerina-spoiler-free.vtt")
    assert not any(spoiler for *_, spoiler in free)
    assert "spoiler-free edition" in free[1][3], "the edition line follows the credits"


def test_long_sentences_are_split_into_two_line_cues(narrated) -> None:
    for path in narrated["ballerina"].rglob("*.vtt"):
        for cue in webvtt.read(str(path)):
            lines = cue.text.splitlines()
            assert len(lines) <= 2 and len(" ".join(lines)) <= CUE_CHARS, cue.text
    cues = webvtt.read(str(narrated["ballerina"] / "ballerina.vtt"))
    assert any("/2" in cue.identifier for cue in cues)


def chapters(folder: Path, key: str) -> dict:
    return json.loads((folder / manifest(folder)["outputs"][key]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_json_chapters_are_valid_and_match_the_id3_chapters(narrated, name) -> None:
    folder = narrated[name]
    for key, audio in (
        ("chapters", "book_mp3"),
        ("chapters_spoiler_free", "book_mp3_spoiler_free"),
    ):
        document = chapters(folder, key)
        jsonschema.validate(document, CHAPTERS_SCHEMA)
        assert document["version"] == "1.2.0"
        mp3 = folder / manifest(folder)["outputs"][audio]
        assert document["fileName"] == mp3.name
        tags = ID3(mp3)
        id3 = sorted((c.start_time, c.sub_frames["TIT2"].text[0]) for c in tags.getall("CHAP"))
        ours = [(ms(c["startTime"]), c["title"]) for c in document["chapters"]]
        assert ours == id3
        assert document["chapters"][0]["startTime"] == 0
    titles = [c["title"] for c in chapters(folder, "chapters")["chapters"]]
    assert any(t.startswith("Spoiler: ") for t in titles)
    free = [c["title"] for c in chapters(folder, "chapters_spoiler_free")["chapters"]]
    assert free == [t for t in titles if not t.startswith("Spoiler: ")]


def test_bad_chapters_fail_the_schema() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "1.2.0", "chapters": [{"title": "x"}]}, CHAPTERS_SCHEMA)


@pytest.fixture(scope="session")
def chromium() -> str:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        message = f"Chromium missing at {CHROMIUM}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (CI=true: the browser is required)", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>tracks</title></head>
<body><pre id="out">pending</pre><script>
const files = FILES; const counts = {}; let pending = files.length;
function done() {
  if (--pending === 0) document.getElementById("out").textContent = JSON.stringify(counts);
}
for (const file of files) {
  const video = document.createElement("video");
  const track = document.createElement("track");
  track.kind = "captions"; track.src = file; track.default = true;
  video.appendChild(track); document.body.appendChild(video);
  track.track.mode = "hidden";
  track.addEventListener("load", () => { counts[file] = track.track.cues.length; done(); });
  track.addEventListener("error", () => { counts[file] = -1; done(); });
}
</script></body></html>"""


def test_chromium_loads_every_transcript_through_a_track_element(narrated, chromium, tmp_path):
    files = {}
    for name, folder in narrated.items():
        for number, path in enumerate(sorted(folder.rglob("*.vtt"))):
            served = f"{name}-{number}.vtt"
            shutil.copyfile(path, tmp_path / served)
            files[served] = len(webvtt.read(str(path)))
    (tmp_path / "index.html").write_text(PAGE.replace("FILES", json.dumps(list(files))))
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            done = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                 "--virtual-time-budget=15000", f"http://127.0.0.1:{server.server_port}/"],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        finally:
            server.shutdown()
    out = ET.fromstring(re.search(r"<pre id=\"out\">.*?</pre>", done.stdout, re.S).group(0))
    assert json.loads(out.text) == files, done.stderr[-2000:]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".vtt": "text/vtt",
    }

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    "text",
    [
        "Short.",
        "One clause, then another; and a third clause that runs on and on until it is far "
        "longer than two caption lines could ever hold, so it must be split at least once.",
        "x" * 200,
        "a " + "y" * 190 + " z",
    ],
)
def test_split_caption_keeps_every_character_in_cue_sized_pieces(text) -> None:
    parts = split_caption(text)
    assert all(0 < len(part) <= CUE_CHARS for part in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")
    if len(text) <= CUE_CHARS:
        assert parts == [text]


def test_split_caption_prefers_a_break_after_punctuation() -> None:
    text = "The Lantern. By Kim Ode. Narrated by Joe, a Piper neural voice. " + "Then " * 12
    assert split_caption(text.strip())[0].endswith("voice.")
