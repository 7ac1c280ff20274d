"""What a build is asked to do: one frozen value handed to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class EngineOptions:
    """What the command line says about the engine; each engine reads what applies to it."""

    voice: str | None = None
    """Piper: a path to an .onnx voice (default: the bundled en_US-joe-medium)."""
    lang: str | None = None
    """gTTS: language code such as 'en' (default: the article's language)."""
    tld: str = "com"
    """gTTS: Google Translate domain suffix, which selects the accent ('co.uk', 'com.au')."""
    workers: int = 0
    """Piper: how many voice processes may synthesize at once; 0 means one per CPU core
    (a parallel batch gives each article its share)."""
    extra: dict[str, str] = field(default_factory=dict)


class SpoilerMode(StrEnum):
    """How spoiler sections are published."""

    MARK = "mark"
    """Keep them, clearly marked and skippable (the default)."""
    OMIT = "omit"
    """Leave them out: a spoiler-free edition."""


IMAGE_MODES = ("describe", "skip")
CODE_MODES = ("announce", "read", "skip")
FOOTNOTE_MODES = ("read", "skip")


@dataclass(frozen=True)
class ContentOptions:
    """How the narration treats images, code, footnotes and tables (``[build]`` in
    earmark.toml); the allowed values are the ``*_MODES`` above."""

    images: str = "describe"
    """"describe": say "Image: ALT." (silent for decorative images); "skip": say nothing."""
    code: str = "announce"
    """"announce": "Code sample in Rust, 12 lines."; "read": read the code; "skip"."""
    footnotes: str = "read"
    """"read": the notes at the end of their section ("Notes. One: ..."); "skip"."""
    table_rows: int = 12
    """A table with more body rows than this is announced ("A table of 40 rows, in the
    text.") instead of read row by row."""


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
    """Speech engine name from ``pipeline.engines.ENGINES``."""
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
    content: ContentOptions = field(default_factory=ContentOptions)
    """How images, code, footnotes and tables are narrated (``[build]`` in earmark.toml)."""
    drafts: bool = False
    """Build articles whose front matter says ``draft: true`` (else they are skipped)."""


@dataclass(frozen=True)
class FeedSettings:
    """The ``[feed]`` table: what the podcast feeds say about their publisher."""

    title: str | None = None
    description: str | None = None
    base_url: str | None = None
    """Absolute http(s) URL of the output folder; without it no feed is written."""
    author: str | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    image: Path | None = None
    category: str = "Arts"
    subcategory: str | None = "Books"
    explicit: bool = False
    language: str | None = None

    @property
    def published(self) -> bool:
        """Whether the output folder has podcast feeds: the one place this is decided (the
        feeds writer, the batch index and the article pages all ask here)."""
        return self.base_url is not None


BUILD_DEFAULTS = ("formats", "spoilers", "engine", "voice")
"""The ``build`` command's options that ``[build]`` may set."""


@dataclass(frozen=True)
class BuildDefaults:
    """The ``[build]`` table: defaults for flags the command line did not give."""

    formats: tuple[str, ...] | None = None
    engine: str | None = None
    voice: str | None = None
    spoilers: str | None = None
    content: ContentOptions = field(default_factory=ContentOptions)
    """Not command-line flags: the narration's settings for images, code, notes, tables."""

    def apply(self, given: set[str], **flags: object) -> tuple[object, ...]:
        """``flags`` (in ``BUILD_DEFAULTS`` order), each replaced by this file's value unless
        it was ``given`` on the command line or the file does not set it."""
        values = []
        for name in BUILD_DEFAULTS:
            mine = getattr(self, name)
            values.append(flags[name] if name in given or mine is None else mine)
        return tuple(values)


@dataclass(frozen=True)
class Project:
    """A source folder's settings (all defaults when it has no ``earmark.toml``)."""

    path: Path | None = None
    feed: FeedSettings = field(default_factory=FeedSettings)
    build: BuildDefaults = field(default_factory=BuildDefaults)
