"""Shared fixtures: the real spaCy model, a loopback HTTP server, and one demo run."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import Settings
from pipeline.nlp.load import load_nlp
from pipeline.runner.run import RunResult, run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.loopback import ScriptedServer, scripted_server

ROOT = Path(__file__).resolve().parent.parent
DEMO_SEEDS = ROOT / "seeds" / "demo.toml"


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp(Settings().spacy_model)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class LoopbackServer:
    root: Path
    base_url: str


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 serving files from a temporary folder."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LoopbackServer(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


_HOLD_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


@contextmanager
def store_held_by_another_process(path: Path) -> Iterator[int]:
    """Another process keeps `path` open (and locked) inside the block; yields its PID."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield holder.pid
    finally:
        holder.communicate("", timeout=30)


CLAIM_ROWS = (
    "SELECT claim_id, party_id, kind, speaker_name, content_start, content_end, claim_text,"
    " polarity, entities FROM claims ORDER BY claim_id"
)
PAIR_ROWS = "SELECT pair_id, claim_a, claim_b, label, type, round(similarity, 4) FROM claim_pairs"
POINT_ROWS = "SELECT point_id, label, type, pair_ids FROM contested_points"


def store_at_migration(path: Path, version: int) -> Any:
    """A DuckDB connection to a new store at `path` made by the first `version` migrations only,
    as an older claimtrack left it: the caller fills it, closes it, and opens it with `Store`."""
    import duckdb

    from pipeline.store.migrations import MIGRATIONS

    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR,"
        " applied_at TIMESTAMPTZ)"
    )
    for number, name, sql in MIGRATIONS[:version]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
    return con


def stored_rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of `sql` in the store at `db`, sorted."""
    with Store.open(db, read_only=True) as store:
        return sorted(store.query(sql)[1])


@dataclass
class DemoRun:
    db_path: Path
    settings: Settings
    first: RunResult
    counts_after_first: dict[str, int]
    second: RunResult
    counts_after_second: dict[str, int]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The demo corpus run twice into one store, as `claimtrack run` does it."""
    tmp = tmp_path_factory.mktemp("demo")
    settings = Settings(db_path=tmp / "demo.duckdb", reports_dir=tmp / "reports")
    cases = load_seeds(DEMO_SEEDS)
    with Store.open(settings.db_path) as store:
        first = run_pipeline(cases, store, settings, str(DEMO_SEEDS))
        counts_first = store.table_counts()
        second = run_pipeline(cases, store, settings, str(DEMO_SEEDS))
        counts_second = store.table_counts()
    return DemoRun(settings.db_path, settings, first, counts_first, second, counts_second)


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    """A loopback server whose replies the test scripts (see tests/loopback.py)."""
    with scripted_server() as server:
        yield server


def fetch_settings(tmp_path: Path, *servers: ScriptedServer, **changes: Any) -> Settings:
    """Settings for tests: the store in tmp_path, short timeouts and backoffs, no delay, and only
    the test servers' host:port allowed through the address guard."""
    base = dict(
        db_path=tmp_path / "store.duckdb",
        reports_dir=tmp_path / "reports",
        fetch_timeout_s=0.5,
        fetch_connect_timeout_s=1.0,
        fetch_total_timeout_s=5.0,
        fetch_backoff_s=0.05,
        fetch_retry_budget_s=5.0,
        fetch_max_retry_after_s=2.0,
        fetch_delay_s=0.0,
        fetch_max_bytes=2_000_000,
        fetch_allow_hosts=tuple(f"127.0.0.1:{s.port}" for s in servers),
    )
    base.update(changes)
    return Settings(**base)  # type: ignore[arg-type]
