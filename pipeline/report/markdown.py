"""The Markdown report: per case, each contested point with its strongest pair side by side in
a table and the pairs that restate it one line each, then its timeline (one table row per dated
event). Scraped text is made inert: no raw HTML,
no table-breaking pipes, no link brackets."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from pipeline.report.marks import segments
from pipeline.report.records import CaseReport, ReportClaim, ReportPair


def render_markdown(reports: Sequence[CaseReport]) -> str:
    lines = ["# claimtrack: contradiction report", ""]
    lines += ["| case | contested points | contradicting pairs | agreements |", "|---|---|---|---|"]
    lines += [
        f"| {_md(r.title)} (`{r.case_id}`) | {len(r.points)} | {len(r.contradictions)} |"
        f" {len(r.agreements)} |"
        for r in reports
    ]
    lines.append("")
    for case in reports:
        lines += [
            f"## {_md(case.title)} (`{case.case_id}`)",
            "",
            f"{case.documents} documents, {case.claims} claims, {len(case.points)} contested "
            f"points, {len(case.contradictions)} contradicting pairs, "
            f"{len(case.agreements)} agreements.",
            "",
        ]
        if not case.points:
            lines += ["No contradicting claims found.", ""]
        for n, point in enumerate(case.points, start=1):
            lines += [
                f"### {n}. {_md(point.label)}",
                "",
                f"{point.type}, strongest score {point.score:.2f}, {len(point.pairs)} pair(s).",
                "",
            ]
            lines += _pair(point.strongest)
            if point.restatements:
                lines += [f"{len(point.restatements)} more pair(s) restate this point:", ""]
                lines += [_folded(pair) for pair in point.restatements]
                lines.append("")
        if case.gone:
            lines += ["### Documents whose page has gone", ""]
            lines += [
                f"- {_link_to(d.title, d.url, None)}: {_md(d.note)} (text and claims kept)"
                for d in case.gone
            ]
            lines.append("")
        if case.timeline:
            lines += [
                "### Timeline",
                "",
                "| when | party | document | event |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| {_md(e.when)} | {_md(e.party or '')} |"
                f" {_link_to(e.title, e.url, None) if e.url else ''} | {_md(e.what)} |"
                for e in case.timeline
            ]
            lines.append("")
        if case.agreements:
            lines += ["### Where the sides agree", ""]
            for pair in case.agreements:
                lines.append(
                    f"- {_md(pair.left.party)}: {_md(pair.left.content)} / "
                    f"{_md(pair.right.party)}: {_md(pair.right.content)}"
                )
            lines.append("")
    return "\n".join(lines)


def _pair(pair: ReportPair) -> list[str]:
    left, right = pair.left, pair.right
    return [
        f"| score {pair.score:.2f} | {_md(left.party)} | {_md(right.party)} |",
        "|---|---|---|",
        f"| speaker | {_md(left.speaker or '')} | {_md(right.speaker or '')} |",
        f"| claim | {_marked(left.content, pair.evidence)} |"
        f" {_marked(right.content, pair.evidence)} |",
        f"| in context | {_marked(left.sentence, pair.evidence)} |"
        f" {_marked(right.sentence, pair.evidence)} |",
        f"| document | {_link(left)} | {_link(right)} |",
        "",
        f"*{pair.type}: {_md(pair.reason)}*",
        "",
    ]


def _folded(pair: ReportPair) -> str:
    """A pair restating a point already shown: one line, its two claims and its score."""
    left, right = pair.left, pair.right
    return (
        f"- score {pair.score:.2f}, {pair.type}: {_md(left.party)}:"
        f" {_marked(left.content, pair.evidence)} / {_md(right.party)}:"
        f" {_marked(right.content, pair.evidence)}"
    )


def _marked(text: str, evidence: Sequence[str]) -> str:
    return "".join(
        f"**{_md(s.text)}**" if s.evidence and s.text.strip() else _md(s.text)
        for s in segments(" ".join(text.split()), (), evidence)
    )


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = re.sub(r"\s+", " ", text)
    for char in "\\|[]*_`":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)


def _link(claim: ReportClaim) -> str:
    link = _link_to(claim.document_title, claim.url, claim.published)
    return f"{link}, {_md(claim.gone)}" if claim.gone else link


def _link_to(title: str | None, url: str, published: str | None) -> str:
    text = _md(title or url)
    date = f" ({_md(published)})" if published else ""
    if not url.startswith(("http://", "https://")):
        return f"{text}{date}"  # no javascript: or file: links
    return f"[{text}]({quote(url, safe=_URL_SAFE)}){date}"


_URL_SAFE = "-._~:/?#@!$&'*+,;=%"
