"""How ``earmark build`` reports its articles: a line per result, a table per batch."""

from __future__ import annotations

import click

from pipeline.durations import table_minutes
from pipeline.publishing.build import BuildResult, Status


def describe(result: BuildResult) -> str:
    """One result line for an article (and its warnings, each on a line of its own)."""
    line = _line(result)
    return "\n".join((line, *result.notices)) if result.status is not Status.SKIPPED else line


def _line(result: BuildResult) -> str:
    if not result.ok:
        return f"error: {result.error}"
    if result.status is Status.SKIPPED:
        return f"skipped  {result.source} ({'; '.join(result.notices)})"
    if result.status is Status.UNCHANGED:
        return f"unchanged  {result.source} -> {result.out_path}/ (already current)"
    audio = ""
    if result.utterances:
        audio = (
            f", {table_minutes(result.duration)} of audio; {result.synthesized} of "
            f"{result.utterances} utterances synthesized, the rest from the cache"
        )
    return (
        f"built  {result.source} -> {result.out_path}/ ({result.sections} sections, "
        f"{result.spoilers} spoilers{audio}; {result.seconds:.1f} s)"
    )


def summary(results: list[BuildResult]) -> None:
    """The table that ends a batch."""
    width = max(len("article"), *(len(str(r.source)) for r in results))
    header = f"{'sections':>8}  {'spoilers':>8}  {'audio':>6}  {'status':9}  {'time':>7}"
    click.echo(f"\n{'article':{width}}  {header}")
    for r in results:
        click.echo(
            f"{r.source!s:{width}}  {r.sections:>8}  {r.spoilers:>8}  "
            f"{table_minutes(r.duration):>6}  {r.status.value:9}  {r.seconds:>6.1f}s"
        )
    counts = {status: sum(r.status is status for r in results) for status in Status}
    click.echo(", ".join(f"{n} {status.value}" for status, n in counts.items() if n))
