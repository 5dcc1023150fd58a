"""Amounts of different orders of magnitude: the report's "thousands of businesses were knocked
offline" against the company's "about 140 customer accounts were affected".

A report and its rebuttal often dispute how big something was rather than whether it happened,
and each side words its figure its own way: vaguely ("hundreds of doors", "millions of pounds in
fees", "tens of thousands of customers"), with a bound ("fewer than a dozen drivers", "more than
forty visits", "less than £90,000"), as a change ("complaints tripled" against "rose by less than
8 percent"), or counting the same people under another name ("2,000 workers" against "38
employees"). `amounts` reads each figure as a range of values of one kind of thing (a currency,
people under one group of names, a duration in hours, a change in percent, a measure such as
litres); `magnitude_conflict` finds two figures of one kind whose ranges lie a factor of `FACTOR`
or more apart. Differing exact numbers of one unit are `conflicts._quantity_conflict`'s; this
asks only for a clear gap, since figures that merely differ may count different things, and the
rules ask it (`magnitude_finding`) only of claims that share a word or are close.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.contradict.conflicts import Finding
from pipeline.contradict.features import (
    AT_LEAST,
    AT_MOST,
    HOURS,
    NUMBER_WORDS,
    OVER_SPAN,
    STOPWORDS,
    TEXT_CACHE,
    content_words,
    number_value,
    stem,
)

FACTOR = 3.0
# the cosine from which two far-apart amounts are one matter without a shared word
CLOSE = 0.3

# people counted under one name or another: a figure of workers and one of employees count the
# same people, one of members and one of pupils do not; "people" counts any of them
_PEOPLE_GROUPS = (
    "workers employees staff staffers labourers nurses doctors engineers",
    "customers clients users accounts subscribers consumers households businesses buyers",
    "drivers riders couriers",
    "passengers travellers travelers guests visitors",
    "patients victims",
    "residents villagers families homeowners tenants borrowers",
    "growers farmers suppliers sellers",
    "students pupils children parents",
    "investors shareholders",
    "members",
)
_PEOPLE = {stem(w): str(n) for n, group in enumerate(_PEOPLE_GROUPS) for w in group.split()}
_ANYONE = frozenset(stem(w) for w in "people persons individuals women men".split())
_MEASURES = frozenset(
    stem(w)
    for w in """litres liters gallons barrels tonnes tons kilograms kilos pounds-weight grams
    miles kilometres kilometers metres meters feet acres hectares megawatts kilowatts""".split()
)
_SMALL = STOPWORDS - {"company"}
_TIMES = frozenset(HOURS) | {"second", "time"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "pound": "GBP",
    "euro": "EUR",
    "rupee": "INR",
    "yen": "JPY",
    "franc": "CHF",
}
_CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "usd": "USD", "gbp": "GBP", "eur": "EUR"}
_COUNTS = {**{w: n for w, n in NUMBER_WORDS.items() if n >= 1}, "single": 1}
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
_PRE = {"tens": 10, "hundreds": 100, "several": 3}
_FRACTIONS = {"a tenth": 10.0, "a quarter": 25.0, "a third": 33.0, "half": 50.0}
_MULTIPLES = {"doubled": 100.0, "tripled": 200.0, "trebled": 200.0, "quadrupled": 300.0}

_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|" + "|".join(_COUNTS) + r")"
_SCALE = r"(?:\s*(?:thousand|million|billion)\b|(?:bn|m|k)\b)?"
_MONEY = re.compile(
    r"(?P<sign>[$£€]|\b(?:usd|gbp|eur)\s?)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<scale>" + _SCALE + ")",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"(?<![\w.$£€])(?P<num>" + _NUMBER + r")(?P<scale>" + _SCALE + r")(?!-off\b)(?:-|\s+)"
    r"(?P<words>[a-z][\w'’-]*(?:[\s,;:]+[a-z][\w'’-]*){0,2})",
    re.IGNORECASE,
)
_VAGUE_FIGURE = re.compile(
    r"\b(?:(?P<pre>tens|hundreds|several)\s+(?:of\s+)?)?(?P<vague>dozens|scores|hundreds|"
    r"thousands|millions|billions)\s+of\s+(?P<words>[a-z][\w'’-]*(?:[\s,;:]+[a-z][\w'’-]*){0,2})",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rises|increased|grew|grown|went up|gone up|edged up|climbed|jumped)\s+"
    r"(?:\w+\s+){0,2}?by\s+(?P<bound>less than|fewer than|under|more than|over|about|around|"
    r"roughly|some|nearly|almost)?\s*(?P<amount>\d+(?:\.\d+)?\s*(?:%|per ?cent)|a tenth|"
    r"a quarter|a third|half)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_MULTIPLE = re.compile(r"\b(?:doubled|tripled|trebled|quadrupled)\b(?! down\b)", re.IGNORECASE)
_NO_RISE = re.compile(r"\bno (?:rise|increase|growth)\b", re.IGNORECASE)
_BRIEF = re.compile(
    r"\b(?P<bound>under|within|less than|in less than)\s+an?\s+(?P<unit>minute|hour|day|week)\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"(?:about|around|roughly|some|nearly|almost|approximately|an estimated|close to|estimated)"
    r"\s+(?:an?\s+)?$"
)


@dataclass(frozen=True)
class Amount:
    """A figure as the range of values it allows, of one kind of thing."""

    low: float
    high: float
    kind: str
    text: str


@lru_cache(maxsize=TEXT_CACHE)
def amounts(text: str) -> tuple[Amount, ...]:
    """The figures of `text` whose kind is known: money by currency, people, durations (in
    hours), changes (in percent) and measures ("litres")."""
    lowered = text.lower().replace("’", "'")
    found: list[Amount] = []
    taken: list[range] = []

    def add(start: int, end: int, low: float, high: float, kind: str) -> None:
        if any(start in r or end - 1 in r for r in taken):
            return
        taken.append(range(start, end))
        found.append(Amount(low, high, kind, text[start:end].strip()))

    for m in _MONEY.finditer(lowered):
        value = number_value(m.group("num"), m.group("scale"), _COUNTS)
        low, high = _bounded(lowered, m.start(), value)
        add(m.start(), m.end(), low, high, "money:" + _CURRENCY_SIGNS[m.group("sign").strip()])
    for m in _VAGUE_FIGURE.finditer(lowered):
        base = _VAGUE[m.group("vague")] * _PRE.get(m.group("pre") or "", 1)
        kind, said = _kind(m.group("words"))
        if kind is not None:
            end = m.start("words") + len(said)
            add(m.start(), end, base, math.inf, kind)
    for m in _FIGURE.finditer(lowered):
        kind, said = _kind(m.group("words"))
        if kind is None or _YEAR.fullmatch(m.group("num")):
            continue
        value = number_value(m.group("num"), m.group("scale"), _COUNTS)
        # "over six years" is during them, "over 2,000 workers" more than them
        low, high = _bounded(lowered, m.start(), value, timed=kind[:5] == "hour:")
        if kind.startswith("hour:"):
            low, high, kind = low * HOURS[kind[5:]], high * HOURS[kind[5:]], "hour"
        add(m.start(), m.start("words") + len(said), low, high, kind)
    for m in _BRIEF.finditer(lowered):
        add(m.start(), m.end(), 0.0, HOURS[m.group("unit")], "hour")
    for m in _CHANGE.finditer(lowered):
        amount = m.group("amount")
        value = _FRACTIONS.get(amount) or float(re.sub(r"[^\d.]", "", amount))
        low, high = _bounded(lowered, m.start("amount"), value, m.group("bound"))
        add(m.start(), m.end(), low, high, "change")
    for m in _MULTIPLE.finditer(lowered):
        value = _MULTIPLES[m.group()]
        add(m.start(), m.end(), 0.8 * value, 1.2 * value, "change")
    for m in _NO_RISE.finditer(lowered):
        add(m.start(), m.end(), 0.0, 0.0, "change")
    return tuple(found)


def magnitude_conflict(text_a: str, text_b: str) -> tuple[Amount, Amount] | None:
    """Two figures of one kind, one in each text, `FACTOR` or more apart, when no figure of that
    kind in one text is close to one in the other."""
    pairs = [(a, b) for a in amounts(text_a) for b in amounts(text_b) if _one_kind(a, b)]
    for a, b in pairs:
        if _apart(a, b) and all(_apart(x, y) for x, y in pairs if _one_kind(x, a)):
            return a, b
    return None


def magnitude_finding(
    text_a: str, text_b: str, names: frozenset[str], similarity: float
) -> Finding | None:
    """The finding when the texts give amounts of one kind far apart and speak of one matter: a
    content word they share besides the parties' names `names`, or a cosine of `CLOSE`."""
    found = magnitude_conflict(text_a, text_b)
    if found is None:
        return None
    a, b = found
    shared = (content_words(text_a) & content_words(text_b)) - names - _TIMES
    if a.kind.startswith("money:"):
        # sums of money are of many matters at once (a share price, a takeover, a year's
        # payments): one matter needs a word in common as well as a close wording
        if not shared or similarity < CLOSE:
            return None
    elif not shared and similarity < CLOSE:
        return None
    return Finding("quantity", f"amounts far apart: {a.text!r} vs {b.text!r}", (a.text, b.text))


def _one_kind(a: Amount, b: Amount) -> bool:
    if a.kind.startswith("people:") and b.kind.startswith("people:"):
        return a.kind == b.kind or "people:any" in (a.kind, b.kind)
    return a.kind == b.kind


def _apart(a: Amount, b: Amount) -> bool:
    return a.low >= FACTOR * b.high or b.low >= FACTOR * a.high


def _kind(words: str) -> tuple[str | None, str]:
    """What the words after a figure say it counts, if a known kind (a currency, people, a time
    unit), and the words up to the one that says so."""
    items: list[str] = []
    bases: list[str] = []
    for word in words.split()[:3]:
        bare = word.strip(".,;:'\"")
        items.append(word)
        bases.append(stem(bare))
        if bare in _SMALL or word[-1:] in ",;:":
            break  # "in 2019 by parents": the parents are not what 2019 counts
    for n, base in enumerate(bases):
        if base in _CURRENCY_WORDS:
            return "money:" + _CURRENCY_WORDS[base], " ".join(items[: n + 1])
    for n, base in enumerate(bases):
        if base in _PEOPLE or base in _ANYONE:
            return "people:" + _PEOPLE.get(base, "any"), " ".join(items[: n + 1])
    if bases and bases[0] in HOURS:
        return "hour:" + bases[0], items[0]
    if bases and bases[0] in _MEASURES:
        return bases[0], items[0]
    return None, ""


def _bounded(
    lowered: str, start: int, value: float, bound: str | None = None, timed: bool = False
) -> tuple[float, float]:
    """The range `value` allows given the words before it ("more than", "fewer than a",
    "about"), or the `bound` a pattern read itself; a `timed` figure is not bounded by "over"."""
    before = (bound + " ") if bound else lowered[max(0, start - 24) : start]
    if timed and OVER_SPAN.search(before):
        return value, value
    if AT_LEAST.search(before):
        return value, math.inf
    if AT_MOST.search(before):
        return 0.0, value
    if _ABOUT.search(before):
        return 0.8 * value, 1.2 * value
    return value, value


# a side saying a figure is too high: "significantly overstating its fee-earning AUM" ("inflation"
# is prices rising, not a figure made larger)
_OVERSTATED = re.compile(
    r"\b(?:overstat\w*|inflat(?:e|es|ed|ing)|exaggerat\w*|overvalu\w*|overcount\w*|misstat\w*|"
    r"over-?report\w*)\b",
    re.IGNORECASE,
)


def overstated_finding(text_a: str, text_b: str, matter: frozenset[str]) -> Finding | None:
    """The finding when one text says a figure is overstated ("Kestrel believes Vantor overstates
    its order book") and the other gives that figure, a sum or a count ("the order book exceeds
    $2 billion"), on a shared `matter` of two or more words besides the parties' names."""
    if len(matter) < 2:
        return None
    for said, stated in ((text_a, text_b), (text_b, text_a)):
        m = _OVERSTATED.search(said)
        if m is None or _OVERSTATED.search(stated):
            continue
        figures = [f for f in amounts(stated) if f.kind.startswith(("money:", "people:"))]
        # "overstated revenue by $190 million" measures the overstatement: a quantity dispute
        if figures and not any(_one_kind(f, g) for f in figures for g in amounts(said)):
            return Finding(
                "quantity",
                f"one side says the figure is {m.group().lower()!r}, the other gives it: "
                f"{figures[0].text!r}",
                (m.group().lower(), figures[0].text),
            )
    return None


# a comparison with a standard: "emit significantly more CO2 than the electric grid", "is less
# profitable than it reports"; not a bound on a figure ("more than 60% of the power")
_COMPARED = re.compile(
    r"(?<!\bnot )(?<!\bno )\b(?P<direction>more|higher|greater|larger|bigger|less|lower|fewer|"
    r"smaller)\s+(?:[\w-]+\s+){1,3}?than\s+(?:that\s+of\s+|those\s+of\s+)?(?:the\s+)?"
    r"(?![\d$£€]|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|half|twice|double)\b)"
    r"(?P<standard>(?:[\w'-]+\s*){1,3})",
    re.IGNORECASE,
)
_UP = frozenset({"more", "higher", "greater", "larger", "bigger"})


# a level set against a norm: "24 times higher than EU standards", "above permissible limits",
# "exceeded the legal thresholds"; "below the EU criteria", "within safe limits"
_AGAINST_NORM = re.compile(
    r"(?<!\bnot )(?<!\bno )\b(?P<direction>(?:higher|greater|more|lower|less)\s+than|above|over|"
    r"exceed(?:s|ed|ing)?|below|under|within)\s+(?:the\s+)?"
    r"(?P<standard>(?:[\w'()-]+\s+){0,3}?(?:standards?|norms?|limits?|criteria|thresholds?|"
    r"guidelines?|levels?\s+permitted|permitted\s+levels?))\b",
    re.IGNORECASE,
)
_NORM_UP = re.compile(r"^(?:higher|greater|more|above|over|exceed)", re.IGNORECASE)


def comparison_finding(text_a: str, text_b: str) -> Finding | None:
    """The finding when one text puts a thing above a standard and the other puts it below the
    same standard ("servers emit more CO2 than the electric grid" against "produces lower
    emissions than the grid", "24 times higher than EU standards" against "below the EU
    criteria"): the standard shares a content word."""
    opposed = _opposed(_AGAINST_NORM, _above_norm, text_a, text_b)
    if opposed is not None:
        m, n, _ = opposed
        directions = (
            " ".join(m.group("direction").lower().split()),
            " ".join(n.group("direction").lower().split()),
        )
        return Finding(
            "quantity",
            f"one side puts it {directions[0]} {' '.join(m.group('standard').split())!r}, the "
            f"other {directions[1]} {' '.join(n.group('standard').split())!r}",
            directions,
        )
    opposed = _opposed(_COMPARED, _more_than, text_a, text_b)
    if opposed is not None:
        m, n, shared = opposed
        directions = (m.group("direction").lower(), n.group("direction").lower())
        return Finding(
            "quantity",
            f"one side says {directions[0]!r} than the {', '.join(sorted(shared))}, the "
            f"other {directions[1]!r}",
            directions,
        )
    return None


def _above_norm(direction: str) -> bool:
    return _NORM_UP.match(direction) is not None


def _more_than(direction: str) -> bool:
    return direction.lower() in _UP


def _opposed(
    pattern: re.Pattern[str], up: Callable[[str], bool], text_a: str, text_b: str
) -> tuple[re.Match[str], re.Match[str], frozenset[str]] | None:
    """The first comparison of each text (`pattern`, with its direction and standard) that set
    one standard, a shared content word, in opposite directions (`up`)."""
    for m in pattern.finditer(text_a):
        standard = content_words(m.group("standard"))
        for n in pattern.finditer(text_b):
            shared = standard & content_words(n.group("standard"))
            if shared and up(n.group("direction")) != up(m.group("direction")):
                return m, n, shared
    return None
