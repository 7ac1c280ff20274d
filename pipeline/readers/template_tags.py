"""What known Liquid tags and Hugo shortcodes mean: the tables the template pass looks up.

A known embed becomes the HTML of its player (read like any raw HTML: an ``Embed``), a
figure the HTML of a figure; paired wrappers keep their inner Markdown.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from pipeline.readers.html_parse import tag_set

Args = tuple[list[str], dict[str, str]]

_QUOTED = r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`"""
_ARG = re.compile(rf"""([\w-]+)\s*=\s*({_QUOTED}|[^\s"'`]+)|({_QUOTED}|[^\s"'`=]+)""")
_caption = MarkdownIt("commonmark", {"html": True})  # read by the HTML reader after


def parse_args(source: str) -> Args:
    """Positional and named arguments of a shortcode or tag (quotes removed)."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for key, value, bare in _ARG.findall(source):
        if key:
            named[key.lower()] = _unquote(value)
        else:
            positional.append(_unquote(bare))
    return positional, named


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == "`":
        return value[1:-1]
    return value


def _attr(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def _first(positional: list[str], named: dict[str, str], *keys: str, at: int = 0) -> str:
    for key in keys:
        if named.get(key):
            return named[key]
    return positional[at] if len(positional) > at else ""


def _player(src: str, tag: str = "iframe", title: str = "") -> str:
    titled = f' title="{_attr(title)}"' if title else ""
    return f'<{tag} src="{_attr(src)}"{titled}></{tag}>'


def youtube(args: Args) -> str:
    """A YouTube player (an id, or a whole address)."""
    pos, named = args
    target = _first(pos, named, "id", "url")
    src = target if target.startswith("http") else f"https://www.youtube.com/embed/{target}"
    return _player(src, title=named.get("title", ""))


def vimeo(args: Args) -> str:
    """A Vimeo player."""
    pos, named = args
    return _player(
        f"https://player.vimeo.com/video/{_first(pos, named, 'id')}", title=named.get("title", "")
    )


def video(args: Args) -> str:
    """A video file or player (Minimal Mistakes' ``video`` include names its provider)."""
    pos, named = args
    provider = named.get("provider", "").lower()
    if provider == "vimeo":
        return vimeo(args)
    src = _first(pos, named, "src", "url", "file", "id")
    if provider == "youtube" or re.fullmatch(r"[\w-]{11}", src):  # a bare YouTube id
        return youtube(([src], named))
    return _player(src, "video", named.get("title", ""))


def audio(args: Args) -> str:
    """An audio file or player."""
    pos, named = args
    return _player(_first(pos, named, "src", "url", "file"), "audio", named.get("title", ""))


def tweet(args: Args) -> str:
    """A post on X (Twitter)."""
    pos, named = args
    target = _first(pos, named, "url", "id", "tweet")
    if not target.startswith("http"):
        user = named.get("user", "i")
        target = f"https://twitter.com/{user}/status/{target}"
    return _player(target)


def instagram(args: Args) -> str:
    """An Instagram post."""
    pos, named = args
    target = _first(pos, named, "id", "url")
    return _player(
        target if target.startswith("http") else f"https://www.instagram.com/p/{target}/"
    )


def gist(args: Args) -> str:
    """A GitHub gist."""
    pos, named = args
    target = "/".join(pos[:2]) or named.get("id", "")
    return _player(target if target.startswith("http") else f"https://gist.github.com/{target}")


def figure(args: Args) -> str:
    """A figure: image, alt text, caption (Markdown in the caption is rendered)."""
    pos, named = args
    src = _first(pos, named, "src", "url", "image", "file", "path")
    alt = _first([], named, "alt", "description", "title")
    caption = _first([], named, "caption", "title")
    img = f'<img src="{_attr(src)}" alt="{_attr(alt)}">'
    rendered = " ".join(_caption.renderInline(caption).split()) if caption else ""
    return (
        f"<figure>{img}<figcaption>{rendered}</figcaption></figure>"
        if rendered
        else f"<figure>{img}</figure>"
    )


EMBEDS = {
    "youtube": youtube,
    "youtube-embed": youtube,
    "youtube_embed": youtube,
    "vimeo": vimeo,
    "video": video,
    "audio": audio,
    "tweet": tweet,
    "twitter": tweet,
    "x": tweet,
    "instagram": instagram,
    "gist": gist,
    "figure": figure,
    "image": figure,
    "img": figure,
    "picture": figure,
}
"""Shortcodes, Liquid tags and include names (without ``.html``) that make HTML."""

DETAILS = {
    "details": "Details",
    "spoiler": "Spoiler",
    "spoilers": "Spoilers",
    "expand": "Details",
    "collapse": "Details",
    "toggle": "Details",
    "accordion": "Details",
}
"""Paired shortcodes shown as a ``<details>`` (with their default summary)."""

QUOTES = frozenset({"quote", "blockquote", "pullquote"})

WRAPPERS = tag_set(
    "notice note hint tip warning info alert callout admonition aside center columns column "
    "tabs tab row col section box panel markdown md raw rawhtml html unsafe card cards "
    "details-content"
)
"""Paired shortcodes unwrapped without a warning: their content stays, as written."""

LINKS = frozenset({"ref", "relref", "post_url", "link"})
"""Tags that stand for an address inside the site (a link target): they become its path."""

SILENT = tag_set(
    "if elsif else endif unless endunless case when endcase for endfor break continue cycle "
    "tablerow endtablerow assign increment decrement liquid echo seo feed_meta toc more "
    "excerpt readmore include_relative endcapture endcomment"
)
"""Liquid tags and shortcodes with nothing to show: removed without a warning."""
