"""The `claimtrack` command line: each command parses its arguments, calls one library function
and prints what it returns. Shared options and the error mapping: _common.py."""

from __future__ import annotations

import typer

from pipeline.cli import evaluate, query, run, texts

app = typer.Typer(
    help="Track claims in the media: who claimed what, and where the sides contradict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(run.run)
app.command()(query.report)
app.command()(query.export)
app.command()(query.sql)
app.command()(texts.extract)
app.command()(texts.pairs)
app.command()(texts.compare)
app.add_typer(query.sources_app, name="sources")
app.add_typer(evaluate.evaluate_app, name="evaluate")

__all__ = ["app"]
