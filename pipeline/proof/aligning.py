"""Aligning: the heard words placed on the track's utterances by time, then compared with what
earmark asked the voice to say, both sides normalized the same way (Whisper's own English
normalizer: numbers, symbols, spellings), word by word (rapidfuzz's Levenshtein on words).

Each utterance is heard on its own (``hearing``), so a word belongs to the utterance whose span
holds its middle, the pause between two utterances split at its middle.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import Levenshtein
from whisper_normalizer.basic import BasicTextNormalizer
from whisper_normalizer.english import EnglishTextNormalizer

from pipeline.proof.built import BuiltTrack, TimedUtterance
from pipeline.proof.hearing import HeardWord

_APOSTROPHES = str.maketrans("\u2019\u02bc()[]{}", "''      ")
"""Typographic apostrophes as the normalizer knows them, so "didn’t" becomes "did not"; and
brackets as spaces, since Whisper's normalizers drop what is inside them (they mark sounds
such as "[music]" in a transcript), but in an article they hold words that are spoken."""


@dataclass(frozen=True)
class Comparison:
    """What was meant and what was heard for one utterance, normalized, and their distance."""

    utterance: TimedUtterance
    heard: str
    meant_words: tuple[str, ...]
    heard_words: tuple[str, ...]
    errors: int
    """Word edits (substitutions, deletions, insertions) from the meant to the heard words."""
    misheard: tuple[tuple[str, str], ...]
    """(meant, heard) word pairs the recogniser substituted."""

    @property
    def error(self) -> float:
        """The word error rate: edits per meant word."""
        return self.errors / max(len(self.meant_words), 1)


@cache
def normalizer(lang: str) -> Callable[[str], str]:
    """Whisper's normalizer for ``lang``: the English one (numbers, spellings), else basic."""
    return EnglishTextNormalizer() if lang.split("-")[0] == "en" else BasicTextNormalizer()


def words_of(text: str, lang: str) -> tuple[str, ...]:
    """``text`` normalized and split into words."""
    return tuple(normalizer(lang)(text.translate(_APOSTROPHES)).split())


def compare_track(track: BuiltTrack, heard: Sequence[HeardWord], lang: str) -> list[Comparison]:
    """One comparison per utterance of ``track``, in order."""
    utterances = track.utterances
    groups = _by_time(utterances, heard)
    meant = [words_of(u.spoken, lang) for u in utterances]
    return [
        _comparison(u, group, words, lang)
        for u, group, words in zip(utterances, groups, meant, strict=True)
    ]


def _by_time(
    utterances: Sequence[TimedUtterance], heard: Sequence[HeardWord]
) -> list[list[HeardWord]]:
    cuts = [(a.end + b.start) / 2 for a, b in itertools.pairwise(utterances)]
    groups: list[list[HeardWord]] = [[] for _ in utterances]
    for word in heard:
        middle = (word.start + word.end) / 2
        groups[sum(middle >= cut for cut in cuts)].append(word)
    return groups


def _text(heard: Sequence[HeardWord]) -> str:
    return " ".join(word.text for word in heard)


def _comparison(
    utterance: TimedUtterance, heard: Sequence[HeardWord], meant: tuple[str, ...], lang: str
) -> Comparison:
    text = _text(heard)
    got = words_of(text, lang)
    ops = Levenshtein.editops(meant, got)
    misheard = tuple((meant[op.src_pos], got[op.dest_pos]) for op in ops if op.tag == "replace")
    return Comparison(utterance, text, meant, got, len(ops), misheard)
