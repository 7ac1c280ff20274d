"""Other Markdown dialects' syntax rewritten into what GFM reads, before parsing, line for line.

- kramdown (and simple pandoc grid) tables: a delimiter row with fewer (or more) cells than
  the header (``|:--|`` under ``| a | b | c |``) is padded to the header's cells, ``+`` joints
  become pipes; border rows of dashes or ``=`` above the header, between body rows and below
  the table are taken out (an empty line is added after the table for each, so the lines
  after it keep their numbers).
  A kramdown table without a header (no delimiter row) becomes an HTML table, a line a row.
- Hashnode embeds: ``%[https://...]`` alone on a line becomes an embedded player's HTML.

Code (fenced, indented) and raw HTML blocks are left as written.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_blocks = MarkdownIt("commonmark", {"html": True})
_inline = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
_DELIMITER = re.compile(r"^ {0,3}(?=[^\n]*[-=])(?=[^\n]*[|+])[|+]?[ \t]*[-:=+| \t]*$")
_CELL = re.compile(r"^[ \t]*(:?)[ \t]*[-=]+[ \t]*(:?)[ \t]*$")
_HASHNODE = re.compile(r"^ {0,3}%\[[ \t]*(https?://[^\s\]]+)[ \t]*\][ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")


def rewrite_dialects(text: str) -> str:
    """``text`` with kramdown tables and Hashnode embeds in GFM's terms, line for line."""
    if "|" not in text and "%[" not in text:
        return text
    lines = text.split("\n")
    if not any(_is_delimiter(line) or line.lstrip().startswith(("|", "%[")) for line in lines):
        return text  # nothing to rewrite: no second parse
    kept = _kept_lines(text, len(lines))
    for index, line in enumerate(lines):
        if index not in kept and "%[" in line:
            embed = _HASHNODE.match(line)
            if embed:
                src = html.escape(embed.group(1), quote=True)
                lines[index] = f'<!----><iframe src="{src}"></iframe>'
    if "|" in text:
        lines = _tables(lines, kept)
    return "\n".join(lines)


def _kept_lines(text: str, count: int) -> set[int]:
    """Lines of code and raw HTML blocks: left exactly as written."""
    kept: set[int] = set()
    for token in _blocks.parse(text):
        if token.type in ("fence", "code_block", "html_block") and token.map:
            kept.update(range(token.map[0], min(token.map[1], count)))
    return kept


def _is_row(line: str) -> bool:
    return "|" in line and bool(line.strip()) and not line.startswith("    ")


def _is_delimiter(line: str) -> bool:
    return bool(_DELIMITER.match(line))


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|") or body.startswith("+"):
        body = body[1:]
    if (body.endswith("|") or body.endswith("+")) and not body.endswith("\\|"):
        body = body[:-1]
    return _PIPE.split(body)


def _delimiter_for(line: str, count: int) -> str:
    """A GFM delimiter row of ``count`` cells, keeping the alignments ``line`` gives."""
    cells = []
    for cell in re.split(r"[|+]", line.strip().strip("|+")):
        match = _CELL.match(cell)
        if match:
            cells.append(f"{match.group(1)}---{match.group(2)}")
    cells = (cells + ["---"] * count)[:count]
    return "| " + " | ".join(cells) + " |"


def _tables(lines: list[str], kept: set[int]) -> list[str]:
    """Find each run of table lines; rewrite the ones kramdown reads as tables."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        if index in kept or not (_is_row(lines[index]) or _is_delimiter(lines[index])):
            result.append(lines[index])
            index += 1
            continue
        end = index
        while (
            end < len(lines)
            and end not in kept
            and (_is_row(lines[end]) or _is_delimiter(lines[end]))
        ):
            end += 1
        result.extend(_table(lines[index:end]))
        index = end
    return result


def _table(run: list[str]) -> list[str]:
    """One run of pipe lines: as written unless a delimiter row follows its first content row."""
    at = 0
    while at < len(run) and _is_delimiter(run[at]):
        at += 1  # border rows above the header
    if at + 1 >= len(run) or not _is_delimiter(run[at + 1]):
        return _headerless(run)
    header, delimiter = run[at], run[at + 1]
    count = len(_cells(header))
    if len(_cells(delimiter)) != count or "+" in delimiter:
        indent = delimiter[: len(delimiter) - len(delimiter.lstrip())]
        delimiter = indent + _delimiter_for(delimiter, count)
    rows = [row for row in run[at + 2 :] if not _is_delimiter(row)]
    table = [header, delimiter, *rows]
    return table + [""] * (len(run) - len(table))


def _headerless(run: list[str]) -> list[str]:
    """kramdown's table without a header (rows of pipes, no delimiter row under the first):
    an HTML table of body rows, one line per row, its cells' Markdown rendered."""
    rows = [line for line in run if not _is_delimiter(line)]
    pipes = all(line.lstrip(" ").startswith(("|", "+")) for line in run)
    if not rows or not pipes or not (len(rows) >= 2 or len(rows) < len(run)):
        return run
    html_rows = []
    for row in rows:
        cells = "".join(f"<td>{_inline.renderInline(cell.strip())}</td>" for cell in _cells(row))
        indent = row[: len(row) - len(row.lstrip(" "))]
        html_rows.append(f"{indent}<tr>{cells}</tr>")
    html_rows[0] = html_rows[0].replace("<tr>", "<table><tr>", 1)
    html_rows[-1] += "</table>"
    return html_rows + [""] * (len(run) - len(rows))
