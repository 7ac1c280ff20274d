"""The web edition: ``index.html`` in the article's folder, with its script and stylesheet in
``web/``. It plays the whole-article MP3 and reads along with the exact narration timings."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from pipeline.publication import Publication
from pipeline.writers.web_page import ChapterMark, Cue, Download, PageMedia, article_page

PAGE = "index.html"
ASSETS = ("earmark.js", "earmark.css")


def write_web(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write ``index.html`` and ``web/`` into ``out_dir``; return the manifest's entry."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    chapters, cues = _timeline(publication)
    slug = publication.slug
    media = PageMedia(
        audio=quote(f"{slug}.mp3"),
        transcript=quote(f"{slug}.vtt"),
        duration=chapters[-1].end if chapters else 0.0,
        chapters=chapters,
        cues=cues,
        downloads=downloads(publication),
    )
    (out_dir / PAGE).write_bytes(article_page(publication, media))
    assets = out_dir / "web"
    assets.mkdir(exist_ok=True)
    for name in ASSETS:
        (assets / name).write_bytes(
            files("pipeline.writers").joinpath("web_assets", name).read_bytes()
        )
    return {"web": PAGE}


def downloads(publication: Publication) -> tuple[Download, ...]:
    """The files of this build that the page links to, in a fixed order."""
    from pipeline.writers import with_requirements

    formats = set(with_requirements(publication.config.formats))
    slug = publication.slug
    narration = publication.narration
    has_spoilers = any(chapter.spoiler for chapter in publication.chapters)
    items = [Download("The whole article (MP3)", quote(f"{slug}.mp3"))]
    if has_spoilers:
        items.append(Download("The spoiler-free cut (MP3)", quote(f"{slug}-spoiler-free.mp3")))
    items.append(Download("Transcript (WebVTT)", quote(f"{slug}.vtt")))
    if "epub" in formats:
        items.append(Download("E-book with read-aloud (EPUB 3)", quote(f"{slug}.epub")))
    if "m4b" in formats:
        items.append(Download("Audiobook with chapters (M4B)", quote(f"{slug}.m4b")))
    if "mp3" in formats and narration is not None:
        for narrated in narration.tracks:
            items.append(Download(f"{narrated.track.title} (MP3)", quote(narrated.track.file_name)))
    return tuple(items)


def _timeline(publication: Publication) -> tuple[tuple[ChapterMark, ...], tuple[Cue, ...]]:
    """Chapters and cues of the whole-article audio (provisional: the tracks end to end)."""
    narration = publication.narration
    assert narration is not None
    chapters = []
    cues = []
    offset = 0.0
    for narrated in narration.tracks:
        chapter = narrated.track.chapter
        chapters.append(
            ChapterMark(
                chapter.id,
                narrated.track.title,
                offset,
                offset + narrated.duration,
                chapter.spoiler,
            )
        )
        for clip in narrated.clips:
            cues.append(Cue(clip.utterance_id, offset + clip.begin, offset + clip.end))
        offset += narrated.duration
    return tuple(chapters), tuple(cues)
