"""EPUB 3 Media Overlays: one SMIL document per narrated chapter.

Every ``<par>`` pairs an element of the chapter (a heading, the spoiler notice, a sentence's
``<span>``) with the exact clip of the chapter's audio in which it is spoken: the clip times
come from synthesis (``pipeline.audio.narrate.Clip``), not from alignment. In a spoiler
chapter the notice is always played, and the chapter's body sits in a
``<seq epub:type="aside">`` that reading systems may let the listener skip.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pipeline.audio.tracks import NarratedTrack
from pipeline.durations import smil_clock
from pipeline.model import Chapter
from pipeline.writers.sections import warning_id
from pipeline.writers.xhtml import EPUB_NS, serialize

SMIL_NS = "http://www.w3.org/ns/SMIL"
_CHUNK_ID = re.compile(r"__[sh]\d+$")
"""A sentence's (or a long heading's chunk's) ``<span id>``."""

ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class reading systems put on the element being read (``media:active-class``)."""


def overlay_document(
    chapter: Chapter, narrated: NarratedTrack, chapter_href: str, audio_href: str
) -> bytes:
    """The SMIL document for one chapter; hrefs are relative to the SMIL file."""
    smil = ET.Element(f"{{{SMIL_NS}}}smil", {"version": "3.0"})
    body = ET.SubElement(smil, f"{{{SMIL_NS}}}body")
    ids_in_page = {warning_id(chapter), *(s.id for s in chapter.sections)}
    outer = ET.SubElement(
        body, f"{{{SMIL_NS}}}seq", {f"{{{EPUB_NS}}}textref": chapter_href, "id": "chapter"}
    )
    target = outer
    for number, clip in enumerate(narrated.clips, 1):
        is_warning = clip.utterance_id == warning_id(chapter)
        if clip.utterance_id not in ids_in_page and not _CHUNK_ID.search(clip.utterance_id):
            continue  # opening credits and "The end." have no text on the page
        if chapter.spoiler and not is_warning and target is outer:
            target = ET.SubElement(
                outer,
                f"{{{SMIL_NS}}}seq",
                {
                    f"{{{EPUB_NS}}}type": "aside",
                    f"{{{EPUB_NS}}}textref": f"{chapter_href}#section-{chapter.sections[0].id}",
                    "id": "spoiler",
                },
            )
        par = ET.SubElement(target, f"{{{SMIL_NS}}}par", {"id": f"par{number}"})
        ET.SubElement(par, f"{{{SMIL_NS}}}text", {"src": f"{chapter_href}#{clip.utterance_id}"})
        ET.SubElement(
            par,
            f"{{{SMIL_NS}}}audio",
            {
                "src": audio_href,
                "clipBegin": smil_clock(clip.begin),
                "clipEnd": smil_clock(clip.end),
            },
        )
    ET.indent(smil, space=" ")
    # epub:textref is always present, so ElementTree declares the epub prefix on <smil>.
    markup = serialize(smil, SMIL_NS)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{markup}\n'.encode()
