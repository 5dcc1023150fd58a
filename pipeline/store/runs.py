"""The `runs` table: a run's start, its counts and status when it ends, and runs cut short."""

from __future__ import annotations

import os

import duckdb

from pipeline import __version__
from pipeline.store.columns import RUN_COUNTS, RUNS, RunRow
from pipeline.store.connection import Connection, now, store_error


class Runs:
    """One row per `claimtrack run`: what ran, when, and how it ended."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def start(self, run_id: str, seeds: str) -> None:
        row = RunRow(
            run_id=run_id,
            started_at=now(),
            status="running",
            seeds=seeds,
            claimtrack_version=__version__,
            duckdb_version=duckdb.__version__,
            storage_version=self._db.storage_version(),
            pid=os.getpid(),
        )
        self._db.insert_values(RUNS, [row])

    def close_interrupted(self) -> int:
        """Mark runs left 'running' by a killed process as 'interrupted'; return how many."""
        rows = self._db.con.execute(
            "UPDATE runs SET status = 'interrupted', finished_at = ?,"
            " error = 'the process stopped before the run finished' WHERE status = 'running'"
            " RETURNING run_id",
            [now()],
        ).fetchall()
        return len(rows)

    def finish(self, run_id: str, status: str, counts: dict[str, int], error: str | None) -> None:
        assignments = ", ".join(f"{c} = ?" for c in RUN_COUNTS)
        self._db.con.execute(
            f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {assignments}"
            " WHERE run_id = ?",
            [now(), status, error, *(counts.get(c, 0) for c in RUN_COUNTS), run_id],
        )

    def mark(self, run_id: str, status: str, error: str) -> None:
        """Change a finished run's status and note why (the snapshot could not be published)."""
        try:
            self._db.con.execute(
                "UPDATE runs SET status = ?, error = ? WHERE run_id = ?", [status, error, run_id]
            )
        except duckdb.Error as exc:
            raise store_error(self._db.path, exc) from exc
