"""Measurement: incremental rebuilds of a folder of four articles (the seed and its companions).

A cold build, a warm rebuild with nothing changed and a rebuild after one sentence of the seed
was edited, all into the same output and cache folders; the last two as shares of the cold
build. The CLI's result lines must say the edited article synthesized exactly one utterance
and the other three are unchanged.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from harness import BenchmarkError, Table, fresh_folders, log, run_earmark
from inputs import SEED, copy_articles, edit_seed_copy

WARM_SHARE_TARGET = 0.05
"""Warm rebuild of the folder (nothing changed) / cold build of the folder."""
EDIT_SHARE_TARGET = 0.25
"""Rebuild of the folder after a one-sentence edit / cold build of the folder."""

RESULT_LINE = re.compile(r"^(built|unchanged)\s+(\S.*?) -> ")
"""A per-article result line of ``earmark build``."""


@dataclass(frozen=True)
class FolderTimes:
    """The folder benchmark: seconds for each build and the CLI output check."""

    cold: float
    warm: float
    edited: float
    warm_check: tuple[bool, str]
    edit_check: tuple[bool, str]


def result_lines(output: str) -> dict[str, str]:
    """The CLI's per-article result lines, by the article's file name."""
    lines = {}
    for line in output.splitlines():
        if match := RESULT_LINE.match(line):
            lines[Path(match.group(2)).name] = line
    return lines


def check_unchanged(output: str, names: list[str]) -> tuple[bool, str]:
    """Whether the CLI reported every article in ``names`` as unchanged."""
    lines = result_lines(output)
    bad = [name for name in names if not lines.get(name, "").startswith("unchanged")]
    if bad:
        return False, f"not reported unchanged: {', '.join(bad)}"
    return True, f"all {len(names)} articles 'unchanged'"


def check_edit(output: str, names: list[str], edited: str, utterances: int) -> tuple[bool, str]:
    """Whether the CLI reported the edited article as built with exactly one utterance
    synthesized (of ``utterances``) and every other article as unchanged."""
    lines = result_lines(output)
    wanted = f"1 of {utterances} utterances synthesized"
    line = lines.get(edited, "")
    problems = []
    if not (line.startswith("built") and f"; {wanted}," in line):
        found = re.search(r"\d+ of \d+ utterances synthesized", line)
        problems.append(f"{edited}: {found.group(0) if found else line or 'no result line'}")
    others = [name for name in names if name != edited]
    problems += [
        f"{name}: not 'unchanged'"
        for name in others
        if not lines.get(name, "").startswith("unchanged")
    ]
    if problems:
        return False, f"expected {edited} '{wanted}', others 'unchanged'; got " + "; ".join(
            problems
        )
    return True, f"{edited} '{wanted}', {len(others)} others 'unchanged'"


def measure(scratch: Path, utterances: int) -> FolderTimes:
    """Cold build of four articles, a rebuild with nothing changed, and a rebuild after a
    one-sentence edit of the seed (``utterances`` long), all into the same folders."""
    articles = scratch / "folder" / "articles"
    names = copy_articles(articles)
    if len(names) != 4:
        raise BenchmarkError(f"expected four articles, found {names}")
    out, cache = fresh_folders(scratch / "folder", "build")
    build = ("build", articles, "-o", out, "--cache-dir", cache)
    log("folder of four articles, cold")
    cold, _ = run_earmark(*build)
    log("folder of four articles, warm rebuild with nothing changed")
    warm, warm_output = run_earmark(*build)
    edited = articles / SEED.name
    edit_seed_copy(edited)
    log("folder of four articles, rebuild after a one-sentence edit")
    edit_seconds, edit_output = run_earmark(*build)
    shutil.rmtree(scratch / "folder")
    return FolderTimes(
        cold,
        warm,
        edit_seconds,
        check_unchanged(warm_output, names),
        check_edit(edit_output, names, edited.name, utterances),
    )


def rows(table: Table, folder: FolderTimes) -> None:
    """The folder benchmark's lines of the table."""
    table.row("folder of four articles, cold", f"{folder.cold:.2f}")
    table.judged(
        "  warm rebuild, nothing changed",
        f"{folder.warm:.2f}",
        folder.warm / folder.cold,
        WARM_SHARE_TARGET,
        True,
    )
    table.judged(
        "  one sentence edited",
        f"{folder.edited:.2f}",
        folder.edited / folder.cold,
        EDIT_SHARE_TARGET,
        True,
    )
    table.check("  warm check", folder.warm_check)
    table.check("  edit check", folder.edit_check)
