"""The `claimtrack` command line: each command parses its arguments, calls one library function
and prints what it returns. Shared options and the error mapping: _common.py."""

from __future__ import annotations

from importlib import metadata
from typing import Annotated

import typer

from pipeline import __version__
from pipeline.cli import evaluate, query, run, schema, texts

app = typer.Typer(
    help="Track claims in the media: who claimed what, and where the sides contradict.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version() -> str:
    """The installed package's version (the source's own when it is not installed)."""
    try:
        return metadata.version("claimtrack")
    except metadata.PackageNotFoundError:
        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {version()}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Track claims in the media: who claimed what, and where the sides contradict."""


app.command()(run.run)
app.command()(query.report)
app.command()(query.export)
app.command(cls=query.TwoValueParam)(query.sql)
app.command()(schema.tables)
app.command()(schema.schema)
app.command()(texts.extract)
app.command()(texts.pairs)
app.command()(texts.compare)
app.add_typer(query.sources_app, name="sources")
app.add_typer(evaluate.evaluate_app, name="evaluate")

__all__ = ["app", "version"]
