"""A first, rule-based verdict on a candidate pair, with its type, reason and evidence.

Embedding similarity only says two claims are about the same thing; what decides is a conflict
between them: a negation on one side only, an explicit denial, differing quantities of the same
unit, differing causes, or antonyms. Without a conflict, very similar claims agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.contradict.features import (
    Quantity,
    antonym_pair,
    cause_phrase,
    content_words,
    dates,
    denial_cues,
    negation_cues,
    quantities,
)
from pipeline.records import Claim, Verdict

VERDICT_VERSION = "rules-1"
RELATED_SIMILARITY = 0.5
AGREE_SIMILARITY = 0.75
_BASE_SCORE = {
    "quantity": 0.75,
    "date": 0.7,
    "denial": 0.7,
    "negation": 0.7,
    "cause": 0.7,
    "antonym": 0.65,
}


@dataclass(frozen=True)
class _Finding:
    type: str
    reason: str
    evidence: tuple[str, ...]


def judge(a: Claim, b: Claim, similarity: float) -> Verdict:
    """Decide whether claims `a` and `b` (of different parties) contradict, agree or neither."""
    text_a, text_b = a.text, b.text
    shared = sorted(content_words(text_a) & content_words(text_b))
    related = similarity >= RELATED_SIMILARITY or len(shared) >= 2
    findings = _conflicts(a, b, shared, similarity) if related else []
    if findings:
        best = max(findings, key=lambda f: _BASE_SCORE[f.type])
        score = _BASE_SCORE[best.type] + 0.5 * (similarity - RELATED_SIMILARITY)
        score += 0.05 * (len(findings) - 1) - (0.1 if a.hedged or b.hedged else 0.0)
        reasons = "; ".join(f.reason for f in findings)
        evidence = tuple(dict.fromkeys(e for f in findings for e in f.evidence))
        return Verdict("contradicts", _clamp(score), best.type, reasons, evidence)
    if similarity >= AGREE_SIMILARITY:
        return Verdict(
            "agrees",
            _clamp(similarity),
            "none",
            f"same point, no conflict found (similarity {similarity:.2f})",
            tuple(shared[:6]),
        )
    return Verdict(
        "unrelated",
        _clamp(1.0 - similarity),
        "none",
        f"no conflict found; similarity {similarity:.2f}"
        + ("" if related else ", different topics"),
        (),
    )


def _conflicts(a: Claim, b: Claim, shared: list[str], similarity: float) -> list[_Finding]:
    text_a, text_b = a.text, b.text
    findings: list[_Finding] = []
    topical = similarity >= 0.6 or len(shared) >= 2

    quantity = _quantity_conflict(text_a, text_b)
    if quantity and shared:
        qa, qb = quantity
        findings.append(
            _Finding(
                "quantity", f"differing numbers: {qa.text!r} vs {qb.text!r}", (qa.text, qb.text)
            )
        )

    dates_a, dates_b = dates(text_a), dates(text_b)
    if dates_a and dates_b and not dates_a & dates_b and len(shared) >= 3 and similarity >= 0.5:
        da, db = sorted(dates_a)[0], sorted(dates_b)[0]
        findings.append(_Finding("date", f"differing dates: {da!r} vs {db!r}", (da, db)))

    if len(shared) >= 2 and a.polarity != b.polarity:
        denied = text_a if a.polarity == "denied" else text_b
        cues = negation_cues(denied) or ["denied"]
        findings.append(
            _Finding(
                "negation",
                f"negated on one side only ({', '.join(cues)}) on a shared point "
                f"({', '.join(shared[:4]) or 'similar wording'})",
                (*cues, *shared[:3]),
            )
        )

    den_a, den_b = denial_cues(text_a), denial_cues(text_b)
    if topical and bool(den_a) != bool(den_b):
        cues = den_a or den_b
        findings.append(_Finding("denial", f"explicit denial ({', '.join(cues)})", tuple(cues)))

    cause_a, cause_b = cause_phrase(text_a), cause_phrase(text_b)
    if cause_a and cause_b and not (content_words(cause_a) & content_words(cause_b)):
        findings.append(
            _Finding("cause", f"differing causes: {cause_a!r} vs {cause_b!r}", (cause_a, cause_b))
        )

    antonyms = antonym_pair(text_a, text_b)
    if antonyms and topical:
        findings.append(
            _Finding("antonym", f"opposite words: {antonyms[0]!r} vs {antonyms[1]!r}", antonyms)
        )
    return findings


def _quantity_conflict(text_a: str, text_b: str) -> tuple[Quantity, Quantity] | None:
    """A unit both texts count in, with no value that the two sides share."""
    by_unit: dict[str, list[Quantity]] = {}
    for q in quantities(text_a):
        by_unit.setdefault(q.unit, []).append(q)
    for qb in quantities(text_b):
        side_a = by_unit.get(qb.unit)
        if side_a and not any(_close(qa.value, qb.value) for qa in side_a):
            others = [q for q in quantities(text_b) if q.unit == qb.unit]
            if not any(_close(qa.value, q.value) for qa in side_a for q in others):
                return side_a[0], qb
    return None


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.1 * max(abs(x), abs(y), 1e-9)


def _clamp(score: float) -> float:
    return round(min(0.99, max(0.01, score)), 4)
