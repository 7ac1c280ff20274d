"""The interface every speech engine implements, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Speech:
    """Synthesized audio of one utterance: mono, signed 16-bit little-endian PCM."""

    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        """Duration of the audio."""
        return len(self.pcm) / 2 / self.sample_rate


class Engine(Protocol):
    """A speech engine. ``synthesize`` is called once per sentence and may run in
    ``max_workers`` threads at once; it raises ``pipeline.errors.EngineError`` on failure."""

    name: str
    """Engine name as used on the command line ("piper", "gtts")."""
    voice: str
    """Voice identifier, as shown in the manifest and the About page."""
    narrator: str
    """How the opening credits name the narrator ("Joe, a Piper neural voice")."""
    max_workers: int
    """How many ``synthesize`` calls may run at once."""
    wants_normalized: bool
    """Whether it is given normalized text (``pipeline.speech``: numbers, dates,
    abbreviations... as words) or the written text (an engine that normalizes itself)."""
    takes_phonemes: bool
    """Whether lexicon entries in ``[[ phonemes ]]`` can be passed to it."""

    def settings(self) -> dict[str, object]:
        """Every setting that changes the audio; part of the sentence cache key."""
        ...

    def prepare(self, sentences: int) -> None:
        """Get ready to speak about this many sentences (start processes, open sessions)."""
        ...

    def synthesize(self, text: str) -> Speech:
        """Speak ``text`` (one sentence, already normalised) and return its audio."""
        ...

    def close(self) -> None:
        """Release what ``prepare`` started."""
        ...
