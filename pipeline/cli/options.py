"""The options and checks the ``earmark`` commands share, and how they fail."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from pipeline.config import (
    BUILD_DEFAULTS,
    DEFAULT_FORMATS,
    BuildConfig,
    EngineOptions,
    Project,
    SpoilerMode,
)
from pipeline.engines import DEFAULT_ENGINE, ENGINES
from pipeline.errors import EarmarkError, UsageError
from pipeline.publishing.project import find_config, is_base_url, load_project
from pipeline.writers import WRITERS


def parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """``--formats``: comma-separated writer names, each known."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [name for name in names if name not in WRITERS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(map(repr, unknown)) or '(none given)'}. "
            f"Choose from: {', '.join(WRITERS)} (comma-separated)."
        )
    return names


def parse_base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--base-url``: an absolute http(s) URL."""
    if value is not None and not is_base_url(value):
        raise click.BadParameter(f"{value!r} is not an absolute http(s) URL.")
    return value


def parsed(parse: Callable, value: str | None):
    """``parse(value)`` (a size, an age), its ``UsageError`` as click's bad parameter."""
    try:
        return None if value is None else parse(value)
    except UsageError as error:
        raise click.BadParameter(str(error)) from None


def is_default(ctx: click.Context, name: str) -> bool:
    """Whether option ``name`` was left at its default (so ``earmark.toml`` may set it)."""
    return ctx.get_parameter_source(name) is click.core.ParameterSource.DEFAULT


def spoilers_option(help: str) -> Callable:
    """``--spoilers``, shared by the commands that make or show an edition."""
    return click.option(
        "--spoilers",
        type=click.Choice([m.value for m in SpoilerMode]),
        default=SpoilerMode.MARK.value,
        show_default=True,
        help=help,
    )


def engine_option(help: str) -> Callable:
    """``--engine``, shared by the commands that speak or show what would be spoken."""
    return click.option(
        "--engine",
        type=click.Choice(list(ENGINES)),
        default=DEFAULT_ENGINE,
        show_default=True,
        help=help,
    )


def output_option(help: str) -> Callable:
    """``-o/--output``, the output folder: shared by ``build`` and ``proof``."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        default=Path("output"),
        show_default=True,
        type=click.Path(path_type=Path),  # a file there is an OutputError (exit 1)
        help=help,
    )


def cache_dir_option(help: str, envvar: str | None = "EARMARK_CACHE_DIR") -> Callable:
    """``--cache-dir``, shared by ``build`` and ``cache``."""
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=envvar,
        help=help,
    )


def fail(error: EarmarkError) -> NoReturn:
    """Print ``error`` (no traceback) and exit with its code."""
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


def project_config(
    ctx: click.Context, paths: tuple[Path, ...], options: dict[str, Any]
) -> tuple[Project, BuildConfig]:
    """The source folder's ``earmark.toml`` and the build settings: the command's ``options``,
    its ``[build]`` table for those left at their defaults. Every command that reads articles
    (``build``, ``outline``, ``script``) reads the file the same way, so a bad one is always
    reported and its defaults always apply."""
    try:
        project = load_project(find_config(paths), options.get("base_url"))
    except EarmarkError as error:
        fail(error)
    given = {name for name in BUILD_DEFAULTS if name in options and not is_default(ctx, name)}
    formats, spoilers, engine, voice = project.build.apply(
        given,
        formats=options.get("formats", DEFAULT_FORMATS),
        spoilers=options.get("spoilers", SpoilerMode.MARK.value),
        engine=options.get("engine", DEFAULT_ENGINE),
        voice=options.get("voice"),
    )
    config = BuildConfig(
        out_dir=options.get("out_dir", Path("output")),
        formats=formats,
        spoilers=SpoilerMode(spoilers),
        engine=engine,
        engine_options=EngineOptions(
            voice=voice, lang=options.get("speech_lang"), tld=options.get("tld", "com")
        ),
        cache_dir=options.get("cache_dir"),
        cache_max_size=options.get("cache_max_size"),
        jobs=options.get("jobs", 0),
        force=options.get("force", False),
        feeds=project.feed.published,
        wait=not options.get("no_wait", False),
        voice_workers=options.get("voice_workers") or 0,
        scheduler=options.get("scheduler") or None,
        content=project.build.content,
        drafts=options.get("drafts", False),
    )
    return project, config
