"""Keeping the caches: their size, and pruning the least recently used entries.

An entry is one sentence's speech (``speech/ab/<key>.pcm``) or one mastered track
(``tracks/ab/<key>/``). Reading an entry touches it (``SentenceCache.get``, ``TrackCache.get``),
so its modification time is its last use. A running build registers itself in ``builds/``
with a held lock (``running_build``); ``prune`` never removes an entry used since the oldest
running build started (every entry a build uses is touched after its start), and checks each
entry's time again just before removing it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import UsageError

CACHES = {"speech": "sentences' speech", "tracks": "mastered tracks"}
"""Sub-folder of the cache root -> what its entries are."""
_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_AGE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
PRUNE_EVERY_SECONDS = 60.0
"""How often a batch with a size limit prunes while it runs (a prune reads every entry, so
not after every article)."""


@dataclass(frozen=True)
class Entry:
    """One cache entry: a file (speech) or a folder (track)."""

    path: Path
    size: int
    used: float
    """Last use (modification time), seconds since the epoch."""


@dataclass(frozen=True)
class CacheSize:
    """How big one cache is."""

    name: str
    entries: int
    size: int


@dataclass(frozen=True)
class Pruned:
    """What ``prune`` did."""

    removed: int
    freed: int
    kept_in_use: int
    """Entries that matched but were used since a running build started."""


def entries(root: Path, cache: str) -> list[Entry]:
    """The entries of one cache (``speech`` or ``tracks``)."""
    found = []
    for shard in _listdir(root / cache):
        for item in _listdir(shard):
            if item.name.startswith("."):
                continue  # a write in progress (hidden until renamed into place)
            with contextlib.suppress(OSError):
                info = item.stat()
                size = info.st_size if item.is_file() else _folder_size(item)
                found.append(Entry(item, size, info.st_mtime))
    return found


def cache_sizes(root: Path) -> list[CacheSize]:
    """Size and entry count of each cache under ``root``."""
    sizes = []
    for name in CACHES:
        found = entries(root, name)
        sizes.append(CacheSize(name, len(found), sum(e.size for e in found)))
    return sizes


def prune(root: Path, max_size: int | None = None, older_than: float | None = None) -> Pruned:
    """Remove entries unused for ``older_than`` seconds, then the least recently used until
    the caches hold at most ``max_size`` bytes; never one used since a running build began."""
    now = time.time()
    protected_since = min([now, *_running_builds(root)])
    everything = sorted((e for name in CACHES for e in entries(root, name)), key=lambda e: e.used)
    total = sum(e.size for e in everything)
    removed = freed = kept = 0
    for entry in everything:
        too_old = older_than is not None and entry.used < now - older_than
        too_big = max_size is not None and total > max_size
        if not (too_old or too_big):
            continue
        if entry.used >= protected_since or _used_since(entry, protected_since):
            kept += 1
            continue
        _remove(entry.path)
        removed, freed, total = removed + 1, freed + entry.size, total - entry.size
    return Pruned(removed, freed, kept)


@contextlib.contextmanager
def batch_pruning(
    root: Path, max_size: int | None, clock: Callable[[], float] = time.monotonic
) -> Iterator[Callable[[], None]]:
    """Keep the caches under ``max_size`` (None: no limit) during a batch. The batch counts as
    a running build, so nothing it used is pruned; the function it yields, called after each
    article, prunes what is older at most every ``PRUNE_EVERY_SECONDS``, and the caches are
    pruned once more when the batch ends (not when it is interrupted)."""
    if max_size is None:
        yield lambda: None
        return
    last = clock()

    def after_article() -> None:
        nonlocal last
        if clock() - last >= PRUNE_EVERY_SECONDS:
            prune(root, max_size=max_size)
            last = clock()

    with running_build(root):
        yield after_article
        prune(root, max_size=max_size)


@contextlib.contextmanager
def running_build(root: Path) -> Iterator[None]:
    """Register a build as using the caches under ``root`` while the block runs."""
    folder = root / "builds"
    # The start time is in the name: taking a lock (to test it) truncates the file, which
    # changes its modification time.
    marker = folder / f"{time.time():.3f}-{os.getpid()}-{uuid.uuid4().hex[:8]}.lock"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(marker)
        lock.acquire()
    except OSError:  # an unwritable cache is only slower; prune cannot write there either
        yield
        return
    try:
        yield
    finally:
        lock.release()
        marker.unlink(missing_ok=True)


def parse_size(text: str) -> int:
    """``5G``, ``500M``, ``1.5T``, ``800K`` or bytes -> bytes (binary units)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", text, re.IGNORECASE)
    if not match:
        raise UsageError(f"'{text}' is not a size.", "Write it like 500M, 5G or 1T.")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2).upper()])


def parse_age(text: str) -> float:
    """``30d``, ``12h``, ``2w``, ``90m``, ``45s`` -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text, re.IGNORECASE)
    if not match:
        raise UsageError(f"'{text}' is not an age.", "Write it like 30d, 12h or 2w.")
    return float(match.group(1)) * _AGE_UNITS[match.group(2).lower()]


def human_size(size: float) -> str:
    """Bytes as ``1.2 GB`` (binary units)."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"


def _running_builds(root: Path) -> list[float]:
    """Start times of live builds; markers of dead ones (killed) are removed."""
    starts = []
    for marker in _listdir(root / "builds"):
        lock = FileLock(marker)
        try:
            lock.acquire(timeout=0)
        except Timeout:  # held: that build is alive
            with contextlib.suppress(ValueError):
                starts.append(float(marker.name.split("-")[0]))
            continue
        except OSError:
            continue
        marker.unlink(missing_ok=True)
        lock.release()
    return starts


def _used_since(entry: Entry, moment: float) -> bool:
    try:
        return entry.path.stat().st_mtime >= moment
    except OSError:
        return True  # gone or replaced meanwhile: leave it alone


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


def _listdir(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []
