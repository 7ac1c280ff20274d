"""The ``earmark`` command: a click group; each command is a module of this package that
parses its options, calls the pipeline and maps errors to exit codes."""

from __future__ import annotations

import click

from pipeline import __version__
from pipeline.cli.build import build
from pipeline.cli.cache import cache
from pipeline.cli.inspect import outline, script, voices
from pipeline.cli.proof import proof


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="earmark")
def main() -> None:
    """earmark: accessible EPUB 3 and narrated audiobook editions of articles, with spoilers
    marked and skippable everywhere."""


for command in (build, outline, script, voices, cache, proof):
    main.add_command(command)
