"""Correction and update notices: the paragraphs in which a page says it was changed.

A notice is a paragraph that opens with a notice label and a colon or dash ("Correction:",
"Corrections:", "Clarification:", "Update:", "Updated:", "UPDATE (Feb 21):", "Editor's note:",
"Editor’s Note —"), or with the page saying it changed ("This article has been amended",
"This story was updated ...", "An earlier version of this article said ...").

A notice speaks about the page's earlier text, not about the dispute: "Correction: an earlier
version said the depot was closed for 13 hours" does not claim the depot was closed for 13
hours. So its paragraph yields no claims (`pipeline.nlp.analyse` skips it), and the store keeps
it with the document's version as a correction instead. An update that tells news after its
label ("Update: Acme said in a statement that the report is false", "Update 2: the paper has
released a statement. It stands by its story:") is kept as a notice too, but its claims are
read (`tells_news`): a page's update is where the other side's answer usually arrives.
"""

from __future__ import annotations

import re

from pipeline.nlp.furniture import is_stamp

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


# what an update says of the page itself: "Update: adds the union's response", "Update: This
# story has been updated with ...", "Update: Added that the paper changed its post"
_OF_THE_PAGE = re.compile(
    rf"""^\W{{0,3}}(?:adds?|added|adding|includes?|included|corrects?|corrected|with|to\s+include
    |(?:this|the)\s+{_PAGE}|an?\s+(?:earlier|previous|prior)\s+version
    |(?:this|the)\s+headline)\b""",
    re.IGNORECASE | re.VERBOSE,
)

_TIME_LEFT = re.compile(r"^\d[\w.]*(?:\s+[A-Z]{2,4})?\s*:\s*")


def tells_news(paragraph: str) -> bool:
    """Whether `paragraph`, a notice, is an update whose words after the label tell the story on
    ("Update: Acme has since replied that ..."), not what was changed on the page: its claims
    are read as any paragraph's."""
    text = paragraph.strip()
    label = _LABEL.match(text)
    if label is None or not label.group("label").lower().startswith("update"):
        return False
    rest = text[label.end() :].strip()
    if (time := _TIME_LEFT.match(rest)) is not None:  # "Update, 8:56PM ET: ..." cut at 8:
        rest = rest[time.end() :]
    # "UPDATED : Monday, 25 June, 2012, 12:00am" is a stamp, whatever its length
    return len(rest.split()) >= 4 and _OF_THE_PAGE.match(rest) is None and not is_stamp(text)


def is_notice(paragraph: str) -> bool:
    """Whether `paragraph` is a correction, update or editor's notice about its page."""
    text = paragraph.strip()
    label = _LABEL.match(text)
    if label and not label.group("when").startswith(("(", " (")):
        words = re.findall(r"[a-z]{3,}", label.group("when").lower())
        if any(w not in _MONTHS and w not in ("gmt", "utc") for w in words):
            label = None  # "Updates to the fleet ...:" is no notice
    return bool(label or _CHANGED.match(text))
