"""Speech normalization and the house lexicon: what the engine is given, never the EPUB text.

The written -> spoken pairs are data (``tests/fixtures/speech/<lang>.tsv``), one table per
region, so a new case is one line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, write

from pipeline.audio.cache import cache_key
from pipeline.cli import main
from pipeline.config import BuildConfig, SpoilerMode
from pipeline.errors import SourceError
from pipeline.model import block_texts
from pipeline.narration.script import Kind, build_script
from pipeline.publishing.build import prepare
from pipeline.speech import Lexicon, spoken_form
from pipeline.speech.lexicon import read_house_lexicon
from pipeline.spoilers import is_spoiler_warning

TABLES = sorted((FIXTURES / "speech").glob("*.tsv"))
CATEGORIES = {
    "number", "ordinal", "fraction", "range", "score", "percent", "phone", "year", "decade",
    "money", "date", "time", "unit", "abbreviation", "roman", "initialism", "symbol", "url",
    "email", "emoji",
}  # fmt: skip


def pairs(table: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            category, written, spoken = line.split("\t")
            rows.append((category, written, spoken))
    return rows


CASES = [
    pytest.param(table.stem, written, spoken, id=f"{table.stem}-{category}-{number}")
    for table in TABLES
    for number, (category, written, spoken) in enumerate(pairs(table), 1)
]


@pytest.mark.parametrize(("lang", "written", "spoken"), CASES)
def test_written_is_spoken_as_a_narrator_would(lang: str, written: str, spoken: str) -> None:
    assert spoken_form(written, lang, Lexicon()).text == spoken


def test_tables_cover_every_category_in_both_regions() -> None:
    assert [t.stem for t in TABLES] == ["en-GB", "en-US"]
    assert len(CASES) >= 200
    for table in TABLES:
        assert {category for category, _, _ in pairs(table)} >= CATEGORIES, table.name


def test_the_region_decides_ambiguous_dates_and_number_style() -> None:
    assert spoken_form("On 03/07/2025.", "en-GB", Lexicon()).text == (
        "On the third of July twenty twenty-five."
    )
    assert spoken_form("On 03/07/2025.", "en-US", Lexicon()).text == (
        "On March seventh, twenty twenty-five."
    )
    assert spoken_form("On 03/07/2025.", "en", Lexicon()).text.startswith("On March")


def test_every_change_names_its_written_span() -> None:
    text = "Dr. Khan paid £5 on Harbour St. 🎬"
    spoken = spoken_form(text, "en-GB", Lexicon())
    assert [(c.written, c.spoken) for c in spoken.changes] == [
        ("Dr.", "Doctor"), ("£5", "five pounds"), ("St.", "Street"), ("🎬", ""),
    ]  # fmt: skip
    assert all(text[c.start : c.end] == c.written for c in spoken.changes)


def test_other_languages_get_the_lexicon_only() -> None:
    lexicon = Lexicon((("Dr.", "Doktor"),))
    assert spoken_form("Dr. Weber kam 1987.", "de", lexicon).text == "Doktor Weber kam 1987."


def test_an_engine_that_normalizes_itself_gets_the_written_text() -> None:
    assert spoken_form("Dr. Khan, 1987.", "en-US", Lexicon(), normalize=False).text == (
        "Dr. Khan, 1987."
    )


# --- the lexicon ---------------------------------------------------------------------------


def test_lexicon_wins_over_the_rules_and_is_whole_word_and_case_aware() -> None:
    lexicon = Lexicon((("NHS", "national health service"), ("gif", "jif")))
    text = "The NHS uses gif files. Gif is fine, BBC too, but not gifted or nhs."
    assert spoken_form(text, "en-GB", lexicon).text == (
        "The national health service uses jif files. Jif is fine, B B C too, but not gifted or nhs."
    )


def test_phoneme_entries_reach_piper_and_not_engines_without_phonemes() -> None:
    entries = (("Nguyen", "[[ŋwˈɪən]]"),)
    assert spoken_form("Nguyen won.", "en", Lexicon(entries)).text == "[[ŋwˈɪən]] won."
    assert spoken_form("Nguyen won.", "en", Lexicon(entries, phonemes=False)).text == (
        "Nguyen won."
    )


def test_house_lexicon_applies_and_front_matter_wins(tmp_path) -> None:
    write(tmp_path, "pronunciations.yaml", "Ok-Ju: Oak Joo\nYeon: Yon\nNguyen: '[[ŋwˈɪən]]'\n")
    source = write(
        tmp_path,
        "a.md",
        "---\npronunciations:\n  Yeon: Yawn\n---\nOk-Ju and Yeon met Nguyen in 1987.\n",
    )
    tracks = build_script(prepare(source, BuildConfig()), "Joe")
    (sentence,) = [u for u in tracks[0].utterances if u.kind is Kind.PARAGRAPH_END]
    assert sentence.text == "Ok-Ju and Yeon met Nguyen in 1987."
    assert sentence.spoken == "Oak Joo and Yawn met [[ŋwˈɪən]] in nineteen eighty-seven."
    assert {c.rule for c in sentence.changes} == {"lexicon", "year"}


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("Ok-Ju: Oak Joo\nYeon: [Yawn\n", 2, "not valid YAML"),
        ("- a list\n- of words\n", 1, "must map written words"),
        ("Ok-Ju: Oak Joo\nYeon:\n", 2, "needs a spoken form"),
        ("Ok-Ju: Oak Joo\nYeon: Yawn\nYeon: Yon\n", 3, "listed twice"),
        ("a: b\nNguyen: '[[ŋwˈɪən'\n", 2, "phonemes"),
        ("a: b\nc: {d: e}\n", 2, "needs a spoken form"),
    ],
)
def test_bad_house_lexicon_names_file_and_line(tmp_path, content, line, message) -> None:
    path = write(tmp_path, "pronunciations.yaml", content)
    with pytest.raises(SourceError) as raised:
        read_house_lexicon(tmp_path)
    assert raised.value.path == path and raised.value.line == line
    assert message in str(raised.value)
    source = write(tmp_path, "a.md", "# A\n\nText.\n")
    for command in (["script", str(source)], ["build", str(source), "-o", str(tmp_path / "o")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert f"{path}:{line}:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o" / "a").exists()


# --- earmark script ------------------------------------------------------------------------


def test_script_shows_each_change_beside_its_written_form(tmp_path) -> None:
    source = write(tmp_path, "a.md", "---\nlang: en-GB\n---\n# A\n\nDr. Khan paid £5 in 1987.\n")
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 0, result.output
    assert "[Doctor <- Dr.] Khan paid [five pounds <- £5] in [nineteen eighty-seven <- 1987]." in (
        result.output
    )
    assert "says  Doctor Khan paid five pounds in nineteen eighty-seven." in result.output
    data = json.loads(CliRunner().invoke(main, ["script", str(source), "--json"]).output)
    (sentence,) = [u for u in data["tracks"][0]["utterances"] if u["kind"] == "paragraph-end"]
    assert sentence["changes"][0] == {
        "start": 0, "end": 3, "written": "Dr.", "spoken": "Doctor", "rule": "title",
    }  # fmt: skip
    gtts = CliRunner().invoke(main, ["script", str(source), "--engine", "gtts"])
    assert "Dr. Khan paid £5 in 1987." in gtts.output and "<-" not in gtts.output


# --- the spoiler-free edition --------------------------------------------------------------


def test_spoiler_free_edition_drops_the_warning_paragraph() -> None:
    source = FIXTURES / "warning-mid-section.txt"
    marked = prepare(source, BuildConfig())
    omitted = prepare(source, BuildConfig(spoilers=SpoilerMode.OMIT))
    spoken = [u.text for t in build_script(omitted, "Joe") for u in t.utterances]
    kept = [u.text for t in build_script(marked, "Joe") for u in t.utterances]
    warnings = [text for text in kept if "spoiler" in text.lower() and text not in spoken]
    assert warnings, "the marked edition carries a warning paragraph"
    assert not any("spoiler" in text.lower() for text in spoken)


def test_spoiler_free_text_has_no_warning_paragraph_either() -> None:
    omitted = prepare(FIXTURES / "warning-mid-section.txt", BuildConfig(spoilers=SpoilerMode.OMIT))
    texts = [text for s in omitted.article.sections for text in block_texts(s.blocks)]
    assert texts and not any(is_spoiler_warning(text) for text in texts)


def test_a_changed_rule_changes_only_the_keys_of_sentences_it_touches(tmp_path) -> None:
    """Speech is cached by spoken text: a changed rule (here, a lexicon entry standing in for
    one) re-synthesizes only the sentences whose spoken text it changes."""
    source = write(tmp_path, "a.md", "# A\n\nDr. Khan came. She left in 1987. It rained.\n")
    publication = prepare(source, BuildConfig())

    def keys(lexicon: tuple[tuple[str, str], ...]) -> list[str]:
        meta = replace(publication.article.metadata, pronunciations=lexicon)
        changed = replace(publication, article=replace(publication.article, metadata=meta))
        track = build_script(changed, "Joe")[0]
        return [cache_key("piper", "joe", {}, u.spoken) for u in track.utterances]

    before, after = keys(()), keys((("1987", "nineteen eighty seven"),))
    assert [a == b for a, b in zip(before, after, strict=True)].count(False) == 1


def test_editing_the_house_lexicon_makes_the_output_stale(tmp_path) -> None:
    source = write(tmp_path, "a.md", "# A\n\nOk-Ju came.\n")
    out = tmp_path / "out"
    runs = []
    for lexicon in (None, "Ok-Ju: Oak Joo\n", "Ok-Ju: Oak Joo\n", "Ok-Ju: Ock Ju\n"):
        if lexicon is not None:
            write(tmp_path, "pronunciations.yaml", lexicon)
        result = CliRunner().invoke(
            main, ["build", str(source), "-o", str(out), "--formats", "epub"]
        )
        assert result.exit_code == 0, result.output
        runs.append(result.output.split()[0])
    assert runs == ["built", "built", "unchanged", "built"]
