"""Where a cue verb's content sits, and what a content leaves out.

A cue verb's frame (see `cues`) names the slot of its content: a clause ("X said (that) ..."),
an infinitive ("X plans to ..."), an object ("X denied any wrongdoing", "X called the report
misleading") or a preposition's object ("X called for ..."); `content_tokens` finds the first
slot the parse fills, also where the small parser puts it elsewhere ("X said after the meeting
he would resign" as an adverbial clause, "called Oz a quack" as two predicates, an object split
in two at a possessive). A content leaves out the clauses inside it that are claims of their
own: a coordinated report ("X said A, and Y warned B") and a reporting participle (", adding
that ..."). A denial verb's object that names an account ("a report that ...") has the account's
clause as its content (`denied_account`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pipeline.nlp.cues import (
    ACCOUNT_NOUNS,
    ADDRESSEE_OBJECT,
    ADDRESSEE_VERBS,
    CLAUSE_VERBS,
    DENIAL_VERBS,
    FALSELY,
    INFINITIVE_VERBS,
    OBJECT_VERBS,
    PREPOSITION_FRAMES,
    SUBJECTS,
    cue_lemma,
    prepositional_account,
)
from pipeline.nlp.spans import doc_text, strip_tokens

# verbs that make an account: "the report that the inspectors published" is a relative clause
_MAKE_WORKS = frozenset("publish print write issue release run air file produce carry".split())


def denied_account(noun: Any) -> Any | None:
    """The "that" clause of `noun` when it names an account a denial verb denies ("a report
    that ...", "claims that ...", also through the account's source: "a claim made by experts
    in the Journal story that ..."), else None. A relative clause ("the report that the paper
    published") has a pronoun "that", not a conjunction, and is no account's content."""
    clause = _that_clause(noun)
    if clause is not None or noun.lemma_.lower() not in ACCOUNT_NOUNS:
        return clause
    for token in noun.subtree:
        if token.i <= noun.i or token.head.i == noun.i:
            continue  # the noun's own clauses are `_that_clause`'s to judge
        if token.dep_ not in ("ccomp", "acl", "relcl"):
            continue
        # its first word "that", whatever the parse calls it, with a subject of its own (not
        # "experts that work at the plant"), and not a work's relative clause ("that X wrote")
        opens = token.left_edge.lower_ == "that" and token.left_edge.i < token.i
        made = token.lemma_.lower() in _MAKE_WORKS or not _subject_besides_that(token)
        path = token.head
        while path.i != noun.i and path.dep_ in _SOURCE_DEPS:
            path = path.head
        if opens and not made and path.i == noun.i:
            return token  # "a claim made by experts in the Journal story that ..."
    return None


def _account_beside(obj: Any, preps: Sequence[Any]) -> Any | None:
    """The "that" clause of the account named right after a denied object, where the parse
    hung it on the verb: "denied conclusions | in a recent news report that Y"."""
    for prep in preps:
        if prep.i != obj.right_edge.i + 1 or prep.lower_ not in ("in", "of", "from", "by"):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and (clause := _that_clause(noun)) is not None:
                return clause
    return None


# how an account's source hangs on it: "a claim made by experts in the Journal story"
_SOURCE_DEPS = frozenset({"acl", "agent", "prep", "pobj"})


def _that_clause(noun: Any) -> Any | None:
    if noun.lemma_.lower() not in ACCOUNT_NOUNS and noun.lower_ not in ACCOUNT_NOUNS:
        return None
    for child in noun.children:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        # "a claim that jars are unsafe" parsed as a relative clause with "that" its subject:
        # a clause with a subject besides "that" is the claim's content all the same
        first = child.left_edge
        relativised = first.lower_ == "that" and first.i > noun.i and first.dep_ in SUBJECTS
        if relativised and _subject_besides_that(child):
            marks.add("that")
        if child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i and "that" in marks:
            deps = {c.dep_ for c in child.children}
            if child.lemma_.lower() in _MAKE_WORKS and not deps & {"dobj", "ccomp", "nsubjpass"}:
                # "the report that the paper published", parsed as a clause; but "claims that
                # the shop is run by humans" is passive, its subject its own
                return None
            return child
    return None


def _subject_besides_that(clause: Any) -> bool:
    """Whether a clause has a subject of its own besides a "that": a content clause ("that jars
    are unsafe"), not a relative one on its noun ("experts that work at the plant")."""
    return any(c.dep_ in SUBJECTS and c.lower_ != "that" for c in clause.children)


def _is_report(token: Any) -> bool:
    """A coordinated verb inside a content that reports something of its own ("..., and
    acknowledged that ...", "... but declined to comment", "... and called it a hoax")."""
    deps = {c.dep_ for c in token.children}
    lemma = cue_lemma(token)
    return token.dep_ == "conj" and (
        (lemma in CLAUSE_VERBS and "ccomp" in deps)
        or (lemma in INFINITIVE_VERBS and "xcomp" in deps and not deps & set(SUBJECTS))
        or (lemma == "call" and "oprd" in deps)
    )


def content_tokens(verb: Any, speaker: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The content's tokens in the verb's first filled frame, and any cue word of the frame."""
    tokens, cue = _frame_tokens(verb, speaker)
    return _with_stray_predicate(verb, tokens), cue


def _with_stray_predicate(verb: Any, tokens: list[Any]) -> list[Any]:
    """`tokens` run on into a finite verb the parse hung elsewhere right after them, when they
    end on a noun or a number and so have no predicate of their own ("evidence showing the
    project | is years behind schedule", "documents show labs as early as 1957 and 1958 | found
    asbestos"), also where the verb's auxiliary opens it ("| was labelled")."""
    if not tokens or tokens[-1].pos_ not in ("NOUN", "PROPN", "NUM") or tokens[-1].i < verb.i:
        return tokens
    after = tokens[-1].i + 1
    doc = verb.doc
    if after < len(doc) and doc[after].text == "," and any(t.dep_ == "appos" for t in tokens):
        after += 1  # "show Acme, a firm the city hired, | broke the rules": the aside closed
    if after >= len(doc) or doc[after].sent != verb.sent:
        return tokens
    stray = doc[after]
    if stray.tag_ not in ("VBZ", "VBP", "VBD"):
        return tokens
    if stray.dep_ in ("aux", "auxpass") and stray.head.i > stray.i:
        stray = stray.head  # "product being produced for Acme | was labelled compliant"
    if stray.dep_ not in ("ccomp", "conj", "advcl", "dep", "relcl", "ROOT"):
        return tokens
    if any(t.dep_ in SUBJECTS for t in stray.children):
        return tokens  # a clause with a subject of its own
    rest = [t for t in stray.subtree if t.i >= after]
    return strip_tokens([*tokens, *rest])


# verbs whose "of" or "for" says what someone is accused or blamed of: "accused by X of hiding
# losses", "criticised by X for ..."
_CHARGING = frozenset(
    "accuse blame criticize criticise fault condemn slam blast attack suspect charge".split()
)


def charge_tokens(verb: Any) -> list[Any]:
    """What a passive verb of accusing says its subject is accused of, wherever the parse hung
    it: on the verb ("was criticised by X for ignoring ..."), or on the agent's noun ("was
    accused by the Ledger of hiding losses"); nothing where no one accused ("never")."""
    if cue_lemma(verb) not in _CHARGING:
        return []
    if any(
        t.dep_ == "neg" or t.lower_ in ("never", "not", "n't")
        for c in verb.children
        if c.dep_ in ("neg", "advmod")
        for t in c.subtree
    ):
        return []  # "never once have we been accused by a regulator of lying": no one's charge
    heads = [verb, *(p for a in verb.children if a.dep_ == "agent" for p in a.children)]
    return [
        t
        for head in heads
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > verb.i
        for t in c.subtree
    ]


def _frame_tokens(verb: Any, speaker: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    lemma = cue_lemma(verb)
    children = list(verb.children)
    by_dep: dict[str, list[Any]] = {}
    for child in children:
        by_dep.setdefault(child.dep_, []).append(child)
    if (rejected := prepositional_account(verb)) is not None:
        by_dep.setdefault("dobj", []).append(rejected)  # "pushed back against claims that"
    expletive = any(c.lower_ == "it" for c in by_dep.get("nsubjpass", [])) and "ccomp" in by_dep
    if "agent" in by_dep and lemma in OBJECT_VERBS and not expletive:
        # "the figure was disputed by X"; not "it is claimed by X that ...", whose clause it is;
        # "Acme was accused by X of hiding losses": what Acme is accused of goes with it
        for child in by_dep.get("nsubjpass", []):
            return strip_tokens([*child.subtree, *charge_tokens(verb)]), [*by_dep["agent"]]
    if lemma in CLAUSE_VERBS:
        glued = _glued_to_day(verb, by_dep)
        if glued:
            return glued, []
        stolen = _clause_made_subject(verb, by_dep)
        if stolen:
            return stolen, []
        passive = any(c.lower_ != "it" for c in by_dep.get("nsubjpass", []))
        for child in sorted(by_dep.get("ccomp", []), key=lambda c: c.i < verb.i):
            if child.i < verb.i and passive:
                # "Y, so the revenue will not be recognized": a passive's subject is no speaker
                # of the clause before ("Y, it was reported" is the page's hearsay)
                continue
            if child.i < verb.i and any(t.text in ";:" for t in verb.doc[child.i : verb.i]):
                # "It's unlikely; her team says she will go on", "On this we are clear: X has
                # never found Y": not what it says
                continue
            tokens = content_subtree(child)
            if child.i > verb.i and not any(c.dep_ in SUBJECTS for c in child.children):
                # "denied this type of access | was possible": the parse made the clause's
                # subject the verb's object
                for obj in by_dep.get("dobj", []):
                    if obj.right_edge.i + 1 == child.left_edge.i:
                        tokens = strip_tokens([*obj.subtree, *tokens], keep_mark=True)
            stops = [t.i for t in tokens if t.text == ";" and t.i < child.i]
            if child.i < verb.i and stops:
                # "It was a long day; the outage lasted two hours, X said": from the semicolon
                tokens = strip_tokens([t for t in tokens if t.i > stops[-1]], keep_mark=True)
            return tokens, []
        for child in by_dep.get("advcl", []):
            if child.i > verb.i and _unmarked_clause(child):
                return _adverbial_content(child), []
            if child.i < verb.i and _unmarked_clause(child) and ends_sentence(verb):
                # "As part of X, the agency arranged Y, Reuters has learned.": the parse hung
                # the reported clause on the trailing cue as an adverbial
                return content_subtree(child), []
        for clause in _clause_on_medium(by_dep.get("prep", [])):
            return content_subtree(clause), []
        as_clause = verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        )
        # "Once installed, the code could track users, the Ledger charged.": the parse hung the
        # trailing cue on the reported clause as an adverbial
        trailing = (
            verb.dep_ == "advcl"
            and verb.head.i < verb.i
            and ends_sentence(verb)
            and verb.left_edge.i > 0
            and verb.doc[verb.left_edge.i - 1].text == ","
            and "nsubj" in by_dep
            and "mark" not in by_dep
        )
        if as_clause and _corrects(verb):
            return [], []  # "she is 21 – not 13, as reported by the Ledger": the page's own
        if verb.dep_ == "parataxis" or as_clause or trailing:
            # "The outage, she said, lasted two hours." / "As Kestrel noted, the outage ..."
            skip = {t.i for t in verb.subtree} | {t.i for t in speaker}
            head = verb.head
            return strip_tokens(
                [t for t in head.subtree if t.i not in skip and t.sent == verb.sent]
            ), []
    if lemma in INFINITIVE_VERBS:
        for child in by_dep.get("xcomp", []):
            if child.i < verb.i:
                continue
            tokens = content_subtree(child)
            if lemma in ADDRESSEE_VERBS:
                for obj in by_dep.get("dobj", []):
                    tokens = strip_tokens(list(obj.subtree) + tokens)
            return tokens, []
    if lemma in _GERUND_VERBS:
        for child in by_dep.get("xcomp", []):
            # "X denied hiding the results", "X denies having misled the board", "X denied
            # being affected by the breach"
            having = any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in ("having", "being")
                for c in child.children
            )
            if child.i > verb.i and (child.tag_ == "VBG" or having):
                return content_subtree(child), []
    if lemma == "call" and "dobj" not in by_dep and len(by_dep.get("oprd", [])) > 1:
        # "called Oz a quack", parsed as two predicates: the first is who is called it
        by_dep["dobj"], by_dep["oprd"] = by_dep["oprd"][:1], by_dep["oprd"][1:]
    if lemma == "call" and "dobj" not in by_dep and _called_this(by_dep.get("oprd", [])):
        # "calls this ‘utter rubbish’", the demonstrative parsed as the quoted words' determiner
        return strip_tokens(list(by_dep["oprd"][0].subtree)), []
    if (lemma in OBJECT_VERBS and lemma not in ADDRESSEE_OBJECT) or _inquiry_finds(lemma, by_dep):
        for obj in by_dep.get("dobj", []):
            account = (
                denied_account(obj) or _account_beside(obj, by_dep.get("prep", []))
                if lemma in DENIAL_VERBS
                else None
            )
            if account is not None:  # "rejected a report that ...": what the report says
                return content_subtree(account), []
            predicates = by_dep.get("oprd", []) + by_dep.get("ccomp", [])
            # "called the claims “false and misleading”", the quoted adjectives parsed as the
            # object's modifiers after it
            described = any(
                c.i > obj.i and (c.dep_ == "amod" or (c.dep_ in ("acl", "oprd") and _quoted(c)))
                for c in obj.subtree
            ) or any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i for c in children)
            quotation = _quotation_after(obj) if lemma == "call" else []
            if lemma == "call" and not predicates and not described and not quotation:
                continue  # "called the office": a phone call, not a description
            tokens = list(obj.subtree) + quotation  # "calls the claims “plainly inaccurate”"
            for more in by_dep["dobj"]:
                # "criticized the administration's plans to ...", parsed as two objects: the
                # second runs on right after the first
                if more.left_edge.i == max(t.i for t in tokens) + 1:
                    tokens.extend(more.subtree)
            for pred in predicates:
                tokens.extend(pred.subtree)
            for child in children:
                # "described the report as false", "accused Kestrel of hiding", "blamed X for Y",
                # "the poll shows Clinton ahead by three points"
                if child.i > obj.i and _completes_object(child, lemma):
                    tokens.extend(child.subtree)
            return strip_tokens(tokens), []
    for prep in by_dep.get("prep", []):
        if lemma == "call" and prep.lower_ == "on" and "dobj" in by_dep:
            continue  # "called the office on Monday": whom it called, and when
        if prep.lower_ in PREPOSITION_FRAMES.get(lemma, ()):
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] or [
                # "called for compensation to be clawed back": the clause hung on the verb
                c
                for c in by_dep.get("ccomp", [])
                if c.i > prep.i
            ]
            if objects:
                tokens = list(objects[0].subtree)
                for child in by_dep.get("xcomp", []) + by_dep.get("advcl", []):
                    if child.i > prep.i and any(c.lower_ == "to" for c in child.children):
                        tokens.extend(child.subtree)  # "called on Congress to act"
                return strip_tokens(tokens), [prep]
    for clause in by_dep.get("advcl", []):
        # "called for the plant to be closed", parsed as a clause that "for" marks
        marks = [c for c in clause.children if c.dep_ == "mark"]
        if marks and marks[0].lower_ in PREPOSITION_FRAMES.get(lemma, ()) and clause.i > verb.i:
            return strip_tokens([t for t in clause.subtree if t.i != marks[0].i]), marks[:1]
    return [], []


_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_PARTS_OF_DAY = frozenset("morning afternoon evening night".split())


# what an "as X reported" clause follows when it attributes only a corrected figure: "is 21
# years old – not 13 years old, as reported by the Ledger", "19, not 12, as the Ledger claimed"
_CORRECTION = re.compile(r"(?:,|\s[-–—])\s*not\s+[^,;:–—]{1,60}?,?\s*$", re.IGNORECASE)
_CORRECTED_BY = frozenset("report claim allege state suggest say write publish print".split())


def _corrects(verb: Any) -> bool:
    """Whether the "as" clause of `verb` attributes only what its sentence corrects ("as X
    noted" after "not Y" agrees with the correction instead), or says it was wrong ("Y is not
    Z, as erroneously written by the WSJ")."""
    if cue_lemma(verb) not in _CORRECTED_BY:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in FALSELY for c in verb.children):
        return True
    before = doc_text(verb.doc)[verb.sent.start_char : verb.left_edge.idx]
    return _CORRECTION.search(before) is not None


def _clause_made_subject(verb: Any, by_dep: dict[str, list[Any]]) -> list[Any]:
    """The content of "Acme maintains safety | isn't impacted", parsed with the cue as the
    clausal subject of the reported predicate and the reported subject as the cue's object: the
    object and the predicate's words (none when the parse kept them apart)."""
    head = verb.head
    objects = by_dep.get("dobj", [])
    if verb.dep_ not in ("csubj", "csubjpass") or head.i < verb.i or not objects:
        return []
    obj = objects[0]
    between = verb.doc[obj.right_edge.i + 1 : head.i]  # "is", "n't": the predicate's own words
    if obj.left_edge.i != verb.i + 1 or any(t.head.i != head.i for t in between):
        return []
    own = {t.i for t in verb.subtree} - {t.i for t in obj.subtree}
    return strip_tokens([t for t in head.subtree if t.i not in own and t.sent == verb.sent])


def _glued_to_day(verb: Any, by_dep: dict[str, list[Any]]) -> list[Any]:
    """The content of "said on Friday statements in the report were misleading", parsed with
    "Friday statements" as the object of "on" and the clause's subject lost: from after the day
    to the end of the verb's last clause (none when the parse kept them apart)."""
    for prep in by_dep.get("prep", []):
        day = verb.doc[prep.i + 1] if prep.i + 1 < len(verb.doc) else None
        if prep.i < verb.i or prep.lower_ != "on" or day is None:
            continue
        if day.lower_ not in _DAYS or day.dep_ != "compound" or day.head.head.i != prep.i:
            continue
        clauses = [c for c in by_dep.get("ccomp", []) if c.i > day.i]
        marked = [t for c in clauses for t in c.children if t.dep_ == "mark"]
        if clauses and not marked and day.head.lower_ not in _PARTS_OF_DAY:
            # not "said on Friday evening that it ...", which lost no subject
            last = max(t.i for c in clauses for t in c.subtree)
            return strip_tokens(list(verb.doc[day.i + 1 : last + 1]))
    return []


# verbs whose content may be a gerund: "denied hiding the results", "admitted having lied"
_GERUND_VERBS = DENIAL_VERBS | {"admit", "acknowledge", "concede", "confess"}


# where words were said: "said in a statement that ..."
MEDIA = frozenset(
    """statement interview email e-mail letter post filing release note memo call briefing
    update tweet""".split()
)


def _clause_on_medium(preps: Sequence[Any]) -> list[Any]:
    """The "that" clause the small parser hangs on the medium of a saying ("X said in a
    statement that Y", Y parsed as the clause of "statement")."""
    found = []
    for prep in preps:
        if prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in MEDIA:
                continue
            found += [
                c
                for c in noun.children
                if c.dep_ in ("acl", "relcl", "ccomp")
                and c.i > noun.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
    return found


_OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})


def _quoted(token: Any) -> bool:
    """Whether a word opens a quotation, alone or after its adverb ("“fundamentally
    inaccurate”")."""
    words = token.doc[token.left_edge.i : token.i + 1]
    before = token.doc[words.start - 1 : words.start]
    return any(t.text in _OPENING_QUOTES for t in [*before, *words][:2])


def _quotation_after(obj: Any) -> list[Any]:
    """The words of a short quotation right after an object's words, wherever the parse hung
    them ("calls the claims made by the Example “plainly inaccurate”", the adjective taken for
    a clause of the main verb)."""
    doc = obj.doc
    opening = obj.right_edge.i + 1
    if opening >= len(doc) or doc[opening].text not in _OPENING_QUOTES:
        return []
    end = min(opening + 10, obj.sent.end)
    for i in range(opening + 1, end):
        if doc[i].text in _CLOSING_QUOTES:
            return list(doc[opening : i + 1]) if i > opening + 1 else []
    return []


def _called_this(predicates: Sequence[Any]) -> bool:
    """Whether the one predicate of "call" carries the demonstrative that is its object, the
    quotation right after it ("calls this ‘utter rubbish’")."""
    if len(predicates) != 1:
        return False
    dets = [c for c in predicates[0].children if c.dep_ == "det" and c.i < predicates[0].i]
    return (
        bool(dets)
        and dets[0].lower_ in ("this", "that", "these", "those")
        and (
            dets[0].i + 1 < len(dets[0].doc) and dets[0].doc[dets[0].i + 1].text in _OPENING_QUOTES
        )
    )


# what an inquiry finds is its finding even as a noun: "A Ledger investigation found
# discrepancies in how Y" (the police who "found the body" find no claim)
_INQUIRIES = frozenset(
    "investigation inquiry probe audit review study report analysis survey research".split()
)


def _inquiry_finds(lemma: str, by_dep: dict[str, list[Any]]) -> bool:
    return lemma == "find" and any(s.lemma_.lower() in _INQUIRIES for s in by_dep.get("nsubj", []))


# what the papers show is all that follows the verb: "records show Acme approving loans | to
# customers in arrears | in order to repay old loans", the phrases hung on "show"
_SHOWING = frozenset({"show", "reveal"})


def _completes_object(child: Any, lemma: str) -> bool:
    if child.dep_ == "prep":
        # "blamed the outage on a power cut"
        return (
            child.lower_ in ("as", "of", "for", "with", "by")
            or (lemma == "blame" and child.lower_ == "on")
            or lemma in _SHOWING
        )
    if lemma in _SHOWING and child.dep_ in ("dative", "advcl"):
        return True
    return child.dep_ in ("advmod", "acomp", "npadvmod")


def content_subtree(head: Any) -> list[Any]:
    """A content clause without the clauses it coordinates that have their own cue and speaker
    ("X said A, and Y warned B"): those are claims of their own."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token.i != head.i and (_is_report(token) or reporting_participle(token)):
            dropped.update(t.i for t in token.subtree)
            dropped.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
    tokens = [t for t in head.subtree if t.i not in dropped]
    return strip_tokens(tokens, keep_mark=True)


def _unmarked_clause(token: Any) -> bool:
    """A finite clause with a subject and no subordinator ("he would resign", not "when he
    resigned", "adding that ..."): what a parse that calls it adverbial takes from a cue verb
    ("X said after the meeting he would resign")."""
    deps = {c.dep_ for c in token.children}
    return (
        "mark" not in deps
        and bool(deps & set(SUBJECTS))
        and token.tag_ != "VBG"
        and token.lemma_.lower() not in CLAUSE_VERBS
    )


def _adverbial_content(clause: Any) -> list[Any]:
    """The clause's content without what comes before its subject ("after the meeting" says
    when it was said)."""
    subject = min(c.i for c in clause.children if c.dep_ in SUBJECTS)
    lead = {
        t.i
        for c in clause.children
        if c.i < subject and c.dep_ in ("prep", "npadvmod")
        for t in c.subtree
    }
    return [t for t in content_subtree(clause) if t.i not in lead]


def reporting_participle(token: Any) -> bool:
    """A participle set off by a comma that reports a clause of its own (", arguing that ...",
    ", saying that ..."): a second claim of the speaker's, not more of the first."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and cue_lemma(token) in CLAUSE_VERBS
        and any(c.dep_ == "ccomp" for c in token.children)
        and token.i > 0
        and token.doc[token.i - 1].text == ","
    )


def ends_sentence(verb: Any) -> bool:
    """Whether nothing but punctuation follows verb `verb` in its sentence ("..., X has
    learned.")."""
    return all(t.is_punct or t.is_space for t in verb.doc[verb.i + 1 : verb.sent.end])
