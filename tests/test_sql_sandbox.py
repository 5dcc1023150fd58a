"""`claimtrack sql` runs analysts' SQL that may not write: not the store, its snapshot, its lock
or WAL, not any other file, and never the network. Each attack is tried on the snapshot (the
default) and on the store itself (`--live`); both files must be byte for byte as before."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_ERROR
from pipeline.runner.lock import lock_path
from pipeline.store.snapshot import snapshot_path
from tests.conftest import DemoRun

runner = CliRunner()


@dataclass
class Sandbox:
    folder: Path
    store: Path
    snapshot: Path
    lock: Path
    wal: Path

    def files(self) -> dict[str, str]:
        """Every file under the folder (recursively) with a hash of its bytes."""
        return {
            str(p.relative_to(self.folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.folder.rglob("*"))
            if p.is_file()
        }


@pytest.fixture
def sandbox(demo_run: DemoRun, tmp_path: Path) -> Sandbox:
    """A copy of the demo store with a snapshot and a lock file, in a folder of its own."""
    folder = tmp_path / "data"
    folder.mkdir()
    store = folder / "store.duckdb"
    shutil.copyfile(demo_run.db_path, store)
    shutil.copyfile(demo_run.db_path, snapshot_path(store))
    lock_path(store).write_text('{"pid": 1}\n')
    return Sandbox(folder, store, snapshot_path(store), lock_path(store), Path(f"{store}.wal"))


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that nobody should connect to."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    try:
        yield sock
    finally:
        sock.close()


def _attacks(s: Sandbox, port: int) -> list[str]:
    csv = "(FORMAT csv, USE_TMP_FILE false)"
    return [
        f"ATTACH '{s.store}' AS live (READ_WRITE); DELETE FROM live.claims",
        f"ATTACH '{s.folder}/./store.duckdb' AS live (READ_WRITE); DELETE FROM live.claims",
        "DELETE FROM claims",
        "SELECT 1; DELETE FROM claims",
        f"COPY (SELECT 'x') TO '{s.store}' (FORMAT csv)",
        f"COPY (SELECT 'x') TO '{s.store}' {csv}",
        f"COPY (SELECT 'x') TO '{s.snapshot}' (FORMAT csv)",
        f"COPY (SELECT 'x') TO '{s.snapshot}' {csv}",
        f"COPY (SELECT 'x') TO '{s.wal}' {csv}",
        f"COPY (SELECT 'x') TO '{s.lock}' {csv}",
        f"COPY (SELECT 'x') TO '{s.folder}/out.csv' (FORMAT csv)",
        f"EXPLAIN ANALYZE COPY (SELECT 'x') TO '{s.store}' {csv}",
        f"EXPORT DATABASE '{s.folder}/exported'",
        f"ATTACH '{s.folder}/new.duckdb' AS n (READ_WRITE); CREATE TABLE n.t AS SELECT 1",
        "INSTALL httpfs",
        "LOAD httpfs",
        f"SELECT * FROM read_csv('http://127.0.0.1:{port}/x.csv')",
        "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        f"SET enable_external_access = true; COPY (SELECT 'x') TO '{s.store}' (FORMAT csv)",
        "RESET enable_external_access",
        f"SET profiling_output = '{s.store}'",
        f"SELECT * FROM query('COPY (SELECT 1) TO ''{s.store}'' {csv}')",
        "CHECKPOINT",
        f"SELECT * FROM enable_logging(storage := 'file', storage_path := '{s.store}')",
        f"SELECT * FROM enable_logging(storage := 'file', storage_path := '{s.folder}/logs')",
    ]


@pytest.mark.parametrize("live", [False, True], ids=["snapshot", "live"])
def test_sql_cannot_write_or_reach_the_network(
    sandbox: Sandbox, listener: socket.socket, live: bool
) -> None:
    before = sandbox.files()
    port = listener.getsockname()[1]
    db = ["--db", str(sandbox.store), *(["--live"] if live else [])]
    for attack in _attacks(sandbox, port):
        result = runner.invoke(app, ["sql", attack, *db])
        assert result.exit_code == EXIT_ERROR, (attack, result.output)
        assert "Traceback" not in result.output, (attack, result.output)
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("error: "), (attack, line)
        assert sandbox.files() == before, attack
    with pytest.raises(BlockingIOError):
        listener.accept()  # no query connected to it
    counts = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM claims", *db, "--json"])
    assert counts.exit_code == 0 and json.loads(counts.stdout)[0]["n"] > 0


def test_sql_refusals_say_why(sandbox: Sandbox) -> None:
    db = ["--db", str(sandbox.store)]
    delete = runner.invoke(app, ["sql", "SELECT 1; DELETE FROM claims", *db])
    assert "read-only" in delete.stderr and "refused DELETE statement" in delete.stderr
    install = runner.invoke(app, ["sql", "INSTALL httpfs", *db])
    assert "refused INSTALL statement" in install.stderr
    network = runner.invoke(app, ["sql", "SELECT * FROM read_csv('http://127.0.0.1:1/x')", *db])
    assert "no network" in network.stderr and "--load NAME=FILE" in network.stderr


def test_sql_still_reads(sandbox: Sandbox) -> None:
    db = ["--db", str(sandbox.store)]
    for query in (
        "WITH c AS (SELECT * FROM claims) SELECT count(*) FROM c",
        "FROM v_contradictions_by_case",
        "SELECT * FROM speaker_claims('Whitlock')",
        "DESCRIBE claims",
        "SHOW TABLES",
        "SUMMARIZE SELECT kind FROM claims",
        "PRAGMA table_info('claims')",
        "EXPLAIN SELECT count(*) FROM claims",
        "VALUES (1), (2)",
        "SELECT 1; SELECT 2 AS two",
    ):
        result = runner.invoke(app, ["sql", query, *db, "--format", "csv"])
        assert result.exit_code == 0, (query, result.output)
    last = runner.invoke(app, ["sql", "SELECT 1; SELECT 2 AS two", *db, "--json"])
    assert json.loads(last.stdout) == [{"two": 2}]


def test_sql_reads_local_files_only_through_load(sandbox: Sandbox, tmp_path: Path) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text("party_id,label\nkestrel,company\nledger,newspaper\n")
    db = ["--db", str(sandbox.store)]
    refused = runner.invoke(app, ["sql", f"SELECT * FROM read_csv('{parties}')", *db])
    assert refused.exit_code == EXIT_ERROR and "--load" in refused.stderr
    join = (
        "SELECT p.label, count(*) AS n FROM claims c JOIN labels p USING (party_id)"
        " GROUP BY ALL ORDER BY label"
    )
    loaded = runner.invoke(app, ["sql", join, *db, "--load", f"labels={parties}", "--json"])
    assert loaded.exit_code == 0, loaded.output
    assert [r["label"] for r in json.loads(loaded.stdout)] == ["company", "newspaper"]
    before = sandbox.files()
    for query in (
        f"SELECT * FROM read_csv('{parties}')",  # loading one file opens no others
        f"COPY labels TO '{tmp_path}/out.csv' (FORMAT csv)",
        f"COPY labels TO '{sandbox.store}' (FORMAT csv, USE_TMP_FILE false)",
        f"SELECT * FROM enable_logging(storage := 'file', storage_path := '{tmp_path}/logs')",
    ):
        result = runner.invoke(app, ["sql", query, *db, "--load", f"labels={parties}"])
        assert result.exit_code == EXIT_ERROR, (query, result.output)
    assert sandbox.files() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "parties.csv"]
    for bad in (f"labels={tmp_path}/missing.csv", "no-name.csv", f"1x={parties}"):
        result = runner.invoke(app, ["sql", "SELECT 1", *db, "--load", bad])
        assert result.exit_code == 2 and "Traceback" not in result.output, (bad, result.output)
