"""Text the voice cannot speak: runs of another script are named, not spelled letter by
letter, and no utterance asks the voice for more than about 30 s of speech."""

from __future__ import annotations

import pytest
from conftest import build, write

from pipeline.config import BuildConfig
from pipeline.narration.chunks import MAX_SPOKEN_CHARS, spoken_pieces
from pipeline.narration.script import build_script
from pipeline.publishing.build import prepare
from pipeline.speech import Lexicon, spoken_form

CJK_HEADING = "東京の夜景と人々の暮らしについて" * 8  # 120 characters, no spaces


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He said 你好世界 and left.", "He said a phrase in Chinese and left."),
        ("We ate at 東京タワー.", "We ate at a phrase in Japanese."),
        ("The sign read 서울역.", "The sign read a phrase in Korean."),
        ("She wrote «Москва — столица» twice.", "She wrote «a phrase in Cyrillic script» twice."),
        ("It says مرحبا بالعالم here.", "It says a phrase in Arabic here."),
        ("The ratio π is constant.", "The ratio π is constant."),  # a lone letter is a symbol
        ("Café au lait, naïve façade.", "Café au lait, naïve façade."),  # Latin script
    ],
)
def test_runs_in_another_script_are_named_once(written: str, spoken: str) -> None:
    assert spoken_form(written, "en-US", Lexicon(())).text == spoken


def test_an_article_in_that_script_is_left_to_its_voice() -> None:
    assert spoken_form("Москва — столица.", "ru", Lexicon(())).text == "Москва — столица."


def test_the_lexicon_still_wins_over_the_script_rule() -> None:
    lexicon = Lexicon((("東京", "Tokyo"),))
    assert spoken_form("東京 at night.", "en", lexicon).text == "Tokyo at night."


def test_a_long_cjk_heading_is_named_not_spelled(tmp_path) -> None:
    source = write(tmp_path, "tokyo.md", f"# Notes\n\n## {CJK_HEADING}\n\nWe walked.\n")
    tracks = build_script(prepare(source, BuildConfig()), "Joe")
    headings = [u for t in tracks for u in t.utterances if u.kind == "heading"]
    # 128 characters: two bounded chunks (the first H1 is the title), each named once
    assert [u.spoken for u in headings] == ["a phrase in Japanese"] * 2
    assert "".join(u.text for u in headings) == CJK_HEADING  # the EPUB keeps the text


@pytest.mark.parametrize(
    "spoken",
    [
        "one two three " * 200,
        "nine hundred ninety-nine trillion, " * 40,
        "x" * 2000,
    ],
)
def test_spoken_text_is_cut_into_bounded_pieces(spoken: str) -> None:
    pieces = spoken_pieces(spoken)
    assert all(len(piece) <= MAX_SPOKEN_CHARS for piece in pieces)
    assert "".join(pieces).replace(" ", "") == spoken.replace(" ", "")


def test_a_narrated_cjk_heading_takes_seconds_not_minutes(tmp_path, speech_cache) -> None:
    """Before: the English voice said "Chinese letter" per character, 111 s for a heading."""
    from mutagen.mp3 import MP3

    source = write(
        tmp_path, "tokyo.md", f"---\ntitle: Tokyo\n---\n\n## {CJK_HEADING}\n\nWe walked.\n"
    )
    result = build(source, tmp_path / "out", speech_cache, "--formats", "mp3")
    assert result.exit_code == 0, result.output
    (track,) = sorted((tmp_path / "out" / "tokyo" / "audio").glob("*.mp3"))
    assert MP3(track).info.length < 25  # credits, two named chunks, a sentence, room tone
