"""Contested points: a case's contradicting pairs grouped into the few points the sides dispute.

Two contradicting pairs are one point when each side's claim in one is close (by embedding) to
the same side's claim in the other, or when they share a claim and their other claims are close
(a long claim may contradict several points, so sharing it is not enough; less close when
both pairs conflict the same way, e.g. both on a quantity); and a pair joins a point when it
shares a claim with one of its pairs and its other claim is close to any of the point's claims
on that side (a restatement through another of the point's claims): "the outage lasted
13 hours" / "under three hours" and "a 13-hour interruption" / "an extremely limited event" are
one dispute about the duration. A point's label is built from its claims: the entity and the
words that both sides use, and what its kind of contradiction disputes (what caused it, how
many, when, whether it happened...).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from pipeline.contradict.features import STOPWORDS, content_words, quantities
from pipeline.hashing import stable_id
from pipeline.records import Claim, ClaimPair, ContestedPoint

SAME_POINT_SIMILARITY = 0.6
SHARED_CLAIM_SIMILARITY = 0.5
SAME_TYPE_SIMILARITY = 0.4
LABEL_WORDS = 3
# types that name what is disputed: pairs of two of them sharing a claim are two points
_SPECIFIC = frozenset({"quantity", "date", "cause", "agent", "scope"})


def group_points(
    pairs: Sequence[ClaimPair],
    claims: Mapping[str, Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
) -> list[ContestedPoint]:
    """The contested points of one case's judged pairs, strongest first."""
    disputed = [p for p in pairs if p.verdict.label == "contradicts"]
    parent = list(range(len(disputed)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, p in enumerate(disputed):
        for j in range(i):
            if _same_point(p, disputed[j], claims, vectors):
                parent[find(i)] = find(j)

    def groups() -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for i in range(len(disputed)):
            found.setdefault(find(i), []).append(i)
        return found

    merged = True
    while merged:  # restatements of a point through another of its claims, until none is left
        merged = False
        for root, members in groups().items():
            for i, q in enumerate(disputed):
                if find(i) != find(root) and _restates(
                    q, [disputed[m] for m in members], claims, vectors
                ):
                    parent[find(i)] = find(root)
                    merged = True
    points = [_point([disputed[i] for i in members], claims) for members in groups().values()]
    return sorted(points, key=lambda p: (-p.score, p.label))


def _same_point(
    p: ClaimPair,
    q: ClaimPair,
    claims: Mapping[str, Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
) -> bool:
    side_p = {claims[c].party: c for c in (p.claim_a, p.claim_b)}
    side_q = {claims[c].party: c for c in (q.claim_a, q.claim_b)}
    if set(side_p) != set(side_q) or _counts_apart(p, q):
        return False
    if p.verdict.type == q.verdict.type == "report":
        return True  # one report, one dispute over whether it is true
    similarities = [
        1.0
        if side_p[party] == side_q[party]
        else float(np.dot(vectors[side_p[party]], vectors[side_q[party]]))
        for party in side_p
    ]
    if max(similarities) == 1.0:  # one claim in both: the other side's claims must be close
        same_type = p.verdict.type == q.verdict.type
        if not same_type and {p.verdict.type, q.verdict.type} <= _SPECIFIC:
            return False  # "lasted 13 hours and was caused by X": a duration and a cause
        return min(similarities) >= (SAME_TYPE_SIMILARITY if same_type else SHARED_CLAIM_SIMILARITY)
    return min(similarities) >= SAME_POINT_SIMILARITY


def _restates(
    q: ClaimPair,
    members: Sequence[ClaimPair],
    claims: Mapping[str, Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
) -> bool:
    """Whether pair `q` restates the point of `members`: it shares a claim with one of them (of
    a type that may go with it) and its other claim is close to any claim of the point on the
    same side, not only to the other claim of that pair ("switched off in the other 12" / "on at
    the moment of impact" joins the point whose rebuttal says the reports "cover every crash,
    whether or not the system was switched on")."""
    side_q = {claims[c].party: c for c in (q.claim_a, q.claim_b)}
    sides: dict[str | None, set[str]] = {}
    for p in members:
        for c in (p.claim_a, p.claim_b):
            sides.setdefault(claims[c].party, set()).add(c)
    for p in members:
        side_p = {claims[c].party: c for c in (p.claim_a, p.claim_b)}
        shared = [party for party in side_q if side_p.get(party) == side_q[party]]
        if set(side_p) != set(side_q) or not shared or _counts_apart(p, q):
            continue
        same_type = p.verdict.type == q.verdict.type
        if not same_type and {p.verdict.type, q.verdict.type} <= _SPECIFIC:
            continue
        floor = SAME_TYPE_SIMILARITY if same_type else SHARED_CLAIM_SIMILARITY
        other = next(party for party in side_q if party != shared[0])
        if any(float(np.dot(vectors[side_q[other]], vectors[c])) >= floor for c in sides[other]):
            return True
    return False


def _counts_apart(p: ClaimPair, q: ClaimPair) -> bool:
    """Two quantity conflicts that count different things ("40,000 jars" / "three weeks")."""
    if p.verdict.type != "quantity" or q.verdict.type != "quantity":
        return False
    units_p, units_q = _units(p), _units(q)
    return bool(units_p and units_q and not units_p & units_q)


def _units(pair: ClaimPair) -> set[str]:
    # the quantity finding's two numbers come first in the evidence
    return {q.unit for e in pair.verdict.evidence[:2] for q in quantities(e)}


def _point(members: Sequence[ClaimPair], claims: Mapping[str, Claim]) -> ContestedPoint:
    ids = sorted({c for p in members for c in (p.claim_a, p.claim_b)})
    by_party: dict[str | None, list[Claim]] = {}
    for cid in ids:
        by_party.setdefault(claims[cid].party, []).append(claims[cid])
    kinds = Counter(p.verdict.type for p in members)
    # a specific type names what is disputed when a third of the pairs or more have it
    specific = [(n, t) for t, n in kinds.items() if t in _SPECIFIC and 3 * n >= len(members)]
    kind = max(specific)[1] if specific else kinds.most_common(1)[0][0]
    label = point_label(list(by_party.values()), kind)
    pair_ids = tuple(sorted(p.pair_id for p in members))
    return ContestedPoint(
        point_id=stable_id(members[0].case_id, *pair_ids, length=16),
        case_id=members[0].case_id,
        label=label,
        type=kind,
        score=round(max(p.verdict.score for p in members), 4),
        pair_ids=pair_ids,
    )


def point_label(sides: Sequence[Sequence[Claim]], kind: str) -> str:
    """A few words both sides use (entities first, then the most used words), and what a point
    of its type disputes: "Kestrel, outage, hours: how many / how much"."""
    entity_sets = [{e for c in side for e in c.entities} for side in sides]
    shared_entities = set.intersection(*entity_sets) if entity_sets else set()
    word_sets = [Counter(w for c in side for w in content_words(c.text)) for side in sides]
    shared = set.intersection(*(set(w) for w in word_sets)) if word_sets else set()
    entity_words = {w for e in shared_entities for w in content_words(e)}
    ranked = sorted(
        (w for w in shared if w not in entity_words and w not in STOPWORDS),
        key=lambda w: (-sum(ws[w] for ws in word_sets), -len(w), w),
    )
    words = [*sorted(shared_entities)[:1], *ranked[: LABEL_WORDS - min(1, len(shared_entities))]]
    if not words:
        counts = Counter(w for ws in word_sets for w in ws.elements())
        # ties broken as above: `most_common` keeps the order of a set, which varies per process
        words = sorted(counts, key=lambda w: (-counts[w], -len(w), w))[:LABEL_WORDS]
    return f"{', '.join(words) or 'disputed point'}: {_QUESTION.get(kind, 'disputed')}"


# what a point of each type disputes, in a reader's words
_QUESTION = {
    "cause": "what caused it",
    "agent": "who did it",
    "quantity": "how many / how much",
    "date": "when",
    "scope": "how far it reached",
    "negation": "whether it happened",
    "denial": "whether it is true",
    "report": "whether the report is true",
    "other": "opposite accounts",
}
