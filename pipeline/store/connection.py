"""A connection to one DuckDB store file: opening it, transactions, inserts, migrations, queries.

One writer process at a time: opening a file that another process holds raises
`StoreLockedError` naming the holder. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import duckdb

from pipeline.errors import (
    ClaimtrackError,
    QueryError,
    StoreDamagedError,
    StoreError,
    StoreLockedError,
    UsageError,
    one_line,
)
from pipeline.store.columns import Row, Table, dict_rows, one_column, one_value
from pipeline.store.comments import comment_statements, parse_comments, schema_doc
from pipeline.store.migrations import MIGRATIONS
from pipeline.store.sql_output import relation_text
from pipeline.store.views import VIEWS


class _AbsentModule(importlib.abc.MetaPathFinder):
    """Fails the import of one module known not to be installed, without searching sys.path.

    Only an import is failed: a probe (`importlib.util.find_spec`, which libraries such as
    transformers use to ask what is installed) still gets its plain "not found" from the finders
    after this one.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname == self.name and sys._getframe(2).f_code.co_name == "_find_and_load_unlocked":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


# DuckDB's Python binding tries `import pandas` for every bound parameter; when pandas is not
# installed each try searches the whole sys.path again (0.85 s of a 100-source no-op run). A
# finder in front makes the failed import immediate; an installed pandas is untouched. (`None`
# in `sys.modules` did the same, but scikit-learn 1.9 reads `sys.modules["pandas"]` as a module
# whenever the key is present.)
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    sys.meta_path.insert(0, _AbsentModule("pandas"))

# Rows per JSON parameter in `insert_rows`: a few MB of JSON at most.
_CHUNK_ROWS = 2000
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")
_LOCKED = re.compile(r"\block\b", re.IGNORECASE)  # "lock", not the "block" of a checksum error
_DAMAGED = re.compile(r"Corrupt database file|checksum|not a valid DuckDB database", re.IGNORECASE)
_DISK_FULL = re.compile(r"No space left on device|disk is full|disk full", re.IGNORECASE)
COUNTED_TABLES = (
    "runs",
    "cases",
    "parties",
    "sources",
    "documents",
    "entities",
    "claims",
    "embeddings",
    "claim_pairs",
)


class Connection:
    """An open store file: the DuckDB connection `con` and the operations every part shares."""

    def __init__(self, con: Any, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._in_transaction = False
        self._types: dict[str, dict[str, str]] = {}  # column types by table, for insert_rows

    def close(self, quiet: bool = False) -> None:
        """Close the connection; `quiet` ignores DuckDB's complaint (another error is on the
        way)."""
        try:
            self.con.close()
        except duckdb.Error as exc:
            if not quiet:
                raise store_error(self.path, exc) from exc

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        """Close; a DuckDB error leaving the block becomes a ClaimtrackError naming the file."""
        self.close(quiet=exc is not None)
        if isinstance(exc, duckdb.Error):
            raise store_error(self.path, exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises. Inside
        another transaction it joins that one."""
        if self._in_transaction:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._in_transaction = False
        self.con.execute("COMMIT")

    def insert_rows(
        self, table: Table, rows: Iterable[Mapping[str, object]], on_conflict: str = ""
    ) -> None:
        """INSERT `rows` (each by column name) into `table`, a chunk at a time.

        Each chunk travels as one JSON parameter, read back with the table's own column types:
        the DuckDB binding converts parameters one Python value at a time (and tries to import
        pandas for each), which made `executemany` take 12 s for 400 embeddings.
        """
        columns = table.columns
        if table.name not in self._types:
            found = self.con.execute(
                "SELECT column_name, data_type FROM duckdb_columns()"
                " WHERE table_name = ? AND database_name = current_database()",
                [table.name],
            )
            self._types[table.name] = {r["column_name"]: r["data_type"] for r in dict_rows(found)}
        types = self._types[table.name]
        structure = json.dumps([{c: types[c] for c in columns}]).replace("'", "''")
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f'r."{c}"' for c in columns)
        sql = (
            f"INSERT INTO {table.name} ({names}) SELECT {values}"
            f" FROM (SELECT unnest(from_json(?::JSON, '{structure}')) AS r) {on_conflict}"
        )
        chunk: list[dict[str, object]] = []
        for row in rows:
            chunk.append({c: row[c] for c in columns})
            if len(chunk) == _CHUNK_ROWS:
                self.con.execute(sql, [json.dumps(chunk)])
                chunk = []
        if chunk:
            self.con.execute(sql, [json.dumps(chunk)])

    def insert_values(
        self, table: Table, rows: Sequence[Mapping[str, object]], on_conflict: str = ""
    ) -> None:
        """INSERT a few `rows` (each by column name) into `table` as bound parameters, in one
        statement; unlike `insert_rows`, values JSON cannot carry (datetimes) keep their type."""
        if not rows:
            return
        columns = table.columns
        names = ", ".join(f'"{c}"' for c in columns)
        one = "(" + ", ".join("?" * len(columns)) + ")"
        self.con.execute(
            f"INSERT INTO {table.name} ({names}) VALUES"
            f" {', '.join([one] * len(rows))} {on_conflict}",
            [row[c] for row in rows for c in columns],
        )

    def query(
        self, sql: str, params: Sequence[object] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run `sql`; return column names and rows. DuckDB's complaint becomes a QueryError."""
        try:
            cursor = self.con.execute(sql, list(params))
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall() if columns else []
        except duckdb.Error as exc:
            raise query_error(self.path, exc) from None

    def output(
        self,
        sql: str,
        fmt: str,
        width: int = 100,
        max_rows: int = 40,
        params: Sequence[object] = (),
    ) -> str:
        """The rows of `sql` (the code's own) as text: see `sql_output.relation_text`."""
        try:
            relation = self.con.sql(sql, params=list(params) or None)
            return relation_text(relation, fmt, width, max_rows)
        except duckdb.Error as exc:
            raise query_error(self.path, exc) from None

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run `sql`; return its rows, each a dict by column name. Errors as for `query`."""
        try:
            return dict_rows(self.con.execute(sql, list(params)))
        except duckdb.Error as exc:
            raise query_error(self.path, exc) from None

    def checkpoint(self) -> None:
        """Write the WAL into the file; a failure (disk full, I/O error) is a StoreError."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc

    def migrate(self) -> list[int]:
        """Apply the migrations this file lacks; return their numbers."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)"
        )
        done = set(one_column(self.con.execute("SELECT version FROM schema_migrations")))
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, now()]
                )
            applied.append(version)
        return applied

    def create_views(self) -> None:
        """(Re)create the analysts' views and macros (pipeline/store/views.py), and the
        descriptions of SCHEMA.md as comments on them, the tables and their columns."""
        with self.transaction():
            for _, sql in VIEWS:
                self.con.execute(sql)
            statements = comment_statements(
                parse_comments(schema_doc()), self._object_kinds(), self._column_names()
            )
            self.con.execute(";\n".join(statements))

    def _object_kinds(self) -> dict[str, str]:
        """The store's own tables, views and table macros, by name: TABLE, VIEW, MACRO TABLE."""
        rows = self.con.execute(
            "SELECT table_name, 'TABLE' FROM duckdb_tables()"
            " WHERE database_name = current_database() AND schema_name = 'main'"
            " UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views()"
            " WHERE database_name = current_database() AND schema_name = 'main'"
            " UNION ALL SELECT function_name, 'MACRO TABLE' FROM duckdb_functions()"
            " WHERE database_name = current_database() AND schema_name = 'main'"
            " AND function_type = 'table_macro'"
        ).fetchall()
        return {name: kind for name, kind in rows}

    def _column_names(self) -> set[tuple[str, str]]:
        rows = self.con.execute(
            "SELECT table_name, column_name FROM duckdb_columns()"
            " WHERE database_name = current_database() AND schema_name = 'main'"
        ).fetchall()
        return {(table, column) for table, column in rows}

    def schema_version(self) -> int:
        """The newest migration applied to this file (0 for an empty file)."""
        try:
            version = one_value(self.con.execute("SELECT max(version) FROM schema_migrations"))
        except duckdb.CatalogException:
            return 0
        return int(version or 0)

    def storage_version(self) -> str | None:
        version: str | None = one_value(
            self.con.execute(
                "SELECT tags['storage_version'] FROM duckdb_databases()"
                " WHERE database_name = current_database()"
            )
        )
        return version

    def table_counts(self) -> dict[str, int]:
        return {
            t: int(one_value(self.con.execute(f"SELECT count(*) FROM {t}"))) for t in COUNTED_TABLES
        }


def connect(
    path: Path, read_only: bool, config: Mapping[str, str | bool | int | float] | None = None
) -> Any:
    """A DuckDB connection to `path`; a held lock or a damaged file says so in one line."""
    try:
        return duckdb.connect(str(path), read_only=read_only, config=dict(config or {}))
    except duckdb.Error as exc:
        raise _open_error(path, exc) from None


def make_folder(path: Path) -> None:
    """Create the folder of the store (or lock) file `path`; say so in one line if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = "a file, not a folder, is in the way"
        raise UsageError(
            f"cannot create the folder {path.parent} for {path.name}: {reason}"
        ) from None


def store_error(path: Path, exc: Exception) -> StoreError:
    """DuckDB's complaint about the store at `path` as one line that names the file."""
    message = one_line(exc)
    if _DAMAGED.search(message):
        return StoreDamagedError(
            f"store {path} is damaged ({message}); restore it from a backup (a damaged"
            " snapshot is replaced by the next run)"
        )
    if _DISK_FULL.search(message):
        return StoreError(f"store {path}: the disk is full ({message})")
    return StoreError(f"store {path}: {message}")


def query_error(path: Path, exc: Exception) -> ClaimtrackError:
    """A query's failure: a damaged file or a full disk is the store's problem, not the
    query's."""
    message = str(exc)
    if _DAMAGED.search(message) or _DISK_FULL.search(message):
        return store_error(path, exc)
    return QueryError(one_line(exc))


def _open_error(path: Path, exc: Exception) -> ClaimtrackError:
    message = str(exc)
    if _DAMAGED.search(message):
        return store_error(path, exc)
    m = _LOCK_HOLDER.search(message)
    if m:
        return StoreLockedError(
            f"store {path} is in use by another process ({m.group(1)}, PID {m.group(2)});"
            " try again when it has finished"
        )
    if _LOCKED.search(message):
        return StoreLockedError(f"store {path} is locked by another process: {one_line(exc)}")
    return ClaimtrackError(f"cannot open store {path}: {one_line(exc)}")


def now() -> datetime:
    return datetime.now(UTC)
