"""Flagging: which utterances were heard too far from what was meant.

The measure is the character error rate of the normalized text with the spaces taken out
(edits per meant letter): a name the recogniser does not know ("Ok-ju" heard "okeju", "Min-hee"
heard "men he") costs a word or three in the word error rate but only a letter or two here,
while a skipped, garbled, reversed or wrong sentence costs most of its letters. On the seed,
undamaged, every sentence but one stays under 0.30 while every damaged one is over 0.75
(README, "Proof-listening"). The tolerance grows as sentences get shorter, where one misheard
word is a larger share: ``threshold * (1 + SHORT_WORDS / words)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from pipeline.proof.aligning import Comparison

DEFAULT_THRESHOLD = 0.25
SHORT_WORDS = 2
"""A sentence of this many words is allowed twice the threshold, one word three times."""


@dataclass(frozen=True)
class Verdict:
    """One utterance's comparison and whether it is flagged."""

    comparison: Comparison
    error: float
    """Character error rate of the normalized text, spaces ignored (0 is a perfect match)."""
    tolerance: float
    flagged: bool


def tolerance(threshold: float, words: int) -> float:
    """The error an utterance of ``words`` meant words may have before it is flagged."""
    return threshold * (1 + SHORT_WORDS / max(words, 1))


def judge(comparison: Comparison, threshold: float = DEFAULT_THRESHOLD) -> Verdict:
    """Flag ``comparison`` when its character error rate is over its tolerance."""
    meant = "".join(comparison.meant_words)
    heard = "".join(comparison.heard_words)
    error = Levenshtein.distance(meant, heard) / max(len(meant), 1)
    allowed = tolerance(threshold, len(comparison.meant_words))
    return Verdict(comparison, error, allowed, error > allowed)
