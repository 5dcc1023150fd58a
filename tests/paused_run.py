"""`claimtrack run` in a process that stops at a seam of the store's writes, for the SIGKILL
tests: `python -m tests.paused_run SEAM MARKER run --seeds ...`.

At the seam the process writes MARKER and sleeps, so the test kills it at a known moment:
- `mid_write`: a new version's document, version and entity rows are written and the old
  version's claims moved to history, its own claims are not, and nothing is committed;
- `committed`: the version's transaction is committed, the run has not gone on (pairing,
  snapshot, the run's row).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.runner.ledger import Ledger
from pipeline.store.columns import CLAIMS
from pipeline.store.connection import Connection

SEAMS = ("mid_write", "committed")


def _pause(marker: Path) -> None:
    marker.write_text("paused", encoding="utf-8")
    time.sleep(600)


def install(seam: str, marker: Path) -> None:
    """Make the first passage through `seam` pause."""
    if seam == "mid_write":
        insert: Callable[..., None] = Connection.insert_rows

        def paused_insert(self: Connection, table: Any, *args: Any, **kwargs: Any) -> None:
            if table is CLAIMS:
                _pause(marker)
            insert(self, table, *args, **kwargs)

        Connection.insert_rows = paused_insert  # type: ignore[method-assign]
    elif seam == "committed":
        stored: Callable[..., None] = Ledger.stored

        def paused_stored(self: Ledger, *args: Any, **kwargs: Any) -> None:
            stored(self, *args, **kwargs)
            _pause(marker)

        Ledger.stored = paused_stored  # type: ignore[method-assign]
    else:
        raise SystemExit(f"no seam {seam!r}: one of {', '.join(SEAMS)}")


if __name__ == "__main__":
    install(sys.argv[1], Path(sys.argv[2]))
    from pipeline.cli import app

    app(sys.argv[3:])
