"""Where a claim and its evidence sit in a sentence: the text cut into marked segments.

Renderers show the sentence around a claim with the claim set off and the words that carry the
contradiction highlighted; this module decides which characters are which, once for all formats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    in_claim: bool
    evidence: bool


def segments(text: str, claim: Sequence[tuple[int, int]], terms: Sequence[str]) -> list[Segment]:
    """`text` cut where it enters or leaves the claim's pieces or an evidence term (matched as
    whole words, case-insensitively, longest first)."""
    in_claim = [False] * len(text)
    for start, end in claim:
        for i in range(max(0, start), min(len(text), end)):
            in_claim[i] = True
    marked = [False] * len(text)
    words = sorted({t for t in terms if t and len(t) > 1}, key=len, reverse=True)
    if words:
        pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.I)
        for m in pattern.finditer(text):
            for i in range(m.start(), m.end()):
                marked[i] = True
    out: list[Segment] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (in_claim[i], marked[i]) != (in_claim[start], marked[start]):
            out.append(Segment(text[start:i], in_claim[start], marked[start]))
            start = i
    return out
