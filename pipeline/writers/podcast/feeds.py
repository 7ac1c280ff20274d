"""The output folder's two podcast feeds: ``feed.xml`` (each article's whole MP3) and
``feed-spoiler-free.xml`` (each article's spoiler-free cut), one item per article folder.

RSS 2.0 with the ``itunes:`` (Apple), ``podcast:`` (Podcasting 2.0) and ``atom:`` namespaces,
written with ElementTree: the one Python feed library that writes podcast feeds (feedgen 1.0)
covers ``itunes:`` but not ``podcast:``, so it would still need hand-made elements, and
ElementTree escapes every text and attribute (article titles are data, never markup).

Item GUIDs depend only on the article's slug and the edition, so they survive rebuilds; an
item's date is the front matter's ``date``, or the time the article first appeared in the
feed, remembered in ``.earmark-feeds.json`` beside the feeds.
"""

from __future__ import annotations

import io
import json
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from PIL import Image

from pipeline.edition.cover import title_card
from pipeline.model import Metadata
from pipeline.system.files import write_atomically
from pipeline.writers.names import EDITIONS, FeedEdition
from pipeline.writers.podcast.chapters_json import MEDIA_TYPE as CHAPTERS_TYPE

if TYPE_CHECKING:
    from pipeline.config import FeedSettings
    from pipeline.writers.catalog import Catalog, CatalogEntry

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
for _prefix, _uri in (("itunes", ITUNES_NS), ("podcast", PODCAST_NS), ("atom", ATOM_NS)):
    ET.register_namespace(_prefix, _uri)

PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The Podcasting 2.0 namespace's own UUID, for ``podcast:guid`` (UUIDv5 of the feed URL)."""
STATE_NAME = ".earmark-feeds.json"
IMAGE_STEM = "feed-image"
NO_BASE_URL = (
    "feeds: not written, because they need the address the output folder is served at. "
    "Set base_url under [feed] in earmark.toml, or pass --base-url URL."
)


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid``: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    parts = urlsplit(feed_url)
    bare = feed_url[len(parts.scheme) + 3 :] if parts.scheme else feed_url
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare.rstrip("/")))


def item_guid(slug: str, spoiler_free: bool) -> str:
    """An item's GUID: the same for an article (and edition) in every build."""
    edition = "spoiler-free" if spoiler_free else "full"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'earmark:episode:{slug}:{edition}')}"


def write_feeds(catalog: Catalog) -> list[str]:
    """Write both feeds for every article in the output folder (a batch writer)."""
    settings = catalog.project.feed
    entries = list(catalog.feed_entries)
    if not entries:
        return []  # nothing narrated for a feed (e.g. --formats epub)
    if not catalog.has_feeds:
        return [NO_BASE_URL]
    base = str(settings.base_url).rstrip("/") + "/"
    published = _publication_dates(catalog.out_dir, entries)
    image = base + quote(_channel_image(catalog, settings))
    for edition in EDITIONS:
        channel = _Channel(settings, base, edition, catalog, image)
        items = sorted(entries, key=lambda e: (published[e.slug], e.slug), reverse=True)
        document = channel.document([channel.item(e, published[e.slug]) for e in items])
        write_atomically(catalog.out_dir / edition.file_name, document)
    return []


class _Channel:
    """Builds one feed's elements."""

    def __init__(
        self, settings: FeedSettings, base: str, edition: FeedEdition, catalog: Catalog, image: str
    ) -> None:
        self.settings = settings
        self.base = base
        self.edition = edition
        self.catalog = catalog
        self.image = image
        self.url = base + edition.file_name

    def document(self, items: list[ET.Element]) -> bytes:
        settings = self.settings
        rss = ET.Element("rss", {"version": "2.0"})
        channel = ET.SubElement(rss, "channel")
        title = self.title()
        _text(channel, "title", title)
        _text(channel, "description", self.description())
        _text(channel, "language", self.language())
        _text(channel, "link", self.base)
        _text(channel, "generator", "earmark")
        link = {"href": self.url, "rel": "self", "type": "application/rss+xml"}
        ET.SubElement(channel, f"{{{ATOM_NS}}}link", link)
        _text(channel, f"{{{ITUNES_NS}}}author", settings.author or title)
        ET.SubElement(channel, f"{{{ITUNES_NS}}}image", {"href": self.image})
        category = ET.SubElement(channel, f"{{{ITUNES_NS}}}category", {"text": settings.category})
        if settings.subcategory:
            ET.SubElement(category, f"{{{ITUNES_NS}}}category", {"text": settings.subcategory})
        _text(channel, f"{{{ITUNES_NS}}}explicit", "true" if settings.explicit else "false")
        _text(channel, f"{{{ITUNES_NS}}}type", "episodic")
        if settings.owner_name or settings.owner_email:
            owner = ET.SubElement(channel, f"{{{ITUNES_NS}}}owner")
            if settings.owner_name:
                _text(owner, f"{{{ITUNES_NS}}}name", settings.owner_name)
            if settings.owner_email:
                _text(owner, f"{{{ITUNES_NS}}}email", settings.owner_email)
        _text(channel, f"{{{PODCAST_NS}}}guid", podcast_guid(self.url))
        locked = {"owner": settings.owner_email} if settings.owner_email else {}
        _text(channel, f"{{{PODCAST_NS}}}locked", "no", **locked)
        _text(channel, f"{{{PODCAST_NS}}}medium", "podcast")
        channel.extend(items)
        ET.indent(rss, space="  ")
        out = io.BytesIO()
        ET.ElementTree(rss).write(out, encoding="utf-8", xml_declaration=True)
        return out.getvalue() + b"\n"

    def title(self) -> str:
        title = self.settings.title or self.catalog.out_dir.resolve().name
        return f"{title} (spoiler-free)" if self.edition.spoiler_free else title

    def description(self) -> str:
        text = self.settings.description or f"Narrated articles: {self.title()}."
        if self.edition.spoiler_free:
            text += (
                " The spoiler-free feed: every episode leaves out the parts that reveal the"
                " plot, with their warnings."
            )
        else:
            text += " Chapters titled \u201cSpoiler: \u2026\u201d reveal the plot."
        return text

    def language(self) -> str:
        if self.settings.language:
            return self.settings.language
        return next((e.manifest.get("lang") for e in self.catalog.entries), None) or "en"

    def item(self, entry: CatalogEntry, published: datetime) -> ET.Element:
        edition = self.edition
        manifest = entry.manifest
        folder = self.base + quote(entry.slug) + "/"
        item = ET.Element("item")
        _text(item, "title", manifest["title"])
        _text(item, "description", _item_description(manifest, edition.spoiler_free))
        _text(item, "guid", item_guid(entry.slug, edition.spoiler_free), isPermaLink="false")
        _text(item, "pubDate", format_datetime(published))
        audio = entry.output(edition.audio)
        enclosure = {
            "url": folder + quote(manifest["outputs"][edition.audio]),
            "length": str(audio.stat().st_size),
            "type": "audio/mpeg",
        }
        ET.SubElement(item, "enclosure", enclosure)
        # Whole seconds, as Apple recommends (some apps misread a fraction).
        _text(item, f"{{{ITUNES_NS}}}duration", str(round(manifest[edition.duration])))
        cover = manifest["outputs"].get("cover")
        image = folder + quote(cover) if cover else self.image
        ET.SubElement(item, f"{{{ITUNES_NS}}}image", {"href": image})
        _text(item, f"{{{ITUNES_NS}}}episodeType", "full")
        transcript = {
            "url": folder + quote(manifest["outputs"][edition.transcript]),
            "type": "text/vtt",
            "rel": "captions",
            "language": manifest.get("lang", "en"),
        }
        ET.SubElement(item, f"{{{PODCAST_NS}}}transcript", transcript)
        chapters = {
            "url": folder + quote(manifest["outputs"][edition.chapters]),
            "type": CHAPTERS_TYPE,
        }
        ET.SubElement(item, f"{{{PODCAST_NS}}}chapters", chapters)
        return item


def _item_description(manifest: dict, spoiler_free: bool) -> str:
    text = manifest.get("description") or manifest["title"]
    text = text if text.endswith((".", "!", "?")) else f"{text}."
    if manifest.get("author"):
        text += f" By {manifest['author']}."
    spoilers = [s["title"] for s in manifest.get("sections", []) if s.get("spoiler")]
    if spoilers and spoiler_free:
        parts = (
            "the 1 part that reveals the plot is"
            if len(spoilers) == 1
            else f"the {len(spoilers)} parts that reveal the plot are"
        )
        text += f" Spoiler-free edition: {parts} left out."
    elif spoilers:
        text += (
            " Chapters titled \u201cSpoiler: \u2026\u201d reveal the plot; skip them to avoid it."
        )
    return text


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attributes)
    node.text = text
    return node


def _publication_dates(out_dir: Path, entries: list[CatalogEntry]) -> dict[str, datetime]:
    """Each item's date: the front matter's ``date``, or when the article was first seen in
    this folder's feeds (remembered across builds)."""
    state_path = out_dir / STATE_NAME
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
        first_seen = dict(state.get("first_seen", {}))
    except (OSError, ValueError, AttributeError):
        first_seen = {}
    now = datetime.now(UTC).replace(microsecond=0)
    changed = False
    dates = {}
    for entry in entries:
        if entry.slug not in first_seen:
            first_seen[entry.slug] = now.isoformat()
            changed = True
        dates[entry.slug] = _front_matter_date(entry.manifest.get("date")) or (
            datetime.fromisoformat(first_seen[entry.slug])
        )
    if changed:
        data = json.dumps({"first_seen": first_seen}, indent=2, sort_keys=True) + "\n"
        write_atomically(state_path, data.encode())
    return dates


def _front_matter_date(value: object) -> datetime | None:
    """A front-matter date (``2025-06-01`` or an ISO date-time) as an aware date-time."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _channel_image(catalog: Catalog, settings: FeedSettings) -> str:
    """The channel's artwork in the output folder: the configured image (checked), or a
    generated title card like the articles' covers. Returns its file name."""
    out_dir = catalog.out_dir
    if settings.image is None:
        card = title_card(Metadata(title=settings.title or out_dir.resolve().name,
                                   author=settings.author))  # fmt: skip
        name = f"{IMAGE_STEM}.jpg"
        if not (out_dir / name).is_file() or (out_dir / name).read_bytes() != card.data:
            write_atomically(out_dir / name, card.data)
        return name
    # Checked when earmark.toml was read (pipeline.publishing.project): a square JPEG or PNG.
    with Image.open(settings.image) as image:
        kind = image.format
    name = f"{IMAGE_STEM}.{'jpg' if kind == 'JPEG' else 'png'}"
    write_atomically(out_dir / name, settings.image.read_bytes())
    return name
