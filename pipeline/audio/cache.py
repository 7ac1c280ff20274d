"""The caches that make rebuilds cheap, both content-addressed and safe to share between
articles, runs and processes.

- ``SentenceCache``: synthesized speech per utterance, keyed by (engine, voice, settings,
  spoken text).
- ``TrackCache``: a track's mastered audio in every rendition made so far, keyed by the speech
  keys of its utterances and the pauses between them, so an unchanged section is neither
  synthesized, mastered nor encoded again.

Every file carries (or is listed with) a checksum; a damaged entry is removed and made again.
Writes go to temporary names that are renamed into place, so a killed build never leaves a
half-written entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from pipeline.audio.mastering import Mastered
from pipeline.audio.renditions import MASTER, Rendition
from pipeline.engines.base import Speech
from pipeline.system.files import write_atomically

_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once, at import: umask can only be read by setting it
_FILE_MODE = 0o666 & ~_UMASK
_FOLDER_MODE = 0o777 & ~_UMASK
"""Entries get the user's usual permissions (``mkstemp`` alone makes them private), so a
group-writable umask (002) and a setgid folder share one cache between users."""
_MAGIC = b"EMK1"
_HEADER = struct.Struct("<4sI32s")  # magic, sample rate, sha256 of the PCM


def default_cache_dir() -> Path:
    """``$EARMARK_CACHE_DIR``, or the user's cache folder (``~/.cache/earmark`` on Linux)."""
    configured = os.environ.get("EARMARK_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("earmark"))


def cache_key(*identity: object) -> str:
    """The content address of what ``identity`` (JSON-serialisable values) describes, e.g.
    ``cache_key(engine, voice, settings, spoken_text)`` for one utterance's speech."""
    text = json.dumps(identity, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class SentenceCache:
    """Speech files under ``root/speech/ab/abcdef....pcm``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.root / "speech" / key[:2] / f"{key}.pcm"

    def has(self, key: str) -> bool:
        """Whether an entry exists (unchecked: ``get`` verifies it)."""
        return self.path(key).is_file()

    def get(self, key: str) -> Speech | None:
        """The cached speech, or None when absent or damaged (a damaged entry is removed)."""
        path = self.path(key)
        try:
            touch(path)
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        speech = _decode(data)
        if speech is None:
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        return speech

    def put(self, key: str, speech: Speech) -> None:
        """Store ``speech`` atomically; a cache that cannot be written is only slower."""
        path = self.path(key)
        header = _HEADER.pack(_MAGIC, speech.sample_rate, hashlib.sha256(speech.pcm).digest())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, header + speech.pcm, _FILE_MODE)
        except OSError:
            return


def _decode(data: bytes) -> Speech | None:
    if len(data) < _HEADER.size:
        return None
    magic, rate, digest = _HEADER.unpack_from(data)
    pcm = data[_HEADER.size :]
    if magic != _MAGIC or rate <= 0 or len(pcm) % 2 or hashlib.sha256(pcm).digest() != digest:
        return None
    return Speech(pcm, rate)


@dataclass(frozen=True)
class TrackAudio:
    """What the track cache keeps about a mastered track besides its audio files."""

    duration: float
    times: tuple[tuple[float, float], ...]
    """(begin, end) of each utterance, in script order."""
    mastering: Mastered


class TrackCache:
    """Mastered tracks under ``root/tracks/ab/abcdef.../``: ``track.json`` (timings,
    mastering, and the checksum of each rendition's file) beside the files."""

    def __init__(self, root: Path) -> None:
        self.root = root / "tracks"

    def folder(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.root / key[:2] / key

    def get(
        self, key: str, renditions: Sequence[Rendition]
    ) -> tuple[TrackAudio, dict[str, Path], list[Rendition]] | None:
        """The entry's timings, its intact files among ``renditions`` (by rendition name) and
        the renditions it lacks; None when there is no intact entry with a master."""
        folder = self.folder(key)
        try:
            touch(folder)
            info = json.loads((folder / "track.json").read_text(encoding="utf-8"))
            audio = TrackAudio(
                info["duration"],
                tuple((begin, end) for begin, end in info["times"]),
                Mastered(**info["mastering"]),
            )
            listed: dict[str, str] = info["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        files, missing = {}, []
        for rendition in dict.fromkeys((MASTER, *renditions)):
            path = folder / rendition.file_name
            digest = listed.get(rendition.file_name)
            if digest is not None and digest == file_digest(path):
                files[rendition.name] = path
            elif rendition is MASTER:
                shutil.rmtree(folder, ignore_errors=True)
                return None
            else:
                missing.append(rendition)
        return audio, files, missing

    def put(self, key: str, audio: TrackAudio, made: Mapping[Rendition, Path]) -> dict[str, Path]:
        """Move freshly encoded files into the cache and return where they now are.

        With a master, ``made`` is a new entry: it is built aside and renamed into place, so
        it appears whole; if another build got there first, its entry stays and ours is not
        cached. Without one, ``made`` are renditions encoded from the entry's master and join
        it. When the cache cannot take the files, they stay where they were."""
        folder = self.folder(key)
        kept = {rendition.name: path for rendition, path in made.items()}
        try:
            if MASTER not in made:
                return self._add_files(folder, audio, made) if folder.is_dir() else kept
            if folder.exists():
                return kept
            folder.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
        except OSError:
            return kept
        try:
            self._add_files(staging, audio, made)
            staging.chmod(_FOLDER_MODE)
            staging.rename(folder)
        except OSError:  # another build published the entry meanwhile, or the disk is full
            for rendition, path in made.items():
                if (staging / rendition.file_name).exists():
                    shutil.move(staging / rendition.file_name, path)
            shutil.rmtree(staging, ignore_errors=True)
            return kept
        return {rendition.name: folder / rendition.file_name for rendition in made}

    @staticmethod
    def _add_files(folder: Path, audio: TrackAudio, made: Mapping[Rendition, Path]) -> dict:
        listing = folder / "track.json"
        try:
            listed = json.loads(listing.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError):
            listed = {}
        for rendition, path in made.items():
            listed[rendition.file_name] = file_digest(path)
            shutil.move(path, folder / rendition.file_name)  # copies across filesystems
        data = json.dumps({**asdict(audio), "files": listed}).encode()
        write_atomically(listing, data, _FILE_MODE)
        return {rendition.name: folder / rendition.file_name for rendition in made}


def touch(path: Path) -> None:
    """Mark an entry as just used (its modification time), so pruning keeps it longest; an
    entry this user may not touch (a shared, read-only cache) is still read."""
    with contextlib.suppress(OSError):
        os.utime(path)


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's content, or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
