"""Find quotations in a paragraph: straight, curly, guillemet and typewriter ('' ``) quote marks.

Pure text scanning, independent of spaCy. A quotation never runs past the end of its paragraph:
an opening mark that is never closed quotes the rest of the paragraph (the newspaper convention
for a quote that continues in the next paragraph, which opens with a quote mark again); a
straight mark that cannot be an opening one (inside or at the end of a word) is plain text, so
an odd number of marks never swallows the text. A straight opening mark may be closed by a curly
one, and a curly opening mark never closed by its pair by a straight one (pages that mix
their marks).
"""

from __future__ import annotations

import re

# opening mark -> closing marks, longest first
_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”",),
    "«": ("»",),
    "„": ("“", "”"),
    "``": ("''",),
    "''": ("''",),
    '"': ('"', "”"),  # pages mix their marks: a straight opening closed by a curly one
}
_OPENER = re.compile(r"``|''|[“«„\"]")
_WORD = re.compile(r"\w+")
MIN_QUOTE_WORDS = 3


def find_quotes(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quotation's inner text with at least MIN_QUOTE_WORDS words.

    Shorter quoted phrases are scare quotes ("limited disruption") and belong to the sentence.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(paragraph)
    while True:
        m = _OPENER.search(paragraph, pos)
        if m is None:
            break
        mark = m.group()
        inner_start = m.end()
        if not _can_open(paragraph, m.start(), mark):
            pos = inner_start
            continue
        close = _closing(paragraph, inner_start, _PAIRS[mark])
        if close is None and mark == "“":
            # never closed by its curly pair: a page that mixes its marks closes it straight
            close = _straight_close(paragraph, inner_start)
        if close is None:
            inner_end, pos = n, n  # unclosed: quotes the rest of the paragraph
        elif close[0] < 0:
            pos = inner_start  # the next straight mark opens a quote: this one is plain text
            continue
        else:
            inner_end, pos = close
        if len(_WORD.findall(paragraph[inner_start:inner_end])) >= MIN_QUOTE_WORDS:
            spans.append((inner_start, inner_end))
    return spans


def _can_open(text: str, index: int, mark: str) -> bool:
    """A straight or typewriter mark opens a quote only at the start of a word."""
    if mark not in ('"', "''"):
        return True
    before = text[index - 1] if index > 0 else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closing(text: str, start: int, closers: tuple[str, ...]) -> tuple[int, int] | None:
    """(inner end, resume position) of the first closing mark after `start`; None when there is
    none; (-1, -1) when the next straight mark can only be an opening one."""
    best: tuple[int, int, str] | None = None
    for closer in closers:
        j = text.find(closer, start)
        if j >= 0 and (best is None or j < best[0]):
            best = (j, j + len(closer), closer)
    if best is None:
        return None
    j, resume, closer = best
    if closer in ('"', "''") and j > start and text[j - 1].isspace() and _can_open(text, j, closer):
        return (-1, -1)  # a mark that cannot open ("in due course. "" at a paragraph's end) closes
    return (j, resume)


def _straight_close(text: str, start: int) -> tuple[int, int] | None:
    """(inner end, resume position) of the first straight mark after `start` that closes no
    straight quote of its own (a closing one: '...this story," wrote'), if any."""
    inner = False  # a straight quote opened inside: 'they called it "fake news" and ...'
    for m in re.finditer('"', text[start:]):
        j = start + m.start()
        if _can_open(text, j, '"') and not inner:
            inner = True
        elif inner:
            inner = False
        elif j > start and not text[j - 1].isspace():
            return (j, j + 1)
    return None


def inside(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quote span that contains [start, end), if any."""
    for q_start, q_end in spans:
        if q_start <= start and end <= q_end:
            return (q_start, q_end)
    return None
