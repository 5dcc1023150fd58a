"""The trained verdict backend (`--backend model`): two small logistic regressions over pair
features (see `VerdictModel`).

Offline. Its weights are `verdict/model.json` of the package `pipeline.models` (the repository's
top-level `models/` folder, shipped inside the wheel; plain JSON: feature names, label order,
standardisation, weights, training summary), trained by
`python -m pipeline.training.verdict_model` on the project's own labelled pairs (data/pairs/). The
score of a verdict is the model's probability of its label; its type and evidence come from the
rule finding that pushes hardest towards "contradicts". The regressions are fitted with
scikit-learn, but inference stays here, a dot product and a sigmoid over the JSON weights: a
pickled estimator would run code on load and tie the file to one scikit-learn version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np
import numpy.typing as npt

from pipeline.contradict.base import PairInput
from pipeline.contradict.conflicts import Finding, conflicts, explained, shared_words
from pipeline.contradict.pair_features import FEATURE_NAMES, feature_matrix
from pipeline.errors import ClaimtrackError
from pipeline.records import Label, Verdict

LABELS = ("contradicts", "agrees", "unrelated")
Matrix = npt.NDArray[np.float64]
_LABEL: dict[str, Label] = {
    "contradicts": "contradicts",
    "agrees": "agrees",
    "unrelated": "unrelated",
}


RELATEDNESS_FEATURES = FEATURE_NAMES
_OVERLAP_ONLY = frozenset(
    """similarity similarity_sq jaccard coverage_min coverage_max unshared_words length_ratio
    numbers_one_side names_one_side""".split()
)
CONFLICT_FEATURES = tuple(f for f in FEATURE_NAMES if f not in _OVERLAP_ONLY)


@dataclass(frozen=True)
class VerdictModel:
    """Two logistic regressions over standardised pair features: whether the claims are about
    the same point (all features: a conflict found is a sign of a shared point too), and, if
    they are, whether they conflict (conflict signals only: negation, denial, findings,
    one-sided numbers and names, hedging). So high similarity alone never makes a
    contradiction."""

    version: str
    relatedness: Matrix  # weights over RELATEDNESS_FEATURES
    conflict: Matrix  # weights over CONFLICT_FEATURES
    mean: Matrix
    scale: Matrix
    features: tuple[str, ...] = FEATURE_NAMES
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def probabilities(self, x: Matrix) -> Matrix:
        """(contradicts, agrees, unrelated) probabilities, one row per pair."""
        z = self.standardise(x)
        related = _sigmoid(z[:, _RELATEDNESS_COLUMNS] @ self.relatedness)
        conflict = _sigmoid(z[:, _CONFLICT_COLUMNS] @ self.conflict)
        return np.stack([related * conflict, related * (1 - conflict), 1 - related], axis=1)

    def conflict_pull(self, x: Matrix) -> Matrix:
        """Each feature's push towards a conflict, per pair (0 outside the conflict model)."""
        pull = np.zeros_like(x)
        pull[:, _CONFLICT_COLUMNS] = self.standardise(x)[:, _CONFLICT_COLUMNS] * self.conflict
        return pull

    def standardise(self, x: Matrix) -> Matrix:
        return np.asarray((x - self.mean) / self.scale)

    def to_json(self) -> dict[str, Any]:
        def rounded(values: Matrix) -> list[float]:
            return [round(float(v), 6) for v in values]

        return {
            "version": self.version,
            "features": list(self.features),
            "mean": rounded(self.mean),
            "scale": rounded(self.scale),
            "relatedness": dict(zip(RELATEDNESS_FEATURES, rounded(self.relatedness), strict=True)),
            "conflict": dict(zip(CONFLICT_FEATURES, rounded(self.conflict), strict=True)),
            "summary": self.summary,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VerdictModel:
        return cls(
            version=str(data["version"]),
            relatedness=np.asarray(
                [data["relatedness"][f] for f in RELATEDNESS_FEATURES], dtype=np.float64
            ),
            conflict=np.asarray([data["conflict"][f] for f in CONFLICT_FEATURES], dtype=np.float64),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            features=tuple(data["features"]),
            summary=dict(data.get("summary", {})),
        )


def columns(names: Sequence[str]) -> list[int]:
    return [FEATURE_NAMES.index(n) for n in names]


_RELATEDNESS_COLUMNS = columns(RELATEDNESS_FEATURES)
_CONFLICT_COLUMNS = columns(CONFLICT_FEATURES)


def _sigmoid(v: Matrix) -> Matrix:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(v, -30, 30))))


def builtin_model() -> Traversable:
    """The shipped model's file, found as package data (editable or installed alike)."""
    try:
        return resources.files("pipeline.models") / "verdict" / "model.json"
    except ModuleNotFoundError:
        raise ClaimtrackError(
            "the built-in verdict model is not installed (package pipeline.models)"
        ) from None


def load_model(path: Traversable | None = None) -> VerdictModel:
    """The model in `path` (a `Path` will do), the built-in one by default."""
    source = path or builtin_model()
    try:
        model = VerdictModel.from_json(json.loads(source.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ClaimtrackError(f"cannot read the verdict model {source}: {exc}") from None
    if model.features != FEATURE_NAMES:
        raise ClaimtrackError(
            f"{source} was trained on other features;"
            " retrain: python -m pipeline.training.verdict_model"
        )
    return model


class ModelBackend:
    """Judges pairs with a `VerdictModel` (the shipped one unless given another)."""

    name = "model"

    def __init__(self, model: VerdictModel | None = None) -> None:
        self.model = model or load_model()
        self.version = self.model.version

    def judge_many(self, pairs: Sequence[PairInput]) -> list[Verdict]:
        shared = [shared_words(p.a, p.b) for p in pairs]
        found = [conflicts(p.a, p.b, w, p.similarity) for p, w in zip(pairs, shared, strict=True)]
        x = feature_matrix(pairs, found)
        if not len(x):
            return []
        probs = self.model.probabilities(x)
        pull = self.model.conflict_pull(x)
        return [
            self._verdict(pairs[i], probs[i], pull[i], found[i], shared[i])
            for i in range(len(pairs))
        ]

    def _verdict(
        self,
        pair: PairInput,
        probs: Matrix,
        pull: Matrix,
        found: Sequence[Finding],
        shared: Sequence[str],
    ) -> Verdict:
        best = int(np.argmax(probs))
        label = _LABEL[self.model.labels[best]]
        score = round(float(probs[best]), 4)
        if label != "contradicts":
            said = f"model: {label} {score:.2f} (similarity {pair.similarity:.2f})"
            return explained(label, score, said, (), shared)
        ranked = sorted(found, key=lambda f: -pull[self.model.features.index(f"finding_{f.type}")])
        return explained(label, score, f"model: contradicts {score:.2f}", ranked, shared)
