"""Page furniture in extracted text: the comment form, newsletter and sharing lines that a
page's template puts around every article ("Leave a Reply", "Your email address will not be
published. Required fields are marked *", "Sign up for our newsletter").

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


def is_furniture(paragraph: str) -> bool:
    """Whether `paragraph` is one of the template lines above (it opens with one)."""
    return bool(_FURNITURE.match(paragraph.strip()))
