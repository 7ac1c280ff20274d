"""The whole article as one MP3 (``<slug>.mp3``) and its spoiler-free cut
(``<slug>-spoiler-free.mp3``): the track MP3s joined frame by frame, not encoded again (so
the same CBR 192 kbps, 44.1 kHz, mono), with ID3v2.4 chapters (``CHAP`` + ``CTOC``) titled
like the tracks, placed where each track's frames start (``pipeline.writers.timeline``), and the
cover. Podcast feeds enclose these (Apple Podcasts takes no ``.m4b``)."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags

from pipeline.audio.mp3_join import concat_mp3
from pipeline.audio.renditions import MP3_RENDITION
from pipeline.publication import Publication
from pipeline.system.files import link_or_copy
from pipeline.writers.audiobook.mp3 import tag_track
from pipeline.writers.names import book_mp3_name
from pipeline.writers.timeline import Timeline, book_timeline, book_tracks


def write_book_mp3(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Join the tracks into the book and its spoiler-free cut (a link to the same file when
    there is nothing to cut), tag both, and write the cover beside them (feeds show it)."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    names = {}
    for spoiler_free, key in ((False, "book_mp3"), (True, "book_mp3_spoiler_free")):
        name = names[key] = book_mp3_name(publication.slug, spoiler_free)
        path = out_dir / name
        if spoiler_free and narration.spoiler_free is None:
            link_or_copy(out_dir / names["book_mp3"], path)
            continue
        concat_mp3([t.audio(MP3_RENDITION) for t in book_tracks(publication, spoiler_free)], path)
        tag_book(path, publication, book_timeline(publication, spoiler_free))
    if publication.cover is not None:
        names["cover"] = publication.cover.file_name
        (out_dir / publication.cover.file_name).write_bytes(publication.cover.data)
    return names


MAX_CTOC_ENTRIES = 255
"""An ID3v2 ``CTOC`` frame counts its entries in one byte."""


def tag_book(path: Path, publication: Publication, timeline: Timeline) -> None:
    """The tracks' tags for the whole book, plus one ``CHAP`` per chapter (milliseconds from
    the exact durations) under an ordered top-level ``CTOC``: directly, or for a book of more
    than 255 chapters through ordered child ``CTOC``s of up to 255 chapters each (the
    hierarchy ID3v2 chapters allow)."""
    title = publication.article.metadata.title
    if timeline.spoiler_free:
        title += " (spoiler-free edition)"
    tag_track(path, publication, None, title)
    tags = ID3(path)
    ids = [f"chp{index}" for index in range(len(timeline.chapters))]
    for frame in table_of_contents(ids):
        tags.add(frame)
    for element_id, mark in zip(ids, timeline.chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=round(mark.start * 1000),
                end_time=round(mark.end * 1000),
                sub_frames=[TIT2(encoding=3, text=mark.title)],
            )
        )
    tags.save(path, v2_version=4)


def table_of_contents(chapter_ids: list[str]) -> list[CTOC]:
    """The ``CTOC`` frames for ``chapter_ids`` in order: one top-level frame, with child
    frames of at most ``MAX_CTOC_ENTRIES`` chapters when there are more than that."""
    top_flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    if len(chapter_ids) <= MAX_CTOC_ENTRIES:
        return [_ctoc("toc", top_flags, chapter_ids, "Chapters")]
    children = []
    for start in range(0, len(chapter_ids), MAX_CTOC_ENTRIES):
        part = chapter_ids[start : start + MAX_CTOC_ENTRIES]
        label = f"Chapters {start + 1}-{start + len(part)}"
        children.append(_ctoc(f"toc{len(children)}", CTOCFlags.ORDERED, part, label))
    top = _ctoc("toc", top_flags, [child.element_id for child in children], "Chapters")
    return [top, *children]


def _ctoc(element_id: str, flags: int, children: list[str], title: str) -> CTOC:
    return CTOC(
        element_id=element_id,
        flags=flags,
        child_element_ids=children,
        sub_frames=[TIT2(encoding=3, text=title)],
    )
