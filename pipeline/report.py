"""Contradiction reports: per case, the contradicting claim pairs side by side.

`load_reports` reads the store into plain records; `render_markdown` and `render_html` are pure
functions of those records. The HTML is one self-contained file (inline CSS, no scripts, no
network), and every piece of scraped text in it is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.store import Store


@dataclass(frozen=True)
class ReportClaim:
    party: str
    speaker: str | None
    kind: str
    content: str
    sentence: str
    document_title: str | None
    url: str
    published: str | None


@dataclass(frozen=True)
class ReportPair:
    left: ReportClaim
    right: ReportClaim
    label: str
    score: float
    type: str
    reason: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CaseReport:
    case_id: str
    title: str
    documents: int
    claims: int
    contradictions: tuple[ReportPair, ...]
    agreements: tuple[ReportPair, ...]


_PAIRS_SQL = """
SELECT p.label, p.score, p.type, p.reason, p.evidence,
       ca.party_id, pa.name, ca.speaker_name, ca.kind, ca.claim_text,
       substr(da.text, ca.sentence_start + 1, ca.sentence_end - ca.sentence_start),
       da.title, da.url, da.published,
       cb.party_id, pb.name, cb.speaker_name, cb.kind, cb.claim_text,
       substr(db.text, cb.sentence_start + 1, cb.sentence_end - cb.sentence_start),
       db.title, db.url, db.published
FROM claim_pairs p
JOIN claims ca ON ca.claim_id = p.claim_a
JOIN claims cb ON cb.claim_id = p.claim_b
JOIN documents da ON da.document_id = ca.document_id
JOIN documents db ON db.document_id = cb.document_id
JOIN parties pa ON pa.case_id = p.case_id AND pa.party_id = ca.party_id
JOIN parties pb ON pb.case_id = p.case_id AND pb.party_id = cb.party_id
WHERE p.case_id = ? AND p.label IN ('contradicts', 'agrees') AND p.score >= ?
ORDER BY p.label, p.score DESC, p.pair_id
"""


def load_reports(
    store: Store, case_ids: Sequence[str] | None = None, min_score: float = 0.0
) -> list[CaseReport]:
    """The report records of the given cases (all cases when None), from the store."""
    _, cases = store.query("SELECT case_id, title FROM cases ORDER BY case_id")
    reports = []
    for case_id, title in cases:
        if case_ids is not None and case_id not in case_ids:
            continue
        _, first = store.query(
            "SELECT party_id FROM sources WHERE case_id = ? ORDER BY role = 'report' DESC,"
            " role = 'coverage', source_id LIMIT 1",
            [case_id],
        )
        left_party = first[0][0] if first else None
        _, rows = store.query(_PAIRS_SQL, [case_id, min_score])
        pairs = [_pair(row, left_party) for row in rows]
        _, count_rows = store.query(
            "SELECT (SELECT count(*) FROM documents WHERE case_id = ?),"
            " (SELECT count(*) FROM claims WHERE case_id = ?)",
            [case_id, case_id],
        )
        docs, claims = count_rows[0]
        reports.append(
            CaseReport(
                case_id=case_id,
                title=title,
                documents=int(docs),
                claims=int(claims),
                contradictions=tuple(p for p in pairs if p.label == "contradicts"),
                agreements=tuple(p for p in pairs if p.label == "agrees"),
            )
        )
    return reports


def _pair(row: tuple[Any, ...], left_party: object) -> ReportPair:
    label, score, type_, reason, evidence = row[:5]
    a = _claim(row[5:14])
    b = _claim(row[14:23])
    left, right = (b, a) if row[14] == left_party and row[5] != left_party else (a, b)
    return ReportPair(
        left, right, str(label), float(score), str(type_), str(reason), tuple(evidence)
    )


def _claim(values: Sequence[object]) -> ReportClaim:
    _, party, speaker, kind, content, sentence, title, url, published = values
    return ReportClaim(
        party=str(party),
        speaker=None if speaker is None else str(speaker),
        kind=str(kind),
        content=str(content),
        sentence=str(sentence),
        document_title=None if title is None else str(title),
        url=str(url),
        published=None if published is None else str(published),
    )


# -- Markdown ----------------------------------------------------------------------------------


def render_markdown(reports: Sequence[CaseReport]) -> str:
    lines = ["# claimtrack: contradiction report", ""]
    for case in reports:
        lines += [
            f"## {_md(case.title)} (`{case.case_id}`)",
            "",
            f"{case.documents} documents, {case.claims} claims, "
            f"{len(case.contradictions)} contradicting pairs, {len(case.agreements)} agreements.",
            "",
        ]
        if not case.contradictions:
            lines += ["No contradicting claims found.", ""]
        for n, pair in enumerate(case.contradictions, start=1):
            lines += [
                f"### {n}. {pair.type} (score {pair.score:.2f})",
                "",
                f"*{_md(pair.reason)}*",
                "",
                "| | " + _md(pair.left.party) + " | " + _md(pair.right.party) + " |",
                "|---|---|---|",
                f"| speaker | {_md(pair.left.speaker or '')} | {_md(pair.right.speaker or '')} |",
                f"| claim | {_md(pair.left.content)} | {_md(pair.right.content)} |",
                f"| document | {_md_link(pair.left)} | {_md_link(pair.right)} |",
                "",
            ]
        if case.agreements:
            lines += ["### Where the sides agree", ""]
            for pair in case.agreements:
                lines.append(
                    f"- {_md(pair.left.party)}: {_md(pair.left.content)} / "
                    f"{_md(pair.right.party)}: {_md(pair.right.content)}"
                )
            lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = " ".join(text.split())
    return (
        html.escape(text, quote=False).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
    )


def _md_link(claim: ReportClaim) -> str:
    title = _md(claim.document_title or claim.url)
    date = f" ({_md(claim.published)})" if claim.published else ""
    url = claim.url.replace(")", "%29").replace(" ", "%20")
    return f"[{title}]({url}){date}"


# -- HTML --------------------------------------------------------------------------------------

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#f6f6f4}main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #ccc}
.pair{background:#fff;border:1px solid #ddd;border-radius:8px;margin:1rem 0;padding:.8rem}
.meta{color:#555;font-size:.9rem}.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:700px){.sides{grid-template-columns:1fr}}
.side{border-left:4px solid #888;padding-left:.7rem}.side.left{border-color:#b5482f}
.side.right{border-color:#2f6db5}.party{font-weight:600}blockquote{margin:.4rem 0;font-size:1.05rem}
mark{background:#ffe58a}.sentence{color:#444;font-size:.9rem}a{color:#1a5fb4;word-break:break-all}
.badge{display:inline-block;background:#333;color:#fff;border-radius:4px;padding:0 .4rem;
font-size:.8rem}ul.agree li{margin:.4rem 0}
"""


def render_html(reports: Sequence[CaseReport]) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>claimtrack: contradiction report</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>claimtrack: contradiction report</h1>",
    ]
    for case in reports:
        parts.append(f'<section id="{_e(case.case_id)}"><h2>{_e(case.title)}</h2>')
        parts.append(
            f'<p class="meta">Case <code>{_e(case.case_id)}</code>: {case.documents} documents,'
            f" {case.claims} claims, {len(case.contradictions)} contradicting pairs,"
            f" {len(case.agreements)} agreements.</p>"
        )
        if not case.contradictions:
            parts.append("<p>No contradicting claims found.</p>")
        for pair in case.contradictions:
            parts.append(
                '<div class="pair"><p class="meta"><span class="badge">'
                f"{_e(pair.type)}</span> score {pair.score:.2f}: {_e(pair.reason)}</p>"
                f'<div class="sides">{_side(pair.left, "left", pair.evidence)}'
                f"{_side(pair.right, 'right', pair.evidence)}</div></div>"
            )
        if case.agreements:
            parts.append('<h3>Where the sides agree</h3><ul class="agree">')
            for pair in case.agreements:
                parts.append(
                    f"<li><b>{_e(pair.left.party)}</b>: {_e(pair.left.content)}<br>"
                    f"<b>{_e(pair.right.party)}</b>: {_e(pair.right.content)}</li>"
                )
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _side(claim: ReportClaim, which: str, evidence: Sequence[str]) -> str:
    speaker = f" — {_e(claim.speaker)}" if claim.speaker and claim.speaker != claim.party else ""
    title = _e(claim.document_title or claim.url)
    date = f", {_e(claim.published)}" if claim.published else ""
    link = (
        f'<a href="{_e(claim.url)}">{title}</a>'
        if claim.url.startswith(("http://", "https://"))
        else title
    )
    return (
        f'<div class="side {which}"><div class="party">{_e(claim.party)}{speaker}</div>'
        f"<blockquote>{_highlight(claim.content, evidence)}</blockquote>"
        f'<div class="sentence">{_highlight(claim.sentence, evidence)}</div>'
        f'<div class="meta">{link}{date} ({_e(claim.kind)})</div></div>'
    )


def _highlight(text: str, terms: Sequence[str]) -> str:
    """Escape `text`, wrapping each occurrence of a term in <mark>."""
    words = sorted({t for t in terms if t and len(t) > 1}, key=len, reverse=True)
    if not words:
        return _e(text)
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(w) + r"(?!\w)" for w in words), re.I)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(_e(text[last : m.start()]))
        out.append(f"<mark>{_e(m.group())}</mark>")
        last = m.end()
    out.append(_e(text[last:]))
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def write_reports(reports: Sequence[CaseReport], directory: Path) -> list[Path]:
    """Write report.md and report.html into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    md_path, html_path = directory / "report.md", directory / "report.html"
    md_path.write_text(render_markdown(reports), encoding="utf-8")
    html_path.write_text(render_html(reports), encoding="utf-8")
    return [md_path, html_path]
