"""The descriptions of SCHEMA.md, stored in the database as `COMMENT ON`, so that any DuckDB client
(`duckdb_tables()`, `duckdb_columns()`, `duckdb_views()`, `duckdb_functions()`, and
`claimtrack schema`) shows what a table, column, view or macro means.

SCHEMA.md (shipped in the package beside this module) is the one place they are written: a table's
`### \\`name\\`: description` heading and its rows `| \\`column\\`, ... | type | meaning |`, and the
rows of the Views and Macros tables. Like the views, the comments are derived: every writable open
sets them again (a view replaced loses its comment), so a store has those of the code that last
wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_HEADING = re.compile(r"^### `(\w+)`: (.+)$")
_ROW = re.compile(r"^\| (`[^|]+`) \| (.*) \|$")
_EVERY = re.compile(r"^Every column of `(\w+)`")
# A view's column explained in its row of the Views table: `name` (what it is)
_EXPLAINED = re.compile(r"`(\w+)` \(((?:[^()]|\([^()]*\))*)\)")
_NAMES = re.compile(r"`(\w+)(?:\([^)]*\))?`")


@dataclass(frozen=True)
class Comments:
    """What SCHEMA.md says: objects (table, view or macro name) and columns ((table, column))."""

    objects: dict[str, str]
    columns: dict[tuple[str, str], str]


@cache
def schema_doc() -> str:
    """SCHEMA.md's text, as shipped in the package."""
    return resources.files("pipeline.store").joinpath("SCHEMA.md").read_text("utf-8")


def parse_comments(doc: str) -> Comments:
    """The descriptions in `doc` (SCHEMA.md's text)."""
    objects: dict[str, str] = {}
    columns: dict[tuple[str, str], str] = {}
    table: str | None = None
    section = ""
    copies: dict[str, str] = {}  # a history table: every column of its table, and its own
    for line in doc.splitlines():
        every = _EVERY.match(line)
        if every and table is not None:
            copies[table] = every.group(1)
        if line.startswith("## "):
            section, table = line[3:].strip(), None
            continue
        heading = _HEADING.match(line)
        if heading:
            table = heading.group(1)
            objects[table] = plain(heading.group(2))
            continue
        row = _ROW.match(line)
        if row is None:
            continue
        names = _NAMES.findall(row.group(1))
        cells = [c.strip() for c in row.group(2).split(" | ")]
        if section == "Views" and len(cells) == 2:
            objects[names[0]] = plain(f"one row per {cells[0]}: {cells[1]}")
            for column, meaning in _EXPLAINED.findall(cells[1]):
                columns[(names[0], column)] = plain(meaning)
        elif section.startswith("Macros") and names:
            objects[names[0]] = plain(f"{row.group(1).strip('`')}: {cells[-1]}")
        elif table is not None and len(cells) == 2:
            for name in names:
                columns[(table, name)] = plain(cells[1] or cells[0])
    for table, source in copies.items():
        for (of, name), text in list(columns.items()):
            if of == source:
                columns.setdefault((table, name), text)
    return Comments(objects, columns)


def plain(markdown: str) -> str:
    """Markdown text of one line as plain text: no backticks or bold marks."""
    return markdown.replace("`", "").replace("**", "").strip()


def comment_statements(
    comments: Comments, kinds: dict[str, str], columns: set[tuple[str, str]]
) -> list[str]:
    """`COMMENT ON` statements for the objects that exist (`kinds`: name -> TABLE, VIEW or
    MACRO TABLE) and the columns that exist (of tables and views)."""
    statements = [
        f"COMMENT ON {kinds[name]} {identifier(name)} IS {literal(text)}"
        for name, text in comments.objects.items()
        if name in kinds
    ]
    described = {key: text for key, text in comments.columns.items() if key in columns}
    for view, column in sorted(columns - described.keys()):
        if kinds.get(view) == "VIEW":
            # a view's column named as a table's, where every table so naming one means the same
            meanings = {
                text
                for (table, name), text in comments.columns.items()
                if name == column and kinds.get(table) == "TABLE"
            }
            if len(meanings) == 1:
                described[(view, column)] = meanings.pop()
    statements += [
        f"COMMENT ON COLUMN {identifier(table)}.{identifier(column)} IS {literal(text)}"
        for (table, column), text in described.items()
    ]
    return statements


def identifier(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """`text` (the code's own, never scraped) as a quoted SQL string, where DuckDB takes no
    parameter (COMMENT ON)."""
    return "'" + text.replace("'", "''") + "'"
