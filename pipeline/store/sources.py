"""Cases, their parties and sources, and what each fetch of a source did (its outcome per run).

A source whose page has gone (404 or 410) keeps its document, marked gone until the page
answers again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pipeline.records import Case, FetchState, Source, SourceOutcome, SourceState
from pipeline.store.columns import (
    CASES,
    PARTIES,
    RUN_SOURCES,
    SOURCE,
    SOURCES,
    CaseRow,
    PartyRow,
    RunSourceRow,
    SourceRow,
    dict_rows,
    first_row,
)
from pipeline.store.connection import Connection, now

# what an outcome writes to its source's row, and the SQL type of each value
_OUTCOME_VALUES = {
    "run_id": "VARCHAR",
    "attempt_at": "TIMESTAMPTZ",
    "source_id": "VARCHAR",
    "status": "VARCHAR",
    "error": "VARCHAR",
    "document_id": "VARCHAR",
    "fetched_at": "TIMESTAMPTZ",
    "http_status": "INTEGER",
    "has_state": "BOOLEAN",
    "etag": "VARCHAR",
    "last_modified": "VARCHAR",
    "content_hash": "VARCHAR",
}
_RUN_SOURCE_CONFLICT = (
    "ON CONFLICT DO UPDATE SET status = excluded.status, error = excluded.error,"
    " http_status = excluded.http_status"
)


class Sources:
    """The cases, parties and sources the seeds and feeds declare, and their fetch outcomes."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def save_cases(self, cases: Sequence[Case], kind: str = "case") -> None:
        """Insert or update cases with their parties and sources; rows already as given are
        not written again (a nightly rerun of the same seeds writes nothing here)."""
        con = self._db.con
        stored_cases = {
            row["case_id"]: row
            for row in dict_rows(con.execute(f"SELECT {', '.join(CASES.columns)} FROM cases"))
        }
        stored_parties = {
            (row["case_id"], row["party_id"]): row
            for row in dict_rows(con.execute(f"SELECT {', '.join(PARTIES.columns)} FROM parties"))
        }
        case_rows = [CaseRow(case_id=c.id, title=c.title, kind=kind) for c in cases]
        party_rows = [
            PartyRow(
                case_id=c.id, party_id=p.id, name=p.name, aliases=list(p.aliases), neutral=p.neutral
            )
            for c in cases
            for p in c.parties
        ]
        # one statement per table, each key once (DuckDB refuses to update a row twice in one)
        new_cases = {r["case_id"]: r for r in case_rows if stored_cases.get(r["case_id"]) != r}
        new_parties = {
            (r["case_id"], r["party_id"]): r
            for r in party_rows
            if stored_parties.get((r["case_id"], r["party_id"])) != r
        }
        with self._db.transaction():
            self._db.insert_rows(
                CASES,
                new_cases.values(),
                "ON CONFLICT DO UPDATE SET title = excluded.title, kind = excluded.kind",
            )
            self._db.insert_rows(
                PARTIES,
                new_parties.values(),
                "ON CONFLICT DO UPDATE SET name = excluded.name, aliases = excluded.aliases,"
                " neutral = excluded.neutral",
            )
            self.save([s for case in cases for s in case.sources])

    def save(self, sources: Sequence[Source], update: bool = True) -> None:
        """Insert sources as 'new', or update their case, party and role (unless not `update`);
        rows already as given are not written again."""
        stored = {
            row["source_id"]: SOURCE.build(row)
            for row in dict_rows(self._db.con.execute(f"SELECT {SOURCE.select()} FROM sources"))
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
        self._db.insert_rows(
            SOURCES,
            (
                SourceRow(
                    source_id=s.source_id,
                    case_id=s.case_id,
                    location=s.location,
                    party_id=s.party,
                    role=s.role,
                    status="new",
                    kind="entry" if s.feed_id else "page",
                    feed_id=s.feed_id,
                    published=s.published,
                )
                for s in {s.source_id: s for s in sources}.values()
            ),
            conflict,
        )

    def state(self, source_id: str) -> SourceState | None:
        """What the last good fetch of a source left: its document and validators."""
        row = first_row(
            self._db.con.execute(
                "SELECT s.document_id, s.etag, s.last_modified, d.content_hash, d.analysis_key"
                " FROM sources s JOIN documents d USING (document_id) WHERE s.source_id = ?",
                [source_id],
            )
        )
        return None if row is None else SourceState(**row)

    def last_attempts(self) -> dict[str, str]:
        """When each source was last tried (ISO text, sortable)."""
        rows = dict_rows(
            self._db.con.execute(
                "SELECT source_id, CAST(last_attempt_at AS VARCHAR) AS attempted FROM sources"
                " WHERE last_attempt_at IS NOT NULL"
            )
        )
        return {row["source_id"]: row["attempted"] for row in rows}

    def record_outcomes(
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
        attempt_at = now()
        values: list[dict[str, Any]] = [
            {
                "run_id": run_id,
                "attempt_at": attempt_at,
                "source_id": o.source_id,
                "status": o.status,
                "error": o.error,
                "document_id": o.document_id,
                "fetched_at": fetched_at,
                "http_status": o.http_status,
                "has_state": state is not None,
                "etag": state.etag if state else None,
                "last_modified": state.last_modified if state else None,
                "content_hash": state.content_hash if state else None,
            }
            for o, fetched_at, state in latest.values()
        ]
        one = "(" + ", ".join(f"?::{t}" for t in _OUTCOME_VALUES.values()) + ")"
        with self._db.transaction():
            self._db.con.execute(
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
                f" FROM (VALUES {', '.join([one] * len(values))})"
                f" AS v({', '.join(_OUTCOME_VALUES)}) WHERE sources.source_id = v.source_id",
                [row[c] for row in values for c in _OUTCOME_VALUES],
            )
            self._db.insert_values(
                RUN_SOURCES,
                [_run_source_row(run_id, o) for o, _, _ in latest.values()],
                _RUN_SOURCE_CONFLICT,
            )
            self._mark_seen([o for o, _, _ in latest.values()], run_id, attempt_at)
            return self._mark_gone([o for o, _, _ in latest.values()], run_id, attempt_at)

    def record_run_outcome(self, run_id: str, outcome: SourceOutcome) -> None:
        """What one source (or feed) did in run `run_id`, without touching its row."""
        self._db.insert_values(
            RUN_SOURCES, [_run_source_row(run_id, outcome)], _RUN_SOURCE_CONFLICT
        )

    def _mark_seen(self, outcomes: Sequence[SourceOutcome], run_id: str, at: datetime) -> None:
        """Move on the last sighting of the current versions of the documents whose page
        answered (unchanged or stored again)."""
        seen = [
            o.document_id for o in outcomes if o.status in ("ok", "unchanged") and o.document_id
        ]
        if seen:
            self._db.con.execute(
                "UPDATE document_versions SET last_seen_run = ?, last_seen_at = ?"
                " WHERE version_id IN (SELECT version_id FROM documents WHERE document_id IN"
                " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))))",
                [run_id, at, json.dumps(seen)],
            )

    def _mark_gone(self, outcomes: Sequence[SourceOutcome], run_id: str, at: datetime) -> int:
        """Mark the documents of gone sources with their status (keeping when they first went),
        clear the mark of those whose page answers again; how many marks changed."""
        changed = 0
        for o in outcomes:
            if o.status == "gone" and o.document_id:
                changed += len(
                    self._db.con.execute(
                        "UPDATE documents SET gone_status = ?,"
                        " gone_since = coalesce(gone_since, ?), gone_run = coalesce(gone_run, ?)"
                        " WHERE document_id = ? AND gone_status IS DISTINCT FROM ?"
                        " RETURNING document_id",
                        [o.http_status, at, run_id, o.document_id, o.http_status],
                    ).fetchall()
                )
        back = [
            o.document_id for o in outcomes if o.status in ("ok", "unchanged") and o.document_id
        ]
        if back:
            changed += len(
                self._db.con.execute(
                    "UPDATE documents SET gone_status = NULL, gone_since = NULL, gone_run = NULL"
                    " WHERE gone_status IS NOT NULL AND document_id IN"
                    " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) RETURNING document_id",
                    [json.dumps(back)],
                ).fetchall()
            )
        return changed

    def listing(self, fmt: str, width: int = 100) -> str:
        """Every feed, sitemap and source: kind, case or story, location, last fetch, status;
        as text in `fmt` (see `sql_output.relation_text`)."""
        return self._db.output(
            "SELECT * FROM (SELECT kind, '' AS case_id, url AS location, role,"
            " last_fetched_at, last_attempt_at, http_status, status, error FROM feeds"
            " UNION ALL SELECT kind, case_id, location, role, last_fetched_at, last_attempt_at,"
            " http_status, status, error FROM sources)"
            " ORDER BY kind <> 'page', kind, case_id, location",
            fmt,
            width,
            max_rows=1_000_000,
        )


def _run_source_row(run_id: str, outcome: SourceOutcome) -> RunSourceRow:
    return RunSourceRow(
        run_id=run_id,
        source_id=outcome.source_id,
        status=outcome.status,
        error=outcome.error,
        http_status=outcome.http_status,
    )
