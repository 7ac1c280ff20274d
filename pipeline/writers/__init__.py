"""Writers turn a Publication into files; the table maps a ``--formats`` name to its writer.

A writer is ``(publication, out_dir) -> {output name: path relative to out_dir}``; what it
returns goes into the manifest's ``outputs``. Adding a format is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.publication import Publication
from pipeline.writers.epub import write_epub

Writer = Callable[[Publication, Path], dict[str, str]]

WRITERS: dict[str, Writer] = {
    "epub": write_epub,
}
