"""Raw HTML parsed with a real HTML5 parser (selectolax's Lexbor), within bounds, and the
tables that say what each tag is to earmark.

The bounds are checked before parsing: at most ``MAX_HTML_CHARS`` characters and
``MAX_HTML_TAGS`` tags per piece of HTML (the rest is cut off with a warning); the tree walk
stops descending at ``MAX_HTML_DEPTH`` and keeps only the text below it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.readers.notices import Notices

MAX_HTML_CHARS = 500_000
MAX_HTML_TAGS = 20_000
MAX_HTML_DEPTH = 60

# Placeholders for the Markdown between pieces of raw HTML (its model values are kept aside).
BLOCK_SLOT = "earmark-block"
INLINE_SLOT = "earmark-inline"


def tag_set(names: str) -> frozenset[str]:
    """A table of tag names from a space-separated string."""
    return frozenset(names.split())


DROPPED = tag_set(
    "script style noscript template form input button select option optgroup textarea "
    "datalist output svg math canvas map area head title meta link base frameset frame "
    "noframes dialog param track source rp"
)
"""Active or non-text content: dropped with everything inside it."""

EMBEDS = tag_set("iframe video audio object embed")

LAYOUT = tag_set(
    "div span font center section article header footer main aside nav address hgroup "
    "body html picture fieldset legend search"
)
"""Unwrapped: their content stays, they do not (so is every tag in no table)."""

BLOCKS = tag_set(
    "p h1 h2 h3 h4 h5 h6 blockquote ul ol menu li dl dt dd pre figure figcaption table thead "
    f"tbody tfoot tr td th caption details summary hr {' '.join(EMBEDS)} {BLOCK_SLOT}"
)
"""Tags that make blocks of their own (an inline element holding one is unwrapped)."""

BREAKS = tag_set(
    "div center section article header footer main aside nav address hgroup fieldset search"
)
"""Layout tags a browser shows as boxes of their own: their text is a paragraph apart from
the text around them (a Ghost callout card is not run into the paragraph before it)."""

_TAG = re.compile(r"<[A-Za-z!/?]")
_ELEMENT = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
VOID = tag_set("area base br col embed hr img input link meta param source track wbr")


def parse_html(source: str, notices: Notices, line: int) -> LexborNode:
    """Parse ``source`` (a fragment of an article) and return its body element."""
    if len(source) > MAX_HTML_CHARS:
        notices.warn(
            "html-size",
            line,
            f"raw HTML longer than {MAX_HTML_CHARS} characters; the rest is left out.",
        )
        source = source[:MAX_HTML_CHARS]
    for tags, match in enumerate(_TAG.finditer(source), 1):
        if tags > MAX_HTML_TAGS:
            notices.warn(
                "html-tags",
                line,
                f"raw HTML with more than {MAX_HTML_TAGS} tags; the rest is left out.",
            )
            source = source[: match.start()]
            break
    source, flattened = _flatten_deep(source, MAX_HTML_DEPTH)
    if flattened:
        notices.warn(
            "html-depth",
            line,
            f"raw HTML nested deeper than {MAX_HTML_DEPTH} elements; the deeper tags are "
            "left out, their text kept.",
        )
    body = LexborHTMLParser(f"<body>{source}").body
    assert body is not None  # an HTML5 parser always makes a body
    return body


def _flatten_deep(source: str, limit: int) -> tuple[str, bool]:
    """``source`` without the tags nested deeper than ``limit`` (their text stays), so the
    parser and the tree walk stay shallow; and whether any were removed."""
    depth = 0
    deeper = 0
    cuts: list[tuple[int, int]] = []
    for match in _ELEMENT.finditer(source):
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID or match.group(0).endswith("/>"):
            continue
        if not closing:
            if depth >= limit:
                deeper += 1
                cuts.append(match.span())
            else:
                depth += 1
        elif deeper:
            deeper -= 1
            cuts.append(match.span())
        elif depth:
            depth -= 1
    if not cuts:
        return source, False
    parts, position = [], 0
    for start, end in cuts:
        parts.append(source[position:start])
        position = end
    parts.append(source[position:])
    return "".join(parts), True


def text_of(node: LexborNode) -> str:
    """All the text below ``node``, without dropped content (scripts, styles, forms)."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag == "-text":
            parts.append(current.text_content or "")
        elif current.tag not in DROPPED and current.tag != "-comment":
            stack.extend(reversed(list(current.iter(include_text=True))))
    return "".join(parts)


def has_blocks(node: LexborNode, depth: int = 0) -> bool:
    """Whether an element holds block-level content (so it cannot be read as inline text)."""
    if depth > MAX_HTML_DEPTH:
        return False
    for child in node.iter(include_text=False):
        if child.tag in BLOCKS or (child.tag not in DROPPED and has_blocks(child, depth + 1)):
            return True
    return False
