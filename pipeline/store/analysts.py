"""The sandboxed connection for SQL that someone else wrote (`claimtrack sql`): read-only, no file
but the store and the tables loaded for it, SELECT statements only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import ClaimtrackError, QueryError, QueryRefusedError, UsageError, one_line
from pipeline.store.connection import Connection, connect, query_error, store_error

# Analysts' SQL runs only statements of this kind: SELECT in all its forms (WITH, FROM-first,
# VALUES, DESCRIBE, SHOW, SUMMARIZE, PRAGMA table_info), and EXPLAIN of one.
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALYZE\s+)?(.*)", re.IGNORECASE | re.DOTALL)
_LOADERS = {
    ".csv": "read_csv",
    ".tsv": "read_csv",
    ".parquet": "read_parquet",
    ".json": "read_json",
    ".jsonl": "read_json",
    ".ndjson": "read_json",
}


class AnalystConnection(Connection):
    """A store opened read-only for analysts' SQL, run with `analyst_query`."""

    @classmethod
    def open(cls, path: Path, tables: Mapping[str, Path] | None = None) -> AnalystConnection:
        """Open `path` read-only for SQL that someone else wrote. `tables` (name -> local CSV,
        Parquet or JSON file) are loaded first as temporary tables, the only files the SQL can
        reach.

        DuckDB 1.5's own switches are not enough on their own: with `enable_external_access`
        off it still lets `COPY ... TO '<this file>' (USE_TMP_FILE false)` overwrite the
        store (and its WAL), because it allows the open database's own paths; its
        `allowed_directories` allow writing as well as reading; and table functions such as
        `enable_logging` write files from a SELECT. So, in order: no extension is installed
        or loaded on demand; external access is off (no ATTACH, no network, no extension);
        the local file system is switched off altogether (no file is read or written, the
        store's own included, once it is open); the settings are locked; and
        `analyst_query` runs SELECT statements only, so each refusal says why."""
        if not path.exists():
            raise ClaimtrackError(f"no store at {path}: run `claimtrack run` first")
        config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        analysts = cls(connect(path, read_only=True, config=config), path, read_only=True)
        try:
            for name, file in (tables or {}).items():
                analysts._load_table(name, file)
            for setting in (
                "SET enable_external_access = false",
                "SET disabled_filesystems = 'LocalFileSystem'",
                "SET lock_configuration = true",
            ):
                analysts.con.execute(setting)
        except duckdb.Error as exc:
            analysts.close(quiet=True)
            raise store_error(path, exc) from exc
        except ClaimtrackError:
            analysts.close(quiet=True)
            raise
        return analysts

    def _load_table(self, name: str, file: Path) -> None:
        loader = _LOADERS.get(file.suffix.lower())
        if loader is None:
            raise UsageError(f"{file}: load CSV, TSV, Parquet or JSON (lines) files only")
        if not file.is_file():
            raise UsageError(f"{file}: no such file")
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            self.con.execute(
                f"CREATE TEMP TABLE {quoted} AS SELECT * FROM {loader}(?)", [str(file)]
            )
        except duckdb.Error as exc:
            raise UsageError(f"cannot load {file} as table {name}: {one_line(exc)}") from None

    def analyst_query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run analysts' SQL (one statement or several); return the columns and rows of the
        last statement."""
        try:
            statements = self.con.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryError(one_line(exc)) from None
        if not statements:
            raise QueryError("no SQL statement to run")
        for statement in statements:
            self._check_read_only(statement)
        columns: list[str] = []
        rows: list[tuple[Any, ...]] = []
        for statement in statements:
            try:
                cursor = self.con.execute(statement)
                columns = [d[0] for d in cursor.description] if cursor.description else []
                rows = cursor.fetchall() if columns else []
            except duckdb.PermissionException as exc:
                detail = str(exc).splitlines()[0].removeprefix("Permission Error: ")
                raise QueryRefusedError(
                    "query refused: claimtrack sql reads the store and nothing else, no other"
                    " file and no network (to query a local file, load it with --load"
                    f" NAME=FILE); DuckDB said: {detail}"
                ) from None
            except duckdb.Error as exc:
                raise query_error(self.path, exc) from None
        return columns, rows

    def _check_read_only(self, statement: Any) -> None:
        text = " ".join(str(statement.query).split())
        if statement.type == duckdb.StatementType.SELECT:
            return
        if statement.type == duckdb.StatementType.EXPLAIN:
            inner = _EXPLAIN.fullmatch(str(statement.query))
            try:
                explained = self.con.extract_statements(inner.group(1)) if inner else []
            except duckdb.Error:
                explained = []
            if len(explained) == 1 and explained[0].type == duckdb.StatementType.SELECT:
                return
        word = text.split(" ", 1)[0].upper() if text else statement.type.name
        raise QueryRefusedError(
            f"refused {word} statement ({text[:60]}{'...' if len(text) > 60 else ''}):"
            " claimtrack sql is read-only and runs SELECT queries only (WITH, FROM, VALUES,"
            " DESCRIBE, SHOW, SUMMARIZE and EXPLAIN too)"
        )
