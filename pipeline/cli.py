"""The ``earmark`` command: parse options, call the pipeline, map errors to exit codes."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pipeline import __version__
from pipeline.batch import build_all, collect_sources, exit_code
from pipeline.build import BuildResult, Status, prepare
from pipeline.catalog import write_batch_files
from pipeline.config import DEFAULT_FORMATS, BuildConfig, SpoilerMode
from pipeline.errors import EarmarkError, UsageError
from pipeline.model import word_count
from pipeline.narration.cache import default_cache_dir
from pipeline.narration.cache_prune import (
    CACHES,
    cache_sizes,
    human_size,
    parse_age,
    parse_size,
    prune,
)
from pipeline.narration.engines import DEFAULT_ENGINE, ENGINES, make_engine
from pipeline.narration.engines.base import EngineOptions
from pipeline.narration.preview import script_data, script_lines
from pipeline.narration.script import build_script
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


def _spoilers_option(help: str) -> Callable:
    """``--spoilers``, shared by the commands that make or show an edition."""
    return click.option(
        "--spoilers",
        type=click.Choice([m.value for m in SpoilerMode]),
        default="mark",
        show_default=True,
        help=help,
    )


def _engine_option(help: str) -> Callable:
    """``--engine``, shared by the commands that speak or show what would be spoken."""
    return click.option(
        "--engine",
        type=click.Choice(list(ENGINES)),
        default=DEFAULT_ENGINE,
        show_default=True,
        help=help,
    )


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
    type=click.Path(path_type=Path),  # a file there is an OutputError (exit 1)
    help="Folder for the results.",
)
@click.option(
    "--formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Comma-separated outputs: {', '.join(WRITERS)}.",
)
@_spoilers_option(
    "mark: keep spoiler chapters, marked and skippable; omit: a spoiler-free edition."
)
@_engine_option("Speech engine: piper is offline, gtts needs internet.")
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
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="EARMARK_CACHE_DIR",
    help="Cache folder for speech and tracks "
    "[env: EARMARK_CACHE_DIR; default: the user cache folder].",
)
@click.option(
    "--cache-max-size",
    envvar="EARMARK_CACHE_MAX_SIZE",
    callback=lambda _ctx, _param, value: _parsed(parse_size, value),
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
    "--no-wait",
    is_flag=True,
    help="An article another build is writing is reported busy (exit 75) instead of waited for.",
)
@click.option(
    "--base-url",
    callback=_base_url,
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
    cache_max_size: int | None,
    jobs: int,
    force: bool,
    no_wait: bool,
    base_url: str | None,
    voice_workers: int | None,
    scheduler: str | None,
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
        cache_max_size=cache_max_size,
        jobs=jobs,
        force=force,
        feeds=project.feed.base_url is not None,
        wait=not no_wait,
        voice_workers=voice_workers or 0,
        scheduler=scheduler or None,
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
    except EarmarkError as error:  # the batch could not start (e.g. a cluster check)
        display.close()
        _fail(error)
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
        _summary(results)
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


@main.command()
def voices() -> None:
    """List the speech engines and their voices."""
    for line in list_voices():
        click.echo(line)


@main.group(invoke_without_command=True)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="EARMARK_CACHE_DIR",
    help="Cache folder [env: EARMARK_CACHE_DIR; default: the user cache folder].",
)
@click.pass_context
def cache(ctx: click.Context, cache_dir: Path | None) -> None:
    """Show the size and entry count of each cache (see `earmark cache prune`)."""
    ctx.obj = cache_dir or default_cache_dir()
    if ctx.invoked_subcommand is None:
        click.echo(f"cache folder: {ctx.obj}")
        for size in cache_sizes(ctx.obj):
            description = CACHES[size.name]
            click.echo(f"  {size.name:7} {human_size(size.size):>9}  {size.entries:>7} entries"
                       f"  ({description})")  # fmt: skip


@cache.command("prune")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Cache folder, as for `earmark cache`.",
)
@click.option(
    "--max-size",
    callback=lambda _ctx, _param, value: _parsed(parse_size, value),
    help="Remove least recently used entries until the caches hold at most this (e.g. 5G).",
)
@click.option(
    "--older-than",
    callback=lambda _ctx, _param, value: _parsed(parse_age, value),
    help="Remove entries not used for this long (e.g. 30d, 12h).",
)
@click.pass_obj
def prune_cache(
    root: Path, cache_dir: Path | None, max_size: int | None, older_than: float | None
) -> None:
    """Remove least recently used entries; never one a running build is using."""
    root = cache_dir or root
    if max_size is None and older_than is None:
        _fail(UsageError("say what to remove.", "Give --max-size SIZE, --older-than AGE or both."))
    done = prune(root, max_size=max_size, older_than=older_than)
    click.echo(f"removed {done.removed} entries ({human_size(done.freed)}) from {root}")
    if done.kept_in_use:
        click.echo(f"kept {done.kept_in_use} entries in use by running builds")


def _parsed(parse, value: str | None):
    try:
        return None if value is None else parse(value)
    except UsageError as error:
        raise click.BadParameter(str(error)) from None


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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@_spoilers_option("The edition whose script to show.")
@_engine_option(
    "The engine whose input to show (piper gets normalized text, gtts the written text)."
)
def script(file: Path, as_json: bool, spoilers: str, engine: str) -> None:
    """Print what will be said in FILE, track by track, with every span that is not read as
    written; nothing is synthesized."""
    config = BuildConfig(spoilers=SpoilerMode(spoilers), engine=engine)
    try:
        publication = prepare(file, config)
        lang = publication.article.metadata.lang
        speaker = make_engine(engine, config.engine_options, lang)
        tracks = build_script(
            publication, speaker.narrator, speaker.wants_normalized, speaker.takes_phonemes
        )
    except EarmarkError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps(script_data(tracks, engine, lang), ensure_ascii=False, indent=2))
    else:
        for line in script_lines(tracks, engine):
            click.echo(line)


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
