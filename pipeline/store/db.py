"""The DuckDB store: the one module that imports duckdb.

One writer process at a time: opening a file that another process holds raises
`StoreLockedError` naming the holder. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from pipeline import __version__
from pipeline.errors import (
    ClaimtrackError,
    QueryError,
    QueryRefusedError,
    StoreDamagedError,
    StoreError,
    StoreLockedError,
    UsageError,
)
from pipeline.hashing import stable_id, text_hash
from pipeline.nlp.embed import MODEL_NAME, Vector
from pipeline.records import (
    Case,
    Claim,
    ClaimPair,
    Document,
    Entity,
    FetchState,
    Source,
    SourceOutcome,
    SourceState,
    Span,
)
from pipeline.store.migrations import MIGRATIONS
from pipeline.store.views import VIEWS

if TYPE_CHECKING:
    from pipeline.contradict.points import ContestedPoint
    from pipeline.seeds import FeedSpec

# DuckDB's Python binding tries `import pandas` for every bound parameter; when pandas is not
# installed each try searches the whole sys.path again (0.85 s of a 100-source no-op run). Marking
# the missing module as absent makes the failed import immediate; an installed pandas is untouched.
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    sys.modules["pandas"] = None  # type: ignore[assignment]

# Rows per JSON parameter in `insert_rows`: a few MB of JSON at most.
_CHUNK_ROWS = 2000
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")
_LOCKED = re.compile(r"\block\b", re.IGNORECASE)  # "lock", not the "block" of a checksum error
_DAMAGED = re.compile(r"Corrupt database file|checksum|not a valid DuckDB database", re.IGNORECASE)
_DISK_FULL = re.compile(r"No space left on device|disk is full|disk full", re.IGNORECASE)

# Analysts' SQL (`open_for_analysts`) runs only statements of this kind: SELECT in all its forms
# (WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE, PRAGMA table_info), and EXPLAIN of one.
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALYZE\s+)?(.*)", re.IGNORECASE | re.DOTALL)
_LOADERS = {
    ".csv": "read_csv",
    ".tsv": "read_csv",
    ".parquet": "read_parquet",
    ".json": "read_json",
    ".jsonl": "read_json",
    ".ndjson": "read_json",
}


ENTITY_COLUMNS = ("entity_id", "document_id", "text", "label", "start_char", "end_char")
CLAIM_COLUMNS = (
    "claim_id",
    "document_id",
    "case_id",
    "party_id",
    "kind",
    "speaker_name",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue_text",
    "cue_start",
    "cue_end",
    "content_text",
    "content_start",
    "content_end",
    "sentence_start",
    "sentence_end",
    "polarity",
    "hedged",
    "entities",
    "text_hash",
    "extractor_version",
    "claim_text",
    "content_parts",
    "quantities",
    "dates",
)
DOCUMENT_COLUMNS = (
    "document_id",
    "source_id",
    "case_id",
    "url",
    "title",
    "site_name",
    "author",
    "published",
    "language",
    "text",
    "content_hash",
    "analysis_key",
    "fetched_at",
    "canonical_url",
)
SOURCE_COLUMNS = (
    "source_id",
    "case_id",
    "location",
    "party_id",
    "role",
    "status",
    "kind",
    "feed_id",
    "published",
)
PAIR_COLUMNS = (
    "pair_id",
    "case_id",
    "claim_a",
    "claim_b",
    "similarity",
    "label",
    "score",
    "type",
    "reason",
    "evidence",
    "verdict_version",
)


@dataclass(frozen=True)
class AnalysedDocument:
    """One analysed document as the store writes it: text, entities, claims, source outcome."""

    document: Document
    analysis_key: str
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    outcome: SourceOutcome
    state: FetchState | None = None
    replaces: str | None = None  # a stored document this one takes the place of


class Store:
    """A connection to one DuckDB file with the operations the pipeline needs."""

    def __init__(self, con: Any, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._in_transaction = False
        self._types: dict[str, dict[str, str]] = {}  # column types by table, for insert_rows

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> Store:
        """Open (and create and migrate, unless read-only) the store at `path`."""
        if read_only and not path.exists():
            raise ClaimtrackError(f"no store at {path}: run `claimtrack run` first")
        if not read_only:
            make_folder(path)
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(path, exc) from None
        store = cls(con, path, read_only)
        if not read_only:
            try:
                store.migrate()
                store.create_views()
            except duckdb.Error as exc:
                store.close(quiet=True)
                raise store_error(path, exc) from exc
        return store

    @classmethod
    def open_for_analysts(cls, path: Path, tables: Mapping[str, Path] | None = None) -> Store:
        """Open `path` read-only for SQL that someone else wrote (`claimtrack sql`); run it with
        `analyst_query`. `tables` (name -> local CSV, Parquet or JSON file) are loaded first
        as temporary tables, the only files the SQL can reach.

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
        config: dict[str, str | bool | int | float | list[str]] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
        try:
            con = duckdb.connect(str(path), read_only=True, config=config)
        except duckdb.Error as exc:
            raise _open_error(path, exc) from None
        store = cls(con, path, read_only=True)
        try:
            for name, file in (tables or {}).items():
                store._load_table(name, file)
            for setting in (
                "SET enable_external_access = false",
                "SET disabled_filesystems = 'LocalFileSystem'",
                "SET lock_configuration = true",
            ):
                con.execute(setting)
        except duckdb.Error as exc:
            store.close(quiet=True)
            raise store_error(path, exc) from exc
        except ClaimtrackError:
            store.close(quiet=True)
            raise
        return store

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
            raise UsageError(f"cannot load {file} as table {name}: {_one_line(exc)}") from None

    def analyst_query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run analysts' SQL (one statement or several) on a store opened with
        `open_for_analysts`; return the columns and rows of the last statement."""
        try:
            statements = self.con.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryError(_one_line(exc)) from None
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
                raise self._query_error(exc) from None
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

    def close(self, quiet: bool = False) -> None:
        """Close the connection; `quiet` ignores DuckDB's complaint (another error is on the
        way)."""
        try:
            self.con.close()
        except duckdb.Error as exc:
            if not quiet:
                raise store_error(self.path, exc) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        """Close; a DuckDB error leaving the block becomes a ClaimtrackError naming the file."""
        self.close(quiet=exc is not None)
        if isinstance(exc, duckdb.Error):
            raise store_error(self.path, exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
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
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[object]],
        on_conflict: str = "",
    ) -> None:
        """INSERT `rows` (values in the order of `columns`) into `table`, a chunk at a time.

        Each chunk travels as one JSON parameter, read back with the table's own column types:
        the DuckDB binding converts parameters one Python value at a time (and tries to import
        pandas for each), which made `executemany` take 12 s for 400 embeddings.
        """
        if table not in self._types:
            self._types[table] = dict(
                self.con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns()"
                    " WHERE table_name = ? AND database_name = current_database()",
                    [table],
                ).fetchall()
            )
        types = self._types[table]
        structure = json.dumps([{c: types[c] for c in columns}]).replace("'", "''")
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f'r."{c}"' for c in columns)
        sql = (
            f"INSERT INTO {table} ({names}) SELECT {values}"
            f" FROM (SELECT unnest(from_json(?::JSON, '{structure}')) AS r) {on_conflict}"
        )
        chunk: list[dict[str, object]] = []
        for row in rows:
            chunk.append(dict(zip(columns, row, strict=True)))
            if len(chunk) == _CHUNK_ROWS:
                self.con.execute(sql, [json.dumps(chunk)])
                chunk = []
        if chunk:
            self.con.execute(sql, [json.dumps(chunk)])

    # -- schema --------------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply the migrations this file lacks; return their numbers."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)"
        )
        done = {
            row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()
        }
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()]
                )
            applied.append(version)
        return applied

    def create_views(self) -> None:
        """(Re)create the analysts' views and macros (pipeline/store/views.py)."""
        with self.transaction():
            for _, sql in VIEWS:
                self.con.execute(sql)

    def schema_version(self) -> int:
        """The newest migration applied to this file (0 for an empty file)."""
        try:
            row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0] or 0) if row else 0

    def storage_version(self) -> str | None:
        row = self.con.execute(
            "SELECT tags['storage_version'] FROM duckdb_databases()"
            " WHERE database_name = current_database()"
        ).fetchone()
        return row[0] if row else None

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, run_id: str, seeds: str) -> None:
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, seeds, claimtrack_version,"
            " duckdb_version, storage_version, pid) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
            [
                run_id,
                _now(),
                seeds,
                __version__,
                duckdb.__version__,
                self.storage_version(),
                os.getpid(),
            ],
        )

    def close_interrupted_runs(self) -> int:
        """Mark runs left 'running' by a killed process as 'interrupted'; return how many."""
        rows = self.con.execute(
            "UPDATE runs SET status = 'interrupted', finished_at = ?,"
            " error = 'the process stopped before the run finished' WHERE status = 'running'"
            " RETURNING run_id",
            [_now()],
        ).fetchall()
        return len(rows)

    def finish_run(
        self, run_id: str, status: str, counts: dict[str, int], error: str | None
    ) -> None:
        columns = (
            "sources_ok",
            "sources_unchanged",
            "sources_failed",
            "sources_skipped",
            "sources_refused",
            "sources_gone",
            "documents_analysed",
            "claims_added",
            "pairs",
            "contradictions",
        )
        assignments = ", ".join(f"{c} = ?" for c in columns)
        self.con.execute(
            f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {assignments}"
            " WHERE run_id = ?",
            [_now(), status, error, *(counts.get(c, 0) for c in columns), run_id],
        )

    # -- cases and sources -----------------------------------------------------------------------

    def save_cases(self, cases: Sequence[Case], kind: str = "case") -> None:
        """Insert or update cases with their parties and sources; rows already as given are
        not written again (a nightly rerun of the same seeds writes nothing here)."""
        stored_cases = set(self.con.execute("SELECT case_id, title, kind FROM cases").fetchall())
        stored_parties = {
            (c, p, n, tuple(a), neutral)
            for c, p, n, a, neutral in self.con.execute(
                "SELECT case_id, party_id, name, aliases, neutral FROM parties"
            ).fetchall()
        }
        # one statement per table, each key once (DuckDB refuses to update a row twice in one)
        new_cases = {
            c.id: [c.id, c.title, kind] for c in cases if (c.id, c.title, kind) not in stored_cases
        }
        new_parties = {
            (c.id, p.id): [c.id, p.id, p.name, list(p.aliases), p.neutral]
            for c in cases
            for p in c.parties
            if (c.id, p.id, p.name, p.aliases, p.neutral) not in stored_parties
        }
        with self.transaction():
            self.insert_rows(
                "cases",
                ("case_id", "title", "kind"),
                new_cases.values(),
                "ON CONFLICT DO UPDATE SET title = excluded.title, kind = excluded.kind",
            )
            self.insert_rows(
                "parties",
                ("case_id", "party_id", "name", "aliases", "neutral"),
                new_parties.values(),
                "ON CONFLICT DO UPDATE SET name = excluded.name, aliases = excluded.aliases,"
                " neutral = excluded.neutral",
            )
            self.save_sources([s for case in cases for s in case.sources])

    def save_sources(self, sources: Sequence[Source], update: bool = True) -> None:
        """Insert sources as 'new', or update their case, party and role (unless not `update`);
        rows already as given are not written again."""
        stored = {
            row[0]: Source(*row)
            for row in self.con.execute(
                "SELECT source_id, case_id, location, party_id, role, feed_id, published"
                " FROM sources"
            ).fetchall()
        }
        sources = [s for s in sources if stored.get(s.source_id) != s]
        if not update:
            sources = [s for s in sources if s.source_id not in stored]
        conflict = (
            "ON CONFLICT DO UPDATE SET case_id = excluded.case_id, party_id = excluded.party_id,"
            " role = excluded.role, kind = excluded.kind, feed_id = excluded.feed_id,"
            " published = coalesce(excluded.published, published)"
            if update
            else "ON CONFLICT DO NOTHING"
        )
        self.insert_rows(
            "sources",
            SOURCE_COLUMNS,
            (
                [
                    s.source_id,
                    s.case_id,
                    s.location,
                    s.party,
                    s.role,
                    "new",
                    "entry" if s.feed_id else "page",
                    s.feed_id,
                    s.published,
                ]
                for s in {s.source_id: s for s in sources}.values()
            ),
            conflict,
        )

    # -- feeds and their entries -----------------------------------------------------------------

    def feed_state(self, feed_id: str) -> FetchState | None:
        row = self.con.execute(
            "SELECT etag, last_modified, content_hash FROM feeds WHERE feed_id = ?"
            " AND status IN ('ok', 'unchanged')",
            [feed_id],
        ).fetchone()
        return None if row is None else FetchState(*row)

    def record_feed(
        self,
        feed: FeedSpec,
        outcome: SourceOutcome,
        run_id: str,
        state: FetchState | None,
        entries: int,
        sources: Sequence[Source],
    ) -> None:
        """A feed's fetch, with its entries recorded as pending sources, in one transaction: the
        validators are never stored without the entries they listed."""
        with self.transaction():
            self.save_sources(sources, update=False)
            self.con.execute(
                "INSERT INTO feeds (feed_id, kind, url, name, role, status, error, http_status,"
                " etag, last_modified, content_hash, entries, last_run_id, last_fetched_at,"
                " last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO UPDATE SET kind = excluded.kind, url = excluded.url,"
                " name = excluded.name, role = excluded.role, status = excluded.status,"
                " error = excluded.error, http_status = excluded.http_status,"
                " etag = coalesce(excluded.etag, etag),"
                " last_modified = coalesce(excluded.last_modified, last_modified),"
                " content_hash = coalesce(excluded.content_hash, content_hash),"
                " entries = CASE WHEN excluded.status = 'ok' THEN excluded.entries"
                " ELSE entries END,"
                " last_run_id = excluded.last_run_id,"
                " last_fetched_at = coalesce(excluded.last_fetched_at, last_fetched_at),"
                " last_attempt_at = excluded.last_attempt_at",
                [
                    feed.feed_id,
                    feed.kind,
                    feed.url,
                    feed.name,
                    feed.role,
                    outcome.status,
                    outcome.error,
                    outcome.http_status,
                    state.etag if state else None,
                    state.last_modified if state else None,
                    state.content_hash if state else None,
                    entries,
                    run_id,
                    _now() if state else None,
                    _now(),
                ],
            )
            self.record_run_source(run_id, outcome)

    def pending_entries(self) -> list[Source]:
        """Feed entries listed but not stored yet (new, or failed last time)."""
        rows = self.con.execute(
            "SELECT source_id, location, party_id, role, feed_id, published FROM sources"
            " WHERE kind = 'entry' AND document_id IS NULL AND status IN ('new', 'failed')"
            " ORDER BY published NULLS LAST, location"
        ).fetchall()
        return [
            Source(sid, "", loc, party, role, feed_id, published)
            for sid, loc, party, role, feed_id, published in rows
        ]

    def last_attempts(self) -> dict[str, str]:
        """When each source was last tried (ISO text, sortable)."""
        rows = self.con.execute(
            "SELECT source_id, CAST(last_attempt_at AS VARCHAR) FROM sources"
            " WHERE last_attempt_at IS NOT NULL"
        ).fetchall()
        return dict(rows)

    def entry_known(self, source_id: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM sources WHERE source_id = ?", [source_id]
        ).fetchone()
        return bool(row and row[0])

    def story_documents(self) -> list[tuple[Source, str, str]]:
        """The stored feed entries with their story (case), text and document id."""
        rows = self.con.execute(
            "SELECT s.source_id, s.case_id, s.location, s.party_id, s.role, s.feed_id,"
            " s.published, d.text, d.document_id FROM sources s JOIN documents d"
            " USING (document_id) WHERE s.kind = 'entry' ORDER BY s.published NULLS LAST,"
            " s.location"
        ).fetchall()
        return [(Source(*row[:7]), row[7], row[8]) for row in rows]

    def load_document(self, document_id: str) -> Document:
        row = self.con.execute(
            "SELECT document_id, source_id, case_id, url, text, content_hash, title, site_name,"
            " author, published, language, CAST(fetched_at AS VARCHAR), canonical_url"
            " FROM documents WHERE document_id = ?",
            [document_id],
        ).fetchone()
        if row is None:
            raise ClaimtrackError(f"no document {document_id} in the store")
        return Document(*row)

    def entry_claim_texts(self, url: str) -> list[str]:
        """The claim texts of the stored document of a feed entry."""
        rows = self.con.execute(
            "SELECT c.claim_text FROM claims c JOIN sources s ON s.document_id = c.document_id"
            " WHERE s.kind = 'entry' AND s.location = ? ORDER BY c.claim_id",
            [url],
        ).fetchall()
        return [row[0] for row in rows]

    def checkpoint(self) -> None:
        """Write the WAL into the file; a failure (disk full, I/O error) is a StoreError."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc

    def mark_run(self, run_id: str, status: str, error: str) -> None:
        """Change a finished run's status and note why (the snapshot could not be published)."""
        try:
            self.con.execute(
                "UPDATE runs SET status = ?, error = ? WHERE run_id = ?", [status, error, run_id]
            )
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc

    def source_state(self, source_id: str) -> SourceState | None:
        """What the last good fetch of a source left: its document and validators."""
        row = self.con.execute(
            "SELECT s.document_id, s.etag, s.last_modified, d.content_hash, d.analysis_key"
            " FROM sources s JOIN documents d USING (document_id) WHERE s.source_id = ?",
            [source_id],
        ).fetchone()
        return None if row is None else SourceState(*row)

    def record_sources(
        self,
        items: Sequence[tuple[SourceOutcome, str | None, FetchState | None]],
        run_id: str,
    ) -> int:
        """Several outcomes (outcome, fetched at, validators) in one transaction, two statements
        (per-row statements cost more than the fetches they record), and the gone marks of
        their documents (see `_mark_gone`; how many changed is returned). The SQL holds only
        placeholders; a source repeated in `items` keeps its last outcome."""
        latest = {o.source_id: (o, at, state) for o, at, state in items}
        if not latest:
            return 0
        now = _now()
        rows: list[object] = []
        for o, fetched_at, state in latest.values():
            rows += [
                run_id,
                now,
                o.source_id,
                o.status,
                o.error,
                o.document_id,
                fetched_at,
                o.http_status,
                state is not None,
                state.etag if state else None,
                state.last_modified if state else None,
                state.content_hash if state else None,
            ]
        row = (
            "(?::VARCHAR, ?::TIMESTAMPTZ, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR,"
            " ?::TIMESTAMPTZ, ?::INTEGER, ?::BOOLEAN, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR)"
        )
        values = ", ".join([row] * len(latest))
        with self._maybe_transaction():
            self.con.execute(
                "UPDATE sources SET status = v.status, error = v.error,"
                " document_id = coalesce(v.document_id, sources.document_id),"
                " last_run_id = v.run_id,"
                " last_fetched_at = coalesce(v.fetched_at, sources.last_fetched_at),"
                " last_attempt_at = v.attempt_at,"
                " http_status = coalesce(v.http_status, sources.http_status),"
                " etag = CASE WHEN v.has_state THEN v.etag ELSE sources.etag END,"
                " last_modified = CASE WHEN v.has_state THEN v.last_modified"
                " ELSE sources.last_modified END,"
                " content_hash = coalesce(v.content_hash, sources.content_hash)"
                f" FROM (VALUES {values}) AS v(run_id, attempt_at, source_id, status, error,"
                " document_id, fetched_at, http_status, has_state, etag, last_modified,"
                " content_hash) WHERE sources.source_id = v.source_id",
                rows,
            )
            per_run = [
                x
                for o, _, _ in latest.values()
                for x in (run_id, o.source_id, o.status, o.error, o.http_status)
            ]
            row = "(?::VARCHAR, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR, ?::INTEGER)"
            self.con.execute(
                "INSERT INTO run_sources SELECT * FROM (VALUES "
                + ", ".join([row] * len(latest))
                + ") ON CONFLICT DO UPDATE SET status = excluded.status, error = excluded.error,"
                " http_status = excluded.http_status",
                per_run,
            )
            return self._mark_gone([o for o, _, _ in latest.values()], now)

    def _mark_gone(self, outcomes: Sequence[SourceOutcome], now: datetime) -> int:
        """Mark the documents of gone sources with their status (keeping when they first went),
        clear the mark of those whose page answers again; how many marks changed."""
        changed = 0
        for o in outcomes:
            if o.status == "gone" and o.document_id:
                changed += len(
                    self.con.execute(
                        "UPDATE documents SET gone_status = ?, gone_since = coalesce(gone_since, ?)"
                        " WHERE document_id = ? AND gone_status IS DISTINCT FROM ?"
                        " RETURNING document_id",
                        [o.http_status, now, o.document_id, o.http_status],
                    ).fetchall()
                )
        back = [
            o.document_id for o in outcomes if o.status in ("ok", "unchanged") and o.document_id
        ]
        if back:
            changed += len(
                self.con.execute(
                    "UPDATE documents SET gone_status = NULL, gone_since = NULL"
                    " WHERE gone_status IS NOT NULL AND document_id IN"
                    " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) RETURNING document_id",
                    [json.dumps(back)],
                ).fetchall()
            )
        return changed

    def record_run_source(self, run_id: str, outcome: SourceOutcome) -> None:
        self.con.execute(
            "INSERT INTO run_sources VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
            " status = excluded.status, error = excluded.error,"
            " http_status = excluded.http_status",
            [run_id, outcome.source_id, outcome.status, outcome.error, outcome.http_status],
        )

    @contextmanager
    def _maybe_transaction(self) -> Iterator[None]:
        """A transaction, unless the caller already holds one."""
        if self._in_transaction:
            yield
            return
        with self.transaction():
            yield

    def document_with_content(self, case_id: str, content_hash: str) -> str | None:
        """The id of a stored document of `case_id` with this exact text, if any."""
        row = self.con.execute(
            "SELECT min(document_id) FROM documents WHERE case_id = ? AND content_hash = ?",
            [case_id, content_hash],
        ).fetchone()
        return row[0] if row else None

    # -- documents, entities, claims -------------------------------------------------------------

    def analysis_key(self, document_id: str) -> str | None:
        row = self.con.execute(
            "SELECT analysis_key FROM documents WHERE document_id = ?", [document_id]
        ).fetchone()
        return row[0] if row else None

    def replace_document(
        self,
        document: Document,
        analysis_key: str,
        entities: Sequence[Entity],
        claims: Sequence[Claim],
        extractor_version: str,
        outcome: SourceOutcome,
        run_id: str,
        state: FetchState | None = None,
        replaces: str | None = None,
    ) -> None:
        """Write a document with its entities and claims, and its source's outcome and
        validators, atomically: a run killed before the commit leaves the last good version.
        `replaces` names a stored document this one takes the place of (deleted with it)."""
        item = AnalysedDocument(
            document, analysis_key, tuple(entities), tuple(claims), outcome, state, replaces
        )
        self.replace_documents([item], extractor_version, run_id)

    def replace_documents(
        self, items: Sequence[AnalysedDocument], extractor_version: str, run_id: str
    ) -> None:
        """Write documents with their entities and claims, and their sources' outcomes and
        validators, in one transaction: a chunk of documents costs a few statements, not a few
        per document, and a run killed before the commit leaves the last good versions."""
        old = [i.document.document_id for i in items] + [i.replaces for i in items if i.replaces]
        ids = json.dumps(list(dict.fromkeys(old)))
        with self.transaction():
            for table in ("entities", "claims", "documents"):
                self.con.execute(
                    f"DELETE FROM {table} WHERE document_id IN"
                    " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
                    [ids],
                )
            self.insert_rows(
                "documents",
                DOCUMENT_COLUMNS,
                (
                    [
                        *_document_values(i.document),
                        i.analysis_key,
                        i.document.fetched_at,
                        i.document.canonical_url,
                    ]
                    for i in items
                ),
            )
            self.insert_rows(
                "entities",
                ENTITY_COLUMNS,
                (
                    [
                        stable_id(i.document.document_id, e.start, e.end, e.label),
                        i.document.document_id,
                        e.text,
                        e.label,
                        e.start,
                        e.end,
                    ]
                    for i in items
                    # a repeated key would be dropped silently
                    for e in {(e.start, e.end, e.label): e for e in i.entities}.values()
                ),
            )
            self.insert_rows(
                "claims",
                CLAIM_COLUMNS,
                (
                    _claim_values(i.document, c, extractor_version)
                    for i in items
                    for c in {c.claim_id: c for c in i.claims}.values()
                ),
            )
            self.record_sources(
                [(i.outcome, i.document.fetched_at, i.state) for i in items], run_id
            )

    def case_claims(self, case_id: str) -> list[Claim]:
        rows = self.con.execute(
            "SELECT c.claim_id, c.document_id, c.party_id, c.kind, c.speaker_name, c.speaker_text,"
            " c.speaker_start, c.speaker_end, c.cue_text, c.cue_start, c.cue_end, c.content_text,"
            " c.content_start, c.content_end, c.sentence_start, c.sentence_end, c.polarity,"
            " c.hedged, c.entities, c.content_parts, c.quantities, c.dates, d.text"
            " FROM claims c JOIN documents d USING (document_id)"
            " WHERE c.case_id = ? ORDER BY c.claim_id",
            [case_id],
        ).fetchall()
        return [_claim_from_row(row) for row in rows]

    # -- embeddings ------------------------------------------------------------------------------

    def embeddings(self, hashes: Iterable[str]) -> dict[str, Vector]:
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        # the hashes travel as one JSON parameter (see insert_rows)
        rows = self.con.execute(
            "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN"
            " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
            [MODEL_NAME, json.dumps(wanted)],
        ).fetchall()
        return {h: np.asarray(v, dtype=np.float32) for h, v in rows}

    def texts_without_embeddings(self, case_ids: Sequence[str]) -> list[str]:
        """The distinct claim texts of `case_ids` that have no stored embedding yet."""
        rows = self.con.execute(
            "SELECT DISTINCT c.claim_text FROM claims c LEFT JOIN embeddings e"
            " ON e.text_hash = c.text_hash AND e.model = ?"
            " WHERE e.text_hash IS NULL AND c.case_id IN"
            " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) ORDER BY 1",
            [MODEL_NAME, json.dumps(list(case_ids))],
        ).fetchall()
        return [row[0] for row in rows]

    def save_embeddings(self, vectors: dict[str, Vector]) -> None:
        if not vectors:
            return
        with self.transaction():
            self.insert_rows(
                "embeddings",
                ("text_hash", "model", "vector"),
                ([h, MODEL_NAME, v.tolist()] for h, v in vectors.items()),
                on_conflict="ON CONFLICT DO NOTHING",
            )

    # -- pairs -----------------------------------------------------------------------------------

    def replace_pairs(
        self,
        case_id: str,
        pairs: Sequence[ClaimPair],
        verdict_version: str,
        points: Sequence[ContestedPoint] = (),
        pairs_key: str | None = None,
    ) -> None:
        """Make the case's pairs and contested points exactly `pairs` and `points`, in one
        transaction."""
        rows = {p.pair_id: p for p in pairs}
        with self.transaction():
            self.con.execute("DELETE FROM claim_pairs WHERE case_id = ?", [case_id])
            self.con.execute("DELETE FROM contested_points WHERE case_id = ?", [case_id])
            self.con.execute(
                "UPDATE cases SET pairs_key = ? WHERE case_id = ?", [pairs_key, case_id]
            )
            self.insert_rows(
                "contested_points",
                ("point_id", "case_id", "label", "type", "score", "pair_ids"),
                ([p.point_id, case_id, p.label, p.type, p.score, list(p.pair_ids)] for p in points),
            )
            self.insert_rows(
                "claim_pairs",
                PAIR_COLUMNS,
                (
                    [
                        p.pair_id,
                        case_id,
                        p.claim_a,
                        p.claim_b,
                        p.similarity,
                        p.verdict.label,
                        p.verdict.score,
                        p.verdict.type,
                        p.verdict.reason,
                        list(p.verdict.evidence),
                        verdict_version,
                    ]
                    for p in rows.values()
                ),
            )

    def case_inputs(self, case_id: str) -> tuple[str | None, str]:
        """The key its pairs were computed from, and what its documents' analyses are now."""
        row = self.con.execute(
            "SELECT (SELECT pairs_key FROM cases WHERE case_id = ?),"
            " coalesce(string_agg(analysis_key, ',' ORDER BY document_id), '')"
            " FROM documents WHERE case_id = ?",
            [case_id, case_id],
        ).fetchone()
        return (row[0], row[1]) if row else (None, "")

    # -- queries ---------------------------------------------------------------------------------

    def source_listing(self) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Every feed, sitemap and source: kind, case or story, location, last fetch, status."""
        return self.query(
            "SELECT * FROM (SELECT kind, '' AS case_id, url AS location, role,"
            " last_fetched_at, last_attempt_at, http_status, status, error FROM feeds"
            " UNION ALL SELECT kind, case_id, location, role, last_fetched_at, last_attempt_at,"
            " http_status, status, error FROM sources)"
            " ORDER BY kind <> 'page', kind, case_id, location"
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
            raise self._query_error(exc) from None

    def _query_error(self, exc: Exception) -> ClaimtrackError:
        """A damaged file or a full disk is the store's problem, not the query's."""
        message = str(exc)
        if _DAMAGED.search(message) or _DISK_FULL.search(message):
            return store_error(self.path, exc)
        return QueryError(_one_line(exc))

    def table_counts(self) -> dict[str, int]:
        tables = (
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
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


def _document_values(d: Document) -> list[object]:
    return [
        d.document_id,
        d.source_id,
        d.case_id,
        d.url,
        d.title,
        d.site_name,
        d.author,
        d.published,
        d.language,
        d.text,
        d.content_hash,
    ]


def _claim_values(d: Document, c: Claim, extractor_version: str) -> list[object]:
    return [
        c.claim_id,
        d.document_id,
        d.case_id,
        c.party,
        c.kind,
        c.speaker_name,
        *_span_values(c.speaker),
        *_span_values(c.cue),
        c.content.text,
        c.content.start,
        c.content.end,
        c.sentence.start,
        c.sentence.end,
        c.polarity,
        c.hedged,
        list(c.entities),
        text_hash(c.text),
        extractor_version,
        c.text,
        [{"start": p.start, "end": p.end} for p in c.pieces],
        list(c.quantities),
        list(c.dates),
    ]


def _span_values(span: Span | None) -> tuple[str | None, int | None, int | None]:
    return (None, None, None) if span is None else (span.text, span.start, span.end)


def _claim_from_row(row: tuple[Any, ...]) -> Claim:
    (
        claim_id,
        document_id,
        party,
        kind,
        speaker_name,
        s_text,
        s_start,
        s_end,
        c_text,
        c_start,
        c_end,
        content_text,
        content_start,
        content_end,
        sent_start,
        sent_end,
        polarity,
        hedged,
        entities,
        content_parts,
        quantities,
        dates,
        doc_text,
    ) = row
    parts = tuple(
        Span(doc_text[p["start"] : p["end"]], p["start"], p["end"]) for p in content_parts
    )
    return Claim(
        parts=parts if len(parts) > 1 else (),
        quantities=tuple(quantities),
        dates=tuple(dates),
        kind=kind,
        content=Span(content_text, content_start, content_end),
        sentence=Span(doc_text[sent_start:sent_end], sent_start, sent_end),
        speaker=None if s_text is None else Span(s_text, s_start, s_end),
        cue=None if c_text is None else Span(c_text, c_start, c_end),
        polarity=polarity,
        hedged=hedged,
        speaker_name=speaker_name,
        party=party,
        claim_id=claim_id,
        document_id=document_id,
        entities=tuple(entities),
    )


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
    message = _one_line(exc)
    if _DAMAGED.search(message):
        return StoreDamagedError(
            f"store {path} is damaged ({message}); restore it from a backup (a damaged"
            " snapshot is replaced by the next run)"
        )
    if _DISK_FULL.search(message):
        return StoreError(f"store {path}: the disk is full ({message})")
    return StoreError(f"store {path}: {message}")


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
        return StoreLockedError(f"store {path} is locked by another process: {_one_line(exc)}")
    return ClaimtrackError(f"cannot open store {path}: {_one_line(exc)}")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _now() -> datetime:
    return datetime.now(UTC)
