"""The article's text as nested ``<section>``s, the same in the EPUB and the web edition, and
the few phrases both say about it."""

from __future__ import annotations

from pipeline.edition.chapters import chapter_href
from pipeline.model import Chapter, Section, Text
from pipeline.narration.sentences import heading_chunks, unit_sentences
from pipeline.publication import Publication
from pipeline.writers.blocks import BlockRenderer, note_id
from pipeline.writers.xhtml import Element, child, element


def warning_id(chapter: Chapter) -> str:
    """Id of the spoiler notice's paragraph, which the spoken warning highlights."""
    return f"{chapter.id}__warning"


def section_tree(
    publication: Publication, chapter: Chapter, heading_shift: int = 0, epub_type: bool = True
) -> Element:
    """The chapter's sections nested as ``<section>``s with their headings (``heading_shift``
    levels lower) and the main section's text; in a narrated book every spoken sentence and
    heading chunk is a ``<span id>``. The EPUB and the web page both use it."""
    outer: Element | None = None
    parent: Element | None = None
    for section in chapter.sections:
        semantics = _section_semantics(publication, section)
        if not epub_type:
            del semantics["epub_type"]
        node = element(
            "section", id=f"section-{section.id}", aria_labelledby=section.id, **semantics
        )
        heading = child(node, f"h{min(section.level + heading_shift, 6)}", id=section.id)
        _heading_text(heading, section, narrated=publication.narration is not None)
        if parent is None:
            outer = node
        else:
            parent.append(node)
        parent = node
    sentences = None
    if publication.narration is not None:
        lang = publication.article.metadata.lang
        sentences = iter(unit_sentences(chapter.main, lang, publication.config.content))
    hrefs = _note_hrefs(publication, epub_type)
    renderer = BlockRenderer(sentences, publication.images, hrefs, epub=epub_type)
    renderer.blocks(parent, chapter.main.blocks)
    renderer.notes(parent, chapter.main.notes)
    assert outer is not None
    return outer


def _note_hrefs(publication: Publication, epub: bool):
    """Where a reference to a note points: the note's chapter document in the EPUB (a note
    sits in the chapter that first refers to it), the same page on the web."""
    if not epub:
        return lambda number: f"#{note_id(number)}"
    owners = {
        note.number: chapter_href(chapter)
        for chapter in publication.chapters
        for note in chapter.main.notes
    }
    return lambda number: f"{owners[number]}#{note_id(number)}" if number in owners else None


def _heading_text(heading: Element, section: Section, narrated: bool) -> None:
    """The title; in a read-aloud book, a title long enough to be spoken in chunks gets one
    ``<span id>`` per chunk, the targets of its overlay ``<par>``s."""
    chunks = heading_chunks(section)
    if not narrated or len(chunks) == 1:
        heading.text = section.title
        return
    BlockRenderer(None, (), lambda _: None).sentence_spans(heading, (Text(section.title),), chunks)


def _section_semantics(publication: Publication, section: Section) -> dict[str, str]:
    if section.line == 0 and section is publication.article.sections[0]:
        return {"epub_type": "introduction", "role": "doc-introduction"}
    return {"epub_type": "chapter", "role": "doc-chapter"}


def count(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is 1: "1 chapter", "3 chapters"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
