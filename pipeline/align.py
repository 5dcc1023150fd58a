"""Candidate pairs: for each claim, its nearest claims of the other parties in the same case,
and the claims of other parties that name the same entity and share a word with it, or that
make the same kind of point (a cause, a duration, an extent) in other words.

Pure numpy over unit vectors (cosine = dot product). Neutral parties (outlets that only report
on the dispute) are left out: their own assertions contradict nobody.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipeline.contradict.features import content_words, slots
from pipeline.records import Claim

ENTITY_MIN_SIMILARITY = 0.25
MAX_ENTITY_BLOCK = 60


@dataclass(frozen=True)
class Candidate:
    claim_a: str  # the smaller claim id of the two: pairs are unordered
    claim_b: str
    similarity: float


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
    sides: set[str],
    top_k: int,
    min_similarity: float,
) -> list[Candidate]:
    """Pairs of claims of different parties in `sides`, each among the other's `top_k` nearest.

    `vectors` maps claim id to its unit vector; claims of one case only.
    """
    pool = [c for c in claims if c.party in sides and c.claim_id in vectors]
    if len(pool) < 2:
        return []
    matrix = np.stack([vectors[c.claim_id] for c in pool])
    parties = np.array([c.party for c in pool])
    sims = matrix @ matrix.T
    sims[parties[:, None] == parties[None, :]] = -1.0  # same party: never a pair
    found: dict[tuple[str, str], float] = {}
    k = min(top_k, len(pool) - 1)
    nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    for i, row in enumerate(nearest):
        for j in row:
            sim = float(sims[i, j])
            if sim < min_similarity:
                break
            a, b = sorted((pool[i].claim_id, pool[int(j)].claim_id))
            found[(a, b)] = sim
    for i, j in _shared_entity_and_word(pool) | _shared_slot(pool):
        sim = float(sims[i, j])
        if sim >= ENTITY_MIN_SIMILARITY:
            a, b = sorted((pool[i].claim_id, pool[j].claim_id))
            found[(a, b)] = sim
    return [Candidate(a, b, round(s, 6)) for (a, b), s in sorted(found.items())]


def _shared_slot(pool: Sequence[Claim]) -> set[tuple[int, int]]:
    """Pairs of claims of different parties that both name a cause, a duration or an extent
    ("caused by the AI tool" / "stemmed from a misconfigured role"; "a 13-hour outage" / "a
    limited disruption")."""
    by_slot: dict[str, list[int]] = {}
    for i, claim in enumerate(pool):
        for slot in slots(claim.text):
            by_slot.setdefault(slot, []).append(i)
    return {
        (i, j)
        for members in by_slot.values()
        if len(members) <= MAX_ENTITY_BLOCK
        for x, i in enumerate(members)
        for j in members[x + 1 :]
        if pool[i].party != pool[j].party
    }


def _shared_entity_and_word(pool: Sequence[Claim]) -> set[tuple[int, int]]:
    """Pairs of claims of different parties that name one entity and share a content word
    besides it: the same point worded differently ("a 13-hour interruption" / "an extremely
    limited event") can sit far apart in embedding space."""
    words = [content_words(c.text) for c in pool]
    by_entity: dict[str, list[int]] = {}
    for i, claim in enumerate(pool):
        for entity in {e.casefold() for e in claim.entities}:
            by_entity.setdefault(entity, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for entity, members in by_entity.items():
        if len(members) > MAX_ENTITY_BLOCK:
            continue  # the case's main actor is named everywhere: no signal
        entity_words = content_words(entity)
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if pool[i].party != pool[j].party and (words[i] & words[j]) - entity_words:
                    pairs.add((i, j))
    return pairs
