"""Books with hundreds of chapters: every format takes any number of them (an ID3 ``CTOC``
counts its entries in one byte, so past 255 the book MP3's table of contents is a hierarchy)."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import build, write
from mutagen.id3 import ID3

from pipeline.system.ffmpeg import ffmpeg_exe
from pipeline.writers.audiobook.book_mp3 import MAX_CTOC_ENTRIES, table_of_contents


def _ffprobe_chapters(path) -> list[dict]:
    """The chapters ffmpeg's own demuxer reads from a file (``ffmpeg -i`` prints them; the
    imageio-ffmpeg package ships no ffprobe, so its metadata dump stands in)."""
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [block for block in done.stdout.split("[CHAPTER]")[1:]]


@pytest.mark.parametrize("count", [1, 255, 256, 300, 1000])
def test_the_table_of_contents_reaches_every_chapter_in_order(count: int) -> None:
    ids = [f"chp{n}" for n in range(count)]
    frames = {frame.element_id: frame for frame in table_of_contents(ids)}
    top = frames["toc"]
    assert all(len(frame.child_element_ids) <= MAX_CTOC_ENTRIES for frame in frames.values())

    def leaves(element_id: str) -> list[str]:
        if element_id not in frames:
            return [element_id]
        return [leaf for c in frames[element_id].child_element_ids for leaf in leaves(c)]

    assert leaves(top.element_id) == ids
    assert top.flags & 3 == 3  # top-level and ordered


def test_a_tagged_mp3_with_1000_chapters_reads_back(tmp_path) -> None:
    """Written by mutagen, read back by mutagen and by ffmpeg's ID3 demuxer (a second per
    chapter: ffmpeg drops chapters that end inside the encoder's delay)."""
    path = tmp_path / "long.mp3"
    subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
         "anullsrc=r=22050:cl=mono", "-t", "1001", "-c:a", "libmp3lame", "-b:a", "8k", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    from mutagen.id3 import CHAP, TIT2

    tags = ID3()
    ids = [f"chp{n}" for n in range(1000)]
    for frame in table_of_contents(ids):
        tags.add(frame)
    for n, element_id in enumerate(ids):
        tags.add(CHAP(element_id=element_id, start_time=n * 1000, end_time=(n + 1) * 1000,
                      sub_frames=[TIT2(encoding=3, text=f"Part {n + 1}")]))  # fmt: skip
    tags.save(path, v2_version=4)
    back = ID3(path)
    assert len(back.getall("CHAP")) == 1000
    assert len(back.getall("CTOC")) == 1 + 4
    chapters = _ffprobe_chapters(path)
    assert len(chapters) == 1000
    assert "title=Part 1\n" in chapters[0] and "title=Part 1000\n" in chapters[-1]


@pytest.fixture(scope="module")
def many(tmp_path_factory, speech_cache):
    """An article of 300 sections, built with every format. The sections share their words,
    so the speech and the tracks come from the caches after the first few (this is about
    chapter counts, not synthesis)."""
    folder = tmp_path_factory.mktemp("many")
    body = "".join("\n## Part\n\nIt rains.\n" for _ in range(300))
    source = write(folder, "many.md", f"---\ntitle: Many parts\n---\n{body}")
    result = build(source, folder / "out", speech_cache)
    assert result.exit_code == 0, result.output
    return folder / "out" / "many"


def test_300_sections_build_in_every_format(many) -> None:
    manifest = json.loads((many / "manifest.json").read_text())
    assert len(manifest["sections"]) == 300
    tracks = sorted((many / "audio").glob("*.mp3"))
    assert len(tracks) == 300
    assert tracks[0].name == "001 - Part.mp3" and tracks[-1].name == "300 - Part.mp3"
    book = ID3(many / "many.mp3")
    assert len(book.getall("CHAP")) == 300
    assert len(_ffprobe_chapters(many / "many.mp3")) == 300
    chapters = json.loads((many / "many.chapters.json").read_text())["chapters"]
    assert len(chapters) == 300
    playlist = (many / "many.m3u8").read_text().splitlines()
    assert sum(line.startswith("#EXTINF") for line in playlist) == 300
    m4b = _ffprobe_chapters(many / "many.m4b")
    assert len(m4b) == 300
    page = (many / "index.html").read_text()
    assert page.count('class="start"') == 300
