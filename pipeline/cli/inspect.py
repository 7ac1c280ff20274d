"""The commands that look before a build: ``outline`` (the structure), ``script`` (what will
be said) and ``voices``. Like ``build``, they read ``earmark.toml`` beside the article."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.cli.options import engine_option, fail, project_config, spoilers_option
from pipeline.engines import make_engine
from pipeline.engines.voices import list_voices
from pipeline.errors import EarmarkError
from pipeline.model import word_count
from pipeline.narration.preview import script_data, script_lines
from pipeline.narration.script import build_script
from pipeline.publishing.build import prepare
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers


@click.command()
def voices() -> None:
    """List the speech engines and their voices."""
    for line in list_voices():
        click.echo(line)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.pass_context
def outline(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Show the sections and spoilers earmark sees in FILE, before a long build."""
    project_config(ctx, (file,), {})
    try:
        article = mark_spoilers(read_article(file))
    except EarmarkError as error:
        fail(error)
    for warning in article.warnings:
        click.echo(f"warning: {warning}", err=True)
    sections = [
        {
            "id": s.id,
            "title": s.title,
            "level": s.level,
            "spoiler": s.spoiler,
            "words": word_count(s),
        }
        for s in article.sections
    ]
    if as_json:
        data = {
            "title": article.metadata.title,
            "lang": article.metadata.lang,
            **({"draft": True} if article.metadata.draft else {}),
            "sections": sections,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    draft = "  (draft: build it with --drafts)" if article.metadata.draft else ""
    click.echo(f"{article.metadata.title}  [{article.metadata.lang}]{draft}")
    for s in sections:
        mark = "SPOILER" if s["spoiler"] else ""
        indent = "  " * (s["level"] - 1)
        click.echo(f"  {mark:8} {indent}{s['title']}  ({s['words']} words, #{s['id']})")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@spoilers_option("The edition whose script to show.")
@engine_option(
    "The engine whose input to show (piper gets normalized text, gtts the written text)."
)
@click.pass_context
def script(ctx: click.Context, file: Path, as_json: bool, spoilers: str, engine: str) -> None:
    """Print what will be said in FILE, track by track, with every span that is not read as
    written; nothing is synthesized."""
    _, config = project_config(ctx, (file,), {"spoilers": spoilers, "engine": engine})
    engine = config.engine
    try:
        publication = prepare(file, config)
        lang = publication.article.metadata.lang
        speaker = make_engine(engine, config.engine_options, lang)
        tracks = build_script(
            publication, speaker.narrator, speaker.wants_normalized, speaker.takes_phonemes
        )
    except EarmarkError as error:
        fail(error)
    for warning in publication.article.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(script_data(tracks, engine, lang), ensure_ascii=False, indent=2))
    else:
        for line in script_lines(tracks, engine):
            click.echo(line)
