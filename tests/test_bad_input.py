"""Bad input: a clear message naming the file (and line), exit code 2, nothing written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, listing, write

from pipeline.cli import main

BAD_SOURCES = {
    "empty": ("empty.md", b"", "the file is empty", 0),
    "blank": ("blank.txt", b"  \n\n \t\n", "the file is empty", 0),
    "binary": ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", 0),
    "latin-1": ("old.txt", "Title\n\nCaf\u00e9 society.\n".encode("latin-1"), "not UTF-8", 3),
    "unterminated-front-matter": ("a.md", b"---\ntitle: T\n\nText.\n", "never closed", 1),
    "invalid-yaml": ("a.md", b"---\ntitle: T\nlang: [en\n---\nText.\n", "not valid YAML", 3),
    "front-matter-not-mapping": ("a.md", b"---\n- a\n- b\n---\nText.\n", "key: value", 2),
    "front-matter-only": ("a.md", b"---\ntitle: Only metadata\n---\n\n", "no article text", 0),
    "headings-only": ("a.md", b"# One\n\n## Two\n", "no article text", 0),
    "yaml-colon": ("a.md", b"---\ntitle: T\ndescription: a: b\n---\nText.\n", "not valid YAML", 3),
    "bad-lang": ("a.md", b"---\ntitle: T\nlang: English please\n---\nText.\n", "language tag", 3),
    "bad-id": ("a.md", b"## Part {#1st}\n\nText.\n", "not a usable section id", 1),
    "unknown-suffix": (
        "notes.rst",
        b"Title\n=====\n\nText.\n",
        "Supported: .htm, .html, .markdown, .md, .txt",
        0,
    ),
}


@pytest.mark.parametrize("case", BAD_SOURCES.values(), ids=BAD_SOURCES.keys())
def test_bad_source_is_reported_with_file_and_line(tmp_path, case) -> None:
    name, data, expected, line = case
    source = write(tmp_path, name, data)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 2, result.output
    where = f"{source}:{line}:" if line else f"{source}:"
    assert where in result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not out.exists(), "nothing may be written for bad input"


def test_outline_reports_bad_input_the_same_way(tmp_path) -> None:
    source = write(tmp_path, "a.md", b"---\ntitle: T\n")
    result = CliRunner().invoke(main, ["outline", str(source)])
    assert result.exit_code == 2
    assert f"{source}:1: the front matter opened here is never closed." in result.output


def test_failed_rebuild_keeps_the_previous_output(tmp_path) -> None:
    source = write(tmp_path, "story.md", (FIXTURES / "no-spoilers.md").read_text())
    out = tmp_path / "out"
    assert (
        CliRunner()
        .invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
        .exit_code
        == 0
    )
    before = {p.name: p.read_bytes() for p in (out / "story").iterdir()}
    source.write_text("---\ntitle: broken\n")
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in (out / "story").iterdir()} == before
    assert listing(out) == ["story"], "no temporary folders left"


def test_one_bad_article_does_not_stop_the_batch(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "good.md", (FIXTURES / "no-spoilers.md").read_text())
    write(folder, "junk.txt", b"\x00\x01\x02binary junk")
    write(folder, "zebra.txt", (FIXTURES / "ballerina.txt").read_text())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 1, result.output
    assert f"{folder / 'junk.txt'}: looks like a binary file" in result.output
    assert (out / "good" / "good.epub").is_file()
    assert (out / "zebra" / "zebra.epub").is_file()
    assert not (out / "junk").exists()
    assert "2 built, 1 failed" in result.output


def test_two_articles_with_one_output_name_are_refused(tmp_path) -> None:
    write(tmp_path, "trip.md", "Text.\n")
    write(tmp_path, "trip.txt", "Trip\n\nText.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'trip.txt'}: would be written to {out / 'trip'}" in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "missing.md"], "missing.md: no such file or folder"),
        (["build", "{fixtures}", "--formats", "epub,pdf"], "unknown format 'pdf'"),
        (["build", "{fixtures}", "--spoilers", "hide"], "'hide' is not one of 'mark', 'omit'"),
        (["build"], "Missing argument 'PATHS...'"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args: list[str], expected: str) -> None:
    args = [arg.replace("{fixtures}", str(FIXTURES)) for arg in args]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert expected in result.output
    assert not (tmp_path / "out").exists()


def test_empty_folder_is_a_usage_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no articles in this folder" in result.output


def test_hostile_title_cannot_name_a_file_outside_the_output(tmp_path) -> None:
    source = write(
        tmp_path,
        "..%2F..%2Fetc.md",
        "---\ntitle: ../../etc/passwd\n---\n## ../../etc/passwd\n\nText.\n",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert written and all(out in p.parents for p in written)
    (book,) = out.glob("*/*.epub")
    import zipfile

    names = zipfile.ZipFile(book).namelist()
    assert all(".." not in name and not name.startswith("/") for name in names)
    assert "EPUB/etc-passwd.xhtml" in names
