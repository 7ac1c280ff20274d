"""The content-addressed caches: sentences and mastered tracks; hits, misses, keys, and
damaged entries."""

from __future__ import annotations

from pathlib import Path

from pipeline.audio.cache import (
    SentenceCache,
    TrackAudio,
    TrackCache,
    cache_key,
    default_cache_dir,
)
from pipeline.audio.mastering import Mastered
from pipeline.audio.renditions import MASTER, Rendition
from pipeline.engines.base import Speech

SPEECH = Speech(b"\x01\x02" * 500, 22050)


def test_miss_then_hit(tmp_path) -> None:
    cache = SentenceCache(tmp_path)
    key = cache_key("piper", "en_US-joe-medium", {"model_bytes": 1}, "Hello.")
    assert cache.get(key) is None
    cache.put(key, SPEECH)
    assert cache.get(key) == SPEECH
    assert (cache.hits, cache.misses) == (1, 1)
    assert not list(tmp_path.rglob("*.tmp")), "no temporary files left behind"


def test_key_depends_on_engine_voice_settings_and_text() -> None:
    base = ("piper", "en_US-joe-medium", {"length_scale": 1.0}, "Hello.")
    variants = [
        ("gtts", *base[1:]),
        (base[0], "en_GB-alan-low", *base[2:]),
        (*base[:2], {"length_scale": 1.1}, base[3]),
        (*base[:3], "Hello!"),
    ]
    keys = {cache_key(*base), *(cache_key(*v) for v in variants)}
    assert len(keys) == 5
    assert cache_key(*base) == cache_key(*base)


def test_damaged_entry_is_detected_and_removed(tmp_path) -> None:
    cache = SentenceCache(tmp_path)
    key = cache_key("piper", "v", {}, "Hello.")
    cache.put(key, SPEECH)
    path = cache.path(key)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # one flipped bit in the audio
    path.write_bytes(bytes(data))
    assert cache.get(key) is None
    assert not path.exists()
    cache.put(key, SPEECH)
    assert cache.get(key) == SPEECH


def test_truncated_and_foreign_files_are_misses(tmp_path) -> None:
    cache = SentenceCache(tmp_path)
    for number, content in enumerate([b"", b"EMK1", b"not a cache entry at all" * 10]):
        key = cache_key("piper", "v", {}, f"sentence {number}")
        cache.path(key).parent.mkdir(parents=True, exist_ok=True)
        cache.path(key).write_bytes(content)
        assert cache.get(key) is None


def test_cache_dir_comes_from_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EARMARK_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("EARMARK_CACHE_DIR")
    assert default_cache_dir().name == "earmark"


def test_unwritable_cache_only_costs_time(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = SentenceCache(blocker)
    cache.put("ab" * 32, SPEECH)
    assert cache.get("ab" * 32) is None


MP3 = Rendition("mp3", ".mp3", ("-b:a", "192k"))
EPUB = Rendition("epub-audio", ".mp3", ("-b:a", "64k"))
AUDIO = TrackAudio(12.5, ((0.75, 2.0), (2.45, 9.9)), Mastered(3.1, -20.1, -4.2, 1))


def encoded(folder: Path, **contents: bytes) -> dict[Rendition, Path]:
    renditions = {"master": MASTER, "mp3": MP3, "epub": EPUB}
    made = {}
    for name, data in contents.items():
        made[renditions[name]] = folder / f"{name}.out"
        made[renditions[name]].write_bytes(data)
    return made


def test_track_entry_keeps_audio_timings_and_every_rendition(tmp_path) -> None:
    cache = TrackCache(tmp_path / "cache")
    assert cache.get("ab" * 32, [MP3]) is None
    files = cache.put("ab" * 32, AUDIO, encoded(tmp_path, master=b"flac", mp3=b"mp3"))
    assert files == {
        "master": cache.folder("ab" * 32) / MASTER.file_name,
        "mp3": cache.folder("ab" * 32) / MP3.file_name,
    }
    audio, found, missing = cache.get("ab" * 32, [MP3, EPUB])
    assert audio == AUDIO
    assert found == files and missing == [EPUB]
    cache.put("ab" * 32, AUDIO, encoded(tmp_path, epub=b"small mp3"))
    assert cache.get("ab" * 32, [MP3, EPUB])[2] == [], "a rendition added later is kept"
    assert not list(tmp_path.glob("*.out")), "files are moved into the cache, not copied"


def test_rendition_file_names_follow_their_settings() -> None:
    assert MP3.file_name != Rendition("mp3", ".mp3", ("-b:a", "128k")).file_name
    assert MP3.file_name.startswith("mp3-") and MP3.file_name.endswith(".mp3")


def test_damaged_rendition_is_made_again_from_the_master(tmp_path) -> None:
    cache = TrackCache(tmp_path / "cache")
    cache.put("cd" * 32, AUDIO, encoded(tmp_path, master=b"flac", mp3=b"mp3 frames"))
    (cache.folder("cd" * 32) / MP3.file_name).write_bytes(b"mp3 fra")  # truncated
    _, found, missing = cache.get("cd" * 32, [MP3])
    assert list(found) == ["master"] and missing == [MP3]


def test_damaged_master_discards_the_entry(tmp_path) -> None:
    cache = TrackCache(tmp_path / "cache")
    cache.put("ef" * 32, AUDIO, encoded(tmp_path, master=b"flac", mp3=b"mp3"))
    (cache.folder("ef" * 32) / MASTER.file_name).write_bytes(b"flak")
    assert cache.get("ef" * 32, [MP3]) is None
    assert not cache.folder("ef" * 32).exists()


def test_unwritable_track_cache_leaves_the_files_where_they_are(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    made = encoded(tmp_path, master=b"flac")
    assert TrackCache(blocker).put("ab" * 32, AUDIO, made) == {"master": made[MASTER]}
    assert made[MASTER].read_bytes() == b"flac"


def test_a_second_new_entry_for_one_key_leaves_the_first_alone(tmp_path) -> None:
    cache = TrackCache(tmp_path / "cache")
    cache.put("ab" * 32, AUDIO, encoded(tmp_path, master=b"first", mp3=b"first mp3"))
    other = TrackAudio(12.6, ((0.75, 2.1), (2.5, 9.8)), Mastered(3.0, -20.0, -4.1, 1))
    made = encoded(tmp_path, master=b"second", mp3=b"second mp3")
    assert cache.put("ab" * 32, other, made) == {"master": made[MASTER], "mp3": made[MP3]}
    audio, files, _ = cache.get("ab" * 32, [MP3])
    assert audio == AUDIO and files["master"].read_bytes() == b"first"
    assert made[MASTER].read_bytes() == b"second", "the build keeps its own files"
