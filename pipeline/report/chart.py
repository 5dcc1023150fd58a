"""Static bar charts for the HTML report, as shapes (bars and texts in a viewBox) that the
template draws as inline SVG: no script, no network. The viewBox is about as wide as a phone,
so the SVG, drawn at the width of its box, keeps its text readable at 400 px.

Each chart answers one question about a case: how many pairs each of its contested points
has, and how many claims each side made on each day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.report.records import CaseReport

WIDTH = 360
SIDE_COLOURS = ("#b5482f", "#2f6db5")
OTHER_COLOUR = "#777"
_TOP = 26  # below the title
_ROW = 38  # a labelled bar: its label above it
_BAR = 14
_LABEL_CHARS = 48


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    tip: str  # shown on hover, and read by screen readers


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    colour: str | None = None  # a legend entry's, else the text colour


@dataclass(frozen=True)
class Chart:
    title: str
    desc: str  # the chart in words, for screen readers
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[Label, ...]
    width: int = WIDTH


def labelled_bars(
    title: str, desc: str, items: Sequence[tuple[str, int]], colour: str
) -> Chart | None:
    """A bar per (label, count), its label on the line above it: long labels keep the width."""
    if not items:
        return None
    top = max(n for _, n in items) or 1
    room = WIDTH - 40
    bars, labels = [], []
    for i, (label, n) in enumerate(items):
        y = _TOP + i * _ROW
        width = max(2.0, round(room * n / top, 1))
        labels.append(Label(0, y + 12, _clip(label)))
        bars.append(Bar(0, y + 17, width, _BAR, colour, f"{label}: {n}"))
        labels.append(Label(width + 5, y + 29, str(n)))
    return Chart(title, desc, _TOP + len(items) * _ROW, tuple(bars), tuple(labels))


def points_chart(report: CaseReport) -> Chart | None:
    """Contradicting pairs per contested point of a case, in the report's order."""
    items = [(f"{n}. {p.title or p.label}", len(p.pairs)) for n, p in enumerate(report.points, 1)]
    desc = "; ".join(f"{label}: {n} pairs" for label, n in items)
    return labelled_bars("Contradicting pairs per point", desc, items, SIDE_COLOURS[0])


def days_chart(report: CaseReport) -> Chart | None:
    """Each side's claims per day: a row per day, a bar per side, a legend line per side."""
    if not report.claim_days:
        return None
    sides = [p for p in (report.left_party, report.right_party) if p]
    sides += sorted({d.party for d in report.claim_days} - set(sides))
    colours = {party: _colour(i) for i, party in enumerate(sides)}
    days = sorted({d.day for d in report.claim_days})
    counts = {(d.day, d.party): d.claims for d in report.claim_days}
    top = max(counts.values()) or 1
    label_width, room, bar = 82, WIDTH - 82 - 30, 11
    labels = [
        Label(0, _TOP + 4 + 17 * i, f"\u25a0 {_clip(p)}", colours[p]) for i, p in enumerate(sides)
    ]
    bars = []
    y = _TOP + 17 * len(sides) + 2
    for day in days:
        shown = [p for p in sides if counts.get((day, p))]
        labels.append(Label(0, y + bar + 2, day))
        for party in shown:
            n = counts[(day, party)]
            width = max(2.0, round(room * n / top, 1))
            bars.append(Bar(label_width, y, width, bar, colours[party], f"{day}, {party}: {n}"))
            labels.append(Label(label_width + width + 4, y + bar - 1, str(n)))
            y += bar + 2
        y += 10 + (bar + 2) * max(0, 2 - len(shown))
    desc = "; ".join(f"{d.day}, {d.party}: {d.claims} claims" for d in report.claim_days)
    return Chart("Claims per side per day", desc, y, tuple(bars), tuple(labels))


def _colour(i: int) -> str:
    return SIDE_COLOURS[i] if i < len(SIDE_COLOURS) else OTHER_COLOUR


def _clip(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
