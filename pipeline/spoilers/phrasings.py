"""How articles say "spoilers from here" and "spoilers end here": explicit tables of patterns
over words, each with the phrasings it stands for, and the phrasings that must never count.

A warning or an end marker is a short paragraph of its own (``MAX_NOTICE_CHARS``); a longer
paragraph that mentions spoilers is just text.
"""

from __future__ import annotations

import re

MAX_NOTICE_CHARS = 200
"""A warning is a short notice; a long paragraph that mentions spoilers is just text."""

_LEADING = "*_#>!¡ \t⚠️🚨❗-–—:"
_CALLOUT = re.compile(r"^\[![a-z]+\][-+]?\s*", re.IGNORECASE)
"""An Obsidian or GitHub callout's marker ("[!WARNING] Spoilers ahead")."""
_HEDGE = r"(?:(?:(?:sort|kind|a\s+bit)\s+of\s+)?an?\s+|a\s+few\s+|a\s+lot\s+of\s+)?"
"""'a spoiler', 'sort of a spoiler', 'a few spoilers'."""
_INTENSITY = (
    rf"{_HEDGE}(?:(?:major|heavy|huge|big|massive|serious|minor|mild|slight|light|small|little"
    r"|tiny|some|full|plot|ending"
    r"|story|many|spoilery|potential|possible|obvious)\s+)?"
)
_SPOILERS = r"spoil(?:er|ers|age)\b(?!\s*-?\s*(?:free|light|safe))"
_INTERJECTION = (
    r"(?:(?:a|one|just\s+a)\s+)?(?:(?:quick|short|small|fair|friendly|obligatory|trigger)\s+)?"
    r"(?:warning|caution|attention|alert|heads[ -]?up|note|nb|disclaimer|beware|oops|ahem|psst"
    r"|uh[ -]?oh|psa|fyi|obviously|naturally)"
)
_AFTER = r"[\s:!,.;\-–—]*"
_PREFIX = rf"(?:{_INTERJECTION}\b{_AFTER})*"
"""Any warning may open with interjections: "Warning!", "OOPS!", "Heads up,"."""
_WHERE = (
    r"(?:ahead|alert|warning|below|follow(?:s|ing)?|herein|inside|abound|galore|incoming"
    r"|to\s+follow|after\s+(?:this|the\s+(?:break|jump|cut))|from\s+(?:here|now)(?:\s+on)?"
    r"|in\s+(?:this|the)\s+(?:post|review|article|section|text|piece)|in\s+what\s+follows)\b"
)
_ONWARD = (
    r"(?:ahead|below|follow(?:s|ing)?|to\s+follow|in\s+what\s+follows|from\s+(?:here|now)"
    r"(?:\s+on)?|after\s+(?:this|the\s+(?:break|jump|cut)))"
)
"""The words of _WHERE that point at the text after the notice (not "spoiler warning")."""
_CLAUSE_END = r"[\s.!:;,…]*(?:$|(?:so|and|but)\b)"
"""Where a sentence's warning clause ends: the sentence's end, or a following clause."""
_SUBJECT = (
    r"(?:\w+ing(?:\s+[\w'’]+){0,4}?\s*|(?:[^.!?…]{0,100}?\b)?(?:i|we|it|there|this(?:\s+\w+)?"
    r"|the\s+rest(?:\s+of\s+\w+(?:\s+\w+)?)?|what\s+follows))"
    r"(?:['’]m|['’]re|['’]s|\s+(?:am|are|is))?"
)
"""Who announces spoilers: the writer, the text, or what it does ("Discussing the ending",
only at a sentence's start)."""
_MODAL = (
    r"(?:will|['’]ll|shall|must|need\s+to|have\s+to|has\s+to|got\s+to|going\s+to|gonna"
    r"|about\s+to|let['’]?s|can['’]?t\s+avoid|cannot\s+avoid)"
)
_REVEAL = (
    r"(?:reveal|discuss|require|involve|contain|include|mention|cover|touch\s+(?:on|upon)"
    r"|get\s+into|go\s+into|dive\s+into|dig\s+into|talk\s+about|be|have|share|give)\w*"
)

WARNING_PHRASINGS: tuple[tuple[str, str], ...] = (
    (
        "Spoiler alert / Spoiler warning / Spoilers below / Major spoilers ahead / "
        "Spoilers herein. / Spoilers follow",
        rf"^{_PREFIX}{_INTENSITY}{_SPOILERS}{_AFTER}{_WHERE}",
    ),
    (
        "MINOR DR STONE SPOILERS BELOW / Season 2 spoilers ahead (capitalised names first)",
        rf"^{_PREFIX}(?-i:(?:[A-Z0-9(][\w'’()-]*\s+){{1,6}}){_INTENSITY}{_SPOILERS}{_AFTER}{_WHERE}",
    ),
    (
        "Caution, spoilers ahead! / WARNING! Spoilers follow: / OOPS! Spoiler warning. / "
        "Warning: heavy spoilers / Heads up, there are spoilers",
        rf"^{_INTERJECTION}\b{_AFTER}(?:{_INTERJECTION}\b{_AFTER})*"
        rf"(?:(?:there\s+(?:are|will\s+be)|this\s+(?:is|has))\s+)?{_INTENSITY}{_SPOILERS}",
    ),
    (
        "Here be spoilers / Here there be spoilers / There are spoilers below / Beware of spoilers",
        rf"^{_PREFIX}(?:here\s+(?:there\s+)?be|there\s+(?:are|will\s+be)|beware(?:\s+of)?|mind\s+the)"
        rf"\s+{_INTENSITY}{_SPOILERS}",
    ),
    (
        "This review contains spoilers / The rest of this article has major spoilers / "
        "What follows reveals the ending",
        rf"^{_PREFIX}(?:(?:the\s+rest\s+of\s+)?this|the\s+following|what\s+follows|below)\b"
        r".{0,60}?\b(?:contains?|has|have|includes?|reveals?|discuss(?:es)?|is\s+full\s+of)\b"
        rf".{{0,30}}?\b(?:{_SPOILERS}|the\s+(?:ending|twist|plot))",
    ),
    (
        "The rest of this section gives the ending away / What follows gives it all away",
        rf"^{_PREFIX}(?:(?:the\s+rest\s+of\s+)?this|the\s+following|what\s+follows)\b"
        r".{0,60}?\bgives?\b.{0,30}?\baway\b",
    ),
    (
        "Stop reading now if you have not seen it / Stop now if concerned / "
        "Stop here if you want to stay unspoiled / ..., so skip to the next section if ...",
        r"^(?:[^.!?…]{0,120}?\b)?(?:stop\s+(?:reading|listening|here|now)|skip\s+(?:ahead|this"
        r"\s+(?:section|part|bit|paragraph)|to\s+the\s+(?:next|end)))\b.{0,20}?\b(?:if|unless)\b",
    ),
    (
        "I need to reveal some spoilers ahead / We get into spoilers from here on, so ... / "
        "Spoilers for the whole series follow",
        rf"^[^.!?…]{{0,150}}?\b{_SPOILERS}(?:\s+for\s+[^.!?…]{{1,60}}?)?{_AFTER}{_ONWARD}"
        rf"{_CLAUSE_END}",
    ),
    (
        "Discussing the ending will require spoilers / We'll have to get into spoilers / "
        "I'm going to reveal a few spoilers",
        rf"^(?=[^.!?…]{{0,150}}?\b{_SPOILERS})(?=[^.!?…]{{0,100}}?{_MODAL}\s)"
        rf"{_SUBJECT}\s*{_MODAL}\s+(?:[\w'’]+\s+){{0,2}}?{_REVEAL}\s+"
        rf"(?:[\w'’-]+\s+){{0,4}}?{_SPOILERS}",
    ),
    (
        "Contains spoilers. / (Contains major spoilers for the finale) / Includes spoilers",
        rf"^{_PREFIX}(?:contains?|includes?|has|reveals?)\s+"
        rf"(?:[\w'’-]+\s+){{0,3}}?{_SPOILERS}",
    ),
    (
        "Spoilers! / SPOILERS. / (spoilers) / [Major spoilers] on a line of its own",
        rf"^{_PREFIX}[(\[]?\s*{_INTENSITY}{_SPOILERS}\s*[)\]]?\s*[!.:…]*$",
    ),
)
"""(phrasings, pattern): a paragraph that starts like one of these is a spoiler warning."""

END_PHRASINGS: tuple[tuple[str, str], ...] = (
    ("/spoilers / [/spoiler] / </spoilers>", r"^[\[(<]?\s*/\s*spoilers?\b"),
    (
        "End of spoilers / End spoilers / End of the spoiler section",
        r"^(?:the\s+)?end\s+(?:of\s+(?:the\s+)?)?(?:major\s+|heavy\s+)?spoilers?\b",
    ),
    (
        "Spoilers end here / Spoilers over / Spoiler section ends / Spoilers done",
        r"^(?:ok(?:ay)?[,.!]?\s+)?(?:the\s+)?spoilers?\s+(?:section\s+|part\s+)?"
        r"(?:end(?:s|ed)?|over|done|finished|are\s+(?:over|done|finished))(?![\w-])",
    ),
    (
        "Spoiler-free from here / Spoiler-free again / No more spoilers / Safe to read again",
        r"^(?:(?:we\s+are|we'?re|it'?s|you'?re)\s+)?(?:back\s+to\s+)?(?:spoiler[- ]?free"
        r"\s+(?:from\s+(?:here|now)|again|after\s+this|below|ahead)|no\s+more\s+spoilers"
        r"|safe\s+to\s+(?:read|continue|keep\s+reading|listen)(?:\s+again)?)\b",
    ),
)
"""(phrasings, pattern): a paragraph that starts like one of these ends a spoiler."""

NEGATIVE_PHRASINGS: tuple[tuple[str, str], ...] = (
    ("This review is spoiler-free / spoiler free / spoiler-light", r"\bspoiler[- ]?(?:free|light)"),
    (
        "no spoilers here / without spoilers / free of spoilers / zero spoilers",
        r"\b(?:no|without|zero|free\s+of|avoid(?:ing|s)?|not\s+any)\s+(?:\w+\s+)?spoil",
    ),
    ("I won't spoil it / I will not spoil / never spoil", r"\b(?:won'?t|not|never)\s+spoil"),
    (
        "I won't reveal any spoilers / We will not discuss spoilers / try not to give spoilers",
        r"(?:\bnot|\bnever|n['’]?t)\s+(?!(?:want|wish|like|need|care|mind|seen|read|watched"
        r"|played|finished|caught)\b)(?:[\w'’]+\s+){0,3}?(?:any\s+)?spoil",
    ),
    ("non-spoiler review", r"\bnon[- ]?spoiler"),
)
"""(phrasings, pattern): a paragraph that says any of these is never a warning."""

_SPOILER_HEADING = re.compile(
    r"^spoilers?\s*(?::|\s[-–—]\s)"  # "Spoilers: the ending", "Spoiler - the twist"
    r"|[(\[]\s*(?:(?:major|heavy|minor|full|big|some)\s+)?spoilers?\s*[)\]]\s*$"  # "(spoilers)"
    r"|^spoilers?$",
    re.IGNORECASE,
)


def _compile(table: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for _, pattern in table), re.IGNORECASE)


_WARNING = _compile(WARNING_PHRASINGS)
_BARE = _compile(WARNING_PHRASINGS[-1:])
_END = _compile(END_PHRASINGS)
_NEGATIVE = _compile(NEGATIVE_PHRASINGS)


_TRAILING = "*_ \t"
_BRACKETED = re.compile(r"^[(\[]([^()\[\]]*)[)\]][\s.!:;…]*$")
"""A notice in brackets: "(Spoilers follow)", "[WARNING: SORT OF A SPOILER]"."""


def _notice(text: str) -> str | None:
    """The text without leading (and trailing emphasis) marks and without the brackets
    around all of it, or None when it is too long to be a notice."""
    stripped = _CALLOUT.sub("", text.strip().lstrip(_LEADING)).strip().rstrip(_TRAILING)
    bracketed = _BRACKETED.match(stripped)
    if bracketed:
        stripped = _CALLOUT.sub("", bracketed.group(1).strip().lstrip(_LEADING)).strip()
    return stripped if len(stripped) <= MAX_NOTICE_CHARS else None


def is_spoiler_end(text: str) -> bool:
    """Whether a paragraph's text ends a spoiler ("End of spoilers", "/spoilers")."""
    stripped = _notice(text)
    return stripped is not None and bool(_END.match(stripped))


def is_spoiler_warning(text: str) -> bool:
    """Whether a paragraph's text is a spoiler warning ("Spoiler alert", "Here be spoilers")."""
    stripped = _notice(text)
    if stripped is None or not _WARNING.match(stripped):  # every pattern is anchored
        return False
    return not (_NEGATIVE.search(stripped) or _END.match(stripped))


_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_WARNING_WORDS = ("spoil", "stop", "skip", "away", "the ending", "the twist", "the plot")
_END_WORDS = ("spoil", "safe to")
"""A word every warning (end marker) pattern needs: a quick test before the sentences."""
_LAST_BRACKETS = re.compile(r"\s+(?=[(\[][^()\[\]]{1,80}[)\]][\s.!:;…]*$)")
"""Brackets that end a paragraph stand alone: "... a fine cast (spoilers follow)"."""
_OPENING_BRACKETS = re.compile(r"[(\[][^()\[\]]{1,80}[)\]]\s+")
"""Brackets that open a sentence stand alone: "(Spoilers ahead) The hero dies."."""
_ALERT = re.compile(r"\b(?:warning|caution|alert|beware|heads[- ]up)\b", re.IGNORECASE)
"""Words that make a bracketed notice a warning even mid-sentence."""
_NOTICE_SENTENCES = 3
"""A notice may take a few short sentences: "OOPS! Spoiler warning."."""


def notice_span(text: str, end: bool = False) -> tuple[int, int] | None:
    """Where the first spoiler warning (``end``: end marker) of a paragraph's text is, as
    whole sentences, (start, stop) offsets; None when it has none. "A fine film. Spoilers
    ahead! The hero dies." has its warning at (13, 28)."""
    words = _END_WORDS if end else _WARNING_WORDS
    if not _has_any(text, words):
        return None  # most paragraphs: no word any pattern needs

    def test(candidate: str) -> bool:
        if not _has_any(candidate, words):
            return False
        return is_spoiler_end(candidate) if end else is_spoiler_warning(candidate)

    starts, asides = _sentence_starts(text)
    sentences = list(zip(starts, [*starts[1:], len(text)], strict=True))
    for index, (start, _) in enumerate(sentences):
        for last in range(index, min(index + _NOTICE_SENTENCES, len(sentences))):
            candidate = text[start : sentences[last][1]]
            if start in asides and _is_bare(candidate):
                continue  # "I won't say who dies (spoilers!)": an aside, not a warning
            if test(candidate):
                stop = sentences[last][1]
                for following, following_stop in sentences[last + 1 :]:
                    if not test(text[following:following_stop]):
                        break
                    stop = following_stop
                return start, stop
    return None


def _sentence_starts(text: str) -> tuple[list[int], set[int]]:
    """Where each sentence of ``text`` starts; brackets at a paragraph's end or a sentence's
    start are sentences of their own. Also: the starts of brackets that end a paragraph
    mid-sentence (asides)."""
    starts = {0, *(match.end() for match in _SENTENCE_BOUNDARY.finditer(text))}
    asides = {match.end() for match in _LAST_BRACKETS.finditer(text)} - starts
    starts |= asides
    for start in sorted(starts):
        opening = _OPENING_BRACKETS.match(text, start)
        if opening and opening.end() < len(text):
            starts.add(opening.end())
    return sorted(starts), asides


def _is_bare(text: str) -> bool:
    """Whether a notice is the bare word: "(spoilers!)", "[major spoilers]"; one that says it
    warns ("(WARNING: sort of a spoiler)") is not."""
    stripped = _notice(text)
    return stripped is not None and bool(_BARE.match(stripped)) and not _ALERT.search(stripped)


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    folded = text.casefold()
    return any(word in folded for word in words)


def names_spoilers(title: str) -> bool:
    """Whether a heading says its section is a spoiler ("Spoilers: ...", "... (spoilers)")."""
    return bool(_SPOILER_HEADING.search(title.strip()))
