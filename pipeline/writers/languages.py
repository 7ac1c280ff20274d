"""Text in another script keeps its language on the page: a run of Chinese, Arabic or
Cyrillic letters in an English article becomes ``<span lang="zh" xml:lang="zh">`` (``lang``
alone on the web), with ``dir`` when it is written the other way, so a reading system's or
a browser's own voice reads it in that language (narration names it instead:
``pipeline.speech.scripts``). Runs and their languages come from ``pipeline.writing_systems``.

A pass over the finished tree, after sentences became ``<span id>``s: runs are found in the
whole text of a paragraph, heading, cell or caption (a run across an emphasis or a sentence
boundary is one run, in one language), and each piece is wrapped inside whatever element
holds it (a sentence, an emphasis, a link, a nav label), so no id, overlay target or
sentence boundary moves."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.writing_systems import foreign_runs, right_to_left, run_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LEFT_AS_IS = frozenset({"head", "script", "style", "code", "pre", "select", "textarea"})
"""Elements whose text is not prose (code) or cannot hold a ``<span>`` (a ``<title>``)."""

BLOCKS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "caption"}
    | {"figcaption", "summary", "blockquote", "cite"}
)
"""The elements whose whole text is where runs are found (the outermost one holding a text)."""


def mark_languages(root: ET.Element, lang: str, xml_lang: bool = True) -> None:
    """Wrap every run of another script's letters below ``root`` in a ``<span lang>`` (and
    ``xml:lang`` for XHTML). Each element's language is its own ``lang`` or its parent's,
    starting from ``lang``; earmark's English labels in a Russian book say so themselves."""
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    _Marker(f"{namespace}span", xml_lang).walk(root, lang, None)


class _Block:
    """The runs of one block's text, handed out piece by piece as its text nodes come."""

    def __init__(self, text: str, lang: str) -> None:
        self.runs = [(r.start, r.end, *run_language(r, text)) for r in foreign_runs(text, lang)]
        self.offset = 0
        self.next = 0

    def take(self, length: int) -> list[tuple[int, int, str, bool]]:
        """The runs (or their parts) in the next ``length`` characters, as offsets into them."""
        start, stop = self.offset, self.offset + length
        found = []
        while self.next < len(self.runs) and self.runs[self.next][0] < stop:
            run_start, run_end, code, rtl = self.runs[self.next]
            if max(run_start, start) < min(run_end, stop):
                found.append((max(run_start, start) - start, min(run_end, stop) - start, code, rtl))
            if run_end > stop:
                break
            self.next += 1
        self.offset = stop
        return found


class _Marker:
    def __init__(self, span_tag: str, xml_lang: bool) -> None:
        self.span_tag = span_tag
        self.xml_lang = xml_lang

    def walk(self, node: ET.Element, lang: str, block: _Block | None) -> None:
        tag = node.tag.rpartition("}")[2]
        if tag in LEFT_AS_IS:
            if block is not None:
                block.take(len("".join(node.itertext())))
            return
        outer = block
        own = node.get("lang") or node.get(XML_LANG) or lang
        if own != lang or (block is None and tag in BLOCKS):
            lang, block = own, _Block("".join(node.itertext()), own)
        children = list(node)
        node.text, marked = self.split(node.text, lang, block)
        for item in children:
            self.walk(item, lang, block)
            item.tail, spans = self.split(item.tail, lang, block)
            marked += [item, *spans]
        if len(marked) != len(children):
            node[:] = marked
        if outer is not None and block is not outer:
            outer.take(len("".join(node.itertext())))

    def split(
        self, text: str | None, lang: str, block: _Block | None
    ) -> tuple[str | None, list[ET.Element]]:
        """The text before the first run, and a span per run whose tail is what follows it."""
        if not text:
            return text, []
        runs = (block or _Block(text, lang)).take(len(text))
        spans: list[ET.Element] = []
        for index, (start, end, code, rtl) in enumerate(runs):
            span = ET.Element(self.span_tag, {"lang": code})
            if self.xml_lang:
                span.set(XML_LANG, code)
            if rtl != right_to_left(lang):
                span.set("dir", "rtl" if rtl else "ltr")
            span.text = text[start:end]
            following = runs[index + 1][0] if index + 1 < len(runs) else len(text)
            span.tail = text[end:following] or None
            spans.append(span)
        return (text[: runs[0][0]] or None) if runs else text, spans
