"""The spoiler classes CMS themes and plugins use, made into what the HTML mapping already
reads: an element with a SPOILER_CLASSES name becomes ``<details><summary>Spoiler</summary>``
(a ``SpoilerBlock``; inside a paragraph, the paragraph is split around it), and a
WARNING_CLASSES element ("Spoiler warning: the next section gives away the ending") stays a
paragraph the spoiler rules read. When its words are not ones the rules know, the rest of its
section is wrapped as a spoiler too, and its text is returned so the reader can mark the
sections after it; a heading with either class marks its section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.readers.html_chrome import names
from pipeline.readers.html_parse import tag_set

SPOILER_CLASSES = tag_set(
    "spoiler spoilers spoiler-content spoiler-body spoiler-text md-spoiler-text su-spoiler "
    "su-spoiler-content wp-block-spoiler has-spoiler"
)
SPOILER_ATTRIBUTES = tag_set("data-spoiler data-spoilers")
"""Attributes that mark an element as a spoiler whatever its class (``<span data-spoiler>``)."""
WARNING_CLASSES = tag_set(
    "spoiler-warning spoiler-alert spoilers-warning spoiler-notice warning-spoiler"
)
SPOILER_LABEL = "Spoiler"
"""The summary given to a class-marked spoiler (it has none of its own)."""
_PARAGRAPHS = frozenset({"p"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class SpoilerMarks:
    """What the spoiler classes said beyond the ``<details>`` they became."""

    warnings: set[str] = field(default_factory=set)
    """Texts of warnings the spoiler rules do not recognise."""
    headings: set[str] = field(default_factory=set)
    """Texts of headings with a spoiler class: their sections are spoilers."""


def mark_spoiler_classes(
    tree: LexborHTMLParser, root: LexborNode, is_warning: Callable[[str], bool]
) -> SpoilerMarks:
    """Rewrite the spoiler-class elements below ``root`` (see the module)."""
    marks = SpoilerMarks()
    unknown = marks.warnings
    for node in list(root.traverse(include_text=False)):
        if node.mem_id == root.mem_id:
            continue
        classes = set(names(node))
        if node.tag in _HEADINGS:
            if classes & (SPOILER_CLASSES | WARNING_CLASSES):
                marks.headings.add(" ".join(node.text(deep=True, separator=" ").split()))
        elif classes & WARNING_CLASSES:
            text = " ".join(node.text(deep=True, separator=" ").split())
            if text and not is_warning(text):
                unknown.add(text)
                _wrap_rest(tree, node)
        elif is_spoiler_element(node) and not _has_spoiler_ancestor(node, root):
            _to_details(tree, node)
    return marks


def is_spoiler_element(node: LexborNode) -> bool:
    """Whether the element is a spoiler by its class (SPOILER_CLASSES) or attribute; a
    ``<details>`` is one already (with its own summary), so it is never wrapped again."""
    if node.tag == "details":
        return False
    attributes = node.attributes
    return bool(set(names(node)) & SPOILER_CLASSES or SPOILER_ATTRIBUTES & attributes.keys())


def _details(tree: LexborHTMLParser) -> LexborNode:
    details = tree.create_node("details")
    summary = tree.create_node("summary")
    summary.insert_child(SPOILER_LABEL)
    details.insert_child(summary)
    return details


def _to_details(tree: LexborHTMLParser, node: LexborNode) -> None:
    details = _details(tree)
    holder = _paragraph_of(node)
    if holder is None:
        for child in list(node.iter(include_text=True)):
            details.insert_child(child, move=True)
        node.insert_before(details, move=True)
        node.decompose()
        return
    # Inline: <p>a <span class=spoiler>b</span> c</p> -> <p>a</p><details>b</details><p>c</p>
    inner = tree.create_node(holder.tag or "p")
    for child in list(node.iter(include_text=True)):
        inner.insert_child(child, move=True)
    details.insert_child(inner, move=True)
    after = tree.create_node(holder.tag or "p")
    _move_following(node, holder, after)
    node.decompose()
    holder.insert_after(details, move=True)
    details.insert_after(after, move=True)


def _move_following(node: LexborNode, holder: LexborNode, target: LexborNode) -> None:
    """Move everything after ``node`` inside ``holder`` (at any depth) into ``target``."""
    current = node
    while current is not None and current.mem_id != holder.mem_id:
        sibling = current.next
        while sibling is not None:
            following = sibling.next
            target.insert_child(sibling, move=True)
            sibling = following
        current = current.parent


def _wrap_rest(tree: LexborHTMLParser, warning: LexborNode) -> None:
    """The siblings after an unrecognised warning, up to the next heading, as a spoiler."""
    details = _details(tree)
    sibling = warning.next
    moved = False
    while sibling is not None and sibling.tag not in _HEADINGS:
        moved = moved or sibling.tag != "-text" or bool((sibling.text_content or "").strip())
        following = sibling.next
        details.insert_child(sibling, move=True)
        sibling = following
    if moved:
        warning.insert_after(details, move=True)


def _paragraph_of(node: LexborNode) -> LexborNode | None:
    """The paragraph-like element an inline spoiler sits in, None for a block spoiler."""
    if node.tag not in ("span", "a", "em", "strong", "b", "i", "mark", "del", "s", "font"):
        return None
    current = node.parent
    while current is not None:
        if current.tag in _PARAGRAPHS:
            return current
        if current.tag in ("div", "section", "article", "main", "body", "blockquote", "li", "td"):
            return None
        current = current.parent
    return None


def _has_spoiler_ancestor(node: LexborNode, root: LexborNode) -> bool:
    current = node.parent
    while current is not None and current.mem_id != root.mem_id:
        if is_spoiler_element(current) or current.tag == "details":
            return True
        current = current.parent
    return False
