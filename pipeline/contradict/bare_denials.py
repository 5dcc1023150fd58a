"""Bare denials: "This is not true." answers the claim right before it.

A rebuttal often sets the other side's words down and answers them in a sentence of its own
("Allegation one: Acme is a reckless lender. | This is not true."; "The Ledger wrote that the
plant leaked. That is false."). The denial's own words name nothing, so no shared word and no
similarity joins it to the report's claims: what it denies is the claim right before it in its
document. A bare denial contradicts each claim of another side that is that claim or restates
it (cosine at least `RESTATES_SIMILARITY`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from pipeline.contradict.base import clamp_score
from pipeline.records import Claim, Verdict

RESTATES_SIMILARITY = 0.65
# the most characters between the denied claim's sentence and the denial's: a space or a
# paragraph break
_GAP = 4

_BARE = re.compile(
    r"^\W*(?:this|that|it|which)\s+(?:is|was)\s+(?:\w+ly\s+)?"
    r"(?:not\s+(?:true|accurate|correct|the\s+case)|untrue|false|incorrect|inaccurate|wrong|"
    r"a\s+lie)\W*$",
    re.IGNORECASE,
)


def is_bare_denial(claim: Claim) -> bool:
    """Whether the claim's words are only a verdict on what came before ("This is not true")."""
    return _BARE.match(claim.text) is not None


def denied_before(claims: Sequence[Claim]) -> dict[str, Claim]:
    """For each bare denial among one case's `claims`, the claim right before it in its
    document (its sentence ending at most `_GAP` characters before the denial's)."""
    by_document: dict[str, list[Claim]] = {}
    for claim in claims:
        by_document.setdefault(claim.document_id, []).append(claim)
    found: dict[str, Claim] = {}
    for claim in claims:
        if not is_bare_denial(claim):
            continue
        before = [
            c
            for c in by_document[claim.document_id]
            if 0 <= claim.sentence.start - c.sentence.end <= _GAP and not is_bare_denial(c)
        ]
        if before:
            found[claim.claim_id] = max(before, key=lambda c: (c.sentence.end, c.content.end))
    return found


def answered_before(
    verdicts: Sequence[Verdict],
    pairs: Sequence[tuple[Claim, Claim, float]],
    denied: Mapping[str, Claim],
    vectors: Mapping[str, npt.NDArray[np.float32]],
) -> list[Verdict]:
    """The `verdicts` on `pairs` (two claims and their cosine), where a bare denial meets a claim
    of another side that is, or restates, the claim it denies (`denied`, by the denial's id):
    contradicts."""
    out = []
    for verdict, (a, b, _similarity) in zip(verdicts, pairs, strict=True):
        if verdict.label != "contradicts":
            for denial, other in ((a, b), (b, a)):
                target = denied.get(denial.claim_id)
                if target is None or other.party == denial.party:
                    continue
                if target.claim_id == other.claim_id:
                    cosine = 1.0
                elif target.claim_id in vectors and other.claim_id in vectors:
                    cosine = float(np.dot(vectors[target.claim_id], vectors[other.claim_id]))
                else:
                    continue
                if cosine >= RESTATES_SIMILARITY:
                    verdict = Verdict(
                        "contradicts",
                        clamp_score(0.5 + 0.5 * cosine),
                        "denial",
                        f"denies the claim right before it ({target.text[:80]!r}), which the "
                        f"other claim restates (similarity {cosine:.2f})",
                        (denial.text, target.text[:80]),
                    )
                    break
        out.append(verdict)
    return out
