"""Correction and update notices: the paragraphs in which a page says it was changed.

A notice is a paragraph that opens with a notice label and a colon or dash ("Correction:",
"Corrections:", "Clarification:", "Update:", "Updated:", "UPDATE (Feb 21):", "Editor's note:",
"Editor’s Note —"), or with the page saying it changed ("This article has been amended",
"This story was updated ...", "An earlier version of this article said ...").

A notice speaks about the page's earlier text, not about the dispute: "Correction: an earlier
version said the depot was closed for 13 hours" does not claim the depot was closed for 13
hours. So its paragraph yields no claims (`pipeline.nlp.analyse` skips it), and the store keeps
it with the document's version as a correction instead.
"""

from __future__ import annotations

import re

# what may stand between a label and its colon: a date or time, bare or in brackets
_WHEN = (
    r"(?:\s*\([^()\n]{0,40}\)"
    r"|(?:[\s,.]+(?:on|at|\d[\d:./]*(?:[ap]\.?m\.?)?|[ap]\.?m\.?|[a-z]{3,9}\.?)){1,6})?"
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june"
    " july august september october november december".split()
)
_LABEL = re.compile(
    rf"""^\W{{0,3}}(?P<label>corrections?|clarifications?|updates?|updated|editor['’]?s\s+notes?)
    (?P<when>{_WHEN})\s*[:—–-]""",
    re.IGNORECASE | re.VERBOSE,
)
_PAGE = r"(?:article|story|post|report|piece|page|statement)"
_CHANGED = re.compile(
    rf"""^\W{{0,3}}(?:
        this\s+{_PAGE}\s+(?:has\s+been|was)\s+(?:amended|updated|corrected|changed|revised|edited)
        |an?\s+(?:earlier|previous|prior)\s+version\s+of\s+this\s+{_PAGE})\b""",
    re.IGNORECASE | re.VERBOSE,
)


def is_notice(paragraph: str) -> bool:
    """Whether `paragraph` is a correction, update or editor's notice about its page."""
    text = paragraph.strip()
    label = _LABEL.match(text)
    if label and not label.group("when").startswith(("(", " (")):
        words = re.findall(r"[a-z]{3,}", label.group("when").lower())
        if any(w not in _MONTHS and w not in ("gmt", "utc") for w in words):
            label = None  # "Updates to the fleet ...:" is no notice
    return bool(label or _CHANGED.match(text))
