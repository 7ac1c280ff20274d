"""What narration produces: each track's mastered audio and the exact time of every utterance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline.audio.mastering import Mastered
from pipeline.audio.mp3_join import mp3_span
from pipeline.audio.renditions import MP3_RENDITION, Rendition
from pipeline.narration.script import Track


@dataclass(frozen=True)
class Clip:
    """Where one utterance sits in its track's audio, in seconds."""

    utterance_id: str
    begin: float
    end: float


@dataclass(frozen=True)
class NarratedTrack:
    """A track's mastered audio, in each rendition asked for, and the time of every utterance."""

    track: Track
    files: Mapping[str, Path]
    """Rendition name -> file (in the track cache or the build's work folder). Writers copy
    or stream these and never change them."""
    duration: float
    """Length in seconds, exact to the sample."""
    clips: tuple[Clip, ...]
    mastering: Mastered

    def audio(self, rendition: Rendition) -> Path:
        """The file of one rendition (``pipeline.audio.renditions.MASTER``, a writer's MP3, ...)."""
        return self.files[rendition.name]

    @cached_property
    def mp3_span(self) -> float:
        """Seconds its MP3 takes inside the book MP3 (``pipeline.audio.mp3_join.mp3_span``),
        read once however many writers lay out the book."""
        return mp3_span(self.audio(MP3_RENDITION))


@dataclass(frozen=True)
class Narration:
    """A book's narration: who speaks and every track's audio."""

    engine: str
    voice: str
    narrator: str
    tracks: tuple[NarratedTrack, ...]
    synthesized: int = 0
    """Utterances the engine spoke in this build (the rest came from the caches)."""
    book_audio: Mapping[str, Path] = field(default_factory=dict)
    """Rendition name -> the whole book encoded as one stream in it (the M4B's AAC), for each
    book rendition a writer asked for."""
    spoiler_free: tuple[NarratedTrack, ...] | None = None
    """The spoiler-free cut's tracks (``pipeline.narration.spoiler_free``), when a writer asked
    for it and the book has spoilers."""

    def track_for(self, chapter_id: str) -> NarratedTrack:
        """The track that narrates the chapter with this id."""
        return next(t for t in self.tracks if t.track.chapter.id == chapter_id)
