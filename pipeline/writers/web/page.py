"""The web edition's HTML: the article with its sentences, a native audio player that the
script enhances, the chapter list, the spoiler disclosures and the downloads.

Built with ElementTree like the EPUB's pages (article text is always escaped text) and
serialised as HTML. Everything works without the script: the ``hidden`` controls are the
enhanced player, which ``earmark.js`` reveals while it takes over from the native controls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.durations import player_clock, spoken_duration
from pipeline.edition.chapters import next_spoiler_free
from pipeline.model import Chapter
from pipeline.publication import Publication
from pipeline.writers.languages import mark_languages
from pipeline.writers.sections import count, section_tree, warning_id
from pipeline.writers.timeline import Timeline
from pipeline.writers.xhtml import (
    UI_LANG,
    XHTML_NS,
    Element,
    child,
    element,
    serialize,
)

SCRIPT = "web/earmark.js"
STYLESHEET = "web/earmark.css"
TIMELINE_ID = "earmark-timeline"
TEXT_ID = "earmark-text"
DOWNLOADS_ID = "downloads"


@dataclass(frozen=True)
class Download:
    """A link in the downloads list."""

    label: str
    href: str
    note: str = ""


@dataclass(frozen=True)
class PageMedia:
    """What the page plays and offers, as paths relative to the page."""

    audio: str
    transcript: str
    timeline: Timeline
    """The whole-article MP3's chapters and cues (``pipeline.writers.timeline``)."""
    downloads: tuple[Download, ...]


def article_page(publication: Publication, media: PageMedia) -> bytes:
    """The complete ``index.html`` of one article."""
    meta = publication.article.metadata
    html = element("html", lang=meta.lang)
    head = child(html, "head")
    child(head, "meta", charset="utf-8")
    child(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    child(head, "meta", name="color-scheme", content="light dark")
    if meta.description:
        child(head, "meta", name="description", content=meta.description)
    for author in meta.creators:
        child(head, "meta", name="author", content=author)
    if meta.subjects:
        child(head, "meta", name="keywords", content=", ".join(meta.subjects))
    child(head, "title", meta.title)
    child(head, "link", rel="stylesheet", href=STYLESHEET)
    child(head, "script", "", src=SCRIPT, defer="defer")
    body = child(html, "body")
    _ui(child(body, "a", "Skip to the text", href=f"#{TEXT_ID}", class_="skip-link"), meta.lang)
    header = child(body, "header")
    child(header, "h1", meta.title, id="title")
    if meta.author:
        child(header, "p", f"By {meta.author}", class_="byline")
    if meta.description:
        child(header, "p", meta.description, class_="description")
    main = child(body, "main")
    main.append(_player(media, meta.lang))
    main.append(_chapter_list(publication, media))
    main.append(_text(publication))
    body.append(_footer(media, meta.lang))
    child(body, "script", _timeline_json(media), type="application/json", id=TIMELINE_ID)
    mark_languages(body, meta.lang, xml_lang=False)
    return f"<!DOCTYPE html>\n{serialize(html, XHTML_NS, method='html')}\n".encode()


def _ui(node: Element, article_lang: str) -> Element:
    """Mark earmark's own English words when the article is in another language."""
    if article_lang.split("-")[0].lower() != UI_LANG:
        node.set("lang", UI_LANG)
    return node


def _player(media: PageMedia, lang: str) -> Element:
    section = _ui(element("section", class_="player", aria_labelledby="listen-title"), lang)
    child(section, "h2", "Listen", id="listen-title")
    audio = child(section, "audio", id="earmark-audio", controls="controls", preload="metadata")
    audio.set("src", media.audio)
    child(audio, "track", kind="captions", src=media.transcript, srclang=lang, label="Transcript")
    fallback = child(audio, "p", "Your browser cannot play this audio here: ")
    child(fallback, "a", "download the MP3", href=media.audio).tail = "."
    # The enhanced player: revealed by the script, which then removes the native controls.
    controls = child(section, "div", id="earmark-player", class_="controls", hidden="hidden")
    buttons = child(controls, "div", class_="buttons")
    play = child(buttons, "button", type="button", id="earmark-play", class_="play")
    child(play, "span", "▶", class_="icon", aria_hidden="true").tail = " "
    child(play, "span", "Play", class_="label")
    child(buttons, "button", "Back 15 seconds", type="button", id="earmark-back")
    child(buttons, "button", "Forward 15 seconds", type="button", id="earmark-forward")
    speed = child(buttons, "span", class_="speed")
    child(speed, "label", "Speed").set("for", "earmark-speed")
    select = child(speed, "select", id="earmark-speed")
    for rate in ("0.75", "1", "1.25", "1.5", "1.75", "2"):
        option = child(select, "option", f"{rate}×", value=rate)
        if rate == "1":
            option.set("selected", "selected")
    seek = child(controls, "div", class_="seek")
    total = spoken_duration(media.timeline.duration)
    slider = child(
        seek,
        "div",
        id="earmark-seek",
        class_="slider",
        role="slider",
        tabindex="0",
        aria_label="Seek",
        aria_valuemin="0",
        aria_valuemax=str(int(media.timeline.duration)),
        aria_valuenow="0",
        aria_valuetext=f"0 seconds of {total}",
    )
    rail = child(slider, "div", class_="rail")
    child(rail, "div", class_="fill")
    child(slider, "div", class_="thumb")
    child(
        seek,
        "span",
        f"0:00 / {player_clock(media.timeline.duration)}",
        id="earmark-time",
        aria_hidden="true",
    )
    now = child(controls, "p", "Chapter: ", class_="now")
    child(
        now,
        "span",
        media.timeline.chapters[0].title if media.timeline.chapters else "",
        id="earmark-chapter",
    )
    child(
        controls,
        "p",
        "Select a sentence of the text, or press Enter on it, to listen from there; "
        "in the text, the arrow keys move from sentence to sentence.",
        class_="hint",
    )
    child(section, "p", id="earmark-status", role="status", class_="status")
    return section


def _chapter_list(publication: Publication, media: PageMedia) -> Element:
    lang = publication.article.metadata.lang
    nav = _ui(element("nav", class_="chapters", aria_labelledby="chapters-title"), lang)
    child(nav, "h2", "Chapters", id="chapters-title")
    items = child(nav, "ol")
    starts = {mark.id: mark for mark in media.timeline.chapters}
    for chapter in publication.chapters:
        mark = starts.get(chapter.id)
        item = child(items, "li", class_="spoiler") if chapter.spoiler else child(items, "li")
        child(item, "a", chapter.main.label, href=f"#{_anchor(chapter)}", data_chapter=chapter.id)
        if mark is not None:
            child(item, "span", player_clock(mark.start), class_="start")
    spoilers = sum(chapter.spoiler for chapter in publication.chapters)
    if spoilers:
        switch = child(nav, "div", id="earmark-skip-spoilers", class_="switch", hidden="hidden")
        child(
            switch,
            "input",
            type="checkbox",
            role="switch",
            id="earmark-skip",
            checked="checked",
            aria_describedby="earmark-skip-help",
        )
        child(switch, "label", "Skip spoilers").set("for", "earmark-skip")
        help_text = (
            f"Jumps over the {count(spoilers, 'spoiler chapter')} and their spoken warnings, "
            "and keeps their text collapsed."
        )
        child(switch, "p", help_text, id="earmark-skip-help", class_="hint")
    return nav


def _anchor(chapter: Chapter) -> str:
    """Where a chapter link leads: a spoiler chapter's closed disclosure, not its text."""
    return f"spoiler-{chapter.id}" if chapter.spoiler else f"section-{chapter.sections[0].id}"


def _text(publication: Publication) -> Element:
    """The article's chapters, in order, with the same sections, landmarks and sentence ids as
    the EPUB's chapters; headings are one level lower, under the page's ``h1``."""
    lang = publication.article.metadata.lang
    article = element("article", id=TEXT_ID, aria_labelledby="title", tabindex="-1")
    chapters = publication.chapters
    for index, chapter in enumerate(chapters):
        sections = section_tree(publication, chapter, heading_shift=1, epub_type=False)
        if not chapter.spoiler:
            article.append(sections)
            continue
        disclosure = child(
            article,
            "details",
            id=_anchor(chapter),
            class_="spoiler",
            data_chapter=chapter.id,
        )
        summary = _ui(child(disclosure, "summary"), lang)
        child(summary, "strong", chapter.main.label)
        child(summary, "span", " (hidden because it reveals the plot: open to read it)")
        disclosure.append(_notice(publication, chapters, index))
        disclosure.append(sections)
    return article


def _notice(publication: Publication, chapters: tuple[Chapter, ...], index: int) -> Element:
    """The spoiler warning at the top of a spoiler chapter, as in the EPUB."""
    chapter = chapters[index]
    target = next_spoiler_free(chapters, index)
    href, title = (
        (f"#{_anchor(chapters[target])}", chapters[target].sections[0].title)
        if target is not None
        else (f"#{DOWNLOADS_ID}", "Downloads")
    )
    notice = element(
        "section", class_="spoiler-notice", role="doc-notice", aria_label="Spoiler warning"
    )
    _ui(notice, publication.article.metadata.lang)
    child(notice, "a", "Skip this spoiler", href=href, class_="skip-spoiler")
    warning = child(notice, "p", id=warning_id(chapter))
    skip = f"\u201cSkip this spoiler\u201d goes to \u201c{title}\u201d."
    child(warning, "strong", "Spoiler warning.").tail = f" This chapter reveals the plot. {skip}"
    return notice


def _footer(media: PageMedia, lang: str) -> Element:
    footer = _ui(element("footer"), lang)
    section = child(footer, "section", id=DOWNLOADS_ID, aria_labelledby="downloads-title")
    child(section, "h2", "Downloads", id="downloads-title")
    items = child(section, "ul")
    for download in media.downloads:
        item = child(items, "li")
        child(item, "a", download.label, href=download.href)
        if download.note:
            child(item, "span", f" ({download.note})")
    child(footer, "p", "Made with earmark: the text, its narration and its spoiler marks.")
    return footer


def _timeline_json(media: PageMedia) -> str:
    """The exact timings for the script, from the narration (never estimated): chapters and a
    cue per spoken element. ``<`` is escaped so the text can never close the script."""
    data = {
        "duration": round(media.timeline.duration, 3),
        "chapters": [
            {
                "id": mark.id,
                "title": mark.title,
                "start": round(mark.start, 3),
                "end": round(mark.end, 3),
                "spoiler": mark.spoiler,
            }
            for mark in media.timeline.chapters
        ],
        "cues": [
            [cue.id, round(cue.start, 3), round(cue.end, 3)]
            for cue in media.timeline.cues
            if cue.in_epub
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
