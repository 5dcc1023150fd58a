"""What the store holds, for `claimtrack tables` and `claimtrack schema`: its tables (with their
row counts), views and table macros, their columns and types, and what each means (the comments
that SCHEMA.md's descriptions became, `pipeline.store.comments`)."""

from __future__ import annotations

from pipeline.errors import UsageError
from pipeline.store.comments import identifier, literal
from pipeline.store.connection import Connection

_OBJECTS = """
    SELECT table_name AS name, 'table' AS kind, comment AS description, 1 AS seq
    FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
    UNION ALL
    SELECT view_name, 'view', comment, 2
    FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main'
    UNION ALL
    SELECT function_name, 'macro', comment, 3
    FROM duckdb_functions()
    WHERE database_name = current_database() AND schema_name = 'main'
      AND function_type = 'table_macro'
"""
_COLUMNS = f"""
    SELECT o.name AS "table", o.kind, c.column_name AS "column", c.data_type AS type,
           c.comment AS description
    FROM ({_OBJECTS}) o
    JOIN duckdb_columns() c ON c.table_name = o.name
     AND c.database_name = current_database() AND c.schema_name = 'main'
    UNION ALL
    SELECT function_name, 'macro', unnest(parameters), NULL, comment
    FROM duckdb_functions()
    WHERE database_name = current_database() AND schema_name = 'main'
      AND function_type = 'table_macro'
"""


def tables_text(db: Connection, fmt: str, width: int) -> str:
    """Every table (with its rows), view and table macro (with its parameters) of the store,
    and what it holds, as text in `fmt` (see `sql_output.relation_text`)."""
    _, tables = db.query(f"SELECT name FROM ({_OBJECTS}) WHERE kind = 'table'")
    counts = " UNION ALL ".join(
        f"SELECT {literal(name)} AS name, count(*) AS n FROM {identifier(name)}"
        for (name,) in tables
    )
    counted = f"LEFT JOIN ({counts}) c USING (name)" if counts else ""
    sql = f"""
        SELECT CASE WHEN o.kind = 'macro'
                    THEN o.name || '(' || array_to_string(f.parameters, ', ') || ')'
                    ELSE o.name END AS name,
               o.kind, {"c.n" if counts else "NULL::BIGINT"} AS "rows", o.description
        FROM ({_OBJECTS}) o {counted}
        LEFT JOIN (SELECT function_name, parameters FROM duckdb_functions()
                   WHERE function_type = 'table_macro') f ON f.function_name = o.name
        ORDER BY o.seq, o.name
    """
    return db.output(sql, fmt, width, max_rows=10_000)


def schema_text(db: Connection, table: str | None, fmt: str, width: int) -> str:
    """The columns (a macro's parameters), types and descriptions of `table`, or of every
    table, view and macro, as text in `fmt`."""
    if table is not None:
        _, found = db.query(f"SELECT name FROM ({_OBJECTS}) WHERE name = ?", [table])
        if not found:
            _, names = db.query(f"SELECT name FROM ({_OBJECTS}) ORDER BY seq, name")
            raise UsageError(
                f"no table, view or macro {table!r} in the store:"
                f" use one of {', '.join(n for (n,) in names)}"
            )
    where = "WHERE s.table = ?" if table is not None else ""
    sql = f"""
        SELECT s.* FROM ({_COLUMNS}) s
        LEFT JOIN duckdb_columns() c ON c.table_name = s.table AND c.column_name = s.column
         AND c.database_name = current_database() AND c.schema_name = 'main'
        {where}
        ORDER BY CASE s.kind WHEN 'table' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, s.table,
                 c.column_index
    """
    return db.output(sql, fmt, width, max_rows=10_000, params=[table] if table else [])
