"""The DuckDB store: schema migrations and the operations the pipeline and analysts use.

The one package that imports duckdb. It sits below the stages: it imports only the records,
errors and hashing modules of the pipeline.
"""

from pipeline.store.store import Store

__all__ = ["Store"]
