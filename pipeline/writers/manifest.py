"""manifest.json: what a build produced, for machines. Paths are relative to the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.chapters import section_hrefs
from pipeline.publication import Publication

MANIFEST_NAME = "manifest.json"
SCHEMA_VERSION = 1


def write_manifest(publication: Publication, outputs: dict[str, str], out_dir: Path) -> Path:
    """Write ``manifest.json`` describing the sections and the files in ``outputs``."""
    article = publication.article
    hrefs = section_hrefs(publication.chapters) if "epub" in outputs else {}
    manifest = {
        "schema": SCHEMA_VERSION,
        "source": article.source.name,
        "title": article.metadata.title,
        "lang": article.metadata.lang,
        "edition": "spoiler-free" if publication.spoiler_free_edition else "full",
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "level": section.level,
                "spoiler": section.spoiler,
                **({"epub_href": hrefs[section.id]} if hrefs else {}),
            }
            for section in article.sections
        ],
        "outputs": outputs,
    }
    path = out_dir / MANIFEST_NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
