"""Speech normalization: what an engine is given to say, as opposed to what is written.

``spoken_form(text, lang, lexicon)`` returns the text to speak and every change made, each with
its written form, so ``earmark script`` can show them. The EPUB, the sentence spans and the
Media Overlay targets never see this: it changes only what is spoken.

Three layers, applied in one pass over the written text:

1. the **lexicon** (house ``pronunciations.yaml`` plus the article's front matter), whole words,
   case-aware; it always wins;
2. text in a **script the voice does not read** (``scripts.py``): "a phrase in Chinese";
3. the **language's rules**, from the table ``NORMALIZERS`` (``lang`` primary subtag -> module
   function ``changes(text, region)``). Another language is one module plus one row here. A
   language without a module gets the lexicon only.

``SENTENCE_ENDS`` is the same kind of table for sentence boundaries (``lang`` primary subtag
-> ``sentence_ends(text)``): the narration's segmenter uses a language's own rules when it has
them, and normalization asks them whether an abbreviation's period also ends the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.speech import en
from pipeline.speech.claims import ClaimedSpans
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.scripts import foreign_runs
from pipeline.speech.types import Change

NORMALIZATION_VERSION = 3
"""Bump when a rule changes what is spoken. Speech is cached by its spoken text, so after a
bump only the sentences whose spoken text really changed are synthesized again."""

Normalizer = Callable[[str, str], list[Change]]
"""(written text, region such as "US" or "GB") -> non-overlapping changes, in any order."""

NORMALIZERS: dict[str, Normalizer] = {
    "en": en.changes,
}

SentenceEnds = Callable[[str], list[int]]
"""text -> the offset just after each sentence but the last, in order."""

SENTENCE_ENDS: dict[str, SentenceEnds] = {
    "en": en.sentence_ends,
}

__all__ = [
    "NORMALIZATION_VERSION",
    "NORMALIZERS",
    "SENTENCE_ENDS",
    "Change",
    "Lexicon",
    "Spoken",
    "spoken_form",
]


@dataclass(frozen=True)
class Spoken:
    """A text as it will be spoken, and each span that differs from the written text."""

    text: str
    changes: tuple[Change, ...]


def spoken_form(text: str, lang: str, lexicon: Lexicon, normalize: bool = True) -> Spoken:
    """What an engine should say for ``text`` in language ``lang`` (a BCP 47 tag). With
    ``normalize`` off (an engine that normalizes itself), only the lexicon applies."""
    primary, _, rest = lang.replace("_", "-").partition("-")
    region = rest.split("-")[-1].upper() if rest else ""
    claimed = lexicon.changes(text)
    if normalize:
        taken = ClaimedSpans([(c.start, c.end) for c in claimed])
        rules = NORMALIZERS.get(primary.lower())
        # Text in a script the voice does not read comes first: no rule reads it either.
        for batch in (foreign_runs(text, lang), rules(text, region) if rules else []):
            for change in sorted(batch, key=lambda c: c.start):
                if not taken.overlaps(change.start, change.end):
                    claimed.append(change)
                    taken.claim(change.start, change.end)
    claimed.sort(key=lambda c: c.start)
    ends = _sentence_ends(text, primary.lower(), claimed)
    parts, position = [], 0
    for change in claimed:
        parts.append(text[position : change.start])
        spoken = change.spoken
        if (
            spoken
            and change.rule != "lexicon"
            and change.written.endswith(".")
            and change.end in ends
        ):
            spoken += "."  # the abbreviation's period also ended the sentence
        if spoken and text[change.start - 1 : change.start].isalnum():
            spoken = " " + spoken  # "R&B" is "R and B"
        if spoken and text[change.end : change.end + 1].isalnum():
            spoken += " "
        parts.append(spoken)
        position = change.end
    parts.append(text[position:])
    spoken_text = " ".join("".join(parts).split())
    if any(not change.spoken for change in claimed):  # "loved it 🎬!" is "loved it!"
        spoken_text = re.sub(r"\s+(?=[,.;:!?])", "", spoken_text)
    return Spoken(spoken_text, tuple(claimed))


def _sentence_ends(text: str, language: str, changes: list[Change]) -> frozenset[int]:
    """Where sentences end in ``text`` (its end included), asked only when a rule's change
    ends with a period: the period of "Sat." ends the sentence and is kept after "Saturday",
    the one of "a.m." in "At 5 a.m. Mr. Smith went..." does not."""
    if not any(c.rule != "lexicon" and c.written.endswith(".") for c in changes):
        return frozenset()
    ends = SENTENCE_ENDS.get(language)
    found = [*(ends(text) if ends else []), len(text.rstrip())]
    return frozenset([*found, *(_closed(text, end) for end in found)])


def _closed(text: str, end: int) -> int:
    """An end before its closing quotes and brackets: ``Sat.)`` ends the sentence at ``.``."""
    while end > 0 and text[end - 1] in "\"”’')]»*":
        end -= 1
    return end
