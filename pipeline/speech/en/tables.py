"""The English word tables, read once each from ``data/<name>.tsv``: tab-separated, one entry
a line, as NeMo keeps its grammars' data. A missing last column is empty ("™" is said as
nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
"""The folder of the tables (installed as package data)."""


def rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>.tsv``, each ``columns`` wide (padded with empty strings)."""
    lines = (DATA / f"{name}.tsv").read_text(encoding="utf-8").split("\n")
    padding = ("",) * columns
    return tuple((*line.split("\t"), *padding)[:columns] for line in lines if line)


@cache
def words(name: str) -> frozenset[str]:
    """The table's first column as a set ("is this word a year cue?")."""
    return frozenset(row[0] for row in rows(name, 1))


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """The table's first column in the file's order (month names, January first)."""
    return tuple(row[0] for row in rows(name, 1))


@cache
def mapping(name: str) -> Mapping[str, str]:
    """A two-column table as written -> spoken, in the file's order."""
    return dict(rows(name, 2))


@cache
def wide_mapping(name: str, columns: int) -> Mapping[str, tuple[str, ...]]:
    """A table of ``columns`` columns as first column -> the others, in the file's order."""
    return {row[0]: row[1:] for row in rows(name, columns)}
