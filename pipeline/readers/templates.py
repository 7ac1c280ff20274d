"""Template syntax in Markdown, resolved before Markdown is parsed: Liquid (``{% tag %}``,
``{{ output }}``) and Hugo shortcodes (``{{< name >}}``, ``{{% name %}}``).

Known tags become what they mean (``template_tags``: embeds and figures as HTML, highlight as a
code block, details and spoiler shortcodes as ``<details>``, quote shortcodes and Octopress'
``{% blockquote %}`` as ``<blockquote>``); paired wrappers keep their inner
Markdown; ``{% raw %}`` keeps its content as written; anything unknown is removed with one
warning per name (an unknown shortcode whose only argument is a quoted string keeps that
string as text). Every edit keeps the number of lines, so line numbers stay right. Code
(fenced, indented, inline spans) keeps template syntax verbatim: only ``{% raw %}`` markers and
Hugo's ``{{</* */>}}`` escapes are resolved there.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from pipeline.readers import template_tags as known
from pipeline.readers.notices import Notices

_TEMPLATE = re.compile(
    r"\{\{[<%]\s*/\*(?P<escaped>.*?)\*/\s*[>%]\}\}"
    r"|\{\{(?P<hugo>[<%])\s*(?P<close>/)?\s*(?P<name>[\w./-]+)(?P<args>.*?)(?P<self>/)?\s*[>%]\}\}"
    r"|\{%-?\s*(?P<tag>\w+)(?P<targs>.*?)-?%\}"
    r"|\{\{-?(?P<output>.*?)-?\}\}",
    re.DOTALL,
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_RAW_MARK = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_RAW_LINE = re.compile(r"^[ \t]*\{%-?\s*(?:end)?raw\s*-?%\}[ \t]*\n", re.MULTILINE)
_HUGO_ESCAPE = re.compile(r"\{\{([<%])\s*/\*(.*?)\*/\s*([>%])\}\}", re.DOTALL)
_STRING = re.compile(r"""^\s*("([^"]*)"|'([^']*)')""")
_ONLY_STRING = re.compile(r"""^\s*("((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*$""", re.DOTALL)
_URL = re.compile(r"\bhttps?://\S+.*$", re.DOTALL)
_SITE_URL = re.compile(r"^\s*(site\.(url|baseurl)|base_?url|\.Site\.BaseURL)\b")
_fences = MarkdownIt("commonmark", {"html": True})
_BLOCK_END = {
    "raw": "endraw",
    "comment": "endcomment",
    "capture": "endcapture",
    "highlight": "endhighlight",
}


def expand_templates(text: str, notices: Notices, offset: int = 0) -> str:
    """``text`` with its template syntax resolved, line for line."""
    if "{%" not in text and "{{" not in text:
        return text
    return _Expansion(text, notices, offset).run()


@dataclass
class _Expansion:
    text: str
    notices: Notices
    offset: int
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    def run(self) -> str:
        self.starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        code = self._code_ranges()
        matches = [m for m in _TEMPLATE.finditer(self.text) if not _inside(m.start(), code)]
        closers = _hugo_pairs(matches)
        skip_to = 0
        for index, match in enumerate(matches):
            if match.start() < skip_to:
                continue
            skip_to = self._one(match, matches, index, closers)
        for start, end in code:
            self._verbatim(start, end)
        return self._apply()

    # --- where template syntax is code -----------------------------------------------------

    def _code_ranges(self) -> list[tuple[int, int]]:
        ranges = []
        for token in _fences.parse(self.text):
            if token.type in ("fence", "code_block") and token.map:
                start, end = token.map
                ranges.append(
                    (
                        self.starts[start],
                        self.starts[end] if end < len(self.starts) else len(self.text),
                    )
                )
        ranges.sort()
        spans = [m.span() for m in _CODE_SPAN.finditer(self.text) if not _inside(m.start(), ranges)]
        return sorted(ranges + spans)

    def _verbatim(self, start: int, end: int) -> None:
        segment = self.text[start:end]
        for mark in _RAW_MARK.finditer(segment):
            self.edits.append((start + mark.start(), start + mark.end(), ""))
        for escape in _HUGO_ESCAPE.finditer(segment):
            literal = "{{" + escape.group(1) + escape.group(2) + escape.group(3) + "}}"
            self.edits.append((start + escape.start(), start + escape.end(), literal))

    # --- one tag ---------------------------------------------------------------------------

    def _one(
        self, match: re.Match, matches: list[re.Match], index: int, closers: dict[int, int]
    ) -> int:
        """Resolve ``match``; return where scanning goes on."""
        start, end = match.span()
        if match.group("escaped") is not None:
            self._edit(
                start,
                end,
                "{{" + match.group(0)[2] + match.group("escaped") + match.group(0)[-3] + "}}",
            )
        elif match.group("hugo"):
            return self._shortcode(match, matches, index, closers)
        elif match.group("tag"):
            return self._liquid(match)
        else:
            self._edit(start, end, self._output(match))
        return end

    def _output(self, match: re.Match) -> str:
        expression = match.group("output")
        literal = _STRING.match(expression)
        if literal:
            return literal.group(2) if literal.group(2) is not None else literal.group(3)
        if not _SITE_URL.match(expression):
            name = " ".join(expression.split())[:40]
            self._warn(
                f"output:{name}",
                match.start(),
                f"Liquid output '{{{{ {name} }}}}' removed: earmark cannot know its value.",
            )
        return ""

    def _liquid(self, match: re.Match) -> int:
        start, end = match.span()
        tag = match.group("tag").lower()
        args = match.group("targs")
        if tag in _BLOCK_END:
            closing = re.compile(r"\{%-?\s*" + _BLOCK_END[tag] + r"\s*-?%\}").search(self.text, end)
            inner_end = closing.start() if closing else len(self.text)
            after = closing.end() if closing else len(self.text)
            if tag == "raw":
                self._edit(start, end, "")
                self._edit(inner_end, after, "")
            elif tag == "highlight":
                language = (known.parse_args(args)[0] or [""])[0]
                self._edit(start, after, _code_html(self.text[end:inner_end], language))
            else:
                self._edit(start, after, "")
            return after
        if tag in known.QUOTES:
            return self._liquid_quote(match, tag)
        if tag.startswith("end") and tag[3:] in known.QUOTES:
            self._edit(start, end, "")  # its opener's edit comes first when it has one
            return end
        if tag in known.SILENT:
            self._edit(start, end, "")
        elif tag in known.LINKS:
            self._edit(start, end, (known.parse_args(args)[0] or [""])[0])
        elif tag in ("include", "include_cached", "render"):
            positional, named = known.parse_args(args)
            name = positional[0] if positional else ""
            stem = name.rsplit("/", 1)[-1].removesuffix(".html").removesuffix(".liquid").lower()
            maker = known.EMBEDS.get(stem) or next(
                (
                    make
                    for key, make in known.EMBEDS.items()
                    if stem.startswith(key + "-") or stem.startswith(key + "_")
                ),
                None,
            )
            if stem in known.SILENT:
                self._edit(start, end, "")
            elif maker is not None:
                self._edit(start, end, self._html(start, end, maker((positional[1:], named))))
            else:
                self._edit(start, end, "")
                self._warn(
                    f"include:{stem}",
                    start,
                    f"Liquid include '{name}' is not known to earmark; removed.",
                )
        elif tag in known.EMBEDS:
            self._edit(
                start, end, self._html(start, end, known.EMBEDS[tag](known.parse_args(args)))
            )
        else:
            self._edit(start, end, "")
            self._warn(
                f"tag:{tag}", start, f"Liquid tag '{{% {tag} %}}' is not known to earmark; removed."
            )
        return end

    def _liquid_quote(self, match: re.Match, tag: str) -> int:
        """Octopress' ``{% blockquote Author, Source %}`` ... ``{% endblockquote %}``: a quote
        (its author after it), its inner Markdown scanned like the rest."""
        start, end = match.span()
        closing = re.compile(r"\{%-?\s*end" + tag + r"\s*-?%\}").search(self.text, end)
        if closing is None:
            self._edit(start, end, "")
            return end
        if self._alone(start, end) and self._alone(*closing.span()):
            author = " ".join(_URL.sub("", match.group("targs")).split()).strip(" ,")
            cite = f"<p>— {html.escape(author)}</p>" if author else ""
            self._edit(start, end, "<!----><blockquote>")
            self._edit(*closing.span(), f"<!---->{cite}</blockquote>")
        else:
            self._edit(start, end, "")
            self._edit(*closing.span(), "")
        return end

    def _shortcode(
        self, match: re.Match, matches: list[re.Match], index: int, closers: dict[int, int]
    ) -> int:
        start, end = match.span()
        name = match.group("name").lower()
        if match.group("close"):
            self._edit(start, end, "")  # a closer without its opener (its pair was handled)
            return end
        args = known.parse_args(match.group("args"))
        closer_index = closers.get(index)
        closer = matches[closer_index] if closer_index is not None else None
        if closer is None:
            if name in known.EMBEDS:
                self._edit(start, end, self._html(start, end, known.EMBEDS[name](args)))
            elif name in known.LINKS:
                self._edit(start, end, (args[0] or [""])[0])
            else:
                self._unknown_inline(match, name)
            return end
        inner_start, inner_end = end, closer.start()
        if name == "highlight":
            language = (args[0] or [""])[0]
            self._edit(start, closer.end(), _code_html(self.text[inner_start:inner_end], language))
            return closer.end()
        opening, closing = "", ""
        both_alone = self._alone(start, end) and self._alone(*closer.span())
        if name in known.DETAILS and both_alone:
            summary = (
                args[1].get("summary")
                or args[1].get("title")
                or args[1].get("text")
                or (args[0] or [known.DETAILS[name]])[0]
            )
            opening, closing = (
                f'<!----><details class="{name}"><summary>{html.escape(summary)}</summary>',
                "<!----></details>",
            )
        elif name in known.QUOTES and both_alone:
            opening, closing = "<!----><blockquote>", "<!----></blockquote>"
        elif name in known.WRAPPERS:
            title = args[1].get("title") or ((args[0] or [""])[0] if name == "tab" else "")
            if title and self._alone(start, end):  # a tab's or a callout's title stays
                opening = f"<!----><p><strong>{html.escape(title)}</strong></p>"
        elif name not in known.DETAILS and name not in known.QUOTES:
            self._warn(
                f"shortcode:{name}",
                start,
                f"Hugo shortcode '{name}' is not known to earmark; removed, its content kept.",
            )
        self._edit(start, end, opening)
        self._edit(*closer.span(), closing)
        return end  # the inner Markdown is scanned like the rest

    def _unknown_inline(self, match: re.Match, name: str) -> None:
        """An unknown shortcode with no closer: removed, but one whose only argument is a
        quoted string (``{{< abbr "Hugo" >}}``) keeps that string as text (a quote shortcode
        alone on its line, as a quote)."""
        start, end = match.span()
        positional, named = known.parse_args(match.group("args"))
        quoted = _ONLY_STRING.match(match.group("args")) and len(positional) == 1 and not named
        text, author = (positional[0] if quoted else ""), ""
        if name in known.QUOTES:  # {{< quote "Words." "Author" >}}: the words are the quote
            text = named.get("text") or named.get("quote") or (positional or [""])[0]
            author = named.get("author") or named.get("by") or (positional[1:] or [""])[0]
        if text and name in known.QUOTES:
            cite = f"<p>— {html.escape(author)}</p>" if author else ""
            quote = f"<!----><blockquote><p>{html.escape(text)}</p>{cite}</blockquote>"
            self._edit(start, end, quote if self._alone(start, end) else text)
            return
        self._edit(start, end, text)
        if name not in known.SILENT:
            kept = ", its text kept" if text else ""
            self._warn(
                f"shortcode:{name}",
                start,
                f"Hugo shortcode '{name}' is not known to earmark; removed{kept}.",
            )

    # --- edits -----------------------------------------------------------------------------

    def _html(self, start: int, end: int, markup: str) -> str:
        """Generated HTML: alone on its line it is one HTML block of that line (a leading empty
        comment ends the block there), else inline HTML."""
        return "<!---->" + markup if self._alone(start, end) else markup

    def _alone(self, start: int, end: int) -> bool:
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:start].strip() and not self.text[end:line_end].strip()

    def _edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, replacement))

    def _warn(self, key: str, position: int, message: str) -> None:
        line = bisect.bisect_right(self.starts, position) + self.offset
        self.notices.warn(key, line, message)

    def _apply(self) -> str:
        parts: list[str] = []
        position = 0
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < position:
                continue  # inside an edit already made (a comment's content)
            removed = self.text[start:end]
            parts.append(self.text[position:start])
            parts.append(replacement + "\n" * max(0, removed.count("\n") - replacement.count("\n")))
            position = end
        parts.append(self.text[position:])
        return "".join(parts)


def _code_html(code: str, language: str) -> str:
    """A highlight block as one HTML block: ``<pre>`` ends where its closing tag is, so the
    code's blank lines and Markdown-looking lines stay code."""
    lang = (
        f' class="language-{html.escape(language)}"'
        if re.fullmatch(r"[\w+#.-]+", language or "")
        else ""
    )
    code = _RAW_MARK.sub("", _RAW_LINE.sub("", code)).lstrip("\n")  # raw inside: Jekyll's habit
    return f"<pre><code{lang}>{html.escape(code)}</code></pre>"


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _hugo_pairs(matches: list[re.Match]) -> dict[int, int]:
    """For each Hugo shortcode that is closed later (``{{< /name >}}``), its closer's index."""
    pairs: dict[int, int] = {}
    open_: list[tuple[str, int]] = []
    for index, match in enumerate(matches):
        if not match.group("hugo") or match.group("self"):
            continue
        name = match.group("name").lower()
        if not match.group("close"):
            open_.append((name, index))
            continue
        for at in range(len(open_) - 1, -1, -1):
            if open_[at][0] == name:
                pairs[open_[at][1]] = index
                del open_[at:]
                break
    return pairs
