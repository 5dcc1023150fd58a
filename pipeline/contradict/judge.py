"""A case's disputes: its candidate pairs, judged by a verdict backend and grouped into
contested points. One function that `run` (per stored case) and `compare` (two texts) share."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

import numpy as np
import numpy.typing as npt

from pipeline.config import PairingSettings
from pipeline.contradict.bare_denials import answered_before, denied_before
from pipeline.contradict.base import PairInput, VerdictBackend
from pipeline.contradict.candidates import candidate_pairs
from pipeline.contradict.points import group_points
from pipeline.contradict.report_stance import answered_by_stand_by
from pipeline.hashing import stable_id
from pipeline.records import Claim, ClaimPair, ContestedPoint


def judge_case(
    case_id: str,
    claims: Mapping[str, Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
    sides: set[str],
    pairing: PairingSettings,
    backend: VerdictBackend,
    reporting: AbstractSet[str] = frozenset(),
) -> tuple[list[ClaimPair], list[ContestedPoint]]:
    """The judged candidate pairs of one case's `claims` (by id, with their unit `vectors`)
    between the parties in `sides`, and their contested points. Each pair goes to the backend
    with the claim of a `reporting` party (the side that made the report) first: a reading
    model takes it as the premise, the rebuttal as the hypothesis."""
    candidates = candidate_pairs(
        list(claims.values()),
        vectors,
        sides,
        pairing.top_k,
        pairing.min_similarity,
        pairing.all_max,
    )
    verdicts = backend.judge_many(
        [
            _in_order(claims[c.claim_a], claims[c.claim_b], c.similarity, reporting)
            for c in candidates
        ]
    )
    judged = [(claims[c.claim_a], claims[c.claim_b], c.similarity) for c in candidates]
    verdicts = answered_by_stand_by(verdicts, judged)
    verdicts = answered_before(verdicts, judged, denied_before(list(claims.values())), vectors)
    pairs = [
        ClaimPair(
            pair_id=stable_id(c.claim_a, c.claim_b, backend.version),
            case_id=case_id,
            claim_a=c.claim_a,
            claim_b=c.claim_b,
            similarity=c.similarity,
            verdict=verdict,
        )
        for c, verdict in zip(candidates, verdicts, strict=True)
    ]
    return pairs, group_points(pairs, claims, vectors)


def _in_order(a: Claim, b: Claim, similarity: float, reporting: AbstractSet[str]) -> PairInput:
    """The pair with the reporting side's claim first (as given when neither or both report)."""
    if b.party in reporting and a.party not in reporting:
        return PairInput(b, a, similarity)
    return PairInput(a, b, similarity)
