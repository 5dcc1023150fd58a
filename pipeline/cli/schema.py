"""The commands that say what the store holds: `tables` and `schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli._common import (
    DbOption,
    LiveOption,
    RowsFormat,
    RowsFormatOption,
    RowsJsonOption,
    WidthOption,
    friendly_errors,
    print_from_store,
)


@friendly_errors
def tables(
    db: DbOption = None,
    live: LiveOption = False,
    fmt: RowsFormatOption = RowsFormat.table,
    as_json: RowsJsonOption = False,
    width: WidthOption = None,
) -> None:
    """List the store's tables (with their rows), views and macros, and what each holds."""
    from pipeline.store.catalog import tables_text

    print_from_store(db, live, fmt, as_json, width, tables_text)


@friendly_errors
def schema(
    table: Annotated[
        str | None, typer.Argument(help="A table, view or macro", show_default="all of them")
    ] = None,
    db: DbOption = None,
    live: LiveOption = False,
    fmt: RowsFormatOption = RowsFormat.table,
    as_json: RowsJsonOption = False,
    width: WidthOption = None,
) -> None:
    """The columns of a table or view (a macro's parameters), their types and meanings.

    The descriptions are pipeline/store/SCHEMA.md's, stored as comments in the database."""
    from pipeline.store.catalog import schema_text

    print_from_store(
        db, live, fmt, as_json, width, lambda store, shape, w: schema_text(store, table, shape, w)
    )
