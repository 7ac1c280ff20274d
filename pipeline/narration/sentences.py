"""Sentences: the one segmenter that feeds the narration script, the EPUB spans and the
overlays, and the bounded chunks every utterance is cut into."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import repeat

import pysbd

from pipeline.config import ContentOptions
from pipeline.model import Block, Paragraph, Section, plain_text
from pipeline.narration.chunks import bounded_spans
from pipeline.narration.units import block_units, code_words, section_units, spoken_ranges
from pipeline.speech import SENTENCE_ENDS


def is_speakable(text: str) -> bool:
    """Whether ``text`` has anything an engine can say (not only punctuation or emoji)."""
    return any(character.isalnum() for character in text)


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence of ``text``, spaces excluded. A
    language with its own rules in ``pipeline.speech.SENTENCE_ENDS`` (English: abbreviations
    decided by what follows them) is cut by them; another by pysbd's rules for it, in
    windows, a piece that cannot start a sentence (a comma, a small letter) kept with the
    sentence before."""
    ends = SENTENCE_ENDS.get(lang.replace("_", "-").split("-")[0].lower())
    if ends is None:
        return _pysbd_spans(text, lang)
    cuts = [0, *ends(text), len(text)]
    return [span for span in map(_trimmed, cuts, cuts[1:], repeat(text)) if span]


def _trimmed(start: int, end: int, text: str) -> tuple[int, int] | None:
    """``text[start:end]`` without the spaces around it, or None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pysbd_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    segments = []
    # A pysbd Segmenter keeps the text it is splitting on itself, and writers split in
    # parallel threads (EPUB, web page): one split at a time, or spans go missing.
    with _SEGMENTING:
        for window_start, window_end in _windows(text):
            found = _segmenter(_pysbd_language(lang)).segment(text[window_start:window_end])
            segments.extend((window_start + s.start, window_start + s.end) for s in found)
    for start, end in segments:
        span = _trimmed(start, end, text)
        if span is None:
            continue
        # The end of the sentence before is enough to tell (and keeps this linear).
        previous = text[max(spans[-1][0], spans[-1][1] - 24) : spans[-1][1]] if spans else ""
        if spans and _continues(previous, text[span[0] : span[1]]):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


WINDOW = 2000
"""Characters given to pysbd at once. pysbd's abbreviation pass rewrites the whole text once
per abbreviation it finds, so its time grows with the square of a paragraph's length (a
20,000-row table pasted as one paragraph never finished); windows keep it linear."""

_WINDOW_CUTS = (re.compile(r"[.!?…][\"”’)\]]*\s+(?=\S)"), re.compile(r"\s+"))


def _windows(text: str) -> list[tuple[int, int]]:
    """``text`` as consecutive windows of at most ``WINDOW`` characters, cut after the last
    sentence-ending punctuation in the window's second half (else at the last space, else
    anywhere): a cut there is a sentence boundary pysbd would have found too, and a sentence
    longer than a window is cut into bounded chunks later anyway."""
    windows, start = [], 0
    while len(text) - start > WINDOW:
        end = start + WINDOW
        for cuts in _WINDOW_CUTS:
            found = [m.end() for m in cuts.finditer(text, start + WINDOW // 2, end)]
            if found:
                end = found[-1]
                break
        windows.append((start, end))
        start = end
    windows.append((start, len(text)))
    return windows


_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][a-z]{0,3}\.$")


def _continues(previous: str, piece: str) -> bool:
    """Whether pysbd's piece cannot start a sentence: it opens with a comma or a small
    letter, or with a number right after an abbreviation ("Nr. 5")."""
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


def unit_sentences(
    section: Section, lang: str, options: ContentOptions | None = None
) -> list[list[Sentence]]:
    """For each unit of the section's text (``pipeline.narration.units``: paragraphs, list
    items, quotes, table cells, captions, terms, notes, and what earmark says about images,
    code and embeds), in document order, its speakable sentences, a sentence too long to speak
    well cut into bounded chunks (``pipeline.narration.chunks``). The narration script and the
    read-aloud XHTML both come from this, so every utterance has its ``<span id>`` (or, for a
    line about an element, the element's id)."""
    result = []
    number = 0
    for unit in section_units(section, options or ContentOptions()):
        sentences: list[Sentence] = []
        if unit.element:
            if is_speakable(unit.said):
                number += 1
                sentences.append(Sentence(0, 0, f"{section.id}__s{number}", unit.said))
            result.append(sentences)
            continue
        text = plain_text(unit.inlines)
        ranges = spoken_ranges(unit.inlines)
        for sentence_start, sentence_end in sentence_spans(text, lang):
            for start, end in bounded_spans(text, sentence_start, sentence_end):
                number += 1
                said = _said(text, start, end, ranges)
                if is_speakable(said):
                    sentence_id = f"{section.id}__s{number}"
                    sentences.append(Sentence(start, end, sentence_id, said))
        if sentences and (unit.prefix or unit.suffix):
            sentences[0] = replace(sentences[0], text=unit.prefix + sentences[0].text)
            last = sentences[-1].text
            ended = unit.suffix == "." and last.rstrip()[-1:] in ".!?…"
            sentences[-1] = replace(sentences[-1], text=last if ended else last + unit.suffix)
        result.append(sentences)
    return result


def paragraph_sentences(
    section: Section, lang: str, options: ContentOptions | None = None
) -> list[list[Sentence]]:
    """``unit_sentences`` of the section's paragraphs only (as ``iter_paragraphs`` gives
    them), ids as in the whole section."""
    units = block_units(section.blocks, options or ContentOptions())
    pairs = zip(units, unit_sentences(section, lang, options), strict=False)  # notes after
    return [sentences for unit, sentences in pairs if unit.paragraph is not None]


def _said(text: str, start: int, end: int, ranges: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` as spoken: struck-out text left out, inline code as its words."""
    if not ranges:
        return text[start:end]
    parts, position = [], start
    for begin, stop, kind in ranges:
        begin, stop = max(begin, start), min(stop, end)
        if begin >= stop:
            continue
        parts.append(text[position:begin])
        if kind == "code":
            parts.append(f" {code_words(text[begin:stop])} ")
        position = stop
    parts.append(text[position:end])
    said = " ".join("".join(parts).split())
    return re.sub(r" (?=[.,;:!?])", "", said)


def heading_chunks(section: Section) -> list[Sentence]:
    """The heading's utterances: one with the section's id, or for a very long heading,
    bounded chunks with ids ``<section id>__h<n>`` (each a ``<span>`` in the heading)."""
    return bounded_chunks(section.id, section.title, "h")


def bounded_chunks(id_: str, text: str, tag: str) -> list[Sentence]:
    """``text`` whole under ``id_``, or cut into bounded chunks ``<id_>__<tag><n>``."""
    spans = bounded_spans(text, 0, len(text))
    if len(spans) == 1:
        return [Sentence(0, len(text), id_, text)]
    return [Sentence(s, e, f"{id_}__{tag}{n}", text[s:e]) for n, (s, e) in enumerate(spans, 1)]


def iter_paragraphs(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
    """Paragraphs in document order, inside lists, quotes and definitions too."""
    for unit in block_units(blocks, ContentOptions()):
        if unit.paragraph is not None:
            yield unit.paragraph


_SEGMENTING = threading.Lock()


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _pysbd_language(lang: str) -> str:
    primary = lang.split("-")[0].lower()
    return primary if primary in pysbd.languages.LANGUAGE_CODES else "en"
