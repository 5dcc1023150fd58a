"""A case's documents (outlet, role, date, link) and its claims per side per day, read from the
store for the top of a case's report and its chart over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.store import Store


@dataclass(frozen=True)
class ReportDocument:
    outlet: str  # the party that published it
    role: str  # report, rebuttal or coverage
    title: str | None
    url: str
    published: str | None  # the page's own date, else the day it was fetched
    claims: int


@dataclass(frozen=True)
class ClaimsOnDay:
    """How many claims one side made in the documents of one day."""

    day: str
    party: str
    claims: int


_DOCUMENTS_SQL = """
SELECT p.name AS outlet, s.role, d.title, d.url,
       coalesce(d.published, CAST(CAST(d.fetched_at AS DATE) AS VARCHAR)) AS published,
       (SELECT count(*) FROM claims c WHERE c.document_id = d.document_id) AS claims
FROM documents d JOIN sources s USING (source_id)
JOIN parties p ON p.case_id = s.case_id AND p.party_id = s.party_id
WHERE d.case_id = ?
ORDER BY s.role = 'report' DESC, s.role = 'rebuttal' DESC, published, d.url
"""
# a claim's side is the party it speaks for (a spokesperson quoted in the paper: the company)
_DAYS_SQL = """
SELECT CAST(document_date AS VARCHAR) AS day, party_name AS party, count(*) AS claims
FROM v_claims WHERE case_id = ? AND NOT neutral AND party_name IS NOT NULL
  AND (CAST(? AS DATE) IS NULL OR document_date >= CAST(? AS DATE))
GROUP BY ALL ORDER BY day, party
"""


def case_documents(store: Store, case_id: str) -> tuple[ReportDocument, ...]:
    return tuple(
        ReportDocument(
            outlet=row["outlet"],
            role=row["role"],
            title=row["title"],
            url=row["url"],
            published=row["published"],
            claims=int(row["claims"]),
        )
        for row in store.rows(_DOCUMENTS_SQL, [case_id])
    )


def claims_per_day(store: Store, case_id: str, since: date | None) -> tuple[ClaimsOnDay, ...]:
    return tuple(
        ClaimsOnDay(day=row["day"], party=row["party"], claims=int(row["claims"]))
        for row in store.rows(_DAYS_SQL, [case_id, since, since])
    )
