"""The ONNX path of the NLI backend: a tiny BERT classifier built here is exported by the
recipe's exporter (int8), then judged through ONNX Runtime; its probabilities follow the torch
model's, and the backend picks the ONNX file over torch weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import AutoTokenizer, BertForSequenceClassification

from pipeline.contradict.base import PairInput
from pipeline.contradict.nli import NliBackend
from pipeline.contradict.onnx_pairs import OnnxPairScorer, is_onnx_model, softmax
from pipeline.errors import UsageError
from pipeline.training.onnx_export import export_int8
from tests.test_nli import claim, tiny_model

PAIRS = [
    ("the outage lasted hours", "the outage lasted minutes"),
    ("the company said it did not happen", "the agent caused the outage in june"),
    ("customers were told", "there was no outage"),
]


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """A tiny torch model whose weights decide (not only its bias), and its int8 ONNX export."""
    folder = tiny_model(tmp_path / "torch", [0.5, 0.0, -0.5])
    model = BertForSequenceClassification.from_pretrained(folder)
    with torch.no_grad():
        torch.manual_seed(1)
        model.classifier.weight.normal_(0, 2.0)
    model.save_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    target = export_int8(model, tokenizer, tmp_path / "onnx")
    assert target.name == "model.onnx" and is_onnx_model(target.parent)
    return folder, target.parent


def test_onnx_probabilities_follow_the_torch_model(exported: tuple[Path, Path]) -> None:
    torch_folder, onnx_folder = exported
    model = BertForSequenceClassification.from_pretrained(torch_folder).eval()
    tokenizer = AutoTokenizer.from_pretrained(torch_folder)
    encoded = tokenizer(
        [a for a, _ in PAIRS], [b for _, b in PAIRS], padding=True, return_tensors="pt"
    )
    with torch.inference_mode():
        expected = softmax(model(**encoded).logits.numpy())
    scorer = OnnxPairScorer(onnx_folder)
    one_way = scorer.probabilities(PAIRS, both_ways=False, batch_size=2)
    assert one_way.shape == (3, 3) and np.allclose(one_way.sum(axis=1), 1.0)
    assert np.abs(one_way - expected).max() < 0.05  # int8 weights: close, not equal
    assert (one_way.argmax(axis=1) == expected.argmax(axis=1)).all()
    both = scorer.probabilities(PAIRS, both_ways=True)
    backward = scorer.probabilities([(b, a) for a, b in PAIRS], both_ways=False)
    assert np.allclose(both, (one_way + backward) / 2, atol=1e-3)  # batches quantise apart
    assert scorer.probabilities([]).shape == (0, 3)


def test_backend_runs_an_onnx_folder(exported: tuple[Path, Path]) -> None:
    _, onnx_folder = exported
    backend = NliBackend(str(onnx_folder))
    pair = PairInput(claim("the outage lasted hours"), claim("there was no outage"), 0.5)
    verdict = backend.judge_many([pair])[0]
    assert isinstance(backend._encoder, OnnxPairScorer)
    assert verdict.label in ("contradicts", "agrees", "unrelated")
    assert verdict.reason.startswith("NLI model:")


def test_a_broken_onnx_file_is_a_clear_error(exported: tuple[Path, Path]) -> None:
    _, onnx_folder = exported
    (onnx_folder / "model.onnx").write_bytes(b"not a model")
    backend = NliBackend(str(onnx_folder))
    pair = PairInput(claim("the outage lasted hours"), claim("there was no outage"), 0.5)
    with pytest.raises(UsageError, match="cannot load NLI model"):
        backend.judge_many([pair])
