"""Candidate pairing: nearest claims of other parties, never within one party or a neutral one."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.config import Settings
from pipeline.contradict import candidates as align
from pipeline.contradict.candidates import candidate_pairs
from pipeline.records import Claim, Span
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import DEMO_SEEDS, DemoRun


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


def _exact_candidates(
    claims: list[Claim], vectors: dict[str, np.ndarray], sides: set[str], top_k: int, min_sim: float
) -> dict[tuple[str, str], float]:
    """The reference method: the full similarity matrix, each row sorted (as align did before
    it worked in blocks), then the entity and slot pairs."""
    pool = [c for c in claims if c.party in sides and c.claim_id in vectors]
    matrix = np.stack([vectors[c.claim_id] for c in pool])
    parties = np.array([c.party for c in pool])
    sims = matrix @ matrix.T
    sims[parties[:, None] == parties[None, :]] = -1.0
    found: dict[tuple[str, str], float] = {}
    nearest = np.argsort(-sims, axis=1, kind="stable")[:, : min(top_k, len(pool) - 1)]
    for i, row in enumerate(nearest):
        for j in row:
            if sims[i, j] < min_sim:
                break
            a, b = sorted((pool[i].claim_id, pool[int(j)].claim_id))
            found[(a, b)] = round(float(sims[i, j]), 6)
    for i, j in align._shared_entity_and_word(pool) | align._shared_slot(pool):
        if sims[i, j] >= align.ENTITY_MIN_SIMILARITY:
            a, b = sorted((pool[i].claim_id, pool[j].claim_id))
            found[(a, b)] = round(float(sims[i, j]), 6)
    # never a denial and the account it relays: one span of one document
    span = {c.claim_id: (c.document_id, c.content.start, c.content.end, c.text) for c in pool}
    return {k: v for k, v in found.items() if span[k[0]] != span[k[1]]}


def test_blocks_give_the_exact_nearest_on_synthetic_vectors(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    base = rng.normal(size=(40, 16)).astype(np.float32)
    # repeated vectors make ties; three parties, one neutral
    rows = np.concatenate([base, base[:15], base[5:10] + 0.01]).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    parties = ["x", "y", "z", "n"]
    claims = [_claim(f"c{i:03d}", parties[i % 4]) for i in range(len(rows))]
    vectors = {c.claim_id: rows[i] for i, c in enumerate(claims)}
    monkeypatch.setattr(align, "BLOCK_CELLS", 50)  # many small blocks
    for top_k, min_sim in ((1, 0.0), (3, 0.2), (5, -1.0), (60, 0.1)):
        fast = candidate_pairs(claims, vectors, {"x", "y", "z"}, top_k, min_sim)
        exact = _exact_candidates(claims, vectors, {"x", "y", "z"}, top_k, min_sim)
        assert {(p.claim_a, p.claim_b): p.similarity for p in fast} == pytest.approx(
            exact, abs=2e-6
        )
        assert {(p.claim_a, p.claim_b) for p in fast} == set(exact)


def test_blocks_give_the_exact_pairs_on_the_demo(demo_run: DemoRun) -> None:
    settings = Settings()
    with Store.open(demo_run.db_path, read_only=True) as store:
        _, rows = store.query(
            "SELECT c.claim_id, e.vector FROM claims c JOIN embeddings e USING (text_hash)"
        )
        vectors = {cid: np.asarray(v, dtype=np.float32) for cid, v in rows}
        cases = {
            case.id: (case, store.documents.case_claims(case.id)) for case in load_seeds(DEMO_SEEDS)
        }
    total = 0
    for case, claims in cases.values():
        sides = {p.id for p in case.parties if not p.neutral}
        args = (sides, settings.pair_top_k, settings.pair_min_similarity)
        fast = candidate_pairs(claims, vectors, *args)
        exact = _exact_candidates(claims, vectors, *args)
        assert [(p.claim_a, p.claim_b) for p in fast] == sorted(exact)
        assert [p.similarity for p in fast] == pytest.approx(
            [exact[k] for k in sorted(exact)], abs=2e-6
        )
        total += len(fast)
    assert total > 300


def test_small_case_pairs_every_claim_across_sides() -> None:
    """Under `all_max` cross-side pairs, far-apart claims are paired too; never within a side
    nor with a neutral party."""
    claims = [_claim("a1", "x"), _claim("a2", "x"), _claim("b1", "y"), _claim("n1", "wire")]
    vectors = {
        "a1": _unit(1, 0, 0),
        "a2": _unit(0, 0, 1),  # orthogonal to b1: no top-k or floor would pair them
        "b1": _unit(0, 1, 0),
        "n1": _unit(0, 1, 0),
    }
    pairs = candidate_pairs(claims, vectors, {"x", "y"}, 1, 0.9, all_max=2)
    assert {(p.claim_a, p.claim_b) for p in pairs} == {("a1", "b1"), ("a2", "b1")}
    assert all(p.similarity == pytest.approx(0.0, abs=1e-6) for p in pairs)
    # one pair more than the cap: back to the nearest claims only (none reach 0.9)
    assert candidate_pairs(claims, vectors, {"x", "y"}, 1, 0.9, all_max=1) == []


def test_cross_party_pair_count() -> None:
    parties = np.array(["x", "y", "x", "z", "y"])
    assert align.cross_party_pairs(parties) == 2 * 2 + 2 * 1 + 2 * 1
    assert len(align.all_other_party(np.eye(5, dtype=np.float32), parties)) == 8
