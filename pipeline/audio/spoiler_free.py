"""The spoiler-free cut's narration: its script (``pipeline.narration.spoiler_free``) narrated
through the caches, so only the edition line can be new speech."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pipeline.audio.cache import SentenceCache, TrackCache
from pipeline.audio.narrate import narrate
from pipeline.audio.renditions import Rendition
from pipeline.audio.tracks import Narration
from pipeline.engines.base import Engine
from pipeline.narration.spoiler_free import spoiler_free_script


def narrate_spoiler_free(
    narration: Narration,
    engine: Engine,
    caches: tuple[SentenceCache, TrackCache],
    work_dir: Path,
    lang: str,
    renditions: Sequence[Rendition] = (),
) -> Narration:
    """``narration`` with its spoiler-free cut, in ``renditions`` (and the lossless master),
    when it has spoilers."""
    cut = spoiler_free_script(tuple(t.track for t in narration.tracks), lang)
    if not cut:
        return narration
    work = work_dir / "spoiler-free"
    work.mkdir()
    narrated = narrate(cut, engine, caches, work, renditions)
    return replace(narration, spoiler_free=narrated.tracks)
