"""The article's own images: local files beside it, checked like covers and made ready to embed.

An image whose ``src`` is a path relative to the article names a file; it is embedded when it is
in the article's folder (or below it: an article cannot pull in other files of the machine), a
regular file of at most ``MAX_IMAGE_BYTES`` that Pillow decodes as JPEG, PNG, GIF or WebP
(JPEG and PNG as they are, GIF and WebP converted to PNG). Anything else (a remote address, a
site path such as ``/assets/a.jpg`` that is not beside the article, a missing or broken file)
is not embedded: the writers show its alt text, and a link when the address is a web one.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image as Pillow

from pipeline.errors import SourceError
from pipeline.model import (
    Article,
    Block,
    Figure,
    walk_blocks,
)
from pipeline.readers.named_files import NamedFile, read_named_file

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""The most earmark reads of one image file."""
KEPT = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
CONVERTED = ("GIF", "WEBP")
"""Formats re-encoded as PNG (every EPUB reading system shows JPEG and PNG)."""


@dataclass(frozen=True)
class ArticleImage:
    """A local image, ready to embed: ``file_name`` under ``images/`` in the EPUB and web."""

    src: str
    """The image's ``src`` as the article writes it."""
    data: bytes
    media_type: str
    file_name: str


def load_images(article: Article) -> tuple[ArticleImage, ...]:
    """Every local image of ``article`` that can be embedded, once per ``src``."""
    found: dict[str, ArticleImage] = {}
    for figure in _figures(article):
        src = figure.image.src
        if src in found or not _is_local(src):
            continue
        image = _load(article.source, src, figure.line)
        if image is not None:
            found[src] = image
    return tuple(found.values())


def _figures(article: Article) -> Iterator[Figure]:
    for section in article.sections:
        yield from _in_blocks(section.blocks)
        for note in section.notes:
            yield from _in_blocks(note.blocks)


def _in_blocks(blocks: tuple[Block, ...]) -> Iterator[Figure]:
    return (block for block in walk_blocks(blocks) if isinstance(block, Figure))


def _is_local(src: str) -> bool:
    """A relative path (no scheme, no host, not rooted at a site's top)."""
    parts = urlsplit(src)
    return bool(parts.path) and not (parts.scheme or parts.netloc or src.startswith("/"))


def _load(article: Path, src: str, line: int) -> ArticleImage | None:
    named = NamedFile(article, "image", unquote(urlsplit(src).path), line, "the image")
    folder = article.parent.resolve()
    if not named.path.resolve().is_relative_to(folder) or not named.path.is_file():
        return None
    try:
        data = read_named_file(named, MAX_IMAGE_BYTES)
        with Pillow.open(io.BytesIO(data)) as image:
            kind = image.format
            image.load()
            if kind in CONVERTED:
                out = io.BytesIO()
                image.convert("RGBA").save(out, "PNG", optimize=True)
                data, kind = out.getvalue(), "PNG"
    except SourceError:
        return None
    except (OSError, SyntaxError, ValueError, Pillow.DecompressionBombError):
        return None
    if kind not in KEPT:
        return None
    media_type, extension = KEPT[kind]
    digest = hashlib.sha256(data).hexdigest()[:16]
    return ArticleImage(src, data, media_type, f"image-{digest}.{extension}")
