"""Number words for English, from num2words (cardinals, ordinals, years): only the conventions
on top (US "one hundred one" vs UK "one hundred and one") and the plurals of number words are
ours."""

from __future__ import annotations

from num2words import num2words

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _clean(words: str, region: str) -> str:
    words = words.replace(",", "")
    if region != "GB":
        words = words.replace(" and ", " ")
    return " ".join(words.split())


def cardinal(digits: str, region: str) -> str:
    """ "11,000" -> "eleven thousand", "-3.25" -> "minus three point two five", ".5" ->
    "point five"."""
    digits = digits.replace(",", "").replace("\u2212", "-")
    sign = "minus " if digits.startswith("-") else ""
    whole, _, fraction = digits.lstrip("+-").partition(".")
    words = _clean(num2words(int(whole or "0")), region) if whole or not fraction else ""
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return sign + words.lstrip()


def ordinal(number: int, region: str) -> str:
    """21 -> "twenty-first"."""
    return _clean(num2words(number, to="ordinal"), region)


def year(number: int, region: str) -> str:
    """1987 -> "nineteen eighty-seven", 2001 -> "two thousand one" (UK: "... and one")."""
    if 2000 <= number <= 2009 or number < 1000:
        return _clean(num2words(number), region)
    return _clean(num2words(number, to="year"), region)


def plural(phrase: str) -> str:
    """The phrase with its last word in the plural ("nineteen ninety" -> "nineteen nineties")."""
    head, _, last = phrase.rpartition(" ")
    hyphen_head, dash, last_part = last.rpartition("-")
    word = _plural_word(last_part)
    return f"{head} " * bool(head) + hyphen_head + dash + word


def digits(text: str, region: str) -> str:
    """Digit by digit, as phone numbers are read: "020" -> "oh two oh" (US: "zero two zero")."""
    zero = "oh" if region == "GB" else "zero"
    return " ".join(zero if d == "0" else _ONES[int(d)] for d in text if d.isdigit())


def _plural_word(word: str) -> str:
    """The plural of a number word or a fraction's name: "ninety" -> "nineties", "six" ->
    "sixes", "half" -> "halves", "third" -> "thirds". (inflect would do it too, but importing
    it costs over a second in every process, a tenth of a short article's build.)"""
    if word == "half":
        return "halves"
    if word.endswith("y"):
        return word[:-1] + "ies"
    if word.endswith(("x", "s")):
        return word + "es"
    return word + "s"
