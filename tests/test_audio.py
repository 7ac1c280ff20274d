"""Real Piper narration end to end: mastered MP3s that meet the audiobook numbers, tags,
playlists, the manifest, and failures that leave the previous output alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses
from audio_probe import measure
from click.testing import CliRunner
from conftest import FIXTURES, build, listing, track_files
from epub_helpers import Book, text_of
from gtts_fake import URL, batchexecute
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from pipeline.cli import main


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_tracks_meet_the_audiobook_numbers(narrated, name: str) -> None:
    files = track_files(narrated[name])
    assert files
    durations = {s["audio"]: s["duration_s"] for s in manifest(narrated[name])["sections"]
                 if "duration_s" in s}  # fmt: skip
    for path in files:
        levels = measure(path)
        where = f"{path.name}: {levels}"
        assert (levels.codec, levels.sample_rate, levels.channels) == ("mp3", 44100, 1), where
        assert -23.0 <= levels.rms_db <= -18.0, where
        assert levels.peak_db <= -3.0, where
        assert 0.5 <= levels.head_silence <= 1.0, where
        assert 1.0 <= levels.tail_silence <= 5.0, where
        assert levels.duration == pytest.approx(durations[f"audio/{path.name}"], abs=0.05), where
        info = MP3(path).info
        assert info.bitrate_mode == BitrateMode.CBR, where
        assert info.bitrate == pytest.approx(192000, abs=1000), where


def test_track_names_and_tags(narrated) -> None:
    files = track_files(narrated["short"])
    assert [p.name for p in files] == [
        "01 - Introduction.mp3",
        "02 - Spoiler - What happens.mp3",
        "03 - Verdict.mp3",
    ]
    tags = ID3(files[1])
    assert tags.version == (2, 4, 0)
    assert str(tags["TIT2"]) == "Spoiler: What happens"
    assert str(tags["TALB"]) == "The Lantern"
    assert str(tags["TPE1"]) == "Kim Ode"
    assert str(tags["TRCK"]) == "2/3"
    assert str(tags["TCON"]) == "Audiobook"
    assert str(tags["TLAN"]) == "eng"
    assert "reveals the plot" in str(tags.getall("COMM")[0])
    assert str(ID3(files[0])["TIT2"]) == "Introduction"


def test_playlists_list_every_track_or_only_spoiler_free_ones(narrated) -> None:
    folder = narrated["short"]
    full = (folder / "short.m3u8").read_text(encoding="utf-8").splitlines()
    free = (folder / "short-spoiler-free.m3u8").read_text(encoding="utf-8").splitlines()
    assert full[0] == free[0] == "#EXTM3U"
    entries = [line for line in full if line.startswith("audio/")]
    assert entries == [f"audio/{p.name}" for p in track_files(folder)]
    assert [line for line in free if line.startswith("audio/")] == [entries[0], entries[2]]
    assert "#EXTINF:" in full[2] and full[full.index(entries[1]) - 1].endswith(
        ",Spoiler: What happens"
    )
    for line in full:
        if line.startswith("#EXTINF:"):
            seconds = int(line.split(":")[1].split(",")[0])
            path = folder / full[full.index(line) + 1]
            assert seconds == round(measure(path).duration)


def test_manifest_lists_audio_and_outputs(narrated) -> None:
    data = manifest(narrated["ballerina"])
    assert data["engine"] == {"name": "piper", "voice": "en_US-joe-medium"}
    assert data["outputs"] == {
        "epub": "ballerina.epub",
        "m4b": "ballerina.m4b",
        "playlist": "ballerina.m3u8",
        "playlist_spoiler_free": "ballerina-spoiler-free.m3u8",
        "book_mp3": "ballerina.mp3",
        "book_mp3_spoiler_free": "ballerina-spoiler-free.mp3",
        "cover": "cover.jpg",
        "transcript": "ballerina.vtt",
        "transcript_spoiler_free": "ballerina-spoiler-free.vtt",
        "chapters": "ballerina.chapters.json",
        "chapters_spoiler_free": "ballerina-spoiler-free.chapters.json",
        "web": "index.html",
    }
    for output in data["outputs"].values():
        assert (narrated["ballerina"] / output).is_file()
    plot = data["sections"][1]
    assert plot["audio"] == "audio/02 - Spoiler - Plot summary.mp3"
    assert plot["duration_s"] > 30
    group = data["sections"][2]
    assert group["audio"] == "audio/03 - Spoiler - How does Min-Hee die.mp3"
    assert "duration_s" not in group, "a group heading is the start of its child's track"
    for section in data["sections"]:
        assert (narrated["ballerina"] / section["audio"]).is_file()
        assert (narrated["ballerina"] / section["transcript"]).is_file()


def test_pronunciations_do_not_touch_the_epub(narrated) -> None:
    book = Book(narrated["short"] / "short.epub")
    assert "Yeon keeps it lit." in text_of(book.xml("introduction.xhtml"))
    assert "Yawn" not in text_of(book.xml("introduction.xhtml"))
    assert "narrated by Joe, a Piper neural voice" in text_of(book.xml("about-this-edition.xhtml"))


def test_warm_rebuild_synthesizes_nothing(narrated, speech_cache, tmp_path) -> None:
    before = sorted(speech_cache.rglob("*.pcm"))
    result = build(FIXTURES / "short.md", tmp_path, speech_cache)
    assert result.exit_code == 0, result.output
    assert sorted(speech_cache.rglob("*.pcm")) == before


def test_formats_mp3_alone(speech_cache, tmp_path) -> None:
    result = build(FIXTURES / "short.md", tmp_path, speech_cache, "--formats", "playlists")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "short"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".earmark-build.json", "audio", "manifest.json", "short-spoiler-free.m3u8", "short.m3u8",
    ]  # fmt: skip
    assert len(track_files(folder)) == 3, "playlists bring the MP3s they list"
    assert "epub_href" not in manifest(folder)["sections"][0]


def test_engine_failure_mid_article_keeps_the_previous_output(tmp_path, mp3) -> None:
    out = tmp_path / "out"
    with responses.RequestsMock() as google:
        google.post(URL, body=batchexecute(mp3))
        assert build(FIXTURES / "short.md", out, tmp_path / "c", "--engine", "gtts").exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edited = tmp_path / "short.md"
    text = (FIXTURES / "short.md").read_text().replace("Yeon found it.", "Yeon found it again.")
    edited.write_text(text)
    with responses.RequestsMock() as google:
        google.post(URL, status=403)  # only the edited sentence is not cached
        result = build(edited, out, tmp_path / "c", "--engine", "gtts")
    assert result.exit_code == 1
    assert "gtts failed on track 2 (section “What happens”)" in result.output
    assert "403" in result.output
    assert "Traceback" not in result.output
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert listing(out) == ["index.html", "short"], "no temporary folder is left"


def test_offline_gtts_fails_fast_with_advice(tmp_path) -> None:
    import requests

    with responses.RequestsMock() as google:
        google.post(URL, body=requests.exceptions.ConnectionError("Connection refused"))
        result = build(FIXTURES / "short.md", tmp_path / "out", tmp_path / "c", "--engine", "gtts")
    assert result.exit_code == 1
    assert "internet" in result.output and "--engine piper" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_piper_voice_is_a_clear_error(tmp_path) -> None:
    result = build(FIXTURES / "short.md", tmp_path / "out", tmp_path / "c",
                   "--voice", str(tmp_path / "nope.onnx"))  # fmt: skip
    assert result.exit_code == 1
    assert f"Piper voice file {tmp_path / 'nope.onnx'} not found" in result.output


def test_voices_lists_engines() -> None:
    result = CliRunner().invoke(main, ["voices"])
    assert result.exit_code == 0
    assert "en_US-joe-medium" in result.output
    assert "gtts" in result.output and "en-GB" not in result.output.split("gtts")[0]
