"""Benchmark: the nightly run over N sources served from a loopback server.

Prints three figures:
  1. fetching N loopback pages with politeness off (no delay between requests), through the
     same client the run uses (guard, robots.txt, caps);
  2. the first `claimtrack run` over them (fetch, NLP, pairs, snapshot), one process;
  3. a no-op rerun: the same `claimtrack run` with nothing new (every page answers 304), wall
     time of the whole process, median of three.

    python bench/nightly.py [--sources 100] [--delay 0]

`--delay` is the politeness delay between two requests to one host (the loopback server is one
host, so a no-op run waits delay x N). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import http.server
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.fetching.fetcher import Fetcher

ROOT = Path(__file__).resolve().parents[1]


class PageHandler(http.server.BaseHTTPRequestHandler):
    """Serves `/p<number>`: the page `page(number)` gives (ETag, body), answering a matching
    If-None-Match with 304 and anything else with 404; quiet."""

    def page(self, number: int) -> tuple[str, bytes] | None:
        raise NotImplementedError

    def do_GET(self) -> None:
        number = self.path.strip("/").removeprefix("p")
        found = self.page(int(number)) if number.isdigit() else None
        if found is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag, body = found
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Pages(PageHandler):
    def page(self, number: int) -> tuple[str, bytes]:
        n = number
        body = (
            f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>Company {n} said on Monday that the outage of its service {n} lasted {n % 7 + 1}"
            f" hours, the Daily Example reported.</p><p>Analysts at firm {n} said the cause was"
            f" a faulty update, not the AI tool.</p></article></body></html>"
        ).encode()
        return f'"page-{number}"', body


def seeds_text(base: str, sources: int) -> str:
    parts = []
    for case in range(sources // 2):
        parts.append(
            f'[[case]]\nid = "case-{case}"\n'
            '[case.parties.paper]\nname = "The Daily Example"\n'
            f'[case.parties.company]\nname = "Company {case}"\n'
            f'[[case.sources]]\nlocation = "{base}/p{2 * case}"\nparty = "paper"\nrole = "report"\n'
            f'[[case.sources]]\nlocation = "{base}/p{2 * case + 1}"\nparty = "company"\n'
            'role = "rebuttal"\n'
        )
    return "\n".join(parts)


def timed_run(seeds: Path, db: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one `claimtrack run` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            "--no-report",
            "--seeds",
            str(seeds),
            "--db",
            str(db),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    base = f"http://{host}"
    settings = replace(Settings(), fetch_delay_s=0.0, fetch_allow_hosts=(host,))

    fetcher = Fetcher(settings.fetch)
    started = time.perf_counter()
    for n in range(args.sources):
        fetcher.fetch(f"{base}/p{n}")
    fetch_s = time.perf_counter() - started
    print(
        f"fetch {args.sources} loopback pages, politeness off: {fetch_s:.2f} s"
        f" ({args.sources / fetch_s:.0f} pages/s)"
    )

    env = {"CLAIMTRACK_FETCH_ALLOW_HOSTS": host, "CLAIMTRACK_FETCH_DELAY_S": str(args.delay)}
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.toml"
        seeds.write_text(seeds_text(base, args.sources), encoding="utf-8")
        db = Path(tmp) / "bench.duckdb"
        first, _ = timed_run(seeds, db, env)
        print(f"first run over {args.sources} sources (fetch, NLP, pairs, snapshot): {first:.1f} s")
        noop = [timed_run(seeds, db, env) for _ in range(5)]
        walls = [wall for wall, _ in noop]
        print(
            f"no-op run over {args.sources} unchanged sources (delay {args.delay:g} s),"
            f" whole process: median {statistics.median(walls):.2f} s wall,"
            f" {statistics.median(cpu for _, cpu in noop):.2f} s CPU"
            f" (walls: {', '.join(f'{t:.2f}' for t in walls)}; load average"
            f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
