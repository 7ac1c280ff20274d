"""The whole book on one clock: where each chapter and each spoken utterance sits in the
article's single MP3 (``<slug>.mp3``) or in its spoiler-free cut.

Every time here comes from synthesis (``pipeline.audio.tracks.Clip``), the same numbers the
Media Overlays use. The book MP3 joins the track MP3s frame by frame, so each track starts
where the frames before it end (``pipeline.audio.mp3_join.mp3_span``: exact to the sample, a few
milliseconds of encoder padding after each track's own duration); the audio is never decoded
to measure it.
The book MP3, its ID3 chapters, the WebVTT transcripts, the JSON chapters and the web edition
all read this one module.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.audio.tracks import NarratedTrack
from pipeline.edition.chapters import chapter_href
from pipeline.narration.script import Kind
from pipeline.publication import Publication

UNPAGED = frozenset({Kind.CREDITS, Kind.ENDING})
"""Utterances with no element in the EPUB (opening credits, "The end.")."""


@dataclass(frozen=True)
class ChapterMark:
    """One chapter (one track) on the book's clock."""

    id: str
    """The chapter's id: its main section's id, the stem of its EPUB document."""
    title: str
    """As players show it: "Spoiler: ..." for a spoiler chapter."""
    start: float
    end: float
    spoiler: bool
    href: str
    """The chapter's document in the EPUB (``<id>.xhtml``)."""
    track: str
    """The chapter's track MP3, relative to the article folder (``audio/NN - Title.mp3``)."""


@dataclass(frozen=True)
class Cue:
    """One spoken utterance on the book's clock (seconds)."""

    id: str
    """The utterance id: for headings, spoiler warnings and sentences, the id of the element
    in the EPUB (the Media Overlays' text target); ``book__credits`` / ``book__end`` for the
    opening credits and the ending, which have no element."""
    start: float
    end: float
    text: str
    """The text as written (not the spoken form with pronunciations applied)."""
    chapter_id: str
    kind: Kind
    spoiler: bool
    """Spoken in a spoiler chapter (its warning included)."""

    @property
    def in_epub(self) -> bool:
        """Whether ``id`` names an element of the EPUB."""
        return self.kind not in UNPAGED


@dataclass(frozen=True)
class Timeline:
    """A book's chapters and cues in order, with its exact duration."""

    chapters: tuple[ChapterMark, ...]
    cues: tuple[Cue, ...]
    duration: float
    spoiler_free: bool


def track_cues(narrated: NarratedTrack, offset: float = 0.0) -> tuple[Cue, ...]:
    """The cues of one track, shifted by ``offset`` seconds (0 for the track's own clock)."""
    chapter = narrated.track.chapter
    return tuple(
        Cue(
            clip.utterance_id,
            offset + clip.begin,
            offset + clip.end,
            utterance.text,
            chapter.id,
            utterance.kind,
            chapter.spoiler,
        )
        for utterance, clip in zip(narrated.track.utterances, narrated.clips, strict=True)
    )


def book_tracks(publication: Publication, spoiler_free: bool = False) -> tuple[NarratedTrack, ...]:
    """The tracks laid end to end in the book MP3 (``spoiler_free``: in its spoiler-free cut,
    whose first track's credits say so)."""
    narration = publication.narration
    assert narration is not None, "the book's timeline needs its narration"
    if not spoiler_free:
        return narration.tracks
    if narration.spoiler_free is not None:
        return narration.spoiler_free
    return tuple(t for t in narration.tracks if not t.track.chapter.spoiler)


def book_timeline(publication: Publication, spoiler_free: bool = False) -> Timeline:
    """Chapters and cues of the whole-article MP3, or of its spoiler-free cut: a chapter runs
    from where its track starts to where the next one starts (the last, to its last sample)."""
    full = {t.track.chapter.id: t for t in book_tracks(publication)}
    tracks = book_tracks(publication, spoiler_free)
    starts = [0.0]
    for narrated in tracks[:-1]:
        starts.append(starts[-1] + narrated.mp3_span)
    ends = [*starts[1:], starts[-1] + tracks[-1].duration]
    chapters: list[ChapterMark] = []
    cues: list[Cue] = []
    for narrated, start, end in zip(tracks, starts, ends, strict=True):
        chapter = narrated.track.chapter
        chapters.append(
            ChapterMark(
                chapter.id,
                narrated.track.title,
                start,
                end,
                chapter.spoiler,
                chapter_href(chapter),
                full.get(chapter.id, narrated).track.file_name,
            )
        )
        cues.extend(track_cues(narrated, start))
    return Timeline(tuple(chapters), tuple(cues), ends[-1], spoiler_free)
