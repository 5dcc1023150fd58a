"""Page furniture in extracted text: the comment form, newsletter and sharing lines that a
page's template puts around every article ("Leave a Reply", "Your email address will not be
published. Required fields are marked *", "Sign up for our newsletter") and the time stamp
of the article.

trafilatura leaves most of it out of a fetched page; a text file given as a source keeps it.
A paragraph that is furniture says nothing about the dispute, so it yields no claims
(`pipeline.nlp.analyse` skips it).
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"""^\W{0,3}(?:
        your\s+email\s+address\s+will\s+not\s+be\s+published
        |required\s+fields\s+are\s+marked
        |leave\s+a\s+(?:reply|comment)
        |(?:want|like)\s+to\s+join\s+the\s+(?:discussion|conversation)
        |feel\s+free\s+to\s+(?:contribute|comment)
        |\d+\s+(?:comments?|replies|responses)\W*$
        |(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+\w*\s*newsletter
        |share\s+(?:this|on)\s+(?:article|story|post|page|facebook|twitter|linkedin|x)\b
        |all\s+rights\s+reserved
        |click\s+here\s+to
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# the words of a time stamp line: "Wednesday 9 December 2015 21.56 GMT Last modified on ..."
_STAMP_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec gmt bst utc est edt cst cdt pst pdt
    cet cest ist aest am pm a.m p.m last modified updated published posted first on at""".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z])?")


def is_stamp(line: str) -> bool:
    """Whether `line` is only a date and time, as a page stamps its article ("Wednesday 9
    December 2015 21.56 GMT Last modified on Thursday 10 December 2015 01.00 GMT")."""
    words = [w.lower() for w in _WORD.findall(line)]
    return any(c.isdigit() for c in line) and bool(words) and all(w in _STAMP_WORDS for w in words)


def is_furniture(paragraph: str) -> bool:
    """Whether `paragraph` is one of the template lines above (it opens with one), or a time
    stamp."""
    return bool(_FURNITURE.match(paragraph.strip())) or is_stamp(paragraph)
