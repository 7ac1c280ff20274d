"""The script of the spoiler-free cut of a narrated book (narrated by
``pipeline.audio.spoiler_free``): the spoiler tracks (and so their spoken warnings)
left out, and so the article's own spoiler-warning paragraph too (no spoiler follows it), and
a line after the opening credits saying which edition this is. That line is the only new
speech, and it is the same in every article, so only a batch's first cut speaks it; every
other track comes whole from the track cache, and the first kept track is assembled again from
cached sentences."""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Chapter, Paragraph, Section, Text
from pipeline.narration.script import Kind, Track, Utterance
from pipeline.narration.sentences import iter_paragraphs, paragraph_sentences
from pipeline.spoilers import ALL_SPOILER_ID, ALL_SPOILER_NOTE, ALL_SPOILER_TITLE, is_notice

EDITION_NOTE = "This is the spoiler-free edition: the parts that reveal the plot are left out."
"""Said after the opening credits of the spoiler-free cut."""
EDITION_NOTE_ID = "book__edition"
ALL_SPOILER_NOTE_ID = "book__all-spoiler"


def spoiler_free_script(tracks: tuple[Track, ...], lang: str = "en") -> tuple[Track, ...]:
    """The cut's tracks, renumbered, without the article's spoiler warnings and end markers;
    empty when there is nothing to cut (no spoiler track). When every track is a spoiler, the
    cut is one track: the credits and a sentence saying why nothing else is there."""
    kept = [track for track in tracks if not track.chapter.spoiler]
    if len(kept) == len(tracks):
        return ()
    credits = next((u for u in tracks[0].utterances if u.kind is Kind.CREDITS), None)
    ending = next((u for u in tracks[-1].utterances if u.kind is Kind.ENDING), None)
    if not kept:
        return (_all_spoiler_track(credits, ending),)
    cut = []
    for number, track in enumerate(kept, 1):
        left_out = warning_sentence_ids(track, lang)
        utterances = [
            u
            for u in track.utterances
            if u.kind not in (Kind.CREDITS, Kind.ENDING) and u.id not in left_out
        ]
        if number == 1 and credits is not None:
            # Its own utterance, the same in every article: spoken once, then always cached.
            note = Utterance(EDITION_NOTE_ID, Kind.CREDITS, EDITION_NOTE, EDITION_NOTE)
            utterances[0:0] = [credits, note]
        if number == len(kept) and ending is not None:
            utterances.append(ending)
        cut.append(replace(track, number=number, total=len(kept), utterances=tuple(utterances)))
    return tuple(cut)


def warning_sentence_ids(track: Track, lang: str) -> set[str]:
    """The ids of the sentences of the track's spoiler-warning and end-marker paragraphs."""
    main = track.chapter.main
    paragraphs = zip(iter_paragraphs(main.blocks), paragraph_sentences(main, lang), strict=True)
    return {s.id for block, sentences in paragraphs if is_notice(block) for s in sentences}


def _all_spoiler_track(credits: Utterance | None, ending: Utterance | None) -> Track:
    """The only track of the cut of an article that is all spoiler."""
    note = Paragraph((Text(ALL_SPOILER_NOTE),))
    chapter = Chapter((Section(ALL_SPOILER_ID, ALL_SPOILER_TITLE, 1, (note,)),))
    said = Utterance(ALL_SPOILER_NOTE_ID, Kind.CREDITS, ALL_SPOILER_NOTE, ALL_SPOILER_NOTE)
    utterances = tuple(u for u in (credits, said, ending) if u is not None)
    return Track(1, 1, chapter, utterances)
