"""A query's rows as text for scripts: CSV, a JSON array, or JSON lines (one object per row).

CSV text cells that a spreadsheet would run as formulas are neutralised (`pipeline.csv_safe`).

Values DuckDB returns that JSON lacks (dates, decimals, lists of structs) are written as JSON
would expect them: dates in ISO form, lists as arrays, anything else as its string.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pipeline.csv_safe import safe_cell

TEXT_FORMATS = ("csv", "json", "jsonl")


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """`rows` as CSV, JSON or JSON lines (see TEXT_FORMATS)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv_value(v) for v in row] for row in rows])
        return out.getvalue()
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, default=_json_value) + "\n"
    if fmt == "jsonl":
        return "".join(
            json.dumps(r, ensure_ascii=False, default=_json_value) + "\n" for r in records
        )
    raise ValueError(f"unknown format {fmt!r}")


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return safe_cell(json.dumps(value, ensure_ascii=False, default=_json_value))
    return safe_cell(value)
