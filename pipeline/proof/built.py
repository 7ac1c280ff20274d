"""What a finished build left for the proof: its folder must be current (its stamp's
fingerprint is the one a build with the same settings would make), and each track's audio and
WebVTT transcript give the utterances' times, matched to the script by utterance id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import BuildConfig
from pipeline.engines import make_engine
from pipeline.errors import SourceError
from pipeline.narration.script import Kind, Utterance, build_script
from pipeline.publishing.build import prepare, with_inputs
from pipeline.publishing.incremental import STAMP_NAME, current_stamp
from pipeline.speech.types import Change
from pipeline.writers import with_requirements
from pipeline.writers.names import transcript_name
from pipeline.writers.podcast.transcripts import SPOILER_CUE_PREFIX

_CUE = re.compile(r"^(?P<id>\S+)\n(?P<start>[\d:.]+) --> (?P<end>[\d:.]+)", re.MULTILINE)
_PHONEMES = re.compile(r"\[\[[^\[\]]+\]\]")


@dataclass(frozen=True)
class TimedUtterance:
    """One utterance of a built track and where it sits in the track's audio (seconds)."""

    id: str
    kind: Kind
    written: str
    spoken: str
    """What earmark asked the voice to say (phonemes shown as the written word they stand for)."""
    start: float
    end: float
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class BuiltTrack:
    """A track as the listener gets it: its audio file and its utterances."""

    file_name: str
    """Relative to the article folder (``audio/NN - Title.mp3``)."""
    title: str
    utterances: tuple[TimedUtterance, ...]


@dataclass(frozen=True)
class BuiltArticle:
    """A current build of one article."""

    source: Path
    folder: Path
    lang: str
    duration: float
    tracks: tuple[BuiltTrack, ...]


def read_build(path: Path, config: BuildConfig) -> BuiltArticle:
    """The build of ``path`` in ``config.out_dir``: a ``SourceError`` (exit 2) saying to build
    first when there is none, it is out of date, or it has no track audio and transcripts."""
    publication = prepare(path, config)
    folder = config.out_dir / publication.slug
    meta = publication.article.metadata
    formats = with_requirements(config.formats)
    engine = make_engine(config.engine, config.engine_options, meta.lang)
    publication, _, _, inputs = with_inputs(publication, formats, engine)
    build_hint = f"Run `earmark build {path}` first (with the same options)."
    if not (folder / STAMP_NAME).is_file():
        raise SourceError(path, f"there is no build of it in {folder}.", build_hint)
    stamp = current_stamp(folder, inputs)
    if stamp is None:
        raise SourceError(
            path,
            f"the build in {folder} is out of date (the source or settings changed).",
            build_hint,
        )
    if not {"mp3", "transcripts"} <= set(formats):
        raise SourceError(
            path,
            "proofing needs the track MP3s and their transcripts.",
            "Build with --formats including mp3,transcripts.",
        )
    script = build_script(
        publication, engine.narrator, engine.wants_normalized, engine.takes_phonemes
    )
    tracks = []
    for track in script:
        times = read_cue_times(folder / transcript_name(track.file_name))
        tracks.append(
            BuiltTrack(
                track.file_name,
                track.title,
                tuple(_timed(u, times[u.id]) for u in track.utterances),
            )
        )
    return BuiltArticle(path, folder, meta.lang, stamp.duration, tuple(tracks))


def _timed(utterance: Utterance, times: tuple[float, float]) -> TimedUtterance:
    spoken = _PHONEMES.sub(lambda m: _written_for(m.group(), utterance.changes), utterance.spoken)
    return TimedUtterance(
        utterance.id, utterance.kind, utterance.text, spoken, *times, utterance.changes
    )


def _written_for(phonemes: str, changes: tuple[Change, ...]) -> str:
    """The written word a lexicon's ``[[ phonemes ]]`` entry stands for."""
    return next((c.written for c in changes if c.spoken == phonemes), "")


def read_cue_times(vtt: Path) -> dict[str, tuple[float, float]]:
    """Utterance id -> (start, end) from a track's WebVTT: a sentence split over several cues
    (``id``, ``id/2``, ...) runs from its first cue's start to its last cue's end."""
    times: dict[str, tuple[float, float]] = {}
    for match in _CUE.finditer(vtt.read_text(encoding="utf-8")):
        cue_id = match["id"].removeprefix(SPOILER_CUE_PREFIX).split("/")[0]
        start, end = _seconds(match["start"]), _seconds(match["end"])
        times[cue_id] = (times[cue_id][0], end) if cue_id in times else (start, end)
    return times


def _seconds(stamp: str) -> float:
    seconds = 0.0
    for part in stamp.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds
