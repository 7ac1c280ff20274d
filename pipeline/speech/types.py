"""The one value every speech rule produces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """``text[start:end]`` (``written``) is spoken as ``spoken``; ``rule`` names the rule or
    "lexicon"."""

    start: int
    end: int
    written: str
    spoken: str
    rule: str
