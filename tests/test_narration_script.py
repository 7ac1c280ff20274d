"""The narration script: what each track says, in which order, and what is never spoken."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import FIXTURES, REPO, write

from pipeline.config import BuildConfig
from pipeline.narration.script import Kind, build_script, spoken_warning
from pipeline.narration.sentences import is_speakable, sentence_spans
from pipeline.publishing.build import prepare

NARRATOR = "Joe, a Piper neural voice"


def script(path: Path):
    return build_script(prepare(path, BuildConfig()), NARRATOR)


def test_seed_tracks_follow_chapters() -> None:
    tracks = script(REPO / "source" / "ballerina.md")
    assert [t.title for t in tracks] == [
        "Introduction",
        "Spoiler: Plot summary",
        "Spoiler: How does Min-Hee die?",
        "Spoiler: Does Pro Choi die?",
        "Spoiler: Is Ok-Ju alive?",
    ]
    assert [t.file_name for t in tracks][:3] == [
        "audio/01 - Introduction.mp3",
        "audio/02 - Spoiler - Plot summary.mp3",
        "audio/03 - Spoiler - How does Min-Hee die.mp3",
    ]


def test_first_track_opens_with_credits_and_last_ends_the_book() -> None:
    tracks = script(FIXTURES / "short.md")
    first, last = tracks[0].utterances, tracks[-1].utterances
    assert first[0].kind is Kind.CREDITS
    assert first[0].text == "The Lantern. By Kim Ode. Narrated by Joe, a Piper neural voice."
    assert first[1].kind is Kind.HEADING and first[1].text == "Introduction"
    assert last[-1].kind is Kind.ENDING and last[-1].text == "The end."
    assert sum(u.kind is Kind.CREDITS for t in tracks for u in t.utterances) == 1
    assert sum(u.kind is Kind.ENDING for t in tracks for u in t.utterances) == 1


def test_spoiler_track_starts_with_a_warning_that_says_how_to_skip() -> None:
    spoiler = script(FIXTURES / "short.md")[1]
    warning, heading = spoiler.utterances[:2]
    assert warning.kind is Kind.WARNING
    assert warning.text == (
        "Spoiler warning. This track reveals the plot. To avoid it, skip to the next track."
    )
    assert heading.text == "What happens"


def test_warning_names_the_track_to_skip_to_or_says_to_stop() -> None:
    chapters = prepare(FIXTURES / "spoiler-headings.md", BuildConfig()).chapters
    assert spoken_warning(chapters, 1).endswith(
        "skip ahead to track 4, A spoiler-free note on Night Train."
    )
    seed = prepare(REPO / "source" / "ballerina.md", BuildConfig()).chapters
    assert spoken_warning(seed, 1).endswith(
        "Every track after it reveals the plot too. To avoid them, stop here."
    )
    assert spoken_warning(seed, 4).endswith("To avoid it, stop here.")


def test_group_heading_is_spoken_before_its_first_child() -> None:
    track = script(REPO / "source" / "ballerina.md")[2]
    headings = [u.text for u in track.utterances if u.kind is Kind.HEADING]
    assert headings == ["Ballerina ending explained in detail", "How does Min-Hee die?"]


def test_pronunciations_change_speech_only() -> None:
    tracks = script(FIXTURES / "short.md")
    credits = tracks[0].utterances[0]
    assert credits.spoken == "The Lantern. By Kim Oh-deh. Narrated by Joe, a Piper neural voice."
    sentence = next(u for u in tracks[0].utterances if u.text == "Yeon keeps it lit.")
    assert sentence.spoken == "Yawn keeps it lit."
    assert sentence.text == "Yeon keeps it lit."


def test_pronunciations_replace_whole_words_only(tmp_path) -> None:
    source = write(
        tmp_path, "a.md", "---\npronunciations: {Ode: Oh-deh}\n---\nOde went to Odessa.\n"
    )
    (sentence,) = [u for u in script(source)[0].utterances if u.kind is Kind.PARAGRAPH_END]
    assert sentence.spoken == "Oh-deh went to Odessa."


def test_sentences_paragraph_ends_and_unspeakable_text() -> None:
    spoiler = script(FIXTURES / "short.md")[1]
    texts = [(u.kind, u.text) for u in spoiler.utterances]
    assert texts[2:] == [
        (Kind.SENTENCE, "The lantern was under the well all along."),
        (Kind.PARAGRAPH_END, "Yeon found it."),
    ], "punctuation-only and emoji-only paragraphs are not sent to the engine"
    assert not is_speakable("…!? 🎬")
    assert is_speakable("3")


def test_utterance_ids_are_unique_across_the_book() -> None:
    for source in (REPO / "source" / "ballerina.md", FIXTURES / "explicit-marks.md"):
        ids = [u.id for t in script(source) for u in t.utterances]
        assert len(ids) == len(set(ids))


def test_pause_lengths_are_the_same_everywhere() -> None:
    tracks = script(REPO / "source" / "ballerina.md")
    pauses = {(u.kind, u.pause_after) for t in tracks for u in t.utterances}
    assert len({kind for kind, _ in pauses}) == len(pauses)


def test_sentence_splitting_is_safe_in_parallel_writer_threads() -> None:
    # pysbd keeps the text being split on its Segmenter; writers (EPUB, web page) split at
    # once in threads. Unguarded, about 1 split in 30 lost or misplaced sentences here.
    text = (REPO / "source" / "ballerina.md").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 80]
    expected = [sentence_spans(p, "en") for p in paragraphs]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(20):
            assert list(pool.map(lambda p: sentence_spans(p, "en"), paragraphs)) == expected
