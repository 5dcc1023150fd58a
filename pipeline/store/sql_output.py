"""A query's result as text: DuckDB's own box for the terminal; CSV, TSV, a Markdown table, a JSON
array or JSON lines (one object per row) for scripts and documents.

The box is DuckDB's renderer (`DuckDBPyRelation.show`): it fits a width by hiding middle columns
and rows, and says so, with the types under the names and NULL as NULL. A box that hides nothing
gets its counts in the same words.

CSV, TSV and Markdown cells are DuckDB's own text for each value (`CAST(... AS VARCHAR)`), so
dates and timestamps read as DuckDB writes them, as in `export --format csv`; lists, structs and
maps are JSON (`to_json`), booleans `true`/`false`. NULL is an empty cell. CSV and TSV text
cells that a spreadsheet would run as formulas are neutralised (`pipeline.csv_safe`); Markdown
cells are escaped (no pipes, line breaks or raw HTML).

JSON keeps the values' own types: dates in ISO form, lists as arrays, decimals as numbers.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pipeline.csv_safe import safe_cell

# Formats made from DuckDB's text of each value, and formats made from the Python values.
CELL_FORMATS = ("csv", "tsv", "markdown")
VALUE_FORMATS = ("json", "jsonl")
TEXT_FORMATS = (*CELL_FORMATS, *VALUE_FORMATS)
# Kinds of DuckDB type written as JSON in CSV, TSV and Markdown.
_JSON_KINDS = ("list", "struct", "map", "array", "union")
_BOX_BOTTOM = "└"


@dataclass(frozen=True)
class Cells:
    """A result as text: each value as DuckDB writes it (None for NULL); `text` marks the
    columns whose values were text (VARCHAR), the ones a spreadsheet could read as formulas."""

    columns: list[str]
    rows: list[tuple[str | None, ...]]
    text: list[bool]


def relation_text(relation: Any, fmt: str, width: int = 100, max_rows: int = 40) -> str:
    """`relation` (a DuckDBPyRelation) as text: `box` (DuckDB's, `width` characters wide, at
    most `max_rows` rows) or one of TEXT_FORMATS (every row)."""
    if fmt == "box":
        return render_box(relation, width, max_rows)
    if fmt in VALUE_FORMATS:
        return format_rows(relation.columns, relation.fetchall(), fmt)
    kinds = [t.id for t in relation.types]
    cells = Cells(
        columns=list(relation.columns),
        rows=relation.project(cell_projection(kinds)).fetchall(),
        text=[kind == "varchar" for kind in kinds],
    )
    return format_cells(cells, fmt)


def is_nested(type_name: str) -> bool:
    """Whether a DuckDB type (as DESCRIBE names it) is written as JSON in CSV."""
    return type_name.endswith("]") or type_name.startswith(("STRUCT", "MAP", "UNION"))


def cell_projection(kinds: Sequence[str]) -> str:
    """The select list that turns a relation's columns (by position; their DuckDB type ids in
    `kinds`) into text cells: JSON for nested values, DuckDB's own text for the rest."""
    return ", ".join(
        f"to_json(#{i})::VARCHAR" if kind in _JSON_KINDS else f"CAST(#{i} AS VARCHAR)"
        for i, kind in enumerate(kinds, start=1)
    )


def format_cells(cells: Cells, fmt: str) -> str:
    """`cells` as CSV, TSV or a Markdown table (see CELL_FORMATS)."""
    if fmt == "markdown":
        return _markdown(cells)
    if fmt not in ("csv", "tsv"):
        raise ValueError(f"unknown format {fmt!r}")
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(cells.columns)
    writer.writerows(
        [
            [
                "" if v is None else safe_cell(v) if text else v
                for v, text in zip(row, cells.text, strict=True)
            ]
            for row in cells.rows
        ]
    )
    return out.getvalue()


def _markdown(cells: Cells) -> str:
    lines = [
        _markdown_row(cells.columns),
        "|" + "|".join("---" for _ in cells.columns) + "|",
        *(_markdown_row(["" if v is None else v for v in row]) for row in cells.rows),
    ]
    return "\n".join(lines) + "\n"


def _markdown_row(values: Sequence[str]) -> str:
    return "| " + " | ".join(markdown_cell(v) for v in values) + " |"


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = re.sub(r"\s+", " ", text)
    for char in "\\|[]*_`":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """`rows` (Python values) as a JSON array or JSON lines (see VALUE_FORMATS)."""
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


def render_box(relation: Any, width: int, max_rows: int) -> str:
    """DuckDB's box of `relation` (a DuckDBPyRelation) at most `width` characters wide, with at
    most `max_rows` rows (the first and the last ones); its row and column counts below it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):  # show() prints with Python's print
        relation.show(max_width=width, max_rows=max_rows, null_value="NULL")
    lines = out.getvalue().rstrip("\n").splitlines()
    if lines and lines[-1].startswith(_BOX_BOTTOM):
        # DuckDB counts only what it hides (a long value can take several lines): count here
        (rows,) = relation.aggregate("count(*)").fetchone()
        lines.append(f"  {_count(rows, 'row')}, {_count(len(relation.columns), 'column')}")
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
