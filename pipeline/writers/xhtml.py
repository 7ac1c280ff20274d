"""XHTML content documents built with ElementTree, so article text is always escaped text."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from pipeline.writers.languages import XML_LANG, mark_languages
from pipeline.xml_chars import xml_safe

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
UI_LANG = "en"
"""The language of the words earmark itself adds (warnings, labels, the About page)."""

ET.register_namespace("epub", EPUB_NS)

Element = ET.Element
_PREFIXES = threading.Lock()

_PHRASING_PARENTS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "span", "li"}
    | {"td", "th", "dt", "caption", "figcaption", "del", "sup", "sub"}
)


def element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """An XHTML element; ``epub_type`` becomes ``epub:type`` and ``aria_label`` ``aria-label``."""
    node = ET.Element(f"{{{XHTML_NS}}}{tag}")
    for name, value in attributes.items():
        if name == "epub_type":
            node.set(EPUB_TYPE, value)
        elif name == "class_":
            node.set("class", value)
        else:
            node.set(name.replace("_", "-"), value)
    if text is not None:
        node.text = text
    return node


def child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append a new element to ``parent`` and return it."""
    node = element(tag, text, **attributes)
    parent.append(node)
    return node


def set_lang(node: ET.Element, lang: str) -> None:
    """Set both ``lang`` and ``xml:lang``, as EPUB reading systems and HTML tools each read one."""
    node.set("lang", lang)
    node.set(XML_LANG, lang)


def ui_text_lang(node: ET.Element, article_lang: str) -> None:
    """Mark earmark's own English words when the article is in another language."""
    if article_lang.split("-")[0].lower() != UI_LANG:
        set_lang(node, UI_LANG)


def page(
    title: str,
    lang: str,
    body: Iterable[ET.Element],
    stylesheet: str = "style.css",
    body_type: str | None = None,
) -> bytes:
    """A complete XHTML5 document with the given body children."""
    html = element("html")
    set_lang(html, lang)
    head = child(html, "head")
    child(head, "meta", charset="utf-8")
    child(head, "title", title)
    child(head, "link", rel="stylesheet", type="text/css", href=stylesheet)
    body_node = child(html, "body")
    if body_type:
        body_node.set(EPUB_TYPE, body_type)
    body_node.extend(body)
    mark_languages(body_node, lang)
    _indent(html)
    # The epub prefix must be declared even where no element uses it, for epub:type readers.
    markup = serialize(html, XHTML_NS)
    if "xmlns:epub=" not in markup:
        markup = markup.replace(
            f'xmlns="{XHTML_NS}"', f'xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}"', 1
        )
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n{markup}\n'.encode()


def serialize(root: ET.Element, default_namespace: str, method: str = "xml") -> str:
    """``root`` as XML (or, with ``method="html"``, HTML) text with ``default_namespace``
    unprefixed.

    ElementTree keeps one global prefix table, and its ``default_namespace`` option refuses
    unprefixed attributes such as ``id``; so the default namespace is registered just before
    each serialisation, under a lock (writers run in threads). Text the readers did not clean
    (a file name, say) loses the characters XML forbids here."""
    for node in root.iter():
        node.text = node.text and xml_safe(node.text)
        node.tail = node.tail and xml_safe(node.tail)
        for name, value in node.attrib.items():
            node.set(name, xml_safe(value))
    with _PREFIXES:
        ET.register_namespace("", default_namespace)
        return ET.tostring(root, encoding="unicode", method=method)


def _indent(node: ET.Element, depth: int = 0) -> None:
    """Pretty-print like ``ET.indent``, but only between elements that hold no text, so inline
    content (and the spaces that belong to it) is never changed."""
    if (
        not len(node)
        or node.tag.rpartition("}")[2] in _PHRASING_PARENTS
        or (node.text or "").strip()
        or any((c.tail or "").strip() for c in node)
    ):
        return
    inner = "\n" + " " * (depth + 1)
    node.text = inner
    for item in node:
        item.tail = inner
        _indent(item, depth + 1)
    node[-1].tail = "\n" + " " * depth
