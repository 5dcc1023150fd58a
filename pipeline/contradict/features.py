"""Pure text features of a claim that a contradiction verdict looks at.

Content words, negation cues, denial and correction cues, quantities with their units, and the
phrase named as a cause. No models here: plain functions of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,]*(?:\.\d+)?")
STOPWORDS = frozenset(
    """a an the and or but of to in on at by for from with as is are was were be been being it
    its this that these those there their they them he she his her we our us you your i my
    me has have had do does did so than then also which who whom what when where while into
    over about after before such any all some more most only just very can could would
    should will may might must said says say told according company spokesperson statement
    not no never n't""".split()
)
NEGATION_CUES = (
    "not",
    "n't",
    "never",
    "no",
    "none",
    "nothing",
    "nobody",
    "neither",
    "without",
)
DENIAL_CUES = (
    "false",
    "untrue",
    "not true",
    "inaccurate",
    "incorrect",
    "misleading",
    "wrong",
    "baseless",
    "no evidence",
    "mischaracteri",
    "misread",
    "misrepresent",
    "deny",
    "denied",
    "denies",
    "rather than",
    "contrary to",
    "not the cause",
    "correcting",
    "to be clear",
)
CAUSE_CUES = re.compile(
    r"\b(?:caused by|because of|due to|blamed on|the result of|resulted from|"
    r"stemmed from|traced to|triggered by|the cause)\b\s*(?P<rest>[^.;]*)",
    re.IGNORECASE,
)
ANTONYMS = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("grew", "cut"),
    ("grew", "shrank"),
    ("grow", "cut"),
    ("rose", "fell"),
    ("more", "fewer"),
    ("expanded", "cut"),
    ("hired", "fired"),
    ("ignored", "acted"),
    ("engaged", "disengaged"),
    ("active", "inactive"),
    ("true", "false"),
    ("confirmed", "denied"),
    ("before", "after"),
    ("all", "none"),
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_QUANTITY = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s*(?P<scale>thousand|million|billion))?"
    r"(?:-|\s*)(?P<unit>%|per ?cent|[A-Za-z]+)?",
    re.IGNORECASE,
)
_UNIT_SKIP = frozenset({"of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "by", "than"})


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    text: str


def content_words(text: str) -> set[str]:
    """Lower-cased words of `text` that carry meaning (no stopwords, no numbers)."""
    return {
        _stem(w.lower())
        for w in _WORD.findall(text)
        if w.lower() not in STOPWORDS and not w[0].isdigit() and len(w) > 1
    }


def _stem(word: str) -> str:
    word = word.replace("’", "'")
    for suffix, keep in (
        ("'s", ""),
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("sses", "ss"),
        ("xes", "x"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def negation_cues(text: str) -> list[str]:
    lowered = text.lower().replace("’", "'")
    return [cue for cue in NEGATION_CUES if re.search(rf"(?<![\w']){re.escape(cue)}\b", lowered)]


def denial_cues(text: str) -> list[str]:
    lowered = text.lower()
    return [cue for cue in DENIAL_CUES if cue in lowered]


def quantities(text: str) -> list[Quantity]:
    """Numbers with the unit word that follows them ("13 hours", "40,000 jars", "20 percent").

    "2 of those 14 crashes" is 2 crashes (the 14 is the frame); durations are in hours, so that
    "three weeks" and "48 hours" compare; bare numbers (years, counts without a unit) are skipped.
    """
    found: list[Quantity] = []
    frames: set[int] = set()
    for m in _QUANTITY.finditer(text):
        if m.start() in frames:
            continue
        unit = (m.group("unit") or "").lower()
        value = _number(m.group("num"), m.group("scale"))
        label = m.group().strip()
        if unit == "of":
            frame = _FRAME.match(text, m.end("unit"))
            if frame is None:
                continue
            frames.add(frame.start("num"))
            unit, label = frame.group("unit").lower(), text[m.start() : frame.end()].strip()
        if not unit or unit in _UNIT_SKIP:
            continue
        unit = "percent" if unit in ("%", "percent", "per cent") else _stem(unit)
        if unit in _HOURS:
            value, unit = value * _HOURS[unit], "hour"
        found.append(Quantity(value=value, unit=unit, text=label))
    return found


def _number(raw: str, scale: str | None) -> float:
    raw = raw.lower()
    value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", ""))
    return value * _SCALES[scale.lower()] if scale else value


_FRAME = re.compile(
    r"\s+(?:(?:the|those|these|its|our|their)\s+)?(?P<num>\d[\d,]*|\w+)\s+(?P<unit>[A-Za-z]+)"
)
_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0}
_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?P<day>\d{1,2})\b"
)


def dates(text: str) -> set[str]:
    """Month-and-day dates ("January 9") as written, normalised to "January 9"."""
    return {f"{m.group('month')} {int(m.group('day'))}" for m in _DATE.finditer(text)}


def cause_phrase(text: str) -> str | None:
    """What `text` names as a cause: "caused by a bad role" -> "a bad role"."""
    m = CAUSE_CUES.search(text)
    return m.group("rest").strip() if m and m.group("rest").strip() else None


def antonym_pair(a: str, b: str) -> tuple[str, str] | None:
    words_a = {w.lower() for w in _WORD.findall(a)}
    words_b = {w.lower() for w in _WORD.findall(b)}
    for x, y in ANTONYMS:
        if (x in words_a and y in words_b and y not in words_a and x not in words_b) or (
            y in words_a and x in words_b and x not in words_a and y not in words_b
        ):
            return (x, y) if x in words_a else (y, x)
    return None
