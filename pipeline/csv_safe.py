"""CSV cells that are safe to open in a spreadsheet: formula injection neutralised.

Claims are scraped text. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
is read by Excel, LibreOffice Calc and Google Sheets as a formula, so a page could make an
analyst's spreadsheet run one. As OWASP recommends ("CSV Injection"), such a text cell is written
with a single quote in front, which spreadsheets show as text; numbers are left alone. Every CSV
that claimtrack writes (the report, `export --format csv`, `sql --format csv`) goes through here.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`value`, with a single quote in front when a spreadsheet would take it as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def safe_cell(value: object) -> object:
    """A CSV cell: text neutralised, anything else unchanged."""
    return neutralise(value) if isinstance(value, str) else value


def neutralise_sql(column: str) -> str:
    """A DuckDB expression for the text column `column` (a trusted identifier), neutralised."""
    quoted = '"' + column.replace('"', '""') + '"'
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    return f"CASE WHEN left({quoted}, 1) IN ({starts}) THEN chr(39) || {quoted} ELSE {quoted} END"
