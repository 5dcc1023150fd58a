"""The DuckDB store: migrations, the single-writer lock, and clear query errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import QueryError, StoreLockedError
from pipeline.store import Store
from pipeline.store.migrations import MIGRATIONS
from tests.conftest import store_at_migration, store_held_by_another_process


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        assert store.query("SELECT max(version) FROM schema_migrations")[1] == [(len(MIGRATIONS),)]
        assert store.migrate() == []
    with Store.open(path) as store:
        assert store.query("SELECT count(*) FROM schema_migrations")[1] == [(len(MIGRATIONS),)]
        assert store.storage_version()


def test_version_1_store_upgrades_and_keeps_its_claims(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = store_at_migration(path, 1)
    con.execute(
        "INSERT INTO claims VALUES ('c1', 'd1', 'case', 'p', 'indirect', 'Kestrel', 'Kestrel',"
        " 0, 7, 'said', 8, 12, 'the outage was short', 13, 33, 0, 34, 'asserted', false, [],"
        " 'h', 'rules-1')"
    )
    con.close()
    with Store.open(path) as store:
        assert store.query("SELECT max(version) FROM schema_migrations")[1] == [(len(MIGRATIONS),)]
        rows = store.query("SELECT claim_text, content_parts, quantities, dates FROM claims")[1]
    assert rows == [("the outage was short", [{"start": 13, "end": 33}], [], [])]


def test_query_error_is_one_line(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store, pytest.raises(QueryError) as info:
        store.query("SELECT * FROM no_such_table")
    assert "no_such_table" in str(info.value) and "\n" not in str(info.value)


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="run `claimtrack run` first"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_second_process_gets_a_lock_error_naming_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with store_held_by_another_process(path) as pid:
        for read_only in (False, True):
            with pytest.raises(StoreLockedError, match=rf"PID {pid}\b"):
                Store.open(path, read_only=read_only)
    Store.open(path, read_only=True).close()  # free again once the holder is gone


def test_a_missing_pandas_fails_fast_and_is_not_faked() -> None:
    """The store's shortcut for DuckDB's pandas probe leaves no stand-in behind: probes and
    `sys.modules` see pandas as simply not installed (scikit-learn 1.9 reads the module there),
    and importing it still raises ModuleNotFoundError."""
    import importlib
    import importlib.util
    import sys

    import pipeline.store.connection  # noqa: F401  (installs the shortcut)

    if importlib.util.find_spec("pandas") is not None:
        pytest.skip("pandas is installed here: the shortcut is not used")
    assert sys.modules.get("pandas", "absent") == "absent"
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("pandas")
    from sklearn.metrics import f1_score

    assert f1_score(["a", "b"], ["a", "b"], average="macro") == 1.0
