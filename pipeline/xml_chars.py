"""Characters XML cannot carry: removed once, where text enters earmark, and again (as a guard)
where XML is written.

Valid UTF-8 can still hold C0 controls (BEL, ESC sequences pasted from a terminal), DEL, C1
controls, noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, the last two of every plane) and, in
file names decoded with ``surrogateescape``, lone surrogates. XML 1.0 forbids most of them
(EPUBCheck: FATAL RSC-016) and the rest are never meant as text. Tabs and newlines keep their
meaning; a vertical tab or form feed becomes a newline; terminal escape sequences
("\\x1b[31m") go whole, not just their ESC.

C1 code points (U+0080 to U+009F) in text that is otherwise Unicode are nearly always
Windows-1252 bytes that were decoded as Latin-1 on the way (text pasted from Word or an old
CMS): they are read as Windows-1252 first, so U+0092 is an apostrophe, U+0093/U+0094 are
curly quotes, U+0096/U+0097 dashes, U+0085 an ellipsis. The five Windows-1252 leaves
undefined (U+0081, U+008D, U+008F, U+0090, U+009D) are removed.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same with the one-character C1 introducer
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS, ...: strings up to BEL or ST
    r"|\x1b[ -/]*[0-~]"  # the other two- and three-character sequences
)
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_WINDOWS_1252 = str.maketrans(
    {chr(code): bytes([code]).decode("cp1252", "ignore") or None for code in range(0x80, 0xA0)}
)
"""C1 code point -> the Windows-1252 character its byte stands for (None: undefined there)."""
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
    text = _ESCAPE_SEQUENCE.sub("", text).translate(_LINE_BREAKS).translate(_WINDOWS_1252)
    return _FORBIDDEN.sub("", text)
