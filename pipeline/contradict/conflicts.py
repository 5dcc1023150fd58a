"""Rule findings: the conflicts between two claims that a reader can point at.

Each finding names a contradiction type, says why in words, and lists the words on each side
that carry it: differing quantities of one unit, differing dates, a negation on one side only
on a shared point, an explicit denial, differing causes or agents, wide against narrow scope,
opposite words. Every backend uses
them for the type and evidence of a verdict; the built-in model also uses them as features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.contradict.features import (
    FAILURE_WORDS,
    TEXT_CACHE,
    Quantity,
    agent_level,
    antonym_pair,
    cause_phrase,
    content_bases,
    content_words,
    dates,
    denial_cues,
    differing_agents,
    harm_words,
    known_when,
    negation_cues,
    quantities,
    scope_words,
    slots,
    word_base,
)
from pipeline.records import Claim, Label, Verdict

# the cosine from which wide scope against narrow is one matter without a shared word
SCOPE_SIMILARITY = 0.3
# the cosine from which two texts saying when a matter became known speak of one matter
KNOWN_SIMILARITY = 0.2
# a lookahead, so that a negation inside another's words is read too ("does not provide and
# never has provided | employees with access")
_NEGATED = re.compile(
    r"(?=(?:\b(?:not|cannot|no|never|none|nothing|nobody|neither|nor)\b|n't)\s+[\"“‘']?"
    # what no evidence was found of is what is negated: "has not found evidence of | suppliers
    # paying workers £3.50"
    r"(?:(?:(?:yet|so far|ever)\s+)?(?:found|find|seen|see|identified|uncovered)\s+(?:any\s+)?"
    r"(?:evidence|proof|signs?|indications?)\s+(?:of|that)\s+)?"
    r"(?P<what>(?:[\w'-]+\s+){0,4}[\w'-]+))",
    re.IGNORECASE,
)
_UNTRUE_THAT = re.compile(
    r"(?:\bnot|n't)\s+(?:\w+ly\s+)?(?:true|accurate|correct|right|the case)\s+"
    r"(?:that|to say)\b",
    re.IGNORECASE,
)
# an adverbial that negates its whole clause, wherever the clause's words follow it: "At no time,
# past or present, have we ever found any issues with the chips"
_CLAUSE_NEGATION = re.compile(
    r"\b(?:at\s+no\s+(?:time|point|stage)|in\s+no\s+way|under\s+no\s+circumstances|"
    r"on\s+no\s+occasion|by\s+no\s+means)\b",
    re.IGNORECASE,
)
# a number in digits, whole: "7,000", "2.5"
_DIGITS = r"\d[\d,]*(?:\.\d+)?(?![\d,]*\d)"
_NUMBER = re.compile(rf"(?<![\d.,]){_DIGITS}")
# "approximately 2,000 servers, not 7,000": a number the speaker corrects
_NOT_NUMBER = re.compile(
    r"\bnot\s+(?:about\s+|around\s+|approximately\s+|nearly\s+|more than\s+|over\s+)?"
    rf"({_DIGITS})"
)
_WITHOUT = re.compile(r"\bwithout\s+(?P<what>(?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)


# from this cosine a predicate family both claims name makes them one topic
FAMILY_SIMILARITY = 0.3
# the most content words of a denied act that one shared matter puts on the other's point
DENIED_ACT_WORDS = 4
# families that make no topic: "misleading" is also a verdict on a report ("a misleading
# story"), and advertising a field, not something done
_NO_TOPIC_FAMILIES = frozenset({"~deceive", "~advertise"})


@dataclass(frozen=True)
class Finding:
    type: str
    reason: str
    evidence: tuple[str, ...]


def name_words(a: Claim, b: Claim) -> frozenset[str]:
    """The content words of the two claims' named entities that are names: capitalised, not
    acronyms ("Kestrel", "Jude"; not "AI" of "Kestrel's AI", nor "hour" of "13-hour"), and an
    acronym of three letters or more named on its own ("the NTSB", "the BBC"); not a word that
    either claim writes in lower case ("Sodium Lauryl Sulfate" against "it had sodium lauryl
    sulfate" is a substance both name, no name)."""
    words = [
        w
        for e in (*a.entities, *b.entities)
        for w in e.replace("’", "'").split()
        if (w[:1].isupper() and not w.isupper()) or (w.isupper() and len(w) >= 3 and w == e)
    ]
    written = set(_LOWER_WORD.findall(f"{a.text} {b.text}"))
    return content_words(" ".join(w for w in words if w.lower() not in written))


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z-]*(?![\w'’-])")


def _uninflected(word: str) -> str:
    """A word without a verb's "-ed" or "-ing" and a final "e" ("disclosed", "disclosing",
    "disclose" -> "disclos"), where four letters stay."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def predicate_topic(shared: Sequence[str], similarity: float) -> bool:
    """Whether two claims are on one topic by a predicate both name in their own words
    ("sought to conceal" / "wanted to hide"): a family among their shared words (`shared_words`)
    that makes a topic, at a cosine of FAMILY_SIMILARITY or more."""
    return similarity >= FAMILY_SIMILARITY and any(
        w.startswith("~") and w not in _NO_TOPIC_FAMILIES for w in shared
    )


def shared_words(a: Claim, b: Claim) -> list[str]:
    """The content words both claims use, and the predicate families both name ("~postpone":
    "pushed back" / "postponed"), sorted."""
    words = _common_words(a.text, b.text)
    families = _families(a.text) & _families(b.text)
    # a family the two texts name by one word is that word already ("no delay" / "a delay")
    families -= {f"~{_FAMILY_OF_BASE[b]}" for b in map(word_base, words) if b in _FAMILY_OF_BASE}
    return sorted(words | families)


def _common_words(text_a: str, text_b: str) -> frozenset[str]:
    """The content words of both texts; one word in two inflections ("addressed" / "address")
    is shared, in the first one's form."""
    words_a, words_b = content_words(text_a), content_words(text_b)
    forms_b = {_uninflected(w) for w in words_b}
    return (words_a & words_b) | {w for w in words_a - words_b if _uninflected(w) in forms_b}


def explained(
    label: Label, score: float, said: str, ranked: Sequence[Finding], shared: Sequence[str]
) -> Verdict:
    """A backend's verdict with its type and evidence: for a contradiction, the strongest
    finding's type (or "other") and every finding's evidence (or the shared words), its reason
    `said` followed by the findings'; an agreement's evidence is the shared words."""
    if label != "contradicts":
        return Verdict(label, score, "none", said, tuple(shared[:6]) if label == "agrees" else ())
    reason = "; ".join([said, *(f.reason for f in ranked)])
    evidence = tuple(dict.fromkeys(e for f in ranked for e in f.evidence)) or tuple(shared[:6])
    return Verdict(label, score, ranked[0].type if ranked else "other", reason, evidence)


def conflicts(a: Claim, b: Claim, shared: list[str], similarity: float) -> list[Finding]:
    """The conflicts between `a` and `b`; `shared` are their shared content words."""
    text_a, text_b = a.text, b.text
    findings: list[Finding] = []
    # on one topic: close, two shared words that are not only names ("St. Jude", "Muddy
    # Waters" are shared by every claim of their case), or one predicate in other words
    topical = (
        similarity >= 0.6
        or len(set(shared) - name_words(a, b)) >= 2
        or predicate_topic(shared, similarity)
    )

    # differing numbers of one unit on a shared matter: a shared word that is not a party's name
    quantity = _quantity_conflict(text_a, text_b)
    durations = "duration" in slots(text_a) & slots(text_b) and similarity >= 0.25
    if quantity and (set(shared) - name_words(a, b) or durations):
        qa, qb = quantity
        findings.append(
            Finding(
                "quantity", f"differing numbers: {qa.text!r} vs {qb.text!r}", (qa.text, qb.text)
            )
        )

    dates_a, dates_b = dates(text_a), dates(text_b)
    if dates_a and dates_b and not dates_a & dates_b and len(shared) >= 2 and similarity >= 0.5:
        da, db = sorted(dates_a)[0], sorted(dates_b)[0]
        findings.append(Finding("date", f"differing dates: {da!r} vs {db!r}", (da, db)))
    else:
        when = _known_when_conflict(text_a, text_b)
        if when and (set(shared) - name_words(a, b) - {"first"} or similarity >= KNOWN_SIMILARITY):
            findings.append(
                Finding("date", f"known at differing times: {when[0]!r} vs {when[1]!r}", when)
            )

    denied, other = (text_a, text_b) if a.polarity == "denied" else (text_b, text_a)
    # "could not see" against "failed": the negation may be the failure; not so when the
    # denial is the cue's ("X denied that its signals failed"): it negates the whole text, nor
    # when the denial negates the failure word itself ("no data was lost" against "lost data")
    failed = FAILURE_WORDS & (content_words(other) - content_words(denied))
    failure = bool(failed) and bool(negation_cues(denied))
    if (
        (len(shared) >= 2 or _denied_act(a, b, shared, similarity))
        and a.polarity != b.polarity
        and not failure
        and _negated_point_shared(denied, other)
    ):
        cues = negation_cues(denied) or ["denied"]
        findings.append(
            Finding(
                "negation",
                f"negated on one side only ({', '.join(cues)}) on a shared point "
                f"({', '.join(shared[:4]) or 'similar wording'})",
                (*cues, *shared[:3]),
            )
        )

    elif a.polarity == b.polarity:
        split = _sentence_negation(_sentences(a), _sentences(b), name_words(a, b))
        if split is not None:
            cues, words = split
            findings.append(
                Finding(
                    "negation",
                    f"negated in one sentence on one side only ({', '.join(cues)}) on a shared "
                    f"point ({', '.join(words[:4])})",
                    (*cues, *words[:3]),
                )
            )

    harm_a, harm_b = harm_words(text_a), harm_words(text_b)
    if harm_a and harm_b and a.polarity != b.polarity and similarity >= 0.25:
        findings.append(
            Finding(
                "negation",
                "one side says someone was harmed, the other that no one was",
                (*negation_cues(denied), *dict.fromkeys(harm_a + harm_b)),
            )
        )

    lacking = _without(text_a, text_b) or _without(text_b, text_a)
    if lacking and a.polarity == b.polarity and len(shared) >= 2:
        findings.append(
            Finding(
                "negation", f"one side says it happened without {lacking!r}", ("without", lacking)
            )
        )

    den_a, den_b = denial_cues(text_a), denial_cues(text_b)
    if topical and bool(den_a) != bool(den_b):
        cues = den_a or den_b
        findings.append(Finding("denial", f"explicit denial ({', '.join(cues)})", tuple(cues)))

    cause_a, cause_b = cause_phrase(text_a), cause_phrase(text_b)
    if cause_a and cause_b:
        same_cause = content_words(cause_a) & content_words(cause_b)
        if not same_cause and content_words(cause_a) and content_words(cause_b):
            findings.append(
                Finding(
                    "cause", f"differing causes: {cause_a!r} vs {cause_b!r}", (cause_a, cause_b)
                )
            )
        elif same_cause and a.polarity != b.polarity:
            cause = cause_a if a.polarity == "denied" else cause_b
            findings.append(
                Finding(
                    "cause", f"one side denies the cause {cause!r}", (cause, *negation_cues(denied))
                )
            )

    agents = differing_agents(text_a, text_b)
    if agents:
        agent_a, agent_b = agents
        findings.append(
            Finding("agent", f"differing agents: {agent_a!r} vs {agent_b!r}", (agent_a, agent_b))
        )

    (wide_a, narrow_a), (wide_b, narrow_b) = scope_words(text_a), scope_words(text_b)
    # "systemic" against "one contractor" name one matter in different words: no shared word
    on_point = topical or similarity >= SCOPE_SIMILARITY
    if on_point and (
        (wide_a and narrow_b and not narrow_a) or (wide_b and narrow_a and not narrow_b)
    ):
        wide, narrow = (wide_a, narrow_b) if wide_a and narrow_b else (wide_b, narrow_a)
        findings.append(
            Finding("scope", f"differing scope: {wide[0]!r} vs {narrow[0]!r}", (wide[0], narrow[0]))
        )

    antonyms = antonym_pair(text_a, text_b)
    if antonyms and topical:
        findings.append(
            Finding("other", f"opposite words: {antonyms[0]!r} vs {antonyms[1]!r}", antonyms)
        )
    return findings


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


def _sentences(claim: Claim) -> list[str]:
    """The sentences of a claim's content, each part of a split quote apart."""
    return [s for part in claim.pieces for s in _SENTENCE_END.split(part.text)]


def _sentence_negation(
    parts_a: Sequence[str], parts_b: Sequence[str], names: frozenset[str]
) -> tuple[list[str], list[str]] | None:
    """A negation on one side only between one sentence of each claim, where a claim of two or
    more sentences has one polarity as a whole ("They are not selling to owners. They are
    selling them as a way to get rich" against "we do not sell a business opportunity"): the
    negation cues and the shared words, or None."""
    if len(parts_a) == len(parts_b) == 1:
        return None
    cues_b = [negation_cues(y) for y in parts_b]
    for x in parts_a:
        cues_x = negation_cues(x)
        for y, cues_y in zip(parts_b, cues_b, strict=True):
            if bool(cues_x) == bool(cues_y):
                continue  # both negated or neither
            (denied, cues), other = ((x, cues_x), y) if cues_x else ((y, cues_y), x)
            shared = sorted(_common_words(x, y) - names)
            if len(shared) >= 2 and _negated_point_shared(denied, other):
                return cues, shared
    return None


def _denied_act(a: Claim, b: Claim, shared: Sequence[str], similarity: float) -> bool:
    """Whether one claim is the short act a side denies ("Acme denies | breaking the law") and
    the other names that act, in its words or its family ("executives broke the rules"): one
    shared matter is enough where the denied content is that short."""
    denied = a if a.polarity == "denied" else b if b.polarity == "denied" else None
    if denied is None or similarity < FAMILY_SIMILARITY:
        return False
    matter = set(shared) - name_words(a, b)
    return (
        len(matter) == 1
        and len(content_words(denied.text)) <= DENIED_ACT_WORDS
        and _ACT.match(denied.text) is not None
    )


# an act, as a denial names it: "breaking the law", "having hidden the losses"
_ACT = re.compile(r"^(?:not\s+)?(?:having\s+)?[a-z]+ing\b")


def _negated_point_shared(denied: str, other: str) -> bool:
    """Whether what the negation negates ("not see their invoices", "no customer complaints")
    is something the other side states: the words right after the negation are its words. A
    denial verb ("denied that ...") negates its whole clause, also when the verb is the claim's
    cue, outside its text ("X rejected a report that Y": the denied claim's text is Y, with no
    negation of its own)."""
    if not negation_cues(denied):
        return True
    lowered = denied.replace("’", "'")
    if _UNTRUE_THAT.search(lowered) or _CLAUSE_NEGATION.search(lowered):
        # "it is simply not accurate that X", "at no time have we found X": X is what is negated
        return True
    other_bases = content_bases(other) | _families(other)
    return any(
        (content_bases(m.group("what")) | _families(m.group("what"))) & other_bases
        for m in _NEGATED.finditer(lowered)
    )


# one predicate in other words: "never ran out of energy" against "the battery was exhausted";
# words (compared by their bases, `word_base`) | phrases (matched whole)
_FAMILIES = {
    "exhaust": "exhausted depleted drained | ran out, run out, runs out, running out",
    "dismiss": "fired terminated dismissed sacked ousted | let go",
    "know": "knew know knows known aware",
    "hide": "concealed conceal hid hide hidden withheld withhold | cover up, covered up",
    "copy": "copied copy copies cloned clone replicated knockoff knockoffs"
    " | knock off, knocked off",
    "breach": "hacked hack breached breach compromised",
    "violate": "violated violate violates violation violations contravened contravene flouted"
    " flout infringed infringe | broke the law, broke the rules, break the law, break the rules,"
    " breaking the law, breaking the rules, breached the rules, breach of the rules, broken the"
    " law, broken the rules, breached the law, broke laws, broken laws",
    "deceive": "lied lie misled mislead deceived deceive deceptive",
    "postpone": "postponed postpone delayed delay deferred defer | pushed back, push back, put off",
    "force": "forced force compelled compel coerced",
    "warn": "warned warn warning warnings alerted alert flagged flag",
    "admit": "admitted admit admits confessed confess confesses | owned up, own up",
    "implicate": "implicated implicate involved involve complicit",
    "increase": "increased increase increases raised boosted boost"
    " | amped up, amp up, ramped up, ramp up, stepped up, step up",
    "advertise": "ad ads advert adverts advertising advertisement advertisements advertise",
    "control": "controlled control controls controlling owned owns | have say, had say, has say",
    "fault": "fault faults error errors bug bugs glitch glitches flaw flaws defect defects"
    " malfunction malfunctions",
    "cause": "caused cause causes responsible blame blamed | led to, lead to, leads to",
}
_FAMILY_OF_BASE = {
    word_base(word): family
    for family, words in _FAMILIES.items()
    for word in words.split("|")[0].split()
}
_FAMILY_PHRASES = [
    (re.compile(rf"\b{re.escape(phrase.strip())}\b"), family)
    for family, words in _FAMILIES.items()
    if "|" in words
    for phrase in words.split("|")[1].split(",")
]


@lru_cache(maxsize=TEXT_CACHE)
def _families(text: str) -> frozenset[str]:
    """The predicate families `text` names, by a word's base or a phrase ("~postpone" for
    "postponed" or "pushed back")."""
    found = {_FAMILY_OF_BASE[b] for b in content_bases(text) if b in _FAMILY_OF_BASE}
    lowered = text.lower()
    found |= {family for phrase, family in _FAMILY_PHRASES if phrase.search(lowered)}
    return frozenset(f"~{family}" for family in found)


def _known_when_conflict(text_a: str, text_b: str) -> tuple[str, str] | None:
    """Two different years, or in one year two different months, at which the two texts say a
    matter became known ("warned about it in 2020" against "first learned of it in 2023"), or a
    time against only lately ("knew of it in 2021" against "first learned of it when the paper
    contacted us")."""
    when_a, when_b = known_when(text_a), known_when(text_b)
    if when_a is None or when_b is None:
        return None
    for early, late in ((when_a, when_b), (when_b, when_a)):
        dated = sorted(early.years) or sorted(early.months)
        if late.recent and not early.recent and dated:
            return (dated[0], "lately") if early is when_a else ("lately", dated[0])
    years_a, months_a, years_b, months_b = when_a.years, when_a.months, when_b.years, when_b.months
    if years_a and years_b:
        if not years_a & years_b:
            return sorted(years_a)[0], sorted(years_b)[0]
        if len(years_a | years_b) > 1:
            return None
    if months_a and months_b and not months_a & months_b:
        return sorted(months_a)[0], sorted(months_b)[0]
    return None


def level_conflict(text_a: str, text_b: str) -> Finding | None:
    """The finding when one text says the leadership decided and the other that one person
    below or outside it did ("taken at board level" against "a single supervisor acted outside
    procedures"): the two rarely share words, so the rules ask it of claims on one topic by
    cosine alone."""
    if {agent_level(text_a), agent_level(text_b)} != {"senior", "junior"}:
        return None
    return Finding(
        "agent",
        "one side says the leadership decided, the other one person below or outside it",
        ("senior", "junior"),
    )


def correction_conflict(text_a: str, text_b: str) -> Finding | None:
    """The finding when one text corrects a number the other states ("approximately 2,000
    servers, not 7,000" against "around 7,000 motherboards"): the two may count in different
    words, so the rules ask it of claims on one topic by cosine alone."""
    corrected = _corrected_number(text_a, text_b) or _corrected_number(text_b, text_a)
    if corrected is None:
        return None
    return Finding("quantity", f"one side corrects the other's number {corrected!r}", (corrected,))


def _corrected_number(text: str, other: str) -> str | None:
    """A number of `other` that `text` corrects ("2,000 servers, not 7,000" against "7,000
    motherboards"), when `other` does not correct it too."""
    stated = {n.group().replace(",", "") for n in _NUMBER.finditer(other)}
    if not stated or _NOT_NUMBER.search(other):
        return None
    for m in _NOT_NUMBER.finditer(text):
        if m.group(1).replace(",", "") in stated:
            return m.group(1)
    return None


def _without(text: str, other: str) -> str | None:
    """A word that `text` says was missing ("without human review") and `other` says was
    there ("require peer review")."""
    if "without" in other.lower():
        return None
    other_words = content_words(other)
    for m in _WITHOUT.finditer(text):
        for word in content_words(m.group("what")):
            if word in other_words:
                return word
    return None


def _quantity_conflict(text_a: str, text_b: str) -> tuple[Quantity, Quantity] | None:
    """A unit both texts count in, with no value that the two sides share."""
    by_unit: dict[str, list[Quantity]] = {}
    for q in quantities(text_a):
        by_unit.setdefault(q.unit, []).append(q)
    for qb in quantities(text_b):
        side_a = by_unit.get(qb.unit)
        if side_a and not any(_agree(qa, qb) for qa in side_a):
            others = [q for q in quantities(text_b) if q.unit == qb.unit]
            if not any(_agree(qa, q) for qa in side_a for q in others):
                return side_a[0], qb
    return None


def _agree(qa: Quantity, qb: Quantity) -> bool:
    """Close figures that no bound rules out: "below 100 million tonnes" and "109.2 million
    tonnes" are close, but the second is outside the first's bound; two bounds the same way
    ("under 100", "under 110") agree when close."""
    if not _close(qa.value, qb.value):
        return False
    if qa.bound == qb.bound:
        return True
    return qa.admits(qb.value) and qb.admits(qa.value)


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.1 * max(abs(x), abs(y), 1e-9)
