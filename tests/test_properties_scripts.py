"""Properties over generated input for books of any shape: any number of chapters reaches
the book MP3's table of contents, and text in any mix of scripts, in every field, never
reaches the voice letter by letter or beyond the spoken bound."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import BuildConfig
from pipeline.edition import Edition
from pipeline.model import Article, Metadata, Paragraph, Section, Text
from pipeline.narration.chunks import MAX_SPOKEN_CHARS, spoken_pieces
from pipeline.narration.script import build_script
from pipeline.speech.scripts import LANGUAGE_SCRIPTS, script_of
from pipeline.spoilers import mark_spoilers
from pipeline.writers.audiobook.book_mp3 import MAX_CTOC_ENTRIES, table_of_contents

FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
SAMPLES = [
    "Tokyo 東京タワー", "서울역", "Москва", "Αθήνα", "שלום", "مرحبا", "नमस्ते", "สวัสดี",
    "ひらがな", "カタカナ", "漢字", "naïve café", "Dr. Smith", "1,000th", "🙂", "e\u0301",
]  # fmt: skip
mixed = st.lists(
    st.one_of(st.sampled_from(SAMPLES), st.text(max_size=12)), min_size=1, max_size=12
).map(" ".join)


@FAST
@given(count=st.integers(min_value=1, max_value=3000))
def test_any_number_of_chapters_reaches_the_table_of_contents(count: int) -> None:
    ids = [f"chp{n}" for n in range(count)]
    frames = {frame.element_id: frame for frame in table_of_contents(ids)}
    assert all(len(f.child_element_ids) <= MAX_CTOC_ENTRIES for f in frames.values())

    def leaves(element_id: str) -> list[str]:
        if element_id not in frames:
            return [element_id]
        return [leaf for c in frames[element_id].child_element_ids for leaf in leaves(c)]

    assert leaves("toc") == ids


@FAST
@given(
    title=mixed,
    author=mixed,
    headings=st.lists(mixed, min_size=1, max_size=4),
    body=mixed,
    lang=st.sampled_from(["en", "en-GB", "ru", "ja", "de"]),
)
def test_mixed_scripts_in_every_field_stay_within_the_voice(
    title: str, author: str, headings: list[str], body: str, lang: str
) -> None:
    sections = tuple(
        Section(f"s{n}", heading.strip() or "Part", 1, (Paragraph((Text(body),)),))
        for n, heading in enumerate(headings)
    )
    article = Article(
        source=Path("mixed.md"),
        metadata=Metadata(title=title.strip() or "Mixed", lang=lang, author=author.strip() or None),
        sections=sections,
    )
    tracks = build_script(Edition("mixed", mark_spoilers(article), BuildConfig()), "Joe")
    own = {"Latin", *LANGUAGE_SCRIPTS.get(lang.split("-")[0], ())}
    for track in tracks:
        for utterance in track.utterances:
            scripts = {script_of(c) for c in utterance.spoken} - {None}
            assert scripts <= own, (utterance.spoken, scripts)
            assert all(len(p) <= MAX_SPOKEN_CHARS for p in spoken_pieces(utterance.spoken))
