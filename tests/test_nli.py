"""The NLI backend on a tiny BERT classifier built here, whose bias alone decides the label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from sentence_transformers import CrossEncoder
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

from pipeline.contradict.base import PairInput
from pipeline.contradict.nli import NliBackend
from pipeline.contradict.rules import VERDICT_VERSION
from pipeline.errors import UsageError
from pipeline.records import Claim, Span

WORDS = """the outage lasted hours minutes and a second in june was caused by agent there no
company said access role misconfigured jars recalled customers were told it did not happen
service region""".split()
NLI_LABELS = {0: "contradiction", 1: "entailment", 2: "neutral"}


def claim(text: str) -> Claim:
    span = Span(text, 0, len(text))
    return Claim(kind="asserted", content=span, sentence=span)


def tiny_model(folder: Path, bias: list[float], id2label: dict[int, str] | None = None) -> Path:
    """A one-layer BERT classifier saved with its tokenizer: zero weights, so `bias` decides."""
    folder.mkdir()
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    labels = id2label or NLI_LABELS
    config = BertConfig(
        vocab_size=5 + len(WORDS),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=3,
        id2label=labels,
        label2id={name: i for i, name in labels.items()},
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor(bias))
    model.save_pretrained(folder)
    BertTokenizer(vocab_file=str(vocab), model_max_length=64).save_pretrained(folder)
    return folder


WORDED_PAIR = PairInput(
    claim("The outage was caused by the agent"), claim("The company said it was the region"), 0.55
)
QUANTITY_PAIR = PairInput(
    claim("The outage lasted 13 hours"), claim("The outage lasted 2 hours and 40 minutes"), 0.55
)


def test_contradiction_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    predict = CrossEncoder.predict

    def counted(self: CrossEncoder, inputs: list[tuple[str, str]], **kwargs: Any) -> Any:
        calls.append((len(inputs), kwargs["batch_size"]))
        return predict(self, inputs, **kwargs)

    monkeypatch.setattr(CrossEncoder, "predict", counted)
    path = tiny_model(tmp_path / "nli", [5.0, 0.0, 0.0])
    backend = NliBackend(str(path), batch_size=8)
    assert backend.name == "nli" and backend.version == f"nli-1:{path}+{VERDICT_VERSION}"
    assert backend.scores_version == f"nli-1:{path}"
    plain = PairInput(claim("The outage began in June"), claim("The outage began in a storm"), 0.7)
    others = [
        PairInput(
            claim(f"{WORDS[i % len(WORDS)]} was caused by the agent"), claim("it did not"), 0.3
        )
        for i in range(68)
    ]
    pairs = [QUANTITY_PAIR, *others, plain]

    verdicts = backend.judge_many(pairs)

    assert len(verdicts) == 70
    # each distinct pair of texts is scored once, both ways round, in one call
    distinct = {tuple(sorted((p.a.text, p.b.text))) for p in pairs}
    assert len(distinct) < len(pairs) and calls == [(2 * len(distinct), 8)]
    assert {v.label for v in verdicts} == {"contradicts"}
    expected = round(float(torch.softmax(torch.tensor([5.0, 0.0, 0.0]), 0)[0]), 4)
    assert all(0 < v.score <= 1 and v.score == expected for v in verdicts)
    first = verdicts[0]
    assert first.type == "quantity"
    assert first.evidence == ("13 hours", "2 hours")
    assert first.reason.startswith(f"NLI model: contradiction 0.99 ({path})")
    assert "differing numbers" in first.reason
    last = verdicts[-1]
    assert last.type == "other" and last.evidence == ("began", "outage")
    # no rule finding: the reason says which two claims the model weighed
    assert last.reason == (
        f"NLI model: contradiction 0.99 ({path}), weighing"
        ' "The outage began in June" against "The outage began in a storm"'
    )
    assert backend.judge_many([]) == []
    assert [v.evidence for v in backend.judge_many(list(reversed(pairs)))] == [
        v.evidence for v in reversed(verdicts)
    ]


def test_entailment_model(tmp_path: Path) -> None:
    path = tiny_model(tmp_path / "nli", [0.0, 3.0, 1.0])
    same = PairInput(claim("The outage was caused by the agent"), claim("The agent caused it"), 0.8)
    verdicts = NliBackend(str(path)).judge_many([same, QUANTITY_PAIR])

    assert (verdicts[0].label, verdicts[0].type) == ("agrees", "none")
    expected = torch.softmax(torch.tensor([0.0, 3.0, 1.0]), 0)[1]
    assert verdicts[0].score == round(float(expected), 4)
    assert verdicts[0].reason == f"NLI model: entailment {float(expected):.2f} ({path})"
    assert verdicts[0].evidence == ("agent", "caused")
    # the model cannot compare numbers: the rules' quantity conflict decides, and says so
    assert (verdicts[1].label, verdicts[1].type) == ("contradicts", "quantity")
    assert verdicts[1].reason.endswith(
        f"(rules; NLI model: entailment {float(expected):.2f} ({path}))"
    )


def test_neutral_model_with_labels_in_another_order(tmp_path: Path) -> None:
    labels = {0: "ENTAILMENT", 1: "Neutral", 2: "contradict"}
    path = tiny_model(tmp_path / "nli", [0.0, 2.0, 0.0], labels)
    pair = PairInput(claim("The outage began in June"), claim("Customers were told"), 0.3)
    (verdict,) = NliBackend(str(path)).judge_many([pair])
    assert (verdict.label, verdict.type, verdict.evidence) == ("unrelated", "none", ())
    assert verdict.reason.startswith("NLI model: neutral ")


def test_missing_folder(tmp_path: Path) -> None:
    backend = NliBackend(str(tmp_path / "no-such-model"))
    with pytest.raises(
        UsageError, match=r"no-such-model.*without --nli-model the built-in model is used"
    ):
        backend.judge_many([QUANTITY_PAIR])


def test_broken_folder(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    with pytest.raises(
        UsageError, match=r"cannot load NLI model.*without --nli-model the built-in model is used"
    ):
        NliBackend(str(broken)).judge_many([QUANTITY_PAIR])


def test_unrecognised_labels(tmp_path: Path) -> None:
    path = tiny_model(tmp_path / "nli", [1.0, 0.0, 0.0], {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(UsageError, match=r"does not have the labels.*LABEL_0"):
        NliBackend(str(path)).judge_many([QUANTITY_PAIR])


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match="batch size"):
        NliBackend("cross-encoder/nli-deberta-v3-xsmall", batch_size=0)
    # no model named: claimtrack's own, shipped with it
    builtin = NliBackend(" ")
    assert builtin.builtin and builtin.version.startswith("nli-builtin-")


def test_scores_kept_in_the_store_are_not_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.store import Store

    calls: list[int] = []
    predict = CrossEncoder.predict

    def counted(self: CrossEncoder, inputs: list[tuple[str, str]], **kwargs: Any) -> Any:
        calls.append(len(inputs))
        return predict(self, inputs, **kwargs)

    monkeypatch.setattr(CrossEncoder, "predict", counted)
    path = tiny_model(tmp_path / "nli", [5.0, 0.0, 0.0])
    other = PairInput(claim("The outage began in June"), claim("it did not"), 0.4)
    with Store.open(tmp_path / "store.duckdb") as store:
        first = NliBackend(str(path), cache=store.model_scores).judge_many([QUANTITY_PAIR])
        # a new backend (the next run): the stored pair is read, only the new one is scored
        swapped = PairInput(QUANTITY_PAIR.b, QUANTITY_PAIR.a, QUANTITY_PAIR.similarity)
        second = NliBackend(str(path), cache=store.model_scores).judge_many([swapped, other])
        # everything stored: the verdicts come without loading the model's weights
        third = NliBackend(str(path), cache=store.model_scores)
        assert third.judge_many([other, QUANTITY_PAIR])[1].score == first[0].score
        assert third._encoder is None
        _, rows = store.query("SELECT model_version, len(scores) FROM model_scores")
    assert calls == [2, 2]
    assert first[0].score == second[0].score and first[0].type == second[0].type == "quantity"
    assert sorted(rows) == [(f"nli-1:{path}", 3)] * 2


def test_case_floor_holds_contradictions_of_a_case(tmp_path: Path) -> None:
    from pipeline.contradict.nli import CaseFloor

    path = tiny_model(tmp_path / "nli", [5.0, 0.0, 0.0])  # P(contradiction) 0.987
    plain = NliBackend(str(path))
    assert plain.judge_many([WORDED_PAIR])[0].label == "contradicts"
    strict = NliBackend(str(path), case_floor=CaseFloor(0.99, 0.0))
    held = strict.judge_many([WORDED_PAIR])[0]
    assert held.label == "unrelated" and "under the 0.99" in held.reason
    assert strict.version != plain.version  # stored verdicts of the other point are redone
    apart = NliBackend(str(path), case_floor=CaseFloor(0.5, 0.6))
    far = apart.judge_many([WORDED_PAIR])[0]
    assert far.label == "unrelated" and "similarity 0.55" in far.reason
    assert apart._encoder is None  # under the similarity floor the model reads nothing
    near = NliBackend(str(path), case_floor=CaseFloor(0.5, 0.5)).judge_many([WORDED_PAIR])[0]
    assert near.label == "contradicts" and near.reason.startswith("NLI model: contradiction")
    # a quantity conflict is the rules' to judge, under the floor or not
    counted = NliBackend(str(path), case_floor=CaseFloor(0.99, 0.9)).judge_many([QUANTITY_PAIR])
    assert (counted[0].label, counted[0].type) == ("contradicts", "quantity")


def test_case_floor_keeps_the_most_contradicting_pair_of_a_claim(tmp_path: Path) -> None:
    from dataclasses import replace

    from pipeline.contradict.nli import CaseFloor, _best_of_each_claim

    a, b, c, d = (replace(claim(f"claim {n}"), claim_id=n) for n in "abcd")
    p1, p2, p3 = PairInput(a, b, 0.6), PairInput(a, c, 0.6), PairInput(d, c, 0.6)
    scores = {id(p1): 0.9, id(p2): 0.8, id(p3): 0.85}
    # a's best is p1, c's best p3: p2 is nobody's most contradicting pair
    assert _best_of_each_claim([p1, p2, p3], scores) == {id(p1), id(p3)}
    path = tiny_model(tmp_path / "nli", [5.0, 0.0, 0.0])
    strict = NliBackend(str(path), case_floor=CaseFloor(0.5, 0.3))
    loose = NliBackend(str(path), case_floor=CaseFloor(0.5, 0.3, best_only=False))
    assert strict.version != loose.version
    # equal scores: ties keep the first pair, and each pair is some claim's best here
    assert [v.label for v in strict.judge_many([p1, p2])] == ["contradicts", "contradicts"]
