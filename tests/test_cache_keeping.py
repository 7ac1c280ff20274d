"""Caches a publisher can keep: `earmark cache` sizes, `earmark cache prune` (least recently
used first, never an entry a running build uses), pruning during a build, and entries a group
can share (issue 9, category 7)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES

from pipeline.audio.cache import SentenceCache, cache_key
from pipeline.audio.cache_prune import batch_pruning
from pipeline.cli import main
from pipeline.engines.base import Speech

DAY = 86400
KB100 = b"\x01\x02" * 51200  # 100 KiB of PCM


def put(root: Path, name: str, age_days: float) -> Path:
    """A real speech entry, last used ``age_days`` ago."""
    cache = SentenceCache(root)
    key = cache_key("test", name)
    cache.put(key, Speech(KB100, 22050))
    used = time.time() - age_days * DAY
    os.utime(cache.path(key), (used, used))
    return cache.path(key)


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cache_shows_size_and_entries(tmp_path: Path) -> None:
    for index in range(3):
        put(tmp_path, f"s{index}", index)
    result = cli("cache", "--cache-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert re.search(r"speech\s+300\.\d KB\s+3 entries", result.output), result.output
    assert re.search(r"tracks\s+0 B\s+0 entries", result.output), result.output


def test_prune_removes_least_recently_used_first(tmp_path: Path) -> None:
    oldest, middle, newest = (put(tmp_path, n, age) for n, age in [("a", 3), ("b", 2), ("c", 1)])
    result = cli("cache", "--cache-dir", str(tmp_path), "prune", "--max-size", "250K")
    assert result.exit_code == 0, result.output
    assert "removed 1 entries" in result.output
    assert not oldest.exists() and middle.exists() and newest.exists()


def test_reading_an_entry_makes_it_recent(tmp_path: Path) -> None:
    read_later, untouched = put(tmp_path, "a", 5), put(tmp_path, "b", 4)
    assert SentenceCache(tmp_path).get(cache_key("test", "a")) is not None
    cli("cache", "--cache-dir", str(tmp_path), "prune", "--max-size", "150K")
    assert read_later.exists() and not untouched.exists()


def test_prune_older_than(tmp_path: Path) -> None:
    old, recent = put(tmp_path, "old", 40), put(tmp_path, "recent", 10)
    result = cli("cache", "prune", "--cache-dir", str(tmp_path), "--older-than", "30d")
    assert result.exit_code == 0, result.output
    assert not old.exists() and recent.exists()


def test_prune_never_removes_what_a_running_build_uses(tmp_path: Path) -> None:
    """A real process registered as a running build: entries used since it started stay,
    older ones go; once it is killed (-9), its registration no longer protects anything."""
    before = put(tmp_path, "before", 1)
    build = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path\n"
         "from pipeline.audio.cache_prune import running_build\n"
         f"with running_build(Path({str(tmp_path)!r})):\n"
         "    print('running', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert build.stdout.readline() == "running\n"
        in_use = put(tmp_path, "in-use", 0)  # used now, while that build runs
        result = cli("cache", "--cache-dir", str(tmp_path), "prune", "--max-size", "0")
        assert result.exit_code == 0, result.output
        assert "kept 1 entries in use by running builds" in result.output
        assert in_use.exists() and not before.exists()
    finally:
        build.kill()
        build.wait()
    cli("cache", "--cache-dir", str(tmp_path), "prune", "--max-size", "0")
    assert not in_use.exists()
    assert not list((tmp_path / "builds").iterdir()), "the dead build's marker is cleared"


def test_a_build_prunes_past_its_limit(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stale = put(cache, "stale", 100)
    out = tmp_path / "out"
    command = ["build", str(FIXTURES / "short.md"), "-o", str(out), "--formats", "epub,mp3"]
    result = cli(*command, "--cache-dir", str(cache), "--cache-max-size", "1K")
    assert result.exit_code == 0, result.output
    assert not stale.exists(), "an entry unused for 100 days goes past the limit"
    # The build's own entries were in use, so they stayed: a rebuild speaks nothing.
    result = cli(*command, "--cache-dir", str(cache), "--force")
    assert result.exit_code == 0, result.output
    assert re.search(r"; 0 of \d+ utterances synthesized", result.output), result.output


def test_entries_follow_the_umask_so_a_group_can_share_them(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from pipeline.audio.cache import SentenceCache, cache_key\n"
        "from pipeline.engines.base import Speech\n"
        f"SentenceCache(Path({str(tmp_path)!r})).put(cache_key('x'), Speech(b'ab', 22050))"
    )
    subprocess.run([sys.executable, "-c", script], check=True, umask=0o002)
    (entry,) = (tmp_path / "speech").rglob("*.pcm")
    assert entry.stat().st_mode & 0o777 == 0o664
    assert entry.parent.stat().st_mode & 0o777 == 0o775


def test_a_batch_prunes_once_a_minute_and_at_its_end(tmp_path: Path) -> None:
    """Not after every article: a prune reads every entry of the cache. What the batch used
    itself is never pruned, even past the limit."""
    old = [put(tmp_path, f"old-{k}", 30 - k) for k in range(4)]
    now = [0.0]
    with batch_pruning(tmp_path, 250 * 1024, clock=lambda: now[0]) as after_article:
        fresh = put(tmp_path, "made-by-the-batch", 0)
        after_article()  # 0 s: too soon
        assert all(p.exists() for p in old)
        now[0] = 61.0
        after_article()
        assert [p.exists() for p in old] == [False, False, False, True]
        put(tmp_path, "also-made-by-the-batch", 0)
        now[0] = 100.0
        after_article()  # 39 s after the last prune
        assert old[3].exists()
    assert not old[3].exists() and fresh.exists(), "the end prunes, keeping the batch's own"
