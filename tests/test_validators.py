"""The validation harness itself: it passes a clean EPUB and is able to fail a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ebooklib import epub
from epub_validation import Finding, ValidationReport, ValidatorError, run_ace
from validator_fixtures import Validator

A11Y_METADATA = [
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary", "A short text-only test book."),
]


class _LangWriter(epub.EpubWriter):
    """EpubWriter that sets xml:lang on <package>, which Ace requires and ebooklib omits."""

    def _write_opf_file(self, root):  # type: ignore[no-untyped-def]
        root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        super()._write_opf_file(root)


def build_epub(path: Path, body: str) -> Path:
    """Write a one-chapter EPUB 3 with accessibility metadata and body as the chapter's content."""
    book = epub.EpubBook()
    book.set_identifier(f"urn:earmark:test:{path.stem}")
    book.set_title(f"Harness test {path.stem}")
    book.set_language("en")
    book.add_author("Earmark Tests")
    for prop, value in A11Y_METADATA:
        book.add_metadata(None, "meta", value, {"property": prop})
    chapter = epub.EpubHtml(title="Chapter 1", file_name="ch1.xhtml", lang="en")
    chapter.content = f"<h1>Chapter 1</h1>{body}"
    book.add_item(chapter)
    book.toc = [chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", chapter]
    writer = _LangWriter(str(path), book, {})
    writer.process()
    writer.write()
    return path


@pytest.fixture(scope="module")
def clean_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny EPUB that both validators accept."""
    return build_epub(tmp_path_factory.mktemp("epub") / "clean.epub", "<p>Hello, reader.</p>")


@pytest.fixture(scope="module")
def broken_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An EPUB whose chapter shows a missing image that has no alt text."""
    body = '<p>Look: <img src="missing.png"/></p>'
    return build_epub(tmp_path_factory.mktemp("epub") / "broken.epub", body)


def test_epubcheck_accepts_clean_epub(epubcheck: Validator, clean_epub: Path) -> None:
    report = epubcheck(clean_epub)
    assert report.tool.startswith("EPUBCheck 5.")
    assert not report.problems(), report.describe()
    assert report.summary.endswith(": 0 errors, 0 warnings")


def test_epubcheck_flags_missing_resource(epubcheck: Validator, broken_epub: Path) -> None:
    report = epubcheck(broken_epub)
    codes = {f.code for f in report.problems()}
    assert "RSC-007" in codes, report.describe()
    finding = next(f for f in report.problems() if f.code == "RSC-007")
    assert finding.severity == "ERROR"
    assert "missing.png" in finding.message
    assert finding.location.startswith("EPUB/ch1.xhtml:")


def test_ace_accepts_clean_epub(ace: Validator, clean_epub: Path) -> None:
    report = ace(clean_epub)
    assert report.tool == "Ace 1.4.6"
    assert not report.problems(), report.describe()
    assert report.summary == "Ace 1.4.6: 0 violations"


def test_ace_flags_image_without_alt(ace: Validator, broken_epub: Path) -> None:
    report = ace(broken_epub)
    violation = next((f for f in report.problems() if f.code == "image-alt"), None)
    assert violation is not None, report.describe()
    assert violation.severity == "critical"
    assert violation.location.startswith("ch1.xhtml img")


def test_report_counts_only_errors_and_warnings_as_epubcheck_problems() -> None:
    findings = tuple(
        Finding(severity, f"X-{n}", "text", "f.xhtml:1:1")
        for n, severity in enumerate(["FATAL", "ERROR", "WARNING", "USAGE", "INFO"])
    )
    report = ValidationReport("EPUBCheck 5.3.0", findings)
    assert [f.severity for f in report.problems()] == ["FATAL", "ERROR", "WARNING"]
    assert report.summary == "EPUBCheck 5.3.0: 2 errors, 1 warnings"
    assert "ERROR X-1 at f.xhtml:1:1: text" in report.describe()
    assert ValidationReport("Ace 1.4.6", findings[3:]).summary == "Ace 1.4.6: 2 violations"


def _fake_ace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    if shutil.which("node") is None:
        pytest.skip("node missing: run_ace checks for it before launching Ace")
    fake = tmp_path / "fake-ace"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setenv("EARMARK_ACE", str(fake))
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", "/bin/sh")
    (tmp_path / "x.epub").write_bytes(b"not used")
    return tmp_path / "x.epub"


def test_ace_crash_reports_exit_code_and_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _fake_ace(tmp_path, monkeypatch, "echo 'browser exploded' >&2; exit 3")
    with pytest.raises(ValidatorError, match=r"(?s)exit 3.*browser exploded"):
        run_ace(book)


def test_ace_timeout_is_enforced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _fake_ace(tmp_path, monkeypatch, "sleep 60")
    with pytest.raises(ValidatorError, match="timed out after 1 s"):
        run_ace(book, timeout=1)
