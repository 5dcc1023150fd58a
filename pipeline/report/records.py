"""The records a contradiction report is made of, read from the store.

Per case: its contested points (the contradicting pairs grouped by what the sides dispute), each
pair's two claims side by side with the sentence around each claim, and the pairs on which the
sides agree, and the documents whose page has gone (404 or 410: their text and claims are kept,
each claim from one carries the marker). The renderers (Markdown, HTML, JSON, CSV) are pure
functions of these records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline.store import Store


@dataclass(frozen=True)
class ReportClaim:
    claim_id: str
    party: str
    speaker: str | None
    kind: str
    content: str
    sentence: str
    # the claim's pieces as (start, end) offsets into `sentence`
    in_sentence: tuple[tuple[int, int], ...]
    document_title: str | None
    url: str
    published: str | None
    gone: str | None = None  # "gone (HTTP 410 since 2026-05-01)" when its page has gone


@dataclass(frozen=True)
class GoneDocument:
    """A document whose page now answers 404 or 410; `note` says which and since when."""

    title: str | None
    url: str
    note: str


@dataclass(frozen=True)
class ReportPair:
    pair_id: str
    left: ReportClaim
    right: ReportClaim
    label: str
    score: float
    type: str
    reason: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ReportPoint:
    point_id: str
    label: str
    type: str
    score: float
    pairs: tuple[ReportPair, ...]


@dataclass(frozen=True)
class CaseReport:
    case_id: str
    title: str
    documents: int
    claims: int
    left_party: str | None
    right_party: str | None
    points: tuple[ReportPoint, ...]
    agreements: tuple[ReportPair, ...]
    gone: tuple[GoneDocument, ...] = ()

    @property
    def contradictions(self) -> tuple[ReportPair, ...]:
        return tuple(p for point in self.points for p in point.pairs)


# each side's columns, from the v_claims view (pipeline/store/views.py); the displayed date is
# the page's own, else the day it was fetched
_CLAIM_COLUMNS = """
    {c}.claim_id, {c}.party_id, {c}.party_name, {c}.speaker_name, {c}.kind, {c}.claim_text,
    {c}.sentence, {c}.sentence_start, {c}.content_parts, {c}.document_title, {c}.url,
    coalesce({c}.published, CAST({c}.document_date AS VARCHAR)), {c}.document_id,
    {c}.document_date
"""
_CLAIM_WIDTH = 14
# schema 5 added the gone marks; a store not upgraded yet has none
_GONE_SQL = """
SELECT document_id, title, url, gone_status, CAST(CAST(gone_since AS DATE) AS VARCHAR)
FROM documents WHERE case_id = ? AND gone_status IS NOT NULL ORDER BY url
"""
_PAIRS_SQL = f"""
SELECT p.pair_id, p.label, p.score, p.type, p.reason, p.evidence,
       {_CLAIM_COLUMNS.format(c="a")}, {_CLAIM_COLUMNS.format(c="b")}
FROM claim_pairs p
JOIN v_claims a ON a.claim_id = p.claim_a
JOIN v_claims b ON b.claim_id = p.claim_b
WHERE p.case_id = ? AND p.label IN ('contradicts', 'agrees') AND p.score >= ?
ORDER BY p.score DESC, p.pair_id
"""


def load_reports(
    store: Store,
    case_ids: Sequence[str] | None = None,
    min_score: float = 0.0,
    since: date | None = None,
) -> list[CaseReport]:
    """The reports of the given cases (all when None): pairs scored `min_score` or more, from
    documents dated `since` or later (either side's; undated documents count by fetch day)."""
    _, cases = store.query("SELECT case_id, title FROM cases ORDER BY case_id")
    return [
        _case_report(store, case_id, title, min_score, since)
        for case_id, title in cases
        if case_ids is None or case_id in case_ids
    ]


def _case_report(
    store: Store, case_id: str, title: str, min_score: float, since: date | None
) -> CaseReport:
    _, sides = store.query(
        "SELECT s.party_id, p.name FROM sources s JOIN parties p USING (case_id, party_id)"
        " WHERE s.case_id = ? AND NOT p.neutral ORDER BY s.role = 'report' DESC,"
        " s.role = 'rebuttal', s.source_id",
        [case_id],
    )
    order = list(dict.fromkeys(party for party, _ in sides))
    names = dict(sides)
    gone_rows = store.query(_GONE_SQL, [case_id])[1] if store.schema_version() >= 5 else []
    gone = {doc: f"gone (HTTP {status} since {since})" for doc, _, _, status, since in gone_rows}
    pairs = {}
    for row in store.query(_PAIRS_SQL, [case_id, min_score])[1]:
        a, b = row[6 : 6 + _CLAIM_WIDTH], row[6 + _CLAIM_WIDTH :]
        if since is not None and max(a[-1], b[-1]) < since:
            continue
        left, right = (b, a) if _rank(b[1], order) < _rank(a[1], order) else (a, b)
        pairs[row[0]] = ReportPair(
            pair_id=row[0],
            left=_claim(left, gone),
            right=_claim(right, gone),
            label=row[1],
            score=float(row[2]),
            type=row[3],
            reason=row[4],
            evidence=tuple(row[5]),
        )
    _, point_rows = store.query(
        "SELECT point_id, label, type, score, pair_ids FROM contested_points"
        " WHERE case_id = ? ORDER BY score DESC, label",
        [case_id],
    )
    points = []
    for point_id, label, kind, score, pair_ids in point_rows:
        members = tuple(sorted((pairs[i] for i in pair_ids if i in pairs), key=lambda p: -p.score))
        if members:
            points.append(ReportPoint(point_id, label, kind, float(score), members))
    _, counts = store.query(
        "SELECT (SELECT count(*) FROM documents WHERE case_id = ?),"
        " (SELECT count(*) FROM claims WHERE case_id = ?)",
        [case_id, case_id],
    )
    return CaseReport(
        case_id=case_id,
        title=title,
        documents=int(counts[0][0]),
        claims=int(counts[0][1]),
        left_party=names.get(order[0]) if order else None,
        right_party=names.get(order[1]) if len(order) > 1 else None,
        points=tuple(points),
        agreements=tuple(p for p in pairs.values() if p.label == "agrees"),
        gone=tuple(GoneDocument(title, url, gone[doc]) for doc, title, url, _, _ in gone_rows),
    )


def _rank(party: str, order: list[str]) -> int:
    return order.index(party) if party in order else len(order)


def _claim(values: Sequence[Any], gone: dict[str, str]) -> ReportClaim:
    (claim_id, _, party, speaker, kind, content, sentence, sentence_start, parts, title, url,
     published, document_id, _) = values  # fmt: skip
    length = len(sentence)
    in_sentence = tuple(
        (max(0, p["start"] - sentence_start), min(length, p["end"] - sentence_start))
        for p in parts or ()
        if p["end"] > sentence_start and p["start"] - sentence_start < length
    )
    return ReportClaim(
        claim_id=claim_id,
        party=party,
        speaker=speaker,
        kind=kind,
        content=content,
        sentence=sentence,
        in_sentence=in_sentence,
        document_title=title,
        url=url,
        published=published,
        gone=gone.get(document_id),
    )
