"""The stylesheets: the EPUB's, the web edition's, and the spoiler notice both of them show
the same way (one file, appended to each)."""

from __future__ import annotations

from importlib.resources import files

SPOILER_NOTICE = "spoiler-notice.css"
CONTENT = "content.css"


def stylesheet(name: str) -> str:
    """The stylesheet ``name`` (``epub.css``, ``web.css``) with the rules both share (the
    spoiler notice; tables, figures, code, notes)."""
    folder = files(__name__)
    own = folder.joinpath(name).read_text("utf-8")
    shared = (folder.joinpath(n).read_text("utf-8") for n in (SPOILER_NOTICE, CONTENT))
    return own.rstrip() + "".join("\n\n" + text for text in shared)
