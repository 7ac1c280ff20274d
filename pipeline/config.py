"""What a build is asked to do: one frozen value handed to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pipeline.narration.engines.base import EngineOptions


class SpoilerMode(StrEnum):
    """How spoiler sections are published."""

    MARK = "mark"
    """Keep them, clearly marked and skippable (the default)."""
    OMIT = "omit"
    """Leave them out: a spoiler-free edition."""


DEFAULT_FORMATS = (
    "epub",
    "mp3",
    "m4b",
    "playlists",
    "book-mp3",
    "transcripts",
    "chapters",
    "web",
)


@dataclass(frozen=True)
class BuildConfig:
    """Options for building articles."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """Writer names from ``pipeline.writers.WRITERS``; the manifest is always written."""
    spoilers: SpoilerMode = SpoilerMode.MARK
    engine: str = "piper"
    """Speech engine name from ``pipeline.narration.engines.ENGINES``."""
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    cache_dir: Path | None = None
    """Cache folder (sentences and tracks); ``None`` means ``$EARMARK_CACHE_DIR`` or the user
    cache."""
    cache_max_size: int | None = None
    """Bytes: a narrated build prunes the caches down to this, least recently used first
    (``--cache-max-size``, ``$EARMARK_CACHE_MAX_SIZE``); ``None``: never."""
    jobs: int = 0
    """Articles built at once, each in its own process; 0 means one per CPU core."""
    force: bool = False
    """Rebuild even when an article's output is current."""
    feeds: bool = False
    """The output folder publishes podcast feeds (a base URL is set), so pages link to them."""
    wait: bool = True
    """When another build holds an article's output folder, wait for it (else: ``BusyError``)."""
    voice_workers: int = 0
    """Voice processes (Piper) at once on a machine; 0 means one per core, as many as fit in
    the available memory."""
    scheduler: str | None = None
    """A Dask scheduler address to build on (``"local"``: a LocalCluster); None: this machine."""
