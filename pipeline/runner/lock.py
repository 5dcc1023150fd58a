"""One `claimtrack run` at a time per store: an exclusive lock on `<store>.lock`.

filelock's native lock is an advisory `flock`, so the kernel releases it when its process dies,
even by SIGKILL: a killed run never leaves a stale lock. The holder writes its PID, host and
start time into the file for the message a second run prints, and empties it on release.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import StoreError, StoreLockedError
from pipeline.store.connection import make_folder

HOLDER_WAIT_S = 2.0


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def run_lock(db_path: Path) -> Iterator[None]:
    """Hold the run lock of `db_path`; raise StoreLockedError at once if another holds it."""
    path = lock_path(db_path)
    make_folder(db_path)
    # no soft fallback: a marker file left by a killed run would lock the store for good
    lock = FileLock(path, timeout=0, mode=0o644, fallback_to_soft=False, on_acquired=_write_holder)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLockedError(
            f"another claimtrack run holds {db_path} ({lock_holder(path)}); not starting"
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        os.truncate(path, 0)
        lock.release()


def _write_holder(fd: int) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode("utf-8") + b"\n", 0)


def lock_holder(path: Path, wait_s: float = HOLDER_WAIT_S) -> str:
    """Who holds the lock, as its holder wrote it; a holder writes right after it acquires, so
    an empty file is read again for up to `wait_s` seconds before the holder is unknown."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            info = json.loads(path.read_text("utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        if info or time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    if not info:
        return "holder unknown"
    return f"PID {info.get('pid')} on {info.get('host')}, started {info.get('started')}"
