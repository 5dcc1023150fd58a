"""Score a store against a labelled dispute set (see `dispute_set`): per case, the points found
and missed, the stage that lost each miss, and what it cost in pairs.

A claim *covers* a labelled side when its content span `[content_start, content_end)` overlaps
the side's span in the same text (a document's text is its source's `texts/<id>.txt`).
- A point is *found* when a pair judged "contradicts" joins a claim covering one side and a
  claim covering the other (either order); an agreement found so is *contradicted*.
- A missed point is lost at the first stage that lost it: "no claim" (a side no claim covers),
  "wrong party" (no two covering claims sit on two different non-neutral parties), "no
  candidate" (such claims exist, but no pair of covering claims was judged), "verdict" (judged,
  never "contradicts").
- Candidate recall: the share of points with a judged pair of covering claims; among the points
  whose claims sit on two sides too (the pairing stage's own share).
- Right side: among claims covering a Claim or Counter-claim side, the share on the party of the
  case's report sources (Claim) or rebuttal sources (Counter-claim).
- Pairs per found point: the cases' contradicting pairs over the points found; contested points
  per labelled point: the store's contested points over the labelled ones.
- Found (lenient), as the held-out harness also scores it: a claim covers a side too when its
  sentence, in any text of the case, is near-identical to the side's text (word-set Jaccard
  >= 0.7): a statement that recurs across pages is found on any of its copies.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath

from pipeline.evaluate.dispute_set import DisputeSet, LabelledPoint, Side
from pipeline.store import Store

STAGES = ("no claim", "wrong party", "no candidate", "verdict")
LENIENT_JACCARD = 0.7

_CLAIMS_SQL = """
SELECT c.claim_id, c.case_id, c.party_id, coalesce(p.neutral, false) AS neutral,
       c.content_start, c.content_end, c.sentence_start, c.sentence_end, c.document_id,
       s.location
FROM claims c
JOIN documents d USING (document_id)
JOIN sources s ON s.source_id = d.source_id
LEFT JOIN parties p ON p.case_id = c.case_id AND p.party_id = c.party_id
"""
_DOCUMENTS_SQL = """
SELECT d.document_id, s.location, d.text
FROM documents d JOIN sources s ON s.source_id = d.source_id
"""


@dataclass(frozen=True)
class StoredClaim:
    claim_id: str
    case_id: str
    text_id: str
    party: str | None
    neutral: bool
    start: int
    end: int
    sentence: frozenset[str] = frozenset()  # the words of the claim's sentence

    def covers(self, side: Side) -> bool:
        return self.text_id == side.text_id and self.start < side.end and side.start < self.end

    def restates(self, side_words: frozenset[str]) -> bool:
        """Whether the claim's sentence is near-identical to a side's text (the lenient cover)."""
        union = self.sentence | side_words
        return bool(union) and len(self.sentence & side_words) / len(union) >= LENIENT_JACCARD


def words(text: str) -> frozenset[str]:
    """The set of lower-cased words of `text`, as the lenient cover compares them."""
    return frozenset(re.findall(r"\w+", text.lower()))


@dataclass(frozen=True)
class StoredRun:
    """What scoring needs of a store: claims, the labels of each judged pair (unordered), the
    contradicting pairs and contested points per case, and the texts that differ from the
    set's."""

    claims: tuple[StoredClaim, ...]
    labels: Mapping[frozenset[str], tuple[str, ...]]
    contradicting: Mapping[str, int]
    contested: Mapping[str, int]
    text_hashes: Mapping[str, str]


@dataclass(frozen=True)
class PointScore:
    number: int
    case_id: str
    label: str
    kind: str
    stage: str  # "found" or one of STAGES
    found_lenient: bool  # found with the lenient cover
    candidate: bool
    two_sides: bool  # covering claims on two different non-neutral parties
    labels: tuple[str, ...]


def read_store(db_path: Path) -> StoredRun:
    """The claims, judged pairs and contested points of the store at `db_path`."""
    with Store.open(db_path, read_only=True) as store:
        documents = {row["document_id"]: row for row in store.rows(_DOCUMENTS_SQL)}
        claims = tuple(
            StoredClaim(
                row["claim_id"],
                row["case_id"],
                text_id(row["location"]),
                row["party_id"],
                bool(row["neutral"]),
                int(row["content_start"]),
                int(row["content_end"]),
                words(
                    documents[row["document_id"]]["text"][
                        row["sentence_start"] : row["sentence_end"]
                    ]
                ),
            )
            for row in store.rows(_CLAIMS_SQL)
        )
        labels: dict[frozenset[str], list[str]] = {}
        contradicting: Counter[str] = Counter()
        for row in store.rows("SELECT claim_a, claim_b, label, case_id FROM claim_pairs"):
            labels.setdefault(frozenset((row["claim_a"], row["claim_b"])), []).append(row["label"])
            contradicting[row["case_id"]] += row["label"] == "contradicts"
        contested = {
            row["case_id"]: int(row["n"])
            for row in store.rows("SELECT case_id, count(*) AS n FROM contested_points GROUP BY 1")
        }
        hashes = {
            text_id(row["location"]): hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
            for row in documents.values()
        }
    return StoredRun(
        claims,
        {pair: tuple(found) for pair, found in labels.items()},
        dict(contradicting),
        contested,
        hashes,
    )


def text_id(location: str) -> str:
    """The text id of a source's location: `.../texts/<id>.txt` -> `<id>`."""
    return PurePath(location).stem


def score_point(
    point: LabelledPoint,
    case_claims: Sequence[StoredClaim],
    run: StoredRun,
    side_words: tuple[frozenset[str], frozenset[str]],
) -> PointScore:
    """Where one labelled point stands in `run`: found, or the stage that lost it; and whether
    it is found with the lenient cover (`side_words`: the words of its two sides' texts)."""
    first, second = ([c for c in case_claims if c.covers(side)] for side in point.sides)
    lenient_first, lenient_second = (
        [c for c in case_claims if c.covers(side) or c.restates(wanted)]
        for side, wanted in zip(point.sides, side_words, strict=True)
    )
    labels: list[str] = []
    two_sides = False
    for x in first:
        for y in second:
            if x.claim_id == y.claim_id:
                continue
            two_sides |= x.party != y.party and not x.neutral and not y.neutral
            labels.extend(run.labels.get(frozenset((x.claim_id, y.claim_id)), ()))
    if "contradicts" in labels:
        stage = "found"
    elif not first or not second:
        stage = "no claim"
    elif not two_sides:
        stage = "wrong party"
    elif not labels:
        stage = "no candidate"
    else:
        stage = "verdict"
    return PointScore(
        point.number,
        point.case_id,
        point.label,
        point.kind,
        stage,
        stage == "found" or _contradicted(lenient_first, lenient_second, run),
        bool(labels),
        two_sides,
        tuple(sorted(set(labels))),
    )


def _contradicted(
    first: Sequence[StoredClaim], second: Sequence[StoredClaim], run: StoredRun
) -> bool:
    return any(
        "contradicts" in run.labels.get(frozenset((x.claim_id, y.claim_id)), ())
        for x in first
        for y in second
        if x.claim_id != y.claim_id
    )


def score_disputes(dispute_set: DisputeSet, run: StoredRun) -> dict[str, object]:
    """The set's scores on `run`: overall figures, then `cases` (per case) and `points` (per
    labelled point)."""
    by_case: dict[str, list[StoredClaim]] = {}
    for claim in run.claims:
        by_case.setdefault(claim.case_id, []).append(claim)
    text_ids = {side.text_id for p in dispute_set.points for side in p.sides}
    texts = {text_id: dispute_set.text(text_id) for text_id in text_ids}

    def side_words(point: LabelledPoint) -> tuple[frozenset[str], frozenset[str]]:
        first, second = point.sides
        return (
            words(texts[first.text_id][first.start : first.end]),
            words(texts[second.text_id][second.start : second.end]),
        )

    scores = [
        score_point(p, by_case.get(p.case_id, []), run, side_words(p)) for p in dispute_set.points
    ]
    right, covering = _right_side(dispute_set, by_case)
    contested = [s for s in scores if s.kind == "contradiction"]
    agreements = [s for s in scores if s.kind == "agreement"]
    case_ids = sorted({p.case_id for p in dispute_set.points})
    cases = {case: _case(case, contested, agreements, run) for case in case_ids}
    found = sum(s.stage == "found" for s in contested)
    pairs = sum(run.contradicting.get(case, 0) for case in case_ids)
    points = sum(run.contested.get(case, 0) for case in case_ids)
    reachable = [s for s in contested if s.two_sides]
    return {
        "points": len(contested),
        "found": found,
        "found_rate": _ratio(found, len(contested), 3),
        "found_lenient": sum(s.found_lenient for s in contested),
        "candidate_recall": _ratio(sum(s.candidate for s in contested), len(contested), 3),
        "candidate_recall_two_sides": _ratio(
            sum(s.candidate for s in reachable), len(reachable), 3
        ),
        "right_side": _ratio(right, covering, 3),
        "contradicting_pairs": pairs,
        "pairs_per_found_point": _ratio(pairs, found, 2),
        "contested_points": points,
        "contested_per_labelled_point": _ratio(points, len(contested), 2),
        "agreements": len(agreements),
        "agreements_contradicted": sum(s.stage == "found" for s in agreements),
        "agreements_found": sum("agrees" in s.labels for s in agreements),
        "lost_at": _lost(contested),
        "texts_differing": sorted(
            t.text_id
            for t in dispute_set.texts
            if t.text_id in run.text_hashes and run.text_hashes[t.text_id] != t.sha256
        ),
        "cases": cases,
        "details": [asdict(s) for s in scores],
    }


def _case(
    case: str, contested: Sequence[PointScore], agreements: Sequence[PointScore], run: StoredRun
) -> dict[str, object]:
    mine = [s for s in contested if s.case_id == case]
    found = [s for s in mine if s.stage == "found"]
    pairs = run.contradicting.get(case, 0)
    points = run.contested.get(case, 0)
    return {
        "points": len(mine),
        "found": [s.label for s in found],
        "found_lenient": sum(s.found_lenient for s in mine),
        "missed": [{"point": s.label, "lost_at": s.stage} for s in mine if s.stage != "found"],
        "candidates": sum(s.candidate for s in mine),
        "contradicting_pairs": pairs,
        "pairs_per_found_point": _ratio(pairs, len(found), 2),
        "contested_points": points,
        "contested_per_labelled_point": _ratio(points, len(mine), 2),
        "agreements": sum(s.case_id == case for s in agreements),
        "agreements_contradicted": [
            s.label for s in agreements if s.case_id == case and s.stage == "found"
        ],
        "lost_at": _lost(mine),
    }


def _right_side(
    dispute_set: DisputeSet, by_case: Mapping[str, Sequence[StoredClaim]]
) -> tuple[int, int]:
    """(claims on the side's party, claims) over the Claim and Counter-claim sides, a claim
    counted once per side it covers."""
    right = total = 0
    for point in dispute_set.points:
        if point.kind != "contradiction":
            continue
        report, rebuttal = dispute_set.side_parties(point.case_id)
        wanted = {"Claim": report, "Counter-claim": rebuttal}
        for side in point.sides:
            party = wanted.get(side.side)
            if party is None:
                continue
            covering = [c for c in by_case.get(point.case_id, ()) if c.covers(side)]
            right += sum(c.party == party for c in covering)
            total += len(covering)
    return right, total


def _lost(scores: Sequence[PointScore]) -> dict[str, int]:
    counts = Counter(s.stage for s in scores if s.stage != "found")
    return {stage: counts[stage] for stage in STAGES if counts[stage]}


def _ratio(part: int, whole: int, digits: int) -> float | None:
    return round(part / whole, digits) if whole else None
