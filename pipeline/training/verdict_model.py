"""Train the built-in verdict model on the project's own labelled pairs.

    python -m pipeline.training.verdict_model [--data data/pairs] [--out models/verdict/model.json]

A recipe run from the repository root: both defaults are relative to the working directory,
the repository's labelled pairs and its `models/` folder (which the wheel ships as the package
`pipeline.models`); `--data` and `--out` override them.

1. Reads the hand-written pairs (`data/pairs/written.jsonl`).
2. Writes generated variants of them to `data/pairs/generated.jsonl`: each statement negated
   (spaCy finds the verb to negate) against itself and against its paraphrase, negated
   paraphrases (which agree), numbers changed (a quantity conflict), and negated statements
   against unrelated ones (still unrelated: a negation alone makes no contradiction).
   Also pairs two claims of one side from different pairs of one incident: the same topic,
   different points, unrelated (so that "same incident, other details" is no contradiction).
3. Holds out a fifth of the topics, trains on the rest and prints the held-out scores; then
   trains on everything and writes the model with a summary of its data and scores.
The fit is deterministic: two L2-regularised logistic regressions (scikit-learn's, see
`model.VerdictModel`), each with its two classes weighted equally.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from pipeline.config import settings_from_env
from pipeline.contradict.model import (
    CONFLICT_FEATURES,
    LABELS,
    RELATEDNESS_FEATURES,
    Matrix,
    VerdictModel,
    columns,
)
from pipeline.contradict.pair_features import feature_matrix
from pipeline.contradict.rules import VERDICT_VERSION
from pipeline.contradict.statements import statement_pairs
from pipeline.evaluate.pairs import score_labels
from pipeline.nlp.load import load_nlp

MODEL_VERSION = "logreg-1"
DATA = Path("data") / "pairs"
OUT = Path("models") / "verdict" / "model.json"
L2 = 0.01
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_BOUND = re.compile(
    r"\b(?:at least|at most|more than|less than|fewer than|over|under|nearly|almost|about|"
    r"around|roughly|up to|some)\s*$",
    re.IGNORECASE,
)


def read_pairs(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def negate(doc: Any) -> str | None:
    """`doc`'s text with its main verb negated ("was" -> "was not", "deleted" -> "did not
    delete") or un-negated ("did not delete" -> "deleted" is left out: "was not" -> "was");
    None when there is no verb to negate."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    text = str(doc.text)
    negs = [c for c in root.children if c.dep_ == "neg"]
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    if negs:
        neg = negs[0]
        if aux and aux[0].lemma_ == "do":
            return None
        end = neg.idx + len(neg.text)
        return (text[: neg.idx].rstrip() + " " + text[end:].lstrip()).strip()
    if aux:
        first = aux[0]
        at = first.idx + len(first.text)
        return text[:at] + " not" + text[at:]
    if root.lemma_ == "be":
        at = root.idx + len(root.text)
        return text[:at] + " not" + text[at:]
    support = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if support is None:
        return None
    return text[: root.idx] + f"{support} not {root.lemma_}" + text[root.idx + len(root.text) :]


def change_number(text: str, seed: int) -> str | None:
    """`text` with its first number changed well beyond rounding (x3, or +7 when small)."""
    m = _NUMBER.search(text)
    if m is None or _BOUND.search(text[: m.start()]):
        return None  # "at least 2 million" agrees with a higher number too
    raw = m.group()
    value = float(raw.replace(",", ""))
    new = value * 3 if value >= 10 else value + 7 + seed % 5
    shown = f"{int(new):,}" if "," in raw else (f"{new:g}" if "." in raw else str(int(new)))
    return text[: m.start()] + shown + text[m.end() :]


def generate_variants(written: Sequence[dict[str, str]], spacy_model: str) -> list[dict[str, str]]:
    """Generated pairs (see the module docstring), deterministic for the same input."""
    nlp = load_nlp(spacy_model)
    texts = sorted({p[k] for p in written for k in ("a", "b")})
    negated = {t: negate(doc) for t, doc in zip(texts, nlp.pipe(texts), strict=True)}
    out: list[dict[str, str]] = []

    def add(a: str, b: str, label: str, type_: str, topic: str, origin: str) -> None:
        out.append({"a": a, "b": b, "label": label, "type": type_, "topic": topic, "from": origin})

    for pair in written:
        a, b, label, topic, pid = pair["a"], pair["b"], pair["label"], pair["topic"], pair["id"]
        neg_a, neg_b = negated.get(a), negated.get(b)
        seed = zlib.crc32(pid.encode())
        if label == "agrees":
            if neg_a:
                add(neg_a, b, "contradicts", "negation", topic, pid)
            if neg_a and neg_b:
                add(neg_a, neg_b, "agrees", "none", topic, pid)
            changed = change_number(b, seed)
            if changed and _NUMBER.search(a):
                add(a, changed, "contradicts", "quantity", topic, pid)
        elif label == "unrelated" and neg_a and seed % 2 == 0:
            add(neg_a, b, "unrelated", "none", topic, pid)
        if seed % 3 == 0 and neg_a:
            add(a, neg_a, "contradicts", "negation", topic, pid)
    by_topic: dict[str, list[dict[str, str]]] = {}
    for pair in written:
        by_topic.setdefault(pair["topic"], []).append(pair)
    for topic, members in sorted(by_topic.items()):
        # two claims from one side of different pairs: the same incident, different points
        for first, second in itertools.pairwise(members):
            for side in ("a", "b"):
                add(first[side], second[side], "unrelated", "none", topic, first["id"])
    return out


def fit(x: Matrix, y: Sequence[int], version: str) -> VerdictModel:
    """Both logistic regressions of a `VerdictModel`, on standardised features: relatedness
    on all pairs (related = contradicts or agrees), conflict on the related pairs."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the bias column stays 1
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    labels = np.asarray(y)
    unrelated, contradicts = LABELS.index("unrelated"), LABELS.index("contradicts")
    related = labels != unrelated
    relatedness = _logistic(z[:, columns(RELATEDNESS_FEATURES)], related)
    conflict = _logistic(z[related][:, columns(CONFLICT_FEATURES)], labels[related] == contradicts)
    return VerdictModel(version, relatedness, conflict, mean, scale)


def _logistic(z: Matrix, target: npt.NDArray[np.bool_]) -> Matrix:
    """L2-regularised logistic regression (scikit-learn's), both classes weighted equally; the
    first column of `z` is the bias, fitted as the unregularised intercept. The weights minimise
    mean(weighted log-loss) + L2 / 2 * |w|^2: scikit-learn's objective at C = 1 / (L2 n)."""
    regression = LogisticRegression(
        C=1.0 / (L2 * len(target)), class_weight="balanced", tol=1e-10, max_iter=10_000
    )
    regression.fit(z[:, 1:], target)
    return np.concatenate([regression.intercept_, regression.coef_[0]])


def _held_out_topics(topics: Iterable[str]) -> set[str]:
    return {t for t in set(topics) if zlib.crc32(t.encode()) % 5 == 0}


def train(data_dir: Path, out: Path, spacy_model: str) -> dict[str, Any]:
    written = read_pairs(data_dir / "written.jsonl")
    generated = generate_variants(written, spacy_model)
    (data_dir / "generated.jsonl").write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in generated), "utf-8"
    )
    rows = [*written, *generated]
    inputs = statement_pairs([(r["a"], r["b"]) for r in rows], spacy_model)
    x = feature_matrix(inputs)
    y = [LABELS.index(r["label"]) for r in rows]
    held = _held_out_topics(r["topic"] for r in rows)
    test = np.array([r["topic"] in held for r in rows])
    trial = fit(x[~test], [v for v, t in zip(y, test, strict=True) if not t], MODEL_VERSION)
    predicted = trial.probabilities(x[test]).argmax(axis=1)
    held_scores = score_labels(
        [LABELS[v] for v, t in zip(y, test, strict=True) if t], [LABELS[i] for i in predicted]
    )
    digest = hashlib.sha256(
        b"".join((data_dir / f).read_bytes() for f in ("written.jsonl", "generated.jsonl"))
    ).hexdigest()[:16]
    model = fit(x, y, f"{MODEL_VERSION}-{digest[:8]}-{VERDICT_VERSION}")
    summary = {
        "trained_on": {"written": len(written), "generated": len(generated), "data_sha256": digest},
        "held_out_topics": sorted(held),
        "held_out_scores": held_scores,
        "command": "python -m pipeline.training.verdict_model",
    }
    model = VerdictModel(
        model.version, model.relatedness, model.conflict, model.mean, model.scale, summary=summary
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Train the built-in verdict model (run from the repository root).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of written.jsonl")
    parser.add_argument("--out", type=Path, default=OUT, help="the model file to write")
    args = parser.parse_args()
    written = args.data / "written.jsonl"
    if not written.is_file():
        parser.error(f"no {written}: run from the repository root or give --data")
    summary = train(args.data, args.out, settings_from_env().spacy_model)
    print(json.dumps(summary, indent=1))
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
