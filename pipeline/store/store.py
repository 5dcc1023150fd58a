"""`Store`: an open store file, with its tables grouped by what they record.

`store.runs`, `store.sources`, `store.feeds`, `store.documents`, `store.embeddings`,
`store.pairs` and `store.model_scores` share the one connection (and its transaction); opening,
transactions, `query`, the checkpoint and the counts are the store's own (`Connection`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import ClaimtrackError
from pipeline.store.analysts import AnalystConnection
from pipeline.store.connection import Connection, connect, make_folder, store_error
from pipeline.store.documents import Documents
from pipeline.store.embeddings import Embeddings
from pipeline.store.feeds import Feeds
from pipeline.store.pairs import Pairs
from pipeline.store.runs import Runs
from pipeline.store.scores import ModelScores
from pipeline.store.sources import Sources


class Store(Connection):
    """A connection to one DuckDB store file with the operations the pipeline needs."""

    def __init__(self, con: Any, path: Path, read_only: bool) -> None:
        super().__init__(con, path, read_only)
        self.runs = Runs(self)
        self.sources = Sources(self)
        self.feeds = Feeds(self, self.sources)
        self.documents = Documents(self, self.sources)
        self.embeddings = Embeddings(self)
        self.pairs = Pairs(self)
        self.model_scores = ModelScores(self)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> Store:
        """Open (and create and migrate, unless read-only) the store at `path`."""
        if read_only and not path.exists():
            raise ClaimtrackError(f"no store at {path}: run `claimtrack run` first")
        if not read_only:
            make_folder(path)
        store = cls(connect(path, read_only), path, read_only)
        if not read_only:
            try:
                store.migrate()
                store.create_views()
            except duckdb.Error as exc:
                store.close(quiet=True)
                raise store_error(path, exc) from exc
        return store

    @staticmethod
    def open_for_analysts(
        path: Path, tables: Mapping[str, Path] | None = None
    ) -> AnalystConnection:
        """Open `path` read-only for SQL that someone else wrote (`claimtrack sql`); see
        `AnalystConnection.open`."""
        return AnalystConnection.open(path, tables)
