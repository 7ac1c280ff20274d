"""The stylesheets: the EPUB's, the web edition's, and the spoiler notice both of them show
the same way (one file, appended to each)."""

from __future__ import annotations

from importlib.resources import files

SPOILER_NOTICE = "spoiler-notice.css"


def stylesheet(name: str) -> str:
    """The stylesheet ``name`` (``epub.css``, ``web.css``) with the spoiler notice's rules."""
    folder = files(__name__)
    own = folder.joinpath(name).read_text("utf-8")
    return own.rstrip() + "\n\n" + folder.joinpath(SPOILER_NOTICE).read_text("utf-8")
