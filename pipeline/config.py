"""What a build is asked to do: one frozen value handed to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class SpoilerMode(StrEnum):
    """How spoiler sections are published."""

    MARK = "mark"
    """Keep them, clearly marked and skippable (the default)."""
    OMIT = "omit"
    """Leave them out: a spoiler-free edition."""


@dataclass(frozen=True)
class BuildConfig:
    """Options for building articles."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = ("epub",)
    """Writer names from ``pipeline.writers.WRITERS``; the manifest is always written."""
    spoilers: SpoilerMode = SpoilerMode.MARK
