"""``earmark build``: every article of the PATHS into the output folder, then the folder's
batch files (feeds, index)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pipeline.audio.cache_prune import parse_size
from pipeline.cli.options import (
    cache_dir_option,
    engine_option,
    fail,
    output_option,
    parse_base_url,
    parse_formats,
    parsed,
    project_config,
    spoilers_option,
)
from pipeline.cli.progress import ProgressDisplay
from pipeline.cli.proof import MODEL_ENV, run_proof
from pipeline.cli.report import describe, summary
from pipeline.config import DEFAULT_FORMATS
from pipeline.errors import EarmarkError
from pipeline.proof.hearing import DEFAULT_MODEL
from pipeline.publishing.batch import build_all, collect_sources, exit_code
from pipeline.publishing.catalog import write_batch_files
from pipeline.writers import WRITERS


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("Folder for the results.")
@click.option(
    "--formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=parse_formats,
    help=f"Comma-separated outputs: {', '.join(WRITERS)}.",
)
@spoilers_option("mark: keep spoiler chapters, marked and skippable; omit: a spoiler-free edition.")
@engine_option("Speech engine: piper is offline, gtts needs internet.")
@click.option(
    "--voice",
    help="Piper: a voice name from `earmark voices` or a path to an .onnx voice, used for "
    "articles in its language (others get an installed voice for theirs).",
)
@click.option("--lang", "speech_lang", help="gtts: language (default: the article's).")
@click.option(
    "--tld",
    default="com",
    show_default=True,
    help="gtts: Google domain, which picks the accent (com, co.uk, com.au, ...).",
)
@cache_dir_option(
    "Cache folder for speech and tracks [env: EARMARK_CACHE_DIR; default: the user cache folder]."
)
@click.option(
    "--cache-max-size",
    envvar="EARMARK_CACHE_MAX_SIZE",
    callback=lambda _ctx, _param, value: parsed(parse_size, value),
    help="Prune the caches to this size when the batch ends, and every minute while it runs "
    "(e.g. 5G), least recently used first, keeping what the batch used "
    "[env: EARMARK_CACHE_MAX_SIZE; default: never].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Articles built at once, each in its own process [default: one per CPU core].",
)
@click.option("--force", is_flag=True, help="Rebuild articles whose output is already current.")
@click.option(
    "--drafts", is_flag=True, help="Build drafts too (front matter 'draft: true'); else skipped."
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="An article another build is writing is reported busy (exit 75) instead of waited for.",
)
@click.option(
    "--base-url",
    callback=parse_base_url,
    help="Absolute URL the output folder is served at; the podcast feeds need it "
    "[default: base_url in earmark.toml's [feed]].",
)
@click.option(
    "--voice-workers",
    type=click.IntRange(min=1),
    help="Voice processes (Piper, about 0.45 GB each) at once on a machine "
    "[default: one per CPU core, as many as fit in the available memory].",
)
@click.option(
    "--scheduler",
    envvar="DASK_SCHEDULER_ADDRESS",
    help="Build on a Dask cluster: the scheduler's address (tcp://HOST:8786), or 'local' for "
    "a LocalCluster on this machine [env: DASK_SCHEDULER_ADDRESS; needs earmark[dask]].",
)
@click.option(
    "--proof",
    "then_proof",
    is_flag=True,
    help=f"Then proof-listen to the built articles, like `earmark proof` (model: ${MODEL_ENV} "
    "or its default; needs earmark[proof]).",
)
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], **options: Any) -> None:
    """Build every article in PATHS (files or folders) into OUTPUT/<name>/, then the
    output folder's podcast feeds.

    An article whose output was built from the same source and options is left alone; an
    edited one reuses every sentence and section it still has in the cache. Settings not
    given as flags come from earmark.toml in the source folder, if there is one."""
    project, config = project_config(ctx, paths, options)
    try:
        sources = collect_sources(paths)
    except EarmarkError as error:
        fail(error)
    display = ProgressDisplay(len(sources))
    try:
        with _sigterm_interrupts():
            results = build_all(
                sources,
                config,
                on_result=lambda r: display.result(r.slug, describe(r), err=not r.ok),
                on_progress=display.update,
            )
    except EarmarkError as error:  # the batch could not start (e.g. a cluster check)
        display.close()
        fail(error)
    except KeyboardInterrupt as interrupt:
        display.close()
        click.echo(
            "interrupted: articles in progress were not published, and their previous output "
            "is unchanged.\n  Run the same command again to resume: the speech made so far "
            "is cached.",
            err=True,
        )
        sys.exit(128 + (interrupt.args[0] if interrupt.args else signal.SIGINT))
    display.close()
    status = exit_code(results)
    try:
        for notice in write_batch_files(config.out_dir, project):
            click.echo(notice, err=True)
    except EarmarkError as error:
        click.echo(f"error: {error}", err=True)
        status = status or error.exit_code
    if len(results) > 1:
        summary(results)
    if options["then_proof"] and status == 0:
        model = os.environ.get(MODEL_ENV) or DEFAULT_MODEL
        status = run_proof(tuple(r.source for r in results), config, model)
    sys.exit(status)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so a stopped build cleans up the same way."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signum)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
