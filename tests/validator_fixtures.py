"""Pytest plugin: `epubcheck` and `ace` fixtures; a missing tool skips locally, fails under CI."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from epub_validation import ValidationReport, run_ace, run_epubcheck, validator_missing_reason

Validator = Callable[[Path], ValidationReport]


def _require(tool: str) -> None:
    """Skip (or, with CI=true, fail) the requesting test when tool cannot run here."""
    reason = validator_missing_reason()[tool]
    if reason is None:
        return
    message = f"{tool} missing: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: validators are required)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def epubcheck() -> Validator:
    """Return run_epubcheck, after checking that java and the epubcheck jar are available."""
    _require("epubcheck")
    return run_epubcheck


@pytest.fixture(scope="session")
def ace() -> Validator:
    """Return run_ace, after checking that node, tools/ace and Chromium are available."""
    _require("ace")
    return run_ace
