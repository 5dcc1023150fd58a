"""Compare two texts without the store: the claims of each and where they contradict.

`claimtrack compare A B` fetches and extracts both (files or URLs), finds their claims, pairs
every claim of A with its candidates in B (nearest by embedding, or sharing an entity and a
word), judges the pairs and groups the contradictions into contested points. Offsets are into
each text as extracted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.config import Settings
from pipeline.contradict.base import VerdictBackend
from pipeline.contradict.judge import judge_case
from pipeline.errors import UsageError
from pipeline.hashing import text_hash
from pipeline.nlp.embed import Embedder
from pipeline.records import Claim, ClaimPair, ContestedPoint
from pipeline.runner.extract import FileClaims, claim_json, extract_locations


@dataclass(frozen=True)
class Comparison:
    sides: tuple[FileClaims, FileClaims]
    pairs: tuple[ClaimPair, ...]
    points: tuple[ContestedPoint, ...]


def compare(locations: Sequence[str], settings: Settings, backend: VerdictBackend) -> Comparison:
    """Claims of the two `locations` and their judged candidate pairs."""
    first, second = extract_locations(list(locations), settings)
    for side in (first, second):
        if side.document is None:
            raise UsageError(f"{side.path}: {side.error}")
    claims: dict[str, Claim] = {}
    for n, side in enumerate((first, second)):
        for i, claim in enumerate(side.claims):
            cid = f"{'ab'[n]}{i}"
            claims[cid] = replace(claim, claim_id=cid, party="ab"[n])
    vectors_by_hash = Embedder(batch_size=settings.embed_batch_size).embed(
        [c.text for c in claims.values()]
    )
    vectors = {cid: vectors_by_hash[text_hash(c.text)] for cid, c in claims.items()}
    pairs, points = judge_case(
        "compare", claims, vectors, {"a", "b"}, settings.pairing, backend, reporting={"a"}
    )
    return Comparison((first, second), tuple(pairs), tuple(points))


def comparison_json(result: Comparison) -> dict[str, object]:
    """What `claimtrack compare --json` prints: both sides' claims with offsets, every judged
    pair (claim indexes into each side), and the contested points."""
    sides = []
    for side in result.sides:
        document = side.document
        assert document is not None
        sides.append(
            {
                "location": side.path,
                "title": document.title,
                "text": document.text,
                "claims": [claim_json(c) for c in side.claims],
            }
        )
    a_claims, b_claims = result.sides[0].claims, result.sides[1].claims
    pairs = []
    for pair in result.pairs:
        a, b = sorted((pair.claim_a, pair.claim_b))  # "a<i>" sorts before "b<j>"
        i, j = int(a[1:]), int(b[1:])
        pairs.append(
            {
                "a": i,
                "b": j,
                "a_text": a_claims[i].text,
                "b_text": b_claims[j].text,
                "similarity": round(pair.similarity, 4),
                "label": pair.verdict.label,
                "score": pair.verdict.score,
                "type": pair.verdict.type,
                "reason": pair.verdict.reason,
                "evidence": list(pair.verdict.evidence),
            }
        )
    by_id = {p.pair_id: n for n, p in enumerate(result.pairs)}
    points = [
        {
            "label": p.label,
            "type": p.type,
            "score": p.score,
            "pairs": [by_id[i] for i in p.pair_ids],
        }
        for p in result.points
    ]
    return {"a": sides[0], "b": sides[1], "pairs": pairs, "contested_points": points}
