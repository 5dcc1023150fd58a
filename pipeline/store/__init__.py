"""The DuckDB store: schema migrations and the operations the pipeline and analysts use."""

from pipeline.store.db import Store

__all__ = ["Store"]
