"""Pronunciation lexicons: the house list (``pronunciations.yaml`` in the source folder, for
every article built from it) and an article's front-matter ``pronunciations:``, which win.

An entry maps a written word or phrase to how it is said: words ("Oak Joo"), or phonemes in
``[[ ... ]]`` for engines that take them (Piper reads IPA there). Matching is whole-word and
case-aware: an entry written in lower case also matches its capitalised form at the start of a
sentence; any other entry matches only as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from pipeline.errors import SourceError
from pipeline.readers.structured import MAX_FILE_BYTES, compose_yaml, read_bounded
from pipeline.speech.types import Change

HOUSE_LEXICON = "pronunciations.yaml"
"""The house lexicon's file name, looked up beside each article."""
_PHONEMES = re.compile(r"^\[\[[^\[\]]+\]\]$")


@dataclass(frozen=True)
class Lexicon:
    """(written, spoken) entries; ``phonemes`` says whether the engine takes ``[[ ... ]]``
    (when it does not, phoneme entries are left unread and the written word is spoken)."""

    entries: tuple[tuple[str, str], ...] = ()
    phonemes: bool = True

    @cached_property
    def _table(self) -> dict[str, str]:
        table = {}
        for written, spoken in self.entries:
            if _PHONEMES.match(spoken.strip()) and not self.phonemes:
                continue
            table[written] = spoken
            if written[:1].islower():
                table.setdefault(written[0].upper() + written[1:], _capitalised(spoken))
        return table

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self._table:
            return None
        words = sorted(self._table, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def changes(self, text: str) -> list[Change]:
        """Every entry found in ``text``, longest first where entries overlap."""
        if self._pattern is None:
            return []
        return [
            Change(m.start(), m.end(), m.group(), self._table[m.group()], "lexicon")
            for m in self._pattern.finditer(text)
        ]


def merge(house: tuple[tuple[str, str], ...], article: tuple[tuple[str, str], ...]):
    """The house entries overridden, entry by entry, by the article's."""
    merged = dict(house)
    merged.update(article)
    return tuple(merged.items())


def read_house_lexicon(folder: Path) -> tuple[tuple[str, str], ...]:
    """The entries of ``folder/pronunciations.yaml`` (none when there is no such file).
    A malformed file is a ``SourceError`` naming the file and line."""
    path = folder / HOUSE_LEXICON
    if not path.is_file():
        return ()
    hint = (
        "Write one 'written: spoken' entry per line, e.g.\n"
        "  Ok-Ju: Oak Joo\n  Nguyen: '[[ŋwˈɪən]]'   (phonemes for Piper)"
    )
    text = read_bounded(path, MAX_FILE_BYTES, "house lexicon")
    node = compose_yaml(path, text, "the house lexicon", 1, hint)
    if node is None:
        return ()
    if not isinstance(node, yaml.MappingNode):
        message = "must map written words to how they are spoken."
        raise SourceError(path, message, hint, line=node.start_mark.line + 1)
    entries: dict[str, str] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        written = key.value.strip() if isinstance(key, yaml.ScalarNode) else ""
        if not written:
            raise SourceError(path, "an entry has no written word.", hint, line=line)
        if written in entries:
            raise SourceError(path, f"'{written}' is listed twice.", hint, line=line)
        spoken = value.value.strip() if isinstance(value, yaml.ScalarNode) else ""
        if not spoken:
            message = f"'{written}' needs a spoken form (words, or phonemes in [[ ]])."
            raise SourceError(path, message, hint, line=line)
        if ("[[" in spoken or "]]" in spoken) and not _PHONEMES.match(spoken):
            message = f"'{written}': phonemes must be the whole entry, as '[[ ... ]]'."
            raise SourceError(path, message, hint, line=value.start_mark.line + 1)
        entries[written] = spoken
    return tuple(entries.items())


def _capitalised(spoken: str) -> str:
    return spoken if spoken.startswith("[[") else spoken[:1].upper() + spoken[1:]
