"""Benchmark: verdict time for 10,000 candidate pairs with each offline backend.

Parses and embeds the project's own labelled pairs (data/pairs/written.jsonl) once, repeats
them up to N pairs, and times `judge_many` alone for the `rules` and `model` backends. The `nli`
backend (claimtrack's own cross-encoder) scores each distinct pair of texts once, both ways round,
so it is timed on the distinct pairs (889): as shipped (int8 on ONNX Runtime), and with
`--torch FOLDER` the same kind of model in fp32 torch (e.g. a recipe's torch export), for
comparison.

    python bench/verdicts.py [--pairs 10000] [--skip-nli] [--torch FOLDER]

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
    parser.add_argument(
        "--torch", type=Path, default=None, help="also time this torch model folder, for comparison"
    )
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
        _time_nli(inputs, "", "nli (built-in, ONNX Runtime int8)")
        if args.torch:
            _time_nli(inputs, str(args.torch), f"nli (torch fp32, {args.torch})")


def _time_nli(inputs: list[PairInput], model: str, name: str) -> None:
    from pipeline.contradict.nli import NliBackend

    backend = NliBackend(model)
    backend.judge_many(inputs[:4])  # load the model
    start = time.perf_counter()
    backend.judge_many(inputs)
    elapsed = time.perf_counter() - start
    rate = len(inputs) / elapsed
    print(f"{name}: {len(inputs)} distinct pairs in {elapsed:.2f} s ({rate:,.0f} pairs/s)")


if __name__ == "__main__":
    main()
