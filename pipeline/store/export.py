"""Export the store's tables to Parquet, CSV or JSON lines with DuckDB's COPY.

Each claim row carries its document's URL and the character offsets of its content, pieces,
sentence, speaker and cue into the document's text (`documents.text`), so another tool can
highlight it; each pair row carries both claims' texts beside their ids. CSV text cells that a
spreadsheet would run as formulas are neutralised (`pipeline.csv_safe`); lists and structs are
JSON, booleans `true`/`false`, as in `claimtrack sql --format csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.csv_safe import neutralise_sql
from pipeline.errors import UsageError
from pipeline.store import Store
from pipeline.store.sql_output import is_nested

TABLES: dict[str, str] = {
    "claims": "SELECT * FROM v_claims ORDER BY case_id, document_id, content_start, claim_id",
    "pairs": """
        SELECT p.pair_id, p.case_id, p.label, p.score, p.type, p.reason, p.evidence,
               p.similarity, p.claim_a, a.claim_text AS claim_a_text, a.url AS claim_a_url,
               p.claim_b, b.claim_text AS claim_b_text, b.url AS claim_b_url,
               p.verdict_version
        FROM claim_pairs p
        JOIN v_claims a ON a.claim_id = p.claim_a
        JOIN v_claims b ON b.claim_id = p.claim_b
        ORDER BY p.case_id, p.score DESC, p.pair_id
    """,
    "documents": "SELECT * EXCLUDE (analysis_key) FROM documents ORDER BY case_id, document_id",
    "points": "SELECT * FROM contested_points ORDER BY case_id, score DESC, point_id",
}
FORMATS: dict[str, tuple[str, str]] = {
    "parquet": ("parquet", "FORMAT parquet"),
    "csv": ("csv", "FORMAT csv, HEADER true"),
    "jsonl": ("jsonl", "FORMAT json"),
}


def export_tables(
    store: Store, tables: Sequence[str], fmt: str, directory: Path
) -> list[tuple[Path, int]]:
    """Write each table in `tables` to `directory`/<table>.<ext>; return paths and row counts."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise UsageError(f"unknown table {unknown[0]!r}: use one of {', '.join(TABLES)}")
    directory.mkdir(parents=True, exist_ok=True)
    extension, options = FORMATS[fmt]
    written = []
    for table in tables:
        path = directory / f"{table}.{extension}"
        # COPY takes no parameter for its target: the path goes in as a quoted literal
        target = str(path.resolve()).replace("'", "''")
        query = _csv_safe(store, TABLES[table]) if fmt == "csv" else TABLES[table]
        store.query(f"COPY ({query}) TO '{target}' ({options})")
        _, count = store.query(f"SELECT count(*) FROM ({TABLES[table]})")
        written.append((path, int(count[0][0])))
    return written


def _csv_safe(store: Store, query: str) -> str:
    """`query` with its text columns neutralised for spreadsheets (see `pipeline.csv_safe`) and
    its lists and structs as JSON, as `claimtrack sql --format csv` writes them."""
    _, described = store.query(f"DESCRIBE {query}")
    replaced = [
        f'{neutralise_sql(name)} AS "{name}"'
        if kind == "VARCHAR"
        else f'to_json("{name}")::VARCHAR AS "{name}"'
        for name, kind, *_ in described
        if kind == "VARCHAR" or is_nested(kind)
    ]
    if not replaced:
        return query
    return f"SELECT * REPLACE ({', '.join(replaced)}) FROM ({query})"
