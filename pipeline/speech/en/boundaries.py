"""English sentence boundaries: where a full stop, a question or exclamation mark or an
ellipsis ends a sentence, decided by the word before it and the word after it.

A stop followed by a small letter, a comma or a dash never ends a sentence ("Jane and co.
at the party", "Mon.–Fri."). Before a capital, the word before the stop decides, by its kind
(the English word tables, ``pipeline/speech/en/data``, the same ones normalization reads):

- a **title** ("Mr.", "Ft.", "Mt.", "approx.", "vs.", "c.") goes with the word after it;
- an abbreviation **before numbers** ("No.", "p.", "Fig.") goes on before a number or a
  numeral, and ends the sentence before a word;
- **initials** ("U.S.", "J.", "a.m.") and name suffixes ("Jr.", a street's "St.") end the
  sentence only before a word that starts sentences ("U.S. Government" goes on, "U.S. How"
  ends); "a.m."/"p.m." also ends it before a name, unless the sentence so far is only when
  ("At 5 a.m. Mr. Smith went...");
- **other** abbreviations ("Inc.", "etc.", "Sat.") end it, unless a date, a weekday or a
  capitalised abbreviation follows;
- any other word ends it, and before a number too ("in 1990. 2020 was").

Every known abbreviation goes on before a number ("approx. 4 hrs", "Mar. 14"). An ellipsis of
three spaced dots inside a quotation is an omission; four dots end the sentence. A paragraph
that starts with a list marker ("1.", "a)", "• 9.") is cut before each next marker in order.

One pass of one regular expression over the text, each stop judged from a bounded window
around it: linear in the text's length.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.speech.en import tables

_STOP = re.compile(r"(?P<stop>\.(?: \.){2,}|[.!?…‽]+)(?P<close>[\"”’'»)\]*]*)(?=\s|$)")
"""A candidate end: stops (".", "?!", "...", ". . . ."), then closing quotes or brackets,
then a space or the end of the text."""
_FOLLOWING = re.compile(r"\s+(?P<open>[\"“‘'(\[«¿¡]*)(?P<word>\S*)")
_GOES_ON = frozenset(",;:)]}–—/")
"""A stop followed by one of these never ends the sentence ("Mon.–Fri.")."""
_MARKER = re.compile(r"\s*(?P<bullet>[•⁃‣◦▪]\s?)?(?P<label>\d{1,2}|[a-z])(?P<punct>\.\)|[.)])\s")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
_NUMERAL = re.compile(r"(?:\d|[IVXLCDM]+\b|[A-Z]\b)")
_OPENING_TIME = re.compile(
    r"\W*(?:At|By|Around|About|Before|After|Until|Till|From|Since|Shortly after|Just after|"
    r"Just before)\s+(?:about\s+|around\s+|exactly\s+|precisely\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*$"
)
"""A sentence so far that only says when ("At 5", "Shortly after 6:30"), before "a.m."."""
_DASHES = re.compile(r"[–—/-]")
_LOOK_BACK = 40
"""Characters searched back for the word before a stop (a longer "word" is not an
abbreviation)."""


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence that is not the last (closing quotes and brackets
    included; the spaces after it are not part of either sentence), in order."""
    ends: list[int] = []
    start = 0
    items = iter(_list_item_starts(text))
    item = next(items, None)
    for match in _STOP.finditer(text):
        while item is not None and item <= match.start():
            ends.append(item)
            start, item = item, next(items, None)
        end = _end_at(text, match, start)
        if end is not None:
            ends.append(end)
            start = end
    while item is not None:
        ends.append(item)
        item = next(items, None)
    return ends


def _end_at(text: str, match: re.Match[str], start: int) -> int | None:
    """Where the sentence ends at this stop, or None if it goes on."""
    following = _FOLLOWING.match(text, match.end())
    if following is None or not (following["open"] or following["word"]):
        return None  # the end of the text ends the last sentence anyway
    if text[match.start() - 1 : match.start()] in ("[", "("):
        return None  # "[...]": an omission
    word = following["word"].rstrip(",;:!?\"”’')]")
    first = (following["open"] or word)[:1]
    if first in _GOES_ON or word[:1].islower():
        return None
    stop, end = match["stop"], match.end()
    if "!" in stop or "?" in stop or "‽" in stop:
        return end
    if len(stop) > 1 or stop == "…":
        return _ellipsis_end(text, match, first)
    before = _DASHES.split(_word_before(text, match.start(), start))[-1]  # "Mon.–Sun."
    kind = _kind(before, text, match.start() - len(before), start)
    capital = first.isalpha() or (following["open"] and word[:1].isupper())
    if not capital:  # a number or a symbol
        return None if kind else end
    if kind is None:
        return None if _is_list_marker(text[start : match.start()]) else end
    starts_sentence = word.rstrip(".") in tables.words("sentence_starters")
    if kind == "title":
        return None
    if kind == "number":
        return None if _NUMERAL.match(word) else end
    if kind == "meridiem":
        opening = text[start : match.start() - len(before)]
        if len(opening) <= _LOOK_BACK and _OPENING_TIME.fullmatch(opening):
            return None
        return None if _dated(word) or word in tables.words("time_zones") else end
    if kind in ("initials", "suffix"):
        return end if starts_sentence else None
    return None if _dated(word) or _is_abbreviation(word) else end


def _ellipsis_end(text: str, match: re.Match[str], first: str) -> int | None:
    """Four dots end the sentence; three spaced dots before a capital are an omission inside
    it ("the thing is . . . I didn't"); after a word, ". . . ." is its full stop and an
    omission that opens the next sentence."""
    stop = match["stop"]
    if " " not in stop:
        return match.end()
    attached = not text[match.start() - 1 : match.start()].isspace()
    if attached and stop.count(".") >= 4:
        return match.start() + 1
    return match.end() if stop.count(".") >= 4 or not first.isupper() else None


def _word_before(text: str, position: int, start: int) -> str:
    """The word that ends at ``position`` (a stop), opening quotes and brackets stripped."""
    begin = position
    limit = max(start, position - _LOOK_BACK)
    while begin > limit and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:position].lstrip("\"“‘'([«")


def _previous_word(text: str, position: int, start: int) -> str:
    """The word before the one that starts at ``position`` (empty at the sentence's start)."""
    end = position
    while end > start and text[end - 1].isspace():
        end -= 1
    return _word_before(text, end, start) if end > start else ""


def _kind(word: str, text: str, position: int, start: int) -> str | None:
    """The kind of abbreviation ``word`` (without its final stop) is, or None."""
    if not word:
        return None
    titles = tables.mapping("titles")
    if word in titles:
        if word in _name_suffixes() and _after_a_name(text, position, start):
            return "suffix"  # "Baker St.", "John Smith Sr."
        return "title"
    kind = abbreviation_kinds().get(word.lower())
    if kind:
        return kind
    if word.lower() in ("a.m", "p.m"):
        return "meridiem"
    if word == "I":  # the pronoun after a small word ("you and I."), else an initial
        return None if _previous_word(text, position, start)[:1].islower() else "initials"
    if len(word) == 1 and _previous_word(text, position, start)[:1].isdigit():
        return None  # a unit: "at 15 W."
    return "initials" if _INITIALS.fullmatch(word) else None


@cache
def abbreviation_kinds() -> dict[str, str]:
    """Lower-case abbreviation (without its final stop) -> "title", "number", "suffix" or
    "other", from the speech tables and ``sentence_abbreviations.tsv`` (which wins)."""
    kinds: dict[str, str] = {}
    for name in ("streets", "month_abbreviations", "weekdays"):
        kinds.update(dict.fromkeys((w.lower() for w in tables.mapping(name)), "other"))
    for phrase in tables.mapping("phrases"):
        if phrase.endswith("."):
            kinds[phrase[:-1].lower()] = "other"
    kinds.update(dict.fromkeys((w.lower() for w in tables.mapping("after_names")), "suffix"))
    for abbreviation in tables.mapping("before_numbers"):
        kinds[abbreviation.rstrip(".").lower()] = "number"
    for joiner in tables.words("joiners"):
        kinds[joiner.rstrip(".").lower()] = "title"
    kinds.update((w.lower(), k) for w, k in tables.mapping("sentence_abbreviations").items())
    return kinds


@cache
def _name_suffixes() -> frozenset[str]:
    """Titles that are also read after a name: "St" (Street), "Dr" (Drive), "Sr" (Senior)."""
    return frozenset(tables.mapping("streets")) | frozenset(tables.mapping("after_names"))


def _after_a_name(text: str, position: int, start: int) -> bool:
    """Whether a capitalised word (not the sentence's first) or a number is right before."""
    previous = _previous_word(text, position, start)
    if not previous:
        return False
    if previous[0].isdigit():
        return True
    opening = text.rindex(previous, start, position)
    return previous[0].isupper() and _previous_word(text, opening, start) != ""


def _dated(word: str) -> bool:
    """Whether ``word`` is a month or a weekday, written out or abbreviated."""
    bare = word.rstrip(".")
    return (
        bare in tables.words("months")
        or bare in tables.mapping("month_abbreviations")
        or bare in tables.mapping("weekdays")
        or bare in tables.mapping("weekdays").values()
    )


def _is_abbreviation(word: str) -> bool:
    """Whether the next word is itself an abbreviation or all capitals ("Co. Ltd.", "Inc. CEO")."""
    bare = word.rstrip(".")
    return bare.lower() in abbreviation_kinds() or (len(bare) > 1 and bare.isupper())


def _is_list_marker(sentence: str) -> bool:
    """Whether the sentence so far is only a list marker ("1", "• 9", "a", "2.)")."""
    return _MARKER.fullmatch(sentence + ". ") is not None


def _list_item_starts(text: str) -> list[int]:
    """Where each next item of an inline list starts, when ``text`` opens with a marker:
    "1. The first item 2. The second item" -> [the offset of "2."]."""
    first = _MARKER.match(text)
    if first is None:
        return []
    bullet = re.escape(first["bullet"] or "")
    label = r"\d{1,2}" if first["label"].isdigit() else "[a-z]"
    pattern = re.compile(rf"(?<=\s){bullet}(?P<label>{label}){re.escape(first['punct'])}\s")
    starts, expected = [], _next_label(first["label"])
    for match in pattern.finditer(text, first.end()):
        if match["label"] == expected:
            starts.append(match.start())
            expected = _next_label(expected)
    return starts


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
