"""Contradiction reports: per case, the contested points with their claims side by side.

`load_reports` reads the store into records (records.py), `load_provenance` where they come
from (provenance.py); the renderers are pure functions of them: Markdown and self-contained
HTML from Jinja2 templates (templates/), JSON and CSV. `write_reports` writes the formats asked
for into a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.report.html import render_html
from pipeline.report.markdown import render_markdown
from pipeline.report.provenance import Provenance, load_provenance
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

Renderer = Callable[[Sequence[CaseReport], Provenance | None], str]
RENDERERS: dict[str, tuple[str, Renderer]] = {
    "html": ("report.html", render_html),
    "md": ("report.md", render_markdown),
    "json": ("report.json", render_json),
    "csv": ("report.csv", render_csv),
}
FORMATS = tuple(RENDERERS)


def render(reports: Sequence[CaseReport], fmt: str, provenance: Provenance | None = None) -> str:
    return RENDERERS[fmt][1](reports, provenance)


def write_reports(
    reports: Sequence[CaseReport],
    directory: Path,
    formats: Sequence[str] = ("md", "html"),
    provenance: Provenance | None = None,
) -> list[Path]:
    """Write one file per format (report.md, report.html, ...) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        name, renderer = RENDERERS[fmt]
        path = directory / name
        path.write_text(renderer(reports, provenance), encoding="utf-8")
        paths.append(path)
    return paths


__all__ = [
    "FORMATS",
    "CaseReport",
    "GoneDocument",
    "Provenance",
    "ReportClaim",
    "ReportPair",
    "ReportPoint",
    "TimelineEvent",
    "load_provenance",
    "load_reports",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "write_reports",
]
