"""The M4B audiobook and the cover: one AAC file with a named chapter per track, marks that
agree with the MP3 tracks, the book's tags, and the same cover in the M4B, the MP3s and the EPUB."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from audio_probe import chapter_marks, decode_pcm, measure, mp4_box
from conftest import FIXTURES, build, track_files, write
from epub_helpers import NS, Book
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
from PIL import Image


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_one_named_chapter_per_track_at_the_track_boundaries(narrated, name: str) -> None:
    folder = narrated[name]
    tracks = track_files(folder)
    marks = chapter_marks(folder / f"{name}.m4b")
    assert [m.title for m in marks] == [str(ID3(t)["TIT2"]) for t in tracks]
    start = 0.0
    for mark, track in zip(marks, tracks, strict=True):
        duration = measure(track).duration
        assert mark.start == pytest.approx(start, abs=0.05), mark
        assert mark.end - mark.start == pytest.approx(duration, abs=0.05), mark
        start += duration
    book = measure(folder / f"{name}.m4b")
    assert (book.codec, book.channels) == ("aac", 1)
    assert book.duration == pytest.approx(start, abs=2.0)
    assert -23.0 <= book.rms_db <= -18.0 and book.peak_db <= -3.0, book


def test_spoiler_chapters_say_so(narrated) -> None:
    titles = [m.title for m in chapter_marks(narrated["short"] / "short.m4b")]
    assert titles == ["Introduction", "Spoiler: What happens", "Verdict"]


def test_book_tags_cover_and_both_chapter_lists(narrated) -> None:
    path = narrated["short"] / "short.m4b"
    tags = MP4(path).tags
    assert tags["\xa9nam"] == ["The Lantern"]
    assert tags["\xa9alb"] == ["The Lantern"]
    assert tags["\xa9ART"] == ["Kim Ode"]
    assert tags["\xa9gen"] == ["Audiobook"]
    (cover,) = tags["covr"]
    assert Image.open(io.BytesIO(bytes(cover))).size == (1400, 1400)
    data = path.read_bytes()
    assert data[4:12] == b"ftypM4B ", "players look for the M4B brand"
    assert mp4_box(data, "moov", "udta", "chpl") is not None, "Nero chapters (most players)"
    assert b"chap" in mp4_box(data, "moov", "trak", "tref"), "QuickTime chapters (Apple)"


def test_the_same_cover_everywhere(narrated) -> None:
    folder = narrated["short"]
    covr = bytes(MP4(folder / "short.m4b").tags["covr"][0])
    (apic,) = ID3(track_files(folder)[0]).getall("APIC")
    book = Book(folder / "short.epub")
    opf = book.xml("content.opf")
    items = opf.iterfind(".//opf:item", NS)
    (item,) = [i for i in items if "cover-image" in i.get("properties", "")]
    assert covr == apic.data == book.zip.read(f"EPUB/{item.get('href')}")
    assert apic.mime == item.get("media-type") == "image/jpeg"


def test_front_matter_cover_is_used(tmp_path, speech_cache) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (600, 600), (0, 90, 160)).save(picture, "PNG")
    write(tmp_path, "art.png", picture.getvalue())
    text = (FIXTURES / "short.md").read_text().replace("---\n", "---\ncover: art.png\n", 1)
    source = write(tmp_path, "covered.md", text)
    result = build(source, tmp_path / "out", speech_cache, "--formats", "epub,m4b")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "covered"
    assert bytes(MP4(folder / "covered.m4b").tags["covr"][0]) == picture.getvalue()
    assert "EPUB/cover.png" in Book(folder / "covered.epub").names()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["outputs"]["m4b"] == "covered.m4b"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "was not found"), (b"not an image", "cannot be read as an image")],
)
def test_bad_cover_is_a_clear_input_error(tmp_path, content, message) -> None:
    if content is not None:
        write(tmp_path, "art.png", content)
    source = write(tmp_path, "covered.md", "---\ntitle: T\ncover: art.png\n---\n\nSome text.\n")
    result = build(source, tmp_path / "out", tmp_path / "cache", "--formats", "epub")
    assert result.exit_code == 2
    assert f"{source}:3: the cover image 'art.png' {message}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "covered").exists()


def test_fresh_and_cached_tracks_make_the_same_stream(narrated, speech_cache, tmp_path) -> None:
    """Freshly mastered tracks reach the AAC encoder as the mastering pass's raw PCM, cached
    ones as their decoded FLAC master: the same samples, so the same stream, exactly as long
    as the tracks."""
    cache = tmp_path / "cache"
    shutil.copytree(speech_cache / "speech", cache / "speech")  # sentences, but no tracks
    source = FIXTURES / "short.md"
    fresh = build(source, tmp_path / "fresh", cache, "--formats", "m4b")
    assert fresh.exit_code == 0, fresh.output
    assert (cache / "tracks").is_dir(), "mastered in this build, now cached"
    again = build(source, tmp_path / "again", cache, "--formats", "m4b")
    assert again.exit_code == 0, again.output
    streams = [
        decode_pcm((tmp_path / run / "short" / "short.m4b").read_bytes(), 22050)
        for run in ("fresh", "again")
    ]
    assert streams[0] == streams[1]
    sections = json.loads((tmp_path / "fresh" / "short" / "manifest.json").read_text())
    seconds = sum(s["duration_s"] for s in sections["sections"] if "duration_s" in s)
    assert len(streams[0]) / 2 / 22050 == pytest.approx(seconds, abs=0.003)
