"""WebVTT transcripts: ``<slug>.vtt`` for the book MP3, ``<slug>-spoiler-free.vtt`` for its cut,
and one ``.vtt`` beside each track MP3.

One cue per spoken utterance, timed by synthesis (the Media Overlays' clip times, to the
millisecond); its identifier is the utterance's id, which for every heading, warning and
sentence is the element id in the EPUB. A sentence longer than two caption lines is split into
consecutive cues ``<id>``, ``<id>/2``, ... with its time shared by length. A spoiler chapter
opens with a ``NOTE`` and its cues' identifiers start with ``spoiler:``, so a player can skip
or hide them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.durations import vtt_timestamp
from pipeline.publication import Publication
from pipeline.system.files import link_or_copy
from pipeline.writers.names import book_mp3_name, transcript_name
from pipeline.writers.timeline import Cue, Timeline, book_timeline, track_cues

LINE_CHARS = 42
"""Characters per caption line (the common broadcast limit)."""
CUE_CHARS = 2 * LINE_CHARS
"""A cue holds at most two lines."""
SPOILER_CUE_PREFIX = "spoiler:"
CLAUSE_ENDS = (".", ",", ";", ":", "!", "?", "—", ")")


def write_transcripts(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write the book's, the cut's and every track's transcript."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    title = publication.article.metadata.title
    (out_dir / "audio").mkdir(exist_ok=True)
    for narrated in narration.tracks:
        path = out_dir / transcript_name(narrated.track.file_name)
        header = f"{title}: {narrated.track.title}. Transcript of {Path(path).stem}.mp3."
        titles = {narrated.track.chapter.id: narrated.track.title}
        path.write_text(webvtt(track_cues(narrated), header, titles), encoding="utf-8")
    names = {}
    for spoiler_free, key in ((False, "transcript"), (True, "transcript_spoiler_free")):
        name = names[key] = book_mp3_name(publication.slug, spoiler_free, "vtt")
        if spoiler_free and narration.spoiler_free is None:
            link_or_copy(out_dir / names["transcript"], out_dir / name)
            continue
        timeline = book_timeline(publication, spoiler_free)
        header = f"{title}. Transcript of {Path(name).stem}.mp3{_edition(timeline)}."
        titles = {mark.id: mark.title for mark in timeline.chapters}
        (out_dir / name).write_text(webvtt(timeline.cues, header, titles), encoding="utf-8")
    return names


def _edition(timeline: Timeline) -> str:
    return ", the spoiler-free edition" if timeline.spoiler_free else ""


def webvtt(cues: Iterable[Cue], header: str, titles: Mapping[str, str]) -> str:
    """A WebVTT file of ``cues``, with a NOTE before each spoiler chapter (chapter id ->
    displayed title in ``titles``)."""
    blocks = [
        "WEBVTT",
        f"NOTE\n{_note_text(header)}\nCue identifiers are the sentence ids of the EPUB; cues "
        f"of chapters that reveal the plot start with \u201c{SPOILER_CUE_PREFIX}\u201d.",
    ]
    chapter = None
    for cue in cues:
        if cue.chapter_id != chapter:
            chapter = cue.chapter_id
            if cue.spoiler:
                title = _note_text(titles[chapter])
                blocks.append(f"NOTE\n{title}: the cues up to the next chapter reveal the plot.")
        blocks.extend(_cue_blocks(cue))
    return "\n\n".join(blocks) + "\n"


def _cue_blocks(cue: Cue) -> list[str]:
    identifier = f"{SPOILER_CUE_PREFIX}{cue.id}" if cue.spoiler else cue.id
    parts = split_caption(" ".join(cue.text.split()))
    total = sum(len(part) for part in parts)
    blocks = []
    start = cue.start
    for number, part in enumerate(parts, 1):
        end = cue.end if number == len(parts) else start + (cue.end - cue.start) * len(part) / total
        name = identifier if number == 1 else f"{identifier}/{number}"
        blocks.append(f"{name}\n{vtt_timestamp(start)} --> {vtt_timestamp(end)}\n{_lines(part)}")
        start = end
    return blocks


def split_caption(text: str) -> list[str]:
    """``text`` in pieces of at most two caption lines, of about even length, broken between
    words (after punctuation when one is near)."""
    parts = []
    while len(text) > CUE_CHARS:
        target = len(text) / -(-len(text) // CUE_CHARS)
        if " " not in text[1 : CUE_CHARS + 1]:  # one word longer than a cue
            head, text = text[:CUE_CHARS], text[CUE_CHARS:]
        else:
            head, text = _break(text, target, limit=round(target) + LINE_CHARS // 2)
        parts.append(head)
    return [*parts, text]


def _lines(text: str) -> str:
    """The cue text escaped, on two lines of about even length when it is longer than one."""
    if len(text) > LINE_CHARS and " " in text:
        text = "\n".join(_break(text, len(text) / 2, LINE_CHARS))
    return _escape(text)


def _break(text: str, target: float, limit: int = CUE_CHARS) -> tuple[str, str]:
    """``text`` split at the space nearest ``target`` characters, preferring one after
    punctuation (within a quarter of ``target``) and, when there is one, a space that leaves
    both parts at most ``limit`` long (the first part never longer than a cue)."""
    spaces = [i for i, c in enumerate(text) if c == " " and i <= CUE_CHARS]
    fitting = [i for i in spaces if i <= limit and len(text) - i - 1 <= limit] or spaces
    costs = {
        i: abs(i - target) - (target / 4 if text[i - 1] in CLAUSE_ENDS else 0) for i in fitting
    }
    cut = min(costs, key=costs.__getitem__)
    return text[:cut], text[cut + 1 :]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note_text(text: str) -> str:
    # A NOTE ends at a blank line and may not contain "-->".
    return " ".join(text.split()).replace("-->", "\u2192")
