"""The ``earmark`` command: parse options, call the pipeline, map errors to exit codes."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pipeline import __version__
from pipeline.batch import build_all, collect_sources, exit_code
from pipeline.build import BuildResult, Status
from pipeline.catalog import write_batch_files
from pipeline.config import DEFAULT_FORMATS, BuildConfig, SpoilerMode
from pipeline.errors import EarmarkError
from pipeline.model import word_count
from pipeline.narration.engines import DEFAULT_ENGINE, ENGINES
from pipeline.narration.engines.base import EngineOptions
from pipeline.narration.voices import list_voices
from pipeline.progress import ProgressDisplay
from pipeline.project import BUILD_DEFAULTS, find_config, is_base_url, load_project
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers
from pipeline.writers import WRITERS


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [name for name in names if name not in WRITERS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(map(repr, unknown)) or '(none given)'}. "
            f"Choose from: {', '.join(WRITERS)} (comma-separated)."
        )
    return names


def _base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_base_url(value):
        raise click.BadParameter(f"{value!r} is not an absolute http(s) URL.")
    return value


def _is_default(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) is click.core.ParameterSource.DEFAULT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="earmark")
def main() -> None:
    """earmark: accessible EPUB 3 and narrated audiobook editions of articles, with spoilers
    marked and skippable everywhere."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=Path("output"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results.",
)
@click.option(
    "--formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Comma-separated outputs: {', '.join(WRITERS)}.",
)
@click.option(
    "--spoilers",
    type=click.Choice([m.value for m in SpoilerMode]),
    default="mark",
    show_default=True,
    help="mark: keep spoiler chapters, marked and skippable; omit: a spoiler-free edition.",
)
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="Speech engine: piper is offline, gtts needs internet.",
)
@click.option("--voice", help="Piper: path to an .onnx voice (default: en_US-joe-medium).")
@click.option("--lang", "speech_lang", help="gtts: language (default: the article's).")
@click.option(
    "--tld",
    default="com",
    show_default=True,
    help="gtts: Google domain, which picks the accent (com, co.uk, com.au, ...).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="EARMARK_CACHE_DIR",
    help="Cache folder for speech and tracks "
    "[env: EARMARK_CACHE_DIR; default: the user cache folder].",
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
    "--base-url",
    callback=_base_url,
    help="Absolute URL the output folder is served at; the podcast feeds need it "
    "[default: base_url in earmark.toml's [feed]].",
)
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    spoilers: str,
    engine: str,
    voice: str | None,
    speech_lang: str | None,
    tld: str,
    cache_dir: Path | None,
    jobs: int,
    force: bool,
    base_url: str | None,
) -> None:
    """Build every article in PATHS (files or folders) into OUTPUT/<name>/, then the
    output folder's podcast feeds.

    An article whose output was built from the same source and options is left alone; an
    edited one reuses every sentence and section it still has in the cache. Settings not
    given as flags come from earmark.toml in the source folder, if there is one."""
    try:
        project = load_project(find_config(paths), base_url)
    except EarmarkError as error:
        _fail(error)
    given = {name for name in BUILD_DEFAULTS if not _is_default(ctx, name)}
    formats, spoilers, engine, voice = project.build.apply(
        given, formats=formats, spoilers=spoilers, engine=engine, voice=voice
    )
    config = BuildConfig(
        out_dir=out_dir,
        formats=formats,
        spoilers=SpoilerMode(spoilers),
        engine=engine,
        engine_options=EngineOptions(voice=voice, lang=speech_lang, tld=tld),
        cache_dir=cache_dir,
        jobs=jobs,
        force=force,
    )
    try:
        sources = collect_sources(paths)
    except EarmarkError as error:
        _fail(error)
    display = ProgressDisplay(len(sources))
    try:
        with _sigterm_interrupts():
            results = build_all(
                sources,
                config,
                on_result=lambda r: display.result(r.slug, _describe(r), err=not r.ok),
                on_progress=display.update,
            )
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
    try:
        for notice in write_batch_files(config.out_dir, project):
            click.echo(notice, err=True)
    except EarmarkError as error:
        _fail(error)
    if len(results) > 1:
        _summary(results)
    sys.exit(exit_code(results))


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


@main.command()
def voices() -> None:
    """List the speech engines and their voices."""
    for line in list_voices():
        click.echo(line)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
def outline(file: Path, as_json: bool) -> None:
    """Show the sections and spoilers earmark sees in FILE, before a long build."""
    try:
        article = mark_spoilers(read_article(file))
    except EarmarkError as error:
        _fail(error)
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
            "sections": sections,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{article.metadata.title}  [{article.metadata.lang}]")
    for s in sections:
        mark = "SPOILER" if s["spoiler"] else ""
        indent = "  " * (s["level"] - 1)
        click.echo(f"  {mark:8} {indent}{s['title']}  ({s['words']} words, #{s['id']})")


def _describe(result: BuildResult) -> str:
    if not result.ok:
        return f"error: {result.error}"
    if result.status is Status.UNCHANGED:
        return f"unchanged  {result.source} -> {result.out_path}/ (already current)"
    audio = ""
    if result.utterances:
        audio = (
            f", {_minutes(result.duration)} of audio; {result.synthesized} of "
            f"{result.utterances} utterances synthesized, the rest from the cache"
        )
    return (
        f"built  {result.source} -> {result.out_path}/ ({result.sections} sections, "
        f"{result.spoilers} spoilers{audio}; {result.seconds:.1f} s)"
    )


def _summary(results: list[BuildResult]) -> None:
    width = max(len("article"), *(len(str(r.source)) for r in results))
    header = f"{'sections':>8}  {'spoilers':>8}  {'audio':>6}  {'status':9}  {'time':>7}"
    click.echo(f"\n{'article':{width}}  {header}")
    for r in results:
        click.echo(
            f"{r.source!s:{width}}  {r.sections:>8}  {r.spoilers:>8}  {_minutes(r.duration):>6}  "
            f"{r.status.value:9}  {r.seconds:>6.1f}s"
        )
    counts = {status: sum(r.status is status for r in results) for status in Status}
    click.echo(", ".join(f"{n} {status.value}" for status, n in counts.items() if n))


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}" if seconds else "-"


def _fail(error: EarmarkError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)
