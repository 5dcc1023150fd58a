"""The records a contradiction report is made of, read from the store.

Per case: its contested points (the contradicting pairs grouped by what the sides dispute), each
pair's two claims side by side with the sentence around each claim, and the pairs on which the
sides agree, the documents whose page has gone (404 or 410: their text and claims are kept,
each claim from one carries the marker), and its timeline (the dated events of v_timeline).
The renderers (Markdown, HTML, JSON, CSV) are pure functions of these records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pipeline.report.documents import (
    ClaimsOnDay,
    ReportDocument,
    case_documents,
    claims_per_day,
)
from pipeline.report.labels import PointFacts, readable_label
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
class TimelineEvent:
    """A dated event of a case (a row of the v_timeline view): a document published, a
    version of it first seen, a correction notice added, what an edit changed (a sentence
    reworded, a claim removed, a contradiction appeared or gone), a party's claims first seen
    in a version, a contested point first seen or dropped, a page gone. `when` is a day
    ("2026-02-20") or a run's time, in UTC."""

    when: str
    event: str
    party: str | None
    title: str | None
    url: str | None
    version_no: int | None
    text: str
    claims: int | None = None
    items: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        """The event in words, plain text (the renderers escape it)."""
        if self.event == "published":
            return "published"
        if self.event == "version":
            claims = f", {self.claims} claim(s)" if self.claims is not None else ""
            return f"version {self.version_no} first seen{claims}"
        if self.event == "claims":
            shown = "; ".join(f"\u201c{_clip(t)}\u201d" for t in self.items[:_SHOWN_CLAIMS])
            more = len(self.items) - _SHOWN_CLAIMS
            rest = f" (and {more} more)" if more > 0 else ""
            return f"{self.claims} claim(s) first seen in version {self.version_no}: {shown}{rest}"
        if self.event == "correction":
            return f"correction notice in version {self.version_no}: {_clip(self.text, 200)}"
        if self.event in _CHANGES:
            return f"{_CHANGES[self.event]} in version {self.version_no}: {_clip(self.text, 200)}"
        if self.event == "point":
            return f"contested point first seen: {self.text}"
        if self.event == "point_retired":
            return f"contested point dropped: {self.text}"
        if self.event == "gone":
            return f"page gone: {self.text}"
        return self.text


_SHOWN_CLAIMS = 3
_CHANGES = {
    "sentence_changed": "sentence changed",
    "claim_removed": "claim removed",
    "contradiction_appeared": "contradiction appeared",
    "contradiction_gone": "contradiction gone",
}


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


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
    """A contested point and its pairs, strongest first: the first is the one shown, the rest
    restate the point and are folded under it. `label` is the store's (keywords and a
    question), `title` the heading in a reader's words (labels.py)."""

    point_id: str
    label: str
    type: str
    score: float
    pairs: tuple[ReportPair, ...]
    title: str = ""

    @property
    def strongest(self) -> ReportPair:
        return self.pairs[0]

    @property
    def restatements(self) -> tuple[ReportPair, ...]:
        return self.pairs[1:]


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
    timeline: tuple[TimelineEvent, ...] = ()
    sources: tuple[ReportDocument, ...] = ()  # its documents, the report's first
    claim_days: tuple[ClaimsOnDay, ...] = ()  # each side's claims per day

    @property
    def contradictions(self) -> tuple[ReportPair, ...]:
        return tuple(p for point in self.points for p in point.pairs)


# each side's columns, from the v_claims view (pipeline/store/views.py), named `{side}_{column}`;
# the displayed date is the page's own, else the day it was fetched
_SIDE_COLUMNS = (
    "claim_id",
    "party_id",
    "party_name",
    "speaker_name",
    "kind",
    "claim_text",
    "sentence",
    "sentence_start",
    "content_parts",
    "document_title",
    "url",
    "document_id",
    "document_date",
)


def _side(side: str) -> str:
    """The SELECT list of one side (`a` or `b`) of a pair."""
    columns = [f"{side}.{c} AS {side}_{c}" for c in _SIDE_COLUMNS]
    shown = f"coalesce({side}.published, CAST({side}.document_date AS VARCHAR))"
    return ", ".join([*columns, f"{shown} AS {side}_shown_date"])


# schema 5 added the gone marks; a store not upgraded yet has none
_GONE_SQL = """
SELECT document_id, title, url, gone_status, CAST(CAST(gone_since AS DATE) AS VARCHAR) AS since
FROM documents WHERE case_id = ? AND gone_status IS NOT NULL ORDER BY url
"""
# the case's dated events, oldest first (v_timeline, pipeline/store/views.py)
_TIMELINE_SQL = """
SELECT t.event_at, t.date_only, t.event, t.party, t.url, t.version_no, t.text, t.claims,
       t.items, d.title
FROM v_timeline t LEFT JOIN documents d USING (document_id)
WHERE t.case_id = ? ORDER BY t.event_at, t.seq, t.party NULLS FIRST, t.url, t.text
"""
_PAIRS_SQL = f"""
SELECT p.pair_id, p.label, p.score, p.type, p.reason, p.evidence, {_side("a")}, {_side("b")}
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
    cases = store.rows("SELECT case_id, title FROM cases ORDER BY case_id")
    return [
        _case_report(store, case["case_id"], case["title"], min_score, since)
        for case in cases
        if case_ids is None or case["case_id"] in case_ids
    ]


def _case_report(
    store: Store, case_id: str, title: str, min_score: float, since: date | None
) -> CaseReport:
    sides = store.rows(
        "SELECT s.party_id, p.name FROM sources s JOIN parties p USING (case_id, party_id)"
        " WHERE s.case_id = ? AND NOT p.neutral ORDER BY s.role = 'report' DESC,"
        " s.role = 'rebuttal', s.source_id",
        [case_id],
    )
    order = list(dict.fromkeys(side["party_id"] for side in sides))
    names = {side["party_id"]: side["name"] for side in sides}
    gone_rows = store.rows(_GONE_SQL, [case_id]) if store.schema_version() >= 5 else []
    gone = {
        row["document_id"]: f"gone (HTTP {row['gone_status']} since {row['since']})"
        for row in gone_rows
    }
    pairs = {}
    for row in store.rows(_PAIRS_SQL, [case_id, min_score]):
        if since is not None and max(row["a_document_date"], row["b_document_date"]) < since:
            continue
        b_first = _rank(row["b_party_id"], order) < _rank(row["a_party_id"], order)
        left, right = ("b", "a") if b_first else ("a", "b")
        pairs[row["pair_id"]] = ReportPair(
            pair_id=row["pair_id"],
            left=_claim(row, left, gone),
            right=_claim(row, right, gone),
            label=row["label"],
            score=float(row["score"]),
            type=row["type"],
            reason=row["reason"],
            evidence=tuple(row["evidence"]),
        )
    point_rows = store.rows(
        "SELECT point_id, label, type, score, pair_ids FROM contested_points"
        " WHERE case_id = ? ORDER BY score DESC, label",
        [case_id],
    )
    points = []
    for point in point_rows:
        members = tuple(
            sorted(
                (pairs[i] for i in point["pair_ids"] if i in pairs),
                key=lambda p: (-p.score, p.pair_id),
            )
        )
        if members:
            facts = PointFacts(
                kind=point["type"],
                keywords=point["label"],
                left=members[0].left.content,
                right=members[0].right.content,
                evidence=members[0].evidence,
                names=tuple(names.values()),
            )
            points.append(
                ReportPoint(
                    point_id=point["point_id"],
                    label=point["label"],
                    type=point["type"],
                    score=float(point["score"]),
                    pairs=members,
                    title=readable_label(facts),
                )
            )
    counts = store.rows(
        "SELECT (SELECT count(*) FROM documents WHERE case_id = ?) AS documents,"
        " (SELECT count(*) FROM claims WHERE case_id = ?) AS claims",
        [case_id, case_id],
    )[0]
    return CaseReport(
        case_id=case_id,
        title=title,
        documents=int(counts["documents"]),
        claims=int(counts["claims"]),
        left_party=names.get(order[0]) if order else None,
        right_party=names.get(order[1]) if len(order) > 1 else None,
        points=tuple(points),
        agreements=tuple(p for p in pairs.values() if p.label == "agrees"),
        gone=tuple(
            GoneDocument(row["title"], row["url"], gone[row["document_id"]]) for row in gone_rows
        ),
        timeline=_timeline(store, case_id, since, {p.label: p.title for p in points}),
        sources=case_documents(store, case_id),
        claim_days=claims_per_day(store, case_id, since),
    )


def _timeline(
    store: Store, case_id: str, since: date | None, titles: Mapping[str, str]
) -> tuple[TimelineEvent, ...]:
    """The case's events (dated `since` or later), a current point's by its title; none from a
    store written before the view."""
    if not store.rows("SELECT 1 FROM duckdb_views() WHERE view_name = 'v_timeline'"):
        return ()
    events = []
    for row in store.rows(_TIMELINE_SQL, [case_id]):
        if row["event_at"] is None:
            continue
        at: datetime = row["event_at"].astimezone(UTC)
        text = row["text"]
        if since is not None and at.date() < since:
            continue
        events.append(
            TimelineEvent(
                when=at.date().isoformat() if row["date_only"] else f"{at:%Y-%m-%d %H:%M} UTC",
                event=row["event"],
                party=row["party"],
                title=row["title"],
                url=row["url"],
                version_no=row["version_no"],
                text=titles.get(text, text) if row["event"] == "point" else text,
                claims=row["claims"],
                items=tuple(row["items"] or ()),
            )
        )
    return tuple(events)


def _rank(party: str, order: list[str]) -> int:
    return order.index(party) if party in order else len(order)


def _claim(row: Mapping[str, Any], side: str, gone: dict[str, str]) -> ReportClaim:
    """One side's claim (`side`: "a" or "b") of a row of `_PAIRS_SQL`."""

    def column(name: str) -> Any:
        return row[f"{side}_{name}"]

    sentence, sentence_start = column("sentence"), column("sentence_start")
    length = len(sentence)
    in_sentence = tuple(
        (max(0, p["start"] - sentence_start), min(length, p["end"] - sentence_start))
        for p in column("content_parts") or ()
        if p["end"] > sentence_start and p["start"] - sentence_start < length
    )
    return ReportClaim(
        claim_id=column("claim_id"),
        party=column("party_name"),
        speaker=column("speaker_name"),
        kind=column("kind"),
        content=column("claim_text"),
        sentence=sentence,
        in_sentence=in_sentence,
        document_title=column("document_title"),
        url=column("url"),
        published=column("shown_date"),
        gone=gone.get(column("document_id")),
    )
