"""Feeds and sitemaps: each one's last fetch, and the entries they list (pending sources until
fetched, then stored documents grouped into stories)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pipeline.records import FetchState, Source, SourceOutcome
from pipeline.store.columns import (
    ENTRY,
    FEEDS,
    FETCH_STATE,
    SOURCE,
    FeedRow,
    dict_rows,
    first_row,
    one_column,
    one_value,
)
from pipeline.store.connection import Connection, now
from pipeline.store.sources import Sources


class DeclaredFeed(Protocol):
    """What the store keeps of a feed's declaration (`pipeline.seeds.FeedSpec`)."""

    @property
    def feed_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...


class Feeds:
    """The feeds and sitemaps of the seeds, and the entries found in them."""

    def __init__(self, db: Connection, sources: Sources) -> None:
        self._db = db
        self._sources = sources

    def state(self, feed_id: str) -> FetchState | None:
        """The validators of the feed's last good fetch, if any."""
        row = first_row(
            self._db.con.execute(
                f"SELECT {FETCH_STATE.select()} FROM feeds WHERE feed_id = ?"
                " AND status IN ('ok', 'unchanged')",
                [feed_id],
            )
        )
        return None if row is None else FETCH_STATE.build(row)

    def record(
        self,
        feed: DeclaredFeed,
        outcome: SourceOutcome,
        run_id: str,
        state: FetchState | None,
        entries: int,
        sources: Sequence[Source],
    ) -> None:
        """A feed's fetch, with its entries recorded as pending sources, in one transaction: the
        validators are never stored without the entries they listed."""
        at = now()
        row = FeedRow(
            feed_id=feed.feed_id,
            kind=feed.kind,
            url=feed.url,
            name=feed.name,
            role=feed.role,
            status=outcome.status,
            error=outcome.error,
            http_status=outcome.http_status,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
            content_hash=state.content_hash if state else None,
            entries=entries,
            last_run_id=run_id,
            last_fetched_at=at if state else None,
            last_attempt_at=at,
        )
        with self._db.transaction():
            self._sources.save(sources, update=False)
            self._db.insert_values(
                FEEDS,
                [row],
                "ON CONFLICT DO UPDATE SET kind = excluded.kind, url = excluded.url,"
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
            )
            self._sources.record_run_outcome(run_id, outcome)

    def pending_entries(self) -> list[Source]:
        """Feed entries listed but not stored yet (new, or failed last time)."""
        rows = dict_rows(
            self._db.con.execute(
                f"SELECT {ENTRY.select()} FROM sources WHERE kind = 'entry' AND document_id IS NULL"
                " AND status IN ('new', 'failed') ORDER BY published NULLS LAST, location"
            )
        )
        return [ENTRY.build(row) for row in rows]

    def entry_known(self, source_id: str) -> bool:
        count = one_value(
            self._db.con.execute("SELECT count(*) FROM sources WHERE source_id = ?", [source_id])
        )
        return bool(count)

    def story_documents(self) -> list[tuple[Source, str, str]]:
        """The stored feed entries with their story (case), text and document id."""
        rows = dict_rows(
            self._db.con.execute(
                f"SELECT {SOURCE.select('s')}, d.text AS document_text, d.document_id"
                " AS stored_document_id FROM sources s JOIN documents d USING (document_id)"
                " WHERE s.kind = 'entry' ORDER BY s.published NULLS LAST, s.location"
            )
        )
        return [
            (SOURCE.build(row), row["document_text"], row["stored_document_id"]) for row in rows
        ]

    def entry_claim_texts(self, url: str) -> list[str]:
        """The claim texts of the stored document of a feed entry."""
        return one_column(
            self._db.con.execute(
                "SELECT c.claim_text FROM claims c JOIN sources s ON s.document_id = c.document_id"
                " WHERE s.kind = 'entry' AND s.location = ? ORDER BY c.claim_id",
                [url],
            )
        )
