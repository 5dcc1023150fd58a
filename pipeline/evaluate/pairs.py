"""Score a verdict backend on labelled statement pairs: per-label precision, recall and F1.

Reads three formats, by content:
- JSONL with `a`, `b` and `label` (contradicts / agrees / unrelated): the project's own
  (data/pairs/), and what `claimtrack pairs` reads;
- JSONL with `claim`, `evidence` and `label` (SUPPORTS / REFUTES): FEVER and FEVER-Symmetric;
- TSV with `sentence_A`, `sentence_B`, `entailment_label`: SICK.
Gold labels map to ours (CONTRADICTION/REFUTES -> contradicts, ENTAILMENT/SUPPORTS -> agrees,
NEUTRAL -> unrelated). When a set has only two labels (FEVER), a prediction of the label the
set lacks counts as the other one: "not contradicts" is "supports".
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from pipeline.contradict.base import VerdictBackend
from pipeline.contradict.statements import statement_pairs
from pipeline.errors import UsageError

LABELS = ("contradicts", "agrees", "unrelated")
_GOLD = {
    "contradicts": "contradicts",
    "contradiction": "contradicts",
    "refutes": "contradicts",
    "agrees": "agrees",
    "entailment": "agrees",
    "supports": "agrees",
    "unrelated": "unrelated",
    "neutral": "unrelated",
}


@dataclass(frozen=True)
class LabelledPair:
    id: str
    a: str
    b: str
    label: str


def load_pairs(path: Path, limit: int | None = None) -> list[LabelledPair]:
    """Labelled pairs from a JSONL or SICK TSV file (see the module docstring)."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    text = path.read_text("utf-8")
    rows: list[dict[str, str]]
    if path.suffix == ".tsv" or text.startswith("pair_ID"):
        rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    else:
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON lines ({exc})") from None
    pairs = []
    for n, row in enumerate(rows[:limit], start=1):
        a = row.get("a") or row.get("evidence") or row.get("sentence_A")
        b = row.get("b") or row.get("claim") or row.get("sentence_B")
        raw = str(row.get("label") or row.get("entailment_label") or "").lower()
        if not a or not b or raw not in _GOLD:
            raise UsageError(f"{path}: line {n} needs two texts and a known label")
        pairs.append(LabelledPair(str(row.get("id") or row.get("pair_ID") or n), a, b, _GOLD[raw]))
    if not pairs:
        raise UsageError(f"{path}: no pairs")
    return pairs


def score_labels(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, object]:
    """Per-label precision/recall/F1 and support, accuracy, and macro-F1 over the gold labels
    (scikit-learn's; a label never predicted has precision 0)."""
    present = [label for label in LABELS if label in set(gold)]
    if len(present) < len(LABELS):
        # a two-label set: a label it lacks counts as its last one ("not contradicts")
        predicted = [p if p in present else present[-1] for p in predicted]
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=present, zero_division=0.0
    )
    per_label = {
        label: {
            "precision": round(float(precision[i]), 4),
            "recall": round(float(recall[i]), 4),
            "f1": round(float(f1[i]), 4),
            "support": int(support[i]),
        }
        for i, label in enumerate(present)
    }
    return {
        "pairs": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(float(f1.mean()), 4),
        "labels": per_label,
        "predicted": dict(Counter(predicted)),
    }


def evaluate_pairs(
    path: Path,
    backend: VerdictBackend,
    spacy_model: str,
    limit: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    """Judge every pair in `path` with `backend` and score the labels."""
    pairs = load_pairs(path, limit)
    inputs = statement_pairs([(p.a, p.b) for p in pairs], spacy_model, on_progress=on_progress)
    verdicts = backend.judge_many(inputs)
    scores = score_labels([p.label for p in pairs], [v.label for v in verdicts])
    return {"file": str(path), "backend": backend.version, **scores}
