"""``earmark cache`` and ``earmark cache prune``."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.audio.cache import default_cache_dir
from pipeline.audio.cache_prune import CACHES, cache_sizes, human_size, parse_age, parse_size, prune
from pipeline.cli.options import cache_dir_option, fail, parsed
from pipeline.errors import UsageError


@click.group(invoke_without_command=True)
@cache_dir_option("Cache folder [env: EARMARK_CACHE_DIR; default: the user cache folder].")
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
@cache_dir_option("Cache folder, as for `earmark cache`.", envvar=None)
@click.option(
    "--max-size",
    callback=lambda _ctx, _param, value: parsed(parse_size, value),
    help="Remove least recently used entries until the caches hold at most this (e.g. 5G).",
)
@click.option(
    "--older-than",
    callback=lambda _ctx, _param, value: parsed(parse_age, value),
    help="Remove entries not used for this long (e.g. 30d, 12h).",
)
@click.pass_obj
def prune_cache(
    root: Path, cache_dir: Path | None, max_size: int | None, older_than: float | None
) -> None:
    """Remove least recently used entries; never one a running build is using."""
    root = cache_dir or root
    if max_size is None and older_than is None:
        fail(UsageError("say what to remove.", "Give --max-size SIZE, --older-than AGE or both."))
    done = prune(root, max_size=max_size, older_than=older_than)
    click.echo(f"removed {done.removed} entries ({human_size(done.freed)}) from {root}")
    if done.kept_in_use:
        click.echo(f"kept {done.kept_in_use} entries in use by running builds")
