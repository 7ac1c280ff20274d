"""The content-addressed sentence cache: hits, misses, keys, and damaged entries."""

from __future__ import annotations

from pipeline.narration.cache import SentenceCache, cache_key, default_cache_dir
from pipeline.narration.engines.base import Speech

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
