"""Static bar charts as inline SVG: no script, no network, readable on a phone (it scales)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from pipeline.report.records import CaseReport

_BAR_HEIGHT = 22
_LABEL_WIDTH = 260
_BAR_WIDTH = 300
_LABEL_CHARS = 34


def bar_chart(title: str, items: Sequence[tuple[str, int]], colour: str = "#b5482f") -> str:
    """A horizontal bar chart of (label, count), in the given order."""
    if not items:
        return ""
    top = max(n for _, n in items) or 1
    height = 30 + _BAR_HEIGHT * len(items)
    width = _LABEL_WIDTH + _BAR_WIDTH + 50
    rows = []
    for i, (label, n) in enumerate(items):
        y = 24 + i * _BAR_HEIGHT
        bar = max(2, round(_BAR_WIDTH * n / top))
        short = label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"
        rows.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{_e(short)}</text>'
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{_BAR_HEIGHT - 6}"'
            f' fill="{colour}"><title>{_e(label)}: {n}</title></rect>'
            f'<text x="{_LABEL_WIDTH + bar + 6}" y="{y + 15}">{n}</text>'
        )
    return (
        f'<figure class="chart"><svg role="img" aria-label="{_e(title)}"'
        f' viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px"'
        f' font-size="13" font-family="system-ui,sans-serif" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="0" y="14" font-weight="600">{_e(title)}</text>{"".join(rows)}</svg></figure>'
    )


def case_chart(reports: Sequence[CaseReport]) -> str:
    """Contradicting pairs per case."""
    return bar_chart(
        "Contradicting pairs per case", [(r.case_id, len(r.contradictions)) for r in reports]
    )


def speaker_chart(reports: Sequence[CaseReport], limit: int = 10) -> str:
    """The speakers whose claims are most often contradicted, or contradict the other side."""
    counts: Counter[str] = Counter()
    for report in reports:
        seen = set()
        for pair in report.contradictions:
            for claim in (pair.left, pair.right):
                if claim.claim_id not in seen:
                    seen.add(claim.claim_id)
                    speaker = claim.speaker or claim.party
                    who = speaker if speaker == claim.party else f"{speaker} ({claim.party})"
                    counts[who] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return bar_chart("Claims in contradictions, per speaker", ranked, colour="#2f6db5")


def _e(text: str) -> str:
    return html.escape(text, quote=True)
