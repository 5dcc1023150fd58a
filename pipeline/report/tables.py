"""The report as data: JSON (the records, nested) and CSV (one row per pair) for other tools.

CSV text cells that a spreadsheet would run as formulas are neutralised (`pipeline.csv_safe`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict

from pipeline.csv_safe import safe_cell
from pipeline.report.provenance import Provenance
from pipeline.report.records import CaseReport, ReportClaim, ReportPair

CSV_COLUMNS = (
    "case_id",
    "section",
    "point_id",
    "point_label",
    "pair_id",
    "label",
    "type",
    "score",
    "reason",
    "evidence",
    *(
        f"{side}_{field}"
        for side in ("left", "right")
        for field in ("party", "speaker", "claim", "sentence", "title", "url", "published")
    ),
)


def render_json(reports: Sequence[CaseReport], provenance: Provenance | None = None) -> str:
    cases = []
    for r in reports:
        case = asdict(r)
        case["contradictions"] = len(r.contradictions)
        cases.append(case)
    data: dict[str, object] = {"cases": cases}
    if provenance is not None:
        data["provenance"] = asdict(provenance)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_csv(reports: Sequence[CaseReport], provenance: Provenance | None = None) -> str:
    """One row per pair; `provenance` is not written (a CSV has no place for it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([safe_cell(v) for v in row] for row in _rows(reports))
    return out.getvalue()


def _rows(reports: Sequence[CaseReport]) -> Iterator[list[object]]:
    for r in reports:
        for point in r.points:
            for pair in point.pairs:
                yield _row(r.case_id, "contested point", point.point_id, point.label, pair)
        for pair in r.agreements:
            yield _row(r.case_id, "agreement", "", "", pair)


def _row(case_id: str, section: str, point_id: str, label: str, pair: ReportPair) -> list[object]:
    return [
        case_id,
        section,
        point_id,
        label,
        pair.pair_id,
        pair.label,
        pair.type,
        f"{pair.score:.4f}",
        pair.reason,
        "; ".join(pair.evidence),
        *_claim(pair.left),
        *_claim(pair.right),
    ]


def _claim(c: ReportClaim) -> list[object]:
    return [c.party, c.speaker or "", c.content, c.sentence, c.document_title or "", c.url,
            c.published or ""]  # fmt: skip
