"""Nesting bound for whole pages, applied before parsing: an HTML5 parser checks the stack of
open elements for most tags, so parse time grows with depth times tags (100,000 nested
``<div>`` took Lexbor over half a minute). Tags that would open deeper than
``MAX_PAGE_DEPTH`` are left out, with their closing tags; their text stays.
"""

from __future__ import annotations

import re

from pipeline.readers.html_parse import tag_set
from pipeline.readers.notices import Notices

MAX_PAGE_DEPTH = 512
"""Browsers flatten deeper markup too (Blink's parser stops nesting at 512)."""

NOT_COUNTED = tag_set(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp"
)
"""Void elements, and those whose end tag may be left out (they cannot nest deeply)."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")


def flatten_deep(text: str, notices: Notices) -> str:
    """``text`` with tags deeper than ``MAX_PAGE_DEPTH`` left out (see the module); an
    estimate from the tags alone (implied end tags are not counted), so it errs on the flat
    side only for pages that are very deep anyway."""
    depth = 0
    cuts: list[tuple[int, int]] = []
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in NOT_COUNTED or self_closing:
            continue
        if closing:
            if depth > MAX_PAGE_DEPTH:
                cuts.append(match.span())
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > MAX_PAGE_DEPTH:
                cuts.append(match.span())
    if not cuts:
        return text
    notices.warn(
        "html-depth", 0, f"markup nested deeper than {MAX_PAGE_DEPTH} levels was flattened."
    )
    parts: list[str] = []
    position = 0
    for start, end in cuts:
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return "".join(parts)
