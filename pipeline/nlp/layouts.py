"""Attributions that the paragraph's layout makes, not its grammar.

- a transcript line or a headline's attribution: "NAME: what they said" (not "Photo: ...",
  "Revealed: ..." or another label of a headline, a title naming its subject in title case,
  "Acme Corp: Hidden Debts And Inflated Sales", a question, or an interviewer's "Q:"); a
  rebuttal's "CLAIM: ..." is the account it answers (its "FACT: ..." its own voice);
- a trailing dash attribution: “...” — Name, at the end of a paragraph;
- a speaker and verb after a quote that the parse read into the quote's clause ("“Acme notes
  that ...,” it said.");
- a colon introduction inside a paragraph: "Ferro cited the inspectors: “...”" (the subject of
  the clause before the colon speaks) or "Orbis's reply: “...”" (the possessor speaks).
Each gives one `direct` claim: the text after the colon, or the quote before the dash or after
the colon. Two layouts cut a sentence's attributed claim short: what the page sets against it
after "but" is the page's own claim (`contrasted_own_voice`), and ", while Kestrel estimates that
Y" is Kestrel's (`split_at_contrasting_speaker`). A reported content of clauses joined by "and
that" is one claim per clause (`split_coordinated_clauses`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.nlp.assemble import build_claim
from pipeline.nlp.cues import WRITTEN_WORKS
from pipeline.nlp.names import COMPANY_NOUNS
from pipeline.nlp.quotes import find_quotes
from pipeline.nlp.spans import (
    Range,
    char_range,
    doc_text,
    span_of,
    speaker_tokens,
    tokens_within,
    trimmed,
)
from pipeline.records import Claim, Span

_TRANSCRIPT = re.compile(r"^\s*[\"“]?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")
_NOT_SPEAKERS = frozenset(
    "update photo photos video watch related read note editor correction source sources image"
    " caption credit listen see also revealed exclusive breaking analysis opinion explainer live"
    " factbox timeline comment".split()
)
# the label of the answer a rebuttal sets under what it answers ("CLAIM: ... FACT: ...")
ANSWER_LABELS = frozenset("fact facts reality truth".split())
# a rubric's head noun anywhere in the label ("FACT:" of a rebuttal's "CLAIM: ... FACT: ...")
_LABEL_NOUNS = (
    frozenset("tip tips verdict takeaway takeaways summary disclaimer disclosure warning".split())
    | ANSWER_LABELS
)
# the label of what a rebuttal answers: "CLAIM: ...", "Myth: ...", "The allegation: ..."
_ACCOUNT_LABELS = frozenset(
    """claim claims myth myths allegation allegations assertion accusation charge fiction
    rumour rumours rumor rumors misconception misconceptions""".split()
)
_DASH_ATTRIBUTION = re.compile(r"[”\"»'’]\s*[―—–-]{1,2}\s*([A-Z][^\n]{1,80}?)\s*$")


_NEXT_SENTENCE = re.compile(r"[.!?]?[”\"]\s+[A-Z]")  # after a quote: not '...," he said.'


def transcript_line(doc: Any) -> Claim | None:
    """ "NAME: what they said" — an interview transcript or a headline's attribution."""
    text = doc_text(doc)
    m = _TRANSCRIPT.match(text)
    if m is None or m.group(1).split()[0].lower() in _NOT_SPEAKERS:
        return None
    if {w.lower() for w in m.group(1).split()} & _LABEL_NOUNS:
        return None  # "IC TIP: Hold", "OUR VERDICT: ...": a rubric, nobody speaking
    content = trimmed(text, m.end(), len(text))
    quote = next((q for q in find_quotes(text) if q[0] - 1 == m.end()), None)
    if quote is not None and _NEXT_SENTENCE.match(text, quote[1]):
        # 'Doe: “A.” This is false.': the quote is Doe's, what follows it the page's
        content = trimmed(text, quote[0], quote[1])
    label = m.group(1).lower().removeprefix("the ")
    if label in _ACCOUNT_LABELS and len(content.text.split()) >= 3:
        # a rebuttal's "CLAIM: <what the report says>" (then "FACT: ..."): the other side's
        # account, relayed
        return Claim(
            kind="account",
            content=content,
            sentence=Span(text, 0, len(text)),
            speaker=Span(m.group(1), m.start(1), m.end(1)),
            cue=Span(":", text.index(":", m.end(1)), text.index(":", m.end(1)) + 1),
        )
    if _a_title(doc, content):
        return None  # "Acme Corp: Brazen Evasion, Hallmarks Of Fraud": a title naming its subject
    if len(content.text.split()) < 3 or text.rstrip().endswith("?") or len(m.group(1)) < 2:
        return None  # too short, a question, or an interviewer's "Q:"
    named = tokens_within(doc, m.start(1), m.end(1))
    if named and not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in named):
        return None  # a headline's label ("Revealed: ...", "Confirmed: ..."), nobody speaking
    speaker = Span(m.group(1), m.start(1), m.end(1))
    colon = text.index(":", m.end(1))
    return Claim(
        kind="direct",
        content=content,
        sentence=Span(text, 0, len(text)),
        speaker=speaker,
        cue=Span(":", colon, colon + 1),
    )


def _a_title(doc: Any, content: Span) -> bool:
    """Whether a text is a title in title case that says nothing: every word of four letters
    or more but function words ("with", "from") capitalised up to its end (or a link), three
    or more of them, and no verb of their own ("Brazen Evasion, Hallmarks Of Fabricated
    Revenue"; not "Gennifer Flowers Won't Be at Debate", a headline giving what someone said,
    nor "Wall Street Journal series 'contained ...'", a sentence that opens with a name)."""
    run = []
    for token in tokens_within(doc, content.start, content.end):
        word = token.text.strip("“”\"'‘’")
        if token.like_url:
            break
        if token.is_punct or not word:
            continue
        if len(word) >= 4 and not word[:1].isupper() and not token.is_stop:
            return False
        run.append(token)
    capitalised = [t for t in run if len(t.text) >= 4]
    said = any(t.pos_ == "AUX" or (t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBG")) for t in run)
    return len(capitalised) >= 3 and not said


def dash_attribution(doc: Any, quotes: list[Range]) -> Claim | None:
    """ "“...” — Name" at the end of a paragraph."""
    text = doc_text(doc)
    m = _DASH_ATTRIBUTION.search(text)
    if m is None:
        return None
    close = m.start()
    quote = next((q for q in quotes if q[1] == close), None)
    if quote is None:
        return None
    dash = re.search(r"[―—–-]+", text[m.start() : m.start(1)])
    assert dash is not None
    cue_start = m.start() + dash.start()
    return build_claim(
        doc,
        "direct",
        [quote],
        None,
        Span(m.group(1), m.start(1), m.end(1)),
        Span(dash.group(), cue_start, cue_start + len(dash.group())),
    )


# after a quote's closing mark: "..., it said.", "...," the US short-seller claimed in its
# report.", '...,"the company wrote' (the speaker a pronoun, a description or a name)
_TRAILING_ATTRIBUTION = re.compile(
    r"[,.!?]?\s*[”\"]\s*,?\s*"
    r"(?P<speaker>it|he|she|they|(?:the|a|an)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,5}?"
    # "Trump's legal team wrote", "Acme's chief executive said"
    r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s?(?:\s+[a-z][\w-]*){1,3}?"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    r"\s+(?P<cue>said|says|added|adds|wrote|writes|told|stated|states|argued|argues|noted|notes|"
    r"explained|continued|continues|insisted|claimed|claims|countered|read|reads)\b"
)


def trailing_attribution(doc: Any, end: int) -> tuple[Span, Span] | None:
    """The speaker and the verb that follow a quote ending at `end` ("...,” it said."), where the
    parse missed them (it read "it said" as part of the quote's own clause). Never past the
    paragraph's line."""
    text = doc_text(doc)
    line_end = text.find("\n", end)
    m = _TRAILING_ATTRIBUTION.match(text, end, len(text) if line_end < 0 else line_end)
    if m is None:
        return None
    if m.group("cue") in ("read", "reads") and not any(
        w.lower() in WRITTEN_WORKS for w in m.group("speaker").split()
    ):
        return None  # '..., the statement from Acme read.', not '..., the analysts read'
    return (
        Span(m.group("speaker"), m.start("speaker"), m.end("speaker")),
        Span(m.group("cue"), m.start("cue"), m.end("cue")),
    )


def colon_introductions(doc: Any, quotes: list[Range], taken: list[Range]) -> list[Claim]:
    """ "Ferro cited the inspectors: “...”", "Orbis's reply: “...”": each quote opened right
    after a colon and not yet in a claim (`taken`), given to the clause's subject or the
    phrase's possessor before the colon."""
    text = doc_text(doc)
    claims = []
    for quote in quotes:
        if any(t[0] < quote[1] and quote[0] < t[1] for t in taken):
            continue
        before = text[: quote[0]].rstrip("“\"«„'‘` ")
        if not before.endswith(":"):
            continue
        colon = len(before) - 1
        colon_tokens = tokens_within(doc, colon, colon + 1)
        if not colon_tokens:
            continue
        sent = colon_tokens[0].sent
        prefix = tokens_within(doc, max(sent.start_char, _last_quote_end(quotes, colon)), colon)
        speaker = _introducer(prefix)
        if speaker is None:
            continue
        claim = build_claim(
            doc, "direct", [quote], sent, span_of(doc, speaker), Span(":", colon, colon + 1)
        )
        if claim is not None:
            claims.append(claim)
    return claims


def _last_quote_end(quotes: list[Range], position: int) -> int:
    return max((q[1] for q in quotes if q[1] <= position), default=0)


def _introducer(prefix: list[Any]) -> list[Any] | None:
    """The speaker's tokens of the words before a colon: the subject of a verb among them (of
    the main verb first: not "who" in "Asked for anyone who would speak, the Ledger had this to
    say:"), or else the possessor of their last noun."""
    ids = {t.i for t in prefix}
    subjects = [
        t
        for t in prefix
        if t.dep_ == "nsubj" and t.head.i in ids and t.head.pos_ in ("VERB", "AUX")
    ]
    main = [t for t in subjects if t.head.dep_ == "ROOT"] or [
        t for t in subjects if t.head.dep_ not in ("relcl", "acl", "advcl")
    ]
    if main or subjects:
        return [t for t in speaker_tokens((main or subjects)[0]) if t.i in ids] or None
    nouns = [
        t for t in prefix if t.pos_ in ("NOUN", "PROPN") and (t.head.i not in ids or t.head == t)
    ]
    for noun in reversed(nouns):
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            return [t for t in speaker_tokens(owner) if t.i in ids and t.dep_ != "case"] or None
    return None


_BUT = re.compile(r"\s*[,;]?\s*(?:but|yet)\s+", re.IGNORECASE)
_LATER_BUT = re.compile(r",\s*(?:but|yet)\s+", re.IGNORECASE)


def _nominal(sent: Any, claim: Claim) -> bool:
    """Whether a claim's content is a noun phrase with no verb of its own ("We welcome |
    feedback"): what the sentence goes on to say is no longer the speaker's."""
    words = tokens_within(sent.doc, claim.content.start, claim.content.end)
    return not any(t.pos_ in ("VERB", "AUX") for t in words)


def contrasted_own_voice(sent: Any, found: list[Claim], quotes: list[Range]) -> Claim | None:
    """What a page sets against the claims it attributes in one sentence, after "but" ("Vantor
    insists its pumps are safe, but it does not appear that way from our tests"): the page's own
    assertion, where a clause of its own (a subject and a verb) follows."""
    text = doc_text(sent.doc)
    end = max(s.end for c in found for s in (c.content, c.cue, c.speaker) if s is not None)
    sent_end = char_range(sent)[1]
    m = _BUT.match(text, end, sent_end)
    if m is None and all(_nominal(sent, c) for c in found):
        # "We welcome feedback, and indeed get it all the time, but this article is misleading"
        m = _LATER_BUT.search(text, end, sent_end)
    if m is None or any(q[0] < sent_end and m.end() < q[1] for q in quotes):
        return None
    return _page_clause(sent, m.end(), sent_end)


# the join before a later clause's attribution: "A, and the agencies confirmed that B"
_AND_THEN = re.compile(r"(?:,\s*|\s+)and\s*$|\s*;\s*(?:and\s*)?$", re.IGNORECASE)
# a clause that only frames the next one: "When X reached out, ...", "While the report is ..."
_SUBORDINATE = re.compile(
    r"^\W*(?:when|while|whilst|although|though|as|if|after|before|because|since|once|unless|"
    r"until|whereas|whether)\b",
    re.IGNORECASE,
)


def leading_own_voice(sent: Any, found: list[Claim], quotes: list[Range]) -> Claim | None:
    """What a page states before an attribution joined on to it in one sentence ("No staff are
    on zero-hours contracts, and the agencies have confirmed that none of theirs are"): the
    page's own assertion, where a clause of its own (a subject and a verb) comes first."""
    text = doc_text(sent.doc)
    start = min(s.start for c in found for s in (c.content, c.cue, c.speaker) if s is not None)
    sent_start = char_range(sent)[0]
    m = _AND_THEN.search(text, sent_start, start)
    if m is None or m.end() != start or any(q[0] < start and sent_start < q[1] for q in quotes):
        return None
    if _SUBORDINATE.match(text, sent_start):
        return None
    return _page_clause(sent, sent_start, m.start())


def _page_clause(sent: Any, start: int, end: int) -> Claim | None:
    """The page's own assertion over characters `start` to `end` of sentence `sent`, where they
    hold a clause of its own: four words or more, a subject and a verb."""
    tokens = tokens_within(sent.doc, start, end)
    if (
        sum(t.is_alpha for t in tokens) < 4
        or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tokens)
        or not any(t.pos_ in ("VERB", "AUX") for t in tokens)
    ):
        return None
    content = trimmed(doc_text(sent.doc), start, end)
    if content.start >= content.end:
        return None
    return Claim(kind="asserted", content=content, sentence=span_of(sent.doc, list(sent)))


# a sentence the parse read with no cue ("Opera claims on the apps pages that Y", parsed with
# "Opera claims" as a noun): a name (with its appositive: "Jo Ellison, Acme's head of trust,"),
# a verb of saying and, after a phrase of where or when, "that"; also after "In response to X"
# with no comma, which the parse hangs the name on ("In response to the report Acme said that")
_SURFACE_CUE = re.compile(
    r"(?:(?:but|however|and|meanwhile|yet)\s*,?\s+)?"
    r"(?:(?:[Ii]n\s+(?:response|reply|answer)|[Rr]esponding|[Rr]eplying)\s+to\s+[^,.;:\"“”]{1,60}?,?\s+)?"
    r"(?P<speaker>(?!(?:It|This|That|These|Those|There|They|He|She|We|I|The|A|An)\b)"
    r"(?:[A-Z]|\d+[A-Z])[\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,4}"
    r"(?:,\s+[^,;:\"“”()]{2,80}?(?=,))?),?\s+"
    r"(?:(?:has|have|had)\s+)?(?:(?:also|repeatedly|publicly|now)\s+)?"
    r"(?P<cue>claims|claimed|says|said|states|stated|asserts|asserted|alleges|alleged|"
    r"maintains|maintained|insists|insisted|argues|argued|contends|contended|writes|wrote|"
    r"reports|reported|acknowledges|acknowledged|admits|admitted|concedes|conceded|"
    r"reiterates|reiterated|responds|responded|counters|countered)\s+"
    r"(?:(?:on|in|at|to|from|during|after|before|through|via)\s+[^.;:!?\"“”,]{1,50}?\s+|"
    r"(?:yesterday|today|recently|again|\w+ly)\s+)?"
    r"that\s+(?=\S)"
)


# "Internal documents obtained by the Gazette show that Y", which the parse read as a noun
# phrase ending in "the Gazette show": papers, who holds them, a verb of showing and "that"
_SURFACE_PAPERS = re.compile(
    r"(?P<speaker>(?:[\w'’-]+\s+){0,4}?(?:documents|e-?mails|records|files|messages|memos|data|"
    r"figures|recordings|minutes)\s+(?:obtained|seen|reviewed|examined|viewed|analy[sz]ed)\s+by\s+"
    r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+"
    r"(?P<cue>show|shows|showed|reveal|reveals|revealed|indicate|indicates|indicated|suggest|"
    r"suggests|suggested)\s+that\s+(?=\S)"
)


# a spokesperson of a name in quotation marks closing the sentence, which the small parser reads as
# an apposition of the words before: "Y, a spokesperson for “60 Minutes” said."
_TRAILING_SPOKESPERSON = re.compile(
    r",\s+(?P<speaker>(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:person|man|woman)|"
    r"representative)\s+(?:for|of|at|from)\s+(?:the\s+)?[“\"‘][^“”\"‘’,.;:]{1,40}[”\"’])"
    r"\s+(?P<cue>said|says|added|stated|wrote)\s*[.!]?\s*$"
)


def surface_attribution(sent: Any, quotes: list[Range]) -> Claim | None:
    """The claim of a sentence whose parse found no cue but whose words open with a name, a
    verb of saying and "that" (or with papers that someone obtained and what they show), or
    close with a spokesperson of a name in quotation marks and a verb of saying: the name's (the
    spokesperson's) indirect claim, up to a ", but" that the page adds."""
    text = doc_text(sent.doc)
    start, end = char_range(sent)
    trailing = _TRAILING_SPOKESPERSON.search(text, start, end)
    if trailing is not None and not any(
        start <= q[0] < end and not trailing.start("speaker") <= q[0] < trailing.end("speaker")
        for q in quotes
    ):
        return Claim(
            kind="indirect",
            content=trimmed(text, start, trailing.start()),
            sentence=span_of(sent.doc, list(sent)),
            speaker=Span(trailing.group("speaker"), *trailing.span("speaker")),
            cue=Span(trailing.group("cue"), *trailing.span("cue")),
        )
    m = _SURFACE_CUE.match(text, start, end) or _SURFACE_PAPERS.match(text, start, end)
    if m is None or any(start <= q[0] < end for q in quotes):
        return None
    stop = _BUT_CLAUSE.search(text, m.end(), end)
    content = trimmed(text, m.end(), stop.start() if stop else end)
    if content.start >= content.end:
        return None
    return Claim(
        kind="indirect",
        content=content,
        sentence=span_of(sent.doc, list(sent)),
        speaker=Span(m.group("speaker"), m.start("speaker"), m.end("speaker")),
        cue=Span(m.group("cue"), m.start("cue"), m.end("cue")),
    )


_BUT_CLAUSE = re.compile(r",\s+(?:but|yet)\s+")


def surface_repair(found: list[Claim], surface: Claim | None) -> list[Claim]:
    """`found` with the claim whose cue opens the sentence's words of saying (`surface`, from
    `surface_attribution`: "Orbis claims in its brochures that Y") given the whole of Y where
    the parse began it late ("are about three days", with "that repair times" read as a
    relative clause) or left it a word or two ("that repair")."""
    if surface is None or surface.cue is None:
        return found
    out = []
    for claim in found:
        same_cue = claim.cue is not None and claim.cue.start == surface.cue.start
        words = [w for w in claim.content.text.split() if w.lower() != "that"]
        broken = claim.content.start > surface.content.start or len(words) < 3
        if same_cue and broken and not claim.parts:
            claim = replace(claim, kind=surface.kind, content=surface.content)
        out.append(claim)
    return out


# ", while Kestrel estimates that ...", " - although the e-commerce giant claims ...": a second
# speaker's claim set against the first's
_WHILE_SPEAKER = re.compile(
    r"(?:,|\s[-–—])?\s+(?:while|whereas|although|though)\s+"
    r"(?P<speaker>(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4}"
    r"|the\s+(?:[\w-]+\s+){0,2}(?:" + "|".join(sorted(COMPANY_NOUNS)) + r")"
    # "though some employees say", "while former staff claimed"
    r"|(?:(?:some|many|several|other|two|three|four|former|current)\s+){0,2}"
    r"(?:employees|workers|staff(?:ers)?|sources|insiders|customers|critics|analysts|experts|"
    r"researchers|campaigners|activists|investors))\s+"
    r"(?P<cue>says|say|said|estimates|estimated|claims|claimed|argues|argued|alleges|alleged|"
    r"believes|believed|contends|contended|maintains|maintained|insists|insisted|reckons|"
    r"reckoned|calculates|calculated|puts|put)\s+(?:that\s+)?"
)


def split_at_contrasting_speaker(claims: list[Claim], text: str) -> list[Claim]:
    """Claims whose content runs on into ", while Kestrel estimates that Y" ("its revenue was 29
    billion yuan, while Kestrel estimates it at 16 billion"; the comma may be missing), cut
    there: Y is Kestrel's claim, added where no other claim holds it."""
    out: list[Claim] = []
    for claim in claims:
        m = None if claim.parts else _WHILE_SPEAKER.search(text, claim.content.start)
        if m is None or m.start() >= claim.content.end:
            out.append(claim)
            continue
        head = trimmed(text, claim.content.start, m.start())
        tail = trimmed(text, m.end(), claim.content.end)
        if head.start >= head.end or tail.start >= tail.end:
            out.append(claim)
            continue
        out.append(replace(claim, content=head))
        if not any(m.start() <= c.content.start < claim.content.end for c in claims):
            speaker = Span(m.group("speaker"), m.start("speaker"), m.end("speaker"))
            cue = Span(m.group("cue"), m.start("cue"), m.end("cue"))
            out.append(
                Claim(
                    kind="indirect", content=tail, sentence=claim.sentence, speaker=speaker, cue=cue
                )
            )
    return out


# "said it acted on the best information at the time and that it withheld nothing": two
# statements joined, each affirmed or denied on its own
_AND_THAT = re.compile(r",?\s+and\s+that\s+", re.IGNORECASE)
_QUOTE_MARKS = frozenset('"“”')


def split_coordinated_clauses(claims: list[Claim], text: str) -> list[Claim]:
    """Reported contents of clauses joined by "and that" cut into one claim per clause, each
    with the speaker and cue of the whole (not inside quoted words)."""
    out: list[Claim] = []
    for claim in claims:
        content = claim.content
        if claim.parts or claim.kind != "indirect" or _QUOTE_MARKS & set(content.text):
            out.append(claim)
            continue
        pieces: list[Span] = []
        start = content.start
        for m in _AND_THAT.finditer(text, content.start, content.end):
            pieces.append(trimmed(text, start, m.start()))
            start = m.end()
        pieces.append(trimmed(text, start, content.end))
        if len(pieces) == 1 or any(p.start >= p.end for p in pieces):
            out.append(claim)
            continue
        out.extend(replace(claim, content=piece) for piece in pieces)
    return out
