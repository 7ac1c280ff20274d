"""Raw HTML in the Markdown token stream, read as a browser would read the rendered page.

markdown-it gives raw HTML as ``html_block`` and ``html_inline`` tokens, and an element may
open in one block and close blocks later (``<details>``, a blank line, Markdown, ``</details>``).
So a run of sibling tokens from an HTML block that leaves an element open to the block that
closes it is one piece of HTML, the Markdown inside it standing in as placeholder elements;
one HTML5 parse gives the nesting, and the placeholders get back the Markdown's own model
values. What comes out are tokens the Markdown reader already knows: ``earmark_block`` (one
model block), ``earmark_inline`` (one model inline) and heading triples.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token
from selectolax.lexbor import LexborNode

from pipeline.model import Block, Embed, Image, Inline, Paragraph, plain_text
from pipeline.readers.html_blocks import Context, HtmlHeading, Item, html_items, paragraphs
from pipeline.readers.html_inlines import flatten, inline_pieces, trimmed
from pipeline.readers.html_parse import BLOCK_SLOT, INLINE_SLOT, has_blocks, parse_html
from pipeline.readers.html_spoilers import mark_spoiler_classes
from pipeline.readers.notices import Notices
from pipeline.spoilers import is_spoiler_warning

BLOCK_TOKEN = "earmark_block"
"""A token whose ``meta["block"]`` is a finished model block."""
INLINE_TOKEN = "earmark_inline"
"""A token whose ``meta["inline"]`` is a finished model inline."""

ConvertBlock = Callable[[list[Token], int], tuple[Block | None, int]]
ConvertInlines = Callable[[list[Token]], tuple[Inline, ...]]

_CONTAINERS = frozenset(
    [
        "details",
        "div",
        "blockquote",
        "figure",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "main",
        "center",
        "nav",
        "ul",
        "ol",
        "li",
        "dl",
        "dd",
        "table",
        "font",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class HtmlReader:
    """Folds raw HTML in a token stream into model tokens, with the Markdown reader's own
    converters for the Markdown around and inside it."""

    path: Path
    notices: Notices
    offset: int
    """Lines before the body (front matter), added to every token's line."""
    convert_block: ConvertBlock
    convert_inlines: ConvertInlines

    def fold(self, tokens: list[Token]) -> list[Token]:
        """The tokens with every piece of raw HTML replaced by model tokens."""
        out: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "html_block":
                end = _group_end(tokens, index)
                out.extend(self._group(tokens[index:end]))
                index = end
                continue
            if token.type == "inline" and _has_html(token):
                line = self._line(token)
                body, slots = self._parse_inline(token.children or [], line)
                is_paragraph = (
                    0 < index < len(tokens) - 1
                    and tokens[index - 1].type == "paragraph_open"
                    and tokens[index + 1].type == "paragraph_close"
                )
                if is_paragraph:  # <span class="spoiler"> splits the paragraph around it
                    mark_spoiler_classes(body.parser, body, is_spoiler_warning)
                nodes = list(body.iter(include_text=True))
                slot = slots.__getitem__
                if is_paragraph and has_blocks(body):
                    # Block HTML inside a paragraph (a one-line <details>): read as blocks.
                    context = Context(lambda i: [], slot, line)
                    items = html_items(nodes, context)
                    out.pop()  # the paragraph_open
                    out.extend(t for item in items for t in _item_tokens(item, token, self.offset))
                    index += 2
                    continue
                pieces = inline_pieces(nodes, slot)
                if is_paragraph and any(isinstance(p, (Image, Embed)) for p in pieces):
                    out.pop()  # the paragraph_open
                    out.extend(
                        _block_token(b, token, self.offset) for b in paragraphs(pieces, line)
                    )
                    index += 2
                    continue
                token.children = [_inline_token(inline) for inline in trimmed(flatten(pieces))]
            out.append(token)
            index += 1
        return out

    def _line(self, token: Token) -> int:
        return token.map[0] + 1 + self.offset if token.map else 0

    def _parse_inline(
        self, children: list[Token], line: int
    ) -> tuple[LexborNode, list[tuple[Inline, ...]]]:
        """Parse an inline token's children as HTML: Markdown's own emphasis and links written
        back as tags, its other leaves as placeholders with their model inlines aside."""
        slots: list[tuple[Inline, ...]] = []
        parts: list[str] = []
        for child in children:
            kind = child.type
            if kind == "text" and "<!--" in child.content:
                # An unclosed comment: as in HTML, the rest of the paragraph is comment.
                before, _, after = child.content.partition("<!--")
                parts.append(html.escape(before) + "<!--" + html.escape(after))
            elif kind == "text":
                parts.append(html.escape(child.content))
            elif kind == "softbreak":
                parts.append("\n")
            elif kind == "hardbreak":
                parts.append("<br>")
            elif kind == "html_inline":
                parts.append(child.content)
            elif child.nesting == 1 and child.tag:
                href = child.attrGet("href")
                attr = f' href="{html.escape(str(href))}"' if href is not None else ""
                parts.append(f"<{child.tag}{attr}>")
            elif child.nesting == -1 and child.tag:
                parts.append(f"</{child.tag}>")
            else:
                parts.append(f'<{INLINE_SLOT} data-i="{len(slots)}"></{INLINE_SLOT}>')
                slots.append(self.convert_inlines([child]))
        return parse_html("".join(parts), self.notices, line), slots

    def _group(self, group: list[Token]) -> list[Token]:
        """One piece of HTML with the Markdown blocks inside it, as model tokens."""
        level = group[0].level
        line = self._line(group[0])
        slots: list[list[Item]] = []
        parts: list[str] = []
        index = 0
        while index < len(group):
            token = group[index]
            if token.type == "html_block" and token.level == level:
                parts.append(token.content)
                index += 1
                continue
            end = _unit_end(group, index)
            parts.append(f'\n<{BLOCK_SLOT} data-i="{len(slots)}"></{BLOCK_SLOT}>\n')
            slots.append(self._markdown(self.fold(group[index:end])))
            index = end
        body = parse_html("".join(parts), self.notices, line)
        mark_spoiler_classes(body.parser, body, is_spoiler_warning)
        context = Context(lambda i: slots[i], lambda i: (), line)
        items = html_items(list(body.iter(include_text=True)), context)
        return [token for item in items for token in _item_tokens(item, group[0], self.offset)]

    def _markdown(self, unit: list[Token]) -> list[Item]:
        """The model values of Markdown tokens found inside raw HTML."""
        if unit and unit[0].type == "heading_open":
            title = plain_text(self.convert_inlines(unit[1].children or []))
            return [HtmlHeading(title, int(unit[0].tag[1]), tuple(unit))]
        items: list[Item] = []
        index = 0
        while index < len(unit):
            token = unit[index]
            block, index = self.convert_block(unit, index)
            if isinstance(block, Paragraph) and not block.line:
                block = Paragraph(block.inlines, self._line(token))
            if block is not None:
                items.append(block)
        return items


def _has_html(token: Token) -> bool:
    return any(
        child.type == "html_inline" or (child.type == "text" and "<!--" in child.content)
        for child in token.children or []
    )


def _open_elements(source: str, stack: list[str]) -> list[str]:
    """The container elements still open after ``source`` (given those open before it)."""
    for closing, name, self_closing in _TAG.findall(_COMMENT.sub("", source)):
        name = name.lower()
        if name not in _CONTAINERS or self_closing:
            continue
        if not closing:
            stack.append(name)
            continue
        for at in range(len(stack) - 1, -1, -1):
            if stack[at] == name:
                del stack[at:]
                break
    return stack


def _group_end(tokens: list[Token], start: int) -> int:
    """Where the piece of HTML starting at ``tokens[start]`` ends: after the sibling HTML
    block that closes what it opened (or at the end of its container)."""
    level = tokens[start].level
    stack = _open_elements(tokens[start].content, [])
    index = start + 1
    while index < len(tokens) and stack:
        token = tokens[index]
        if token.level < level:
            break
        if token.type == "html_block" and token.level == level:
            stack = _open_elements(token.content, stack)
        index += 1
    return index


def _unit_end(tokens: list[Token], start: int) -> int:
    """The index after the block that starts at ``tokens[start]`` (its close token)."""
    depth = 0
    index = start
    while index < len(tokens):
        depth += tokens[index].nesting
        index += 1
        if depth <= 0:
            break
    return index


def _block_token(block: Block, like: Token, offset: int = 0) -> Token:
    """A token carrying ``block``, mapped to the block's own line when it knows it."""
    line = getattr(block, "line", 0)
    where = [line - 1 - offset, line - offset] if line > offset else like.map
    token = Token(BLOCK_TOKEN, "", 0, map=where, level=like.level, block=True)
    token.meta = {"block": block}
    return token


def _inline_token(inline: Inline) -> Token:
    token = Token(INLINE_TOKEN, "", 0)
    token.meta = {"inline": inline}
    return token


def _item_tokens(item: Item, like: Token, offset: int) -> list[Token]:
    if isinstance(item, HtmlHeading):
        if item.tokens:
            return list(item.tokens)
        tag = f"h{item.level}"
        text = Token("text", "", 0, content=item.title)
        inline = Token("inline", "", 0, content=item.title, children=[text], map=like.map)
        return [
            Token("heading_open", tag, 1, map=like.map, level=like.level, block=True),
            inline,
            Token("heading_close", tag, -1, level=like.level, block=True),
        ]
    return [_block_token(item, like, offset)]
