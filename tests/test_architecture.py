"""The shape of the house (the import layering itself is checked by ``lint-imports`` in
``make test``, from the contracts in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 450
MAX_TOP_LEVEL_MODULES = 12


@pytest.mark.parametrize("folder", ["pipeline", "benchmarks"])
def test_no_module_is_over_450_lines(folder: str) -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_top_of_the_package_holds_a_handful_of_modules() -> None:
    modules = sorted(p.name for p in (ROOT / "pipeline").glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_every_package_folder_is_a_package() -> None:
    missing = [
        str(folder.relative_to(ROOT))
        for folder in (ROOT / "pipeline").rglob("*")
        if folder.is_dir() and any(folder.glob("*.py")) and not (folder / "__init__.py").is_file()
    ]
    assert missing == []
