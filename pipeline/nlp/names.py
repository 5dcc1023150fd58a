"""Canonical speakers: one name for every way a document refers to the same speaker.

A claim keeps the speaker's surface span as written ("she", "the company", "AWS"); this module
fills in `speaker_name`, the entity it stands for, from the document's own mentions:
- a person named with a role ("Acme CEO Dana Whitlock") is the person, and her company is the
  last company named;
- a named speaker takes the fullest form of its name used in the document: "Whitlock" and
  "Ms. Whitlock" become "Dana Whitlock", "Kestrel" becomes "Kestrel Cloud", and "AWS" becomes
  "Amazon Web Services" when the document spells the initials out (or defines them in brackets);
- "he" and "she" stand for the person whose name opens a transcript's turn ('Jo Doe: "..." he
  said'), else the person whose name opens the sentence before the claim's (its subject as a
  rule), else the last person named as a speaker (or mentioned before the claim's sentence, so
  that "As he drove from Dijon, ..." does not read a place as the person);
- "it", "they", "the company" and their kind stand for the last organisation; "the firm" (also
  "the US firm") for the financial firm named in the sentence before (a "... Research" or
  "... Capital", a short seller, a fund), else the organisation that sentence opens with
  (`firm_before`), never a name inside the claim's own quote;
  before any organisation has spoken, "it" is the one its sentence (or the one before) opens
  with ("The study by Pollard Research ..., but in short it argues");
  "the paper", "the newspaper" for the last news outlet named (a speaker, or else a mention);
  so do descriptions with modifiers ("the blood-testing company", "The Palo Alto, Calif.,
  company": a place inside a longer phrase only modifies it);
- "the statement", "a statement", "its response" stand for the last named speaker that is not
  an outlet ("its ..." also for the last organisation mentioned);
- "a spokesperson" speaks for the organisation named in its phrase ("for Acme", "Acme's"), or
  else the last organisation named;
- "their report", "its study" stand for the last organisation named, of any kind;
- "the lawsuit", "the complaint": whoever the document last said filed, withdrew or sued;
- "the activist", "the short-seller firm": whom the document described so ("activist investor
  Carl Icahn", "Icahn, one of the best-known activist investors"), when nothing above applies;
  "the investment company" is whom it called an investment firm, before the last company;
- a relative pronoun ("..., who said") stands for the phrase it hangs on (set by extraction);
- anything else (a description: "four people familiar with the matter") stays as written.
A form's label is the one NER gave it most often (PERSON on a tie; a role right before a mention,
"founder Dana Block", votes PERSON). Pure functions over the claims and entities of one document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from pipeline.nlp.cues import NO_COMMENT, NOT_ANSWERING
from pipeline.records import Claim, Entity

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it", "they", "them"})
# a sentence in which someone did not answer the page: "did not respond to a request for comment"
_UNANSWERED = re.compile(rf"\b{NOT_ANSWERING}(?:respond|reply|return|answer)|\b(?:{NO_COMMENT})\b")
FIRST_PERSON = frozenset({"i", "we", "us", "me"})
# a transcript's turn: "Nick Davies: ..."
_TRANSCRIPT_LEAD = re.compile(r"^\s*([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}):\s")
COMPANY_NOUNS = frozenset(
    """company firm group business bank operator carmaker automaker manufacturer maker retailer
    airline startup provider giant insurer lender utility chain supplier developer""".split()
)
_PUBLIC_NOUNS = frozenset(
    """agency regulator department ministry administration board council commission office
    authority government watchdog inspectorate court police""".split()
)
_OUTLET_NOUNS = frozenset(
    "paper newspaper outlet publication magazine broadcaster site network report".split()
)
_DESCRIPTION = re.compile(
    r"^(the|this|that)(\s+[\w-]+)?\s+("
    + "|".join(sorted(COMPANY_NOUNS | _PUBLIC_NOUNS | _OUTLET_NOUNS))
    + r")$",
    re.IGNORECASE,
)
# an organisation named by no kind: "the organisation", "the watchdog", "the campaigners"
ORGANISATION = re.compile(
    r"^(?:the|this)\s+(?:organi[sz]ation|watchdog|charity|ngo|campaigners|campaign\s+group|"
    r"pressure\s+group|advocacy\s+group|activist\s+group|environmental\s+group|rights\s+group)$",
    re.IGNORECASE,
)
# "the blood work company", "The Palo Alto, Calif., company": a kind noun last, modifiers before
_DESCRIBED = re.compile(
    r"^(?:the|this|that)\s[\w\s,.'’-]{0,40}?\b("
    + "|".join(sorted(COMPANY_NOUNS | _PUBLIC_NOUNS | _OUTLET_NOUNS))
    + r")$",
    re.IGNORECASE,
)
# "its statement", "their blog post", "a statement", "an update" (a statement issued later): the
# work of the organisation last named
_OWN_WORK = re.compile(
    r"^(?:its|their|a|an|the)\s+(?:[\w-]+\s+)?(?:statement|response|reply|blog post|post|letter|"
    r"filing|press release|release|rebuttal|ad|ads|advert|advertisement|advertisements|"
    r"open letter|clarification|rejoinder|update|tweet|advisory)$",
    re.IGNORECASE,
)
# a legal filing as a speaker ("the lawsuit said", "the complaint states"): its filer's words
# ("its filing", "the new filing" are a statement's kind: `_OWN_WORK`)
# what an organisation said, named by its owner: "a response from the broadcaster", "a statement
# by the company": the owner is the speaker
_WORK_OF = re.compile(
    r"^(?:a|an|the|one)\s+(?:[\w-]+\s+)?(?:statement|response|reply|blog post|post|letter|"
    r"press release|release|rebuttal|email|e-mail|note)\s+(?:from|by|of|on behalf of)\s+"
    r"(?P<owner>(?:the|this|its|their|him|her|them|it)\b.*)$",
    re.IGNORECASE,
)
_FILING = re.compile(
    r"^(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:lawsuit|suit|complaint|motion|petition)$",
    re.IGNORECASE,
)
# what follows a name that filed something: "Acme, the jar maker, has filed ...", "Acme sued"
_FILED = re.compile(
    r"(?:,[^,.;]{1,100},)?\s+(?:has\s+|had\s+|have\s+)?(?:\w+ly\s+)?"
    r"(?:filed|brought|lodged|launched|submitted|withdrew|dropped|dismissed|sued|is\s+suing)\b"
)
# "Lindqvist's explanation", "Acme's official response": the work of a name
_NAMED_WORK = re.compile(
    r"^((?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+(?:[\w-]+\s+)?"
    r"(?:explanation|statement|response|reply|answer|post|blog post|letter|account|rebuttal|"
    r"comments?|words|memo|note)$"
)
# "their report", "its latest study": the work of the organisation last named
OWNED_REPORT = re.compile(
    r"^(?:its|their)\s+(?:[\w-]+\s+)?(?:report|reporting|study|research|analysis|investigation|"
    r"findings|story|article|series)$",
    re.IGNORECASE,
)
# words before a name that describe it ("short-seller firm Hindenburg", "activist investor Carl
# Icahn"): lower-case words, the last up to three before the name
_DESCRIBED_BEFORE = re.compile(r"(?<![\w-])((?:[a-z][\w-]*\s+){1,3})$")
# the same words opening a sentence: "Short-selling firm Kestrel said"
_OPENING_DESCRIBED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][a-z][\w-]*\s+(?:[a-z][\w-]*\s+){0,2})$"
)
# an apposition after a name: "Icahn, one of the best-known activist investors in the world"
_APPOSITION = re.compile(
    r"^,\s+(?:(?:a|an|the)\s+|one\s+of\s+the\s+)((?:[a-z][\w-]*\s+){0,6}?[a-z][\w-]*)"
    r"(?=\s+(?:in|at|of|for|who|that|which|with)\b|\s*[,.;:)])"
)
# words that describe nothing: articles, prepositions, verbs of saying, degree words
_NOT_DESCRIBING = frozenset(
    """a an the of for to by at in on from with and or but as after before said says told
    according while when that which who whose its his her their our also most more best well
    known former against about over into onto between through under within without than then
    so if because since until where how why what this these those is was are were be been has
    have had not no sued accused filed named called versus vs""".split()
)
# a headline's verb between a word and a name describes nothing: "Whistleblower claims Acme ..."
_HEADLINE_VERBS = frozenset(
    """claims claim alleges says warns reveals admits denies insists argues slams blasts accuses
    sues rejects disputes hits responds""".split()
)
_PUBLIC_WORDS = re.compile(
    r"\b(Agency|Department|Ministry|Board|Council|Commission|Authority|Office|Court|Police|"
    r"Government|Administration|Inspectorate|Regulator|Parliament|Senate|Congress)\b"
)
_OUTLET_WORDS = re.compile(
    r"\b(Times|Post|Journal|News|Ledger|Courier|Herald|Tribune|Gazette|Guardian|Reuters|"
    r"Bloomberg|Press|Daily|Telegraph|Chronicle|Review|Wire|Observer|Standard|Record|Star|"
    r"Research)\b"
)
# what a financial firm's name or description carries ("Kestrel Research", "short seller
# Kestrel", "hedge fund Vale"): the kind of organisation "the firm" names in financial news
_FIRM_WORDS = re.compile(r"\b(Research|Capital|Partners|Advisors|Management|Investments)\b")
_FIRM_KINDS = frozenset(
    "seller short-seller firm fund investor activist research researcher analyst".split()
)
_SPOKESPERSON = re.compile(
    r"\b(spokesperson|spokeswoman|spokesman|representative|spokespeople|press office)\b",
    re.IGNORECASE,
)
# words of a person's role ("a spokesperson for", "head of research at")
ROLE = re.compile(
    r"\b(spokesperson|spokeswoman|spokesman|chief|director|officer|executive|manager|engineer|"
    r"analyst|lawyer|attorney|president|head|founder|researcher|professor|minister|secretary|"
    r"chair|chairman|chairwoman|editor|reporter|economist|scientist|inspector|adviser|advisor|"
    r"mother|father|resident|driver|nurse|doctor|worker|employee|member|leader|owner|ceo|cfo|coo|"
    r"cto)\b",
    re.IGNORECASE,
)
# a role, then a person's name, ending a phrase: "Acme chief executive Dana Whitlock"
_ROLE_AND_NAME = re.compile(rf"(?i:{ROLE.pattern})\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{1,2}}$")
_ROLE_BEFORE = re.compile(rf"(?i:{ROLE.pattern})\s+$")
# one unnamed person: "a source", "the self-styled whistleblower", "one former employee"
# a page's unnamed sources: "people familiar with the matter", "a person briefed on the talks"
ANONYMOUS = re.compile(
    r"^(?:(?:the|a|an|one|some|several|many|two|three|four|five|six|a\s+few|\d+)\s+)?"
    r"(?:other\s+)?(?:people|persons?|individuals?|sources?|insiders?|officials?)\s+"
    r"(?:who\s+\w+\s+)?"
    r"(?:familiar|with\s+(?:direct\s+)?knowledge|knowledgeable|close|briefed|aware|involved)\b",
    re.IGNORECASE,
)
# the same sources again: "the person said"
_SOURCE_AGAIN = re.compile(r"^the\s+(?:person|people|source|sources|insider|insiders)$", re.I)
_PERSON_DESCRIBED = re.compile(
    r"^(?:a|an|the|one)\s+(?:[\w-]+\s+){0,2}(?:source|insider|whistleblower|person|"
    + ROLE.pattern.removeprefix(r"\b(")
    + "$",
    re.IGNORECASE,
)
_HONORIFICS = re.compile(r"^(Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen)\.?\s+")
_BRACKETED_ACRONYM = re.compile(r"([A-Z][\w&.-]*(?:\s+[A-Z&][\w&.-]*)+)\s+\(([A-Z]{2,6})\)")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACES = frozenset({"GPE", "LOC", "NORP"})
# A speaker phrase that is a name: capitalised words, "The" allowed first ("The Harbour Ledger").
_NAME = re.compile(r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|&|[A-Z][\w&'’.-]*)){0,5}")
_ORG_WORDS = re.compile(
    r"\b(Inc|Corp|Corporation|Co|Ltd|LLC|plc|Group|Cloud|Foods?|Motors|Services|Systems|Bank|"
    r"Holdings|Technologies|Labs?|Airlines?|Rail|Energy|Pharma|Partners|Capital|Agency|"
    r"Department|Ministry|Board|Council|Commission|Authority|Institute|University|Union|"
    r"Association|Committee|Office|Court|Police|Campaign|Company|Firm|Research)\b"
)


def canonical_speakers(
    claims: Sequence[Claim], entities: Sequence[Entity], text: str = ""
) -> list[Claim]:
    """`claims` of one document with `speaker_name` set to the entity each speaker stands for
    (None for own-voice claims and first-person speakers: their party decides)."""
    spoken = [
        Entity(c.speaker.text, "", c.speaker.start, c.speaker.end)
        for c in claims
        if c.speaker is not None and _NAME.fullmatch(c.speaker.text.strip())
    ]
    names = _NameIndex([*entities, *spoken], text)
    last: dict[str, str] = {}  # the last speaker named, by class: person, company, public, outlet
    called: dict[str, str] = {}  # the pronoun ("he", "she") a person was first spoken of by
    out = []
    for claim in sorted(claims, key=lambda c: c.content.start):
        name: str | None = None
        if claim.speaker is not None:
            phrase = (claim.speaker_name or claim.speaker.text).strip()
            if work_of := _WORK_OF.match(phrase):
                phrase = work_of.group("owner")
            lowered = phrase.lower()
            description = _DESCRIPTION.match(phrase)
            if lowered in FIRST_PERSON or not phrase:
                name = None
            elif lowered in PERSON_PRONOUNS:
                # the antecedent: a person named before the claim's sentence, else before "he";
                # in a transcript, the person whose name opens it ('Jo Doe: "..." he said')
                lead = _TRANSCRIPT_LEAD.match(claim.sentence.text)
                name = (
                    (names.canonical(lead.group(1)) if lead else None)
                    or names.opening_person(sentence_before(text, claim.sentence.start))
                    or last.get("person")
                    or names.last_before(min(claim.speaker.start, claim.sentence.start), "PERSON")
                    or names.last_before(claim.speaker.start, "PERSON")
                )
                gender = "he" if lowered in ("he", "him") else "she"
                if name is not None and called.get(name, gender) != gender:
                    # "He said: ..." was Nix; "Nix was challenged by Jo Stevens. She said:"
                    name = (
                        names.last_before(
                            min(claim.speaker.start, claim.sentence.start),
                            "PERSON",
                            {n for n, g in called.items() if g != gender},
                        )
                        or name
                    )
                if name is not None:
                    called.setdefault(name, gender)
            elif lowered in ORG_PRONOUNS:
                name = (
                    names.unanswered(claim)
                    or last.get("company")
                    or last.get("public")
                    or last.get("outlet")
                    # no organisation has spoken yet: the one that opens the sentence (or the
                    # sentence before) is what "it" continues to speak of
                    or (
                        names.subject_org(claim.sentence.start, claim.speaker.start)
                        if lowered == "it" and _says(claim)
                        else None
                    )
                    or phrase
                )
            elif ORGANISATION.match(phrase):
                # "the organisation", "the watchdog": one the page so described (else the side
                # named last, see `speakers`)
                name = names.described_as(phrase, claim.speaker.start) or phrase
            elif description is not None and description.group(2) is None:
                cls = _description_class(description.group(3))
                name = (
                    (names.firm_before(claim) if lowered.endswith(" firm") else None)
                    # "the company" after "The Swedish company IKEA": the one the page so
                    # described, though another company was named since
                    or names.described_as(phrase, claim.speaker.start)
                    or last.get(cls)
                    or names.described_by(cls, claim)
                )
                if name and cls != "outlet":
                    last["voice"] = name  # "the firm said ... the statement continues"
                name = name or phrase
            else:
                named = names.name_in(claim.speaker.start, claim.speaker.end, phrase)
                described = _described(phrase)
                if named is not None:
                    name, label = named
                    _heard(last, _class(name, label), name)
                    org = names.org_in(claim.speaker.start, claim.speaker.end)
                    if label == "PERSON" and org is not None and org != name:
                        last[_class(org, "ORG")] = org  # "Acme CEO Dana Whitlock": Acme too
                    if label != "PERSON" and _SPOKESPERSON.search(phrase):
                        last["person"] = name  # "An Acme spokesman said ... He continued"
                elif _SPOKESPERSON.search(phrase):  # "a spokesperson", "a ministry spokesman"
                    words = [w for w in lowered.split() if w in _PUBLIC_NOUNS | _OUTLET_NOUNS]
                    name = last.get(_description_class(words[0]) if words else "company", phrase)
                    last["person"] = name
                elif OWNED_REPORT.match(phrase):  # "their report says"
                    name = names.last_of(None, claim.speaker.start) or phrase
                elif described is not None:  # "the blood-testing company", "its statement"
                    work = _OWN_WORK.match(phrase) is not None
                    owner = _owned(phrase) and names.last_of("company", claim.speaker.start)
                    name = (
                        owner
                        # "the short-selling firm" after "short-selling firm Kestrel": Kestrel,
                        # whichever company was named last
                        or (None if work else names.described_as(phrase, claim.speaker.start))
                        # "the US-based research firm": as "the firm" is
                        or (names.firm_before(claim) if lowered.endswith(" firm") else None)
                        or last.get("voice" if work else described)
                        or (
                            names.described_by(described, claim)
                            if _DESCRIBED.match(phrase) or _owned(phrase)
                            else None
                        )
                    )
                    if name and not work:
                        _heard(last, described, name)  # "the firm" after it: the same company
                    name = name or phrase
                elif _FILING.match(phrase):  # "the lawsuit said": whoever filed it
                    name = names.filer(claim.speaker.start) or phrase
                elif ANONYMOUS.match(phrase):
                    name = last["source"] = phrase
                elif _SOURCE_AGAIN.match(phrase) and "source" in last:
                    name = last["source"]  # "according to a person familiar ... the person said"
                else:  # "the activist": whom the document described so
                    name = names.described_as(phrase, claim.speaker.start)
                    if name is None and _PERSON_DESCRIBED.match(phrase):
                        last["person"] = phrase  # "a source says ... he wrote": the source
                    name = name or phrase
        out.append(replace(claim, speaker_name=name))
    return out


def sentence_before(text: str, sentence: int) -> int:
    """Where the sentence before the one starting at `sentence` starts (blank lines between
    them skipped)."""
    end = len(text[:sentence].rstrip())
    stop = end - 1
    dot = text.rfind(". ", 0, stop)
    while dot > 0 and _abbreviation(text[:dot]):  # "Acme Cloud Inc. did not respond"
        dot = text.rfind(". ", 0, dot)
    return max(dot, text.rfind("\n", 0, stop)) + 1


_ABBREVIATIONS = frozenset("inc corp co ltd llc plc mr mrs ms dr st jr sr no".split())


def _abbreviation(before: str) -> bool:
    """Whether the word that ends `before` (the text up to a full stop) is an abbreviation."""
    words = before.rsplit(None, 1)
    word = words[-1].lower().lstrip("(") if words else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def follows_unanswered(text: str, claim: Claim) -> bool:
    """Whether the claim's speaker opens its sentence (after a word such as "However") right
    after a sentence in which someone did not answer the page ("did not respond to a request
    for comment")."""
    if claim.speaker is None:
        return False
    start = claim.sentence.start
    if len(text[start : claim.speaker.start].split()) > 1:
        return False
    return _UNANSWERED.search(text, sentence_before(text, start), start) is not None


def _heard(last: dict[str, str], cls: str, name: str) -> None:
    """Remember `name` as the last speaker of its class (person, company, public, outlet) and,
    unless an outlet, as the last voice, whose statement "the statement" is."""
    last[cls] = name
    if cls != "outlet":
        last["voice"] = name


# what an organisation "it" says or holds ("it asserted", "it believes"), not what any "it"
# does or decides ("after it decided to delete the database": a tool, as likely)
_SAYING = re.compile(
    r"^(?:says?|said|assert|believ|add|alleg|claim|argu|state|contend|conclud|wr[io]te|note|"
    r"insist|maintain|estimat|accus|den[iy]|reject|disput)",
    re.IGNORECASE,
)


def _says(claim: Claim) -> bool:
    return claim.cue is not None and _SAYING.match(claim.cue.text.split()[-1]) is not None


def _described(phrase: str) -> str | None:
    """The class of what a descriptive phrase stands for ("the Palo Alto, Calif., company",
    "the medical-device maker": a company; "its statement": its owner, an organisation), or None
    for any other phrase."""
    m = _DESCRIBED.match(phrase)
    if m is not None:
        return _description_class(m.group(1))
    return "company" if _OWN_WORK.match(phrase) else None


def _owned(phrase: str) -> bool:
    """ "its statement": "its" points back to a named organisation; "a statement" may not."""
    return phrase.lower().startswith(("its ", "their "))


def _description_class(noun: str) -> str:
    noun = noun.lower()
    return "outlet" if noun in _OUTLET_NOUNS else "public" if noun in _PUBLIC_NOUNS else "company"


def _class(name: str, label: str) -> str:
    if label == "PERSON":
        return "person"
    if _OUTLET_WORDS.search(name):
        return "outlet"
    return "public" if _PUBLIC_WORDS.search(name) else "company"


class _NameIndex:
    """The document's named mentions, with their fullest forms."""

    def __init__(self, entities: Sequence[Entity], text: str) -> None:
        self.text = text
        kept = {
            (e.start, e.end): Entity(e.text, _label(e.text, e.label), e.start, e.end)
            for e in sorted(entities, key=lambda e: e.label != "")  # NER labels win
            if e.label in NAME_LABELS or e.label == ""
        }
        self.mentions = sorted(kept.values(), key=lambda e: e.start)
        self.full: dict[str, str] = {}
        self.label: dict[str, str] = {}
        votes: dict[str, Counter[str]] = {}
        for e in self.mentions:  # a form's label: the one NER gave most, PERSON on a tie
            # a role right before a name makes it a person's ("founder Carson Block"), whatever
            # NER said
            role = _ROLE_BEFORE.search(text, max(0, e.start - 30), e.start) if text else None
            votes.setdefault(_bare(e.text), Counter())["PERSON" if role else e.label or "?"] += 1
        for form, count in votes.items():
            ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0] != "PERSON", kv[0] == "?"))
            self.label[form] = "" if ranked[0][0] == "?" else ranked[0][0]
        orgs = {f.split()[0] for f, label in self.label.items() if label == "ORG" and " " in f}
        for form, label in list(self.label.items()):
            # "Acme Breach" in a headline, beside "Acme Inc.": no person's name opens with an
            # organisation's
            first = form.split()[0]
            if label == "PERSON" and first != form and first in orgs:
                self.label[form] = "ORG"
        forms = sorted(self.label, key=len, reverse=True)
        defined = {m.group(2): m.group(1) for m in _BRACKETED_ACRONYM.finditer(text)}
        for form in forms:
            self.full[form] = defined.get(form) or next(
                (
                    longer
                    for longer in forms
                    # "Acme" is not "Acme CEO Dana Whitlock"
                    if len(longer) > len(form)
                    and _same(form, longer)
                    and not _ROLE_AND_NAME.search(longer)
                ),
                form,
            )

    def canonical(self, name: str) -> str:
        bare = _bare(name)
        return self.full.get(bare, bare)

    def last_before(
        self, position: int, label: str, others: AbstractSet[str] = frozenset()
    ) -> str | None:
        """The last name of kind `label` mentioned before `position` that is none of `others`."""
        for e in reversed(self.mentions):
            if e.start < position and _kind(self.label.get(_bare(e.text), e.label)) == label:
                name = self.canonical(e.text)
                if name not in others:
                    return name
        return None

    def last_of(self, cls: str | None, position: int) -> str | None:
        """The last organisation of class `cls` (company, public, outlet; None: any) named
        before `position`; places and people are never it."""
        for e in reversed(self.mentions):
            if e.start < position and e.label in ("ORG", ""):
                name = self.canonical(e.text)
                if self.label.get(name, e.label) != "PERSON" and cls in (None, _class(name, "ORG")):
                    return name
        return None

    def described_by(self, cls: str | None, claim: Claim) -> str | None:
        """What a description of class `cls` in a claim's speaker stands for: the last such
        organisation named before the claim's words when they come first ("“We reject all of
        Kestrel's arguments,” the retailer said": not Kestrel, which the retailer's own words
        name), else before the speaker, inside the words only where nothing came before."""
        assert claim.speaker is not None
        words_first = min(claim.speaker.start, claim.content.start)
        found = self.last_of(cls, words_first)
        if found is None and words_first != claim.speaker.start:
            found = self.last_of(cls, claim.speaker.start)
        return found

    def subject_org(self, sentence: int, position: int) -> str | None:
        """The organisation named first in the sentence that starts at `sentence`, before
        `position`, or else first in the sentence before it."""
        before = max(self.text.rfind(". ", 0, sentence - 1), self.text.rfind("\n", 0, sentence - 1))
        return self.org_in(sentence, position) or self.org_in(before + 1, sentence)

    def firm_before(self, claim: Claim) -> str | None:
        """What "the firm" stands for: among the organisations named in the claim's sentence
        before it, or else in the sentence before, outside the claim's own words, a financial
        firm ("short seller Kestrel", "Kestrel Research", "research firm Kestrel"), or else the
        one named first there, the sentence's subject as a rule ("Kestrel has bet against
        Harbor Holdings. The firm argues ..."): a firm is seldom the company it writes about."""
        assert claim.speaker is not None
        end = claim.speaker.start
        start = claim.sentence.start
        words = (claim.content.start, claim.content.end)
        for lo, hi in ((start, end), (sentence_before(self.text, start), start)):
            named = [
                e
                for e in self.mentions
                if lo <= e.start
                and e.end <= hi
                and not (words[0] <= e.start < words[1])
                # NER's label here, where the document's vote says a person elsewhere; a
                # firm's short name NER took for a place ("Hindenburg" of "Hindenburg Research")
                and (
                    e.label == "ORG"
                    or (e.label == "" and self.label.get(_bare(e.text)) != "PERSON")
                    or bool(_FIRM_WORDS.search(self.canonical(e.text)))
                )
            ]
            if named:
                firm = [e for e in named if self._firm(e)]
                return self.canonical((firm or named)[0].text)
        return None

    def unanswered(self, claim: Claim) -> str | None:
        """What "it" or "they" opening a claim's sentence stands for right after a sentence in
        which an organisation did not answer the page ("CTS Labs did not respond to a request
        for comment. However, they also admitted ..."): that organisation."""
        if not follows_unanswered(self.text, claim):
            return None
        return self.org_in(sentence_before(self.text, claim.sentence.start), claim.sentence.start)

    def _firm(self, e: Entity) -> bool:
        name = self.canonical(e.text)
        return bool(_FIRM_WORDS.search(name)) or bool(self._descriptors(e) & _FIRM_KINDS)

    def opening_person(self, sentence: int) -> str | None:
        """The person whose name opens the sentence starting at `sentence`, its subject as a
        rule ("Jo Doe, Acme's creative director, took to Twitter to deny it. “...,” he wrote":
        Jo Doe, not a speaker named before, nor "Twitter", which NER may take for a person);
        not an owner ("Jo Doe's lawyer ...")."""
        for e in self.mentions:
            if e.start > sentence + 3:
                return None
            if e.start >= sentence and self.text[sentence : e.start].strip(" \t\n\"“'‘") == "":
                owner = self.text[e.end : e.end + 2] in ("'s", "’s")
                if self.label.get(_bare(e.text), e.label) != "PERSON" or owner:
                    return None
                return self.canonical(e.text)
        return None

    def org_in(self, start: int, end: int) -> str | None:
        """The first organisation named between `start` and `end`."""
        for e in self.mentions:
            inside = start <= e.start and e.end <= end and e.label in ("ORG", "")
            if inside and self.label.get(_bare(e.text), e.label) != "PERSON":
                return self.canonical(e.text)
        return None

    def filer(self, position: int) -> str | None:
        """The name last said, before `position`, to have filed, brought, withdrawn or dropped
        something, or to have sued ("Vale Capital filed a lawsuit against Lund Research": Vale
        Capital, not the party sued)."""
        for e in reversed(self.mentions):
            if e.start < position and _FILED.match(self.text, e.end, e.end + 160):
                return self.canonical(e.text)
        return None

    def described_as(self, phrase: str, position: int) -> str | None:
        """The name last described before `position` by every word of `phrase` ("the activist"
        after "activist investor Carl Icahn" or "Icahn, one of the activist investors")."""
        words = phrase.lower().split()
        if len(words) < 2 or words[0] not in ("the", "this", "that"):
            return None
        # a place or a name modifying the description ("the US short-seller") describes
        # where, not what
        plain = [w.lower() for w in phrase.split()[1:] if not w[:1].isupper()]
        wanted = {_singular(w) for w in (plain or words[1:])}
        # "the investment company" after "investment firm Kestrel": a company noun for another
        kind = {words[-1]} & COMPANY_NOUNS if len(words) > 2 else set()
        for e in reversed(self.mentions):
            if e.start >= position:
                continue
            found = self._descriptors(e)
            if wanted <= found or (kind and wanted - kind <= found and found & COMPANY_NOUNS):
                return self.canonical(e.text)
        return None

    def _descriptors(self, e: Entity) -> set[str]:
        before = _DESCRIBED_BEFORE.search(self.text, max(0, e.start - 60), e.start)
        before = _OPENING_DESCRIBED.search(self.text, max(0, e.start - 60), e.start) or before
        after = _APPOSITION.match(self.text[e.end : e.end + 120])
        found: list[str] = []
        if before is not None:
            run = before.group(1).lower().split()
            while run and run[0] in _NOT_DESCRIBING:  # "after short-seller firm": from "short"
                run = run[1:]
            found += [] if any(w in _NOT_DESCRIBING | _HEADLINE_VERBS for w in run) else run
        if after is not None:
            found += after.group(1).split()
        return {_singular(w) for w in found if w not in _NOT_DESCRIBING}

    def name_in(self, start: int, end: int, phrase: str) -> tuple[str, str] | None:
        """The first named mention inside a speaker's phrase, in its fullest form. A spokesperson
        phrase names the person first ("Jo Doe, a spokesperson for Acme"), so the person wins.
        A place inside a longer phrase is a modifier ("the Palo Alto company"), not a name."""
        inside = [
            e
            for e in self.mentions
            if start <= e.start
            and e.end <= end
            and (e.label not in _PLACES or e.end - e.start >= len(phrase.strip()) - 1)
        ]
        coordinated = _COORDINATED.match(phrase.strip())
        if coordinated:
            # "Doe and her chief of staff, Dr. Sam Pike": the first of those named speaks, as
            # the page named it before
            first = _bare(coordinated.group(1))
            form = next((f for f in self.label if f == first or _same(first, f)), None)
            if form is not None:
                full = self.full.get(form, form)
                return full, _kind(self.label.get(full, "PERSON"))
        if inside:
            role = ROLE.search(self.text[start:end] if self.text else phrase)
            person = next(
                (
                    e
                    for e in inside
                    if role is not None
                    and e.start - start >= role.end()
                    and self.label.get(_bare(e.text), e.label) == "PERSON"
                ),
                None,
            )
            if person is not None:  # "Acme CEO Dana Whitlock": the person, not the company
                return self.canonical(person.text), "PERSON"
            full = self.canonical(inside[0].text)
            if "," in phrase and ROLE.search(phrase.partition(",")[2]):
                self.label[full] = "PERSON"  # "Renata Osei, a spokesperson for ...": a person
                return full, "PERSON"
            return full, _kind(self.label.get(full, inside[0].label))
        bare = _bare(phrase)
        if bare in self.full and bare[:1].isupper():
            full = self.full[bare]
            return full, _kind(self.label.get(full, "ORG"))
        head, _, rest = phrase.partition(",")
        if rest and _NAME.fullmatch(head.strip()) and ROLE.search(rest):
            return self.canonical(head), "PERSON"  # a name NER missed, with its role
        work = _NAMED_WORK.match(phrase.strip())
        if work:  # "Lindqvist's explanation": the name NER missed, said in full before
            owner = _bare(work.group(1))
            form = next((f for f in self.label if f == owner or _same(owner, f)), None)
            if form is not None:
                full = self.full.get(form, form)
                return full, _kind(self.label.get(full, "ORG"))
        return None


# a speaker's phrase that goes on after its first name with another: "Doe and her deputy, ..."
_COORDINATED = re.compile(
    r"^((?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’.-]+)\s+and\s+(?:his|her|their|its|[A-Z])"
)


def _label(name: str, ner_label: str) -> str:
    """The NER label, corrected where the name's form says otherwise: people take no article,
    are not spelled in capitals, and carry no company word ("Kestrel Cloud", "Meridian Foods")."""
    bare = _HONORIFICS.sub("", name.strip())
    if _ROLE_AND_NAME.search(bare):
        return "PERSON"  # "Acme CEO Dana Whitlock"
    if ner_label in _PLACES and bare.isupper() and len(bare) <= 3:
        return ner_label  # "the US short-seller": a place's initials modify, as a place does
    if (
        name.lower().startswith("the ")
        or bare.isupper()
        or _ORG_WORDS.search(bare)
        or _OUTLET_WORDS.search(bare)
    ):
        return "ORG"
    if ner_label:
        return ner_label
    return "PERSON" if 2 <= len(bare.split()) <= 3 else "ORG"


def _kind(label: str) -> str:
    return "PERSON" if label == "PERSON" else "ORG"


def _bare(name: str) -> str:
    name = _HONORIFICS.sub("", name.strip())
    name = re.sub(r"^(the|The)\s+", "", name)
    return re.sub(r"['’]s?$", "", name).strip()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _spelled_as(word: str, surname: str) -> bool:
    """Whether `word` is `surname`, or a page's slip of it: two neighbouring letters swapped
    after the first ("Kahn" for "Khan")."""
    if word == surname:
        return True
    if len(word) != len(surname) or len(word) < 4 or not word.istitle():
        return False
    diff = [i for i, (x, y) in enumerate(zip(word, surname, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[0] > 0
        and diff[1] == diff[0] + 1
        and word[diff[0]] == surname[diff[1]]
        and word[diff[1]] == surname[diff[0]]
    )


def _same(short: str, long: str) -> bool:
    """Whether `short` names what `long` names: its leading words ("Kestrel" / "Kestrel
    Cloud"), a person's surname ("Whitlock" / "Dana Whitlock"), or its initials ("AWS" /
    "Amazon Web Services")."""
    short_words, long_words = short.split(), long.split()
    if long_words[: len(short_words)] == short_words:
        return True
    if len(short_words) == 1 and len(long_words) <= 3 and _spelled_as(short, long_words[-1]):
        return True
    initials = "".join(w[0] for w in long_words if w[:1].isupper())
    return short.isupper() and len(short) >= 2 and short == initials
