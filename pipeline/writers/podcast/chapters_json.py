"""Podcasting 2.0 JSON chapters (version 1.2): ``<slug>.chapters.json`` for the book MP3 and
``<slug>-spoiler-free.chapters.json`` for its cut, a chapter per track titled like it."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.publication import Publication
from pipeline.writers.names import book_mp3_name
from pipeline.writers.timeline import book_timeline

CHAPTERS_VERSION = "1.2.0"
MEDIA_TYPE = "application/json+chapters"


def write_chapters(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write both chapter files."""
    names = {}
    meta = publication.article.metadata
    for spoiler_free, key in ((False, "chapters"), (True, "chapters_spoiler_free")):
        timeline = book_timeline(publication, spoiler_free)
        document = {
            "version": CHAPTERS_VERSION,
            "title": meta.title + (" (spoiler-free edition)" if spoiler_free else ""),
            **({"author": meta.author} if meta.author else {}),
            "fileName": book_mp3_name(publication.slug, spoiler_free),
            "chapters": [
                {
                    "startTime": round(mark.start, 3),
                    "endTime": round(mark.end, 3),
                    "title": mark.title,
                }
                for mark in timeline.chapters
            ],
        }
        name = names[key] = book_mp3_name(publication.slug, spoiler_free, "chapters.json")
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        (out_dir / name).write_text(text, encoding="utf-8")
    return names
