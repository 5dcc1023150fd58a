"""A contested point's heading in a reader's words: "number of crashes", "cause of the outage",
"when the first positive test came back", instead of the store's keyword label ("14, crash,
engaged: how many / how much").

Built from what the store keeps of the point: its kind of conflict, its keyword label, and its
strongest pair (the two claims and the words that carry the contradiction). Plain string
functions, no model: where nothing readable can be made, the keywords are kept, in a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.contradict.features import (
    CAUSE_CUES,
    DENIAL_CUES,
    NEGATION_CUES,
    STOPWORDS,
    quantities,
)

MAX_WORDS = 12
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_HOUR_UNITS = frozenset({"hour", "minute", "day", "week", "month", "year"})
_WORD = re.compile(r"[\w'’-]+")
_DATE_PHRASE = re.compile(
    r"\s*\b(?:(?:on|in|by|from|since|until|as of)\s+)?(?:(?:early|mid|late)[\s-]+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\b",
)
_SUBORDINATE = re.compile(r"^(?:whether|which|who|whose|while|when|although)\b", re.I)
_LEADING = re.compile(r"^(?:that|whether|and|but|so)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PointFacts:
    """What a point's heading is made from."""

    kind: str
    keywords: str  # the store's label: "14, crash, engaged: how many / how much"
    left: str  # the strongest pair's two claims
    right: str
    evidence: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # the case's party names: their words keep their capitals


def readable_label(facts: PointFacts) -> str:
    """The point's heading, lower case but for names: "duration of the outage"."""
    made = _BY_KIND.get(facts.kind, _fallback)(facts)
    return made or _fallback(facts)


def _quantity(facts: PointFacts) -> str | None:
    found = [q for e in facts.evidence for q in quantities(e)]
    found += [q for text in (facts.left, facts.right) for q in quantities(text)]
    if not found:
        return _subject_phrase("figure for", facts)
    unit = found[0].unit
    if unit in _HOUR_UNITS:
        return _subject_phrase("duration of", facts) or "how long it lasted"
    if unit == "percent":
        return _subject_phrase("share of", facts) or "percentage"
    return f"number of {_plural(unit)}"


def _cause(facts: PointFacts) -> str | None:
    return _subject_phrase("cause of", facts)


def _agent(facts: PointFacts) -> str | None:
    return _subject_phrase("who was behind", facts)


def _scope(facts: PointFacts) -> str | None:
    nouns = _subject_words(facts)
    return f"number of {_plural(nouns[0])} affected" if nouns else "how far it reached"


def _date(facts: PointFacts) -> str | None:
    clauses = [_DATE_PHRASE.sub("", _clause(text, facts)) for text in (facts.left, facts.right)]
    clauses = [" ".join(c.split()).strip(" ,;") for c in clauses]
    shortest = min((c for c in clauses if c), key=lambda c: len(c.split()), default="")
    return f"when {_clip(shortest, facts)}" if shortest else None


def _happened(facts: PointFacts) -> str | None:
    """Whether the disputed event happened: the side that says so (a claim without a negation
    or denial cue), else the shorter claim with its negation taken out."""
    texts = (facts.left, facts.right)
    plain = [_clause(text, facts) for text in texts if not _cues(text)]
    if plain:
        chosen = min(plain, key=lambda c: len(c.split()))
    else:
        chosen = _without_negation(min((_clause(t, facts) for t in texts), key=len))
    chosen = " ".join(_DATE_PHRASE.sub("", chosen).split())
    return f"whether {_clip(chosen, facts)}" if chosen else None


def _fallback(facts: PointFacts) -> str:
    words, _, question = facts.keywords.partition(":")
    listed = [w.strip() for w in words.split(",") if w.strip()]
    question = question.strip() or "disputed"
    if not listed:
        return question
    joined = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
    return f"{question}: {joined}"


def _report(facts: PointFacts) -> str:
    return "whether the report is accurate"


_BY_KIND = {
    "report": _report,
    "quantity": _quantity,
    "cause": _cause,
    "agent": _agent,
    "scope": _scope,
    "date": _date,
    "negation": _happened,
    "denial": _happened,
}


def _subject_phrase(head: str, facts: PointFacts) -> str | None:
    nouns = _subject_words(facts)
    return f"{head} the {nouns[0]}" if nouns else None


def _subject_words(facts: PointFacts) -> list[str]:
    """The keywords that can name what is disputed: not a name, a month, a number, a verb form
    ("caused", "engaged") or a unit of time."""
    words, _, _ = facts.keywords.partition(":")
    return [
        w
        for w in (w.strip() for w in words.split(","))
        if w
        and w.islower()
        and w not in _MONTHS
        and w not in _HOUR_UNITS
        and w not in STOPWORDS
        and not w[0].isdigit()
        and not w.endswith(("ed", "ing"))
        and not CAUSE_CUES.search(w)
    ]


def _clause(text: str, facts: PointFacts) -> str:
    """The main part of a claim between commas (not one opening with "whether", "which"...)
    that has most of the point's keywords (the shorter one on a tie), without a leading
    "that"."""
    keywords = {w.strip().lower() for w in facts.keywords.partition(":")[0].split(",")}
    parts = [p.strip(" .;:") for p in re.split(r"[,;—–]", text) if p.strip(" .;:")]
    main = [p for p in parts if not _SUBORDINATE.match(p)]
    parts = main or parts
    if not parts:
        return ""
    best = max(parts, key=lambda p: (len(keywords & _stems(p)), -len(p.split())))
    return _LEADING.sub("", best).strip()


def _stems(text: str) -> set[str]:
    out = set()
    for word in _WORD.findall(text.lower()):
        out.add(word)
        if word.endswith("s") and len(word) > 3:
            out.add(word[:-1].removesuffix("e") if word.endswith("es") else word[:-1])
    return out


def _cues(text: str) -> bool:
    """Whether `text` negates, denies or sets aside something ("rather than change the
    setting, ..."): not the side that plainly says what happened."""
    lowered = text.lower().replace("’", "'")
    words = set(_WORD.findall(lowered))
    return bool(words & set(NEGATION_CUES) or "n't" in lowered) or any(
        cue in lowered for cue in (*DENIAL_CUES, "rather than")
    )


def _without_negation(text: str) -> str:
    text = re.sub(r"\b(?:not|never|no)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"n[’']t\b", "", text).strip()


def _clip(text: str, facts: PointFacts) -> str:
    words = text.split()
    if words and _ordinary(words[0], facts.names, (facts.left, facts.right)):
        words[0] = words[0].lower()
    if len(words) > MAX_WORDS:
        return " ".join(words[:MAX_WORDS]) + "\u2026"
    return " ".join(words)


def _ordinary(word: str, names: Sequence[str], texts: Iterable[str]) -> bool:
    """Whether a capitalised first word is an ordinary word (not a name): it is not in a party
    name and is not written with a capital inside a sentence."""
    if word[:1].islower() or word.isupper():
        return False
    if any(word in name.split() for name in names):
        return False
    inside = [w for text in texts for w in text.split()[1:]]
    return word not in inside


def _plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
