"""The output folder's batch files (the two feeds and the batch index) for a big batch:
written in time linear in the number of articles.

One short article is built and narrated once; its folder is then repeated (hard links) as
200 and as 2,000 article folders, and ``write_batch_files`` (what every ``earmark build`` runs
at its end, over every manifest in the folder) is timed on each: the milliseconds per article
at 2,000 as a ratio to 200. Target: at most 1.3x.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from harness import Table, fresh_folders, run_earmark

COUNTS = (200, 2000)
LINEAR_TARGET = 1.3
BASE_URL = "https://example.org/audio/"


@dataclass(frozen=True)
class BatchFileTimes:
    """Milliseconds per article to write the batch files, by number of articles."""

    per_article_ms: dict[int, float]


def measure(scratch: Path) -> BatchFileTimes:
    """Build one article, repeat its folder, time the batch files at each count."""
    from pipeline.publishing.catalog import write_batch_files
    from pipeline.publishing.project import load_project

    out, cache = fresh_folders(scratch, "batch-files")
    source = scratch / "lamp.md"
    source.write_text(
        "---\ntitle: The lamp\ndate: 2024-05-01\n---\n\nThe lamp was lit. Nobody came.\n",
        encoding="utf-8",
    )
    run_earmark("build", source, "-o", out, "--cache-dir", cache, "--base-url", BASE_URL)
    project = load_project(None, BASE_URL)
    per_article = {}
    for count in COUNTS:
        folder = scratch / f"batch-files-{count}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for number in range(count):
            shutil.copytree(out / "lamp", folder / f"lamp-{number:05d}", copy_function=os.link)
        samples = []
        for _ in range(2):
            started = time.perf_counter()
            write_batch_files(folder, project)
            samples.append(time.perf_counter() - started)
        per_article[count] = 1000 * min(samples) / count
        shutil.rmtree(folder)
    return BatchFileTimes(per_article)


def rows(table: Table, times: BatchFileTimes) -> None:
    """Add this module's lines to the table."""
    small, large = COUNTS
    per = times.per_article_ms
    table.row(
        f"feeds + index, ms per article at {small} / {large}",
        f"{per[small]:.2f} / {per[large]:.2f}",
    )
    table.judged(f"  ratio {large} / {small}", "", per[large] / per[small], LINEAR_TARGET, False)
