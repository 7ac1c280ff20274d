"""What a web page says about its article, first found wins (the *_SOURCES tables): title,
author, date, description, language and a local cover image.

JSON-LD (``<script type="application/ld+json">``) is read with ``json`` within bounds: at most
``MAX_JSON_LD`` scripts of ``MAX_JSON_LD_CHARS`` characters, objects found breadth-first up
to ``MAX_JSON_LD_OBJECTS``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.readers.html_parse import tag_set

MAX_JSON_LD = 20
MAX_JSON_LD_CHARS = 200_000
MAX_JSON_LD_OBJECTS = 500

ARTICLE_TYPES = tag_set(
    "Article NewsArticle BlogPosting Review CriticReview TechArticle Report ScholarlyArticle "
    "SocialMediaPosting LiveBlogPosting OpinionNewsArticle AnalysisNewsArticle "
    "ReportageNewsArticle ReviewNewsArticle Blog Posting"
)
TITLE_CLASSES = tag_set("entry-title post-title article-title p-name headline")
"""Class names themes give the article's title heading when it is not an ``<h1>``."""
TITLE_SEPARATORS = (" | ", " · ", " :: ", " » ")
"""Between an article's title and the site's name in ``<title>`` ("Review: X | Site")."""
DASHES = (" – ", " — ", " - ")
"""Also between title and site name, but only taken off when the part after it is the site's
name (``og:site_name``): titles use dashes too."""

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclass
class Page:
    """The parsed page, its article element, and its JSON-LD read once."""

    path: Path
    tree: LexborHTMLParser
    root: LexborNode
    json_ld: list[dict[str, Any]] = field(default_factory=list)

    def meta(self, key: str) -> str | None:
        """The content of ``<meta property=key>`` or ``<meta name=key>``, stripped."""
        scope = self.tree.head or self.tree.root
        for attr in ("property", "name", "itemprop"):
            node = scope.css_first(f'meta[{attr}="{key}" i][content]') if scope else None
            if node is not None:
                value = " ".join((node.attributes.get("content") or "").split())
                if value:
                    return value
        return None

    def ld(self, key: str) -> Any:
        """The first JSON-LD article object's ``key`` (any object's when no article says)."""
        for item in sorted(self.json_ld, key=lambda o: not _is_article(o)):
            if item.get(key):
                return item[key]
        return None


def title_heading(root: LexborNode, title: str | None = None) -> LexborNode | None:
    """The article's own title: its first heading when that is an ``<h1>``, carries a title
    class ("entry-title") or says ``title``."""
    first = root.css_first("h1, h2, h3, h4, h5, h6")
    if first is None:
        return None
    classes = set((first.attributes.get("class") or "").lower().split())
    same = title is not None and (_text(first) or "").casefold() == title.casefold()
    return first if first.tag == "h1" or classes & TITLE_CLASSES or same else None


def _text(node: LexborNode | None) -> str | None:
    text = " ".join(node.text(deep=True, separator=" ").split()) if node is not None else ""
    return text or None


def _site_removed(page: Page, title: str | None, named_only: bool = False) -> str | None:
    """``title`` without a trailing site name: any part after a TITLE_SEPARATORS one, or the
    part after a dash (or, with ``named_only``, any separator) that is ``og:site_name``."""
    if not title:
        return None
    site = page.meta("og:site_name") or page.meta("application-name")
    for separator in (*TITLE_SEPARATORS, *DASHES):
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        named = bool(site) and tail.strip().casefold() == (site or "").casefold()
        if named or (separator in TITLE_SEPARATORS and not named_only):
            return head.strip()
    return title


def _person(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _person(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_person(item) for item in value[:20]) if name]
        return " and ".join(names) if names else None
    return None


def _string(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    match = _DATE.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def _time_datetime(page: Page) -> str | None:
    for node in (*page.root.css("time[datetime]"), *page.tree.css("time[datetime]")):
        found = _date(node.attributes.get("datetime"))
        if found:
            return found
    return None


def _rel_author(page: Page) -> str | None:
    return _first_text(page, 'a[rel~="author"]')


def _byline_author(page: Page) -> str | None:
    return _first_text(page, ".vcard .fn, [itemprop=author] [itemprop=name], [itemprop=author]")


def _first_text(page: Page, selector: str) -> str | None:
    for node in (*page.root.css(selector), *page.tree.css(selector)):
        found = _text(node)
        if found:
            return found
    return None


def _lang(page: Page) -> str | None:
    html = page.tree.css_first("html")
    values = [
        html.attributes.get("lang") if html is not None else None,
        page.meta("content-language"),
        (page.meta("og:locale") or "").replace("_", "-"),
    ]
    return next((v.strip() for v in values if v and _LANG.match(v.strip())), None)


def _cover(page: Page) -> str | None:
    """``og:image`` when it names a file beside the page (a saved page's own copy)."""
    value = page.meta("og:image") or ""
    parts = urlsplit(value)
    if not value or parts.scheme or parts.netloc or value.startswith("/"):
        return None
    name = unquote(parts.path)
    folder = page.path.parent.resolve()
    target = (folder / name).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        return None
    return name


Source = Callable[[Page], str | None]

TITLE_SOURCES: tuple[tuple[str, Source], ...] = (
    ("og:title", lambda p: _site_removed(p, p.meta("og:title"), named_only=True)),
    ("the article's <h1>", lambda p: _text(title_heading(p.root))),
    ("<title> without the site name", lambda p: _site_removed(p, _text(p.tree.css_first("title")))),
)
AUTHOR_SOURCES: tuple[tuple[str, Source], ...] = (
    ("meta name=author", lambda p: p.meta("author")),
    ("rel=author", _rel_author),
    ("JSON-LD author", lambda p: _person(p.ld("author"))),
    ("hCard or itemprop=author in the byline", _byline_author),
)
DATE_SOURCES: tuple[tuple[str, Source], ...] = (
    ("article:published_time", lambda p: _date(p.meta("article:published_time"))),
    ("<time datetime>", _time_datetime),
    ("JSON-LD datePublished", lambda p: _date(p.ld("datePublished"))),
)
DESCRIPTION_SOURCES: tuple[tuple[str, Source], ...] = (
    ("meta name=description", lambda p: p.meta("description")),
    ("og:description", lambda p: p.meta("og:description")),
    ("JSON-LD description", lambda p: _string(p.ld("description"))),
)
LANG_SOURCES: tuple[tuple[str, Source], ...] = (("<html lang>", _lang),)
COVER_SOURCES: tuple[tuple[str, Source], ...] = (("og:image, a local file", _cover),)


def first_found(page: Page, sources: tuple[tuple[str, Source], ...]) -> str | None:
    """The first value one of ``sources`` finds."""
    for _, source in sources:
        value = source(page)
        if value:
            return value
    return None


def read_json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """The page's JSON-LD objects (``@graph`` members and nested lists included), bounded."""
    found: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]')[:MAX_JSON_LD]:
        text = script.text(deep=True) or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        queue = [data]
        while queue and len(found) < MAX_JSON_LD_OBJECTS:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item[:MAX_JSON_LD_OBJECTS])
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    queue.extend(graph[:MAX_JSON_LD_OBJECTS])
    return found


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds)
