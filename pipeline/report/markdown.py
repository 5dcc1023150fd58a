"""The Markdown report, rendered from templates/report.md.j2: per case, its documents, a table
of its contested points (the strongest pair's two claims and how many more pairs restate it),
then each point with its strongest pair side by side in a table and the pairs that restate it
one line each, then its timeline (one table row per dated event). Scraped text is made inert
(markdown_text.py): no raw HTML, no table-breaking pipes, no link brackets."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.report.provenance import Provenance
from pipeline.report.records import CaseReport
from pipeline.report.templating import markdown_environment


def render_markdown(reports: Sequence[CaseReport], provenance: Provenance | None = None) -> str:
    text = (
        markdown_environment()
        .get_template("report.md.j2")
        .render(reports=reports, provenance=provenance)
    )
    return text.rstrip("\n") + "\n"
