"""What an embedded player or post is, from its address: the EMBED_HOSTS table.

``embed_from_src("https://www.youtube-nocookie.com/embed/abc")`` names it a video from
youtube.com with a link to watch it, so every output can show and say a short placeholder.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.model import Embed, is_safe_link

# host (without "www.", "m.", "player." ...) -> (host as the reader hears it, kind)
EMBED_HOSTS: dict[str, tuple[str, str]] = {
    "youtube.com": ("youtube.com", "video"),
    "youtube-nocookie.com": ("youtube.com", "video"),
    "youtu.be": ("youtube.com", "video"),
    "vimeo.com": ("vimeo.com", "video"),
    "dailymotion.com": ("dailymotion.com", "video"),
    "twitch.tv": ("twitch.tv", "video"),
    "tiktok.com": ("tiktok.com", "video"),
    "ted.com": ("ted.com", "video"),
    "twitter.com": ("twitter.com", "post"),
    "x.com": ("x.com", "post"),
    "instagram.com": ("instagram.com", "post"),
    "facebook.com": ("facebook.com", "post"),
    "mastodon.social": ("mastodon.social", "post"),
    "bsky.app": ("bsky.app", "post"),
    "soundcloud.com": ("soundcloud.com", "audio"),
    "spotify.com": ("spotify.com", "audio"),
    "bandcamp.com": ("bandcamp.com", "audio"),
    "google.com/maps": ("google.com", "map"),
    "openstreetmap.org": ("openstreetmap.org", "map"),
    "gist.github.com": ("gist.github.com", "code"),
    "codepen.io": ("codepen.io", "code"),
    "jsfiddle.net": ("jsfiddle.net", "code"),
}

_PREFIX = re.compile(r"^(?:www|m|player|embed|w|open|platform)\.")
_YOUTUBE_ID = re.compile(r"/(?:embed|v|shorts)/([\w-]{6,})")


def embed_from_src(src: str, tag: str = "iframe", title: str = "", line: int = 0) -> Embed:
    """The Embed for a player at ``src`` (an iframe's, a video's, an object's address)."""
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    parts = urlsplit(src) if is_safe_link(src) else None
    host = _PREFIX.sub("", (parts.hostname or "").lower()) if parts else ""
    known = EMBED_HOSTS.get(host)
    if known is None and parts is not None and parts.path.startswith("/maps"):
        known = EMBED_HOSTS.get(f"{host}/maps")
    if known is None:
        for suffix, value in EMBED_HOSTS.items():
            if host.endswith("." + suffix):
                known = value
                break
    kind = {"video": "video", "audio": "audio"}.get(tag, known[1] if known else "content")
    shown_host = known[0] if known else host
    href = src if parts is not None else ""
    if parts is not None and shown_host == "youtube.com":
        match = _YOUTUBE_ID.search(parts.path)
        if match:
            href = f"https://www.youtube.com/watch?v={match.group(1)}"
    return Embed(kind=kind, host=shown_host, title=title.strip(), href=href, line=line)
