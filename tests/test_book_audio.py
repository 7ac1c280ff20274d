"""The whole-article MP3 and its spoiler-free cut: the track MP3s joined, chaptered in ID3v2.4
where each track's audio starts, and the cut leaves the spoiler tracks out."""

from __future__ import annotations

import array
import itertools
import json
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, build, write
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from pipeline.model import Chapter, Paragraph, Section, Text
from pipeline.narration.script import Kind, Track, Utterance
from pipeline.narration.sentences import paragraph_sentences
from pipeline.narration.spoiler_free import EDITION_NOTE, spoiler_free_script
from pipeline.spoilers import ALL_SPOILER_NOTE
from pipeline.system.ffmpeg import ffmpeg_exe

RATE = 44100


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def id3_chapters(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, title) of the CHAP frames, in the CTOC's order."""
    tags = ID3(path)
    (toc,) = tags.getall("CTOC")
    chapters = {frame.element_id: frame for frame in tags.getall("CHAP")}
    assert toc.flags & 3 == 3, "top-level and ordered"
    return [
        (c.start_time / 1000, c.end_time / 1000, c.sub_frames["TIT2"].text[0])
        for c in (chapters[child] for child in toc.child_element_ids)
    ]


def track_sections(folder: Path) -> list[dict]:
    """The manifest's chapter-opening sections: one per track, with its duration."""
    return [s for s in manifest(folder)["sections"] if "duration_s" in s]


def samples(path: Path) -> array.array:
    """The decoded audio of an MP3 as a player gets it (from the file: from a pipe, ffmpeg
    cannot trim the end padding the gapless header declares), 16-bit samples at 44.1 kHz."""
    pcm = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return array.array("h", pcm)


def offset_of(track: array.array, book: array.array, start: float) -> int:
    """Where, within a millisecond of ``start`` seconds, the book holds ``track`` sample for
    sample (the decoders agree to the bit); fails when it holds it nowhere near."""
    near = round(start * RATE)
    for shift in sorted(range(-44, 45), key=abs):
        at = near + shift
        if at >= 0 and book[at : at + len(track)] == track:
            return at
    raise AssertionError(f"the track is not in the book at {start:.3f} s")


def assert_chapters_hold_the_tracks(path: Path, tracks: list[Path], titles: list[str]) -> None:
    """The book's ID3 chapters are contiguous, titled ``titles``, and each starts where the
    book holds its track's audio exactly; the last ends with the book."""
    book = samples(path)
    chapters = id3_chapters(path)
    assert [title for _, _, title in chapters] == titles
    assert chapters[0][0] == 0
    for (_, end, _), (begin, _, _) in itertools.pairwise(chapters):
        assert begin == end, "contiguous"
    for (begin, end, _), track_path in zip(chapters, tracks, strict=True):
        track = samples(track_path)
        at = offset_of(track, book, begin)
        # A chapter is its track plus under 52 ms of the encoders' delay and padding (ms marks).
        assert -0.001 <= end - (at + len(track)) / RATE <= 0.053
    assert abs(chapters[-1][1] - len(book) / RATE) <= 0.001


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_book_mp3_is_chaptered_at_the_track_boundaries(narrated, name) -> None:
    folder = narrated[name]
    path = folder / f"{name}.mp3"
    info = MP3(path).info
    assert (info.sample_rate, info.channels) == (RATE, 1)
    assert info.bitrate_mode is BitrateMode.CBR and abs(info.bitrate - 192000) <= 8
    tracks = track_sections(folder)
    assert_chapters_hold_the_tracks(
        path,
        sorted((folder / "audio").glob("*.mp3")),
        [("Spoiler: " if s["spoiler"] else "") + s["title"] for s in tracks],
    )
    assert abs(manifest(folder)["duration_s"] - id3_chapters(path)[-1][1]) <= 0.002
    tags = ID3(path)
    assert tags["TIT2"].text == [manifest(folder)["title"]]
    assert tags.getall("APIC")[0].data == (folder / "cover.jpg").read_bytes()


@pytest.mark.parametrize("name", ["short", "ballerina"])
def test_spoiler_free_cut_leaves_the_spoiler_tracks_out(narrated, name: str) -> None:
    folder = narrated[name]
    cut = folder / f"{name}-spoiler-free.mp3"
    tracks = track_sections(folder)
    kept = [s for s in tracks if not s["spoiler"]]
    chapters = id3_chapters(cut)
    assert [title for _, _, title in chapters] == [s["title"] for s in kept]
    # The first (whose credits now name the edition) is longer; after it, each is the same
    # track, sample for sample.
    first_start, first_end, _ = chapters[0]
    assert first_start == 0 and first_end > kept[0]["duration_s"] + 1.0
    book = samples(cut)
    track_files = sorted((folder / "audio").glob("*.mp3"))
    kept_files = [f for f, s in zip(track_files, tracks, strict=True) if not s["spoiler"]]
    for (begin, _, _), track_path in zip(chapters[1:], kept_files[1:], strict=True):
        offset_of(samples(track_path), book, begin)
    assert abs(chapters[-1][1] - len(book) / RATE) <= 0.001
    assert abs(manifest(folder)["duration_spoiler_free_s"] - chapters[-1][1]) <= 0.002
    assert ID3(cut)["TIT2"].text == [f"{manifest(folder)['title']} (spoiler-free edition)"]


@pytest.fixture(scope="module")
def no_spoilers(tmp_path_factory, speech_cache) -> Path:
    out = tmp_path_factory.mktemp("no-spoilers")
    result = build(FIXTURES / "no-spoilers.md", out, speech_cache, "--formats", "chapters")
    assert result.exit_code == 0, result.output
    return out / "no-spoilers"


def test_without_spoilers_the_cut_is_the_same_file(no_spoilers) -> None:
    full, cut = no_spoilers / "no-spoilers.mp3", no_spoilers / "no-spoilers-spoiler-free.mp3"
    assert full.read_bytes() == cut.read_bytes()
    assert full.stat().st_ino == cut.stat().st_ino, "linked, not encoded twice"
    data = manifest(no_spoilers)
    assert data["outputs"]["book_mp3_spoiler_free"] == cut.name
    assert data["duration_s"] == data["duration_spoiler_free_s"]
    assert data["date"] == "2024-05-01"


TINY = """---
title: Tiny
---

It starts.

## Twist {.spoiler}

It was a dream.

## After

Fine.
"""


def test_the_cut_speaks_only_its_edition_line_and_only_once(tmp_path) -> None:
    """Building the cut after the tracks adds exactly one utterance to the sentence cache,
    and only for the first article."""
    cache = tmp_path / "cache"
    source = write(tmp_path, "tiny.md", TINY)
    result = build(source, tmp_path / "a", cache, "--formats", "mp3")
    assert result.exit_code == 0, result.output
    before = {p for p in (cache / "speech").rglob("*") if p.is_file()}
    result = build(source, tmp_path / "b", cache, "--formats", "book-mp3")
    assert result.exit_code == 0, result.output
    after = {p for p in (cache / "speech").rglob("*") if p.is_file()}
    assert len(after - before) == 1
    # The edition line is the same in every article: another article's cut speaks nothing new.
    other = write(tmp_path, "other.md", TINY.replace("title: ", "title: Another ", 1))
    assert build(other, tmp_path / "c", cache, "--formats", "mp3").exit_code == 0
    before = {p for p in (cache / "speech").rglob("*") if p.is_file()}
    assert build(other, tmp_path / "d", cache, "--formats", "book-mp3").exit_code == 0
    assert {p for p in (cache / "speech").rglob("*") if p.is_file()} == before


def _track(number: int, spoiler: bool, *kinds: Kind) -> Track:

    section = Section(f"s{number}", f"Part {number}", 1, spoiler=spoiler)
    utterances = tuple(
        Utterance(f"u{number}{k}", k, f"{k} {number}", f"{k} {number}") for k in kinds
    )
    return Track(number, 3, Chapter((section,)), utterances)


def test_cut_script_moves_credits_and_ending_past_spoiler_tracks() -> None:
    tracks = (
        _track(1, True, Kind.CREDITS, Kind.WARNING, Kind.SENTENCE),
        _track(2, False, Kind.HEADING, Kind.SENTENCE),
        _track(3, True, Kind.WARNING, Kind.SENTENCE, Kind.ENDING),
    )
    (only,) = spoiler_free_script(tracks)
    assert (only.number, only.total) == (1, 1)
    kinds = [u.kind for u in only.utterances]
    assert kinds == [Kind.CREDITS, Kind.CREDITS, Kind.HEADING, Kind.SENTENCE, Kind.ENDING]
    assert [u.text for u in only.utterances[:2]] == ["credits 1", EDITION_NOTE]
    assert spoiler_free_script(tracks[1:2]) == ()


def test_the_cut_of_an_article_that_is_all_spoiler_says_so() -> None:
    tracks = (
        _track(1, True, Kind.CREDITS, Kind.WARNING, Kind.SENTENCE),
        _track(2, True, Kind.WARNING, Kind.SENTENCE, Kind.ENDING),
    )
    (only,) = spoiler_free_script(tracks)
    assert not only.chapter.spoiler and (only.number, only.total) == (1, 1)
    assert [u.text for u in only.utterances] == ["credits 1", ALL_SPOILER_NOTE, "ending 2"]


def test_cut_leaves_out_the_spoiler_warning_paragraph() -> None:
    """No spoiler follows the article's warning in the cut, so the warning is not said."""
    intro = Section(
        "intro",
        "Introduction",
        1,
        blocks=(
            Paragraph((Text("A quiet film about a lighthouse. It is short."),)),
            Paragraph((Text("Spoiler alert: the rest of this article reveals the ending."),)),
        ),
    )
    sentences = [s for paragraph in paragraph_sentences(intro, "en") for s in paragraph]
    spoken = tuple(Utterance(s.id, Kind.SENTENCE, s.text, s.text) for s in sentences)
    tracks = (
        Track(1, 2, Chapter((intro,)), spoken),
        _track(2, True, Kind.WARNING, Kind.SENTENCE),
    )
    (only,) = spoiler_free_script(tracks)
    assert [u.text for u in only.utterances] == [
        "A quiet film about a lighthouse.",
        "It is short.",
    ]
