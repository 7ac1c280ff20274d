"""Batch-level files: what the output folder offers as a whole (the podcast feeds, and any
other catalogue), written after every build from the manifests of every article there, not
only the ones built in this run.

A batch writer is ``(Catalog) -> [notice]``: it writes its own files into
``catalog.out_dir`` (atomically: ``pipeline.system.files.write_atomically``) and returns notices
for the user (e.g. how to enable something it skipped). Adding one is one function and one row in
``BATCH_WRITERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.config import Project
from pipeline.errors import OutputError
from pipeline.writers.catalog import Catalog, scan
from pipeline.writers.podcast.feeds import write_feeds
from pipeline.writers.web.index import write_index

BatchWriter = Callable[[Catalog], list[str]]


BATCH_WRITERS: dict[str, BatchWriter] = {
    "feeds": write_feeds,
    "index": write_index,
}
"""Batch writers by name, run in this order after every build."""


def write_batch_files(out_dir: Path, project: Project) -> list[str]:
    """Run every batch writer on the output folder; return their notices. A file that cannot
    be written is an ``OutputError``."""
    try:
        catalog = scan(out_dir, project)
        return [notice for writer in BATCH_WRITERS.values() for notice in writer(catalog)]
    except OSError as error:
        raise OutputError.from_os_error(error, Path(error.filename or out_dir)) from None
