"""Attribution that the sentence's surroundings decide, not its own grammar.

- a Title Case heading ("Acme Says It Never Promised the Pumps Would Last") is the page's own
  voice, whatever verb it uses: a headline names no speaker, it frames the story;
- a quoted sentence with no attribution right after a sentence, in the same paragraph, whose
  subject is a name ("Meridian had no answer to the charge. “We stand by every test.”") is that
  subject's: the newspaper convention of a quote that follows its speaker's action.
"""

from __future__ import annotations

from typing import Any

from pipeline.nlp.spans import doc_text, span_of, speaker_tokens

_MIN_HEADING_WORDS = 3


def title_case(doc: Any) -> bool:
    """Whether a parsed paragraph is a Title Case heading: its longer words that are not names
    (at least `_MIN_HEADING_WORDS` of them) nearly all capitalised, and no full stop at its
    end. Names are left out of the count: "On Monday, Dana Whitlock wrote on Kestrel's blog:"
    is a sentence."""
    if doc_text(doc).rstrip().endswith((".", ":")):
        return False
    words: list[str] = [
        t.text for t in doc if t.is_alpha and len(t.text) >= 4 and t.pos_ != "PROPN"
    ]
    if len(words) < _MIN_HEADING_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def named_subject(sent: Any) -> Any | None:
    """The span of the subject of `sent`'s main verb when it is a name, else None."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return span_of(sent.doc, speaker_tokens(subject))
