"""What a web page has around its article (the site's "chrome"), in explicit tables: the tags,
ARIA roles and common class / id names of navigation, site headers and footers, sidebars,
forms, share buttons, related posts, comment sections, cookie banners and ads.

``is_chrome(node)`` decides for one element; ``remove_chrome(root)`` removes every such
element below ``root`` (never ``root`` itself, which was chosen as the article).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from pipeline.readers.html_parse import tag_set

CHROME_TAGS = tag_set("nav aside form footer dialog menu search button input select textarea")
"""Tags that are never part of an article's text (``header`` is handled as the article's
own header: see ``html_page``)."""

CHROME_ROLES = tag_set(
    "navigation banner contentinfo complementary search form dialog alertdialog menu menubar "
    "toolbar tablist alert status marquee"
)

CHROME_NAMES = tag_set(
    """
    masthead site-header site-footer global-header global-footer page-footer colophon
    skip-link skip-links screen-reader-text sr-only visually-hidden
    sharedaddy jp-relatedposts yarpp-related addtoany a2a_kit shariff post-share
    wp-block-post-navigation-link post-navigation nav-links navigation-links
    entry-meta post-meta article-meta posted-on byline post-byline entry-byline dateline
    author-box author-bio about-author author-info ts-fab-wrapper gh-article-meta
    cat-links tags-links tag-links entry-tags post-tags entry-categories
    read-next read-more-wrap more-posts you-might-also-like
    postmetadata post-footer entry-footer entry-utility
    newsletter-signup newsletter-form subscribe-form mailchimp mc_embed_signup
    disqus_thread respond reply-title commentlist comment-list
    """
)
"""Class or id names, matched whole (case-insensitive)."""

CHROME_WORDS = tag_set(
    """
    nav navbar navigation menu breadcrumb breadcrumbs sidebar widget widgets
    share shares sharing social sociallinks
    related relatedposts category categories tags taglist tagcloud
    comment comments disqus
    cookie cookies consent gdpr
    ad ads adsbygoogle advert advertisement advertising sponsor sponsored promo
    subscribe subscription signup paywall popup modal overlay toast
    pagination pager
    """
)
"""Words of class or id names ("site-nav", "share_buttons", "cookieConsent" -> cookie): an
element with a name made of one of these words is chrome."""

BOILERPLATE = (
    "you can follow any responses to this entry",
    "you can leave a response",
    "both comments and pings are currently closed",
    "this entry was posted in",
    "bookmark the permalink",
    "leave a reply",
    "leave a comment",
    "share this:",
    "like this:",
    "like loading",
    "posted in ",
    "filed under",
)
"""How the sentences CMS themes put under every post begin (lower-case): a paragraph that
begins with one is chrome."""

_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def names(node: LexborNode) -> list[str]:
    """The element's class names and id, lower-case."""
    attrs = node.attributes
    found = (attrs.get("class") or "").split()
    if attrs.get("id"):
        found.append(attrs.get("id") or "")
    return [name.lower() for name in found]


NEVER_BY_NAME = tag_set("h1 h2 h3 h4 h5 h6 summary caption figcaption")
"""Never chrome by their names: a heading's id is made from its words ("related-work",
"cookies" in a recipe)."""

_TAXONOMY = re.compile(r"^(?:tag|category|post_tag|format|type|status|author)[-_]")
"""Prefixes of the names CMSs give an article for its tags ("tag-cookies", "category-ads"):
they say what the article is about, not what the element is."""


def _words(node: LexborNode) -> set[str]:
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    kept = " ".join(name for name in raw.split() if not _TAXONOMY.match(name.lower()))
    return set(_WORD.findall(_CAMEL.sub(" ", kept).lower()))


def is_chrome(node: LexborNode) -> bool:
    """Whether an element belongs to the site around the article, not to the article."""
    return chrome_reason(node) is not None


def chrome_reason(node: LexborNode) -> str | None:
    """Why an element is chrome: "tag", "role", "hidden", "name", "word" (None: it is not)."""
    tag = node.tag or ""
    if tag in CHROME_TAGS:
        return "tag"
    if tag == "p" and _is_boilerplate(node):
        return "name"
    attrs = node.attributes
    if (attrs.get("role") or "").strip().lower() in CHROME_ROLES:
        return "role"
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return "hidden"
    if not (attrs.get("class") or attrs.get("id")) or tag in NEVER_BY_NAME:
        return None
    if any(name in CHROME_NAMES for name in names(node)):
        return "name"
    return None if _words(node).isdisjoint(CHROME_WORDS) else "word"


def _is_boilerplate(node: LexborNode) -> bool:
    text = " ".join(node.text(deep=True, separator=" ").split()).lower()
    return len(text) < 300 and text.startswith(BOILERPLATE)


MAX_WORD_MATCH_SHARE = 0.5
"""An element matched by a word of its name only, holding more than this share of the
article's words, is the article's own wrapper, not chrome."""


def _word_count(node: LexborNode) -> int:
    return len(node.text(deep=True, separator=" ").split())


def remove_chrome(root: LexborNode) -> int:
    """Remove every chrome element below ``root``; return how many were removed."""
    total = _word_count(root)
    doomed = []
    for node in root.traverse(include_text=False):
        reason = None if node.mem_id == root.mem_id else chrome_reason(node)
        if reason is None:
            continue
        if reason == "word" and _word_count(node) > MAX_WORD_MATCH_SHARE * total:
            continue  # "entry-content has-social-embed": most of the article is no widget
        doomed.append(node)
    # Descendants come later in document order: removing from the end never touches a
    # node whose ancestor is already gone.
    for node in reversed(doomed):
        node.decompose()
    return len(doomed)


def inside_chrome(node: LexborNode, limit: int = 10_000) -> bool:
    """Whether an ancestor of ``node`` is chrome (comments, related posts, a sidebar)."""
    current = node.parent
    for _ in range(limit):
        if current is None or current.tag in ("body", "html"):
            return False
        if is_chrome(current):
            return True
        current = current.parent
    return False


LAYOUT_TABLE_BLOCKS = "h1, h2, h3, h4, h5, h6, p, table, ul, ol, blockquote, figure, div"
"""A table whose cells hold any of these is page layout (an e-mail's columns), not data."""


def unwrap_layout_tables(root: LexborNode) -> None:
    """Unwrap tables used for layout (``role=presentation``, or cells holding headings,
    paragraphs or tables), so their content reads as the article's own blocks."""
    for table in reversed(root.css("table")):
        role = (table.attributes.get("role") or "").lower()
        cells = _own_parts(table)
        is_layout = role in ("presentation", "none") or any(
            cell.tag in ("td", "th") and cell.css_first(LAYOUT_TABLE_BLOCKS) is not None
            for cell in cells
        )
        if is_layout:
            for part in reversed(cells):
                part.unwrap()
            table.unwrap()


def _own_parts(table: LexborNode) -> list[LexborNode]:
    """The table's own sections, rows and cells (not those of tables nested in it)."""
    parts: list[LexborNode] = []
    stack = [child for child in table.iter(include_text=False)]
    while stack:
        node = stack.pop(0)
        if node.tag in ("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"):
            parts.append(node)
            if node.tag not in ("td", "th", "caption"):
                stack.extend(node.iter(include_text=False))
    return parts
