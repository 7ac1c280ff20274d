"""Characters XML cannot carry: removed once, where text enters earmark, and again (as a guard)
where XML is written.

Valid UTF-8 can still hold C0 controls (BEL, ESC sequences pasted from a terminal), DEL, C1
controls, noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, the last two of every plane) and, in
file names decoded with ``surrogateescape``, lone surrogates. XML 1.0 forbids most of them
(EPUBCheck: FATAL RSC-016) and the rest are never meant as text. Tabs and newlines keep their
meaning; a vertical tab, form feed or NEL (U+0085) becomes a newline; terminal escape
sequences ("\\x1b[31m") go whole, not just their ESC.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same with the one-character C1 introducer
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS, ...: strings up to BEL or ST
    r"|\x1b[ -/]*[0-~]"  # the other two- and three-character sequences
)
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
_PLANE_NONCHARACTERS = "".join(
    chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
)
_NOT_TEXT = (
    "\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _PLANE_NONCHARACTERS
)
_FORBIDDEN = re.compile(f"[{_NOT_TEXT}]")
_UNSAFE = re.compile(f"[\x0b\x0c{_NOT_TEXT}]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML forbids or that are never text (see the module)."""
    if _UNSAFE.search(text) is None:
        return text
    text = _ESCAPE_SEQUENCE.sub("", text).translate(_LINE_BREAKS)
    return _FORBIDDEN.sub("", text)
