"""The reporting-cue lexicon: which verbs introduce an attribution, and where their content is.

A cue verb's content sits in one of a few grammatical slots (its "frame"):
- a clause: "X said (that) ...", "X believes ...", "..., X warned" (ccomp or parataxis);
- an infinitive: "X plans to ...", "X refused to ..." (xcomp), or with an addressee, "X urged
  regulators to ..." (object plus xcomp);
- an object: "X denied any wrongdoing", "X cited the figures", "X called the report misleading"
  (object, with its predicate for "call");
- a prepositional object: "X called for ...", "X warned of ...", "X complained about ...".
A verb may have several frames; the first slot the parse fills wins.
"""

from __future__ import annotations

from typing import Any

SUBJECTS = ("nsubj", "nsubjpass")

# someone not answering the page: "did not immediately | respond", "declined to comment"
NOT_ANSWERING = (
    r"(?:did not|didn't|has not|hasn't|have not|haven't|could not|couldn't)\s+(?:immediately\s+)?"
)
NO_COMMENT = r"could not be reached|declined to (?:comment|respond|elaborate)"

CLAUSE_VERBS = frozenset(
    """say tell state add claim deny insist argue write report acknowledge confirm explain note
    maintain allege warn dispute reply respond contend assert announce admit stress emphasize
    emphasise counter reject suggest estimate conclude find show reveal indicate testify concede
    caution predict believe clarify correct think know feel fear hope worry expect doubt suspect
    agree complain boast declare observe remark speculate joke quip muse wonder ask
    question answer charge accuse recount describe promise pledge vow vouch guarantee tweet post
    signal learn hear understand insinuate imply hint point mention demonstrate prove establish
    assure reassure convince persuade inform remind notify teach acknowledge recognize recognise
    concur reiterate repeat proclaim protest object lament regret grumble brag concede decide
    determine rule judge calculate project forecast anticipate acknowledge assume contend confess
    disclose divulge continue highlight read outline discover affirm reaffirm aver posit opine
    retort reckon surmise theorize theorise postulate recall""".split()
)
# "read" reports only what a written work says: "“...,” reads the report", "the statement reads"
WRITTEN_WORKS = frozenset(
    """report statement letter filing post release note memo complaint lawsuit document message
    email tweet notice announcement summary""".split()
)
INFINITIVE_VERBS = frozenset(
    """want plan agree pledge promise vow refuse decline hope intend claim offer propose seek
    threaten expect aim wish prefer vote resolve commit swear demand ask urge encourage call
    invite press push tell advise order instruct warn implore beg challenge dare""".split()
)
# what "offer" reports when offered: "offered an explanation", not "offers 240 tests"
OFFERED_SPEECH = frozenset(
    """explanation apology assurance reassurance comment detail evidence defence defense response
    reason view opinion thought rebuttal account insight assessment argument clarification
    correction information answer reply testimony advice warning criticism praise prediction
    forecast estimate analysis perspective guidance""".split()
)
# Verbs whose first infinitive argument comes with an addressee that belongs to the content:
# "X urged regulators to act" -> "regulators to act".
ADDRESSEE_VERBS = frozenset(
    """ask urge encourage call invite press push advise order instruct implore beg challenge
    dare tell""".split()
)
OBJECT_VERBS = frozenset(
    """deny dispute reject refute contest confirm acknowledge admit report concede cite criticize
    criticise attack praise condemn support oppose describe mention question defend propose
    demand urge blast slam blame accuse announce discuss recommend endorse welcome applaud
    dismiss mock ridicule tout highlight reference predict promise pledge call say claim
    insist allege estimate note tweet reiterate repeat disclose reveal detail outline unveil
    characterize characterise label brand decry denounce lambaste fault hail commend credit
    echo affirm emphasize emphasise stress explain express consider view see back promote
    liken compare downplay bemoan despise welcome accept invoke portray regard dub rate
    champion favor favour embrace lament tout offer show""".split()
)
PREPOSITION_FRAMES = {
    "call": frozenset({"for", "on"}),
    "warn": frozenset({"of", "about", "against"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of", "to"}),
    "complain": frozenset({"about", "of"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "advocate": frozenset({"for"}),
    "testify": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "comment": frozenset({"on"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "insist": frozenset({"on"}),
    "agree": frozenset({"on", "with"}),
    "object": frozenset({"to"}),
    "point": frozenset({"to"}),
    "respond": frozenset({"by", "with"}),
    "rail": frozenset({"against"}),
    "seize": frozenset({"on", "upon"}),
    "refer": frozenset({"to"}),
}
# Verbs whose object is the addressee, never the content ("X told reporters that ...").
ADDRESSEE_OBJECT = frozenset({"tell", "ask", "inform", "remind", "notify", "assure", "reassure"})
DENIAL_VERBS = frozenset({"deny", "dispute", "reject", "refute", "contest", "dismiss", "question"})
# How something was said that calls it untrue: "falsely claimed", "as erroneously written by".
FALSELY = frozenset(
    """incorrectly inaccurately falsely wrongly erroneously mistakenly misleadingly baselessly
    deceptively dishonestly groundlessly wrongfully untruthfully""".split()
)
# Reporting nouns whose content is a "that" clause or an infinitive: "Kestrel's claim that ...",
# "the company's plan to ...", "a warning from regulators that ...".
CUE_NOUNS = frozenset(
    """claim statement assertion allegation accusation charge argument belief view assessment
    conclusion warning promise pledge vow plan proposal demand call criticism comment remark
    suggestion insistence denial admission acknowledgment acknowledgement report finding
    estimate prediction hope fear concern decision message idea theory position contention
    suspicion threat announcement explanation testimony confirmation assurance""".split()
)
# What a denial verb denies when it names someone else's account with a "that" clause ("X
# rejected a report that ...", "X dismissed claims that ..."): the clause is what X denies, and
# the account is not X's (see `reported.denied_account`).
ACCOUNT_NOUNS = CUE_NOUNS | frozenset("story article rumour rumor speculation notion".split())
CUE_VERBS = CLAUSE_VERBS | INFINITIVE_VERBS | OBJECT_VERBS | frozenset(PREPOSITION_FRAMES)


# phrasal verbs that reject what they take: "shot down the paper's assertion that ..."
PHRASAL_DENIALS = frozenset(
    {("shoot", "down"), ("brush", "off"), ("brush", "aside"), ("knock", "down"), ("wave", "off")}
)

# ... and those that reject it through a preposition: "pushed back against claims that ..."
PHRASAL_PREPOSITION_DENIALS = {
    ("push", "back"): frozenset({"against", "on"}),
    ("hit", "back"): frozenset({"at"}),
    ("fire", "back"): frozenset({"at"}),
    ("strike", "back"): frozenset({"at"}),
}


def prepositional_account(token: Any) -> Any | None:
    """The account a phrasal verb rejects through its preposition ("pushed back against
    claims that ...", "hit back at the report that ..."), else None ("hit back at the
    referee", "pushed back on the timing": no account)."""
    lemma = str(token.lemma_).lower()
    for particle in token.children:
        preps = PHRASAL_PREPOSITION_DENIALS.get((lemma, particle.lower_))
        if preps is None or particle.dep_ not in ("prt", "advmod") or particle.i < token.i:
            continue
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < particle.i:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in ACCOUNT_NOUNS and _told(noun):
                    return noun
    return None


def _told(account: Any) -> bool:
    """Whether an account noun comes with a clause opening with "that": what it says ("claims
    that the pumps failed") or what it did ("a report that blamed the agent"); not "the claims
    in a statement outlining that ...", where the statement says what is denied."""
    return any(
        c.dep_ in ("acl", "relcl", "ccomp") and c.left_edge.lower_ == "that" and c.i > account.i
        for c in account.children
    )


def cue_lemma(token: Any) -> str:
    """The token's lemma as a cue: a phrasal denial of an account ("shot down the paper's
    assertion", "brushed aside the claims", "pushed back against claims") reads as "reject";
    "shot down a drone" does not;
    "read" is a cue only with a written work for its subject ("..., reads the report"), and
    "" when it has none ("analysts read the figures as ..."); "offer" only when something said
    is offered ("offered an explanation", "offered to resign"; not "offers 240 tests")."""
    lemma = str(token.lemma_).lower()
    if lemma == "read":
        work = any(c.dep_ in SUBJECTS and c.lemma_.lower() in WRITTEN_WORKS for c in token.children)
        return lemma if work else ""
    if lemma == "offer":
        said = any(
            c.dep_ == "xcomp" or (c.dep_ == "dobj" and c.lemma_.lower() in OFFERED_SPEECH)
            for c in token.children
        )
        return lemma if said else ""
    particle = any(
        (lemma, c.lower_) in PHRASAL_DENIALS
        for c in token.children
        if c.dep_ in ("prt", "advmod") and c.i > token.i
    )
    if particle and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ACCOUNT_NOUNS for c in token.children
    ):
        return "reject"
    if prepositional_account(token) is not None:
        return "reject"
    return lemma
