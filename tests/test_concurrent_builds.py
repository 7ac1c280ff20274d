"""Two builds of one article into one folder, as two real processes (two cron runs): the
second waits for the first and finds the output current, or with ``--no-wait`` reports it busy
naming the lock; the caches take racing writers (issue 9, category 6)."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES
from filelock import FileLock

from pipeline.audio.cache import SentenceCache, cache_key
from pipeline.engines.base import Speech
from pipeline.publishing.staging import lock_path

SOURCE = FIXTURES / "short.md"


def start(out: Path, cache: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline", "build", str(SOURCE), "-o", str(out)]
    return subprocess.Popen(
        [*command, "--cache-dir", str(cache), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out + err


def test_a_second_build_waits_then_finds_the_output_current(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = start(out, cache, "--formats", "epub,mp3")  # a fresh cache: it really speaks
    deadline = time.monotonic() + 120
    while not list(out.glob(".short.tmp-*")):  # its staging folder: it holds the lock now
        assert first.poll() is None, finish(first)
        assert time.monotonic() < deadline
        time.sleep(0.02)
    # Paused mid-build (the lock held), so the overlap does not depend on the machine's speed.
    first.send_signal(signal.SIGSTOP)
    try:
        busy = start(out, cache, "--formats", "epub,mp3", "--no-wait")
        second = start(out, cache, "--formats", "epub,mp3")
        code, output = finish(busy)
        assert code == 75, output
        assert "another earmark build of this article is running (it holds the lock " in output
        assert str(lock_path(out, "short")) in output
        time.sleep(1)
        assert second.poll() is None, "the second build waits while the first holds the lock"
    finally:
        first.send_signal(signal.SIGCONT)
    code, output = finish(first)
    assert code == 0, output
    assert "built" in output
    code, output = finish(second)
    assert code == 0, output
    assert "waiting for another build of short to finish" in output
    assert "unchanged" in output, "after waiting, the output was current"
    assert "Traceback" not in output
    assert sorted(p.name for p in out.iterdir()) == [".short.lock", "short"]


def test_waits_as_long_as_the_lock_is_held(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    with FileLock(lock_path(out, "short")):
        waiting = start(out, cache, "--formats", "epub")
        time.sleep(3)
        assert waiting.poll() is None, finish(waiting)
        assert not (out / "short").exists()
    code, output = finish(waiting)
    assert code == 0, output
    assert (out / "short" / "short.epub").is_file()


def test_cleanup_never_removes_a_live_builds_staging_folder(tmp_path: Path) -> None:
    """The old collision: the second build's start-up clean-up deleted the first's staging
    folder. A staging folder of a build holding the lock survives another build's start."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    alive = out / ".short.tmp-alive"
    alive.mkdir()
    with FileLock(lock_path(out, "short")):
        waiting = start(out, cache, "--formats", "epub")
        time.sleep(2)
        assert alive.is_dir()
    # Released without publishing: now it is abandoned, and the next build removes it.
    code, output = finish(waiting)
    assert code == 0, output
    assert not alive.exists()


def _race(root: str, seed: int) -> list[bool]:
    cache = SentenceCache(Path(root))
    seen = []
    for index in range(40):
        key = cache_key("race", index)
        speech = Speech(bytes([index % 256]) * 20000, 22050)
        cache.put(key, speech)
        got = cache.get(cache_key("race", (index + seed) % 40))
        seen.append(got is None or got.pcm == bytes([(index + seed) % 40 % 256]) * 20000)
    return seen


def test_caches_take_racing_writers(tmp_path: Path) -> None:
    """Four processes write and read the same entries at once: every read is the right speech
    or a miss, never a torn or foreign entry."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.starmap(_race, [(str(tmp_path), seed) for seed in range(4)])
    assert all(all(seen) for seen in results)
    cache = SentenceCache(tmp_path)
    for index in range(40):
        assert cache.get(cache_key("race", index)).pcm == bytes([index]) * 20000
    assert not list(tmp_path.rglob("*.tmp"))
