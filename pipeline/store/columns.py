"""The one place that names the columns the pipeline writes, and rows read back by name.

Each `...Row` below lists the columns written to one table, in the order of its `Table`; mypy
checks that every row built for it has exactly those. A row read back is a dict by column name
(`dict_rows`), and a record is built from one by field name (`record`), never by position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar

from pipeline.records import Document, FetchState, Source

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")
Row = dict[str, Any]


class RunRow(TypedDict):
    run_id: str
    started_at: datetime
    status: str
    seeds: str
    claimtrack_version: str
    duckdb_version: str
    storage_version: str | None
    pid: int


class RunSourceRow(TypedDict):
    run_id: str
    source_id: str  # sources.source_id or feeds.feed_id
    status: str
    error: str | None
    http_status: int | None


class CaseRow(TypedDict):
    case_id: str
    title: str
    kind: str


class PartyRow(TypedDict):
    case_id: str
    party_id: str
    name: str
    aliases: list[str]
    neutral: bool


class SourceRow(TypedDict):
    source_id: str
    case_id: str
    location: str
    party_id: str
    role: str
    status: str
    kind: str
    feed_id: str | None
    published: str | None


class FeedRow(TypedDict):
    feed_id: str
    kind: str
    url: str
    name: str
    role: str
    status: str
    error: str | None
    http_status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    entries: int
    last_run_id: str
    last_fetched_at: datetime | None
    last_attempt_at: datetime


class DocumentRow(TypedDict):
    document_id: str
    source_id: str
    case_id: str
    url: str
    title: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None
    text: str
    content_hash: str
    analysis_key: str
    fetched_at: str
    canonical_url: str | None
    version_id: str


class VersionRow(TypedDict):
    version_id: str
    document_id: str
    source_id: str
    case_id: str
    url: str
    canonical_url: str | None
    title: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None
    text: str
    text_hash: str
    content_hash: str
    analysis_key: str
    fetched_at: str
    first_seen_run: str
    first_seen_at: str
    last_seen_run: str
    last_seen_at: str
    corrections: list[str]


class ChangeRow(TypedDict):
    change_id: str
    document_id: str
    case_id: str
    from_version: str
    to_version: str
    run_id: str
    changed_at: str
    kind: str
    seq: int
    old_text: str | None
    new_text: str | None
    claim_key: str | None
    pair_key: str | None
    other_party: str | None
    other_text: str | None


class EntityRow(TypedDict):
    entity_id: str
    document_id: str
    text: str
    label: str
    start_char: int
    end_char: int


class PieceRow(TypedDict):
    start: int
    end: int


class ClaimRow(TypedDict):
    claim_id: str
    document_id: str
    case_id: str
    party_id: str | None
    kind: str
    speaker_name: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    content_text: str
    content_start: int
    content_end: int
    sentence_start: int
    sentence_end: int
    polarity: str
    hedged: bool
    entities: list[str]
    text_hash: str
    extractor_version: str
    claim_text: str
    content_parts: list[PieceRow]
    quantities: list[str]
    dates: list[str]
    version_id: str
    claim_key: str  # the same claim in another version of its document has the same key
    first_seen_run: str
    first_seen_at: str


class EmbeddingRow(TypedDict):
    text_hash: str
    model: str
    vector: list[float]


class ModelScoreRow(TypedDict):
    score_key: str
    model_version: str
    scores: list[float]


class PairRow(TypedDict):
    pair_id: str
    case_id: str
    claim_a: str
    claim_b: str
    similarity: float
    label: str
    score: float
    type: str
    reason: str
    evidence: list[str]
    verdict_version: str
    pair_key: str  # both claims' keys and the label: the same pair judged again keeps it
    version_a: str | None  # the document versions its claims were read from
    version_b: str | None
    first_seen_run: str
    first_seen_at: str


class PointRow(TypedDict):
    point_id: str
    case_id: str
    label: str
    type: str
    score: float
    pair_ids: list[str]  # claim_pairs.pair_id
    first_seen_run: str
    first_seen_at: str


@dataclass(frozen=True)
class Table:
    """A table and the columns the pipeline writes to it."""

    name: str
    columns: tuple[str, ...]


def _table(name: str, row: Any) -> Table:
    return Table(name, tuple(row.__annotations__))


RUNS = _table("runs", RunRow)
RUN_SOURCES = _table("run_sources", RunSourceRow)
CASES = _table("cases", CaseRow)
PARTIES = _table("parties", PartyRow)
SOURCES = _table("sources", SourceRow)
FEEDS = _table("feeds", FeedRow)
DOCUMENTS = _table("documents", DocumentRow)
VERSIONS = _table("document_versions", VersionRow)
CHANGES = _table("version_changes", ChangeRow)
ENTITIES = _table("entities", EntityRow)
CLAIMS = _table("claims", ClaimRow)
EMBEDDINGS = _table("embeddings", EmbeddingRow)
MODEL_SCORES = _table("model_scores", ModelScoreRow)
PAIRS = _table("claim_pairs", PairRow)
POINTS = _table("contested_points", PointRow)

# a run's counts, written when it finishes
RUN_COUNTS = (
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
    "versions_new",
    "claims_new",
    "pairs_new",
    "contradictions_new",
    "points_new",
)


def select_list(table: Table, alias: str) -> str:
    """`table`'s columns for a SELECT, each taken from `alias` under its own name."""
    return ", ".join(f'{alias}."{c}"' for c in table.columns)


def dict_rows(cursor: Any) -> list[Row]:
    """The rows of an executed DuckDB cursor, each a dict by column name."""
    names = [d[0] for d in cursor.description] if cursor.description else []
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()] if names else []


def first_row(cursor: Any) -> Row | None:
    """The first row of an executed DuckDB cursor as a dict by column name, if any."""
    values = cursor.fetchone()
    return (
        None
        if values is None
        else dict(zip([d[0] for d in cursor.description], values, strict=True))
    )


def one_value(cursor: Any) -> Any:
    """The value of a one-column query's first row (None when there is no row)."""
    values = cursor.fetchone()
    return None if values is None else values[0]


def one_column(cursor: Any) -> list[Any]:
    """The values of a one-column query, a row each."""
    return [values[0] for values in cursor.fetchall()]


class RecordReader(Generic[R]):
    """Records of type `cls` read from rows by name: each field from the column of its own
    name, or from the SQL expression `columns` gives for it (`party="party_id"`)."""

    def __init__(self, cls: type[R], **columns: str) -> None:
        self.cls = cls
        self.columns = {f.name: columns.get(f.name, f.name) for f in fields(cls)}

    def select(self, alias: str = "") -> str:
        """The SELECT list that names each column after its field (`alias`: the table's)."""
        prefix = f"{alias}." if alias else ""
        return ", ".join(
            f'{prefix}"{sql}" AS "{name}"' if sql.isidentifier() else f'{sql} AS "{name}"'
            for name, sql in self.columns.items()
        )

    def build(self, row: Mapping[str, Any]) -> R:
        """The record of a row read with `select` (other columns in it are left out)."""
        return self.cls(**{name: row[name] for name in self.columns})


# the records read back from the tables (a field named as its column needs no entry)
SOURCE = RecordReader(Source, party="party_id")
ENTRY = RecordReader(Source, party="party_id", case_id="''")  # its story is not known yet
DOCUMENT = RecordReader(Document, fetched_at="CAST(fetched_at AS VARCHAR)")
FETCH_STATE = RecordReader(FetchState)
