"""The web edition: ``index.html`` in the article's folder, with its script and stylesheet in
``web/``. It plays the whole-article MP3 and reads along with the narration's exact timings
(``pipeline.writers.timeline``), and links to the other files of the build."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from pipeline.publication import Publication
from pipeline.writers.blocks import IMAGE_FOLDER
from pipeline.writers.names import EDITIONS, book_mp3_name
from pipeline.writers.styles import stylesheet
from pipeline.writers.timeline import book_timeline
from pipeline.writers.web.page import Download, PageMedia, article_page

PAGE = "index.html"
ASSET_FOLDER = "web"
SCRIPT = "earmark.js"
STYLESHEET = "earmark.css"
BATCH_INDEX = "../index.html"
"""The output folder's index (``pipeline.writers.web.index``): every article, and the feeds."""


def write_web(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write ``index.html`` and ``web/`` into ``out_dir``; return the manifest's entry."""
    slug = publication.slug
    media = PageMedia(
        audio=quote(book_mp3_name(slug)),
        transcript=quote(book_mp3_name(slug, extension="vtt")),
        timeline=book_timeline(publication),
        downloads=downloads(publication),
    )
    (out_dir / PAGE).write_bytes(article_page(publication, media))
    if publication.images:
        folder = out_dir / IMAGE_FOLDER
        folder.mkdir(exist_ok=True)
        for image in publication.images:
            (folder / image.file_name).write_bytes(image.data)
    assets = out_dir / ASSET_FOLDER
    assets.mkdir(exist_ok=True)
    script = files(__name__).joinpath("assets", SCRIPT)
    (assets / SCRIPT).write_bytes(script.read_bytes())
    (assets / STYLESHEET).write_text(stylesheet("web.css"), encoding="utf-8")
    return {"web": PAGE}


def downloads(publication: Publication) -> tuple[Download, ...]:
    """The other files of this build, in a fixed order. Only formats the build makes are
    listed (``web`` itself requires the book MP3, its cut, the transcript and chapters)."""
    formats = set(publication.config.formats)
    slug = publication.slug
    narration = publication.narration
    items = [Download("The whole article", quote(book_mp3_name(slug)), "MP3")]
    if any(chapter.spoiler for chapter in publication.chapters):
        items.append(
            Download("The spoiler-free cut", quote(book_mp3_name(slug, True)), "MP3, no spoilers")
        )
    items.append(Download("Transcript", quote(book_mp3_name(slug, extension="vtt")), "WebVTT"))
    if "epub" in formats:
        items.append(Download("E-book with read-aloud", quote(f"{slug}.epub"), "EPUB 3"))
    if "m4b" in formats:
        items.append(Download("Audiobook with chapters", quote(f"{slug}.m4b"), "M4B"))
    if {"mp3", "playlists"} & formats and narration is not None:
        items.extend(
            Download(narrated.track.title, quote(narrated.track.file_name), "MP3 track")
            for narrated in narration.tracks
        )
    if publication.config.feeds:
        labels = {False: "Podcast feed", True: "Spoiler-free podcast feed"}
        items.extend(Download(labels[e.spoiler_free], f"../{e.file_name}", "RSS") for e in EDITIONS)
    items.append(Download("Every article here", BATCH_INDEX))
    return tuple(items)
