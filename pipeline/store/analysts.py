"""The sandboxed connection for SQL that someone else wrote (`claimtrack sql`): read-only, no file
but the store and the tables loaded for it, SELECT statements only."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import ClaimtrackError, QueryError, QueryRefusedError, UsageError, one_line
from pipeline.store.connection import Connection, connect, query_error, store_error
from pipeline.store.sql_output import relation_text

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

    def analyst_query(
        self, sql: str, params: Mapping[str, str] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run analysts' SQL (one statement or several, `$name` bound from `params`); return
        the columns and rows of the last statement."""
        relation = self._last_relation(sql, params or {})
        if relation is None:
            return [], []
        with self._errors(sql):
            return list(relation.columns), relation.fetchall()

    def analyst_output(
        self,
        sql: str,
        fmt: str,
        params: Mapping[str, str] | None = None,
        width: int = 100,
        max_rows: int = 40,
    ) -> str:
        """Run analysts' SQL as `analyst_query` does; return the last statement's result as
        text: `box` (DuckDB's, `width` characters wide, at most `max_rows` rows) or one of
        TEXT_FORMATS (all rows)."""
        relation = self._last_relation(sql, params or {})
        if relation is None:
            return ""
        with self._errors(sql):
            return relation_text(relation, fmt, width, max_rows)

    def _last_relation(self, sql: str, params: Mapping[str, str]) -> Any:
        """Check every statement of `sql`, run all but the last; return the last one's relation
        (None when it returns no rows). Each statement gets the parameters it names."""
        try:
            statements = self.con.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryError(one_line(exc)) from None
        if not statements:
            raise QueryError("no SQL statement to run")
        for statement in statements:
            self._check_read_only(statement)
        used = set().union(*(s.named_parameters for s in statements))
        unused = sorted(set(params) - used)
        if unused:
            raise UsageError(f"--param {unused[0]}: the SQL has no ${unused[0]}")
        with self._errors():
            for statement in statements[:-1]:
                self.con.execute(statement, _bound(statement, params))
        last = statements[-1]
        with self._errors(last.query):
            return self.con.sql(last.query, params=_bound(last, params))

    @contextmanager
    def _errors(self, query: str | None = None) -> Iterator[None]:
        """DuckDB's errors as claimtrack's: a refusal by the sandbox says why; an error that does
        not quote the query (DuckDB's relations do not) is followed by it."""
        try:
            yield
        except duckdb.PermissionException as exc:
            detail = str(exc).splitlines()[0].removeprefix("Permission Error: ")
            raise QueryRefusedError(
                "query refused: claimtrack sql reads the store and nothing else, no other"
                " file and no network (to query a local file, load it with --load"
                f" NAME=FILE); DuckDB said: {detail}"
            ) from None
        except duckdb.Error as exc:
            error = query_error(self.path, exc)
            if query and isinstance(error, QueryError) and "LINE " not in str(exc):
                raise QueryError(f"{error} (in: {one_line(query)})") from None
            raise error from None

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


def _bound(statement: Any, params: Mapping[str, str]) -> dict[str, str] | None:
    """The parameters `statement` names, for DuckDB to bind (None when it names none)."""
    names = statement.named_parameters
    missing = sorted(names - set(params))
    if missing:
        raise UsageError(f"the SQL uses ${missing[0]}: give it with --param {missing[0]} VALUE")
    return {name: params[name] for name in names} or None
