"""Claims of a cue verb: its speaker, and its content in the slot the verb's frame names.

"X said (that) ...", "..., X said", "the outage, she said, lasted ...", "X denied any
wrongdoing", "X plans to ...", "X urged regulators to ...", "X called the report misleading",
"X called for ...", "the figure was disputed by X", "..., saying ..." (the speaker of the clause
it hangs on). Direct quotes attributed by the verb come with its content: the quote right before
or after the speaker and cue (“A,” X said, “B.”), and every quote the content overlaps, widened
to its quotation marks. The frames themselves are listed in `cues`, and read in `frames`.
A denial of someone else's account ("X rejected a report that Y", "X dismissed claims that Y",
the headline "X disputes report that Y") is X's denial of Y: the content is the clause Y, the
polarity `denied`; the account is never X's assertion (`frames.denied_account`). It is the
account's: `account_claim` gives Y a second claim of kind `account`, spoken by the account itself
("a claim made by lab experts in the Journal story", "the Ledger's report"), whose side speaker
resolution decides. So does what a sentence says an allegation or a finding is ("A central
accusation is that Y", "Among the findings were that Y": `copular_account_claim`). A quote in
the next sentence that itself reports a named speaker ("“Ostrava said it disagreed.”") is not
the cue's (`RELAYS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.nlp.assemble import build_claim, intro_claim, quote_kind
from pipeline.nlp.cues import (
    ACCOUNT_NOUNS,
    ADDRESSEE_OBJECT,
    CLAUSE_VERBS,
    DENIAL_VERBS,
    SUBJECTS,
    cue_lemma,
    prepositional_account,
)
from pipeline.nlp.frames import (
    MEDIA,
    charge_tokens,
    content_subtree,
    content_tokens,
    denied_account,
    ends_sentence,
    reporting_participle,
)
from pipeline.nlp.quotes import inside
from pipeline.nlp.spans import (
    QUOTE_MARKS,
    TRIM_PUNCT,
    Range,
    char_range,
    doc_text,
    merge,
    overlaps,
    quoted_ranges,
    span_of,
    speaker_tokens,
    strip_tokens,
    token_end,
    token_ranges,
)
from pipeline.records import Claim, Polarity

_EXPLETIVES = frozenset({"it", "there"})
_WORKS = frozenset(
    "story article report piece post blog statement letter column op-ed update tweet".split()
)
# "X responded with / in / through a statement saying ...": the statement is X's own
_OWN_WORK_PREPOSITIONS = frozenset({"with", "in", "through", "via"})
# a denial verb's present tense, which a headline's parse can take for a noun ("Kestrel disputes
# report that ...": "Kestrel disputes" as the subject of the verb "report")
_DENIES = frozenset(
    v[:-1] + "ies" if v.endswith("y") else v + ("es" if v.endswith("s") else "s")
    for v in DENIAL_VERBS
)


def cue_verb_claim(sent: Any, verb: Any, quotes: list[Range]) -> Claim | None:
    """The claim that cue verb `verb` of sentence `sent` reports, if it has a speaker and a
    content (or introduces the quote after a closing colon)."""
    doc = sent.doc
    text = doc_text(doc)
    if inside(quotes, verb.idx, token_end(verb)) is not None:
        return None
    subject = _passive_caller(verb) or _speaker_token(verb)
    if subject is not None and inside(quotes, subject.idx, token_end(subject)) is not None:
        return None
    if (
        subject is None
        or _threat_of_a_thing(verb, subject)
        or _failed_proof(verb)
        or _free_relative(verb)
        or _sentential_relative(verb, subject)
    ):
        return None
    source = _cited_source(verb)
    if source is not None:
        return _cited_claim(sent, verb, source, quotes)
    headline = _headline_denial(sent, verb, subject, quotes)
    if headline is not None:
        return headline
    antecedent = None
    if subject.lower_ in _EXPLETIVES and subject.dep_ == "nsubjpass":
        speaker_phrase: list[Any] = []  # "it was reported that ...": no source named
    else:
        charged = {t.i for t in charge_tokens(verb)}  # "accused by X | of hiding losses"
        speaker_phrase = strip_tokens([t for t in speaker_tokens(subject) if t.i not in charged])
        if _relative(verb, subject):  # "Ferro, who said ..."
            head = _issuer(verb.head) or verb.head
            antecedent = span_of(doc, speaker_tokens(head)).text
    content, frame_cue = content_tokens(verb, speaker_phrase)
    content = sorted(
        [*content, *_inverted_clauses(verb), *_continued_clauses(verb, content)],
        key=lambda t: t.i,
    )
    described = _described_noun(verb, content)
    if described:  # "its machine, which the company claims is the fastest": "its machine" too
        content = [*described, *(t for t in content if t.i != content[0].i)]
    cue = span_of(doc, _cue_tokens(verb, frame_cue))
    speaker = span_of(doc, speaker_phrase) if speaker_phrase else None
    lo = min(cue.start, speaker.start) if speaker else cue.start
    hi = max(cue.end, speaker.end) if speaker else cue.end
    ranges = token_ranges(content)
    before, after = _adjacent_quote(text, quotes, lo, hi, char_range(sent)[1])
    if not ranges or any(overlaps(q, r) for q in (before, after) if q for r in ranges):
        ranges += [q for q in (before, after) if q]
    ranges += [q for q in quotes if any(overlaps(q, r) for r in ranges)]
    ranges = merge(text, ranges)
    hull = (ranges[0][0], ranges[-1][1]) if ranges else (0, 0)
    if (
        verb.dep_ == "relcl"
        and not described
        and speaker
        and overlaps((speaker.start, speaker.end), hull)
    ):
        # "an accusation that we categorically deny": the clause relativises what is denied,
        # its speaker's words are no content
        return None
    if not ranges:
        if sent.text.rstrip().endswith(":") or _bare_report(verb):
            return intro_claim(doc, sent, speaker, cue)  # the quote that follows is the content
        return None
    kind = quote_kind(ranges, quotes)
    negated_cue = any(c.dep_ == "neg" for c in verb.children)
    lemma = cue_lemma(verb)
    polarity: Polarity = (
        "denied"
        if (lemma in DENIAL_VERBS and not negated_cue)
        or (negated_cue and lemma in _SAYING)
        or _called_false(verb)
        else "asserted"
    )
    claim = build_claim(doc, kind, ranges, sent, speaker, cue, polarity)
    return replace(claim, speaker_name=antecedent) if claim and antecedent else claim


def account_claim(sent: Any, verb: Any, quotes: list[Range]) -> Claim | None:
    """The account a denial verb relays ("X rejected a report by Z that Y": Z's claim Y), with
    the account's own words as its speaker and its noun as its cue; None for any other verb."""
    if cue_lemma(verb) not in DENIAL_VERBS or verb.pos_ != "VERB":
        return None
    rejected = prepositional_account(verb)  # "pushed back against claims that Y"
    for obj in [*verb.children, *([rejected] if rejected is not None else [])]:
        clause = denied_account(obj) if obj.dep_ == "dobj" or obj is rejected else None
        if clause is None:
            continue
        doc = sent.doc
        text = doc_text(doc)
        inner = {t.i for t in clause.subtree}
        speaker = strip_tokens([t for t in obj.subtree if t.i not in inner])
        ranges = quoted_ranges(text, content_subtree(clause), quotes)
        if not ranges or not speaker:
            return None
        return build_claim(
            doc,
            "account",
            ranges,
            sent,
            span_of(doc, speaker),
            span_of(doc, [obj]),
        )
    return None


# what one side alleges of the other, relayed by naming it: "A central accusation is that ...",
# "One of the most serious allegations is that ...", "Among the findings were that ..."
COPULAR_ACCOUNT_NOUNS = frozenset(
    "accusation allegation charge claim contention finding suggestion".split()
)


def copular_account_claim(sent: Any, verb: Any, quotes: list[Range]) -> Claim | None:
    """The account a sentence relays by saying what an allegation or a finding is ("A central
    accusation is that Y": the accuser's claim Y), with the noun's phrase as its speaker and
    the noun as its cue; None unless `verb` is "be" with such a noun as its subject (or after
    "among") and a "that" clause."""
    if verb.lemma_ != "be":
        return None
    noun = _account_subject(verb)
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("ccomp", "attr")
            and (c.left_edge.lower_ == "that" or c.left_edge.i < verb.i)
        ),
        None,
    )
    if noun is None or clause is None:
        return None
    doc = sent.doc
    phrase = noun if noun.head.dep_ != "prep" or noun.head.head.lower_ != "one" else noun.head.head
    speaker = strip_tokens([t for t in phrase.subtree if t.i < verb.i])
    # what follows "is that" only: a parse that hangs the noun on the clause's verb
    content = [t for t in content_subtree(clause) if t.i > verb.i]
    # widened to the quotes inside it, not to a quote the whole sentence sits in
    inner = [q for q in quotes if not q[0] <= noun.idx < q[1]]
    ranges = quoted_ranges(doc_text(doc), content, inner)
    if not ranges or not speaker:
        return None
    return build_claim(doc, "account", ranges, sent, span_of(doc, speaker), span_of(doc, [noun]))


def _account_subject(verb: Any) -> Any | None:
    """The allegation or finding `verb` ("be") says the content of: its subject, the noun
    after "one of" ("One of the allegations is"), or the noun after "among" ("Among the
    findings were")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            noun = child
            if child.lower_ == "one":
                noun = next(
                    (g for c in child.children if c.lower_ == "of" for g in c.children), child
                )
        elif child.dep_ == "prep" and child.lower_ == "among":
            noun = next((c for c in child.children if c.dep_ == "pobj"), child)
        else:
            continue
        if noun.lemma_.lower() in COPULAR_ACCOUNT_NOUNS:
            return noun
    return None


# what an outlet publishes, named with its outlet: "a CoinDesk report that ..."
_NAMED_WORKS = frozenset("report story article investigation analysis".split())


def named_report_claim(sent: Any, noun: Any, quotes: list[Range]) -> Claim | None:
    """What a named report says, wherever the sentence mentions it ("A Ledger report that Y
    set off a run on the bank": the Ledger's claim Y), with the report's words as its speaker
    and its noun as its cue; None unless the report's phrase names its outlet (a name before
    the noun, or a possessor) and has a "that" clause. A denial's object is `account_claim`'s."""
    if noun.lemma_.lower() not in _NAMED_WORKS or noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "dobj" and cue_lemma(noun.head) in DENIAL_VERBS:
        return None
    named = any(
        c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < noun.i for c in noun.children
    )
    clause = denied_account(noun) if named else None
    if clause is None:
        return None
    doc = sent.doc
    inner = {t.i for t in clause.subtree}
    speaker = strip_tokens([t for t in noun.subtree if t.i not in inner and t.i <= noun.i])
    ranges = quoted_ranges(doc_text(doc), content_subtree(clause), quotes)
    if not ranges or not speaker:
        return None
    return build_claim(doc, "account", ranges, sent, span_of(doc, speaker), span_of(doc, [noun]))


# who or what a citation names as its source when the citation itself says nothing
_SOURCE_NOUNS = frozenset(
    """people person source official spokesperson spokesman spokeswoman representative employee
    executive insider analyst expert engineer worker staff staffer lawyer attorney witness
    doctor researcher scientist investigator manager""".split()
)


def _cited_source(verb: Any) -> Any | None:
    """The person or body that "cite" names as a source ("citing an Amazon spokesperson",
    "cited four people familiar with the matter"), else None ("cited the figures")."""
    if verb.lemma_.lower() != "cite":
        return None
    source = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if source is None:
        return None
    if source.ent_type_ in ("PERSON", "ORG", "NORP") or source.lemma_.lower() in _SOURCE_NOUNS:
        return source
    return None


def _cited_claim(sent: Any, verb: Any, source: Any, quotes: list[Range]) -> Claim | None:
    """ "Reuters reported, citing an Amazon spokesperson, that X", with the clause parsed under
    "citing": X is the spokesperson's (relayed by Reuters). A citation of people with no clause
    of its own ("an investigation that cited four people familiar with the matter") reports
    nothing: the people are no content."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > source.i), None)
    if clause is None:
        return None
    return _clause_claim(sent, clause, quotes, speaker_tokens(source), [verb])


def _clause_claim(
    sent: Any,
    clause: Any,
    quotes: list[Range],
    speaker: Sequence[Any],
    cue: Sequence[Any],
    polarity: Polarity = "asserted",
) -> Claim | None:
    """The claim whose content is `clause` (widened to the quotes it overlaps), spoken by the
    tokens `speaker` with the tokens `cue`; None when the clause leaves no content."""
    doc = sent.doc
    ranges = quoted_ranges(doc_text(doc), content_subtree(clause), quotes)
    if not ranges:
        return None
    return build_claim(
        doc,
        quote_kind(ranges, quotes),
        ranges,
        sent,
        span_of(doc, speaker),
        span_of(doc, cue),
        polarity,
    )


def _headline_denial(sent: Any, verb: Any, subject: Any, quotes: list[Range]) -> Claim | None:
    """ "Kestrel disputes report that its agent caused the outage", parsed as the verb "report"
    with the subject "Kestrel disputes": Kestrel's denial that its agent caused the outage."""
    if not (
        subject.i == verb.i - 1
        and subject.lower_ in _DENIES
        and verb.lower_ in ACCOUNT_NOUNS
        and subject.pos_ in ("NOUN", "PROPN")
    ):
        return None
    speaker = [t for t in subject.subtree if t.i < subject.i]
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if not speaker or clause is None:
        return None
    return _clause_claim(sent, clause, quotes, speaker, [subject], "denied")


def _inverted_clauses(verb: Any) -> list[Any]:
    """ "X called out A; that B; and that C": the parser may take the first that-clause after the
    cue for the sentence's root and hang the cue's clause on it (as its ccomp); the that-clauses
    are then the cue's content, after whatever its own frame holds."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.dep_ != "ROOT" or head.i <= verb.i:
        return []
    mark = next(
        (c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > verb.i),
        None,
    )
    if mark is None:
        return []
    own = {t.i for t in verb.subtree}
    return strip_tokens(
        [t for t in head.subtree if t.i not in own and t.i >= mark.i], keep_mark=True
    )


# a conjunct that tells what the speaker did, not what it says ("... and declined to comment")
_DEEDS = frozenset("decline refuse fail want plan seek try hope".split())


def _continued_clauses(verb: Any, content: Sequence[Any]) -> list[Any]:
    """ "Acme says it abides by the rules and hasn't exaggerated its results": the parser may
    hang the content's second clause on a present-tense cue (a conjunct with no subject of its
    own, but an auxiliary or a negation of a finite clause); it is still what the cue reports."""
    if not content or verb.tag_ not in ("VBZ", "VBP"):
        return []
    last = max(t.i for t in content)
    found: list[Any] = []
    for conj in verb.children:
        if (
            conj.dep_ != "conj"
            or conj.left_edge.i <= last
            or conj.pos_ not in ("VERB", "AUX")
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children)
            or not any(c.dep_ in ("aux", "auxpass", "neg") for c in conj.children)
            or cue_lemma(conj) in CLAUSE_VERBS
            or conj.lemma_.lower() in _DEEDS
        ):
            continue
        between = verb.doc[last + 1 : conj.left_edge.i]
        if not between or any(t.dep_ != "cc" or t.head.i != verb.i for t in between):
            continue
        found += [*between, *strip_tokens(list(conj.subtree))]
        last = conj.right_edge.i
    return found


def _bare_report(verb: Any) -> bool:
    """ "Defending his account, Ferro countered.": a reporting verb that ends its sentence with
    nothing reported, introducing the quote after it."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)  # "the revenue is not recognized"
    return (
        verb.dep_ == "ROOT"
        and cue_lemma(verb) in CLAUSE_VERBS
        and ends_sentence(verb)
        and not passive
    )


def _work_speaker(noun: Any) -> Any:
    """Who speaks through a participle on noun `noun` ("a statement denying ...", "an ad
    questioning ..."): the noun, or the author of a work that is the author's own ("the paper
    published a story asserting ...", "X responded with a statement claiming ..."); not "X
    issued a rebuttal to a report claiming ...", where the work is someone else's."""
    own_work = noun.dep_ == "dobj" or (
        noun.dep_ == "pobj" and noun.head.lower_ in _OWN_WORK_PREPOSITIONS
    )
    if noun.lemma_.lower() in _WORKS and own_work:
        clause = noun.head if noun.dep_ == "dobj" else noun.head.head
        author = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if author is not None:
            return author
    return noun


# verbs that name what something is: "the company labelled a fraud by Kestrel"
_NAMING = frozenset("label call brand dub term".split())


def _passive_caller(verb: Any) -> Any | None:
    """The one who named something, when the parse read a participle as a finite verb ("Acme,
    the company labelled a 'massive fraud' by Kestrel, said ...": Kestrel labelled it)."""
    if verb.lemma_.lower() not in _NAMING or verb.tag_ not in ("VBD", "VBN"):
        return None
    for word in (verb, *(c for c in verb.children if c.dep_ in ("dobj", "oprd"))):
        for prep in word.children:
            if prep.dep_ == "prep" and prep.text.lower() == "by" and prep.i > verb.i:
                named = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if named:
                    return named[0]
    return None


# what backs a statement, which says nothing itself: "Y is backed by independent testing",
# "supported by the data" are the page's own words about Y
_EVIDENCE_AGENTS = frozenset(
    """data datum evidence test testing research study standard document record fact finding result
    science measurement""".split()
)


def _evidence_backing(verb: Any, subject: Any) -> bool:
    """Whether `subject` is evidence backing something ("the evidence that supports the
    regulator's finding", "studies back the claim"), which says nothing itself."""
    if cue_lemma(verb) not in ("support", "back"):
        return False
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head
    nouns = [subject]
    nouns += [o for p in subject.children if p.lower_ == "of" for o in p.children]  # "body of"
    return any(_is_evidence(n) for n in nouns)


# what a piece of work, named by its activity, is said to have shown
_SHOWING = frozenset("show reveal find prove suggest indicate confirm demonstrate".split())


def _is_evidence(noun: Any) -> bool:
    """Whether `noun` names evidence (data, a study, testing), not someone who can speak."""
    return bool(noun.pos_ != "PROPN" and noun.lemma_ in _EVIDENCE_AGENTS)


def _speaker_token(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":  # "the figure was disputed by the company"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and _is_evidence(objects[0]):
                return None
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ == "nsubjpass" and cue_lemma(verb) in ADDRESSEE_OBJECT:
            return None  # "as the Ledger was repeatedly told": who was told, not who told
        if child.dep_ in SUBJECTS:
            if _evidence_backing(verb, child):
                return None
            later = [c for c in verb.children if c.dep_ in SUBJECTS and c.i > child.i]
            if child.tag_ in ("WDT", "WP") and later:
                return later[0]  # "the factory which it said made Y": "it" said, not "which"
            return child
    for child in verb.children:
        if child.dep_ == "csubj" and child.tag_ == "VBG" and cue_lemma(verb) in _SHOWING:
            return child  # "Filming on the production line showed that Y": what it found
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _work_speaker(verb.head)
    head = verb.head
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBD"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and verb.i == head.i + 1
    ):
        # "The press release called the claims false", parsed as a noun phrase whose root is
        # "release": a finite verb right after the root noun is its predicate
        return head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0:
        # "X pushes back on FT report blaming ...": a headline's participle right after a work
        # (no comma) is the work's, however the parse hangs it
        work = verb.doc[verb.i - 1]
        if work.lemma_.lower() in _WORKS and work.dep_ in ("dobj", "pobj"):
            return _work_speaker(work)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "X said A and added that B": the second verb shares the first one's subject, also
        # when the parse hangs it on the first one's content.
        outer = _outer_cue(verb.head)
        if outer is None and _embedded_question(verb.head):
            # "We examine how X began and show how Y ...": hung on the embedded question, the
            # verb goes with the one the question is the object of
            outer = verb.head.head
        return _speaker_token(outer if outer is not None else verb.head)
    if (
        verb.dep_ == "ccomp"
        and verb.tag_ == "VBG"
        and verb.head.tag_ == "VBG"
        and cue_lemma(verb.head) in CLAUSE_VERBS
        and verb.doc[verb.i - 1].lower_ == "and"
    ):
        # "X responded, saying that A and asserting that B": the second participle, hung on
        # the first as its clause, has the first one's speaker
        return _speaker_token(verb.head)
    raiser = _raiser(verb)
    if raiser is not None:
        # "X went on to say that ...", "X was quick to point out that ...": the subject of the
        # verb the infinitive completes speaks
        return _speaker_token(raiser)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "by":
        # "X misled readers by (falsely) claiming that ... and by stating that ...": the
        # subject of the act
        by = verb.head
        while by.dep_ == "conj" and by.head.lower_ == "by":
            by = by.head
        if by.head.pos_ in ("VERB", "AUX"):
            return _speaker_token(by.head)
    if (
        verb.dep_ in ("advcl", "xcomp")
        and (verb.tag_ == "VBG" or _perfect_participle(verb))
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # "X attacked Y, saying ...", "X downplayed it, having told Z that ...": the speaker of
        # the clause the participle hangs on; "X said A lasted an hour, adding that ...", hung
        # on the content's verb: X's
        outer = _outer_cue(verb.head) if reporting_participle(verb) else None
        return _speaker_token(outer if outer is not None else verb.head)
    return None


def _perfect_participle(verb: Any) -> bool:
    """ "having told", "having said": a past participle after "having"."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ == "having" for c in verb.children
    )


_QUOTE_THEN_COMMA = frozenset(
    {("”", ","), ('"', ","), ("»", ","), (",", "”"), (",", '"'), (",", "»")}
)


def _inverted_subject(verb: Any) -> Any | None:
    """The speaker after the verb that the parse took for its object where the quote closes
    before or after its comma ("“...”, indicates the bank.", "“...,” tweeted the bank."): the
    noun the sentence ends on."""
    if verb.i < 2 or cue_lemma(verb) not in CLAUSE_VERBS:
        return None
    if (verb.doc[verb.i - 2].text, verb.doc[verb.i - 1].text) not in _QUOTE_THEN_COMMA:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd") and c.i > verb.i]
    if len(objects) != 1 or not ends_sentence(objects[0]):
        return None
    return objects[0]


_ISSUING = frozenset("issue release publish send post put make".split())


def _issuer(noun: Any) -> Any | None:
    """Who issued the statement a relative clause's verb speaks for ("Ryanair issued a
    statement which said: ..."): the subject of the verb whose object it is."""
    if noun.lemma_.lower() not in MEDIA or noun.dep_ != "dobj":
        return None
    if noun.head.lemma_.lower() not in _ISSUING:
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


_WH = frozenset({"how", "why", "what", "whether", "when", "where"})
# "X never suggested that Y": a verb of saying, negated, denies its content, as does a verb of
# belief ("we do not believe that Y" says not-Y)
_SAYING = frozenset("say suggest claim state allege assert imply argue believe think".split())
# what a speaker calls an account it rejects: "described as untrue a report that ..."
_FALSE_WORDS = frozenset(
    """untrue false inaccurate incorrect baseless unfounded groundless misleading fabricated
    defamatory erroneous meritless lie lies fabrication fiction nonsense""".split()
)


def _called_false(verb: Any) -> bool:
    """Whether the verb calls the clause it reports false before it reports it: "X has
    described as untrue a report that Y" (not "X called the report misleading", whose content
    holds the verdict)."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ != "as":
            continue
        for noun in child.children:
            false = noun.lower_ in _FALSE_WORDS or any(
                a.dep_ == "amod" and a.lower_ in _FALSE_WORDS for a in noun.children
            )
            clauses = [c for c in (*verb.children, *noun.children) if c.dep_ in ("ccomp", "acl")]
            if noun.dep_ == "pobj" and false and any(c.i > noun.i for c in clauses):
                return True
    return False


# nouns for those who can threaten: "the union threatened to strike"
_AGENT_NOUNS = frozenset(
    """company firm group union government regulator agency ministry lawyer lawyers attorney
    official officials executive executives board investor investors shareholder shareholders
    owner owners spokesperson spokesman spokeswoman president minister manager founder""".split()
)
# verbs and adjectives whose infinitive says what their subject goes on to do: "went on to say",
# "continued to insist", "was quick to point out" (not "declined to say", "refused to confirm")
_RAISING_VERBS = frozenset("go continue proceed hasten rush".split())
_RAISING_ADJECTIVES = frozenset("quick eager keen careful happy pleased proud willing".split())


def _free_relative(verb: Any) -> bool:
    """Whether the verb says nothing of its own: "a misrepresentation of what the memo actually
    says" names what was said without saying it ("what he said are five trucks" says that)."""
    wh = [c for c in verb.children if c.lower_ in ("what", "whatever") and c.i < verb.i]
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c not in wh]
    return bool(wh) and wh[0].dep_ in ("dobj", "ccomp") and not said


# dependencies of a clause: a noun-tagged word under one of them is a mis-tagged verb
_CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "ROOT"})
_DASHES = frozenset({"–", "—", "-", "--"})


def _sentential_relative(verb: Any, subject: Any) -> bool:
    """Whether the subject is a "which" that stands for a whole clause ("..., as the subhead
    states, which shows a lack of understanding"; "it changed the policy, which suggests that
    it knew"): what a fact shows is the writer's inference, not anyone's statement."""
    if subject.tag_ != "WDT" or subject.lower_ != "which":
        return False
    if subject.i > 0 and subject.doc[subject.i - 1].text in _DASHES:
        return True  # "... as the subhead states – which shows": an aside on the whole clause
    head = verb.head
    return verb.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN") or head.dep_ in _CLAUSES


def _relative(verb: Any, subject: Any) -> bool:
    """Whether the subject is the relative pronoun of a relative clause the verb heads ("Ferro,
    who said ...", "oversight that threatened ..."): it stands for the noun the clause is on."""
    return subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl"


def _described_noun(verb: Any, content: Sequence[Any]) -> list[Any]:
    """The noun phrase a relative clause describes through a speaker ("its reactor, which the
    company says is the safest built": "its reactor"), when the content opens with the relative
    pronoun as its clause's subject; else nothing."""
    if verb.dep_ != "relcl" or not content or verb.head.pos_ not in ("NOUN", "PROPN"):
        return []
    pronoun = content[0]
    if pronoun.tag_ not in ("WDT", "WP") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    if pronoun.head.i == verb.i or pronoun.head.dep_ not in ("ccomp", "xcomp"):
        return []
    noun = verb.head
    return [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if not t.is_punct]


# verbs of proof: who could not prove a thing claims nothing by it
_PROOF_VERBS = frozenset("prove show demonstrate establish substantiate verify".split())


def _failed_proof(verb: Any) -> bool:
    """Whether the verb is a proof negated ("a drug it couldn't prove worked", "X did not show
    that Y"): no claim of the subject's."""
    return verb.lemma_.lower() in _PROOF_VERBS and any(c.dep_ == "neg" for c in verb.children)


def _threat_of_a_thing(verb: Any, subject: Any) -> bool:
    """Whether "threaten" has a thing for its subject ("weak oversight that has threatened to
    compromise safety"): a risk, not a threat anyone made."""
    if verb.lemma_.lower() != "threaten":
        return False
    noun = verb.head if _relative(verb, subject) else subject
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in _AGENT_NOUNS:
        return False
    return not any(c.pos_ == "PROPN" for c in noun.children)


def _raiser(verb: Any) -> Any | None:
    """The verb whose subject an infinitive cue verb shares ("went" of "went on to say",
    "was" of "was quick to point out"), or None."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.tag_ != "VB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _RAISING_VERBS:
        return head
    if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.lemma_.lower() in _RAISING_ADJECTIVES:
        return head.head
    return None


def _embedded_question(token: Any) -> bool:
    """Whether `token` heads a clause that is the object of another verb and opens with a
    question word ("... examine how Nikola got its start")."""
    return token.dep_ == "ccomp" and any(
        c.lower_ in _WH and c.i < token.i and c.dep_ in ("advmod", "mark", "nsubj", "dobj")
        for c in token.children
    )


def _outer_cue(token: Any) -> Any | None:
    """The reporting verb whose content clause `token` heads, if any."""
    if token.dep_ == "ccomp" and cue_lemma(token.head) in CLAUSE_VERBS:
        return token.head
    return None


def _cue_tokens(verb: Any, frame: Sequence[Any]) -> list[Any]:
    """The cue verb with its auxiliaries, negation and particle ("has not yet said")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    tokens = [verb, *aux, *frame, *(c for c in verb.children if c.dep_ == "prt")]
    raiser = _raiser(verb)
    if raiser is not None:  # "went on to say", "was quick to point out"
        tokens += [raiser, *(c for c in raiser.children if c.dep_ == "prt")]
        tokens += [verb.head] if verb.head is not raiser else []
    if aux:
        first = min(t.i for t in aux)
        tokens.extend(c for c in verb.children if c.dep_ == "advmod" and first < c.i < verb.i)
    return sorted(tokens, key=lambda t: t.i)


# a quote that is itself a report of a named speaker ("“Ostrava said it disagreed.”"): that
# speaker's claim, not more of the quoting speaker's words
RELAYS = re.compile(
    r"\s*[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}\s+(?:also\s+)?"
    r"(?:said|says|told|stated|states|added|claimed|claims|denied|denies|insisted|maintained)\b"
)


def _adjacent_quote(
    text: str, quotes: list[Range], lo: int, hi: int, sent_end: int
) -> tuple[Range | None, Range | None]:
    """The quotes that the speaker-and-cue chunk [lo, hi) attributes besides its content:
    the quote right before it, unless a full stop closes that quote's sentence (“A,” she said /
    not “A.” She said ...); and the first quote after it that follows with nothing but
    punctuation between (she said, “B”), or after a comma (she said, smiling, “B”), or in the
    next sentence (she said, smiling. “B.”)."""
    before = after = None
    for q in quotes:
        gap = text[q[1] : lo]
        if q[1] <= lo and not gap.strip(TRIM_PUNCT) and "." not in text[q[1] - 1 : lo]:
            before = q
        elif q[0] >= hi and after is None:
            gap = text[hi : q[0]]
            if (
                (
                    not gap.strip(TRIM_PUNCT)
                    or (
                        gap.rstrip(QUOTE_MARKS + " ").endswith((",", ":"))
                        # not over a sentence of its own: "Shares fell. The firm added: “B”"
                        and (q[0] <= sent_end or not text[sent_end : q[0]].strip(TRIM_PUNCT))
                    )
                    or (
                        q[0] > sent_end
                        and not text[sent_end : q[0]].strip(TRIM_PUNCT)
                        and (before is not None or len(text[hi:sent_end].split()) <= 3)
                    )
                )
                and not RELAYS.match(text, q[0], q[1])
            ):
                after = q
    return before, after
