"""Score sentence pairs with an NLI cross-encoder exported to ONNX, on ONNX Runtime.

claimtrack's own verdict model ships as `model.onnx` (int8 weights, dynamically quantised) beside
its `tokenizer.json` and `config.json`. On these 2-core machines ONNX Runtime runs it several
times faster than torch runs the same model in fp32, at the same scores (the model card has the
figures). Only `onnxruntime` and `tokenizers` are imported: no torch, no transformers.

Pairs are fed in batches sorted by length, so that padding stays short; rows come back in the
order given. A pair may be scored in one direction or in both (the two softmax distributions
averaged): NLI is not symmetric, and reading both ways is steadier at twice the cost.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ONNX_FILE = "model.onnx"
MAX_LENGTH = 128


class OnnxPairScorer:
    """An ONNX NLI model in `folder` (`model.onnx`, `tokenizer.json`, `config.json`)."""

    def __init__(self, folder: Path, max_length: int = MAX_LENGTH, threads: int = 0) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self.id2label: Mapping[str, str] = config.get("id2label") or {}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}

    def logits(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32
    ) -> npt.NDArray[np.float32]:
        """The model's raw output, one row per pair (premise, hypothesis), in order."""
        out = np.zeros((len(pairs), len(self.id2label) or 3), dtype=np.float32)
        if not pairs:
            return out
        encoded = self.tokenizer.encode_batch([(a, b) for a, b in pairs])
        order = sorted(range(len(pairs)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            width = max(len(encoded[i].ids) for i in chunk)
            feed = {
                "input_ids": np.zeros((len(chunk), width), dtype=np.int64),
                "attention_mask": np.zeros((len(chunk), width), dtype=np.int64),
                "token_type_ids": np.zeros((len(chunk), width), dtype=np.int64),
            }
            for row, i in enumerate(chunk):
                e = encoded[i]
                n = len(e.ids)
                feed["input_ids"][row, :n] = e.ids
                feed["attention_mask"][row, :n] = 1
                feed["token_type_ids"][row, :n] = e.type_ids
            result: list[Any] = self.session.run(
                None, {k: v for k, v in feed.items() if k in self.inputs}
            )
            out[chunk] = result[0]
        return out

    def probabilities(
        self, pairs: Sequence[tuple[str, str]], both_ways: bool = True, batch_size: int = 32
    ) -> npt.NDArray[np.float64]:
        """Softmax per pair; with `both_ways`, averaged with the pair read the other way round."""
        if not both_ways:
            return softmax(self.logits(pairs, batch_size))
        swapped = [(b, a) for a, b in pairs]
        logits = self.logits(list(pairs) + swapped, batch_size)
        return (softmax(logits[: len(pairs)]) + softmax(logits[len(pairs) :])) / 2


def softmax(logits: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """Row-wise softmax, in float64."""
    values = np.asarray(logits, dtype=np.float64)
    shifted = np.exp(values - values.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float64)


def is_onnx_model(folder: Path) -> bool:
    """Whether `folder` holds a model this module can run."""
    return (folder / ONNX_FILE).is_file() and (folder / "tokenizer.json").is_file()
