"""Candidate pairing: nearest claims of other parties, never within one party or a neutral one."""

from __future__ import annotations

import numpy as np

from pipeline.align import candidate_pairs
from pipeline.records import Claim, Span


def _claim(cid: str, party: str) -> Claim:
    span = Span(cid, 0, len(cid))
    return Claim(kind="asserted", content=span, sentence=span, party=party, claim_id=cid)


def _unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_pairs_cross_parties_only() -> None:
    claims = [
        _claim("a1", "paper"),
        _claim("a2", "paper"),
        _claim("b1", "firm"),
        _claim("n1", "wire"),
    ]
    vectors = {
        "a1": _unit(1, 0, 0),
        "a2": _unit(0.9, 0.1, 0),  # as close to a1 as can be, but the same party
        "b1": _unit(1, 0.2, 0),
        "n1": _unit(1, 0, 0),  # neutral: never paired
    }
    pairs = candidate_pairs(claims, vectors, {"paper", "firm"}, top_k=3, min_similarity=0.5)
    assert {(p.claim_a, p.claim_b) for p in pairs} == {("a1", "b1"), ("a2", "b1")}
    assert all(p.claim_a < p.claim_b for p in pairs)


def test_min_similarity_and_top_k() -> None:
    claims = [_claim("a", "x"), _claim("b", "y"), _claim("c", "y"), _claim("d", "y")]
    vectors = {
        "a": _unit(1, 0),
        "b": _unit(1, 0.1),
        "c": _unit(1, 0.5),
        "d": _unit(0, 1),  # orthogonal: below any threshold
    }
    pairs = candidate_pairs(claims, vectors, {"x", "y"}, top_k=1, min_similarity=0.5)
    # a's nearest is b; c's nearest of another party is a; d is too far from anything
    assert {(p.claim_a, p.claim_b) for p in pairs} == {("a", "b"), ("a", "c")}


def test_too_few_claims() -> None:
    assert candidate_pairs([_claim("a", "x")], {"a": _unit(1, 0)}, {"x", "y"}, 5, 0.1) == []
