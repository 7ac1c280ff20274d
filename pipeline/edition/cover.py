"""The book's cover: the front matter's ``cover:`` image, or a generated title card."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw, ImageFont

from pipeline.errors import SourceError
from pipeline.model import Article, Metadata
from pipeline.readers.named_files import NamedFile, read_named_file

COVER_SIZE = 1400
"""Pixels per side of a generated cover (Apple Books asks for at least 1400)."""
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
BACKGROUND = (17, 17, 17)
TITLE_COLOUR = (255, 233, 140)
"""Pale yellow on near-black: a contrast ratio above 15:1."""
TEXT_COLOUR = (255, 255, 255)
NOTE_COLOUR = (200, 200, 200)
MARGIN = 130
TITLE_SIZES = (150, 130, 112, 96, 82, 70, 60)
TITLE_HEIGHT = 720
"""The most the wrapped title may take; a longer title gets a smaller size."""


@dataclass(frozen=True)
class Cover:
    """A cover image, ready to embed (EPUB, ID3 APIC, MP4 covr)."""

    data: bytes
    media_type: str
    file_name: str


def make_cover(article: Article, data: bytes | None = None) -> Cover:
    """The article's front-matter cover when it names one (``data``: its bytes, if already
    read), else a generated title card."""
    named = cover_file(article)
    if named is not None:
        return _cover_image(named, data if data is not None else read_named_file(named))
    return title_card(article.metadata)


def cover_file(article: Article) -> NamedFile | None:
    """The cover image the front matter names, if any (read it with ``read_named_file``)."""
    meta = article.metadata
    if not meta.cover:
        return None
    label = "the theme image" if meta.cover_optional else "the cover image"
    return NamedFile(article.source, "cover", meta.cover, meta.cover_line, label)


def checked_cover(article: Article) -> tuple[Article, bytes | None, str | None]:
    """The article, its cover file's bytes (None: none named) and a warning. earmark's own
    ``cover:`` must be a usable image (else ``SourceError``); a theme's ``image:`` that is
    missing, remote or not a JPEG or PNG is dropped with a warning, and the book gets the
    title card."""
    named = cover_file(article)
    if named is None:
        return article, None, None
    try:
        data = read_named_file(named)
        if article.metadata.cover_optional:
            _cover_image(named, data)
    except SourceError as error:
        if not article.metadata.cover_optional:
            raise
        meta = replace(article.metadata, cover=None, cover_optional=False)
        warning = f"warning: {error.message} The book gets a generated title card instead."
        return replace(article, metadata=meta), None, warning
    return article, data, None


def _cover_image(named: NamedFile, data: bytes) -> Cover:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.load()  # a truncated or corrupt file fails here, not in a reader's hands
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise named.error(
            f"cannot be read as an image ({error}).",
            "Save the cover again as a JPEG or PNG, or remove 'cover:' to get a generated "
            "title card.",
        ) from None
    if kind not in MEDIA_TYPES:
        raise named.error(
            f"is {kind}, not JPEG or PNG.",
            "Convert it to JPEG or PNG (every EPUB reader and audio player shows those), "
            "or remove 'cover:' to get a generated title card.",
        )
    extension = "jpg" if kind == "JPEG" else "png"
    return Cover(data, MEDIA_TYPES[kind], f"cover.{extension}")


def title_card(meta: Metadata) -> Cover:
    """A square, high-contrast JPEG with the title, the author and "A narrated edition";
    the same metadata always gives the same bytes."""
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = COVER_SIZE - 2 * MARGIN
    font, lines = _fit_title(meta.title, width)
    step = _line_step(font)
    y = MARGIN + 120 + (TITLE_HEIGHT - step * len(lines)) // 2
    for line in lines:
        draw.text(
            (COVER_SIZE // 2, y), line, font=font, fill=TITLE_COLOUR, anchor="ma", stroke_width=1
        )
        y += step
    y += 50
    draw.rectangle((COVER_SIZE // 2 - 120, y, COVER_SIZE // 2 + 120, y + 8), fill=TITLE_COLOUR)
    if meta.author:
        author_font = ImageFont.load_default(size=72)
        author = _wrap(meta.author, author_font, width)[0]
        draw.text(
            (COVER_SIZE // 2, y + 60), author, font=author_font, fill=TEXT_COLOUR, anchor="ma"
        )
    note_font = ImageFont.load_default(size=44)
    draw.text(
        (COVER_SIZE // 2, COVER_SIZE - MARGIN),
        "A narrated edition \u00b7 earmark",
        font=note_font,
        fill=NOTE_COLOUR,
        anchor="md",
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, optimize=True)
    return Cover(out.getvalue(), "image/jpeg", "cover.jpg")


def _fit_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size at which every word fits the width and the lines fit the
    height; at the smallest size, overlong words are broken and the last line may be cut."""
    for size in TITLE_SIZES:
        font = ImageFont.load_default(size=size)
        most = int(TITLE_HEIGHT // _line_step(font))
        lines = _wrap(title, font, width)
        if len(lines) <= most and all(font.getlength(w) <= width for w in title.split()):
            return font, lines
    if len(lines) > most:
        lines = [*lines[: most - 1], _ellipsis(lines[most - 1], font, width)]
    return font, lines


def _line_step(font: ImageFont.FreeTypeFont) -> int:
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * 1.08)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a word wider than ``width`` is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width:
            cut = len(line) - 1
            while cut > 1 and font.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line] if line else lines or [""]


def _ellipsis(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    while line and font.getlength(f"{line}\u2026") > width:
        line = line[:-1]
    return f"{line.rstrip()}\u2026"
