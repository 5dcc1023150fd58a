"""Candidate pairs: every pair of claims of two different parties in a small case; in a larger
one, for each claim, its nearest claims of the other parties in the same case, and the claims of
other parties that name the same entity and share a word with it, or that make the same kind of
point (a cause, a duration, an extent) in other words. Never two claims of one span of one
document: a denial and the account it relays ("X rejected a report that Y") are one sentence,
not two sides' statements.

Why all pairs in a small case: the two claims of a real contested point are often far apart in
embedding space ("the battery never ran out" / "the car shuts down", cosine under 0.3), and on
real disputes no cosine floor and top-k reach them all short of judging nearly every pair
anyway. A case of a few dozen claims a side makes a few thousand pairs, cheap for the rules.

Pure numpy over unit vectors (cosine = dot product). Neutral parties (outlets that only report
on the dispute) are left out: their own assertions contradict nobody. The nearest claims are
found a block of rows at a time, each party's claims against the other parties' only, so memory
stays at `BLOCK_CELLS` similarities however large a case grows, and the result is the one the
full similarity matrix gives (same ties, same order).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipeline.contradict.features import content_words, slots
from pipeline.records import Claim

ENTITY_MIN_SIMILARITY = 0.25
MAX_BLOCK = 60
BLOCK_CELLS = 1 << 22  # similarities computed at once: 16 MB of float32


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
    all_max: int = 0,
) -> list[Candidate]:
    """Pairs of claims of different parties in `sides`: all of them when there are at most
    `all_max`, else those where one is among the other's `top_k` nearest (or that share an
    entity and a word, or a slot).

    `vectors` maps claim id to its unit vector; claims of one case only.
    """
    pool = [c for c in claims if c.party in sides and c.claim_id in vectors]
    if len(pool) < 2:
        return []
    matrix = np.stack([vectors[c.claim_id] for c in pool])
    parties = np.array([c.party for c in pool])
    found: dict[tuple[str, str], float] = {}
    if cross_party_pairs(parties) <= all_max:
        for i, j, sim in all_other_party(matrix, parties):
            a, b = sorted((pool[i].claim_id, pool[j].claim_id))
            found[(a, b)] = sim
        return _distinct(found, pool)
    for i, j, sim in nearest_other_party(
        matrix, parties, min(top_k, len(pool) - 1), min_similarity
    ):
        a, b = sorted((pool[i].claim_id, pool[j].claim_id))
        found[(a, b)] = sim
    for i, j in _shared_entity_and_word(pool) | _shared_slot(pool):
        sim = float(matrix[i] @ matrix[j])
        if sim >= ENTITY_MIN_SIMILARITY:
            a, b = sorted((pool[i].claim_id, pool[j].claim_id))
            found[(a, b)] = sim
    return _distinct(found, pool)


def _distinct(found: Mapping[tuple[str, str], float], pool: Sequence[Claim]) -> list[Candidate]:
    """The candidates in id order, but for two claims of one span of one document."""
    span = {c.claim_id: (c.document_id, c.content.start, c.content.end, c.text) for c in pool}
    return [
        Candidate(a, b, round(s, 6)) for (a, b), s in sorted(found.items()) if span[a] != span[b]
    ]


def cross_party_pairs(parties: npt.NDArray[np.str_]) -> int:
    """How many pairs of rows of two different parties there are."""
    _, counts = np.unique(parties, return_counts=True)
    total = int(counts.sum())
    return (total * total - int((counts * counts).sum())) // 2


def all_other_party(
    matrix: npt.NDArray[np.float32], parties: npt.NDArray[np.str_]
) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for every pair of rows of two different parties, i of the party first in
    sorted order; one party's rows against the later parties' at a time."""
    found: list[tuple[int, int, float]] = []
    names = np.unique(parties)
    for n, party in enumerate(names[:-1]):
        rows = np.flatnonzero(parties == party)
        cols = np.flatnonzero(np.isin(parties, names[n + 1 :]))
        sims = matrix[rows] @ matrix[cols].T
        r, c = np.divmod(np.arange(sims.size), len(cols))
        found.extend(zip(rows[r].tolist(), cols[c].tolist(), sims.ravel().tolist(), strict=True))
    return found


def nearest_other_party(
    matrix: npt.NDArray[np.float32],
    parties: npt.NDArray[np.str_],
    k: int,
    min_similarity: float,
) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for each row i and its `k` nearest rows j of another party whose cosine
    reaches `min_similarity`, nearest first, ties to the lower j; rows in ascending order.

    Equal to sorting each row of the full matrix (same party masked out) and keeping its first
    `k`, but a block of rows at a time against the other parties' rows only."""
    found: list[tuple[int, int, int, float]] = []  # (i, rank, j, cosine)
    if k < 1:
        return []
    for party in np.unique(parties):
        rows = np.flatnonzero(parties == party)
        cols = np.flatnonzero(parties != party)
        if not len(cols):
            continue
        others = matrix[cols]
        step = max(1, BLOCK_CELLS // len(cols))
        for start in range(0, len(rows), step):
            block = rows[start : start + step]
            found.extend(_top_k(matrix[block] @ others.T, block, cols, k, min_similarity))
    found.sort()
    return [(i, j, sim) for i, _, j, sim in found]


def _top_k(
    sims: npt.NDArray[np.float32],
    rows: npt.NDArray[np.intp],
    cols: npt.NDArray[np.intp],
    k: int,
    min_similarity: float,
) -> list[tuple[int, int, int, float]]:
    """(row, rank, col, cosine) of each row's `k` largest `sims` at or above `min_similarity`,
    largest first and ties to the lower column (`cols` ascending)."""
    keep = sims >= min_similarity
    crowded = np.flatnonzero(keep.sum(axis=1) > k)
    if len(crowded):
        # the k-th largest value of a crowded row: everything below it is out, ties stay in
        kth = np.partition(sims[crowded], sims.shape[1] - k, axis=1)[:, sims.shape[1] - k]
        keep[crowded] &= sims[crowded] >= kth[:, None]
    r, c = np.nonzero(keep)
    values = sims[r, c]
    order = np.lexsort((c, -values, r))
    r, c, values = r[order], c[order], values[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r)
    chosen = rank < k
    return [
        (int(rows[i]), int(n), int(cols[j]), float(v))
        for i, n, j, v in zip(r[chosen], rank[chosen], c[chosen], values[chosen], strict=True)
    ]


def _shared_slot(pool: Sequence[Claim]) -> set[tuple[int, int]]:
    """Pairs of claims of different parties that both name a cause, a duration or an extent
    ("caused by the AI tool" / "stemmed from a misconfigured role"; "a 13-hour outage" / "a
    limited disruption")."""
    return _block_pairs(pool, [slots(c.text) for c in pool])


def _shared_entity_and_word(pool: Sequence[Claim]) -> set[tuple[int, int]]:
    """Pairs of claims of different parties that name one entity and share a content word
    besides it: the same point worded differently ("a 13-hour interruption" / "an extremely
    limited event") can sit far apart in embedding space."""
    words = [content_words(c.text) for c in pool]
    keys = [{e.casefold() for e in c.entities} for c in pool]
    entity_words = {key: content_words(key) for claim_keys in keys for key in claim_keys}

    def share_a_word(entity: str, i: int, j: int) -> bool:
        return bool((words[i] & words[j]) - entity_words[entity])

    return _block_pairs(pool, keys, share_a_word)


def _block_pairs(
    pool: Sequence[Claim],
    keys: Sequence[AbstractSet[str]],
    accept: Callable[[str, int, int], bool] | None = None,
) -> set[tuple[int, int]]:
    """Pairs (i, j) of claims of different parties with a key in common (and `accept`ed).
    A key held by more than MAX_BLOCK claims is no signal (the case's main actor is named
    everywhere) and pairs nobody."""
    blocks: dict[str, list[int]] = {}
    for i, claim_keys in enumerate(keys):
        for key in claim_keys:
            blocks.setdefault(key, []).append(i)
    return {
        (i, j)
        for key, members in blocks.items()
        if len(members) <= MAX_BLOCK
        for x, i in enumerate(members)
        for j in members[x + 1 :]
        if pool[i].party != pool[j].party and (accept is None or accept(key, i, j))
    }
