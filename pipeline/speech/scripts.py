"""Text in a writing system the voice does not read: a run of Chinese, Japanese, Korean,
Arabic, Cyrillic, Greek, Hebrew, Devanagari or Thai characters in an article whose language
is written in another script is not handed to the voice character by character (an English
voice says "Chinese letter" for each one: 111 s of audio for one 120-character heading).
Narration says what it is instead, once per run: "a phrase in Chinese". The EPUB and the web
edition keep the text itself, so a reading system's own voices can read it."""

from __future__ import annotations

import unicodedata

from pipeline.speech.types import Change

SCRIPTS = (
    ("LATIN", "Latin", 1),
    ("CJK", "Han", 1),
    ("IDEOGRAPHIC", "Han", 1),
    ("HIRAGANA", "Kana", 1),
    ("KATAKANA", "Kana", 1),
    ("HANGUL", "Hangul", 1),
    ("ARABIC", "Arabic", 2),
    ("CYRILLIC", "Cyrillic", 2),
    ("GREEK", "Greek", 2),
    ("HEBREW", "Hebrew", 2),
    ("DEVANAGARI", "Devanagari", 2),
    ("THAI", "Thai", 2),
)
"""(Unicode character name prefix, script, the fewest letters that make a run worth naming:
one ideograph is a word, but a lone Greek letter is a symbol, π, that voices read)."""

LANGUAGE_SCRIPTS: dict[str, set[str]] = {
    "zh": {"Han"},
    "ja": {"Han", "Kana"},
    "ko": {"Hangul", "Han"},
    "ar": {"Arabic"},
    "fa": {"Arabic"},
    "ur": {"Arabic"},
    "ru": {"Cyrillic"},
    "uk": {"Cyrillic"},
    "bg": {"Cyrillic"},
    "sr": {"Cyrillic"},
    "kk": {"Cyrillic"},
    "el": {"Greek"},
    "he": {"Hebrew"},
    "hi": {"Devanagari"},
    "ne": {"Devanagari"},
    "mr": {"Devanagari"},
    "th": {"Thai"},
}
"""The scripts each language is written in besides Latin letters (which every voice reads,
a name in a Russian text say); any other language is written in Latin script."""

NAMES = {
    "Hangul": "Korean",
    "Arabic": "Arabic",
    "Cyrillic": "Cyrillic script",
    "Greek": "Greek",
    "Hebrew": "Hebrew",
    "Devanagari": "Devanagari script",
    "Thai": "Thai",
}
"""How narration names a run by its script (Han alone is Chinese; with kana, Japanese)."""


def script_of(character: str) -> str | None:
    """The script of a letter (``"Latin"``, ``"Han"``, ``"Cyrillic"``...), or None for
    digits, spaces, punctuation and letters of other scripts, which belong to any run."""
    if character.isascii():
        return "Latin" if character.isalpha() else None
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return next((script for prefix, script, _ in SCRIPTS if name.startswith(prefix)), None)


def foreign_runs(text: str, lang: str) -> list[Change]:
    """A change for each run of letters in a script ``lang`` is not written in, spoken as
    "a phrase in <language>". Spaces, digits and punctuation between such letters belong to
    the run; a letter of the article's own script ends it."""
    own = {"Latin", *LANGUAGE_SCRIPTS.get(lang.replace("_", "-").split("-")[0].lower(), ())}
    changes: list[Change] = []
    run: list[int] = []  # indexes of the run's foreign letters
    scripts: set[str] = set()

    def close() -> None:
        fewest = min(count for _, script, count in SCRIPTS if script in scripts)
        if len(run) >= fewest:
            start, end = run[0], run[-1] + 1
            spoken = f"a phrase in {_language(scripts)}"
            changes.append(Change(start, end, text[start:end], spoken, "foreign-script"))
        run.clear()
        scripts.clear()

    for index, character in enumerate(text):
        script = script_of(character)
        if script is not None and script not in own:
            run.append(index)
            scripts.add(script)
        elif run and (script in own or character == "\n"):
            close()
    if run:
        close()
    return changes


def _language(scripts: set[str]) -> str:
    if "Kana" in scripts:
        return "Japanese"
    if scripts == {"Han"}:
        return "Chinese"
    if "Hangul" in scripts:
        return "Korean"
    return " and ".join(sorted(NAMES.get(s, s) for s in scripts))
