"""Benchmark: verdict time for 10,000 candidate pairs with each offline backend.

Parses and embeds the project's own labelled pairs (data/pairs/written.jsonl) once, repeats
them up to N pairs, and times `judge_many` alone for the `rules` and `model` backends. The `nli`
backend (claimtrack's own cross-encoder) scores each distinct pair of texts once, so it is timed
on the distinct pairs (889), in fp32 torch as shipped and with torch's dynamic int8 quantisation
of its linear layers (`nli-int8`, for comparison).

    python bench/verdicts.py [--pairs 10000] [--skip-nli]

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.config import settings_from_env
from pipeline.contradict.backends import make_backend
from pipeline.contradict.base import PairInput
from pipeline.contradict.statements import statement_pairs
from pipeline.training.verdict_model import read_pairs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--skip-nli", action="store_true")
    args = parser.parse_args()
    rows = read_pairs(ROOT / "data" / "pairs" / "written.jsonl")
    settings = settings_from_env()
    inputs = statement_pairs([(r["a"], r["b"]) for r in rows], settings.spacy_model)
    batch = (inputs * (args.pairs // len(inputs) + 1))[: args.pairs]
    for name in ("rules", "model"):
        backend = make_backend(name, settings.nli_model)
        backend.judge_many(batch[:10])  # load the model
        start = time.perf_counter()
        backend.judge_many(batch)
        elapsed = time.perf_counter() - start
        rate = len(batch) / elapsed
        print(f"{name}: {len(batch)} pairs in {elapsed:.2f} s ({rate:,.0f} pairs/s)")
    if not args.skip_nli:
        for quantised in (False, True):
            _time_nli(inputs, quantised)


def _time_nli(inputs: list[PairInput], quantised: bool) -> None:
    import torch

    from pipeline.contradict.nli import NliBackend

    backend = NliBackend()
    backend.judge_many(inputs[:4])  # load the model
    if quantised:
        model = backend._load().model
        backend._encoder.model = torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear}, dtype=torch.qint8
        )
        backend.version += "-int8"  # a new cache key: every pair is scored again
    name = "nli-int8" if quantised else "nli"
    start = time.perf_counter()
    try:
        backend.judge_many(inputs)
    except Exception as exc:  # a quantised model this torch or transformers cannot run
        print(f"{name}: failed ({type(exc).__name__}: {exc})")
        return
    elapsed = time.perf_counter() - start
    rate = len(inputs) / elapsed
    print(f"{name}: {len(inputs)} distinct pairs in {elapsed:.2f} s ({rate:,.0f} pairs/s)")


if __name__ == "__main__":
    main()
