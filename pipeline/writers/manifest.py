"""manifest.json: what a build produced, for machines. Paths are relative to the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.edition.chapters import section_hrefs
from pipeline.model import Metadata
from pipeline.publication import Publication
from pipeline.writers.names import transcript_name
from pipeline.writers.timeline import book_timeline

MANIFEST_NAME = "manifest.json"
SCHEMA_VERSION = 1


def write_manifest(publication: Publication, outputs: dict[str, str], out_dir: Path) -> Path:
    """Write ``manifest.json`` describing the sections and the files in ``outputs``."""
    article = publication.article
    narration = publication.narration
    manifest = {
        "schema": SCHEMA_VERSION,
        "source": article.source.name,
        "title": article.metadata.title,
        "lang": article.metadata.lang,
        "edition": "spoiler-free" if publication.spoiler_free_edition else "full",
        **({"engine": {"name": narration.engine, "voice": narration.voice}} if narration else {}),
        **_about(article.metadata),
        **(_durations(publication) if "book_mp3" in outputs else {}),
        "sections": _sections(publication, "epub" in outputs, "transcript" in outputs),
        "outputs": outputs,
    }
    path = out_dir / MANIFEST_NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _about(meta: Metadata) -> dict[str, str]:
    """What the front matter says that feeds and catalogues show (only what is set)."""
    fields = {"author": meta.author, "date": meta.date, "description": meta.description}
    return {key: value for key, value in fields.items() if value}


def _durations(publication: Publication) -> dict[str, float]:
    """Exact lengths of the book MP3 and its spoiler-free cut, in seconds."""
    return {
        "duration_s": round(book_timeline(publication).duration, 3),
        "duration_spoiler_free_s": round(book_timeline(publication, True).duration, 3),
    }


def _sections(
    publication: Publication, with_epub: bool, with_transcripts: bool
) -> list[dict[str, object]]:
    """One entry per section. A narrated chapter's sections share its track; the chapter's
    main section carries the track's duration."""
    hrefs = section_hrefs(publication.chapters) if with_epub else {}
    tracks = {}
    if publication.narration is not None:
        tracks = {t.track.chapter.id: t for t in publication.narration.tracks}
    entries = []
    for chapter in publication.chapters:
        narrated = tracks.get(chapter.id)
        for section in chapter.sections:
            entry: dict[str, object] = {
                "id": section.id,
                "title": section.title,
                "level": section.level,
                "spoiler": section.spoiler,
            }
            if hrefs:
                entry["epub_href"] = hrefs[section.id]
            if narrated is not None:
                entry["audio"] = narrated.track.file_name
                if with_transcripts:
                    entry["transcript"] = transcript_name(narrated.track.file_name)
                if section is chapter.main:
                    entry["duration_s"] = round(narrated.duration, 3)
            entries.append(entry)
    return entries
