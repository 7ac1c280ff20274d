"""The narration script: what is spoken on each track, sentence by sentence, and the pauses.

One track per chapter (see ``pipeline.chapters``). A track speaks, in order: the opening credits
(first track only), the spoiler warning (spoiler tracks), the chapter's headings, the sentences
of its body text, and "The end." (last track only).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import pysbd
from pathvalidate import sanitize_filename

from pipeline.chapters import next_spoiler_free
from pipeline.model import (
    Block,
    BlockQuote,
    Chapter,
    ListBlock,
    Paragraph,
    Section,
    plain_text,
)
from pipeline.narration.chunks import bounded_spans
from pipeline.narration.speech import Change, Lexicon, spoken_form
from pipeline.publication import Publication


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
        filesystem."""
        marker = "Spoiler - " if self.chapter.spoiler else ""
        stem = f"{self.number:02d} - {marker}{self.chapter.main.title}"
        safe = sanitize_filename(stem, platform="universal", max_len=120).strip(" .")
        return f"audio/{safe}.mp3"


def build_script(
    publication: Publication, narrator: str, normalize: bool = True, phonemes: bool = True
) -> tuple[Track, ...]:
    """The narration script of every chapter of ``publication``. ``normalize`` and
    ``phonemes`` say what the engine wants: normalized text (``pipeline.narration.speech``),
    and lexicon entries in ``[[ phonemes ]]``."""
    meta = publication.article.metadata
    lexicon = Lexicon(meta.pronunciations, phonemes)

    def utterance(id_: str, kind: Kind, text: str) -> Utterance:
        spoken = spoken_form(unicodedata.normalize("NFC", text), meta.lang, lexicon, normalize)
        return Utterance(id_, kind, text, spoken.text, spoken.changes)

    def bounded(id_: str, kind: Kind, text: str) -> list[Utterance]:
        return [utterance(chunk.id, kind, chunk.text) for chunk in _chunks(id_, text, "c")]

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
        for paragraph in paragraph_sentences(chapter.main, meta.lang):
            for sentence in paragraph:
                kind = Kind.PARAGRAPH_END if sentence is paragraph[-1] else Kind.SENTENCE
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


def is_speakable(text: str) -> bool:
    """Whether ``text`` has anything an engine can say (not only punctuation or emoji)."""
    return any(character.isalnum() for character in text)


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence of ``text``, spaces excluded. A piece
    that cannot start a sentence (it opens with a comma or a small letter, or with a number
    right after an abbreviation such as "Fri." or "No.") stays with the sentence before it:
    pysbd sometimes ends a sentence at an abbreviation."""
    spans: list[tuple[int, int]] = []
    # A pysbd Segmenter keeps the text it is splitting on itself, and writers split in
    # parallel threads (EPUB, web page): one split at a time, or spans go missing.
    with _SEGMENTING:
        segments = _segmenter(_pysbd_language(lang)).segment(text)
    for segment in segments:
        start, end = segment.start, segment.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if spans and _continues(text[spans[-1][0] : spans[-1][1]], text[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][a-z]{0,3}\.$")


def _continues(previous: str, piece: str) -> bool:
    if piece[0] in ",;:)" or piece[0].islower():
        return True
    return piece[0].isdigit() and _ABBREVIATION_END.search(previous) is not None


@dataclass(frozen=True)
class Sentence:
    """A narrated sentence: where it sits in its paragraph's plain text, and its id."""

    start: int
    end: int
    id: str
    text: str


def paragraph_sentences(section: Section, lang: str) -> list[list[Sentence]]:
    """For each paragraph of the section's own text, in document order (paragraphs, list
    items, quotes; code is not read), its speakable sentences, a sentence too long to speak
    well cut into bounded chunks (``pipeline.narration.chunks``). The narration script and the
    read-aloud XHTML both come from this, so every utterance has its ``<span id>``."""
    result = []
    number = 0
    for paragraph in iter_paragraphs(section.blocks):
        text = plain_text(paragraph.inlines)
        sentences = []
        for sentence_start, sentence_end in sentence_spans(text, lang):
            for start, end in bounded_spans(text, sentence_start, sentence_end):
                number += 1
                if is_speakable(text[start:end]):
                    sentence_id = f"{section.id}__s{number}"
                    sentences.append(Sentence(start, end, sentence_id, text[start:end]))
        result.append(sentences)
    return result


def heading_chunks(section: Section) -> list[Sentence]:
    """The heading's utterances: one with the section's id, or for a very long heading,
    bounded chunks with ids ``<section id>__h<n>`` (each a ``<span>`` in the heading)."""
    return _chunks(section.id, section.title, "h")


def _chunks(id_: str, text: str, tag: str) -> list[Sentence]:
    """``text`` whole under ``id_``, or cut into bounded chunks ``<id_>__<tag><n>``."""
    spans = bounded_spans(text, 0, len(text))
    if len(spans) == 1:
        return [Sentence(0, len(text), id_, text)]
    return [Sentence(s, e, f"{id_}__{tag}{n}", text[s:e]) for n, (s, e) in enumerate(spans, 1)]


def iter_paragraphs(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
    """Paragraphs in document order, inside lists and quotes too."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, BlockQuote):
            yield from iter_paragraphs(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from iter_paragraphs(item)


_SEGMENTING = threading.Lock()


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _pysbd_language(lang: str) -> str:
    primary = lang.split("-")[0].lower()
    return primary if primary in pysbd.languages.LANGUAGE_CODES else "en"
