"""The HTML report: one self-contained file (inline CSS and SVG, no script, no network request)
that reads on a phone, rendered from templates/report.html.j2 with autoescape on.

Per case: its sides and documents, then its contested points as rows (the strongest pair's two
claims side by side; the sentences in context and the pairs that restate the point folded
under it), its charts, and the timeline and agreements folded."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.report.chart import days_chart, points_chart
from pipeline.report.provenance import Provenance
from pipeline.report.records import CaseReport
from pipeline.report.templating import html_environment


def render_html(reports: Sequence[CaseReport], provenance: Provenance | None = None) -> str:
    charts = [
        [c for c in (days_chart(case), points_chart(case)) if c is not None] for case in reports
    ]
    return (
        html_environment()
        .get_template("report.html.j2")
        .render(
            reports=reports,
            provenance=provenance,
            points=sum(len(r.points) for r in reports),
            pairs=sum(len(r.contradictions) for r in reports),
            charts=charts,
        )
    )
