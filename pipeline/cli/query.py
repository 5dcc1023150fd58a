"""The commands that read the store: `sql`, `report`, `export` and `sources list`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperCommand

from pipeline.cli._common import (
    DEFAULTS,
    DbOption,
    ExportFormat,
    JsonOption,
    LiveOption,
    ReportFormat,
    RowsFormat,
    RowsFormatOption,
    RowsJsonOption,
    WidthOption,
    echo_json,
    friendly_errors,
    load_settings,
    parse_date,
    print_from_store,
    read_stdin,
    read_store,
    read_text,
    rows_format,
    say,
)
from pipeline.errors import UsageError


@friendly_errors
def report(
    db: DbOption = None,
    live: LiveOption = False,
    case: Annotated[list[str] | None, typer.Option("--case", help="Case id; repeatable")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only pairs with a side dated on or after this day (YYYY-MM-DD)"),
    ] = None,
    min_score: Annotated[float, typer.Option(help="Leave out pairs scored below this")] = 0.0,
    fmt: Annotated[
        list[ReportFormat] | None,
        typer.Option("--format", help="repeatable", show_default="html and md"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            help="A folder for report.<format>; a file (.html, .htm, .md, .markdown, .json or"
            " .csv, or an existing file) for one format, its suffix naming it; - for standard"
            " output, one format",
            show_default=str(DEFAULTS.reports_dir),
        ),
    ] = None,
) -> None:
    """Write the contradiction report (HTML, Markdown, JSON, CSV) from the store."""
    from pipeline.report.from_store import reports_from_store

    day = parse_date(since, "--since")
    settings = load_settings(db)
    written = reports_from_store(
        settings.db_path,
        live=live,
        formats=[str(f) for f in fmt] if fmt else None,
        output=output,
        reports_dir=settings.reports_dir,
        case_ids=case,
        min_score=min_score,
        since=day,
    )
    if written.text is not None:
        sys.stdout.write(written.text)
    for path in written.paths:
        say(f"report: {path}")


@friendly_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the files into")],
    db: DbOption = None,
    table: Annotated[
        list[str] | None,
        typer.Option(
            "--table", help="claims, pairs, documents or points; repeatable", show_default="all"
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", help="csv writes lists and structs as JSON, as sql does"),
    ] = ExportFormat.parquet,
    live: LiveOption = False,
    as_json: JsonOption = False,
) -> None:
    """Export claims, pairs, documents and contested points to Parquet, CSV or JSON lines.

    Claims carry their URLs and character offsets."""
    from pipeline.store.export import TABLES, export_tables

    with read_store(load_settings(db).db_path, live) as store:
        written = export_tables(store, table or list(TABLES), fmt.value, output)
    if as_json:
        echo_json([{"file": str(path), "rows": rows} for path, rows in written])
        return
    for path, rows in written:
        say(f"export: {path} ({rows} rows)")


@friendly_errors
def sql(
    query: Annotated[
        str | None, typer.Argument(help="SQL to run, read-only; - reads it from stdin")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the SQL from a file")
    ] = None,
    db: DbOption = None,
    live: LiveOption = False,
    fmt: RowsFormatOption = RowsFormat.table,
    as_json: RowsJsonOption = False,
    width: WidthOption = None,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Rows the table box shows, first and last")
    ] = 40,
    param: Annotated[
        list[Any] | None,
        typer.Option(
            "--param",
            metavar="NAME VALUE",
            help="Bind VALUE to $NAME in the SQL, as a string DuckDB casts where it is used;"
            " repeatable",
        ),
    ] = None,
    load: Annotated[
        list[str] | None,
        typer.Option(
            "--load",
            metavar="NAME=FILE",
            help="Load a local CSV, Parquet or JSON file as the table NAME; repeatable",
        ),
    ] = None,
) -> None:
    """Run a read-only SQL query on the store's snapshot and print the rows.

    `claimtrack tables`, `claimtrack schema` and pipeline/store/SCHEMA.md say what there is.
    Only SELECT runs; the query reads no file but the store and the --load files, and never the
    network."""
    from pipeline.store import Store
    from pipeline.store.snapshot import readable_path

    shape, box_width = rows_format(fmt, as_json, width)
    params = _param_options(param or [])
    tables = _load_options(load or [])
    text = _sql_text(query, file)
    db_path = readable_path(load_settings(db).db_path, live)
    with Store.open_for_analysts(db_path, tables) as store:
        out = store.analyst_output(text, shape, params, box_width, max_rows)
    sys.stdout.write(out)


class TwoValueParam(TyperCommand):
    """A command whose --param option takes two values, NAME and VALUE, and can be repeated
    (Typer has no type for a list of pairs; click has nargs=2 with multiple)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for option in self.params:
            if option.name == "param":
                option.nargs = 2
                option.type = click.Tuple([click.STRING, click.STRING])  # type: ignore[attr-defined]


def _param_options(values: Sequence[Sequence[str]]) -> dict[str, str]:
    """`--param NAME VALUE` options by name."""
    params: dict[str, str] = {}
    for name, value in values:
        name = name.removeprefix("$")
        if not name.isidentifier():
            raise UsageError(f"--param {name!r}: NAME is a plain name, as in $NAME")
        if name in params:
            raise UsageError(f"--param: {name!r} is given twice")
        params[name] = value
    return params


def _load_options(values: list[str]) -> dict[str, Path]:
    """`--load NAME=FILE` options as table names and files."""
    tables: dict[str, Path] = {}
    for value in values:
        name, sep, file = value.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or not file:
            raise UsageError(f"--load {value!r}: write NAME=FILE, NAME a plain table name")
        if name in tables:
            raise UsageError(f"--load: the table name {name!r} is given twice")
        tables[name] = Path(file).expanduser()
    return tables


def _sql_text(query: str | None, file: Path | None) -> str:
    if (query is None) == (file is None):
        raise UsageError("give the SQL as an argument, - for stdin, or --file FILE")
    if file is not None:
        return read_text(file)
    return read_stdin() if query == "-" else str(query)


sources_app = typer.Typer(
    help="The sources, feeds and sitemaps the runs fetch.", no_args_is_help=True
)


@sources_app.command("list")
@friendly_errors
def sources_list(
    db: DbOption = None,
    live: LiveOption = False,
    fmt: RowsFormatOption = RowsFormat.table,
    as_json: RowsJsonOption = False,
    width: WidthOption = None,
) -> None:
    """Every source, feed and sitemap with its case or story, last fetch, status and error."""
    print_from_store(
        db, live, fmt, as_json, width, lambda store, shape, w: store.sources.listing(shape, w)
    )
