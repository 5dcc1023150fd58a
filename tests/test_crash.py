"""`claimtrack run` as separate processes: SIGKILL mid-run then a rerun gives the rows of an
uninterrupted run; SIGKILL while a page's second version is written leaves the first or the
second version whole, never a mix, and a rerun completes the second; two runs started at once:
one runs, the other exits at once with the lock exit code and a line naming the holder."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_SOURCES_FAILED, EXIT_STORE_LOCKED, StoreLockedError
from pipeline.runner.lock import lock_path, run_lock
from pipeline.store import Store
from tests.conftest import ROOT, fetch_settings
from tests.loopback import Reply, ScriptedServer, html
from tests.nightly_support import CASE, KESTREL, row_counts, settings_env, source
from tests.paused_run import SEAMS


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


_HOLD_RUN_LOCK = """import sys
from pathlib import Path
from pipeline.runner.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("ready", flush=True)
    sys.stdin.read()
"""


@pytest.mark.parametrize("ending", ["exits", "SIGKILL"])
def test_run_lock_names_its_holder_and_is_free_once_it_ends(tmp_path: Path, ending: str) -> None:
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_RUN_LOCK, str(db)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        named = rf"PID {holder.pid} on {re.escape(socket.gethostname())}, started 20\d\d-"
        with pytest.raises(StoreLockedError, match=named), run_lock(db):
            pass
    finally:
        if ending == "SIGKILL":
            holder.kill()
        holder.communicate("", timeout=30)
    if ending == "exits":
        assert lock_path(db).read_text("utf-8") == ""  # emptied on release
    with run_lock(db):
        assert f'"pid": {os.getpid()}' in lock_path(db).read_text("utf-8")


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


def test_a_second_run_waits_for_the_holder_to_write_its_name(tmp_path: Path) -> None:
    """The holder writes its PID right after it takes the lock: a second run that looks in
    between reads again rather than printing "holder unknown"."""
    from pipeline.runner.lock import lock_holder

    path = tmp_path / "s.duckdb.lock"
    path.write_text("", "utf-8")
    late = threading.Timer(0.3, path.write_text, ('{"pid": 4321, "host": "h"}\n', "utf-8"))
    late.start()
    try:
        assert lock_holder(path, wait_s=5.0).startswith("PID 4321 on h")
    finally:
        late.join()
    path.write_text("", "utf-8")
    assert lock_holder(path, wait_s=0.1) == "holder unknown"


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


VERSIONED_CASE = """
[[case]]
id = "quarry"
title = "Holloway quarry blast"
[case.parties.post]
name = "The Holloway Post"
aliases = ["Holloway Post", "the Post", "Greta Lund", "Lund"]
[case.parties.stonecor]
name = "Stonecor"
aliases = ["the company", "Piet Marais", "Marais"]
"""
QUARRY_TITLE = "Windows cracked after Stonecor blast at Holloway quarry"
QUARRY = (
    "Stonecor set off a blast at its Holloway quarry on Thursday, and windows cracked in"
    " twelve houses nearby.",
    "Resident Greta Lund said the blast shook the village for {} seconds on Thursday.",
    "Piet Marais, a Stonecor spokesperson, said the blast was within its licence.",
)
QUARRY_ADDED = "Greta Lund said the company had not warned the village before the blast."
QUARRY_REPLY = html(
    "Stonecor on the Holloway blast",
    "Stonecor said the blast at Holloway lasted two seconds on Thursday.",
    "Piet Marais, a Stonecor spokesperson, said the blast was within its licence.",
)
CURRENT_CLAIMS = """
SELECT d.version_id, c.version_id, c.claim_text FROM documents d
LEFT JOIN claims c USING (document_id) WHERE d.url LIKE '%/quarry' ORDER BY c.claim_text
"""


def _versions(db: Path) -> dict[str, set[str]]:
    """The report page's versions (by text) and the claim texts of each, current or history;
    and the store's consistency: the current version is stored whole, every claim names a
    stored version, the current claims are those of the current version only."""
    with Store.open(db, read_only=True) as store:
        _, current = store.query(CURRENT_CLAIMS)
        _, orphans = store.query(
            "SELECT count(*) FROM (SELECT version_id FROM claims UNION ALL"
            " SELECT version_id FROM claim_history) c"
            " WHERE c.version_id NOT IN (SELECT version_id FROM document_versions)"
        )
        _, same_text = store.query(
            "SELECT d.text = v.text FROM documents d JOIN document_versions v USING (version_id)"
            " WHERE d.url LIKE '%/quarry'"
        )
        _, rows = store.query(
            "SELECT v.text, c.claim_text FROM v_document_versions v"
            " LEFT JOIN v_version_claims c USING (version_id) WHERE v.url LIKE '%/quarry'"
        )
    assert orphans == [(0,)] and same_text == [(True,)]
    assert {version for version, _, _ in current} == {c for _, c, _ in current}
    versions: dict[str, set[str]] = {}
    for text, claim in rows:
        versions.setdefault(text, set()).update([claim] if claim else [])
    return versions


@pytest.mark.parametrize("seam", SEAMS)
def test_sigkill_while_a_second_version_is_written(
    tmp_path: Path, scripted: ScriptedServer, seam: str
) -> None:
    page = {"Content-Type": "text/html; charset=utf-8"}
    first = html(QUARRY_TITLE, QUARRY[0], QUARRY[1].format(40), QUARRY[2])
    second = html(QUARRY_TITLE, QUARRY[0], QUARRY[1].format(90), QUARRY[2], QUARRY_ADDED)
    report = scripted.route(
        "/quarry",
        Reply(200, first, {**page, "ETag": '"v1"'}),
        Reply(200, second, {**page, "ETag": '"v2"'}),
    )
    reply = scripted.page("/reply", QUARRY_REPLY)
    seeds = tmp_path / "seeds.toml"
    seeds.write_text(
        VERSIONED_CASE + source(report, "post", "report") + source(reply, "stonecor", "rebuttal"),
        encoding="utf-8",
    )
    env = settings_env(fetch_settings(tmp_path, scripted))
    db = tmp_path / "killed.duckdb"
    runner = CliRunner()

    def run() -> None:
        result = runner.invoke(
            app, ["run", "--no-report", "--seeds", str(seeds), "--db", str(db)], env=env
        )
        assert result.exit_code == 0, result.output

    run()
    (v1,) = _versions(db).items()
    assert any("40 seconds" in c for c in v1[1])

    marker = tmp_path / "paused"
    killed = subprocess.Popen(
        [sys.executable, "-m", "tests.paused_run", seam, str(marker), "run", "--no-report",
         "--seeds", str(seeds), "--db", str(db)],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    wait_for(lambda: marker.exists() or killed.poll() is not None, timeout=120)
    assert marker.exists(), killed.communicate()
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)

    after = _versions(db)
    if seam == "mid_write":  # not committed: the first version, whole, and nothing else
        assert after == dict([v1])
    else:  # committed: both versions, each with all its claims
        assert len(after) == 2 and after[v1[0]] == v1[1]
        (v2_claims,) = [claims for text, claims in after.items() if text != v1[0]]
        assert any("90 seconds" in c for c in v2_claims)
        assert any("not warned" in c for c in v2_claims)

    run()  # the rerun completes the second version
    final = _versions(db)
    assert len(final) == 2 and final[v1[0]] == v1[1]
    (v2_text,) = [text for text in final if text != v1[0]]
    assert "90 seconds" in v2_text and any("not warned" in c for c in final[v2_text])
    with Store.open(db, read_only=True) as store:
        _, current = store.query(
            "SELECT v.text FROM documents d JOIN document_versions v USING (version_id)"
            " WHERE d.url LIKE '%/quarry'"
        )
        _, runs = store.query("SELECT status FROM runs ORDER BY started_at")
    assert current == [(v2_text,)]
    assert [r[0] for r in runs][-1] == "ok" and "running" not in {r[0] for r in runs}
