"""Which part of a web page is the article: the LANDMARKS table, first found wins.

``<article>`` (outside comment sections and related-post lists; of several, those inside
``<main>`` first, then the one with most text), else ``<main>``, else ``[role=main]``, else
the names CMS themes give a post. No content extractor (readability-lxml, trafilatura) is
used for pages with none of them: neither is installed, and guessing would read a site's
chrome aloud; such a page is refused (a login page, an index of links).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.readers.html_chrome import inside_chrome

LANDMARKS = (
    "article",
    "main",
    "[role=main]",
    "[itemprop=articleBody]",
    ".hentry",
    ".h-entry",
    ".entry-content",
    ".post-content",
    ".article-body",
)
"""CSS selectors for the article, in the order they are tried: the HTML landmarks, then the
microformat and CMS-theme names older themes mark their post with (WordPress ``hentry``)."""
LOOKED_FOR = "<article>, <main>, [role=main], and the CMS classes .hentry, .entry-content"

MIN_ARTICLE_WORDS = 12
"""An article has at least this many words outside links (a login form has fewer)."""
MAX_LINK_SHARE = 0.6
"""More of the text than this inside links: an index of links, not an article."""


def find_article(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's article element (see the module), or None."""
    for selector in LANDMARKS:
        every = tree.css(selector)
        # Inside chrome: comments, related posts. When that is all of them, a wrapper's name
        # ("container with-sidebar") misled the chrome table: take them all.
        found = [node for node in every if not inside_chrome(node)] or every
        if not found:
            continue
        if selector != "main" and len(found) > 1:
            in_main = [node for node in found if _inside_main(node)]
            found = in_main or found
        return max(found, key=_text_length)  # max keeps the first of equals
    return None


def is_article_text(root: LexborNode) -> bool:
    """Whether ``root`` (its chrome removed) reads as an article: enough words, not mostly
    links."""
    words = len(root.text(deep=True, separator=" ").split())
    linked = sum(len(a.text(deep=True, separator=" ").split()) for a in root.css("a"))
    return words - linked >= MIN_ARTICLE_WORDS and linked <= MAX_LINK_SHARE * words


def _text_length(node: LexborNode) -> int:
    return len(node.text(deep=True, separator=" ").split())


def _inside_main(node: LexborNode, limit: int = 10_000) -> bool:
    current = node.parent
    for _ in range(limit):
        if current is None:
            return False
        if current.tag == "main" or (current.attributes.get("role") or "") == "main":
            return True
        current = current.parent
    return False
