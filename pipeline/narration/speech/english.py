"""English speech rules (US and UK conventions): what a human narrator says for numbers, years,
money, dates, times, units, abbreviations, Roman numerals, initialisms, symbols and emoji.

Rules run in the order of ``RULES``; a later rule never touches text an earlier one claimed.
Each handler sees its match and the whole text, and returns the spoken form or ``None`` (not
this rule's business: the text is left to later rules). Number words come from
``numbers`` (num2words); the decisions by context are made here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import emoji

from pipeline.narration.speech import numbers
from pipeline.narration.speech.types import Change


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- tables --------------------------------------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday",
    "Thu": "Thursday", "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday",
    "Sat": "Saturday", "Sun": "Sunday",
}  # fmt: skip

TITLES = {
    "Dr": "Doctor", "St": "Saint", "Mt": "Mount", "Ft": "Fort", "Capt": "Captain",
    "Dir": "Director", "Prof": "Professor", "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz",
    "Gen": "General", "Col": "Colonel", "Lt": "Lieutenant", "Sgt": "Sergeant",
    "Rev": "Reverend", "Revd": "Reverend", "Gov": "Governor", "Sen": "Senator",
    "Rep": "Representative", "Pres": "President", "Fr": "Father", "Sr": "Sister",
    "Insp": "Inspector", "Det": "Detective", "Adm": "Admiral", "Maj": "Major",
    "Cpl": "Corporal", "Supt": "Superintendent", "Hon": "Honourable", "Cllr": "Councillor",
}  # fmt: skip
"""Before a capitalised name."""
STREETS = {
    "St": "Street", "Dr": "Drive", "Ave": "Avenue", "Av": "Avenue", "Rd": "Road",
    "Blvd": "Boulevard", "Ln": "Lane", "Ct": "Court", "Pl": "Place", "Sq": "Square",
    "Hwy": "Highway", "Pkwy": "Parkway", "Cres": "Crescent", "Tce": "Terrace",
}  # fmt: skip
"""After a street's name (a capitalised word or an ordinal)."""
AFTER_NAMES = {"Jr": "Junior", "Sr": "Senior", "Bros": "Brothers"}
ALWAYS_TITLES = frozenset({"Mr", "Mrs", "Ms", "Prof", "Capt", "Dir", "Revd", "Cllr"})
"""Abbreviations that are never words, so they expand even without a following name."""

PHRASES = {
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "Etc.": "Et cetera",
    "vs.": "versus", "vs": "versus", "approx.": "approximately", "cf.": "compare",
    "a.k.a.": "also known as",
    "et al.": "et al", "Inc.": "Incorporated", "Ltd.": "Limited", "Corp.": "Corporation",
    "Dept.": "Department", "Univ.": "University", "Ave.": "Avenue", "Rd.": "Road",
    "Blvd.": "Boulevard", "Bros.": "Brothers", "Jr.": "Junior", "Mt.": "Mount",
    "Ph.D.": "P H D", "PhD": "P H D", "PhDs": "P H D's",
}  # fmt: skip
"""Abbreviations with one reading wherever they stand."""
JOINERS = frozenset({"e.g.", "i.e.", "vs.", "vs", "approx.", "cf.", "a.k.a.", "Mt."})
"""Of those, the ones that never end a sentence."""
BEFORE_NUMBERS = {
    "No.": "number", "no.": "number", "Nos.": "numbers", "No": "number", "pp.": "pages",
    "p.": "page", "Fig.": "figure", "fig.": "figure", "Vol.": "volume", "vol.": "volume",
    "Ch.": "chapter", "ch.": "chapter", "para.": "paragraph", "ca.": "circa", "c.": "circa",
    "approx.": "approximately", "Ex.": "exercise", "Art.": "article", "Ep.": "episode",
}  # fmt: skip
"""Abbreviations read this way only before a numeral ("No. 5", "p. 12", "c. 1850")."""

UNITS: dict[str, tuple[str, str]] = {
    "km/h": ("kilometre per hour", "kilometres per hour"), "kph": ("kilometre per hour",
    "kilometres per hour"), "mph": ("mile per hour", "miles per hour"),
    "m/s": ("metre per second", "metres per second"), "km²": ("square kilometre",
    "square kilometres"), "m²": ("square metre", "square metres"),
    "sq ft": ("square foot", "square feet"), "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"), "mm": ("millimetre", "millimetres"),
    "m": ("metre", "metres"), "mi": ("mile", "miles"), "ft": ("foot", "feet"),
    "yd": ("yard", "yards"), "kg": ("kilogram", "kilograms"), "mg": ("milligram", "milligrams"),
    "g": ("gram", "grams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "st": ("stone", "stone"), "L": ("litre", "litres"),
    "l": ("litre", "litres"), "ml": ("millilitre", "millilitres"), "mL": ("millilitre",
    "millilitres"), "°C": ("degree Celsius", "degrees Celsius"), "ºC": ("degree Celsius",
    "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°": ("degree",
    "degrees"), "h": ("hour", "hours"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "s": ("second", "seconds"),
    "sec": ("second", "seconds"), "secs": ("second", "seconds"), "ms": ("millisecond",
    "milliseconds"), "kW": ("kilowatt", "kilowatts"), "kWh": ("kilowatt hour",
    "kilowatt hours"), "MW": ("megawatt", "megawatts"), "W": ("watt", "watts"),
    "V": ("volt", "volts"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"), "ha": ("hectare",
    "hectares"), "kcal": ("kilocalorie", "kilocalories"),
}  # fmt: skip
"""Units after a number: (singular, plural), in UK spelling (``_us_spelling`` for en-US)."""

CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"), "US$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"), "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
}  # fmt: skip
SCALES = {
    "thousand": "thousand", "k": "thousand", "K": "thousand", "million": "million",
    "m": "million", "mn": "million", "M": "million", "billion": "billion", "bn": "billion",
    "b": "billion", "B": "billion", "trillion": "trillion", "tn": "trillion",
}  # fmt: skip

YEAR_CUES = _set(
    "in since by from until till through to of during before after around circa c. ca. "
    "between and or early late mid year years summer winter spring autumn fall born died "
    "founded built established published released class vintage"
)
"""Words before a four-digit number that make it a year ("in 1987", "summer 1969")."""
COUNT_CUES = _set(
    "about over nearly almost than some only just exactly roughly approximately "
    "total all another additional"
)
"""Words before a number that make it a quantity ("nearly 1500")."""
COUNT_NOUNS = _set(
    "people men women children persons staff police cattle sheep fish feet teeth deer "
    "mice geese personnel"
)
NOT_PLURALS = _set(
    "was is has does as this his its us thus always sometimes perhaps besides whereas "
    "across yes less unless towards afterwards plus minus versus news series chess bus "
    "gas process success access business press class glass cross boss loss miss dress "
    "address mess chaos canvas atlas bonus census status campus virus focus genius crisis "
    "analysis basis thesis tennis bias alias lens"
)
FUNCTION_WORDS = _set(
    "of for in on at to from by with and or but is was are were be been has have had will "
    "would can could may might than as per each a an the that which who"
)
SCORE_CUES = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|defeat\w*|victory|score\w*|draw|drew|"
    r"match|game|final|goals?|led|leads?|lead|trailing|series)\b",
    re.IGNORECASE,
)

CARDINAL_CONTEXT = _set(
    "chapter part act scene volume vol. book war bowl phase type class grade stage level "
    "article title section episode season tier category appendix unit psalm canto "
    "stanza movement series mark"
)
"""Words after which a Roman numeral is a plain number ("Chapter XII", "World War II")."""
REGNAL_TITLES = _set(
    "king queen pope tsar czar emperor empress prince princess duke duchess sultan pharaoh "
    "kaiser shah emir lord saint st. st"
)
REGNAL_NAMES = _set(
    "Henry Louis Edward George William Richard Charles James John Elizabeth Mary Anne "
    "Victoria Philip Felipe Juan Carlos Ferdinand Frederick Friedrich Wilhelm Peter Paul "
    "Ivan Nicholas Alexander Catherine Napoleon Leo Pius Benedict Gregory Innocent Clement "
    "Urban Boniface Sixtus Alfonso Gustav Gustavus Christian Olaf Haakon Harald Magnus Eric "
    "Erik Carl Ludwig Otto Rudolf Leopold Francis Franz Joseph Rama Ramesses Ramses "
    "Amenhotep Thutmose Ptolemy Constantine Justinian Baldwin Robert David Kenneth "
    "Alfonso Sancho Manuel Pedro Umberto Vittorio Emmanuel Stephen Matilda Harold Cnut "
    "Edmund Athelstan Mehmed Suleiman Selim Murad Abdul Darius Xerxes Cyrus Artaxerxes "
    "Antiochus Seleucus Herod Sobhuza Mswati Hussein Abdullah Willem Albert Baudouin "
    "Philippe Margrethe Beatrix Juliana Wilhelmina Isabella Isabel Joanna Ladislaus "
    "Casimir Sigismund Stanislaus Boleslaw Vladislav Wenceslas Bela Andrew Lothair Pepin "
    "Clovis Childeric Dagobert Hugh Conrad Adolf Maximilian Sebastian Nikolai Fyodor "
    "Michael Basil Leo John-Paul"
)
"""Given names of monarchs and popes: "Henry VIII" is "Henry the Eighth"."""
NOT_ROMAN = _set("MIX CIVIC DIV MID DIM MIMIC LIVID CIVIL VIM MIC DID LID MILD DILL ILL MILL VILL")
PRONOUN_FOLLOWERS = _set(
    "am 'm ’m 'd ’d 'll ’ll 've ’ve think know guess mean hope believe love like want "
    "can't can’t don't don’t didn't didn’t"
)

ACRONYMS = _set(
    "NATO NASA UNESCO UNICEF OPEC FIFA UEFA NAFTA AIDS COVID SARS MERS LASER RADAR SCUBA "
    "SONAR ASEAN BAFTA OFCOM OFSTED ACAS DEFRA NIMBY GIF JPEG PIN SIM RAM ROM CAD NAND "
    "ISIS IKEA LEGO SWAT FEMA DARPA OSHA NOAA CERN ESA PAC ZIP ASCII SCOTUS POTUS FLOTUS "
    "WASP MENSA INTERPOL EFTA ANZAC TESOL TEFL GCSE"
) - {"GCSE"}
"""Said as words ("NATO" is "Nato")."""
INITIALISMS = _set(
    "BBC NHS USS FBI CIA NSA CEO CFO CTO VIP DIY FAQ HIV DNA RNA UFO ITV HBO CNN MIT UCLA "
    "NYU LSE EU UN UK US USA USSR GDP GCSE BMW IBM HTML HTTP URL URI API SQL PDF USB DVD "
    "CD TV PC PR HR IT OK MP MPs NGO IRA IRS NBA NFL NHL MLB IOC WHO MOT OBE MBE CBE"
)
"""Spelled letter by letter even when they look sayable ("WHO" is "W H O")."""
SHOUTED_WORDS = _set(
    "THE AND FOR BUT NOT YOU ALL ARE END NEW NOW OUT OUR ONE TWO CAN GET SEE WHY HOW HIS "
    "HER SHE HIM WAS HAS HAD ITS LET BIG TOP HOT RED YES NO"
)
"""All-caps English words: left for the voice to read as words."""
_ONSETS = _set(
    "BL BR CH CL CR DR FL FR GL GR KL KR PH PL PR SC SH SK SL SM SN SP ST SW TH TR TW WH "
    "WR SCR SPR STR SPL SQU THR SHR"
)

UNICODE_FRACTIONS = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
    "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
    "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8),
}  # fmt: skip
URL_SEPARATORS = {
    ".": "dot", "/": "slash", "-": "dash", "_": "underscore", "?": "question mark",
    "=": "equals", "&": "and", "#": "hash", "~": "tilde", ":": "colon", "+": "plus",
    "%": "percent", "@": "at",
}  # fmt: skip
SYMBOLS = {
    "&": "and", "+": "plus", "@": "at", "=": "equals", "×": "times", "§": "section",
    "±": "plus or minus", "~": "about", "≈": "about", "→": "", "←": "", "™": "", "®": "",
    "©": "copyright", "*": "", "|": "", "^": "", "†": "", "‡": "",
}  # fmt: skip

# --- patterns ------------------------------------------------------------------------------

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTH_NAMES = "|".join(
    sorted([*MONTHS, *(f"{a}\\.?" for a in _MONTH_ABBREVIATIONS)], key=len, reverse=True)
)
_UNIT_NAMES = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_TLDS = "com|org|net|edu|gov|io|co\\.uk|org\\.uk|ac\\.uk|uk|us|ca|au|de|fr|info|app|dev|ai|tv"
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class _Context:
    text: str
    region: str


Handler = Callable[[re.Match[str], _Context], str | tuple[str, str] | None]
"""Returns the spoken form (or the spoken form and a more specific rule name), or None."""


@dataclass(frozen=True)
class Rule:
    """One kind of span and what it is spoken as."""

    name: str
    pattern: re.Pattern[str]
    speak: Handler


# --- context helpers -----------------------------------------------------------------------


def _previous(text: str, position: int, count: int = 1) -> list[str]:
    """The ``count`` words before ``position`` (nearest last), punctuation around them
    stripped; a sentence boundary ends the search."""
    before = text[:position]
    words = []
    for token in reversed(before.split()):
        if len(words) == count:
            break
        stripped = token.strip("\"“”‘'(),;:")
        if not stripped:
            break
        words.insert(0, stripped)
    return words


def _next(text: str, position: int) -> str:
    """The word right after ``position`` (empty at the end)."""
    match = _WORD.search(text, position)
    if match is None or text[position : match.start()].strip(" "):
        return ""
    return match.group()


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before.endswith((".", "!", "?", ":", '"', "“", "(", "—", "–"))


def _capitalised(word: str) -> bool:
    return (len(word) > 1 and word[0].isupper() and not word.isupper()) or word == "I"


def _us(region: str) -> bool:
    return region != "GB"


def _us_spelling(words: str, region: str) -> str:
    if not _us(region):
        return words
    return words.replace("metre", "meter").replace("litre", "liter")


# --- handlers ------------------------------------------------------------------------------


def _spell(word: str) -> str:
    """Letter by letter: "BBC" -> "B B C", "MPs" -> "M P's"."""
    if word.endswith(("'s", "’s")):
        return _spell(word[:-2]) + "'s"
    if word.endswith("s") and word[:-1].isupper():
        return _spell(word[:-1]) + "'s"
    return " ".join(word.replace(".", ""))


def _sayable(word: str) -> bool:
    """Whether an all-caps word can be said as a word (NASA, UNICEF) rather than spelled."""
    if len(word) < 4 or not any(c in "AEIOUY" for c in word):
        return False
    if re.search(r"[^AEIOUY]{3}", word[1:]) or re.search(r"[AEIOU]{3}", word):
        return False
    head = re.match(r"[^AEIOUY]*", word).group()
    return len(head) < 2 or head in _ONSETS


def _url(match: re.Match[str], _ctx: _Context) -> str:
    address = re.sub(r"^[a-z]+://", "", match.group(), flags=re.IGNORECASE).rstrip("/")
    return _read_address(address)


def _read_address(address: str) -> str:
    parts = []
    for piece in re.split(r"([./\-_?=&#~:+%@])", address):
        if not piece:
            continue
        if piece in URL_SEPARATORS:
            parts.append(URL_SEPARATORS[piece])
        elif piece.lower() == "www":
            parts.append("w w w")
        elif piece.isdigit():
            parts.append(numbers.cardinal(piece, "US"))
        elif piece.isalpha() and (
            not any(c in "aeiouy" for c in piece.lower()) or (len(piece) == 2 and piece != "co")
        ):
            parts.append(_spell(piece.upper()))
        elif piece.isupper() and not _sayable(piece):
            parts.append(_spell(piece))
        else:
            parts.append(piece)
    return " ".join(parts)


def _email(match: re.Match[str], _ctx: _Context) -> str:
    user, _, domain = match.group().partition("@")
    return f"{_read_address(user)} at {_read_address(domain)}"


def _attributive(match: re.Match[str], ctx: _Context) -> bool:
    """Whether a quantity describes the noun after it ("a $2 billion budget", "a 3 lb bag"),
    which keeps its unit singular."""
    before = _previous(ctx.text, match.start(), 1)
    following = _next(ctx.text, match.end()).rstrip(".")
    return (
        bool(before)
        and before[-1].lower() in ("a", "an", "the")
        and following.isalpha()
        and following.islower()
        and following not in FUNCTION_WORDS
    )


def _money(match: re.Match[str], ctx: _Context) -> str:
    one, many, minor_one, minor_many = CURRENCIES[match["currency"]]
    amount, scale = match["amount"], match["scale"]
    if scale:
        unit = one if _attributive(match, ctx) else many
        return f"{numbers.cardinal(amount, ctx.region)} {SCALES[scale]} {unit}"
    whole, _, cents = amount.replace(",", "").partition(".")
    unit = one if whole == "1" else many
    words = f"{numbers.cardinal(whole, ctx.region)} {unit}"
    if not cents or int(cents) == 0:
        return words if not cents or len(cents) == 2 else numbers.cardinal(amount, ctx.region)
    if len(cents) != 2 or not minor_one:
        return f"{numbers.cardinal(amount, ctx.region)} {many}"
    minor = numbers.cardinal(cents, ctx.region)
    if whole == "0":
        return f"{minor} {minor_one if cents == '01' else minor_many}"
    if match["currency"] == "£":
        return f"{words} {minor}"
    return f"{words} and {minor} {minor_one if cents == '01' else minor_many}"


def _spoken_date(day: int, month: int, year: str | None, ctx: _Context, us: bool) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    name, nth = MONTHS[month - 1], numbers.ordinal(day, ctx.region)
    spoken = f"{name} {nth}" if us else f"the {nth} of {name}"
    if year:
        spoken += (", " if us else " ") + _year_words(year, ctx.region)
    return spoken


def _year_words(year: str, region: str) -> str:
    if len(year) == 2:
        return (
            ("oh " + numbers.cardinal(year[1], region))
            if year[0] == "0"
            else (numbers.cardinal(year, region))
        )
    return numbers.year(int(year), region)


def _numeric_date(match: re.Match[str], ctx: _Context) -> str | None:
    first, second, year = int(match["a"]), int(match["b"]), match["year"]
    day_first = first > 12 or (second <= 12 and not _us(ctx.region))
    day, month = (first, second) if day_first else (second, first)
    return _spoken_date(day, month, year, ctx, _us(ctx.region))


def _iso_date(match: re.Match[str], ctx: _Context) -> str | None:
    return _spoken_date(int(match["d"]), int(match["m"]), match["y"], ctx, _us(ctx.region))


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBREVIATIONS[name]


def _day_month(match: re.Match[str], ctx: _Context) -> str | None:
    return _spoken_date(int(match["d"]), _month_number(match["month"]), match["y"], ctx, False)


def _month_day(match: re.Match[str], ctx: _Context) -> str | None:
    spoken = _spoken_date(int(match["d"]), _month_number(match["month"]), match["y"], ctx, True)
    if spoken and not _us(ctx.region):
        name, _, rest = spoken.partition(" ")
        spoken = f"{name} the {rest}"
    return spoken


def _month_abbreviation(match: re.Match[str], _ctx: _Context) -> str:
    return MONTHS[_month_number(match.group()) - 1]


def _clock(hour: int, minute: int, ampm: str | None, region: str) -> str | None:
    if hour > 24 or minute > 59 or (ampm and not 1 <= hour <= 12):
        return None
    words = numbers.cardinal(str(hour), region)
    if minute:
        words += " " + ("oh " if minute < 10 else "") + numbers.cardinal(str(minute), region)
    elif ampm is None:
        words += " hundred" if hour > 12 or hour == 0 else " o'clock"
    if ampm:
        words += " a m" if ampm.lower() == "a" else " p m"
    return words


def _time(match: re.Match[str], ctx: _Context) -> str | None:
    return _clock(int(match["h"]), int(match["m"] or 0), match["ampm"], ctx.region)


def _phone(match: re.Match[str], ctx: _Context) -> str:
    groups = re.findall(r"\+|\d+", match.group())
    spoken = []
    for group in groups:
        spoken.append("plus" if group == "+" else numbers.digits(group, ctx.region))
    return ", ".join(spoken).replace("plus, ", "plus ")


def _short_number(match: re.Match[str], ctx: _Context) -> str:
    """ "Call 911": "Call nine one one"."""
    return f"{match['cue']} {numbers.digits(match['n'], ctx.region)}"


def _decade(match: re.Match[str], ctx: _Context) -> str:
    if match["tens"] == "0" and not match["century"]:
        return "two thousands" if _us(ctx.region) else "noughties"  # the '00s
    if match["century"]:
        return numbers.plural(numbers.year(int(match["century"] + match["tens"] + "0"), ctx.region))
    return numbers.plural(numbers.cardinal(match["tens"] + "0", ctx.region))


def _ordinal(match: re.Match[str], ctx: _Context) -> str:
    return numbers.ordinal(int(match["n"]), ctx.region)


def _measure(match: re.Match[str], ctx: _Context) -> str | None:
    unit = match["unit"]
    if unit in ("s", "h", "m", "l", "g", "V", "W") and not match["space"] and match["b"]:
        return None
    if unit == "s" and not match["space"] and not match["b"] and "." not in match["a"]:
        before = ctx.text[: match.start()]
        if before.endswith("-") or before.rstrip().lower().endswith(("the", "all")):
            return numbers.plural(numbers.cardinal(match["a"], ctx.region))  # "under-16s"
    singular, plural = UNITS[unit]
    if match["space"] == "-":  # "a 114-min. film": "a one hundred fourteen-minute film"
        amount = numbers.cardinal(match["a"], ctx.region)
        return f"{amount}-{_us_spelling(singular, ctx.region)}"
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["b"]:
        amount += _range_word(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    one = (match["a"].lstrip("+-−") == "1" and not match["b"]) or _attributive(match, ctx)
    return f"{amount} {_us_spelling(singular if one else plural, ctx.region)}"


def _percent(match: re.Match[str], ctx: _Context) -> str:
    amount = numbers.cardinal(match["a"], ctx.region)
    if match["b"]:
        amount += _range_word(match, ctx) + numbers.cardinal(match["b"], ctx.region)
    return f"{amount} percent"


def _range_word(match: re.Match[str], ctx: _Context) -> str:
    """ " and " after "between" ("between 10 and 20"), else " to "."""
    before = _previous(ctx.text, match.start(), 1)
    return " and " if before and before[-1].lower() == "between" else " to "


def _fraction_words(numerator: int, denominator: int, region: str) -> str:
    top = numbers.cardinal(str(numerator), region)
    if denominator == 2:
        name = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        name = "quarter" if numerator == 1 else "quarters"
    else:
        name = numbers.ordinal(denominator, region)
        name = name if numerator == 1 else numbers.plural(name)
    return f"{'a' if numerator == 1 else top} {name}"


def _unicode_fraction(match: re.Match[str], ctx: _Context) -> str:
    numerator, denominator = UNICODE_FRACTIONS[match["f"]]
    words = _fraction_words(numerator, denominator, ctx.region)
    if match["whole"]:
        return f"{numbers.cardinal(match['whole'], ctx.region)} and {words}"
    return words


RATING_CUES = re.compile(
    r"\b(?:rated?|rating|scored?|gave|gives|earned|stars?|marks?|review\w*|out)\b", re.I
)


def _rating(match: re.Match[str], ctx: _Context) -> str | None:
    """ "8.5/10", "rated it 4/5": "eight point five out of ten"."""
    before = " ".join(_previous(ctx.text, match.start(), 3))
    if "." not in match["n"] and not RATING_CUES.search(before):
        return None
    score, scale = (numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    return f"{score} out of {scale}"


def _times(match: re.Match[str], ctx: _Context) -> str:
    return f"{numbers.cardinal(match['n'], ctx.region)} times"


def _slash_fraction(match: re.Match[str], ctx: _Context) -> str | None:
    numerator, denominator = int(match["n"]), int(match["d"])
    if denominator == 0:
        return None
    if numerator >= denominator or denominator > 16:  # "24/7", "9/11"
        return " ".join(numbers.cardinal(match[g], ctx.region) for g in ("n", "d"))
    words = _fraction_words(numerator, denominator, ctx.region)
    return words.replace("a ", "one ", 1) if numerator == 1 else words


def _is_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and 1000 <= int(value) <= 2099


def _range(match: re.Match[str], ctx: _Context) -> str | None:
    a, b = match["a"], match["b"]
    if _is_year(a) and (_is_year(b) or (len(b) == 2 and b.isdigit())):
        second = numbers.year(int(b), ctx.region) if len(b) == 4 else _year_words(b, ctx.region)
        return f"{numbers.year(int(a), ctx.region)}{_range_word(match, ctx)}{second}"
    if match["dash"] != "—" and a.isdigit() and b.isdigit() and int(a) <= 30 and int(b) <= 30:
        before = " ".join(_previous(ctx.text, match.start(), 3))
        if SCORE_CUES.search(before) or SCORE_CUES.match(_next(ctx.text, match.end())):
            nil = "nothing" if _us(ctx.region) else "nil"
            first, second = (numbers.cardinal(n, ctx.region) if n != "0" else nil for n in (a, b))
            return f"{first}-{second}"
    if "." in a + b and "," in a + b:
        return None
    joiner = _range_word(match, ctx)
    return f"{numbers.cardinal(a, ctx.region)}{joiner}{numbers.cardinal(b, ctx.region)}"


def _year_or_count(match: re.Match[str], ctx: _Context) -> str | None:
    value = match.group()
    before = _previous(ctx.text, match.start(), 2)
    previous = before[-1].lower() if before else ""
    following = _next(ctx.text, match.end())
    if following.rstrip(".") in ("BC", "BCE", "AD", "CE") or previous in ("ad", "a.d."):
        return numbers.year(int(value), ctx.region)
    if previous in COUNT_CUES:
        return None
    year = (
        previous in YEAR_CUES
        or previous.rstrip(".").capitalize() in MONTHS
        or previous.rstrip(".") in _MONTH_ABBREVIATIONS
        or previous.endswith(("’s", "'s"))
    )
    if not year:
        word = following.lower().rstrip(".,")
        plural = word.endswith("s") and word not in NOT_PLURALS and following.islower()
        if word in COUNT_NOUNS or plural:
            return None
    return numbers.year(int(value), ctx.region)


VERSION_CUES = _set("version versions v release update python ios android macos windows kernel")
"""Words before a dotted number that make it a version ("Python 3.11": "three point eleven")."""


def _version(match: re.Match[str], ctx: _Context) -> str | None:
    parts = match["v"].split(".")
    before = _previous(ctx.text, match.start(), 1)
    if len(parts) == 2 and not (before and before[-1].lower() in VERSION_CUES):
        return None
    words = " point ".join(numbers.cardinal(part, ctx.region) for part in parts)
    return ("version " if match["prefix"] else "") + words


def _number(match: re.Match[str], ctx: _Context) -> str:
    value = match["n"]
    if len(value) > 1 and value[0] == "0" and "." not in value:
        words = numbers.digits(value, ctx.region)
    else:
        words = numbers.cardinal(value, ctx.region)
    if match["sign"]:
        words = "minus " + words
    if match["hash"]:
        words = "number " + words
    return words + (f" {match['letter']}" if match["letter"] else "")


def _abbreviation(match: re.Match[str], ctx: _Context) -> str | tuple[str, str] | None:
    word = match["abbr"]
    before = ctx.text[: match.start()].rstrip()
    previous = before.split()[-1].strip("\"“”‘'(),;:") if before.split() else ""
    previous_at_start = _at_sentence_start(ctx.text, len(before) - len(previous))
    following = _next(ctx.text, match.end()).rstrip(".,;:")
    name_follows = _capitalised(following) and following != "I"
    street = word in STREETS and (
        bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", previous))
        or (_capitalised(previous) and not (previous_at_start and name_follows))
    )
    if street:
        return STREETS[word]
    if word in TITLES and (name_follows or word in ALWAYS_TITLES):
        return TITLES[word], "title"
    if word in AFTER_NAMES and _capitalised(previous):
        return AFTER_NAMES[word]
    if word in STREETS and match["dot"]:
        return STREETS[word]
    return None


def _weekday(match: re.Match[str], ctx: _Context) -> str | None:
    before = _previous(ctx.text, match.start(), 1)
    if before and before[-1].lower() == "the":
        return None  # "the Sun."
    first = WEEKDAYS[match["a"]]
    if match["b"]:
        return f"{first} to {WEEKDAYS[match['b']]}"
    dated = re.match(r"\s+(?:\d|" + _MONTH_NAMES + ")", ctx.text[match.end() :])
    if not match["dot"] and not dated:
        return None
    return first


def _phrase(match: re.Match[str], _ctx: _Context) -> str | tuple[str, str]:
    written = match.group()
    if written in JOINERS:
        return PHRASES[written], "joiner"
    return PHRASES[written]


def _before_number(match: re.Match[str], _ctx: _Context) -> str:
    return BEFORE_NUMBERS[match["abbr"]]


def _roman(match: re.Match[str], ctx: _Context) -> str | None:
    numeral = match.group()
    if numeral in NOT_ROMAN or not _ROMAN.match(numeral):
        return None
    value = _roman_value(numeral)
    before = _previous(ctx.text, match.start(), 2)
    previous = before[-1] if before else ""
    earlier = before[0].lower() if len(before) == 2 else ""
    if previous.lower().rstrip(",") in CARDINAL_CONTEXT:
        return numbers.cardinal(str(value), ctx.region)
    regnal = previous in REGNAL_NAMES or (_capitalised(previous) and earlier in REGNAL_TITLES)
    if regnal and (numeral != "I" or _next(ctx.text, match.end()).lower() not in PRONOUN_FOLLOWERS):
        return "the " + numbers.ordinal(value, ctx.region).capitalize()
    if len(numeral) > 1 and _capitalised(previous):
        return numbers.cardinal(str(value), ctx.region)
    return None


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _initials(match: re.Match[str], _ctx: _Context) -> str:
    return _spell(match.group().rstrip("."))


def _acronym(match: re.Match[str], ctx: _Context) -> str | None:
    word = match.group()
    stem = re.sub(r"(?:'s|’s|s)$", "", word) if not word.isupper() else word
    suffix = word[len(stem) :]
    if stem in SHOUTED_WORDS or len(stem) < 2:
        return None
    if stem in ACRONYMS or (stem not in INITIALISMS and _sayable(stem)):
        return stem.capitalize() + ("s" if suffix else "")
    return _spell(stem) + ("'s" if suffix else "")


def _symbol(match: re.Match[str], _ctx: _Context) -> str:
    return SYMBOLS[match.group()]


def _hashtag(match: re.Match[str], _ctx: _Context) -> str:
    return f"hashtag {match['tag']}"


def _slash_words(match: re.Match[str], _ctx: _Context) -> str:
    return f"{match['a']} or {match['b']}" if match["a"] != "and" else "and or"


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in the order they claim text."""

    def rule(name: str, pattern: str, speak: Handler, flags: int = 0) -> Rule:
        return Rule(name, re.compile(pattern, flags), speak)

    num = NUM
    return (
        rule("e-mail", r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
             _email),
        rule("url", r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)'’”]", _url),
        rule("url", rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s]*[^\s.,;:!?)'’”])?",
             _url),
        rule("money", rf"(?<![\w$£€¥])(?P<currency>US\$|[$£€¥])\s?(?P<amount>{num})"
             rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kKmMbB])\b)?", _money),
        rule("date", r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b",
             _numeric_date),
        rule("date", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _iso_date),
        rule("date", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})"
             rf"(?:,?\s+(?P<y>\d{{4}}))?(?![\w])", _day_month),
        rule("date", rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
             rf"(?:,?\s+(?P<y>\d{{4}})\b)?", _month_day),
        rule("time", r"\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?!\d)"
             r"(?:\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?)?", _time),
        rule("time", r"\b(?P<h>\d{1,2})(?P<m>)\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?", _time),
        rule("time", r"\b(?P<h>\d{1,2})\.(?P<m>\d{2})\s?(?P<ampm>[AaPp])\.?[Mm]\b\.?", _time),
        rule("phone", r"(?<![\w+])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])"
             r"\d{3,4}[\s.-]\d{3,4}\b", _phone),
        rule("phone", r"(?<![\w+])0\d{3,4}\s\d{6,7}\b", _phone),
        rule("phone", r"\b(?P<cue>[Cc]all|[Dd]ial|[Rr]ing|[Pp]hone|[Tt]ext)\s(?P<n>\d{3})\b",
             _short_number),
        rule("decade", r"(?<![\w'’])(?:(?P<century>1\d|20)|['’]|(?=[02-9]0s))(?P<tens>\d)0s\b",
             _decade),
        rule("ordinal", r"\b(?P<n>\d+)(?:st|nd|rd|th)\b", _ordinal),
        rule("percent", rf"(?<![\w.])(?P<a>[-−]?(?:{num}))(?:\s?(?:–|-|to)\s?(?P<b>{num}))?\s?%",
             _percent),
        rule("measure", rf"(?<![\w.])(?P<a>[-−]?(?:{num}))(?:\s?(?:–|-|to)\s?(?P<b>{num}))?"
             rf"(?P<space>\s?|-)(?P<unit>{_UNIT_NAMES})(?![\w/²])(?P<dot>\.(?=[ ,;:)]\s*[a-z]))?",
             _measure),
        rule("fraction", r"(?:(?P<whole>\d+)\s?)?(?P<f>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])", _unicode_fraction),
        rule("rating", r"(?<![\w/.])(?P<n>\d{1,2}(?:\.\d)?)/(?P<d>5|10|20|100)(?![\w/])", _rating),
        rule("fraction", r"(?<![\w/.])(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\w/])", _slash_fraction),
        rule("times", r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)[x×](?![\w])", _times),
        rule("range", rf"(?<![\w.,/])(?P<a>{num})\s?(?P<dash>–|—|-)\s?(?P<b>{num})(?![\w/]|[.,]\d)",
             _range),
        rule("before-number", r"(?<![\w.])(?P<abbr>No\.?|no\.|Nos\.|pp\.|p\.|[Ff]ig\.|[Vv]ol\.|"
             r"[Cc]h\.|para\.|ca\.|c\.|approx\.|Ex\.|Art\.|Ep\.)(?=\s?\d)", _before_number),
        rule("version", r"(?<![\w.,])(?P<prefix>[vV])?(?P<v>\d+(?:\.\d+)+)(?![\w]|\.\d)",
             _version),
        rule("year", r"(?<![\w.,$£€¥#-])(?:1[1-9]\d\d|20\d\d)(?![\w]|[.,]\d)", _year_or_count),
        rule("number", rf"(?P<hash>#)?(?:(?P<sign>(?<![\w.,])[-−])|(?<![\w.,]))(?P<n>{num})"
             r"(?P<letter>[A-Z])?(?![\w])", _number),
        rule("weekday", r"\b(?P<a>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?P<dot>\.)?"
             r"(?:\s?[–-]\s?(?P<b>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?)?(?!\w)", _weekday),
        rule("month", r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.",
             _month_abbreviation),
        rule("abbreviation", r"(?<![\w.])(?P<abbr>" + "|".join(
            sorted({*TITLES, *STREETS, *AFTER_NAMES}, key=len, reverse=True)
        ) + r")(?P<dot>\.)?(?![\w])(?!\.\w)", _abbreviation),
        rule("abbreviation", r"(?<![\w.])(?:" + "|".join(
            re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)
        ) + r")(?!\w)", _phrase),
        rule("roman", r"\b[IVXLCDM]+\b(?!['’.]\w)", _roman),
        rule("initialism", r"(?<![\w.])(?:[A-Za-z]\.){2,}(?![\w])", _initials),
        rule("acronym", r"\b[A-Z][A-Z0-9]*[A-Z](?:s|'s|’s)?\b", _acronym),
        rule("hashtag", r"(?<![\w&])#(?P<tag>[A-Za-z]\w*)", _hashtag),
        rule("slash", r"\b(?P<a>[A-Za-z]+)/(?P<b>[A-Za-z]+)\b", _slash_words),
        rule("range", r"(?<=[\dmM.])\s?[–—]\s?(?=\d)", lambda _m, _c: " to "),
        rule("symbol", r"[&+@=×§±~≈→←™®©|^†‡]|(?<!\w)\*|\*(?!\w)", _symbol),
    )  # fmt: skip


def changes(text: str, region: str) -> list[Change]:
    """Every span of ``text`` a narrator says differently from how it is written."""
    ctx = _Context(text, region)
    taken: list[tuple[int, int]] = []
    found: list[Change] = []
    for item in emoji.emoji_list(text):
        start, end = item["match_start"], item["match_end"]
        found.append(Change(start, end, text[start:end], "", "emoji"))
        taken.append((start, end))
    for rule in rules():
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            spoken = rule.speak(match, ctx)
            if spoken is None:
                continue
            spoken, name = spoken if isinstance(spoken, tuple) else (spoken, rule.name)
            found.append(Change(start, end, match.group(), spoken, name))
            taken.append((start, end))
    return found
