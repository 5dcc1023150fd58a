"""Claims of a cue verb: its speaker, and its content in the slot the verb's frame names.

"X said (that) ...", "..., X said", "the outage, she said, lasted ...", "X denied any
wrongdoing", "X plans to ...", "X urged regulators to ...", "X called the report misleading",
"X called for ...", "the figure was disputed by X", "..., saying ..." (the speaker of the clause
it hangs on). Direct quotes attributed by the verb come with its content: the quote right before
or after the speaker and cue (“A,” X said, “B.”), and every quote the content overlaps, widened
to its quotation marks. The frames themselves are listed in `cues`.
A denial of someone else's account ("X rejected a report that Y", "X dismissed claims that Y",
the headline "X disputes report that Y") is X's denial of Y: the content is the clause Y, the
polarity `denied`; the account is never X's assertion (`denied_account`). It is the account's:
`account_claim` gives Y a second claim of kind `account`, spoken by the account itself ("a claim
made by lab experts in the Journal story", "the Ledger's report"), whose side speaker resolution
decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.nlp.assemble import build_claim, intro_claim, quote_kind
from pipeline.nlp.cues import (
    ACCOUNT_NOUNS,
    ADDRESSEE_OBJECT,
    ADDRESSEE_VERBS,
    CLAUSE_VERBS,
    DENIAL_VERBS,
    INFINITIVE_VERBS,
    OBJECT_VERBS,
    PREPOSITION_FRAMES,
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

SUBJECTS = ("nsubj", "nsubjpass")
_EXPLETIVES = frozenset({"it", "there"})
_WORKS = frozenset("story article report piece post blog statement letter column op-ed".split())
# verbs that make an account: "the report that the inspectors published" is a relative clause
_MAKE_WORKS = frozenset("publish print write issue release run air file produce carry".split())
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
    subject = _speaker_token(verb)
    if subject is not None and inside(quotes, subject.idx, token_end(subject)) is not None:
        return None
    if subject is None:
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
        speaker_phrase = speaker_tokens(subject)
        if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":  # "Ferro, who said ..."
            antecedent = span_of(doc, speaker_tokens(verb.head)).text
    content, frame_cue = _content_tokens(verb, speaker_phrase)
    content = sorted([*content, *_inverted_clauses(verb)], key=lambda t: t.i)
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
    if verb.dep_ == "relcl" and speaker and overlaps((speaker.start, speaker.end), hull):
        # "an accusation that we categorically deny": the clause relativises what is denied,
        # its speaker's words are no content
        return None
    if not ranges:
        if sent.text.rstrip().endswith(":") or _bare_report(verb, sent):
            return intro_claim(doc, sent, speaker, cue)  # the quote that follows is the content
        return None
    kind = quote_kind(ranges, quotes)
    negated_cue = any(c.dep_ == "neg" for c in verb.children)
    polarity: Polarity = (
        "denied" if verb.lemma_.lower() in DENIAL_VERBS and not negated_cue else "asserted"
    )
    claim = build_claim(doc, kind, ranges, sent, speaker, cue, polarity)
    return replace(claim, speaker_name=antecedent) if claim and antecedent else claim


def account_claim(sent: Any, verb: Any, quotes: list[Range]) -> Claim | None:
    """The account a denial verb relays ("X rejected a report by Z that Y": Z's claim Y), with
    the account's own words as its speaker and its noun as its cue; None for any other verb."""
    if verb.lemma_.lower() not in DENIAL_VERBS or verb.pos_ != "VERB":
        return None
    for obj in verb.children:
        clause = denied_account(obj) if obj.dep_ == "dobj" else None
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
            if child.lemma_.lower() in _MAKE_WORKS and not deps & {"dobj", "ccomp"}:
                return None  # "the report that the paper published", parsed as a clause
            return child
    return None


def _subject_besides_that(clause: Any) -> bool:
    """Whether a clause has a subject of its own besides a "that": a content clause ("that jars
    are unsafe"), not a relative one on its noun ("experts that work at the plant")."""
    return any(c.dep_ in SUBJECTS and c.lower_ != "that" for c in clause.children)


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
    doc = sent.doc
    ranges = quoted_ranges(doc_text(doc), content_subtree(clause), quotes)
    if not ranges:
        return None
    speaker = span_of(doc, speaker_tokens(source))
    return build_claim(doc, quote_kind(ranges, quotes), ranges, sent, speaker, span_of(doc, [verb]))


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
    doc = sent.doc
    text = doc_text(doc)
    ranges = quoted_ranges(text, content_subtree(clause), quotes)
    if not ranges:
        return None
    return build_claim(
        doc,
        quote_kind(ranges, quotes),
        ranges,
        sent,
        span_of(doc, speaker),
        span_of(doc, [subject]),
        "denied",
    )


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


def _bare_report(verb: Any, sent: Any) -> bool:
    """ "Defending his account, Ferro countered.": a reporting verb that ends its sentence with
    nothing reported, introducing the quote after it."""
    after = [t for t in sent if t.i > verb.i and not (t.is_punct or t.is_space)]
    return verb.dep_ == "ROOT" and verb.lemma_.lower() in CLAUSE_VERBS and not after


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


def _speaker_token(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":  # "the figure was disputed by the company"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _work_speaker(verb.head)
    work = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and work is not None
        and work.lemma_.lower() in _WORKS
        and work.dep_ in ("dobj", "pobj")
    ):
        # "X pushes back on FT report blaming ...": a headline's participle right after a work
        # (no comma) is the work's, however the parse hangs it
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
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # "X attacked Y, saying ...": the speaker of the clause the participle hangs on; "X said
        # A lasted an hour, adding that ...", hung on the content's verb: X's
        outer = _outer_cue(verb.head) if _reporting_participle(verb) else None
        return _speaker_token(outer if outer is not None else verb.head)
    return None


_WH = frozenset({"how", "why", "what", "whether", "when", "where"})


def _embedded_question(token: Any) -> bool:
    """Whether `token` heads a clause that is the object of another verb and opens with a
    question word ("... examine how Nikola got its start")."""
    return token.dep_ == "ccomp" and any(
        c.lower_ in _WH and c.i < token.i and c.dep_ in ("advmod", "mark", "nsubj", "dobj")
        for c in token.children
    )


def _outer_cue(token: Any) -> Any | None:
    """The reporting verb whose content clause `token` heads, if any."""
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in CLAUSE_VERBS:
        return token.head
    return None


def _is_report(token: Any) -> bool:
    """A coordinated verb inside a content that reports something of its own ("..., and
    acknowledged that ...", "... but declined to comment", "... and called it a hoax")."""
    deps = {c.dep_ for c in token.children}
    lemma = token.lemma_.lower()
    return token.dep_ == "conj" and (
        (lemma in CLAUSE_VERBS and "ccomp" in deps)
        or (lemma in INFINITIVE_VERBS and "xcomp" in deps and not deps & set(SUBJECTS))
        or (lemma == "call" and "oprd" in deps)
    )


def _content_tokens(verb: Any, speaker: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The content's tokens in the verb's first filled frame, and any cue word of the frame."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    by_dep: dict[str, list[Any]] = {}
    for child in children:
        by_dep.setdefault(child.dep_, []).append(child)
    if "agent" in by_dep and lemma in OBJECT_VERBS:
        for child in by_dep.get("nsubjpass", []):  # "the figure was disputed by X"
            return strip_tokens(list(child.subtree)), [*by_dep["agent"]]
    if lemma in CLAUSE_VERBS:
        for child in sorted(by_dep.get("ccomp", []), key=lambda c: c.i < verb.i):
            if child.i < verb.i and any(t.text == ";" for t in verb.doc[child.i : verb.i]):
                continue  # "It's unlikely; her team says she will go on": not what it says
            tokens = content_subtree(child)
            stops = [t.i for t in tokens if t.text == ";" and t.i < child.i]
            if child.i < verb.i and stops:
                # "It was a long day; the outage lasted two hours, X said": from the semicolon
                tokens = strip_tokens([t for t in tokens if t.i > stops[-1]], keep_mark=True)
            return tokens, []
        for child in by_dep.get("advcl", []):
            if child.i > verb.i and _unmarked_clause(child):
                return _adverbial_content(child), []
        as_clause = verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        )
        if verb.dep_ == "parataxis" or as_clause:
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
    if lemma == "call" and "dobj" not in by_dep and len(by_dep.get("oprd", [])) > 1:
        # "called Oz a quack", parsed as two predicates: the first is who is called it
        by_dep["dobj"], by_dep["oprd"] = by_dep["oprd"][:1], by_dep["oprd"][1:]
    if lemma in OBJECT_VERBS and lemma not in ADDRESSEE_OBJECT:
        for obj in by_dep.get("dobj", []):
            account = denied_account(obj) if lemma in DENIAL_VERBS else None
            if account is not None:  # "rejected a report that ...": what the report says
                return content_subtree(account), []
            predicates = by_dep.get("oprd", []) + by_dep.get("ccomp", [])
            if lemma == "call" and not predicates:
                continue  # "called the office": a phone call, not a description
            tokens = list(obj.subtree)
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
                if child.i > obj.i and _completes_object(child):
                    tokens.extend(child.subtree)
            return strip_tokens(tokens), []
    for prep in by_dep.get("prep", []):
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


def _completes_object(child: Any) -> bool:
    if child.dep_ == "prep":
        return child.lower_ in ("as", "of", "for", "with", "by")
    return child.dep_ in ("advmod", "acomp", "npadvmod")


def content_subtree(head: Any) -> list[Any]:
    """A content clause without the clauses it coordinates that have their own cue and speaker
    ("X said A, and Y warned B"): those are claims of their own."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token.i != head.i and (_is_report(token) or _reporting_participle(token)):
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


def _reporting_participle(token: Any) -> bool:
    """A participle set off by a comma that reports a clause of its own (", arguing that ...",
    ", saying that ..."): a second claim of the speaker's, not more of the first."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.lemma_.lower() in CLAUSE_VERBS
        and any(c.dep_ == "ccomp" for c in token.children)
        and token.i > 0
        and token.doc[token.i - 1].text == ","
    )


def _cue_tokens(verb: Any, frame: Sequence[Any]) -> list[Any]:
    """The cue verb with its auxiliaries, negation and particle ("has not yet said")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    tokens = [verb, *aux, *frame, *(c for c in verb.children if c.dep_ == "prt")]
    if aux:
        first = min(t.i for t in aux)
        tokens.extend(c for c in verb.children if c.dep_ == "advmod" and first < c.i < verb.i)
    return sorted(tokens, key=lambda t: t.i)


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
                not gap.strip(TRIM_PUNCT)
                or gap.rstrip(QUOTE_MARKS + " ").endswith((",", ":"))
                or (
                    q[0] > sent_end
                    and not text[sent_end : q[0]].strip(TRIM_PUNCT)
                    and (before is not None or len(text[hi:sent_end].split()) <= 3)
                )
            ):
                after = q
    return before, after
