"""What a claim's content says besides its words: polarity, hedging, entities, quantities, dates.

Read from the content's tokens and the doc's named entities once a claim is found. A content
is `denied` when its main predicate or core argument is negated ("did not", "no customers"),
not when a negation sits in a side phrase ("a driver-assistance system, not a self-driving
one") or an affirmation in negative form ("not only", "no doubt").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.nlp.spans import tokens_within
from pipeline.records import Claim

NEGATIONS = frozenset(
    "not n't never no none nothing neither nor nobody nowhere hardly scarcely".split()
)
HEDGES = frozenset(
    """reportedly allegedly apparently possibly perhaps probably likely may might could seem
    seems appear appears suggest suggests unconfirmed""".split()
)
QUANTITY_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
DATE_LABELS = frozenset({"DATE", "TIME"})
# "not only", "not merely A but B", "not the first time", "no doubt": affirmations in negative
# form
_NOT_NEGATING = (
    ("not", "only"),
    ("not", "just"),
    ("not", "merely"),
    ("not", "simply"),
    ("not", "the", "first"),
    ("no", "doubt"),
)
# a phrase that negates its clause, wherever the parser attaches it: a negative adverbial ("at
# no time has X ...", "in no way benefits", "by no means", "under no circumstances") or a phrase
# that negates what follows it ("is far from being a forest destroyer", "did anything but cover
# up the incident", "no longer dumps waste", "has refrained from selling the data")
_NEGATING_PHRASES = frozenset(
    {
        ("at", "no", "time"),
        ("at", "no", "point"),
        ("at", "no", "stage"),
        ("in", "no", "way"),
        ("by", "no", "means"),
        ("under", "no", "circumstances"),
        ("on", "no", "account"),
        ("on", "no", "occasion"),
        ("far", "from", "being"),
        ("far", "from", "a"),
        ("far", "from", "an"),
        ("anything", "but"),
        ("no", "longer"),
        ("hardly", "ever"),
        ("scarcely", "ever"),
        ("refrained", "from"),
        ("refrains", "from"),
        ("refrain", "from"),
    }
)
_CORE_DEPS = frozenset({"acomp", "attr", "nsubj", "nsubjpass", "dobj", "compound", "xcomp"})
# verbs of telling whose negation leaves their clause stated ("has not disclosed that ...")
_UNDISCLOSED = frozenset("disclose reveal mention tell inform".split())
# a frame of conviction around the claim's clause: "we believe (that) X is not ...", "we have
# good reason to believe", "we are confident that X never ...": the clause's negation is the claim's
_CONVICTION = frozenset(
    """believe think know confident certain sure clear convinced satisfied understand evident
    plain obvious""".split()
)
# evidence framing the claim's clause: "an audit showed it was not responsible", "the review
# confirmed that no transaction was processed": the clause's negation is the claim's
_EVIDENCE = frozenset("show prove demonstrate confirm establish conclude find verify".split())
_FRAMES = _CONVICTION | _EVIDENCE
# verbs that raise a finding's subject ("appeared not to work", "turned out not to be")
_SEEMING = frozenset("appear seem turn test".split())


def annotate(claim: Claim, doc: Any) -> Claim:
    """Polarity (negated content), hedging, mentioned entities, quantities and dates, from the
    content's tokens."""
    within = {t.i: t for p in claim.pieces for t in tokens_within(doc, p.start, p.end)}
    tokens = [within[i] for i in sorted(within)]
    polarity = claim.polarity
    if polarity == "asserted" and (_negated(tokens) or _after_nor(tokens)):
        polarity = "denied"
    cue_words = [claim.cue.text.lower()] if claim.cue else []
    hedged = any(t.lower_ in HEDGES for t in tokens) or any(w in HEDGES for w in cue_words)
    ents = [
        e
        for e in doc.ents
        if any(p.start <= e.start_char and e.end_char <= p.end for p in claim.pieces)
    ]
    return replace(
        claim,
        polarity=polarity,
        hedged=hedged,
        entities=tuple(dict.fromkeys(e.text for e in ents)),
        quantities=tuple(dict.fromkeys(e.text for e in ents if e.label_ in QUANTITY_LABELS)),
        dates=tuple(dict.fromkeys(e.text for e in ents if e.label_ in DATE_LABELS)),
    )


def _negated(tokens: list[Any]) -> bool:
    """Whether the content's main predicate is negated ("did not", "never", "is not
    waterskiing") or its core argument is ("no customers", "there is no dog barking"): the
    path from the negation to the content's root runs only through the predicate's core."""
    ids = {t.i for t in tokens}
    roots = {t.i for t in tokens if t.head.i not in ids or t.head.i == t.i}
    # "says A and hasn't B", with B hung on the cue: B is A's conjunct, not the predicate
    conjuncts = {t.i for t in tokens if t.i in roots and t.dep_ == "conj"}
    if roots - conjuncts:
        roots -= conjuncts
    # "Save for one payment, none of the drafts were entered": the parser makes "Save" the
    # root and the statement its conjunct
    roots |= {
        c.i
        for t in tokens
        if t.i in roots and t.lower_ == "save" and any(c.lower_ == "for" for c in t.children)
        for c in t.children
        if c.dep_ == "conj"
    }
    words = [t.lower_ for t in tokens]
    if any(tuple(words[i : i + n]) in _NEGATING_PHRASES for n in (2, 3) for i in range(len(words))):
        return True
    for t in tokens:
        if t.lower_.replace("’", "'") not in NEGATIONS:  # "wasn’t": a curly apostrophe
            continue
        if t.lower_ == "not" and t.i > 0 and t.nbor(-1).text == ",":
            continue  # a contrast ("a driver-assistance system, not a self-driving one")
        if any(
            tuple(w.lower_ for w in t.doc[t.i : t.i + len(idiom)]) == idiom
            for idiom in _NOT_NEGATING
        ):
            continue
        finding = _found_not_to(t.head)
        if not finding and any(
            c.dep_ == "aux" and c.lower_ == "to" and c.i > t.i for c in t.head.children
        ):
            continue  # a negated infinitive ("determined not to be foiled", "chose not to")
        if t.head.lemma_ in _UNDISCLOSED and any(c.dep_ == "ccomp" for c in t.head.children):
            continue  # "X has not disclosed that Y": Y is stated all the same
        if t.i >= 2 and t.nbor(-2).lower_ == "there" and t.nbor(-1).lemma_ == "be":
            return True
        # "no customers complained", "X said nothing happened"; not "..., but nothing happened"
        if (
            t.dep_ in ("det", "nsubj", "nsubjpass", "dobj")
            and t.head.head.i in roots
            and t.head.dep_ != "conj"
        ):
            return True
        node = t.head
        for _ in range(4):
            if node.i in roots:
                return True
            if (
                node.dep_ not in _CORE_DEPS
                and not _in_conviction(node)
                and not ((finding or node.lemma_ in _EVIDENCE) and _shares_the_subject(node, roots))
            ):
                break
            node = node.head
    return False


def _found_not_to(verb: Any) -> bool:
    """Whether a negated infinitive is what evidence found ("was found not to contain
    asbestos", "were shown not to leak"): its negation is the finding's, unlike a choice's
    ("chose not to", "determined not to be foiled")."""
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _EVIDENCE | _SEEMING


def _shares_the_subject(node: Any, roots: set[int]) -> bool:
    """Whether `node` is a second predicate of the root's subject, joined by "and" ("has been
    tested for asbestos and been found not to contain any", "tested both and found no
    asbestos"): where it holds what a test found, a predicate of the claim as much as the root
    is; not a clause of its own ("..., but nothing happened")."""
    return (
        node.dep_ == "conj"
        and node.head.i in roots
        and node.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children)
        and any(c.dep_ == "cc" and c.lower_ == "and" for c in node.head.children)
    )


def _after_nor(tokens: list[Any]) -> bool:
    """Whether the content opens after a "nor" that the parse left out of it, right before it
    or opening its sentence ("Nor had it ever destroyed any documents, he added"; "Nor, it
    said, had it shredded files"): the clause "nor" opens is negated."""
    if not tokens:
        return False
    first = tokens[0]
    opening = first.sent[0]
    return bool(
        (first.i > 0 and first.nbor(-1).lower_ == "nor")
        or (opening.lower_ == "nor" and opening.i < first.i)
    )


def _in_conviction(node: Any) -> bool:
    """Whether `node` is the clause a conviction frames ("believe that X is not", "confident
    that X never", "to be clear that") or the frame itself ("reason to believe")."""
    if node.dep_ == "ccomp":
        head = node.head
        return head.lemma_ in _FRAMES or any(
            c.dep_ == "acomp" and c.lemma_ in _CONVICTION for c in head.children
        )
    return node.dep_ in ("relcl", "acl", "xcomp", "acomp") and node.lemma_ in _CONVICTION
