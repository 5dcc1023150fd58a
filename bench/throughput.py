"""Benchmark: the whole pipeline against the two models it is built on, on the same text.

Generates N documents from the demo corpus (each variant of a demo case renumbers its figures
and swaps a few common words, so its claims are new texts to embed), then prints, in one run:

- spaCy alone: `nlp.pipe` over the documents' paragraphs (the pipeline's model and batch size,
  `n_process` as many as the pipeline's spaCy workers, at least 1), in documents/s and words/s;
- the embedder alone: `encode` over the distinct claim texts the pipeline stores, in one call;
- the full pipeline (fetch, text, parse, claims, speakers, store, embed, align, verdicts) in a
  fresh store, in documents/s and words/s, and its time over (spaCy alone + embedder alone), by
  wall time and by CPU time (the spaCy worker processes' included);
- the peak memory of a full run at N/10 and at N documents, each in its own process: the main
  process's (ru_maxrss) and the spaCy workers' (VmHWM);
- a no-op rerun's wall time (`claimtrack run --no-report` on the same seeds and store);
- candidate pairing (align.candidate_pairs) for 10k and 100k claims, in cases the size of a
  generated case and in one story holding them all; the claims are the generated corpus's own,
  repeated, their vectors jittered so that no two are the same.

    python bench/throughput.py [--docs 1000] [--skip-align] [--skip-memory]

Figures are printed, never asserted. The machine may be shared: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEMO_SEEDS = ROOT / "seeds" / "demo.toml"
# Common words swapped per variant (none is a party alias or a cue).
SWAPS = {
    "outage": ("outage", "disruption", "interruption", "failure"),
    "customers": ("customers", "clients", "users", "account holders"),
    "engineers": ("engineers", "staff", "technicians", "developers"),
    "report": ("report", "article", "story", "piece"),
    "system": ("system", "platform", "service", "tool"),
    "recall": ("recall", "withdrawal", "pull-back", "recall"),
    "crashes": ("crashes", "collisions", "accidents", "incidents"),
    "testing": ("testing", "validation", "trials", "checks"),
}
_NUMBER = re.compile(r"(?<![\w#./-])(\d{1,3})(?![\d.,/:-]\d)")
_BODY = re.compile(r"(<body.*?</body>)", re.S)


def _vary(html: str, variant: int) -> str:
    """The demo page with its small numbers shifted and a few words swapped, body only."""
    if variant == 0:
        return html

    def body(match: re.Match[str]) -> str:
        text = _NUMBER.sub(lambda m: str(int(m.group(1)) + variant), match.group(1))
        for n, (word, options) in enumerate(SWAPS.items()):
            text = re.sub(rf"\b{word}\b", options[(variant >> n) % len(options)], text)
        return text

    return _BODY.sub(body, html, count=1)


def make_corpus(folder: Path, docs: int) -> Path:
    """Write `docs` pages and a seeds file for them under `folder`; return the seeds file."""
    raw = tomllib.loads(DEMO_SEEDS.read_text("utf-8"))
    lines: list[str] = []
    made = variant = 0
    while made < docs:
        for case in raw["case"]:
            if made >= docs:
                break
            case_id = f"{case['id']}-v{variant}"
            lines += ["[[case]]", f"id = {json.dumps(case_id)}", f"title = {json.dumps(case_id)}"]
            for pid, party in case["parties"].items():
                lines.append(f"[case.parties.{pid}]")
                lines += [f"{k} = {json.dumps(v)}" for k, v in party.items()]
            for source in case["sources"][: docs - made]:
                page = (DEMO_SEEDS.parent / source["location"]).resolve()
                out = folder / case_id / page.name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(_vary(page.read_text("utf-8"), variant), "utf-8")
                lines += [
                    "[[case.sources]]",
                    f"location = {json.dumps(str(out))}",
                    f"party = {json.dumps(source['party'])}",
                    f"role = {json.dumps(source['role'])}",
                ]
                made += 1
        variant += 1
    seeds = folder / "seeds.toml"
    seeds.write_text("\n".join(lines) + "\n", "utf-8")
    return seeds


def _status_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _workers_cpu() -> float:
    """CPU seconds (user + system) so far of the spaCy worker processes."""
    from pipeline.executors.local import worker_pids

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in worker_pids():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def child_full_run(seeds: Path, db: Path) -> dict[str, Any]:
    """One full run in this (fresh) process: models loaded first, then the timed run."""
    from pipeline.config import settings_from_env
    from pipeline.executors.local import LocalExecutor, shutdown_workers, worker_pids
    from pipeline.runner.run import run_pipeline
    from pipeline.seeds import load_seeds
    from pipeline.store import Store

    settings = settings_from_env()
    settings = type(settings)(**{**settings.__dict__, "db_path": db})
    start = time.perf_counter()
    LocalExecutor(settings.nlp).warm()  # spaCy in its worker processes, the embedder here
    loaded = time.perf_counter() - start
    rss_loaded = _status_mb()
    workers_loaded = sum(_status_mb(pid) for pid in worker_pids())
    cases = load_seeds(seeds)
    start, cpu = time.perf_counter(), time.process_time() - _workers_cpu()
    with Store.open(db) as store:
        result = run_pipeline(cases, store, settings, str(seeds))
        claims = store.query("SELECT count(*), count(DISTINCT text_hash) FROM claims")[1][0]
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu + _workers_cpu()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_peak = sum(_status_mb(pid, "VmHWM") for pid in worker_pids())
    shutdown_workers()
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "load_seconds": loaded,
        "rss_loaded_mb": rss_loaded,
        "peak_mb": peak,
        "workers_loaded_mb": workers_loaded,
        "workers_peak_mb": workers_peak,
        "counts": result.counts,
        "claims": claims[0],
        "distinct_claims": claims[1],
    }


def _run_child(seeds: Path, db: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(seeds), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _documents(seeds: Path) -> list[str]:
    from pipeline.config import Settings
    from pipeline.fetching.fetcher import fetch
    from pipeline.fetching.text import page_to_document
    from pipeline.seeds import load_seeds

    settings = Settings()
    return [
        page_to_document(fetch(s.location, settings.fetch), s).text
        for case in load_seeds(seeds)
        for s in case.sources
    ]


def bench_models(texts: list[str], claim_texts: list[str]) -> tuple[float, float, float, float]:
    """Seconds for spaCy alone over the paragraphs of `texts`, and the embedder alone; then
    the CPU seconds (all threads) of each."""
    from pipeline.config import settings_from_env
    from pipeline.nlp.analyse import paragraphs
    from pipeline.nlp.embed import Embedder
    from pipeline.nlp.load import load_nlp

    settings = settings_from_env()
    batch = getattr(settings, "nlp_batch_size", 64)
    processes = max(1, getattr(settings, "nlp_processes", 1))
    nlp = load_nlp(settings.spacy_model)
    paras = [p for t in texts for _, p in paragraphs(t)]
    for _ in nlp.pipe(paras[:50]):
        pass
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(paras, batch_size=batch, n_process=processes):
        pass
    spacy_s, spacy_cpu = time.perf_counter() - start, time.process_time() - cpu
    model = Embedder()._load()
    model.encode(claim_texts[:64], batch_size=64)
    start, cpu = time.perf_counter(), time.process_time()
    model.encode(
        claim_texts,
        batch_size=settings.embed_batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    embed_s, embed_cpu = time.perf_counter() - start, time.process_time() - cpu
    return spacy_s, embed_s, spacy_cpu, embed_cpu


def bench_align(db: Path) -> None:
    """Candidate pairing for 10k and 100k claims made from the generated store's claims."""
    from pipeline.config import Settings
    from pipeline.contradict import candidates as align
    from pipeline.store import Store

    settings = Settings()
    rng = np.random.default_rng(0)
    with Store.open(db, read_only=True) as store:
        case_ids = [r[0] for r in store.query("SELECT DISTINCT case_id FROM claims")[1]]
        cases = [store.documents.case_claims(c) for c in sorted(case_ids)]
        rows = store.query(
            "SELECT c.claim_id, e.vector FROM claims c JOIN embeddings e USING (text_hash)"
        )[1]
    vectors = {cid: np.asarray(v, dtype=np.float32) for cid, v in rows}
    sides = {"ledger", "kestrel", "courier", "meridian", "dispatch", "orbis"}
    base = [c for claims in cases for c in claims]
    case_size = max(1, round(len(base) / max(1, len(cases))))
    for total in (10_000, 100_000):
        claims, vecs = [], {}
        for n in range(total):
            c = base[n % len(base)]
            cid = f"{n:07d}"
            claims.append(type(c)(**{**c.__dict__, "claim_id": cid}))
            v = vectors[c.claim_id] + rng.normal(0, 0.02, 384).astype(np.float32)
            vecs[cid] = v / np.linalg.norm(v)
        start = time.perf_counter()
        found = 0
        for i in range(0, total, case_size):
            found += len(
                align.candidate_pairs(
                    claims[i : i + case_size],
                    vecs,
                    sides,
                    settings.pair_top_k,
                    settings.pair_min_similarity,
                )
            )
        per_case = time.perf_counter() - start
        print(f"align {total:,} claims in cases of {case_size}: {per_case:.2f} s ({found:,} pairs)")
        if total * total * 4 > 8 * 2**30 and not hasattr(align, "nearest_other_party"):
            print(f"align {total:,} claims in one story: not run (n x n matrix, 40 GB)")
            continue
        start = time.perf_counter()
        one = align.candidate_pairs(
            claims, vecs, sides, settings.pair_top_k, settings.pair_min_similarity
        )
        whole = time.perf_counter() - start
        print(f"align {total:,} claims in one story: {whole:.2f} s ({len(one):,} pairs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--skip-align", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_full_run(*args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as tmp:
        folder = Path(tmp)
        seeds = make_corpus(folder / "corpus", args.docs)
        db = folder / "full.duckdb"
        texts = _documents(seeds)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} documents, {words:,} words")
        full = _run_child(seeds, db)
        from pipeline.store import Store

        with Store.open(db, read_only=True) as store:
            claim_texts = [r[0] for r in store.query("SELECT DISTINCT claim_text FROM claims")[1]]
        spacy_s, embed_s, spacy_cpu, embed_cpu = bench_models(texts, claim_texts)
        n, s = len(texts), full["seconds"]
        rate = f"{n / spacy_s:.1f} docs/s, {words / spacy_s:,.0f} words/s"
        print(f"spaCy only: {spacy_s:.1f} s ({rate})")
        print(
            f"embedder only: {embed_s:.1f} s for {len(claim_texts):,} distinct claim texts"
            f" ({len(claim_texts) / embed_s:,.0f} texts/s)"
        )
        print(
            f"full pipeline: {s:.1f} s ({n / s:.1f} docs/s, {words / s:,.0f} words/s;"
            f" {full['claims']:,} claims, {full['counts'].get('pairs', 0):,} pairs;"
            f" models loaded before, in {full['load_seconds']:.1f} s)"
        )
        print(f"full / (spaCy + embedder), wall time: {s / (spacy_s + embed_s):.2f}")
        cpu = full["cpu_seconds"] / (spacy_cpu + embed_cpu)
        print(
            f"full / (spaCy + embedder), CPU time: {cpu:.2f} ({full['cpu_seconds']:.0f} s over"
            f" {spacy_cpu:.0f} + {embed_cpu:.0f} s; less sensitive to other load on the machine)"
        )
        claimtrack = str(Path(sys.executable).parent / "claimtrack")
        start = time.perf_counter()
        subprocess.run(
            [claimtrack, "run", "--seeds", str(seeds), "--db", str(db), "--no-report"],
            check=True,
            capture_output=True,
        )
        print(f"no-op rerun (claimtrack run --no-report): {time.perf_counter() - start:.1f} s")
        if not args.skip_memory:
            small = max(1, args.docs // 10)
            seeds_small = make_corpus(folder / "small", small)
            low = _run_child(seeds_small, folder / "small.duckdb")
            for label, r in ((f"{small} docs", low), (f"{args.docs} docs", full)):
                print(
                    f"peak memory, {label}: {r['peak_mb']:,.0f} MB in the main process"
                    f" ({r['rss_loaded_mb']:,.0f} MB with the embedder loaded,"
                    f" +{r['peak_mb'] - r['rss_loaded_mb']:,.0f} MB for the run),"
                    f" {r['workers_peak_mb']:,.0f} MB in the spaCy workers"
                    f" ({r['workers_loaded_mb']:,.0f} MB loaded,"
                    f" +{r['workers_peak_mb'] - r['workers_loaded_mb']:,.0f} MB for the run)"
                )
        if not args.skip_align:
            bench_align(db)


if __name__ == "__main__":
    if os.environ.get("CLAIMTRACK_BENCH_QUIET", "1") == "1":
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
