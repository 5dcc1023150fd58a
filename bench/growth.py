"""Benchmark: how the store grows over nightly runs when a few pages change each night.

N sources (N/2 cases of a report and a rebuttal) are served from a loopback server; the first
`claimtrack run` stores them all, then each night a share of the pages (5% by default) gets a new
revision (a number changed, an update paragraph appended) and one `claimtrack run` process runs
over all of them (the rest answer 304). Prints, per run, the new versions, the changed text (the
characters of the new versions' texts, and the characters the word diff adds or removes against
the previous version), the store's size and the part of it in use (its blocks less the free
ones); then the growth per nightly run against the changed text per run, and the rows the
growing tables gained.

    python bench/growth.py [--runs 30] [--sources 100] [--changed 0.05]

Figures are printed, never asserted. The store's size is the DuckDB file after the run's process
exits (checkpointed, no WAL); the snapshot `claimtrack sql` reads is a copy of it beside it.
"""

from __future__ import annotations

import argparse
import difflib
import http.server
import itertools
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from nightly import PageHandler, seeds_text, timed_run  # bench/ is on the path: run as a script

from pipeline.store import Store

GROWING = (
    "document_versions",
    "claims",
    "claim_history",
    "claim_pairs",
    "pair_history",
    "contested_points",
    "point_history",
    "runs",
    "run_sources",
)


class Revisions:
    """The revision each page is at: the server renders page n at revision r."""

    def __init__(self, pages: int) -> None:
        self.at = [0] * pages
        self.lock = threading.Lock()

    def revise(self, pages: list[int]) -> None:
        with self.lock:
            for n in pages:
                self.at[n] += 1

    def body(self, n: int) -> tuple[str, bytes]:
        with self.lock:
            r = self.at[n]
        return f'"p{n}-r{r}"', page_html(n, r).encode()


def page_html(n: int, revision: int) -> str:
    """Page n at a revision: each revision corrects the hours and appends an update."""
    case, side = divmod(n, 2)
    speaker = f"Ada Quill {case}" if side == 0 else f"Ben Roe {case}"
    paragraphs = [
        f"Company {case} said on Monday that the outage of its service {case} lasted"
        f" {case % 7 + 1 + revision} hours, the Daily Example reported.",
        f"{speaker}, who follows the firm, said the cause was a faulty update to the billing"
        f" system, not the AI tool the company had installed in March.",
        f"Customers in {case % 5 + 2} regions said their invoices were wrong for a week.",
        f"The company said no customer data was lost and that refunds for case {case} would"
        " be paid within thirty days.",
    ]
    paragraphs += [
        f"Update {r}: {speaker} said on day {r} that {r + 2} more customers had complained"
        f" about the outage of service {case}."
        for r in range(1, revision + 1)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
        f"{body}</article></body></html>"
    )


def serve(revisions: Revisions) -> http.server.ThreadingHTTPServer:
    class Pages(PageHandler):
        def page(self, number: int) -> tuple[str, bytes] | None:
            return revisions.body(number) if number < len(revisions.at) else None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def changed_text(db: Path) -> tuple[int, int, int, dict[str, int]]:
    """Of the store's last run: its new versions, their characters, the characters the word
    diff against each one's previous version adds or removes; and the growing tables' rows."""
    with Store.open(db, read_only=True) as store:
        (run,) = store.rows("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1")
        rows = store.rows(
            "SELECT v.document_id, v.first_seen_run = ? AS new, v.text FROM v_document_versions v"
            " ORDER BY v.document_id, v.version_no",
            [run["run_id"]],
        )
        counts = {t: store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in GROWING}
        (blocks,) = store.rows(
            "SELECT block_size * (total_blocks - free_blocks) AS used FROM pragma_database_size()"
        )
    counts["used bytes"] = int(blocks["used"])
    new_versions = new_chars = diff_chars = 0
    previous: dict[str, str] = {}
    for row in rows:
        if row["new"]:
            new_versions += 1
            new_chars += len(row["text"])
            diff_chars += _diff_chars(previous.get(row["document_id"], ""), row["text"])
        previous[row["document_id"]] = row["text"]
    return new_versions, new_chars, diff_chars, counts


def _diff_chars(old: str, new: str) -> int:
    """Characters of the words added or removed from `old` to `new`."""
    a, b = old.split(), new.split()
    total = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            total += sum(len(w) + 1 for w in a[i1:i2]) + sum(len(w) + 1 for w in b[j1:j2])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="nightly runs after the first")
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--changed", type=float, default=0.05, help="share of pages per night")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    revisions = Revisions(args.sources)
    server = serve(revisions)
    host = f"127.0.0.1:{server.server_address[1]}"
    env = {"CLAIMTRACK_FETCH_ALLOW_HOSTS": host, "CLAIMTRACK_FETCH_DELAY_S": "0"}
    chooser = random.Random(args.seed)
    per_night = max(1, round(args.sources * args.changed))
    print(
        f"{args.sources} sources, {per_night} pages changed per night, 1 first run +"
        f" {args.runs} nightly runs"
    )
    print(
        f"{'run':>4} {'versions':>8} {'new text':>9} {'diff':>6} {'store bytes':>12}"
        f" {'growth':>10} {'used bytes':>12} {'seconds':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.toml"
        seeds.write_text(seeds_text(f"http://{host}", args.sources), encoding="utf-8")
        db = Path(tmp) / "growth.duckdb"
        sizes: list[int] = []
        changed: list[tuple[int, int]] = []
        first_counts: dict[str, int] = {}
        counts: dict[str, int] = {}
        for night in range(args.runs + 1):
            if night:
                revisions.revise(chooser.sample(range(args.sources), per_night))
            started = time.perf_counter()
            timed_run(seeds, db, env)
            seconds = time.perf_counter() - started
            versions, new_chars, diff_chars, counts = changed_text(db)
            size = db.stat().st_size
            growth = size - sizes[-1] if sizes else size
            sizes.append(size)
            if night:
                changed.append((new_chars, diff_chars))
            else:
                first_counts = counts
            print(
                f"{night:>4} {versions:>8} {new_chars:>9} {diff_chars:>6} {size:>12}"
                f" {growth:>10} {counts['used bytes']:>12} {seconds:>8.1f}"
            )
    server.shutdown()
    nightly = [b - a for a, b in itertools.pairwise(sizes)]
    if not nightly:
        return
    text_per_run = statistics.mean(c for c, _ in changed)
    diff_per_run = statistics.mean(d for _, d in changed)
    growth_per_run = statistics.mean(nightly)
    print(
        f"\nstore after the first run: {sizes[0]:,} bytes; after {args.runs} nightly runs:"
        f" {sizes[-1]:,} bytes (+{sizes[-1] - sizes[0]:,})"
    )
    print(
        f"per nightly run: growth {growth_per_run:,.0f} bytes (median"
        f" {statistics.median(nightly):,.0f}, min {min(nightly):,}, max {max(nightly):,});"
        f" changed text {text_per_run:,.0f} chars of new versions, {diff_per_run:,.0f} chars"
        f" of word diff"
    )
    if len(sizes) > 2:  # the first nightly run rewrites the file once (copy-on-write blocks)
        steady = (sizes[-1] - sizes[1]) / (len(sizes) - 2)
        print(f"from the first nightly run to the last: {steady:,.0f} bytes per run")
    if text_per_run:
        print(
            f"growth / new version text: {growth_per_run / text_per_run:.1f} bytes per char;"
            f" growth / diff: {growth_per_run / max(diff_per_run, 1):.1f} bytes per char"
        )
    used = counts["used bytes"] - first_counts["used bytes"]
    print(
        f"blocks in use (file less its free blocks): {first_counts['used bytes']:,} bytes after"
        f" the first run, {counts['used bytes']:,} at the end: {used / args.runs:,.0f} bytes"
        " per nightly run"
    )
    print(
        "rows gained over the nightly runs: "
        + ", ".join(f"{t} +{counts[t] - first_counts[t]}" for t in GROWING)
    )


if __name__ == "__main__":
    main()
