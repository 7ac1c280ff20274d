"""Raw HTML between blocks -> the model's blocks (and headings, which become sections).

p, blockquote, ul/ol/li, pre, figure/figcaption, img, table, dl, details/summary, h1-h6 and the
embeds become structure; layout tags are unwrapped; ``html_parse.DROPPED`` tags vanish with
their content. A ``<details>`` whose summary speaks of spoilers (or whose class says
"spoiler") is a ``SpoilerBlock``; any other is shown open, its summary a strong paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from pipeline.model import (
    Block,
    BlockQuote,
    CodeBlock,
    DefinitionList,
    Embed,
    Figure,
    Image,
    Inline,
    ListBlock,
    Paragraph,
    SpoilerBlock,
    Strong,
    Table,
    TableCell,
    Text,
    plain_text,
)
from pipeline.readers.html_inlines import (
    Piece,
    Slots,
    embed_of,
    flatten,
    image_of,
    inline_pieces,
    trimmed,
)
from pipeline.readers.html_parse import (
    BLOCK_SLOT,
    BLOCKS,
    BREAKS,
    DROPPED,
    EMBEDS,
    MAX_HTML_DEPTH,
    has_blocks,
    text_of,
)


@dataclass(frozen=True)
class HtmlHeading:
    """An ``<h1>``-``<h6>`` of raw HTML (or a Markdown heading inside raw HTML): a section
    heading where it stands at the top, a strong paragraph inside anything else."""

    title: str
    level: int
    tokens: tuple = ()
    """A Markdown heading's own tokens (its attributes kept), empty for an HTML one."""


Item = Block | HtmlHeading
BlockSlots = Callable[[int], list[Item]]

_SPOILER_SUMMARY = re.compile(r"spoil", re.IGNORECASE)
_ICON = re.compile(r"[^\w\s]{1,8}")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)")


@dataclass(frozen=True)
class Context:
    """What a walk needs besides the nodes: the Markdown slots and the source line."""

    blocks: BlockSlots
    inlines: Slots
    line: int


def html_items(nodes: list[LexborNode], context: Context, depth: int = 0) -> list[Item]:
    """The blocks and headings of a run of sibling nodes; loose inline content becomes
    paragraphs."""
    items: list[Item] = []
    run: list[LexborNode] = []
    for node in nodes:
        tag = node.tag or ""
        if tag in BLOCKS or (tag not in DROPPED and _is_wrapper(node)):
            items.extend(paragraphs(inline_pieces(run, context.inlines), context.line))
            run = []
            items.extend(_block(node, context, depth))
        elif tag in BREAKS and depth <= MAX_HTML_DEPTH:  # a box of inline content
            items.extend(paragraphs(inline_pieces(run, context.inlines), context.line))
            run = []
            items.extend(html_items(list(node.iter(include_text=True)), context, depth + 1))
        else:
            run.append(node)
    items.extend(paragraphs(inline_pieces(run, context.inlines), context.line))
    return _join_icons(items)


def _join_icons(items: list[Item]) -> list[Item]:
    """A paragraph of only an icon (a callout's emoji) opens the paragraph after it."""
    joined: list[Item] = []
    for item in items:
        previous = joined[-1] if joined else None
        if (
            isinstance(item, Paragraph)
            and isinstance(previous, Paragraph)
            and _ICON.fullmatch(plain_text(previous.inlines))
        ):
            joined[-1] = Paragraph(
                trimmed(flatten([*previous.inlines, Text(" "), *item.inlines])), previous.line
            )
        else:
            joined.append(item)
    return joined


def paragraphs(pieces: list[Piece], line: int) -> list[Block]:
    """Split inline pieces into paragraphs around images (figures) and embeds."""
    blocks: list[Block] = []
    run: list[Piece] = []

    def flush() -> None:
        inlines = trimmed(flatten(run))
        if inlines:
            blocks.append(Paragraph(inlines, line))
        run.clear()

    for piece in pieces:
        if isinstance(piece, Image):
            flush()
            blocks.append(Figure(piece, (Text(piece.title),) if piece.title else (), line))
        elif isinstance(piece, Embed):
            flush()
            blocks.append(piece if piece.line else Embed(**{**piece.__dict__, "line": line}))
        else:
            run.append(piece)
    flush()
    return blocks


def _is_wrapper(node: LexborNode) -> bool:
    return node.tag not in ("-text", "-comment") and has_blocks(node)


def _block(node: LexborNode, context: Context, depth: int) -> list[Item]:
    tag = node.tag or ""
    children = list(node.iter(include_text=True))
    if tag in DROPPED or tag == "hr":
        return []
    if depth > MAX_HTML_DEPTH:
        text = text_of(node).strip()
        return [Paragraph((Text(text),), context.line)] if text else []
    if tag == BLOCK_SLOT:
        return context.blocks(int(node.attributes.get("data-i") or 0))
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        title = " ".join(plain_text(_inlines(children, context)).split())
        return [HtmlHeading(title, int(tag[1]))] if title else []
    if tag == "p" or tag in ("dt", "summary", "caption", "figcaption"):
        return list(paragraphs(inline_pieces(children, context.inlines), context.line))
    if tag == "pre":
        code = node.css_first("code")
        classes = " ".join(n.attributes.get("class") or "" for n in (node, code) if n)
        language = _LANGUAGE.search(classes) or re.search(
            r"([\w+#.-]+)", node.attrs.get("data-lang") or ""
        )
        text = text_of(node).rstrip("\n")
        return [CodeBlock(text, language.group(1) if language else "")] if text.strip() else []
    if tag == "img":
        return paragraphs([image_of(node)], context.line)
    if tag in EMBEDS:
        return [embed_of(node, context.line)]
    if tag == "blockquote":
        blocks = _blocks(children, context, depth)
        return [BlockQuote(tuple(blocks))] if blocks else []
    if tag in ("ul", "ol", "menu"):
        return _list(node, context, depth)
    if tag == "li" or tag == "dd":
        return list(_blocks(children, context, depth))
    if tag == "figure":
        return _figure(node, children, context, depth)
    if tag == "table":
        return _table(node, context)
    if tag == "dl":
        return _definitions(children, context, depth)
    if tag == "details":
        spoiler = "spoiler" in (node.attributes.get("class") or "").lower()
        return _details(children, context, depth, spoiler)
    return html_items(children, context, depth + 1)  # layout: unwrapped


def _blocks(nodes: list[LexborNode], context: Context, depth: int) -> list[Block]:
    """Blocks only: a heading inside a quote, a list or a spoiler is a strong paragraph."""
    return [
        Paragraph((Strong((Text(item.title),)),), context.line)
        if isinstance(item, HtmlHeading)
        else item
        for item in html_items(nodes, context, depth + 1)
    ]


def _inlines(nodes: list[LexborNode], context: Context) -> tuple[Inline, ...]:
    return trimmed(flatten(inline_pieces(nodes, context.inlines)))


def _list(node: LexborNode, context: Context, depth: int) -> list[Item]:
    items = [
        tuple(_blocks(list(li.iter(include_text=True)), context, depth))
        for li in node.iter(include_text=False)
        if li.tag == "li"
    ]
    items = [item for item in items if item]
    if not items:
        return []
    start = node.attributes.get("start") or "1"
    return [ListBlock(tuple(items), node.tag == "ol", int(start) if start.isdigit() else 1)]


def _figure(
    node: LexborNode, children: list[LexborNode], context: Context, depth: int
) -> list[Item]:
    caption_node = node.css_first("figcaption")
    caption = _inlines(list(caption_node.iter(include_text=True)), context) if caption_node else ()
    rest = [child for child in children if child.tag != "figcaption"]
    blocks = _blocks(rest, context, depth)
    figures = [block for block in blocks if isinstance(block, Figure)]
    if len(figures) == 1 and len(blocks) == 1:
        figure = figures[0]
        return [Figure(figure.image, caption or figure.caption, context.line)]
    if len(blocks) == 1 and isinstance(blocks[0], Embed) and caption:
        embed = blocks[0]  # a player with a caption: the caption names it
        return [
            Embed(
                embed.kind, embed.host, embed.title or plain_text(caption), embed.href, embed.line
            )
        ]
    if caption:
        blocks.append(Paragraph(caption, context.line))
    return list(blocks)


def _table(node: LexborNode, context: Context) -> list[Item]:
    head: list[tuple[TableCell, ...]] = []
    body: list[tuple[TableCell, ...]] = []
    for row in node.css("tr"):
        cells = tuple(
            TableCell(
                _inlines(list(cell.iter(include_text=True)), context),
                cell.tag == "th",
                _align(cell),
            )
            for cell in row.iter(include_text=False)
            if cell.tag in ("td", "th")
        )
        in_head = row.parent is not None and row.parent.tag == "thead"
        if cells and (in_head or (not body and all(c.header for c in cells))):
            head.append(cells)
        elif cells:
            body.append(cells)
    caption_node = node.css_first("caption")
    caption = _inlines(list(caption_node.iter(include_text=True)), context) if caption_node else ()
    if not head and not body:
        return []
    return [Table(tuple(head), tuple(body), caption, context.line)]


def _align(cell: LexborNode) -> str:
    value = (cell.attributes.get("align") or "").lower()
    style = re.search(r"text-align\s*:\s*(left|center|right)", cell.attributes.get("style") or "")
    value = style.group(1) if style else value
    return value if value in ("left", "center", "right") else ""


def _definitions(children: list[LexborNode], context: Context, depth: int) -> list[Item]:
    items: list[tuple[tuple[Inline, ...], list[tuple[Block, ...]]]] = []
    for child in children:
        if child.tag == "dt":
            items.append((_inlines(list(child.iter(include_text=True)), context), []))
        elif child.tag == "dd":
            if not items:
                items.append(((), []))
            items[-1][1].append(tuple(_blocks(list(child.iter(include_text=True)), context, depth)))
    if not items:
        return []
    return [DefinitionList(tuple((term, tuple(defs)) for term, defs in items))]


def _details(children: list[LexborNode], context: Context, depth: int, spoiler: bool) -> list[Item]:
    at = next((index for index, c in enumerate(children) if c.tag == "summary"), None)
    summary = (
        _inlines(list(children[at].iter(include_text=True)), context) if at is not None else ()
    )
    blocks = _blocks([c for index, c in enumerate(children) if index != at], context, depth)
    text = plain_text(summary).strip()
    if spoiler or _SPOILER_SUMMARY.search(text):
        return [SpoilerBlock(tuple(blocks), text, context.line)]
    opening: list[Block] = [Paragraph((Strong(summary),), context.line)] if text else []
    return [*opening, *blocks]
