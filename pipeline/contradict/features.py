"""Pure text features of a claim that a contradiction verdict looks at.

Content words, negation cues, denial and correction cues, quantities with their units, and the
phrase named as a cause. No models here: plain functions of strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.cues import FALSELY

# The same claim texts are looked at in every pair they are in: each feature of a text is
# worked out once (pure functions of an immutable string, so their results are immutable too).
TEXT_CACHE = 16_384
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,]*(?:\.\d+)?")
STOPWORDS = frozenset(
    """a an the and or but of to in on at by for from with as is are was were be been being it
    its this that these those there their they them he she his her we our us you your i my
    me has have had do does did so than then also which who whom what when where while into
    over about after before such any all some more most only just very can could would
    should will may might must said says say told according company spokesperson statement
    not no never n't make makes made making get gets got take takes took taken between among
    during through within until since upon via per own even""".split()
)
NEGATION_CUES = (
    "not",
    "cannot",
    "n't",
    "never",
    "no",
    "none",
    "nothing",
    "nobody",
    "neither",
    "without",
)
# verbs that state a failure: "the console lost access" says what "users could not see" says
FAILURE_WORDS = frozenset(
    "lost lose loses losing failed fail fails unable prevented blocked lacked lacking".split()
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
    "hoax",
    "no evidence",
    "mischaracteri",
    "misread",
    "misquot",
    "nothing to do with",
    "nothing whatsoever to do with",
    "no connection",
    "no link",
    "misrepresent",
    "deny",
    "denied",
    "denies",
    "not the cause",
    "correcting",
    "to be clear",
    "further from the truth",
    "offended by the suggestion",
    "lied about",
)
_VERDICT_ADJECTIVES = frozenset("false untrue inaccurate incorrect misleading wrong".split())
_VERDICT = re.compile(
    r"\b(?:is|are|was|were|be|been|being|as|called it|call it|simply|entirely|completely|"
    r"flatly|plainly)\s+[“\"‘']?(?:\w+\s+(?:and\s+|or\s+)?)?[“\"‘']?"
    r"(false|untrue|inaccurate|incorrect|misleading|wrong)\b"
    r"|\b(false|untrue|inaccurate|incorrect|misleading|wrong)\s*(?:[.;,!”\"]|$)"
    r"|\b(false|untrue|inaccurate|incorrect|misleading)\s+(?:report|story|article|claims?|"
    r"account|reporting|narrative|headline)"
)
# "contrary to some reports" denies an account; "contrary to the certifications we were
# given" sets the speaker's own finding against what it was told, and denies nothing
_CONTRARY = re.compile(
    r"\bcontrary to (?:[\w'’-]+ ){0,3}?(?:what|reports?|claims?|allegations?|accusations?|"
    r"assertions?|suggestions?|stor(?:y|ies)|articles?|accounts?|coverage|speculation|"
    r"rumou?rs?|statements?|comments?|remarks?|findings?|headlines?|media)\b"
)
# "substantially higher than the data alleged in the report": a figure set against the other's
_THAN_ALLEGED = re.compile(
    r"\b(?:higher|lower|more|less|greater|fewer|larger|smaller|bigger) than (?:[\w'’-]+ ){0,3}?"
    r"(?:alleged|claimed|reported|stated|suggested|asserted)\b"
)
# a suggestion dismissed as absurd: "To suggest that Y is outrageous", "it is ridiculous to claim
# that Y", "any notion that Y is preposterous"
# words that call what was said absurd, here and in `report_stance`
ABSURD = r"outrageous|absurd|ridiculous|preposterous|laughable"
_DISMISSED = rf"({ABSURD}|nonsensical|nonsense)"
_SUGGESTING = r"(?:suggest|say|claim|imply|allege|assert|insinuate)"
_DISMISSED_SUGGESTION = re.compile(
    rf"\b(?:to {_SUGGESTING}|(?:suggestion|claim|allegation|notion|idea|assertion|insinuation)s?)"
    rf" that [^.;:!?]{{0,200}}?\b(?:is|are|was|were|would be) (?:\w+ )?{_DISMISSED}\b"
    rf"|\b(?:is|was|would be) (?:\w+ )?{_DISMISSED} to {_SUGGESTING}\b"
)
# what someone said, called false by how it was said: "falsely accused the company of Y",
# "wrongly blame spills on sabotage"
_FALSELY_SAID = re.compile(
    rf"\b(?:{'|'.join(sorted(FALSELY))})\s+(?:accus|claim|alleg|report|stat|suggest|"
    r"assert|portray|describ|depict|characteri[sz]|blam|attribut|brand|label)\w*"
)
# "conceded that its map had been wrong": a side admitting its own error denies nothing
_CONCEDED = re.compile(r"\b(?:conceded|concedes|admitted|admits|acknowledged|acknowledges)\b")
# "when a change goes wrong": what happens, no verdict on what was said
_GO_WRONG = re.compile(r"\b(?:go|goes|went|gone|going)\s+wrong\W*$")
CAUSE_CUES = re.compile(
    r"\b(?:caused by|because of|because|due to(?!\s+be\b)|blamed on|the (?:direct |root )?result "
    r"of|resulted from|stemmed from|traced to|triggered by|driven by|killed by|came from|"
    r"(?:was|were) (?:the )?(?:root )?cause of|ha[sd] nothing (?:whatsoever |at all )?to do with|"
    r"(?:simply |merely )?"
    r"reflected|began when|started when|(?:the )?(?:root )?cause (?:was|is|to be)|"
    r"blames? (?:[\w'’-]+ ){1,8}?on|traced (?:[\w'’-]+ ){1,6}?to)\b"
    r"\s*(?P<rest>[^.;,—–(]*)",
    re.IGNORECASE,
)
_ANTONYM_WORDS = """
increase decrease | increased decreased | increases decreases | increasing decreasing |
rise fall | rose fell | risen fallen | rising falling | gain loss | gained lost | profit loss |
win lose | won lost | open closed | opened closed | start stop | started stopped | begin end |
began ended | accept reject | accepted rejected | allow ban | allowed banned | approve reject |
approved rejected | safe unsafe | safe vulnerable | safe susceptible | secure vulnerable |
secure insecure | immune vulnerable | immune susceptible | legal illegal | success failure |
succeeded failed |
up down | high low | higher lower | early late | earlier later |
present absent | include exclude | included excluded | online offline |
available unavailable | working broken | sitting standing | asleep awake | sleeping awake |
empty full | inside outside | indoors outdoors | young old | large small | big small |
many few | more fewer | more less | always never | everyone nobody | someone nobody |
everything nothing | all none | alive dead | guilty innocent | true false | accurate inaccurate |
correct incorrect | confirmed denied | admitted denied | expanded cut | grew cut | grew shrank |
grow shrink | hired fired | hired laid | resumed halted | restored disrupted | continued stopped |
ignored acted | engaged disengaged | active inactive | enabled disabled |
strong weak | stronger weaker | better worse | improved worsened | positive negative |
best worst | good bad | good poor | strong poor | strong worst | good worst | excellent poor |
excellent worst |
passed failed | pass fail | wet dry | fast slow | faster slower | cheap expensive |
increased cut | raised cut | raised lowered | added removed | added deleted | kept deleted |
kept removed | complete incomplete | completed abandoned | finished unfinished |
with without | support oppose | supported opposed | supports opposes |
praised criticized | praised criticised | agree disagree | agreed disagreed | same different |
public private | permanent temporary | planned unplanned | intentional accidental |
deliberate accidental | voluntary mandatory | voluntary forced | voluntarily forced |
first last | new old | human automated | manual automatic | manually automatically | person agent |
exceeded short | exceeding short | exceeds short | exceed short
"""
ACTIVE_CAUSE = re.compile(
    r"(?:^|(?<=\bthat\s)|(?<=,\s))(?P<agent>[\w’'-]+(?:\s+[\w’'-]+){0,5}?)\s+"
    r"(?:was responsible for|were responsible for|caused|triggered|led to|(?:was|were) at fault|"
    r"(?:was|were) to blame|"
    r"(?:is|was|were)(?:\s+not)?\s+(?:the|a)\s+(?:cause|reason))\b",
    re.IGNORECASE,
)
# "user error, not AI error": the error named is the cause
ERROR_CAUSE = re.compile(r"\b(?P<cause>(?:user|human|operator|configuration|[\w-]+)\s+error)\b")
_HARM = re.compile(
    r"\b(?:ill|illness(?:es)?|sick(?:ened|ness)?|injur(?:y|ies|ed)|hurt|harmed|died|deaths?|"
    r"killed|hospitali[sz]ed|fatalit(?:y|ies))\b",
    re.IGNORECASE,
)
ANTONYMS = tuple(
    tuple(pair.split())
    for pair in " ".join(_ANTONYM_WORDS.split("\n")).split("|")
    if len(pair.split()) == 2
)
NUMBER_WORDS = {
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
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}
_QUANTITY = re.compile(
    r"(?P<num>(?<![\w.])\.\d+|\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r")\b)"
    r"(?:\s*(?P<scale>thousand|million|billion))?"
    r"(?:-|\s*)(?P<unit>%|per ?cent|[A-Za-z]+)?(?P<age>-old\b|\s+old\b)?",
    re.IGNORECASE,
)
# "45 miles per hour", "$9 an hour": a rate, not an amount of the unit
_RATE = re.compile(
    r"\s*(?:per|an?|each|for (?:every|each))\s+(?P<per>second|minute|hour|day|week|month|year)\b"
)
_UNIT_SKIP = frozenset({"of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "by", "than"})


# the words before a figure that make it a bound: "more than 300", "fewer than a dozen", "up to 40"
AT_LEAST = re.compile(
    r"\b(?:(?<!no )(?:more|greater) than|over|above|exceeding|at least|no (?:less|fewer) than|"
    r"a minimum of|upwards of|in excess of|as many as|as much as)\s+(?:an?\s+)?$"
)
AT_MOST = re.compile(
    r"\b(?:(?<!no )(?:fewer|less) than|under|below|no more than|at most|up to|a maximum of|just)"
    r"\s+(?:an?\s+)?$"
)
_SIGN_BEFORE = re.compile(r"[$£€]\s?$")
# "over three years", "over the past two months": the time something took, not a bound
OVER_SPAN = re.compile(r"\bover\s+(?:\w+\s+)?$")
# a unit written as a scaled symbol: "100Mt" is 100 million tonnes
_SCALED_UNITS = {"Mt": (1e6, "tonnes")}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    text: str
    bound: str = ""  # "<" (at most) or ">" (at least) when the figure is a bound, else ""

    def admits(self, value: float) -> bool:
        """Whether `value` lies within this figure's bound (any value, for a plain figure); the
        bound figure itself always does ("over 50" and "50" are written of the same people)."""
        if self.bound == "<":
            return value <= self.value
        if self.bound == ">":
            return value >= self.value
        return True


def _bound_before(text: str, start: int, timed: bool) -> str:
    """The bound the words before `start` put on the figure there: "<", ">" or ""; a `timed`
    figure is not bounded by "over"."""
    before = _SIGN_BEFORE.sub("", text[max(0, start - 30) : start].lower())
    if timed and OVER_SPAN.search(before):
        return ""
    return "<" if AT_MOST.search(before) else ">" if AT_LEAST.search(before) else ""


@lru_cache(maxsize=TEXT_CACHE)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of `text` that carry meaning (no stopwords, no numbers in digits or
    words)."""
    return frozenset(
        stem(w.lower())
        for word in _WORD.findall(text)
        for w in (word, *_compound_parts(word))
        if w.lower() not in STOPWORDS
        and w.lower() not in NUMBER_WORDS
        and not w[0].isdigit()
        and len(w) > 1
    )


def _compound_parts(word: str) -> list[str]:
    """The words of a hyphenated compound, when each is a word of three letters or more
    ("black-market": "black", "market"), so that "black market" shares them."""
    parts = word.split("-")
    if len(parts) > 1 and all(len(p) >= 3 and p.isalpha() for p in parts):
        return [p for p in parts if p.lower() not in _PREFIXES]
    return []


# a compound's first part that is no word of its own ("non-cash", "pre-order")
_PREFIXES = frozenset("non pre post anti pro sub mid multi semi self".split())


# endings of one word's forms, longest first: "accuracy" and "accurate" share "accur",
# "targeted" and "target" "target"
_ENDINGS = (
    "ability",
    "ibility",
    "acy",
    "ate",
    "ity",
    "ness",
    "ion",
    "ive",
    "able",
    "ible",
    "ment",
    "ed",
    "ing",
    "e",
    "y",
)


@lru_cache(maxsize=TEXT_CACHE)
def word_base(word: str) -> str:
    """A content word without its derivational or inflectional ending, where five letters
    stay ("accuracy", "accurate" -> "accur"; "flow" stays)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=TEXT_CACHE)
def content_bases(text: str) -> frozenset[str]:
    """The bases (`word_base`) of the content words of `text`."""
    return frozenset(word_base(w) for w in content_words(text))


# words whose final "s" is no plural ending: "address", "status", "analysis", "news"
_NOT_PLURAL = re.compile(r"(?:ss|us|is|news)$")


def stem(word: str) -> str:
    """A word without its plural or possessive ending ("allegations", "firm's")."""
    word = word.replace("’", "'")
    if _NOT_PLURAL.search(word):
        return word
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
    """The rebuttal words in `text` ("inaccurate", "denied", "to be clear"); an evaluative
    adjective counts only as a verdict on something said ("the report is wrong"), not as a
    description ("the wrong permissions")."""
    lowered = text.lower()
    found = [cue for cue in DENIAL_CUES if cue in lowered and cue not in _VERDICT_ADJECTIVES]
    found += ["contrary to"] if _CONTRARY.search(lowered) else []
    found += [m.group()] if (m := _THAN_ALLEGED.search(lowered)) else []
    found += [m.group(1) or m.group(2)] if (m := _DISMISSED_SUGGESTION.search(lowered)) else []
    found += [m.group()] if (m := _FALSELY_SAID.search(lowered)) else []
    found += [
        next(g for g in m.groups() if g)
        for m in _VERDICT.finditer(lowered)
        if not _GO_WRONG.search(lowered, 0, m.end()) and not _CONCEDED.search(lowered, 0, m.start())
    ]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=TEXT_CACHE)
def quantities(text: str) -> tuple[Quantity, ...]:
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
        value = number_value(m.group("num"), m.group("scale"))
        label = m.group().strip()
        bare_rate = _RATE.match(text, m.end("scale") if m.group("scale") else m.end("num"))
        if bare_rate is not None:  # "6.10 an hour", "15.80 for every hour": a rate of money
            per = bare_rate.group("per")
            label = text[m.start() : bare_rate.end()].strip()
            found.append(Quantity(value=value, unit=f"per {per}", text=label))
            continue
        if unit == "of":
            frame = _FRAME.match(text, m.end("unit"))
            if frame is None:
                continue
            frames.add(frame.start("num"))
            unit, label = frame.group("unit").lower(), text[m.start() : frame.end()].strip()
        if not unit or unit in _UNIT_SKIP or m.group("age"):
            continue  # "the 31-year-old founder": an age, not a duration
        if m.group("unit") in _SCALED_UNITS:
            scale, unit = _SCALED_UNITS[m.group("unit")]
            value *= scale
        unit = "percent" if unit in ("%", "percent", "per cent") else stem(unit)
        rate = _RATE.match(text, m.end())
        if rate is not None:
            unit, label = f"{unit} per {rate.group('per')}", text[m.start() : rate.end()].strip()
        elif unit in HOURS:
            value, unit = value * HOURS[unit], "hour"
        bound = _bound_before(text, m.start(), timed=unit == "hour")
        found.append(Quantity(value=value, unit=unit, text=label, bound=bound))
    return tuple(found)


def number_value(raw: str, scale: str | None, words: Mapping[str, float] = NUMBER_WORDS) -> float:
    """The value of a number written in digits ("1,900", ".6") or as one of `words` ("forty"),
    times its `scale` ("million", "bn")."""
    raw = raw.lower()
    value = float(words[raw]) if raw in words else float(raw.replace(",", ""))
    return value * SCALES.get((scale or "").strip().lower(), 1.0)


_FRAME = re.compile(
    r"\s+(?:(?:the|those|these|its|our|their)\s+)?(?P<num>\d[\d,]*|\w+)\s+(?P<unit>[A-Za-z]+)"
)
HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0}
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = re.compile(
    rf"\b(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTHS})\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MONTH = re.compile(rf"\b{_MONTHS}\b")
# when a side learned of, was told of or found a matter: "knew of it in 2021", "first learned of
# it in 2023"
_KNOWING = re.compile(
    r"\b(?:knew|known|know|learn(?:ed|t)|aware|awareness|warned|told|informed|notified|noticed|"
    r"detected|discovered|identified|spotted|first|flagged|alerted|heard|indication)\b",
    re.IGNORECASE,
)


# learned of lately: "this year", "this July", "last month", "when the broadcaster contacted us",
# "from the documentary's makers"
_RECENT = re.compile(
    rf"\b(?:this (?:year|month|week|spring|summer|autumn|fall|winter|{_MONTHS})|"
    r"last (?:month|week)|recently|"
    r"(?:only )?when (?:the |a |an |our |its )?[\w'’-]+(?: [\w'’-]+)? (?:contacted|"
    r"approached|asked|wrote to|called)|from (?:the )?[\w'’-]+(?:'s|’s)? (?:makers|reporters|"
    r"journalists|producers|questions|inquiries))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Known:
    """When a text says a matter became known: years, months, or lately (`recent`)."""

    years: frozenset[str]
    months: frozenset[str]
    recent: bool


@lru_cache(maxsize=TEXT_CACHE)
def dates(text: str) -> frozenset[str]:
    """Month-and-day dates ("January 9", "9 January"), normalised to "January 9"."""
    return frozenset(
        f"{m.group('month') or m.group('month2')} {int(m.group('day') or m.group('day2'))}"
        for m in _DATE.finditer(text)
    )


@lru_cache(maxsize=TEXT_CACHE)
def known_when(text: str) -> Known | None:
    """When `text` says a matter became known ("knew of the fault in 2021", "first learned of it
    in March", "only learned of it when the paper contacted us"), or None when it says no such
    thing."""
    if not _KNOWING.search(text):
        return None
    recent = _RECENT.search(text)
    rest = _RECENT.sub(" ", text)
    years, months = frozenset(_YEAR.findall(rest)), frozenset(_MONTH.findall(rest))
    if not (years or months or recent):
        return None
    return Known(years, months, bool(recent))


@lru_cache(maxsize=TEXT_CACHE)
def cause_phrase(text: str) -> str | None:
    """What `text` names as a cause: "caused by a bad role" -> "a bad role", and in the active
    voice, "the AI tool caused the outage" -> "the AI tool"."""
    m = CAUSE_CUES.search(text)
    if m and m.group("rest").strip():
        return m.group("rest").strip()
    active = ACTIVE_CAUSE.search(text)
    if active:
        return active.group("agent").strip()
    error = ERROR_CAUSE.search(text)
    return error.group("cause").strip() if error else None


_IMPACT = r"(?:outages?|disruptions?|incidents?|failures?|problems?|events?|interruptions?)"
_UNITS = (
    r"(?:network|operations|business|country|region|regions|sites|bases|plants|factories|stores|"
    r"branches|offices|hotels|lines|departments|markets|cities|countries|division|group|company|"
    r"stations|districts|states|contracts|clinics|units|teams|shifts|warehouses|depots|schools|"
    r"farms|properties|production lines)"
)
_PEOPLE = (
    r"(?:workers|employees|staff|drivers|couriers|customers|users|patients|residents|farmers|"
    r"suppliers|franchisees|members|children|pupils|passengers)"
)
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|dozens|several|many|multiple|\d+)"
WIDE_SCOPE = re.compile(
    r"\b(?:thousands|millions|hundreds of thousands|worldwide|nationwide|globally|global|"
    r"widespread|systemic|across the country|all (?:customers|users|regions|services)|every "
    r"(?:customer|user|region|service|city|country|site|store|market|department|model|lot)|"
    r"the (?:entire|whole) (?:platform|service|network|system|building|city|plant|company)|"
    rf"across (?:the |its |their )?(?:[\w-]+'s )?(?:entire |whole )?(?:[\w-]+ ){{0,2}}?{_UNITS}|"
    # "all three of the airline's bases", "all four stations", "at more than 40 of its hotels",
    # "in at least six districts", "sites in four countries"
    rf"all {_COUNT} (?:of )?(?:the |its |their )?(?:[\w-]+'s )?(?:[\w-]+ )?{_UNITS}|"
    rf"(?:more than|at least|over) {_COUNT} (?:of )?(?:the |its |their )?(?:[\w-]+'s )?"
    rf"(?:[\w-]+ )?{_UNITS}|(?:in|across) {_COUNT} (?:[\w-]+ )?(?:countries|states|regions)|"
    r"not (?:isolated|limited|confined)|"
    # places named three or more at once: "in the UK, Spain, Germany, and Portugal"
    r"(?:in|across) (?:the )?(?-i:[A-Z][\w.-]*)(?:, (?:the )?(?-i:[A-Z][\w.-]*)){1,},? and "
    r"(?:the )?(?-i:[A-Z][\w.-]*)|"
    # "many of its delivery drivers", "most staff": the people the other side says were few
    rf"(?:many|most|(?:the|a) (?:vast )?majority) (?:of )?(?:the |its |their )?(?:[\w-]+'s )?"
    rf"(?:[\w-]+ ){{0,2}}?{_PEOPLE}|"
    rf"(?:massive|major|large|severe|serious)(?:\s+[\w-]+)? {_IMPACT})\b",
    re.IGNORECASE,
)
NARROW_SCOPE = re.compile(
    r"\b(?:(?:a single|one) (?:[\w-]+ )?(?:region|service|site|plant|batch|customer|line|city|"
    r"clinic|unit|shift|component|contract|contractor|employee|team|store|branch|wallet|crash|"
    r"invoice|property|farm|factory|hotel|hangar|mast|supervisor|station|depot|warehouse|school)|"
    r"(?<!not )(?:limited to|confined to|isolated)|a handful of|a small number of|"
    r"a small (?:[\w-]+ )?group|"
    r"not a single|no customers?|no users?|no one|nobody|a few customers|just one|"
    r"individual (?:local )?(?:employees|staff|workers|members of staff)|"
    rf"(?:limited|minor|brief|small|local|localised|localized|contained) {_IMPACT}|"
    r"extremely limited|negligible)\b",
    re.IGNORECASE,
)
# the verbs of what was made or produced ("generated by", "conducted by"): a different agent of
# the same verb only, as "the data was generated by X" against "it was generated by Y"
_MADE_VERBS = frozenset(
    """generated produced conducted created developed prepared compiled designed built
    manufactured funded commissioned""".split()
)
_AGENT = re.compile(
    r"\b(?P<verb>made|done|approved|pushed|written|deployed|carried out|performed|initiated|"
    r"authored|introduced|ordered|signed off|merged|run|executed|changed|deleted|"
    rf"{'|'.join(sorted(_MADE_VERBS))})\s+by\s+"
    r"(?P<agent>[^,.;]{2,60}?)(?=[,.;]|$|\s(?:and|but|after|before|when|in|on|at|without)\b)",
    re.IGNORECASE,
)


LONG_HOURS = 6.0


@lru_cache(maxsize=TEXT_CACHE)
def scope_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of wide ("all customers", "worldwide", "a 13-hour outage") and narrow ("a
    single region", "limited") scope in `text`."""
    wide = [m.group() for m in WIDE_SCOPE.finditer(text)]
    wide += [q.text for q in quantities(text) if q.unit == "hour" and q.value >= LONG_HOURS]
    return tuple(wide), tuple(m.group() for m in NARROW_SCOPE.finditer(text))


@lru_cache(maxsize=TEXT_CACHE)
def harm_words(text: str) -> tuple[str, ...]:
    """The words of `text` that say someone was harmed ("became ill", "no injuries")."""
    return tuple(m.group().lower() for m in _HARM.finditer(text))


@lru_cache(maxsize=TEXT_CACHE)
def slots(text: str) -> frozenset[str]:
    """What kind of point `text` makes, for pairing claims worded apart: a cause, a duration,
    an extent, a harm."""
    found = set()
    if harm_words(text):
        found.add("harm")
    if cause_phrase(text):
        found.add("cause")
    if any(q.unit == "hour" for q in quantities(text)):
        found.add("duration")
    if known_when(text) is not None:
        found.add("known")
    wide, narrow = scope_words(text)
    if wide or narrow:
        found.add("scope")
    return frozenset(found)


# who a side says decided: the leadership ("senior managers", "taken at board level") or one
# person below it or outside the company ("a single analyst", "a contractor", "acted without
# management's knowledge")
_SENIOR = re.compile(
    r"\b(?:senior (?:managers?|management|executives?|leaders(?:hip)?|officials?)|executives|"
    r"(?:at|by the) board(?: level)?|head office|headquarters|the chairman|chief (?:executive|"
    r"operating|financial) officer|(?:its|the company's|the group's|the firm's) (?:owners|"
    r"leadership|top management)|plant management|regional managers|(?:regional )?general "
    r"manager|managing director|head of [\w-]+|"
    r"(?:personally )?(?:signed off|approved|ordered|instructed|directed|taken|made|decided) "
    r"(?:personally )?by (?:the )?(?:[\w-]+'s )?(?:[\w-]+ )?(?:ceo|coo|cfo|founder|co-founder|"
    r"chairman|board|owners))\b",
    re.IGNORECASE,
)
_JUNIOR = re.compile(
    r"\b(?:(?:an?|one) (?:single |lone |one )?(?:rogue )?(?:(?:outside|third-party|external) )?"
    r"(?:[\w-]+ ){0,2}(?:contractor|"
    r"subcontractor|vendor|supplier|analyst|clerk|supervisor|coordinator|administrator|employee|"
    r"technician|engineer|adviser|advisor|manager|worker)|the (?:[\w-]+ ){0,2}(?:supervisor|"
    r"clerk|coordinator|technician)|a handful of (?:\w+ )?(?:staff|employees|"
    r"advisers|advisors|workers)|individual (?:local )?(?:employees|staff|workers)|"
    r"(?:acted|acting|went|going) (?:outside|against|beyond) (?:company |its |our |the company's )?"
    r"(?:procedures|policy|policies|instructions)|without (?:the )?(?:knowledge of|"
    r"management's knowledge|the board's knowledge|approval)|on (?:his|her|their) own)\b",
    re.IGNORECASE,
)


# what the leadership is said to have done: decided, ordered, approved, known
_DECIDED = re.compile(
    r"\b(?:decid\w*|decision|approv\w*|order(?:s|ed)?|instruct\w*|instruction|direct(?:ed|ion)|"
    r"signed off|sign off|set|designed|told|knew|aware|authori[sz]ed|personally)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=TEXT_CACHE)
def agent_level(text: str) -> str | None:
    """Whether `text` says the leadership decided ("senior": a senior body and a word of
    deciding, ordering or knowing) or one person below or outside it did ("junior"); None when
    it says neither or both."""
    senior = bool(_SENIOR.search(text)) and bool(_DECIDED.search(text))
    junior = bool(_JUNIOR.search(text))
    if senior == junior:
        return None
    return "senior" if senior else "junior"


def differing_agents(text_a: str, text_b: str) -> tuple[str, str] | None:
    """The agents of the two texts where they differ (no content word shared): any two of the
    acts that are done ("approved by", "deployed by"); a product's maker ("generated by",
    "conducted by") only against the maker of the same act."""
    ma, mb = _AGENT.search(text_a), _AGENT.search(text_b)
    if ma is None or mb is None:
        return None
    verb_a, verb_b = ma.group("verb").lower(), mb.group("verb").lower()
    if (verb_a in _MADE_VERBS or verb_b in _MADE_VERBS) and verb_a != verb_b:
        return None
    agent_a, agent_b = ma.group("agent").strip(), mb.group("agent").strip()
    if content_words(agent_a) & content_words(agent_b):
        return None
    return agent_a, agent_b


# words of a pair of opposites that say no opposite: "a few" is some, not few; "how many" asks,
# it says no number is large; "an earlier version" names which one, not when something happened
_NOT_OPPOSED = re.compile(
    r"\b(?:quite )?a few\b|\bhow (?:many|much|few)\b|\b(?:earlier|later|newer|older) "
    r"(?:versions?|models?|drafts?|generations?|editions?|iterations?|prototypes?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=TEXT_CACHE)
def _antonym_words(text: str) -> frozenset[str]:
    """The words of `text` with their singulars and the first part of a hyphenated compound
    ("profits": "profit"; "loss-making": "loss"; not "old" of "33-year-old")."""
    found: set[str] = set()
    for word in _WORD.findall(_NOT_OPPOSED.sub(" ", text)):
        for part in {word.lower(), word.lower().split("-")[0]}:
            found.add(part)
            if part.endswith("es") and len(part) > 4:
                found.add(part[:-2])
            if part.endswith("s") and not part.endswith("ss") and len(part) > 3:
                found.add(part[:-1])
    return frozenset(found)


def antonym_pair(a: str, b: str) -> tuple[str, str] | None:
    words_a, words_b = _antonym_words(a), _antonym_words(b)
    for x, y in ANTONYMS:
        if (x in words_a and y in words_b and y not in words_a and x not in words_b) or (
            y in words_a and x in words_b and x not in words_a and y not in words_b
        ):
            return (x, y) if x in words_a else (y, x)
    return None
