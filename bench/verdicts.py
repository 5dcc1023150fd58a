"""Benchmark: verdict time for 10,000 candidate pairs with each offline backend.

Parses and embeds the project's own labelled pairs (data/pairs/written.jsonl) once, repeats
them up to N pairs, and times `judge_many` alone for the `rules` and `model` backends.

    python bench/verdicts.py [--pairs 10000]

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.config import settings_from_env
from pipeline.contradict.backends import make_backend
from pipeline.contradict.statements import statement_pairs
from pipeline.training.verdict_model import read_pairs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
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


if __name__ == "__main__":
    main()
