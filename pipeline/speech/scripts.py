"""Text in a writing system the voice does not read: a run of Chinese, Japanese, Korean,
Arabic, Cyrillic, Greek, Hebrew, Devanagari or Thai characters in an article whose language
is written in another script is not handed to the voice character by character (an English
voice says "Chinese letter" for each one: 111 s of audio for one 120-character heading).
Narration says what it is instead, once per run: "a phrase in Chinese". The EPUB and the web
edition keep the text itself in a ``<span lang>``, so a reading system's own voices can read
it. Which letters are which script, and what a run is called, is ``pipeline.writing_systems``:
the one table narration and the writers share."""

from __future__ import annotations

from pipeline.speech.types import Change
from pipeline.writing_systems import LANGUAGE_SCRIPTS, script_of, spoken_name
from pipeline.writing_systems import foreign_runs as runs_of

__all__ = ["LANGUAGE_SCRIPTS", "foreign_runs", "script_of"]


def foreign_runs(text: str, lang: str) -> list[Change]:
    """A change for each run of letters in a script ``lang`` is not written in, spoken as
    "a phrase in <language>". Spaces, digits and punctuation between such letters belong to
    the run; a letter of the article's own script ends it."""
    return [
        Change(
            run.start,
            run.end,
            text[run.start : run.end],
            f"a phrase in {spoken_name(run)}",
            "foreign-script",
        )
        for run in runs_of(text, lang)
    ]
