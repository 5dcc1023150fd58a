"""The reading verdict backend: an NLI cross-encoder (`sentence_transformers.CrossEncoder`).

By default claimtrack's own model, trained by `pipeline.training.verdict_nli` and shipped in
`pipeline.models` (`models/verdict-nli/`), loaded offline. A user's own model still works, named
by its hub name (e.g. `cross-encoder/nli-deberta-v3-xsmall`) or by a local folder. The built-in
model reads a pair one way, the first claim (the reporting side's, see `judge`) as the premise,
as its recipe measured best (`reads` in its `training.json`); another model reads it both ways
and the two softmax distributions are averaged. The decision bias fitted by the recipe shifts
the probabilities, and the most probable label wins, its probability the score. The type and
evidence of a contradiction come from the rule findings of `contradict.conflicts`; where the
rules find none, the reason quotes the two claims the model weighed. With a `ScoreCache` (the
store's), a pair of texts already scored by the same model is not scored again.

Nothing is imported or loaded until the first pairs are judged. A folder with `model.onnx` (the
built-in model: int8 weights) runs on ONNX Runtime (`onnx_pairs`); any other model through
sentence-transformers' `CrossEncoder`. A local folder is loaded with the hub switched off; a hub
name is looked up in the local cache first and downloaded only if absent. Weights shipped in
fp16 are run in fp32 on torch (fp16 matrix work is slow on most CPUs).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from pipeline.contradict import rules
from pipeline.contradict.base import PairInput, ScoreCache
from pipeline.contradict.conflicts import conflicts, explained, shared_words
from pipeline.contradict.onnx_pairs import OnnxPairScorer, is_onnx_model, softmax
from pipeline.errors import UsageError, one_line
from pipeline.hashing import stable_id
from pipeline.records import Claim, Label, Verdict

_LABEL_WORDS: dict[str, Label] = {
    "contradiction": "contradicts",
    "contradict": "contradicts",
    "entailment": "agrees",
    "entail": "agrees",
    "neutral": "unrelated",
}
_LABELS: tuple[Label, ...] = ("contradicts", "agrees", "unrelated")
# conflicts the rules judge for the model: numbers, and verdicts on the report as a whole
RULE_TYPES = frozenset({"quantity", "date", "report"})
_OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
_QUIET = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false"}
_NO_MODEL_NEEDED = "without --nli-model the built-in model is used"
BUILTIN = "verdict-nli"  # the folder of the built-in model in `pipeline.models`


def builtin_model() -> Path:
    """The folder of claimtrack's own NLI model (found installed or in a checkout)."""
    return Path(str(files("pipeline.models") / BUILTIN))


@dataclass(frozen=True)
class CaseFloor:
    """What a contradiction needs among a case's candidate pairs. The decision bias is fitted on
    balanced pair sets; among all the cross-side pairs of a real case few contradict, so the
    model's contradiction probability must reach `contradiction`, the two claims' cosine
    similarity `similarity` (the same subject), and, with `best_only`, the pair must be the one
    the model finds most contradicting for one of its two claims (a claim is seldom contested
    by several claims of one case, but an off-topic negation reads as a contradiction of many);
    otherwise the pair is called unrelated."""

    contradiction: float
    similarity: float
    best_only: bool = True

    def reached(self, scores: Mapping[Label, float], pair: PairInput, best: bool) -> bool:
        return (
            scores["contradicts"] >= self.contradiction
            and pair.similarity >= self.similarity
            and (best or not self.best_only)
        )

    def explain(self, scores: Mapping[Label, float], pair: PairInput) -> str:
        if scores["contradicts"] < self.contradiction:
            return f"under the {self.contradiction:.2f} a case's contradiction needs"
        if pair.similarity < self.similarity:
            return (
                f"similarity {pair.similarity:.2f}, under the {self.similarity:.2f} of one subject"
            )
        return "either claim has a more contradicting pair in the case"


class NliBackend:
    """Judge pairs with an NLI cross-encoder (the built-in one when `model` is empty), loaded
    on the first call to `judge_many`; `cache` keeps its scores between runs."""

    name = "nli"

    def __init__(
        self,
        model: str = "",
        device: str = "cpu",
        batch_size: int = 32,
        cache: ScoreCache | None = None,
        case_floor: CaseFloor | None = None,
    ) -> None:
        if batch_size < 1:
            raise UsageError(f"NLI batch size must be at least 1, not {batch_size}")
        self.builtin = not model.strip()
        self.model = str(builtin_model()) if self.builtin else model
        self.device = device
        self.batch_size = batch_size
        self.cache = cache
        self.version = f"nli-1:{model}"
        self.bias: npt.NDArray[np.float64] | None = None
        self.both_ways = True  # a model of unknown training: both readings averaged
        if self.builtin:
            report = builtin_model() / "training.json"
            data = report.read_bytes() if report.is_file() else b"{}"
            # a retrained or recalibrated model is a new version: its verdicts are recomputed
            self.version = f"nli-builtin-{hashlib.sha256(data).hexdigest()[:10]}"
            recipe = json.loads(data)
            bias = recipe.get("decision_bias")
            self.bias = np.asarray(bias, dtype=np.float64) if bias else None
            self.both_ways = recipe.get("reads", "both ways") == "both ways"
        self.floor = case_floor
        # the model's scores are kept under `scores_version`; the verdicts made of them also
        # depend on the floor and on the rules that judge numbers and verdicts on the report
        self.scores_version = self.version
        self.version += f"+{rules.VERDICT_VERSION}"
        if case_floor is not None:
            self.version += f":floor-{case_floor.contradiction}-{case_floor.similarity}"
            self.version += "-best" if case_floor.best_only else ""
        self._encoder: Any = None
        self._columns: dict[Label, int] = {}
        self._names: dict[Label, str] = {}

    def judge_many(self, pairs: Sequence[PairInput]) -> list[Verdict]:
        """One verdict per pair, in order; the pairs the cache lacks go to the model at once.
        Under a case floor, a pair whose cosine is under its similarity floor could never be
        the model's contradiction: the model does not read it (the rules still judge its
        numbers and verdicts on the report)."""
        if not pairs:
            return []
        floor = self.floor
        read = [p for p in pairs if floor is None or p.similarity >= floor.similarity]
        keys = {id(p): self._key(p) for p in read}
        known = self.cache.scores(list(keys.values())) if self.cache is not None else {}
        todo = {keys[id(p)]: p for p in read if keys[id(p)] not in known}
        if todo:
            fresh = self._probabilities(list(todo.values()))
            new = {k: tuple(float(x) for x in row) for k, row in zip(todo, fresh, strict=True)}
            if self.cache is not None:
                self.cache.save(new, self.scores_version)
            known = {**known, **new}
        if not read:
            return [self._unread(p) for p in pairs]
        self._read_labels()
        shifted = {
            id(p): self._shifted(np.asarray(known[keys[id(p)]], dtype=np.float64)) for p in read
        }
        best = (
            _best_of_each_claim(
                read, {i: v[self._columns["contradicts"]] for i, v in shifted.items()}
            )
            if floor is not None and floor.best_only
            else None  # every pair counts as best: nothing asks
        )
        return [
            self._verdict(p, shifted[id(p)], best is None or id(p) in best)
            if id(p) in keys
            else self._unread(p)
            for p in pairs
        ]

    def _shifted(self, probabilities: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The probabilities with the decision bias applied."""
        if self.bias is None:
            return probabilities
        shifted = probabilities * np.exp(self.bias)
        return np.asarray(shifted / shifted.sum(), dtype=np.float64)

    def _unread(self, pair: PairInput) -> Verdict:
        """The verdict on a pair under the similarity floor: the rules' (numbers, verdicts on
        the report), or unrelated."""
        counted = _by_rules(pair)
        if counted is not None:
            return counted
        return Verdict(
            "unrelated",
            round(1.0 - pair.similarity, 4),
            "none",
            f"similarity {pair.similarity:.2f}, under the case floor: not read by the NLI model",
        )

    def _key(self, pair: PairInput) -> str:
        """The cache key of a pair's scores: read one way, the order of the texts matters."""
        texts = (pair.a.text, pair.b.text)
        if self.both_ways:
            return stable_id(self.scores_version, *sorted(texts))
        return stable_id(self.scores_version, "premise-first", *texts)

    def _read_labels(self) -> None:
        """The label columns: from the loaded model, or, when every score came from the cache,
        from a local model's config alone (its weights stay unloaded)."""
        if self._columns:
            return
        config = Path(self.model).expanduser() / "config.json"
        try:
            id2label = json.loads(config.read_text("utf-8")).get("id2label") or {}
        except (OSError, ValueError):
            self._load()  # a hub name, or a config only the loader can explain
            return
        self._columns, self._names = _label_columns(self.model, id2label)

    def _probabilities(self, pairs: Sequence[PairInput]) -> npt.NDArray[np.float64]:
        encoder = self._load()
        a, b = [_as_written(p.a) for p in pairs], [_as_written(p.b) for p in pairs]
        if isinstance(encoder, OnnxPairScorer):
            return encoder.probabilities(list(zip(a, b, strict=True)), self.both_ways)
        inputs = list(zip(a, b, strict=True))
        inputs += list(zip(b, a, strict=True)) if self.both_ways else []
        logits = np.asarray(
            encoder.predict(
                inputs,
                batch_size=self.batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                **{self._activation_arg(encoder): _identity},
            ),
            dtype=np.float64,
        ).reshape(len(inputs), -1)
        if not self.both_ways:
            return softmax(logits)
        forward, backward = softmax(logits[: len(pairs)]), softmax(logits[len(pairs) :])
        return (forward + backward) / 2

    def _verdict(
        self, pair: PairInput, probabilities: npt.NDArray[np.float64], best: bool = True
    ) -> Verdict:
        """The verdict on a pair from its (shifted) probabilities; `best`: the pair is the most
        contradicting one of one of its claims."""
        scores = {label: float(probabilities[column]) for label, column in self._columns.items()}
        label = max(_LABELS, key=lambda name: scores[name])
        said = f"NLI model: {self._names[label]} {scores[label]:.2f}"
        said += " (claimtrack's own)" if self.builtin else f" ({self.model})"
        floor = self.floor
        if label == "contradicts" and floor is not None and not floor.reached(scores, pair, best):
            label = "unrelated"
            said += f"; {floor.explain(scores, pair)}: unrelated"
        if label != "contradicts":
            counted = _by_rules(pair)
            if counted is not None:
                return replace(counted, reason=f"{counted.reason} (rules; {said})")
        score = round(scores[label], 4)
        shared = shared_words(pair.a, pair.b)
        if label != "contradicts":
            return explained(label, score, said, (), shared)
        findings = conflicts(pair.a, pair.b, shared, pair.similarity)
        if not findings:
            said += f', weighing "{_clip(pair.a.text)}" against "{_clip(pair.b.text)}"'
        return explained(label, score, said, findings, shared)

    def _load(self) -> Any:
        if self._encoder is not None:
            return self._encoder
        local = Path(self.model).expanduser()
        if is_onnx_model(local):
            scorer = self._open_onnx(local)
            self._columns, self._names = _label_columns(self.model, scorer.id2label)
            self._encoder = scorer
            return scorer
        try:
            import transformers
            from sentence_transformers import CrossEncoder
        except ImportError as exc:
            raise UsageError(
                f"the NLI backend needs sentence-transformers ({exc}); {_NO_MODEL_NEEDED}"
            ) from None
        transformers.utils.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        if local.exists():
            encoder = self._open(CrossEncoder, str(local), offline=True)
        elif _looks_like_path(self.model):
            raise UsageError(f"NLI model folder {self.model!r} does not exist; {_NO_MODEL_NEEDED}")
        else:
            try:
                encoder = self._open(CrossEncoder, self.model, offline=True)
            except UsageError:
                encoder = self._open(CrossEncoder, self.model, offline=False)
        id2label = getattr(getattr(encoder, "config", None), "id2label", None) or {}
        self._columns, self._names = _label_columns(self.model, id2label)
        encoder.model.float()
        self._encoder = encoder
        return encoder

    def _open_onnx(self, folder: Path) -> OnnxPairScorer:
        try:
            return OnnxPairScorer(folder)
        except ImportError as exc:
            raise UsageError(f"the NLI backend needs onnxruntime and tokenizers ({exc})") from None
        except Exception as exc:
            raise UsageError(
                f"cannot load NLI model {self.model!r}: {one_line(str(exc)) or type(exc).__name__}"
            ) from None

    def _open(self, cross_encoder: Any, name: str, offline: bool) -> Any:
        settings = {**_QUIET, **(_OFFLINE if offline else {})}
        try:
            with _environment(settings):
                return cross_encoder(name, device=self.device, local_files_only=offline)
        except Exception as exc:
            where = "from the local cache" if offline else "from the hub"
            lines = str(exc).strip().splitlines()
            detail = lines[0].rstrip(".") if lines else type(exc).__name__
            raise UsageError(
                f"cannot load NLI model {self.model!r} {where}: {detail}; {_NO_MODEL_NEEDED}"
            ) from None

    @staticmethod
    def _activation_arg(encoder: Any) -> str:
        # sentence-transformers 3 calls it activation_fct, 4 and later activation_fn.
        parameters = inspect.signature(encoder.predict).parameters
        return "activation_fct" if "activation_fct" in parameters else "activation_fn"


def _by_rules(pair: PairInput) -> Verdict | None:
    """The rules' verdict when they find a quantity, date or report conflict: a reading model
    of this size does not compare numbers, nor read "the story is false" against "we stand by
    our reporting" as a dispute; the rules do."""
    counted = rules.judge(pair.a, pair.b, pair.similarity)
    if counted.label == "contradicts" and counted.type in RULE_TYPES:
        return counted
    return None


def _best_of_each_claim(pairs: Sequence[PairInput], contradiction: Mapping[int, float]) -> set[int]:
    """The pairs (by `id`) that are the most contradicting pair of one of their two claims."""
    top: dict[str, tuple[float, int]] = {}
    for pair in pairs:
        score = contradiction[id(pair)]
        for claim in (pair.a, pair.b):
            key = claim.claim_id or claim.text
            if key not in top or score > top[key][0]:
                top[key] = (score, id(pair))
    return {i for _, i in top.values()}


def _label_columns(
    model: str, id2label: Mapping[Any, str]
) -> tuple[dict[Label, int], dict[Label, str]]:
    """Which output column holds each verdict label, and the model's own name for it."""
    columns: dict[Label, int] = {}
    names: dict[Label, str] = {}
    for key, raw in id2label.items():
        label = _LABEL_WORDS.get(str(raw).strip().lower())
        if label is not None and label not in columns:
            columns[label] = int(key)
            names[label] = str(raw).strip().lower()
    if set(columns) != set(_LABELS) or len(id2label) != len(_LABELS):
        found = ", ".join(str(v) for v in id2label.values()) or "none"
        raise UsageError(
            f"NLI model {model!r} does not have the labels contradiction, entailment and neutral "
            f"(it has: {found}); {_NO_MODEL_NEEDED}"
        )
    return columns, names


def _as_written(claim: Claim) -> str:
    """The claim's text with the stop that ends it in its sentence: claims are cut before it, and
    the model reads a sentence differently with and without it."""
    text = claim.text
    sentence, end = claim.sentence, claim.content.end
    tail = sentence.text[end - sentence.start :].strip() if sentence.start <= end else ""
    return text + tail if tail in (".", "!", "?") and not text.endswith(tail) else text


def _clip(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _identity(scores: Any) -> Any:
    return scores


def _looks_like_path(model: str) -> bool:
    """A name no hub repository can have: a hub name is `model` or `owner/model`."""
    return model.startswith(("/", ".", "~")) or "\\" in model or model.count("/") > 1


@contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables inside the block; restore the previous values after it."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
