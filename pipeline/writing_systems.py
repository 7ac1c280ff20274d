"""Writing systems: the script of a letter, the scripts a language is written in, and the
language a run of another script is in. The one table both narration (which names the run,
"a phrase in Chinese") and the writers (which keep it, ``<span lang="zh">``) read."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A writing system earmark recognises, and what a run of it is taken to be."""

    name: str
    prefix: tuple[str, ...]
    """Unicode character name prefixes of its letters (``CJK``, ``IDEOGRAPHIC``)."""
    fewest: int
    """The fewest letters that make a run: one ideograph is a word, a lone Greek letter a
    symbol (π) that voices read."""
    spoken: str
    """How narration names a run of it ("a phrase in Chinese")."""
    lang: str
    """The BCP 47 language of a run when nothing says better (``LETTER_CUES``)."""
    rtl: bool = False


SCRIPTS = (
    Script("Latin", ("LATIN",), 1, "Latin", ""),
    Script("Han", ("CJK", "IDEOGRAPHIC"), 1, "Chinese", "zh"),
    Script("Kana", ("HIRAGANA", "KATAKANA"), 1, "Japanese", "ja"),
    Script("Hangul", ("HANGUL",), 1, "Korean", "ko"),
    Script("Arabic", ("ARABIC",), 2, "Arabic", "ar", rtl=True),
    Script("Cyrillic", ("CYRILLIC",), 2, "Cyrillic script", "ru"),
    Script("Greek", ("GREEK",), 2, "Greek", "el"),
    Script("Hebrew", ("HEBREW",), 2, "Hebrew", "he", rtl=True),
    Script("Devanagari", ("DEVANAGARI",), 2, "Devanagari script", "hi"),
    Script("Thai", ("THAI",), 2, "Thai", "th"),
)
BY_NAME = {script.name: script for script in SCRIPTS}

LANGUAGE_SCRIPTS: dict[str, set[str]] = {
    "zh": {"Han"},
    "ja": {"Han", "Kana"},
    "ko": {"Hangul", "Han"},
    "ar": {"Arabic"},
    "fa": {"Arabic"},
    "ur": {"Arabic"},
    "ru": {"Cyrillic"},
    "uk": {"Cyrillic"},
    "be": {"Cyrillic"},
    "bg": {"Cyrillic"},
    "mk": {"Cyrillic"},
    "sr": {"Cyrillic"},
    "kk": {"Cyrillic"},
    "el": {"Greek"},
    "he": {"Hebrew"},
    "yi": {"Hebrew"},
    "hi": {"Devanagari"},
    "ne": {"Devanagari"},
    "mr": {"Devanagari"},
    "th": {"Thai"},
}
"""The scripts each language is written in besides Latin letters (which every voice reads,
a name in a Russian text say); any other language is written in Latin script."""

CJK_PRECEDENCE = ("Kana", "Hangul")
"""Han with kana in the same run is Japanese; with hangul, Korean."""

LETTER_CUES: dict[str, tuple[tuple[str, str], ...]] = {
    "Cyrillic": (
        ("ӘәҒғҚқҢңӨөҰұҮүҺһ", "kk"),
        ("Ўў", "be"),
        ("ЃѓЌќЅѕ", "mk"),
        ("ЂђЋћЏџЉљЊњЈј", "sr"),
        ("ЇїЄєҐґІі", "uk"),
    ),
    "Arabic": (("ٹڈڑںےۓھ", "ur"), ("پچژگ", "fa")),
    "Hebrew": (("װױײ", "yi"),),
}
"""Letters only one language of a script uses, checked in order (Kazakh and Belarusian
before Ukrainian, which shares their і): a run with one of them is in that language."""


@dataclass(frozen=True)
class Run:
    """A run of letters in scripts the text's language is not written in: ``text[start:end]``,
    from its first such letter to its last, with how many letters of each script it has."""

    start: int
    end: int
    letters: tuple[tuple[str, int], ...]

    @property
    def scripts(self) -> frozenset[str]:
        """The scripts of the run's letters."""
        return frozenset(name for name, _ in self.letters)


def script_of(character: str) -> str | None:
    """The script of a letter (``"Latin"``, ``"Han"``, ``"Cyrillic"``...), or None for
    digits, spaces, punctuation and letters of other scripts, which belong to any run."""
    if character.isascii():
        return "Latin" if character.isalpha() else None
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return next((s.name for s in SCRIPTS if name.startswith(s.prefix)), None)


def own_scripts(lang: str) -> set[str]:
    """The scripts a text in ``lang`` (a BCP 47 tag) is written in: Latin and its own."""
    return {"Latin", *LANGUAGE_SCRIPTS.get(lang.replace("_", "-").split("-")[0].lower(), ())}


def foreign_runs(text: str, lang: str) -> list[Run]:
    """The runs of letters in a script ``lang`` is not written in. Spaces, digits and
    punctuation between such letters belong to the run, and so do the combining marks on its
    last letter; a letter of the text's own script or a line break ends it; a run shorter
    than its scripts' ``fewest`` is no run."""
    if text.isascii():
        return []  # Latin letters, digits and punctuation only: the common case, at C speed
    own = own_scripts(lang)
    runs: list[Run] = []
    first = last = -1
    letters: Counter[str] = Counter()
    for index, character in enumerate(text):
        script = script_of(character)
        if script is not None and script not in own:
            first = index if first < 0 else first
            last = index
            letters[script] += 1
        elif first >= 0 and last == index - 1 and unicodedata.category(character)[0] == "M":
            last = index  # a vowel sign or diacritic on the run's last letter: नमस्ते, สวัสดี
        elif first >= 0 and (script in own or character == "\n"):
            runs.extend(_run(first, last, letters))
            first, letters = -1, Counter()
    if first >= 0:
        runs.extend(_run(first, last, letters))
    return runs


def _run(first: int, last: int, letters: Counter[str]) -> list[Run]:
    if sum(letters.values()) < min(BY_NAME[name].fewest for name in letters):
        return []
    return [Run(first, last + 1, tuple(sorted(letters.items())))]


def spoken_name(run: Run) -> str:
    """How narration names the run: Han alone is Chinese, with kana Japanese, with hangul
    Korean; other scripts by their names ("Cyrillic script and Greek")."""
    cjk = next((name for name in CJK_PRECEDENCE if name in run.scripts), None)
    if cjk is not None:
        return BY_NAME[cjk].spoken
    return " and ".join(sorted(BY_NAME[name].spoken for name in run.scripts))


def run_language(run: Run, text: str) -> tuple[str, bool]:
    """The BCP 47 language of a run of ``text`` and whether it is written right to left: Han
    with kana is Japanese, with hangul Korean, alone Chinese; otherwise the script with the
    most letters decides, refined by ``LETTER_CUES`` (Cyrillic with ї is Ukrainian)."""
    cjk = next((name for name in CJK_PRECEDENCE if name in run.scripts), None)
    counts = dict(run.letters)
    script = BY_NAME[cjk or max(sorted(counts), key=lambda name: counts[name])]
    piece = text[run.start : run.end]
    for letters, lang in LETTER_CUES.get(script.name, ()):
        if any(letter in piece for letter in letters):
            return lang, script.rtl
    return script.lang, script.rtl


def right_to_left(lang: str) -> bool:
    """Whether ``lang`` is written right to left (Arabic, Persian, Urdu, Hebrew, Yiddish)."""
    return any(BY_NAME[name].rtl for name in own_scripts(lang))
