"""`claimtrack run` as separate processes: SIGKILL mid-run then a rerun gives the rows of an
uninterrupted run; two runs started at once: one runs, the other exits at once with the lock
exit code and a line naming the holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_SOURCES_FAILED, EXIT_STORE_LOCKED
from pipeline.store import Store
from tests.conftest import ROOT, fetch_settings
from tests.loopback import Reply, ScriptedServer
from tests.nightly_support import CASE, KESTREL, row_counts, settings_env, source


def start_run(seeds: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", "--seeds", str(seeds), "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_sigkill_then_rerun_gives_the_rows_of_an_uninterrupted_run(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    paths = [f"/{role}" for role in ("report", "rebuttal", "coverage")]
    for path in paths:
        body = (KESTREL / f"{path[1:]}.html").read_bytes()
        headers = {"Content-Type": "text/html", "ETag": f'"{path}"'}
        scripted.route(path, Reply(200, body, headers, delay_s=0.4))
    b = scripted.base_url
    seeds = tmp_path / "seeds.toml"
    seeds.write_text(
        CASE
        + source(f"{b}/report", "ledger", "report")
        + source(f"{b}/rebuttal", "kestrel", "rebuttal")
        + source(f"{b}/coverage"),
        encoding="utf-8",
    )
    settings = fetch_settings(tmp_path, scripted)
    env = settings_env(settings)
    killed_db, reference_db = tmp_path / "killed.duckdb", tmp_path / "reference.duckdb"

    def page_hits() -> int:
        return sum(scripted.hits[p] for p in paths)

    # Killed while fetching, then killed again a few seconds in (model load, analysis, writes).
    run = start_run(seeds, killed_db, env)
    wait_for(lambda: page_hits() >= 2)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)
    run = start_run(seeds, killed_db, env)
    time.sleep(3.5)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)

    runner = CliRunner()
    rerun = runner.invoke(app, ["run", "--seeds", str(seeds), "--db", str(killed_db)], env=env)
    assert rerun.exit_code == 0, rerun.output
    reference = runner.invoke(
        app, ["run", "--seeds", str(seeds), "--db", str(reference_db)], env=env
    )
    assert reference.exit_code == 0, reference.output
    assert row_counts(killed_db) == row_counts(reference_db)
    with Store.open(killed_db, read_only=True) as store:
        _, runs = store.query("SELECT status FROM runs ORDER BY started_at")
        _, docs = store.query("SELECT count(*) FROM documents")
    assert [r[0] for r in runs][-1] == "ok" and "running" not in {r[0] for r in runs}
    assert docs == [(3,)]


def test_two_runs_at_once(tmp_path: Path, scripted: ScriptedServer) -> None:
    for i in range(3):  # empty pages: they fail fast after a slow answer, no model is loaded
        scripted.route(f"/p{i}", Reply(200, b"", {"Content-Type": "text/html"}, delay_s=1.0))
    seeds = tmp_path / "seeds.toml"
    seeds.write_text(
        CASE + "".join(source(f"{scripted.base_url}/p{i}") for i in range(3)), encoding="utf-8"
    )
    env = settings_env(fetch_settings(tmp_path, scripted, fetch_timeout_s=5.0))
    db = tmp_path / "store.duckdb"
    first, second = start_run(seeds, db, env), start_run(seeds, db, env)
    results = {}
    for name, process in (("first", first), ("second", second)):
        _, stderr = process.communicate(timeout=120)
        results[name] = (process.returncode, stderr)
    codes = sorted(code for code, _ in results.values())
    assert codes == [EXIT_SOURCES_FAILED, EXIT_STORE_LOCKED], results
    (loser,) = [err for code, err in results.values() if code == EXIT_STORE_LOCKED]
    assert len(loser.strip().splitlines()) == 1
    assert "another claimtrack run holds" in loser and "PID" in loser
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM runs")[1] == [(1,)]
