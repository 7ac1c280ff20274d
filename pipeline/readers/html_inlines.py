"""Raw HTML inside a paragraph -> the model's inlines (the INLINE_TAGS table).

The result can hold ``Image`` and ``Embed`` values too: the paragraph around them is split
(each image is a figure of its own) by ``html_blocks``; where no split is possible (a heading,
a table cell) an image is its alt text and an embed its label.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

from pipeline.model import (
    Code,
    Embed,
    Emphasis,
    Image,
    Inline,
    LineBreak,
    Link,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Text,
    is_safe_link,
    strip_inlines,
)
from pipeline.readers.embeds import embed_from_src
from pipeline.readers.html_parse import DROPPED, EMBEDS, INLINE_SLOT, MAX_HTML_DEPTH, text_of

Piece = Inline | Image | Embed
Slots = Callable[[int], tuple[Inline, ...]]
"""The model inlines of the Markdown that stood at a placeholder's place."""

WRAPPERS: dict[str, type] = {
    "em": Emphasis,
    "i": Emphasis,
    "cite": Emphasis,
    "dfn": Emphasis,
    "var": Emphasis,
    "strong": Strong,
    "b": Strong,
    "del": Strikethrough,
    "s": Strikethrough,
    "strike": Strikethrough,
    "sup": Superscript,
    "sub": Subscript,
}
"""Tags whose content gets a model wrapper; every other inline tag is unwrapped."""

CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})
_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


def inline_pieces(nodes: list[LexborNode], slots: Slots, depth: int = 0) -> list[Piece]:
    """The inlines (and images, embeds) of a run of HTML nodes, adjacent text merged."""
    pieces: list[Piece] = []
    for node in nodes:
        for piece in _node(node, slots, depth):
            if isinstance(piece, Text) and pieces and isinstance(pieces[-1], Text):
                pieces[-1] = Text(pieces[-1].text + piece.text)
            elif not (isinstance(piece, Text) and not piece.text):
                pieces.append(piece)
    return pieces


def flatten(pieces: list[Piece]) -> tuple[Inline, ...]:
    """Pieces where only inlines can stand: an image is its alt text, an embed its label."""
    result: list[Inline] = []
    for piece in pieces:
        if isinstance(piece, Image):
            piece = Text(piece.alt)
        elif isinstance(piece, Embed):
            piece = Text(embed_label(piece))
        if isinstance(piece, Text) and result and isinstance(result[-1], Text):
            result[-1] = Text(result[-1].text + piece.text)
        elif not (isinstance(piece, Text) and not piece.text):
            result.append(piece)
    return tuple(result)


def trimmed(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Inlines as HTML shows them: white space collapsed, none at either end."""
    items = [Text(_collapse(item.text)) if isinstance(item, Text) else item for item in inlines]
    return strip_inlines(items, breaks=False)


def _collapse(text: str) -> str:
    """Runs of white space as one space (the edges kept as a space)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text)


def embed_label(embed: Embed) -> str:
    """An embed said in a few words: "video from youtube.com: Title"."""
    label = f"{embed.kind} from {embed.host}" if embed.host else f"embedded {embed.kind}"
    return f"{label}: {embed.title}" if embed.title else label


def image_of(node: LexborNode) -> Image:
    """The model image of an ``<img>``."""
    attrs = node.attributes
    src = (attrs.get("src") or "").strip()
    if not src or src.lower().startswith("data:"):  # lazy loading keeps the real address aside
        src = (attrs.get("data-src") or attrs.get("data-lazy-src") or src).strip()
    if _SCHEME.match(src) and not is_safe_link(src):
        src = ""  # javascript:, data:, file: ... never reach an output
    return Image(
        src=src,
        alt=(attrs.get("alt") or "").strip(),
        title=(attrs.get("title") or "").strip(),
    )


def embed_of(node: LexborNode, line: int = 0) -> Embed:
    """The model embed of an iframe, video, audio, object or embed element."""
    attrs = node.attributes
    src = attrs.get("src") or attrs.get("data") or ""
    if not src:
        source = node.css_first("source[src]")
        src = (source.attributes.get("src") or "") if source is not None else ""
    title = attrs.get("title") or attrs.get("aria-label") or ""
    return embed_from_src(src, node.tag or "iframe", title, line)


def _node(node: LexborNode, slots: Slots, depth: int) -> list[Piece]:
    tag = node.tag or ""
    if tag == "-text":
        return [Text(node.text_content or "")]
    if tag == "-comment" or tag in DROPPED:
        return []
    if depth > MAX_HTML_DEPTH:
        return [Text(text_of(node))]
    if tag == INLINE_SLOT:
        return list(slots(int(node.attributes.get("data-i") or 0)))
    if tag == "br":
        return [LineBreak()]
    if tag == "img":
        return [image_of(node)]
    if tag in EMBEDS:
        return [embed_of(node)]
    if tag in CODE_TAGS:
        return [Code(text_of(node))]
    children = inline_pieces(list(node.iter(include_text=True)), slots, depth + 1)
    if tag == "q":
        return [Text("\u201c"), *children, Text("\u201d")]
    wrapper = WRAPPERS.get(tag)
    if wrapper is not None:
        return [wrapper(flatten(children))] if children else []
    if tag == "a":
        href = (node.attributes.get("href") or "").strip()
        if is_safe_link(href) and children:
            if any(isinstance(p, (Image, Embed)) for p in children):
                return children  # a linked image: the figure, not a link
            return [Link(href, flatten(children))]
    return children
