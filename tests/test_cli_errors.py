"""Whatever goes wrong, the command line prints one line and exits with a code of its kind: never
a traceback, never 1 (which tells a scheduler that some sources failed) for an error."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_ERROR, EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE
from pipeline.store import Store
from pipeline.store.snapshot import snapshot_path
from tests.conftest import ROOT, DemoRun
from tests.nightly_support import CASE, KESTREL, source, write_seeds

runner = CliRunner()


def one_line(result: Any) -> str:
    """The single line a failed command printed on stderr (and no traceback anywhere)."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: "), line
    return str(line)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the snapshot cannot be published (disk full) -------------------------------------------------


def _copy_fails(real: Any) -> Any:
    def copyfile(src: Any, dst: Any, **kwargs: Any) -> Any:
        if str(dst).endswith(".partial"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, **kwargs)

    return copyfile


class _CheckpointFails:
    """A DuckDB connection whose CHECKPOINT fails as it does on a full disk."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.strip().upper() == "CHECKPOINT":
            import duckdb

            raise duckdb.IOException(
                'IO Error: Could not write file "store.duckdb": No space left on device'
            )
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


@pytest.mark.parametrize("step", ["copy", "checkpoint"])
def test_disk_full_while_publishing_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    seeds = write_seeds(tmp_path, CASE + source(str(KESTREL / "report.html"), "ledger", "report"))
    db = tmp_path / "store.duckdb"
    args = ["run", "--seeds", str(seeds), "--db", str(db), "--no-report"]
    assert runner.invoke(app, args).exit_code == EXIT_OK
    published = digest(snapshot_path(db))
    if step == "copy":
        monkeypatch.setattr(shutil, "copyfile", _copy_fails(shutil.copyfile))
    else:
        checkpoint = Store.checkpoint

        def failing_checkpoint(store: Store) -> None:
            store.con = _CheckpointFails(store.con)
            checkpoint(store)

        monkeypatch.setattr(Store, "checkpoint", failing_checkpoint)
    result = runner.invoke(app, args)
    line = one_line(result)
    assert result.exit_code == EXIT_ERROR
    assert "was not published" in line and "No space left on device" in line
    assert "recorded as failed" in line
    monkeypatch.undo()
    assert digest(snapshot_path(db)) == published  # readers still have the last good one
    assert not list(tmp_path.glob("*.partial"))
    with Store.open(db, read_only=True) as store:
        _, runs = store.query("SELECT status, error FROM runs ORDER BY started_at")
    assert [status for status, _ in runs] == ["ok", "failed"]
    assert "snapshot" in runs[1][1] and "No space left on device" in runs[1][1]


# -- a damaged store ------------------------------------------------------------------------------


def _claimtrack(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: DuckDB may crash on a damaged file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def _damage_middle(path: Path) -> None:
    """Overwrite a few bytes in every block of the middle half of the file."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        for offset in range(size // 4, 3 * size // 4, 256 * 1024):
            f.seek(offset + 100)
            f.write(b"\xde\xad\xbe\xef" * 64)


def _damage_claims(path: Path) -> None:
    """Overwrite bytes in the block that holds the claims' text: the file opens, the rows fail."""
    with Store.open(path, read_only=True) as store:
        _, rows = store.query(
            "SELECT block_id, block_offset FROM pragma_storage_info('claims')"
            " WHERE column_name = 'claim_text' AND block_id >= 0 LIMIT 1"
        )
    ((block, offset),) = rows
    with path.open("r+b") as f:  # 3 headers of 4 KiB, then 256 KiB blocks with an 8-byte checksum
        f.seek(3 * 4096 + block * 256 * 1024 + 8 + offset)
        f.write(b"\xde\xad\xbe\xef" * 4)


def _assert_damaged(proc: subprocess.CompletedProcess[str], path: Path) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"error: store {path} is damaged"), line
    assert proc.returncode == EXIT_ERROR, (proc.returncode, line)


def test_damaged_store_is_named_in_one_line(demo_run: DemoRun, tmp_path: Path) -> None:
    middle = tmp_path / "middle.duckdb"
    shutil.copyfile(demo_run.db_path, middle)
    _damage_middle(middle)
    seeds = write_seeds(tmp_path, CASE + source(str(KESTREL / "report.html"), "ledger", "report"))
    db = ["--db", str(middle)]
    _assert_damaged(_claimtrack("sql", "SELECT count(*) FROM claims", *db), middle)
    _assert_damaged(_claimtrack("report", *db, "--output", str(tmp_path / "r")), middle)
    _assert_damaged(_claimtrack("run", "--seeds", str(seeds), *db, "--no-report"), middle)

    claims = tmp_path / "claims.duckdb"
    shutil.copyfile(demo_run.db_path, claims)
    _damage_claims(claims)
    db = ["--db", str(claims)]
    assert _claimtrack("sql", "SELECT count(*) FROM cases", *db).returncode == EXIT_OK
    _assert_damaged(_claimtrack("sql", "SELECT claim_text FROM claims", *db), claims)
    _assert_damaged(_claimtrack("report", *db, "--output", str(tmp_path / "r")), claims)


# -- paths and input the user gives ---------------------------------------------------------------


def test_db_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    seeds = write_seeds(tmp_path, CASE + source(str(KESTREL / "report.html"), "ledger", "report"))
    db = blocker / "sub" / "store.duckdb"
    result = runner.invoke(app, ["run", "--seeds", str(seeds), "--db", str(db), "--no-report"])
    line = one_line(result)
    assert result.exit_code == EXIT_USAGE
    assert f"cannot create the folder {db.parent}" in line and "not a folder" in line
    output = runner.invoke(app, ["report", "--db", str(db), "--output", str(blocker / "r.md")])
    assert output.exit_code == EXIT_ERROR and "no store at" in one_line(output)


def test_report_output_that_cannot_be_written(demo_run: DemoRun, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    db = ["--db", str(demo_run.db_path)]
    result = runner.invoke(app, ["report", *db, "--output", str(blocker / "sub" / "r.md")])
    assert result.exit_code == EXIT_ERROR and str(blocker) in one_line(result)


def test_sql_that_is_not_utf8(demo_run: DemoRun, tmp_path: Path) -> None:
    db = ["--db", str(demo_run.db_path)]
    query = tmp_path / "q.sql"
    query.write_bytes(b"SELECT 'caf\xe9' AS x")
    from_file = runner.invoke(app, ["sql", "--file", str(query), *db])
    assert from_file.exit_code == EXIT_USAGE
    assert one_line(from_file) == f"error: {query} is not UTF-8 text (byte 0xe9 at offset 11)"
    from_stdin = runner.invoke(app, ["sql", "-", *db], input=b"SELECT '\xff'")
    assert from_stdin.exit_code == EXIT_USAGE
    assert one_line(from_stdin) == "error: standard input is not UTF-8 text (byte 0xff at offset 8)"
    utf8 = runner.invoke(app, ["sql", "-", *db, "--json"], input="SELECT 'café' AS x".encode())
    assert utf8.exit_code == EXIT_OK and '"café"' in utf8.stdout


# -- text that looks like Rich markup -------------------------------------------------------------


def test_error_text_is_printed_as_it_is(demo_run: DemoRun) -> None:
    db = ["--db", str(demo_run.db_path)]
    result = runner.invoke(app, ["sql", "SELECT '[/b]' FROM nosuchtable", *db])
    line = one_line(result)
    assert result.exit_code == EXIT_ERROR and "[/b]" in line and "nosuchtable" in line
    table = runner.invoke(app, ["sql", "SELECT '[/b] [red]x[/red]' AS \"[bold]h[/bold]\"", *db])
    assert table.exit_code == EXIT_OK, table.output
    assert "[/b] [red]x[/red]" in table.stdout and "[bold]h[/bold]" in table.stdout


def test_failed_source_with_markup_in_its_name(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path, CASE + source("missing[/b].html", "ledger", "report"))
    db = tmp_path / "store.duckdb"
    result = runner.invoke(app, ["run", "--seeds", str(seeds), "--db", str(db), "--no-report"])
    assert result.exit_code == EXIT_SOURCES_FAILED
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "missing[/b].html: file not found" in result.stderr


# -- anything else --------------------------------------------------------------------------------


def test_unexpected_error_exits_4_in_one_line(
    demo_run: DemoRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> str:
        raise RuntimeError("boom [/i]\nsecond line")

    monkeypatch.setattr("pipeline.cli.query._sql_text", broken)
    args = ["sql", "SELECT 1", "--db", str(demo_run.db_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_ERROR
    assert one_line(result) == (
        "error: RuntimeError: boom [/i] second line (CLAIMTRACK_DEBUG=1 shows the traceback)"
    )
    debug = runner.invoke(app, args, env={"CLAIMTRACK_DEBUG": "1"})
    assert isinstance(debug.exception, RuntimeError)
