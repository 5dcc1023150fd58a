"""Contradiction reports: per case, the contested points with their claims side by side.

`load_reports` reads the store into records (records.py); the renderers are pure functions of
them: Markdown, self-contained HTML with static charts, JSON and CSV. `write_reports` writes the
formats asked for into a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.report.html import render_html
from pipeline.report.markdown import render_markdown
from pipeline.report.records import (
    CaseReport,
    GoneDocument,
    ReportClaim,
    ReportPair,
    ReportPoint,
    TimelineEvent,
    load_reports,
)
from pipeline.report.tables import render_csv, render_json

RENDERERS: dict[str, tuple[str, Callable[[Sequence[CaseReport]], str]]] = {
    "html": ("report.html", render_html),
    "md": ("report.md", render_markdown),
    "json": ("report.json", render_json),
    "csv": ("report.csv", render_csv),
}
FORMATS = tuple(RENDERERS)


def render(reports: Sequence[CaseReport], fmt: str) -> str:
    return RENDERERS[fmt][1](reports)


def write_reports(
    reports: Sequence[CaseReport], directory: Path, formats: Sequence[str] = ("md", "html")
) -> list[Path]:
    """Write one file per format (report.md, report.html, ...) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        name, renderer = RENDERERS[fmt]
        path = directory / name
        path.write_text(renderer(reports), encoding="utf-8")
        paths.append(path)
    return paths


__all__ = [
    "FORMATS",
    "CaseReport",
    "GoneDocument",
    "ReportClaim",
    "ReportPair",
    "ReportPoint",
    "TimelineEvent",
    "load_reports",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "write_reports",
]
