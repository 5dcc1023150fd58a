"""The read-only snapshot analysts query: a copy of the store published after each run.

`claimtrack sql`, `report`, `export` and `sources list` read `<store>.snapshot.duckdb` when it
exists, so a query never waits for (or blocks) the nightly writer. The copy is written beside
it and renamed into place, so a reader sees the previous snapshot or the new one, never half of
one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from pipeline.errors import ClaimtrackError, SnapshotError
from pipeline.store import Store


def snapshot_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.snapshot{db_path.suffix or '.duckdb'}")


def readable_path(db_path: Path, live: bool = False) -> Path:
    """The file a read-only command should open: the snapshot, unless absent or `live`."""
    snapshot = snapshot_path(db_path)
    return db_path if live or not snapshot.exists() else snapshot


def publish_snapshot(store: Store) -> Path:
    """Checkpoint the store and publish a copy of it atomically; return the snapshot's path.

    Raises SnapshotError when any step fails (a full disk, most often): the previous snapshot,
    if any, stays in place, and no partial copy is left behind."""
    target = snapshot_path(store.path)
    partial = target.with_name(target.name + ".partial")
    try:
        store.checkpoint()
        shutil.copyfile(store.path, partial)
        os.replace(partial, target)
    except (OSError, ClaimtrackError) as exc:
        reason = f"{exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise SnapshotError(f"the snapshot {target} was not published: {reason}") from exc
    return target
