"""Folders in parallel worker processes: a broken article fails alone, the summary says what
happened to each, progress shows on a terminal only."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import FIXTURES, build, listing, write

from pipeline.cli import main
from pipeline.cli.progress import ProgressDisplay


def test_parallel_batch_builds_the_good_and_names_the_broken(tmp_path, speech_cache) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(FIXTURES / "short.md", folder / "lantern.md")
    shutil.copy(FIXTURES / "no-spoilers.md", folder / "porto.md")
    write(folder, "broken.md", "---\ntitle: [Unclosed\n---\n\nText.\n")
    write(folder, "junk.txt", b"\x00\x01\x02\xffbinary junk")
    out = tmp_path / "out"
    result = build(folder, out, speech_cache, "-j", "2")
    assert result.exit_code == 1, result.output
    assert f"{folder / 'broken.md'}:2: front matter is not valid YAML" in result.output
    assert f"{folder / 'junk.txt'}: looks like a binary file" in result.output
    assert "Traceback" not in result.output
    for name in ("lantern", "porto"):
        wanted = {f"{name}.epub", f"{name}.m4b", f"{name}.m3u8", "audio", "manifest.json"}
        assert {p.name for p in (out / name).iterdir()} >= wanted
    # Beside the articles, the batch index of their web editions.
    assert listing(out) == ["index.html", "lantern", "porto"]
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if "  " in line}
    assert rows[str(folder / "lantern.md")][4] == "built"
    assert rows[str(folder / "junk.txt")][4] == "failed"
    assert result.output.rstrip().endswith("2 built, 2 failed")

    again = build(folder, out, speech_cache, "-j", "2")
    assert again.exit_code == 1
    assert again.output.rstrip().endswith("2 unchanged, 2 failed")


def test_jobs_must_be_a_number() -> None:
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "short.md"), "-j", "many"])
    assert result.exit_code == 2
    assert "'many' is not a valid integer" in result.output


def test_progress_line_on_a_terminal_only(capsys) -> None:
    live = ProgressDisplay(2, live=True)
    live.update("lantern", 3, 12)
    live.result("lantern", "built  lantern.md")
    live.update("porto", 6, 12)
    live.close()
    err = capsys.readouterr().err
    assert "lantern 3/12" in err and "12%" in err
    assert "built  lantern.md" not in err, "results go to stdout"
    assert "porto 6/12" in err and "75%" in err and "1/2 articles" in err
    assert err.endswith("\r\x1b[K"), "the status line is cleared at the end"

    plain = ProgressDisplay(2, live=False)
    plain.update("lantern", 3, 12)
    plain.result("lantern", "built  lantern.md")
    out, err = capsys.readouterr()
    assert out == "built  lantern.md\n" and err == ""
