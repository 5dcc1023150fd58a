"""The training and validation rows of the verdict cross-encoder, each with the labels it allows.

Labels are the model's three outputs: 0 contradiction, 1 entailment, 2 neutral (our verdicts
contradicts / agrees / unrelated). A row allows one label or a set of them, and the loss is the
probability of the whole set (`-log sum p(y in set)`), so data that cannot tell two labels apart
never pushes the model towards either:
- 3-way NLI rows (SNLI, MultiNLI-based, counterfactual, ConjNLI, Breaking NLI), SICK TRAIN and the
  project's own pairs allow exactly their label;
- 2-way `not_entailment` rows (MED, DocNLI) allow {contradiction, neutral}, their `entailment`
  rows entailment;
- stance rows (Perspectrum) are not NLI: `undermine` (opposition) allows {contradiction, neutral},
  `support` allows {entailment, neutral}.
Validation: SICK TRIAL, FEVER-Symmetric dev and the held-out topics of `data/pairs/written.jsonl`
and `data/pairs/disputes.jsonl`; none of them is ever trained on.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CONTRADICTION, ENTAILMENT, NEUTRAL = 0, 1, 2
# the project's own report-against-rebuttal pairs (`data/pairs/README.md`)
DISPUTES = "disputes.jsonl"
ID2LABEL = {CONTRADICTION: "contradiction", ENTAILMENT: "entailment", NEUTRAL: "neutral"}
_ALLOWED: dict[str, tuple[int, ...]] = {
    "contradiction": (CONTRADICTION,),
    "contradicts": (CONTRADICTION,),
    "entailment": (ENTAILMENT,),
    "agrees": (ENTAILMENT,),
    "neutral": (NEUTRAL,),
    "unrelated": (NEUTRAL,),
    "not_entailment": (CONTRADICTION, NEUTRAL),
    "undermine": (CONTRADICTION, NEUTRAL),
    "support": (ENTAILMENT, NEUTRAL),
}


@dataclass(frozen=True)
class Row:
    """One training pair: premise, hypothesis, the labels it allows, and where it came from."""

    premise: str
    hypothesis: str
    allowed: tuple[int, ...]
    source: str


@dataclass(frozen=True)
class Gold:
    """One validation pair with its verdict label (contradicts / agrees / unrelated)."""

    a: str
    b: str
    label: str


def bundle_rows(path: Path, per_source: int | None, seed: int) -> list[Row]:
    """The nli-train bundle's rows, at most `per_source` of each source (a seeded sample)."""
    by_source: dict[str, list[Row]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            allowed = _ALLOWED.get(str(item["label"]).lower())
            if allowed is None:
                continue
            row = Row(item["premise"], item["hypothesis"], allowed, str(item["source"]))
            by_source.setdefault(row.source, []).append(row)
    rows: list[Row] = []
    for source in sorted(by_source):
        members = by_source[source]
        if per_source is not None and len(members) > per_source:
            members = random.Random(f"{seed}:{source}").sample(members, per_source)
        rows += members
    return rows


def sick_rows(path: Path, split: str) -> list[Row]:
    """SICK pairs of one split (TRAIN for training; TRIAL is validation)."""
    rows = []
    with path.open(encoding="utf-8") as table:
        for item in csv.DictReader(table, delimiter="\t"):
            if item["SemEval_set"] == split:
                label = item["entailment_label"].lower()
                rows.append(Row(item["sentence_A"], item["sentence_B"], _ALLOWED[label], "sick"))
    return rows


def held_out_topic(topic: str) -> bool:
    """A fifth of the project's pair topics, never trained on (the same split as the rules
    model's training: `training.verdict_model`)."""
    return zlib.crc32(topic.encode()) % 5 == 0


def pair_items(path: Path, held_out: bool) -> list[dict[str, str]]:
    """The labelled pairs of a `data/pairs` file (none if it is absent) of the held-out topics,
    or of the others."""
    if not path.is_file():
        return []
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [i for i in items if held_out_topic(i["topic"]) == held_out]


def project_rows(
    directory: Path, names: Sequence[str] = ("written.jsonl", "generated.jsonl")
) -> list[Row]:
    """The project's own labelled pairs (written and generated) of the topics not held out."""
    return [
        Row(i["a"], i["b"], _ALLOWED[i["label"]], "disputes" if name == DISPUTES else "project")
        for name in names
        for i in pair_items(directory / name, held_out=False)
    ]


def dispute_negatives(directory: Path, per_claim: int, seed: int) -> list[Row]:
    """Hard negatives of the dispute pairs (topics not held out): each report-side claim of a
    contradicting pair against the company-side claims of `per_claim` other contradicting pairs
    of its dispute, as unrelated. One dispute, two points: what a real case's candidate pairs
    mostly are, and what the written pairs alone do not teach (whether two claims that
    oppose each other in kind address the same point)."""
    if per_claim < 1:
        return []
    by_topic: dict[str, list[dict[str, str]]] = {}
    for item in pair_items(directory / DISPUTES, held_out=False):
        if item["label"] == "contradicts":
            by_topic.setdefault(item["topic"], []).append(item)
    rng = random.Random(seed)
    rows = []
    for topic in sorted(by_topic):
        pairs = by_topic[topic]
        for n, pair in enumerate(pairs):
            others = pairs[:n] + pairs[n + 1 :]
            for other in rng.sample(others, min(per_claim, len(others))):
                rows.append(Row(pair["a"], other["b"], _ALLOWED["unrelated"], "dispute-negatives"))
    return rows


def validation_sets(shared: Path, pairs_dir: Path) -> dict[str, list[Gold]]:
    """SICK TRIAL, FEVER-Symmetric dev and the project's held-out topics (those present)."""
    sets: dict[str, list[Gold]] = {}
    sick = shared / "sick-train" / "sick_train_trial.tsv"
    if sick.is_file():
        sets["sick_trial"] = [
            Gold(r.premise, r.hypothesis, _verdict(r.allowed)) for r in sick_rows(sick, "TRIAL")
        ]
    fever = shared / "fever-symmetric-dev" / "fever_symmetric_dev.jsonl"
    if fever.is_file():
        items = [json.loads(line) for line in fever.read_text("utf-8").splitlines() if line]
        sets["fever_symmetric_dev"] = [
            Gold(i["evidence"], i["claim"], "contradicts" if i["label"] == "REFUTES" else "agrees")
            for i in items
        ]
    for name, key in (("written.jsonl", "written_held_out"), (DISPUTES, "disputes_held_out")):
        if (pairs_dir / name).is_file():
            held = pair_items(pairs_dir / name, held_out=True)
            sets[key] = [Gold(i["a"], i["b"], i["label"]) for i in held]
    return sets


def _verdict(allowed: tuple[int, ...]) -> str:
    return {CONTRADICTION: "contradicts", ENTAILMENT: "agrees", NEUTRAL: "unrelated"}[allowed[0]]


def batches(rows: Sequence[Row], size: int, seed: int, length: Iterable[int]) -> list[list[int]]:
    """Row indexes in batches of `size`: shuffled (seeded), then sorted by length within pools
    of 50 batches so that a batch pads little, then the batches shuffled again."""
    lengths = list(length)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    rng.shuffle(order)
    pool = size * 50
    out: list[list[int]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lambda i: lengths[i])
        out += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out
