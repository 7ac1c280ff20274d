"""``earmark proof``: hear the narration a build left and list what the voice got wrong
(``earmark build --proof`` runs it after building)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from pipeline.cli.options import (
    engine_option,
    fail,
    output_option,
    parse_formats,
    project_config,
    spoilers_option,
)
from pipeline.config import DEFAULT_FORMATS, BuildConfig
from pipeline.durations import player_clock
from pipeline.errors import EarmarkError
from pipeline.proof.hearing import DEFAULT_MODEL, require_extra
from pipeline.publishing.batch import collect_sources

MODEL_ENV = "EARMARK_ASR_MODEL"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("The folder the articles were built into.")
@click.option(
    "--asr-model",
    default=DEFAULT_MODEL,
    envvar=MODEL_ENV,
    show_default=True,
    help="A faster-whisper model name (downloaded on first use) or a CTranslate2 model folder "
    f"[env: {MODEL_ENV}].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option(
    "--max-flagged",
    type=click.IntRange(min=0),
    help="Exit 1 when more utterances than this are flagged [default: no limit].",
)
@click.option(
    "--threshold",
    type=click.FloatRange(min=0),
    help="Character error rate a sentence may have before it is flagged (more for short "
    "sentences) [default: 0.25].",
)
@click.option(
    "--formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=parse_formats,
    help="The formats of the build (as given to `earmark build`).",
)
@spoilers_option("The spoiler mode of the build.")
@engine_option("The speech engine of the build.")
@click.option("--voice", help="The voice of the build (as given to `earmark build`).")
@click.pass_context
def proof(ctx: click.Context, paths: tuple[Path, ...], **options: Any) -> None:
    """Hear the narration built for each article in PATHS (in OUTPUT/<name>/) and flag every
    sentence heard differently from what was meant to be said; writes proof.html beside it.
    Needs earmark[proof]; build first with the same options."""
    _, config = project_config(ctx, paths, options)
    sys.exit(
        run_proof(
            paths,
            config,
            options["asr_model"],
            options["threshold"],
            options["as_json"],
            options["max_flagged"],
        )
    )


def run_proof(
    paths: tuple[Path, ...],
    config: BuildConfig,
    model: str,
    threshold: float | None = None,
    as_json: bool = False,
    max_flagged: int | None = None,
) -> int:
    """Proof every article of ``paths``, print the reports; the exit status: 2 when one could
    not be proofed, 1 when more than ``max_flagged`` utterances are flagged, else 0."""
    try:
        require_extra()
        sources = collect_sources(paths)
    except EarmarkError as error:
        fail(error)
    from pipeline.proof.flagging import DEFAULT_THRESHOLD
    from pipeline.proof.hearing import Listener
    from pipeline.proof.page import write_page
    from pipeline.proof.report import proof_data, table_lines
    from pipeline.proof.run import proof_article

    try:
        listener = Listener(model)
    except EarmarkError as error:
        fail(error)
    proofs, status = [], 0
    for source in sources:
        progress = _Progress(source.stem)
        try:
            result = proof_article(
                source, config, listener, threshold or DEFAULT_THRESHOLD, progress
            )
        except EarmarkError as error:
            progress.close()
            click.echo(f"error: {error}", err=True)
            status = max(status, error.exit_code)
            continue
        progress.close()
        proofs.append(result)
        page = write_page(result)
        if not as_json:
            for line in table_lines(result, page):
                click.echo(line)
    if as_json:
        click.echo(json.dumps(proof_data(proofs), ensure_ascii=False, indent=2))
    flagged = sum(len(p.flagged) for p in proofs)
    if status == 0 and max_flagged is not None and flagged > max_flagged:
        click.echo(
            f"{flagged} utterances flagged, more than --max-flagged {max_flagged}.", err=True
        )
        status = 1
    return status


class _Progress:
    """A status line on a terminal while an article is heard: share done and time left."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.live = click.get_text_stream("stderr").isatty()
        self.started = time.monotonic()

    def __call__(self, done: float, total: float) -> None:
        if not self.live or total <= 0 or done <= 0:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed * (total - done) / done
        line = f"proofing {self.name}: {min(done / total, 1):4.0%}, about {player_clock(left)} left"
        click.echo(f"\r\x1b[K{line}", nl=False, err=True, color=True)

    def close(self) -> None:
        if self.live:
            click.echo("\r\x1b[K", nl=False, err=True, color=True)
