"""The decision bias of the NLI verdict model: a prior shift fitted on the validation sets.

The set-valued training rows (two-way and stance) all allow neutral, so the model learns to put
too much mass there; adding a bias to the log-probabilities before the argmax corrects it. The
backend reads the bias from the model's `training.json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from pipeline.evaluate.pairs import score_labels
from pipeline.training.nli_data import Gold

BIAS_GRID_CONTRADICTION = tuple(i * 0.25 for i in range(5))  # 0 .. 1
BIAS_GRID_NEUTRAL = tuple(-i * 0.25 for i in range(11))  # 0 .. -2.5


def calibrate(
    probabilities: dict[str, np.ndarray[Any, Any]], sets: dict[str, list[Gold]]
) -> tuple[list[float], dict[str, Any]]:
    """The decision bias (added to the log-probabilities of contradiction, entailment, neutral)
    that best serves the validation sets, and the scores with it.

    The set-valued rows (two-way and stance) all allow neutral, so the model learns to put too
    much mass there; a prior shift corrects it. The objective is the mean of SICK TRIAL's
    contradiction F1, FEVER-Symmetric's macro-F1 and the held-out topics' contradiction F1 (of
    the written pairs and of the dispute pairs, where present),
    over a coarse grid (these are dev sets: the held-out test sets are scored apart)."""
    best: tuple[float, list[float], dict[str, Any]] = (-1.0, [0.0, 0.0, 0.0], {})
    for contradiction in BIAS_GRID_CONTRADICTION:
        for neutral in BIAS_GRID_NEUTRAL:
            bias = [contradiction, 0.0, neutral]
            scores = {n: scores_with_bias(probabilities[n], sets[n], bias) for n in sets}
            parts = [
                scores.get("sick_trial", {}).get("labels", {}).get("contradicts", {}).get("f1"),
                scores.get("fever_symmetric_dev", {}).get("macro_f1"),
                *(
                    scores.get(name, {}).get("labels", {}).get("contradicts", {}).get("f1")
                    for name in ("written_held_out", "disputes_held_out")
                ),
            ]
            objective = float(np.mean([p for p in parts if p is not None] or [0.0]))
            if objective > best[0] + 1e-9:
                best = (objective, bias, scores)
    return best[1], best[2]


def scores_with_bias(
    probabilities: np.ndarray[Any, Any], gold: Sequence[Gold], bias: Sequence[float]
) -> dict[str, Any]:
    """The scores of the labels that `probabilities`, shifted by `bias`, predict."""
    names = {0: "contradicts", 1: "agrees", 2: "unrelated"}
    adjusted = np.log(probabilities + 1e-9) + np.asarray(bias)
    predicted = [names[int(i)] for i in adjusted.argmax(axis=1)]
    return score_labels([g.label for g in gold], predicted)
