"""The feature vector of a candidate pair that the built-in verdict model scores.

Symmetric in the two claims (a dispute has no direction): similarity and word overlap, how much
of each side the other covers, negation and polarity on each side, the rule findings (differing
quantities, dates, causes, agents, scope; explicit denials; opposite words), numbers and names
that only one side states, hedging, and the rule verdict (`rules.judge`). Pure functions of
`PairInput`; numpy arrays out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from pipeline.contradict.base import PairInput
from pipeline.contradict.conflicts import Finding, conflicts
from pipeline.contradict.features import (
    NEGATION_CUES,
    content_words,
    denial_cues,
    negation_cues,
)
from pipeline.contradict.rules import judge

FINDING_TYPES = ("quantity", "date", "negation", "denial", "cause", "agent", "scope", "other")
FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "similarity",
    "similarity_sq",
    "jaccard",
    "coverage_min",
    "coverage_max",
    "polarity_differs",
    "polarity_differs_x_similarity",
    "negation_only_difference",
    "both_negated",
    "negation_count_diff",
    "denial_one_side",
    *(f"finding_{t}" for t in FINDING_TYPES),
    "findings",
    "numbers_one_side",
    "numbers_one_side_x_similarity",
    "names_one_side",
    "names_one_side_x_similarity",
    "unshared_words",
    "hedged",
    "length_ratio",
    "rules_contradict",
    "rules_agree",
)
_NUMBER = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"[\w'’]+")
# the negation cues, with "nor" and the "do" that carries a negation ("did not delete")
_NEGATIONS = frozenset(NEGATION_CUES) | {"nor", "did", "does", "do"}
_LIGHT = frozenset("a an the is are was were be been there".split())
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def pair_features(
    pair: PairInput, found: Sequence[Finding] | None = None
) -> npt.NDArray[np.float64]:
    """The feature vector of one pair, in `FEATURE_NAMES` order; `found` are its rule findings
    when the caller has them already."""
    a, b, sim = pair.a, pair.b, pair.similarity
    text_a, text_b = a.text, b.text
    words_a, words_b = content_words(text_a), content_words(text_b)
    shared = words_a & words_b
    union = words_a | words_b
    cover_a = len(shared) / len(words_a) if words_a else 0.0
    cover_b = len(shared) / len(words_b) if words_b else 0.0
    if found is None:
        found = conflicts(a, b, sorted(shared), sim)
    types = {f.type for f in found}
    rules = judge(a, b, sim, found)
    polarity_differs = float(a.polarity != b.polarity)
    neg_a, neg_b = len(negation_cues(text_a)), len(negation_cues(text_b))
    numbers = _one_side(set(_NUMBER.findall(text_a)), set(_NUMBER.findall(text_b)))
    names = _one_side(set(_NAME.findall(text_a)), set(_NAME.findall(text_b)))
    len_a, len_b = len(text_a.split()), len(text_b.split())
    values = (
        1.0,
        sim,
        sim * sim,
        len(shared) / len(union) if union else 0.0,
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        polarity_differs,
        polarity_differs * sim,
        polarity_differs * _overlap_without_negation(text_a, text_b),
        float(a.polarity == b.polarity == "denied"),
        float(min(abs(neg_a - neg_b), 2)),
        float(bool(denial_cues(text_a)) != bool(denial_cues(text_b))),
        *(float(t in types) for t in FINDING_TYPES),
        float(min(len(found), 3)),
        numbers,
        numbers * sim,
        names,
        names * sim,
        1.0 - len(shared) / len(union) if union else 1.0,
        float(a.hedged or b.hedged),
        min(len_a, len_b) / max(len_a, len_b, 1),
        float(rules.label == "contradicts"),
        float(rules.label == "agrees"),
    )
    return np.asarray(values, dtype=np.float64)


def feature_matrix(
    pairs: Sequence[PairInput], found: Sequence[Sequence[Finding]] | None = None
) -> npt.NDArray[np.float64]:
    if not pairs:
        return np.zeros((0, len(FEATURE_NAMES)))
    return np.stack([pair_features(p, found[i] if found else None) for i, p in enumerate(pairs)])


def _overlap_without_negation(text_a: str, text_b: str) -> float:
    """Word overlap of the two texts once negation words are set aside: near 1 when a
    negation is all that differs ("The plant is closed." / "The plant is not closed.")."""
    a, b = _plain_words(text_a), _plain_words(text_b)
    return len(a & b) / len(a | b) if a | b else 0.0


def _plain_words(text: str) -> set[str]:
    words = {w.lower().replace("’", "'") for w in _WORD.findall(text)}
    return {w for w in words if w not in _NEGATIONS and w not in _LIGHT}


def _one_side(x: set[str], y: set[str]) -> float:
    """Share of the items that only one side states (0 when neither states any)."""
    both = x | y
    return len(x ^ y) / len(both) if both else 0.0
