"""Incremental builds with real Piper: nothing changed means nothing done; one edited sentence
means one sentence synthesized and one track mastered; --force and missing outputs rebuild."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under ``folder``: (inode, size, modification time in ns)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def synthesized(output: str) -> tuple[int, int]:
    """(utterances synthesized, utterances) from a build's result line."""
    found = re.search(r"(\d+) of (\d+) utterances synthesized", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def track_entries(cache: Path) -> set[Path]:
    return set(cache.glob("tracks/*/*"))


@pytest.fixture
def built(tmp_path, speech_cache) -> tuple[Path, Path]:
    """A copy of the short fixture, built once (its sentences come from the session cache)."""
    source = tmp_path / "lantern.md"
    shutil.copy(FIXTURES / "short.md", source)
    result = build(source, tmp_path / "out", speech_cache)
    assert result.exit_code == 0, result.output
    return source, tmp_path / "out"


def test_nothing_changed_means_nothing_done(built, speech_cache) -> None:
    source, out = built
    before, cached = snapshot(out), snapshot(speech_cache)
    result = build(source, out, speech_cache)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("unchanged ")
    assert snapshot(out) == before, "not one file rewritten"
    assert snapshot(speech_cache) == cached, "nothing synthesized or encoded"


def test_force_rebuilds_from_the_caches(built, speech_cache) -> None:
    source, out = built
    before = snapshot(out)
    result = build(source, out, speech_cache, "--force")
    assert result.exit_code == 0, result.output
    assert synthesized(result.output)[0] == 0
    assert snapshot(out).keys() == before.keys()
    assert snapshot(out) != before


def test_a_missing_output_file_is_made_again(built, speech_cache) -> None:
    source, out = built
    (out / "lantern" / "lantern.m4b").unlink()
    result = build(source, out, speech_cache)
    assert result.output.startswith("built "), result.output
    assert (out / "lantern" / "lantern.m4b").is_file()


def test_one_edited_sentence_is_all_that_is_spoken_and_mastered(built, speech_cache) -> None:
    source, out = built
    tracks = sorted((out / "lantern" / "audio").iterdir())
    before = {p.name: p.read_bytes() for p in tracks}
    entries = track_entries(speech_cache)
    source.write_text(source.read_text().replace("See it.", "See it twice."), encoding="utf-8")
    result = build(source, out, speech_cache)
    assert result.exit_code == 0, result.output
    assert synthesized(result.output)[0] == 1
    assert len(track_entries(speech_cache) - entries) == 1, "one track mastered and encoded"
    after = {p.name: p.read_bytes() for p in sorted((out / "lantern" / "audio").iterdir())}
    assert after.keys() == before.keys()
    unchanged = [name for name in after if after[name] == before[name]]
    assert unchanged == [
        "01 - Introduction.mp3",
        "01 - Introduction.vtt",
        "02 - Spoiler - What happens.mp3",
        "02 - Spoiler - What happens.vtt",
    ]


def test_a_damaged_cached_encoding_is_made_again(built, speech_cache) -> None:
    source, out = built
    for mp3 in speech_cache.glob("tracks/*/*/mp3-*.mp3"):
        mp3.write_bytes(mp3.read_bytes()[:1000])  # truncated, as by a full disk
    result = build(source, out, speech_cache, "--force")
    assert result.exit_code == 0, result.output
    assert synthesized(result.output)[0] == 0
    for track in (out / "lantern" / "audio").glob("*.mp3"):
        assert track.stat().st_size > 50_000, track


def test_a_change_to_any_stage_changes_the_fingerprint() -> None:
    """The code digest covers every stage, not just the publishing package that computes it:
    an edit to a reader, the speech rules or a word table must rebuild the articles."""
    from pipeline.publishing.incremental import code_files

    package = Path(__file__).parents[1] / "pipeline"
    stages = {path.relative_to(package).parts[0] for path in code_files()}
    assert {"readers", "speech", "writers", "audio", "narration", "publishing"} <= stages
    assert any(path.suffix == ".tsv" for path in code_files())
