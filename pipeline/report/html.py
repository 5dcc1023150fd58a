"""The HTML report: one self-contained file (inline CSS and SVG, no script, no network request)
that reads on a phone. Every piece of scraped text in it is escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence

from pipeline.report.chart import case_chart, speaker_chart
from pipeline.report.marks import segments
from pipeline.report.records import CaseReport, ReportClaim, ReportPair

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#f6f6f4}main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #ccc}
h4{margin:.2rem 0 .4rem;font-size:1.1rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.chart{margin:0;flex:1 1 360px;background:#fff;border:1px solid #ddd;border-radius:8px;
padding:.6rem}
.point{background:#fff;border:1px solid #ddd;border-radius:8px;margin:1rem 0;padding:.8rem}
.pair{border-top:1px dashed #ccc;padding-top:.6rem;margin-top:.6rem}
.meta{color:#555;font-size:.9rem}.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:700px){.sides{grid-template-columns:1fr}main{padding:.6rem}}
.side{border-left:4px solid #888;padding-left:.7rem;min-width:0}.side.left{border-color:#b5482f}
.side.right{border-color:#2f6db5}.party{font-weight:600}blockquote{margin:.4rem 0;font-size:1.05rem}
mark{background:#ffe58a}.sentence{color:#444;font-size:.9rem}.sentence .claim{color:#1d1d1f;
text-decoration:underline;text-decoration-color:#aaa}a{color:#1a5fb4;overflow-wrap:anywhere}
.badge{display:inline-block;background:#333;color:#fff;border-radius:4px;padding:0 .4rem;
font-size:.8rem}ul.agree li{margin:.5rem 0}nav ul{padding-left:1.2rem}.gone{color:#b5482f}
details.more summary{cursor:pointer;color:#555;margin-top:.6rem}
table.timeline{border-collapse:collapse;background:#fff;font-size:.9rem;width:100%}
table.timeline td,table.timeline th{border-bottom:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.timeline td:first-child{white-space:nowrap}
@media (max-width:700px){table.timeline,table.timeline tbody,table.timeline tr,
table.timeline td{display:block}table.timeline thead{display:none}
table.timeline tr{border-bottom:1px solid #ddd;padding:.3rem 0}table.timeline td{border:0;
padding:0 .5rem}}
"""


def render_html(reports: Sequence[CaseReport]) -> str:
    points = sum(len(r.points) for r in reports)
    pairs = sum(len(r.contradictions) for r in reports)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>claimtrack: contradiction report</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>claimtrack: contradiction report</h1>",
        f'<p class="meta">{len(reports)} cases, {points} contested points,'
        f" {pairs} contradicting pairs.</p>",
        f'<div class="charts">{case_chart(reports)}{speaker_chart(reports)}</div>',
        "<nav><ul>",
        *(
            f'<li><a href="#{_e(r.case_id)}">{_e(r.title)}</a>: {len(r.points)} points</li>'
            for r in reports
        ),
        "</ul></nav>",
    ]
    for case in reports:
        parts.append(_case(case))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _case(case: CaseReport) -> str:
    sides = " vs ".join(_e(p) for p in (case.left_party, case.right_party) if p)
    out = [
        f'<section id="{_e(case.case_id)}"><h2>{_e(case.title)}</h2>',
        f'<p class="meta">Case <code>{_e(case.case_id)}</code>{": " + sides if sides else ""}.'
        f" {case.documents} documents, {case.claims} claims, {len(case.points)} contested"
        f" points, {len(case.contradictions)} contradicting pairs, {len(case.agreements)}"
        " agreements.</p>",
    ]
    if not case.points:
        out.append("<p>No contradicting claims found.</p>")
    else:
        out.append("<h3>Contested points</h3>")
    for n, point in enumerate(case.points, start=1):
        out.append(
            f'<article class="point"><h4>{n}. {_e(point.label)}</h4>'
            f'<p class="meta"><span class="badge">{_e(point.type)}</span> strongest score'
            f" {point.score:.2f}, {len(point.pairs)} pair{'s' if len(point.pairs) > 1 else ''}"
            "</p>"
        )
        out.append(_pair(point.strongest))
        if point.restatements:
            more = len(point.restatements)
            out.append(
                f'<details class="more"><summary>{more} more pair{"s" if more > 1 else ""}'
                f" restate{'' if more > 1 else 's'} this point</summary>"
            )
            out.extend(_pair(pair) for pair in point.restatements)
            out.append("</details>")
        out.append("</article>")
    if case.gone:
        out.append("<h3>Documents whose page has gone</h3><ul>")
        out.extend(
            f"<li>{_link(d.title, d.url)}: {_e(d.note)} (text and claims kept)</li>"
            for d in case.gone
        )
        out.append("</ul>")
    if case.timeline:
        out.append(
            '<h3>Timeline</h3><table class="timeline"><thead><tr><th>when</th>'
            "<th>party</th><th>document</th><th>event</th></tr></thead><tbody>"
        )
        out.extend(
            f'<tr class="{_e(e.event)}"><td>{_e(e.when)}</td><td>{_e(e.party or "")}</td>'
            f"<td>{_link(e.title, e.url) if e.url else ''}</td><td>{_e(e.what)}</td></tr>"
            for e in case.timeline
        )
        out.append("</tbody></table>")
    if case.agreements:
        out.append('<h3>Where the sides agree</h3><ul class="agree">')
        for pair in case.agreements:
            out.append(
                f"<li><b>{_e(pair.left.party)}</b>: {_e(pair.left.content)}<br>"
                f"<b>{_e(pair.right.party)}</b>: {_e(pair.right.content)}"
                f' <span class="meta">(score {pair.score:.2f})</span></li>'
            )
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _pair(pair: ReportPair) -> str:
    return (
        f'<div class="pair"><div class="sides">{_side(pair.left, "left", pair.evidence)}'
        f"{_side(pair.right, 'right', pair.evidence)}</div>"
        f'<p class="meta"><span class="badge">{_e(pair.type)}</span> score {pair.score:.2f}:'
        f" {_e(pair.reason)}</p></div>"
    )


def _side(claim: ReportClaim, which: str, evidence: Sequence[str]) -> str:
    speaker = f" — {_e(claim.speaker)}" if claim.speaker and claim.speaker != claim.party else ""
    date = f", {_e(claim.published)}" if claim.published else ""
    link = _link(claim.document_title, claim.url)
    if claim.gone:
        date += f', <span class="gone">{_e(claim.gone)}</span>'
    return (
        f'<div class="side {which}"><div class="party">{_e(claim.party)}{speaker}</div>'
        f"<blockquote>{_marked(claim.content, (), evidence)}</blockquote>"
        f'<div class="sentence">{_marked(claim.sentence, claim.in_sentence, evidence)}</div>'
        f'<div class="meta">{link}{date} ({_e(claim.kind)})</div></div>'
    )


def _link(title: str | None, url: str) -> str:
    """A link to `url` (http(s) only: no javascript: or file: links), or its title alone."""
    text = _e(title or url)
    return f'<a href="{_e(url)}">{text}</a>' if url.startswith(("http://", "https://")) else text


def _marked(text: str, claim: Sequence[tuple[int, int]], evidence: Sequence[str]) -> str:
    out = []
    for seg in segments(text, claim, evidence):
        piece = _e(seg.text)
        if seg.evidence:
            piece = f"<mark>{piece}</mark>"
        if seg.in_claim:
            piece = f'<span class="claim">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
