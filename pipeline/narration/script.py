"""The narration script: what is spoken on each track, sentence by sentence, and the pauses.

One track per chapter (see ``pipeline.edition.chapters``). A track speaks, in order: the
opening credits (first track only), the spoiler warning (spoiler tracks), the chapter's
headings, the sentences of its body text, and "The end." (last track only).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from pathvalidate import sanitize_filename

from pipeline.edition import Edition
from pipeline.edition.chapters import next_spoiler_free
from pipeline.model import Chapter
from pipeline.narration.sentences import (
    bounded_chunks,
    heading_chunks,
    is_speakable,
    unit_sentences,
)
from pipeline.narration.units import section_units
from pipeline.speech import Change, Lexicon, spoken_form


class Kind(StrEnum):
    """What an utterance is, which decides the pause after it."""

    CREDITS = "credits"
    WARNING = "warning"
    HEADING = "heading"
    SENTENCE = "sentence"
    PARAGRAPH_END = "paragraph-end"
    """The last sentence of a paragraph, list item or quote."""
    ENDING = "ending"


PAUSE_AFTER: dict[Kind, float] = {
    Kind.CREDITS: 1.5,
    Kind.WARNING: 1.2,
    Kind.HEADING: 1.0,
    Kind.SENTENCE: 0.45,
    Kind.PARAGRAPH_END: 0.9,
    Kind.ENDING: 0.0,
}
"""Seconds of room tone after each kind of utterance: the same everywhere in the book."""
HEAD_SECONDS = 0.75
"""Room tone before the first word of a track (ACX: 0.5 to 1 s)."""
TAIL_SECONDS = 2.5
"""Room tone after the last word of a track (ACX: 1 to 5 s)."""


@dataclass(frozen=True)
class Utterance:
    """One piece of speech: the unit of synthesis, caching and timing."""

    id: str
    """Unique in the book; a sentence's id is also its ``<span id>`` in the read-aloud EPUB."""
    kind: Kind
    text: str
    """The text as written."""
    spoken: str
    """The text as sent to the engine (normalised, pronunciations applied)."""
    changes: tuple[Change, ...] = ()
    """Each span of ``text`` that is spoken differently, with its spoken form."""

    @property
    def pause_after(self) -> float:
        """Seconds of room tone that follow this utterance."""
        return PAUSE_AFTER[self.kind]


@dataclass(frozen=True)
class Track:
    """One audio track: a chapter's narration."""

    number: int
    total: int
    chapter: Chapter
    utterances: tuple[Utterance, ...]

    @property
    def title(self) -> str:
        """The track's title, as in tags, playlists and chapter marks."""
        return self.chapter.main.label

    @property
    def file_name(self) -> str:
        """``audio/NN - Title.mp3`` (``NN - Spoiler - Title`` for spoilers), safe on every
        filesystem; numbered with as many digits as the last track (at least two), so the
        files sort in order."""
        marker = "Spoiler - " if self.chapter.spoiler else ""
        digits = max(2, len(str(self.total)))
        stem = f"{self.number:0{digits}d} - {marker}{self.chapter.main.title}"
        safe = sanitize_filename(stem, platform="universal", max_len=120).strip(" .")
        return f"audio/{safe}.mp3"


def build_script(
    publication: Edition, narrator: str, normalize: bool = True, phonemes: bool = True
) -> tuple[Track, ...]:
    """The narration script of every chapter of ``publication``. ``normalize`` and
    ``phonemes`` say what the engine wants: normalized text (``pipeline.speech``),
    and lexicon entries in ``[[ phonemes ]]``."""
    meta = publication.article.metadata
    lexicon = Lexicon(meta.pronunciations, phonemes)

    def utterance(id_: str, kind: Kind, text: str) -> Utterance:
        spoken = spoken_form(unicodedata.normalize("NFC", text), meta.lang, lexicon, normalize)
        return Utterance(id_, kind, text, spoken.text, spoken.changes)

    def bounded(id_: str, kind: Kind, text: str) -> list[Utterance]:
        return [utterance(chunk.id, kind, chunk.text) for chunk in bounded_chunks(id_, text, "c")]

    chapters = publication.chapters
    tracks = []
    for index, chapter in enumerate(chapters):
        utterances: list[Utterance] = []
        if index == 0:
            credits = f"{meta.title}. " + (f"By {meta.author}. " if meta.author else "")
            credits += f"Narrated by {narrator}."
            utterances.extend(bounded("book__credits", Kind.CREDITS, credits))
        if chapter.spoiler:
            warning = spoken_warning(chapters, index)
            utterances.extend(bounded(f"{chapter.id}__warning", Kind.WARNING, warning))
        for section in chapter.sections:
            for chunk in heading_chunks(section):
                utterances.append(utterance(chunk.id, Kind.HEADING, chunk.text))
        options = publication.config.content
        units = section_units(chapter.main, options)
        for unit, paragraph in zip(
            units, unit_sentences(chapter.main, meta.lang, options), strict=True
        ):
            for sentence in paragraph:
                end = sentence is paragraph[-1] and unit.ends_paragraph
                kind = Kind.PARAGRAPH_END if end else Kind.SENTENCE
                utterances.append(utterance(sentence.id, kind, sentence.text))
        if index == len(chapters) - 1:
            utterances.append(Utterance("book__end", Kind.ENDING, "The end.", "The end."))
        spoken = tuple(u for u in utterances if is_speakable(u.spoken))
        tracks.append(Track(index + 1, len(chapters), chapter, spoken))
    return tuple(tracks)


def spoken_warning(chapters: tuple[Chapter, ...], index: int) -> str:
    """The warning that opens a spoiler track, saying how far to skip."""
    target = next_spoiler_free(chapters, index)
    if target == index + 1:
        how = "To avoid it, skip to the next track."
    elif target is not None:
        how = (
            f"To avoid it, skip ahead to track {target + 1}, {chapters[target].sections[0].title}."
        )
    elif index + 1 < len(chapters):
        how = "Every track after it reveals the plot too. To avoid them, stop here."
    else:
        how = "To avoid it, stop here."
    return f"Spoiler warning. This track reveals the plot. {how}"
