"""Bounded utterances: a sentence too long for a voice to speak well (a run-on paragraph with no
full stop, a very long heading) is split into chunks before synthesis.

Piper's memory grows with the length of what it is given (a 29,000-character run-on drove one
voice process to 17 GB), and long inputs are spoken with flat, hurried prosody. So a span of
more than ``MAX_CHARS`` characters is cut, in this order of preference, after clause
punctuation (; : — –), after commas, before a conjunction, after CJK punctuation, at a space,
and as a last resort (text without spaces: Chinese, Japanese, Thai) every ``MAX_CHARS_DENSE``
characters. Chunks are packed greedily up to the limit, so a long sentence becomes a few
natural phrases rather than many fragments.

The splitter returns character offsets, so the same chunks feed the read-aloud XHTML (one
``<span id>`` each) and the narration script (one utterance each).
"""

from __future__ import annotations

import re

MAX_CHARS = 250
"""Longest utterance given to an engine, in characters of written text (about 15 s of speech;
Piper's peak memory grows with it: measured, 365 MB for the seed's longest sentence of 203
characters, 449 MB for 250, 465 MB for 297; see ``benchmarks/speech.py``)."""
MAX_CHARS_DENSE = 120
"""The same for text without spaces (CJK), where a character carries about a syllable."""
MAX_SPOKEN_CHARS = 400
"""Longest text given to a voice in one call, in characters of *spoken* text: about 27 s of
speech at the voice's 15 characters a second. Normalization can make a bounded written
sentence much longer to say (a long number, a row of symbols or emoji), so the spoken text
of an utterance is bounded again (``spoken_pieces``) before synthesis."""

_BOUNDARIES = (
    re.compile(r"[;:—–](?=\s)|\s[—–]\s|[;:—–]"),
    re.compile(r",(?=\s)|,"),
    re.compile(r"\s(?=(?:and|but|or|nor|so|yet|because|while|whereas|although|though|which|"
               r"who|where|when|until|unless|then)\s)", re.IGNORECASE),
    re.compile(r"[、，；：。！？・]"),
    re.compile(r"\s"),
)  # fmt: skip


def bounded_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as one or more (start, end) chunks, each at most the limit long,
    with no leading or trailing spaces."""
    limit = _limit(text[start:end])
    return [(s, e) for s, e in _split(text, start, end, limit, 0) if s < e]


def spoken_pieces(spoken: str) -> list[str]:
    """An utterance's spoken text in pieces of at most ``MAX_SPOKEN_CHARS`` (the same
    preferences as ``bounded_spans``: clauses, then commas, then words), synthesized one
    after the other and joined: what a voice is asked for never depends on the input."""
    spans = _split(spoken, 0, len(spoken), MAX_SPOKEN_CHARS, 0)
    return [spoken[s:e] for s, e in spans if s < e]


def _limit(span: str) -> int:
    spaces = span.count(" ")
    return MAX_CHARS if spaces * 25 >= len(span) else MAX_CHARS_DENSE


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, limit: int, level: int) -> list[tuple[int, int]]:
    start, end = _trim(text, start, end)
    if end - start <= limit:
        return [(start, end)]
    if level == len(_BOUNDARIES):
        return [(i, min(i + limit, end)) for i in range(start, end, limit)]
    cuts = [m.end() for m in _BOUNDARIES[level].finditer(text, start, end) if m.end() < end]
    pieces, previous = [], start
    for cut in [*cuts, end]:
        if cut > previous:
            pieces.append((previous, cut))
            previous = cut
    chunks: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        if chunks and piece_end - chunks[-1][0] <= limit:
            chunks[-1] = (chunks[-1][0], piece_end)
        elif piece_end - piece_start <= limit:
            chunks.append((piece_start, piece_end))
        else:
            chunks.extend(_split(text, piece_start, piece_end, limit, level + 1))
    return [_trim(text, s, e) for s, e in chunks]
