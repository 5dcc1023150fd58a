"""What becomes of a fetched document in a run: a duplicate of another source's, unchanged since
its last analysis, or pending analysis.

A document is claimed by the first source of the run that brings it (by document id, or by its
case and text); another source bringing the same document, or the same text as a document the
store already holds for the case, is a duplicate and stored once. A document whose analysis key
(see `keys`) is the stored one is unchanged and not analysed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import Case, Document, FetchState, Page, Source, SourceOutcome
from pipeline.runner.keys import analysis_key
from pipeline.store import Store


@dataclass(frozen=True)
class Pending:
    """A fetched document to analyse and store."""

    case: Case
    source: Source
    document: Document
    key: str
    state: FetchState
    http_status: int | None
    replaces: str | None = None  # a stored document this one takes the place of


@dataclass(frozen=True)
class Settled:
    """A source done with for this run without a document to store: its outcome, when it was
    fetched and what the fetch left for the next one."""

    outcome: SourceOutcome
    location: str
    fetched_at: str | None = None
    state: FetchState | None = None


class ClaimedDocuments:
    """The source that first brought each document in this run, by document id and by case and
    text."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def first(self, document: Document, case_id: str) -> str | None:
        return self._first.get(document.document_id) or self._first.get(
            _content_key(document, case_id)
        )

    def claim(self, document: Document, case_id: str, source_id: str) -> None:
        self._first[document.document_id] = source_id
        self._first[_content_key(document, case_id)] = source_id


def classify(
    case: Case,
    source: Source,
    page: Page | None,
    document: Document,
    *,
    store: Store | None,
    claimed: ClaimedDocuments,
    replaces: str | None = None,
) -> Pending | Settled:
    """Duplicate, unchanged, or to analyse (`page` is None for a stored document that moves to
    another story, replacing the document `replaces`); `store` (None: there is none yet) is
    only read."""
    doc_id = document.document_id
    http_status = page.status if page else None
    fetched_at = page.fetched_at if page else None
    state = FetchState(
        page.etag if page else None, page.last_modified if page else None, document.content_hash
    )
    same_text = store.documents.with_content(case.id, document.content_hash) if store else None
    first = claimed.first(document, case.id)
    if first is None and same_text not in (None, doc_id, replaces):
        first = same_text
    if first is not None and first != source.source_id:
        note = f"{source.location}: same document as another source of the case, stored once"
        outcome = SourceOutcome(source.source_id, "duplicate", note, None, http_status)
        return Settled(outcome, source.location, fetched_at)
    claimed.claim(document, case.id, source.source_id)
    key = analysis_key(document.content_hash, case, source)
    if store is not None and store.documents.analysis_key(doc_id) == key:
        outcome = SourceOutcome(source.source_id, "unchanged", None, doc_id, http_status)
        return Settled(outcome, source.location, fetched_at, state)
    return Pending(case, source, document, key, state, http_status, replaces)


def _content_key(document: Document, case_id: str) -> str:
    return f"{case_id}\x1f{document.content_hash}"
