"""The output folder's ``index.html``: every article with a web edition (title, duration,
number of spoiler chapters, link) and the podcast feeds. A batch writer
(``pipeline.publishing.catalog.BATCH_WRITERS``), rebuilt from the manifests after every build."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from pipeline.durations import iso_duration, player_clock
from pipeline.system.files import write_atomically
from pipeline.writers.languages import mark_languages
from pipeline.writers.names import EDITIONS
from pipeline.writers.styles import stylesheet
from pipeline.writers.xhtml import UI_LANG, XHTML_NS, Element, child, element, serialize

if TYPE_CHECKING:  # catalog.py lists this writer in its table
    from pipeline.writers.catalog import Catalog, CatalogEntry

INDEX = "index.html"


def write_index(catalog: Catalog) -> list[str]:
    """Write ``index.html`` into the output folder when any article there has a web edition."""
    articles = [entry for entry in catalog.entries if entry.output("web") is not None]
    if not articles:
        return []
    page = index_page(catalog, articles)
    path = catalog.out_dir / INDEX
    # An unchanged build leaves every file alone, this one too.
    if not path.is_file() or path.read_bytes() != page:
        write_atomically(path, page)
    return []


def index_page(catalog: Catalog, articles: list[CatalogEntry]) -> bytes:
    """The batch index as an HTML document, styled by the web edition's stylesheet (inlined,
    so the file stands alone)."""
    title = catalog.project.feed.title or "Narrated articles"
    html = element("html", lang=UI_LANG)
    head = child(html, "head")
    child(head, "meta", charset="utf-8")
    child(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    child(head, "meta", name="color-scheme", content="light dark")
    child(head, "title", title)
    css = stylesheet("web.css")
    child(head, "style", css)
    body = child(html, "body")
    child(child(body, "header"), "h1", title, id="title")
    main = child(body, "main")
    table = child(main, "table")
    child(table, "caption", f"{len(articles)} narrated article{'s' if len(articles) != 1 else ''}")
    row = child(child(table, "thead"), "tr")
    for heading in ("Article", "Duration", "Spoiler chapters"):
        child(row, "th", heading, scope="col")
    rows = child(table, "tbody")
    for entry in articles:
        rows.append(_row(entry))
    feeds = EDITIONS if catalog.has_feeds else ()
    if feeds:
        section = child(main, "section", aria_labelledby="feeds-title")
        child(section, "h2", "Podcast feeds", id="feeds-title")
        items = child(section, "ul")
        for edition in feeds:
            label = "Spoiler-free podcast feed" if edition.spoiler_free else "Podcast feed"
            child(child(items, "li"), "a", label, href=quote(edition.file_name))
    mark_languages(body, UI_LANG, xml_lang=False)
    return f"<!DOCTYPE html>\n{serialize(html, XHTML_NS, method='html')}\n".encode()


def _row(entry: CatalogEntry) -> Element:
    manifest = entry.manifest
    chapters = [s for s in manifest.get("sections", []) if "duration_s" in s]
    duration = sum(float(s["duration_s"]) for s in chapters)
    spoilers = sum(bool(s.get("spoiler")) for s in chapters)
    row = element("tr")
    cell = child(row, "th", scope="row")
    link = child(
        cell,
        "a",
        str(manifest.get("title") or entry.slug),
        href=f"{quote(entry.slug)}/{quote(manifest['outputs']['web'])}",
    )
    if manifest.get("lang"):
        link.set("lang", str(manifest["lang"]))
    child(
        child(row, "td", class_="number"),
        "time",
        player_clock(duration),
        datetime=iso_duration(duration),
    )
    child(row, "td", str(spoilers), class_="number")
    return row
