"""Find quotations in a paragraph: pairs of straight, curly or guillemet quote marks.

Pure text scanning, independent of spaCy. An unmatched opening mark never swallows the text:
a quote never runs past the end of its paragraph.
"""

from __future__ import annotations

import re

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'
_WORD = re.compile(r"\w+")
MIN_QUOTE_WORDS = 3


def find_quotes(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quotation's inner text with at least MIN_QUOTE_WORDS words.

    Shorter quoted phrases are scare quotes ("limited disruption") and belong to the sentence.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        closer = _OPEN_CLOSE.get(ch) if ch != _STRAIGHT else _STRAIGHT
        if closer is None:
            i += 1
            continue
        j = paragraph.find(closer, i + 1)
        if j < 0:
            i += 1  # unmatched: treat the mark as plain text
            continue
        inner_start, inner_end = i + 1, j
        if len(_WORD.findall(paragraph[inner_start:inner_end])) >= MIN_QUOTE_WORDS:
            spans.append((inner_start, inner_end))
        i = j + 1
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quote span that contains [start, end), if any."""
    for q_start, q_end in spans:
        if q_start <= start and end <= q_end:
            return (q_start, q_end)
    return None
