"""Speaker resolution: which party each claim speaks for.

A claim's party is its speaker's side, not the document's: a spokesperson of the company quoted
in the newspaper speaks for the company. The document's own voice is the party the page says it
is (`page_party`: a party's `domains`, or its site name), else the party its source was declared
for. Claims of one speaker's words ("X told the paper that A, adding that B") share one side.
Rules, in order:
1. no speaker (own voice), first-person speakers ("we") and unmatched anonymous sources:
   the document's party; but in coverage, those who told the report side ("people familiar
   with the matter told Bloomberg", "the authorities in Ontario confirmed to the paper") are
   that side's sources;
2. a party's name or one of its aliases inside the speaker's phrase (appositive included):
   that party (the earliest mention wins: "Dana Whitlock, a spokesperson for Kestrel"), but
   the agent of a passive participle first ("internal Kestrel files seen by the Ledger": the
   Ledger speaks, Kestrel only qualifies the files);
3. "he", "she", "they", "it", "the company", ...: the party of the entity they stand for (see
   `names`), or else ("they", "it") of the last named speaker before it in the document; but
   "it" or "they" as the subject of an evidence verb ("they show that ...") are the documents
   the page cites (the document's party), and "you" in a page of one side is the other side
   (a letter's addressee); "its scientists", "their lawyers" are the people of the side that
   spoke last, in their sentence or the one before;
4. a party named only as the modifier of a noun that is not its voice ("one Acme employee",
   "Acme documents"): not that party (the document's, unless another party is named); and
   papers a page cites as evidence ("a trove of internal Acme documents", "a review of
   thousands of pages of emails", "internal documents") speak for the side that reported them,
   the side of the case's report sources, unless the page is that side's or a party's own
   papers are meant ("our records", "Acme's files");
5. in a neutral page (coverage), a sentence of the page's own voice that follows, in the same
   paragraph, a claim a side *reported* ("the Ledger reports that A. B.") goes on telling that
   side's account: B is the side's, as A is (so after "Acme's spokeswoman explained that A.");
   a sentence of its own voice that hedges what it tells as hearsay ("reportedly",
   "allegedly"), or tells what "was revealed" with no one named, tells the report's findings:
   the report side's; a sentence opening with "We" right after a side spoke, in its paragraph,
   goes on with that side (words printed without quotation marks); a "Fact:" line right under
   an account a page labels ("Myth: Y", "Fiction: Y") answers it for the other side; its own
   words that say they go against a side ("..., which directly contradicts the Astros' claim")
   tell the other side's account;
6. a person a page introduced with a side's role ("Ilse Marsh, Acme's head of safety", or in
   its own voice "Tom Brandt is chairman of Acme's audit committee" or "Ian Moss, creative
   director at Acme, took to Twitter to deny it", or after the role:
   "Acme's head of safety, Ilse Marsh") speaks for that side when named again ("Marsh said",
   "Mr. Brandt said"); not a former holder;
7. an account a denial relays (kind `account`: "X rejected a report by the Ledger that Y") is
   the side its words name ("the Ledger"), else the one other side than the denier's; never the
   denier's, and dropped when no one side is left; an account no denial relays ("A central
   accusation is that Y", "Among the findings were that Y") is the side its words name, else
   the report side (the other side where a side's own quote relays an accusation); a denier
   whom no party's name resolves ("Northfield's chief executive Arun Patel rejected the
   Ledger's allegation that Y") is the side against the account, and so is the person after;
8. "the CEO", "the executive", "the founder", "the company's Safety Team", "the company's
   lawyers", and the company named by what it is ("the beauty company", "the streaming
   service") where no party's name resolves it: the company the report is about, and so is
   "the firm" resolved to no side or to the report's, where the page never calls the report's
   side a firm; "the short seller", "the US-based short-seller", "the researchers": the report
   side; in coverage that has named the report's side, its unnamed sources ("sources said",
   "former employees", "workers claimed", "recordings suggested", "factory managers who
   admitted", "filming inside the plant showed", "three senior insiders at Acme say"), other
   reports ("another report", "three separate French reports", "a report into oil spills in
   the delta") and what "it's suggested" are that side's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from urllib.parse import urlsplit

from pipeline.nlp.cues import FALSELY
from pipeline.nlp.layouts import ANSWER_LABELS
from pipeline.nlp.names import (
    ANONYMOUS,
    COMPANY_NOUNS,
    ORGANISATION,
    OWNED_REPORT,
    ROLE,
    canonical_speakers,
    follows_unanswered,
    sentence_before,
)
from pipeline.nlp.quotes import find_quotes, inside
from pipeline.records import Case, Claim, Entity, Party, Span

_THIRD_PERSON = frozenset({"he", "she", "they", "him", "her", "them"})
_GROUP_PRONOUNS = frozenset({"they", "them", "it"})
_PRONOUNS = _THIRD_PERSON | _GROUP_PRONOUNS
_PERSONAL_PRONOUNS = _PRONOUNS | {"we", "i", "you", "us"}
# "examined by X", "seen by X": X is the agent
_AGENT = re.compile(r"\b\w+(?:ed|en|wn)\s+by\s+(.+)$", re.IGNORECASE)
_EVIDENCE = frozenset(
    "show shows showed shown reveal reveals revealed indicate indicates indicated suggest suggests"
    " suggested demonstrate demonstrates demonstrated prove proves proved".split()
)
# nouns that do not speak for the party that modifies them
_NOT_VOICE = frozenset(
    """employee employees worker workers staffer staffers insider insiders customer customers
    consumer consumers shareholder shareholders
    user users investor investors document documents file files email emails record records
    message messages data papers""".split()
)
# what a page invites its reader to do with what follows: "You can read the statement below:"
_READER_VERBS = frozenset("read see find view watch check".split())
# papers a report obtains and cites: "internal documents show", "a trove of Acme emails"
_LEAKED = frozenset(
    "document documents email emails memo memos file files papers message messages minutes slides"
    " presentation presentations photographs photos images pictures videos footage".split()
)
# unnamed sources: "people familiar with the matter", "two people with knowledge of the board",
# "sources close to the company": the page's own sources, whatever the phrase goes on to name
_OWN_DETERMINERS = frozenset("our its their his her my your".split())
# the people of a side named by a pronoun: "its scientists", "their own engineers"
_ITS_PEOPLE = re.compile(
    r"(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:scientists|engineers|experts|researchers|"
    r"lawyers|attorneys|executives|officials|spokesm[ae]n|spokeswom[ae]n|spokespe(?:rson|ople)s?|"
    r"representatives|staff|managers|directors|advisers|advisors|doctors|auditors|consultants)"
)
# a speaker that owns what it introduces ("Bloomberg's claim that"): no voice of its own
_POSSESSIVE = re.compile(r"['’]s?$")
# verbs that introduce an account the next sentences go on telling
_ACCOUNT = frozenset(
    "report reports reported reporting write writes wrote detail details detailed describe"
    " describes described reveal reveals revealed explain explains explained".split()
)
_SAME_PARAGRAPH_GAP = re.compile(r"[^\S\n]*\n?[^\S\n]*")
_PARTITIVE = re.compile(
    r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|some|many|most|"
    r"several|all|few|a few|a handful|a number|a dozen)\s+of\s+(?:the\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r",|\s[–—-]\s|\s(?:of|for|at|from|with|who|which|that|in)\s")
# staff who have left: "a former Acme quality manager", "ex-employees" (not a former chief
# executive, who may still speak for the company's side)
_FORMER_STAFF = re.compile(
    r"\b(?:former|ex-)\s*(?:[\w&'’.-]+\s+){0,3}?(?:employees?|workers?|staffers?|engineers?|"
    r"managers?|inspectors?|technicians?|contractors?|insiders?|analysts?)\b"
    # whatever they did there: "several former Acme “news curators,” as they were known"
    r"|\b(?:former|ex-)\s*(?:[\w&'’.-]+\s+){0,3}?[“\"‘'][\w\s,.-]+[”\"’']",
    re.IGNORECASE,
)
# "the CEO", "the chief executive", "the executive", "the founder", "the company's Safety Team": in
# a dispute, the head or a voice of the company reported on
_COMPANY_HEAD = re.compile(
    r"^the\s+(?:ceo|chief executive(?: officer)?|chairman|chairwoman|chief financial officer|cfo|"
    r"executive|(?:co-?)?founder)$"
    # the company's own voices: "the company's Safety Team", "the bank's board", "the company
    # statement"
    r"|^the\s+(?:company|bank|carmaker|automaker|airline|retailer|insurer|lender|"
    r"manufacturer|corporation|exchange|platform|brand)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}"
    r"(?:team|board|spokes(?:person|man|woman)|representatives?|lawyers?|attorneys?|counsel|"
    r"management|executives?|ceo|founder|chief|chairman|chairwoman|statement|blog|website|"
    r"press office)$"
    # a spokesperson of no one named: "a representative insisted", "the spokeswoman added"
    r"|^(?:a|an|the|one|another)\s+(?:company\s+|corporate\s+)?(?:spokes(?:person|man|woman)|"
    r"representative|rep|press\s+officer)$"
    # a headline's company, with no article: "Company insists Y", "Airline denies Y"
    r"|^(?-i:Company|Bank|Airline|Carmaker|Automaker|Retailer|Insurer|Lender|Manufacturer|Brand)$",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\s+(?:at|of|from|inside|within|in)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s*){1,4}")
_NAME_LIKE = re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*")
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+"
_HONORIFIC = re.compile(rf"^{_TITLE}")
_FORMER = re.compile(r"\b(?:former|ex|onetime|one-time|retired)\b", re.IGNORECASE)
_WORD = r"[A-Z][\w'’-]+"
# a person's name: two or three capitalised words, or one after a title ("Mr. Brandt")
_PERSON_NAME = (
    rf"(?:{_TITLE}(?P<titled>{_WORD}(?:\s+{_WORD}){{0,2}})"
    rf"|(?P<name>{_WORD}(?:\s+[A-Z]\.)?(?:\s+{_WORD}){{1,2}}))"
)
# "Ilse Marsh, Acme's head of safety": a person, then a role
_PERSON_WITH_ROLE = re.compile(rf"^{_PERSON_NAME},\s+(?:[^,]{{0,60}}\s)?(?i:{ROLE.pattern})")
# "Ukraine's deputy defence minister, Hana Maliar", "Acme chief technology officer Jo Doe": a
# role, then the person
_ROLE_THEN_PERSON = re.compile(
    rf"(?i:{ROLE.pattern})[\w-]*(?:\s+(?i:of|for)\s+[\w'’&. -]{{1,40}}?)?,?\s+{_PERSON_NAME}$"
)
# "Tom Brandt is chairman of Acme's audit committee", "Mr. Brandt, an accountant, is the
# chief financial officer at Acme"
_HOLDS_ROLE = re.compile(
    rf"^{_PERSON_NAME}(?:,[^,]{{1,80}},)?\s+(?:is|was|has been|serves as)\s+"
    rf"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,3}}?(?i:{ROLE.pattern})\s+(?P<of>.+)$"
)

# "Ian Moss, creative director at Acme, took to Twitter": a person, then a role, in the page's
# own voice
_INTRODUCED = re.compile(rf"^{_PERSON_NAME},\s+(?P<of>[^,]{{1,80}}),\s")


@cache
def _alias_pattern(alias: str) -> re.Pattern[str]:
    if alias[:4].lower() == "the " and alias[4:5].isupper():
        # "The Daily Example" is also "Daily Example" ("Daily Example reporters"), in capitals
        # only: "The Information" is not "information"
        rest = _escaped(alias[4:])
        return re.compile(rf"(?<!\w)(?:(?i:{_escaped(alias)})|{rest})(?!\w)")
    if _PERSON_ALIAS.fullmatch(alias):
        # "Russell Withers" is also "Russ Withers", "Timothy Cook" "Tim Cook": the first name
        # shortened, in capitals
        first, last = alias.split()
        short = rf"{re.escape(first[:3])}[a-z]*\s+{_escaped(last)}"
        return re.compile(rf"(?<!\w)(?:(?i:{_escaped(alias)})|{short})(?!\w)")
    return re.compile(r"(?<!\w)" + _escaped(alias) + r"(?!\w)", re.IGNORECASE)


# a person's first name and surname
_PERSON_ALIAS = re.compile(r"[A-Z][a-z]{3,}\s+[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?")


_APOSTROPHE = re.compile("['’]")


def _escaped(name: str) -> str:
    """`name` as a pattern in which a straight and a curly apostrophe are one ("O'Brien" is
    "O’Brien"), and a hyphen between two words may be a space ("Baker-White" is "Baker
    White", "Coca-Cola" "Coca Cola")."""
    return _HYPHEN.sub(r"[-‐ ]", _APOSTROPHE.sub("['’]", re.escape(name)))


_HYPHEN = re.compile(r"(?<=\w)\\-(?=\w)")


def match_party(phrase: str, parties: Sequence[Party]) -> Party | None:
    """The party named earliest in `phrase` (longest name on ties), or None."""
    best: tuple[int, int, Party] | None = None
    for party in parties:
        for name in (party.name, *party.aliases):
            m = _alias_pattern(name).search(phrase)
            if m and (best is None or (m.start(), -len(name)) < (best[0], -best[1])):
                best = (m.start(), len(name), party)
    return best[2] if best else None


def speaker_party(phrase: str, parties: Sequence[Party]) -> Party | None:
    """The party a speaker's phrase names: the agent of its passive participle if that names
    one, else the earliest named."""
    agent = _AGENT.search(phrase)
    found = match_party(agent.group(1), parties) if agent else None
    if found is not None:
        return found
    if leaked_papers(phrase):
        return None  # "a trove of internal Acme documents": Acme is what they are of
    head_phrase = _modifier_head(phrase, parties)
    if head_phrase is not None:
        # "one Acme employee": Acme is what the employee is of, not its voice
        return match_party(phrase[len(head_phrase) :], parties)
    return match_party(phrase, parties)


def _modifier_head(phrase: str, parties: Sequence[Party]) -> str | None:
    """The head phrase of `phrase` when it names a party only as the modifier of a noun that is
    not its voice ("one Acme employee", "Acme documents"; not "Acme's lawyers"), the whole
    phrase for staff who have left ("a former Acme quality manager"), else None."""
    if _FORMER_STAFF.search(phrase):
        return phrase
    partitive = _PARTITIVE.match(phrase)  # "two of the senior Acme insiders"
    skip = partitive.end() if partitive else 0
    head_phrase = phrase[:skip] + _HEAD_END.split(phrase[skip:], maxsplit=1)[0]
    words = head_phrase.split()
    possessive = any(mark in head_phrase for mark in "'’")
    not_voice = bool(words) and words[-1].lower() in _NOT_VOICE and not possessive
    if not not_voice or _ends_in_name(head_phrase, parties):
        return None  # "Business Insider": the noun is the end of a party's own name
    if match_party(head_phrase, parties):
        return head_phrase
    # "three senior insiders at Acme": Acme is where they work, not their voice
    where = _WHERE.match(phrase, len(head_phrase))
    return phrase[: where.end()] if where and match_party(where.group(), parties) else None


def _ends_in_name(phrase: str, parties: Sequence[Party]) -> bool:
    """Whether one of the parties' names or aliases ends `phrase`."""
    return any(
        m.end() == len(phrase.rstrip())
        for party in parties
        for name in (party.name, *party.aliases)
        for m in _alias_pattern(name).finditer(phrase)
    )


_REPORT_NOUN = (
    r"(?:report|series|story|article|investigation|expos[eé]|documentary|programme|program|"
    r"broadcast|episode|show|film)"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# what the report is said to hold, in the passive: "It was alleged in the programme that Y"
_ALLEGED_IN_REPORT = re.compile(
    r"^\W*it\s+(?:was|is|has\s+been)\s+(?:\w+ly\s+)?(?:alleged|claimed|reported|revealed|"
    r"suggested|shown|found|stated)\s+(?:in|by)\s+(?:the|this|that|its|their|a)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_REPORT_NOUN}\b",
    re.IGNORECASE,
)
# the report disputed, named by its kind alone
# what a report is about: "a report into oil spills in the delta", "the study on Acme's pumps"
_REPORT_TOPIC = r"(?:\s+(?:into|on|about)\s+(?!\w+day\b)[^,;]{3,80}?)?"
_THE_REPORT = re.compile(
    rf"^(?:the|this|(?:(?:to|yester)day|{_WEEKDAY})['’]s|last\s+week['’]s)"
    rf"\s+(?:(?:new|latest|original|initial|short|short[- ]sell(?:er|ing)['’]?s?)\s+){{0,2}}"
    rf"{_REPORT_NOUN}s?{_REPORT_TOPIC}$",  # "the reports", "the articles": its parts or instalments
    re.IGNORECASE,
)
# a part of the report disputed: "a disclaimer in the report", "one passage of the documentary"
_PART_OF_REPORT = re.compile(
    r"^(?:a|an|the|one|this)\s+(?:[\w-]+\s+)?(?:disclaimer|footnote|passage|section|chapter|"
    r"paragraph|summary|appendix|page|line|excerpt|segment|scene)\s+(?:in|of|from)\s+"
    rf"(?:the|this|that)\s+(?:[\w'’-]+\s+){{0,2}}?{_REPORT_NOUN}$",
    re.IGNORECASE,
)
# a report of no one named, at most with when it came out ("a report", "a recent study", "a report
# on Monday"): on a page about the dispute, the report disputed
_A_REPORT = re.compile(
    r"^(?:(?:a|an|another|one|a\s+second|a\s+third)\s+"
    r"(?:(?:new|recent|fresh|damning|scathing|lengthy|detailed|previous|separate|"
    rf"{_WEEKDAY})\s+)?"
    rf"(?:{_REPORT_NOUN}|study)"
    # "reports say", "media reports", "earlier reports", "three separate French reports": in
    # coverage of the dispute, the report's
    r"|(?:(?:media|news|press|recent|earlier|several|some|two|three|four|both)\s+)?"
    r"(?:(?:separate|different|local|foreign|international|french|german|british|american|"
    r"chinese|japanese|indian|spanish|italian|russian|korean|canadian|australian|european)\s+)"
    r"{0,2}(?:reports|articles|stories)"
    r"|(?:(?:the|media|news|press)\s+)?reporting)"
    rf"{_REPORT_TOPIC}"
    r"(?:\s+(?:on\s+\w+day|last\s+\w+|this\s+\w+|earlier(?:\s+this\s+\w+)?))?$",
    re.IGNORECASE,
)
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
# the side that published the report, named by what it is: "the short seller", "the researchers",
# "the US-based short-seller"
_REPORT_SIDE = re.compile(
    r"^(?:the|this)\s+(?:(?:activist|(?:[\w.]+\s+)?[\w.]+-based|us|u\.s\.|american|british)\s+){0,2}"
    r"(?:short[- ]sell(?:er|ing)s?(?:\s+(?:firm|fund|group))?|"
    r"researchers|research\s+(?:firm|group|house|outfit))$",
    re.IGNORECASE,
)
# the company reported on, named by what it is: "the beauty company", "the streaming service",
# "the Saint-Etienne, France-based retailer": names' kinds of company and more, but not "the
# firm", "the group" or "the business", which may be a short seller or a watchdog
_COMPANY_KINDS = (COMPANY_NOUNS - {"firm", "group", "business"}) | frozenset(
    """corporation grocer supermarket service platform app drugmaker chipmaker phonemaker toymaker
    glassmaker carrier conglomerate start-up miner producer brand etailer e-tailer""".split()
)
# a sentence whose subject is the companies reported on, named by what they are
_COMPANIES_LEAD = re.compile(
    r"^\W*the\s+(?:[\w.'’&-]+\s+){0,3}?(?:companies|firms|makers|manufacturers|giants|brands|"
    r"producers|retailers|carmakers|mills|suppliers)\b",
    re.IGNORECASE,
)
# "the beauty company", "Indonesia's biggest palm oil producer" (and the day the parse hung on
# it: "... producer Friday rejected")
_COMPANY_SIDE = re.compile(
    r"^(?:the|this|(?-i:[A-Z][\w.-]*)['’]s?)\s+(?:[\w.,'’&-]+\s+){0,4}?(?:"
    + "|".join(sorted(map(re.escape, _COMPANY_KINDS)))
    + rf")(?:\s+{_WEEKDAY})?$",
    re.IGNORECASE,
)
# the outlet that published the report, named by what it is: "the newspapers", "the website"
_MEDIA_SIDE = re.compile(
    r"^(?:the|this)\s+(?:(?:news)?papers?|publications?|(?:(?:news|media)\s+)?outlets?|"
    r"(?:news\s+)?(?:web)?site|magazine|broadcaster|(?:news\s+)?network|news\s+organi[sz]ation|"
    r"investigative\s+unit)$",
    re.IGNORECASE,
)
_REPORT_WORK = re.compile(
    rf"^(?:the|a|this|that)\s+(?P<name>.+?)\s+(?:short(?:-seller)?\s+)?{_REPORT_NOUN}$",
    re.IGNORECASE,
)

# "the research into Acme, the world's largest ...", "a new investigation of Acme"
_WORK_INTO = re.compile(
    r"^(?:the|a|this|that|our|their|its)\s+(?:(?:new|latest|recent|joint)\s+)?"
    rf"(?:{_REPORT_NOUN}|research|analysis|probe|study)\s+(?:into|of|on|about)\s+"
    r"(?P<name>[^,(]+)",
    re.IGNORECASE,
)


_A_FIRM = re.compile(r"^(?:the|this)\s+(?:firm|group|business)$", re.IGNORECASE)


def _firm_is_company(
    phrase: str,
    canonical: str | None,
    matched: Party | None,
    reporter: Party,
    claim: Claim,
    text: str,
) -> bool:
    """Whether "the firm" (or "the group"), no alias of a side's, is the company reported on:
    it resolved to no side or to the report's, the page never calls the report's side a firm,
    and what it resolved to is not named in the sentence before (a third firm, "Deloitte
    audited the books. The firm said ...")."""
    if not text or not _A_FIRM.match(phrase.strip()):
        return False  # no page to read what "the firm" may be
    if matched is not None and matched.id != reporter.id:
        return False
    if _called_firm(reporter, text):
        return False
    before = text[sentence_before(text, claim.sentence.start) : claim.sentence.start]
    return matched is not None or not canonical or canonical not in before


def _called_firm(party: Party, text: str) -> bool:
    """Whether the page calls `party` a firm or a group ("short-seller firm Kestrel", "Kestrel,
    a research group", "Kestrel Research"), so that "the firm" may be it."""
    for name in (party.name, *party.aliases):
        alias = _alias_pattern(name).pattern
        if re.search(
            rf"\b(?:firm|group)\s+{alias}|{alias},?\s+(?:an?|the)\s+(?:[\w-]+\s+)"
            rf"{{0,3}}(?:firm|group)\b",
            text,
            re.IGNORECASE,
        ):
            return True
        if re.search(r"\b(?:Research|Capital|Partners|Group|Management|Analytics|LLC)\b", name):
            return True
    return False


def _other_side(case: Case, party: str | None) -> Party | None:
    """The one side of the case besides `party` (None: besides no one) and the neutral ones,
    if there is exactly one."""
    others = [p for p in case.parties if not p.neutral and p.id != party]
    return others[0] if len(others) == 1 else None


def _work_about_other(phrase: str, parties: Sequence[Party], reporter: Party) -> bool:
    """Whether `phrase` is a report named after another party than the report side, the one it
    is about ("the Acme report", "the research into Acme, the largest ...", not "Acme's report",
    nor "the Ledger report")."""
    m = _REPORT_WORK.match(phrase.strip()) or _WORK_INTO.match(phrase.strip())
    if m is None or any(mark in m.group("name") for mark in "'’"):
        return False
    named = match_party(m.group("name"), parties)
    return named is not None and not named.neutral and named.id != reporter.id


# what a company writes for itself, leaked when a page cites it: "one internal review"
_INTERNAL_WORKS = frozenset(
    "review reviews report reports study studies survey surveys assessment assessments audit"
    " audits research estimate estimates analysis".split()
)
_FIGURES = frozenset(
    "estimate estimates figures numbers data filings filing records accounts disclosures"
    " statements review reviews audit".split()
)


# where a noun phrase's head ends and its aside or source begins: "records – including weekly
# injury numbers from Acme's sites", "documents from Acme's servers"
_ASIDE = re.compile(r",|\s[-–—]+\s|\s?\(|\s(?:including|from)\s")


_E_MAIL = re.compile(r"\be-mail")  # "e-mails" are emails


def _head_words(phrase: str) -> list[str]:
    """The lower-case words of `phrase` before its aside or source (`_ASIDE`)."""
    head = _ASIDE.split(phrase, maxsplit=1)[0].lower()
    return re.findall(r"[\w'’]+", _E_MAIL.sub("email", head))


def _read_papers(phrase: str, cue: Sequence[str]) -> bool:
    """Whether a speaker is papers or figures a page reads as evidence ("Acme's internal
    estimates show that ...", "internal documents reveal ...", "records – including ... – that
    show ...")."""
    words = _head_words(phrase)
    papers = bool(words) and (words[-1] in _LEAKED or words[-1] in _FIGURES)
    return papers and bool(cue) and cue[-1] in _EVIDENCE


def leaked_papers(phrase: str) -> bool:
    """Whether a speaker's phrase is papers a page cites as evidence, not a party's own ("a
    trove of internal Acme documents", "a review of thousands of pages of emails", "documents
    from Acme's servers"; not "our records", "Acme's files")."""
    words = _head_words(phrase)
    internal = "internal" in words and words[-1] in _INTERNAL_WORKS
    if not words or (words[-1] not in _LEAKED and not internal):
        return False
    return not any(w in _OWN_DETERMINERS or w.endswith(("'s", "’s")) for w in words)


def report_party(case: Case) -> Party | None:
    """The side of the case's report sources (the accusing side), if one is declared."""
    counts: dict[str, int] = {}
    for source in case.sources:
        if source.role == "report":
            counts[source.party] = counts.get(source.party, 0) + 1
    if not counts:
        return None
    found = case.party(max(counts, key=lambda p: counts[p]))
    return None if found.neutral else found


def page_party(case: Case, source_party: str, url: str, site_name: str | None) -> str:
    """The party a page's own voice speaks for: the party whose `domains` hold its host, else
    the party its site name names, else the party its source was declared for. A news site's
    page declared as the company's rebuttal still speaks, in its own voice, for the news site."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        for party in case.parties:
            if any(host == d or host.endswith("." + d) for d in party.domains):
                return party.id
    if site_name:
        named = match_party(site_name, case.parties)
        if named is not None:
            return named.id
    return source_party


_HEARSAY = re.compile(
    r"\b(?:reportedly|allegedly|purportedly"
    # "The brand was recently accused of burning Y": an accusation no one is named as making
    r"|(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?accused\s+of)\b",
    re.IGNORECASE,
)
# what was told with no one named as telling it: "it was revealed on Thursday that Y", "it's
# suggested that Y"
_PASSIVE_HEARSAY = re.compile(
    r"^(?:was|were|is|are|['’]s|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:revealed|reported|alleged|claimed|suggested|understood|rumou?red)$",
    re.IGNORECASE,
)


def resolve_speakers(
    claims: Sequence[Claim],
    case: Case,
    document_party: str,
    entities: Sequence[Entity] = (),
    text: str = "",
) -> list[Claim]:
    """Fill in `speaker_name` (the canonical speaker, see `names`) and `party` of each claim of
    one document, in document order."""
    own = case.party(document_party)
    reporter = report_party(case)
    company = _other_side(case, reporter.id) if reporter is not None else None
    last_named: tuple[str, str] | None = None
    # the side that spoke last in its own voice, and where that claim's sentence starts
    last_voice: tuple[str, str] | None = None
    last_voice_at = -1
    party_of: dict[str, str] = {}
    resolved: list[Claim] = []
    account: Claim | None = None  # the last claim a side reported, resolved: rule 5
    for claim in canonical_speakers(claims, entities, text):
        name, party = own.name, own.id
        if (
            claim.speaker is not None
            and resolved
            and (before := resolved[-1]).speaker == claim.speaker
            and before.kind == claim.kind != "account"
        ):
            # "X told Bloomberg that A, adding that B": B is said by whom A is
            resolved.append(replace(claim, speaker_name=before.speaker_name, party=before.party))
            continue
        if (
            claim.speaker is None
            and own.neutral
            and account is not None
            and _goes_on(account, claim, text)
        ):
            account = replace(claim, speaker_name=account.speaker_name, party=account.party)
            resolved.append(account)
            continue
        if (
            claim.speaker is None
            and resolved
            and resolved[-1].kind == "account"
            and resolved[-1].party is not None
            and _FACT_LINE.match(claim.sentence.text)
            and (answer := _other_side(case, resolved[-1].party)) is not None
        ):
            # a rebuttal's "Myth: Y" then "Fact: Z", also where coverage reprints it: Z answers
            # the account Y, for the side against it
            resolved.append(replace(claim, speaker_name=answer.name, party=answer.id))
            continue
        if (
            claim.speaker is None
            and own.neutral
            and resolved
            and resolved[-1].speaker is not None
            and resolved[-1].party is not None
            and not case.party(resolved[-1].party).neutral
            and _WE_OPENING.match(claim.sentence.text)
            and _goes_on(resolved[-1], claim, text)
        ):
            # 'the spokesperson said, We will never compromise on that. We also ensure Y', with
            # no quotation marks, in coverage: "we" goes on with the side that spoke
            before = resolved[-1]
            resolved.append(replace(claim, speaker_name=before.speaker_name, party=before.party))
            continue
        if (
            claim.speaker is None
            and own.neutral
            and reporter is not None
            and claim.kind == "asserted"
            and _HEARSAY.search(claim.text)
        ):
            # coverage telling the report's findings: "Staff reportedly had access to Y", "the
            # employee allegedly reported this", "Acme was accused of Y": the report's side,
            # whose account it is
            resolved.append(replace(claim, speaker_name=reporter.name, party=reporter.id))
            continue
        if claim.speaker is not None:
            phrase = _whole_name(claim.speaker, text, case.parties)
            lowered = phrase.lower()
            cue = claim.cue.text.lower().split() if claim.cue else []
            if (lowered in ("it", "they") and cue and cue[-1] in _EVIDENCE) or (
                lowered == "you" and cue and cue[0] in _READER_VERBS
            ):
                # "they show that ...": the documents the page cites; "You can read the full
                # response below:": the reader, who says nothing
                resolved.append(replace(claim, speaker_name=own.name, party=own.id))
                continue
            # "You" in capitals inside a sentence is a title's ("a programme, Catch Me If You Can,
            # has claimed"), not the reader addressed
            titled = phrase == "You" and claim.speaker.start > claim.sentence.start
            addressee = (
                _other_side(case, own.id)
                if lowered == "you" and not own.neutral and not titled
                else None
            )
            if addressee is not None:  # a letter to the other side
                resolved.append(replace(claim, speaker_name=addressee.name, party=addressee.id))
                continue
            unattributed = _AGENT.search(phrase) is None  # no "seen by X" says who holds them
            source = next(
                (s for s in (phrase, claim.speaker_name or "") if ANONYMOUS.match(s)), None
            )
            if unattributed and source is not None:
                # rule 1: the page's own unnamed sources ("the person", once named); but in
                # coverage, those who "told Bloomberg" are the report's
                told = _told_side(claim, text, case.parties) if own.neutral else None
                voice = told if told is not None and told == reporter else own
                resolved.append(replace(claim, speaker_name=source, party=voice.id))
                continue
            antecedent = (claim.speaker_name or phrase) if lowered in _RELATIVE_PRONOUNS else phrase
            if reporter is not None and own.id == reporter.id and _read_papers(antecedent, cue):
                resolved.append(replace(claim, speaker_name=own.name, party=own.id))
                continue  # on the report's page, what papers show is the report's reading
            if unattributed and reporter is not None and leaked_papers(antecedent):
                resolved.append(replace(claim, speaker_name=reporter.name, party=reporter.id))
                continue  # the papers a report obtained speak for the side that reported them
            if reporter is not None and (
                _THE_REPORT.match(phrase.split(",", 1)[0].strip())  # "The report, compiled by"
                or _A_REPORT.match(antecedent.strip())
                or _PART_OF_REPORT.match(phrase.strip())  # "a disclaimer in the report"
                or _work_about_other(phrase, case.parties, reporter)
            ):
                if (
                    own.id != reporter.id
                    and not own.neutral
                    and (
                        _FALSE_AFTER.match(text, claim.content.end)
                        or _DISPUTED_BEFORE.search(text, claim.sentence.start, claim.speaker.start)
                    )
                ):
                    # "Press reports that suggest that Y are false", "Acme disagrees with
                    # characterizations made in recent articles that say Y", on Acme's page:
                    # Acme denies Y
                    denial = replace(claim, speaker_name=own.name, party=own.id, polarity="denied")
                    resolved.append(denial)
                    continue
                resolved.append(replace(claim, speaker_name=reporter.name, party=reporter.id))
                continue  # "the report", "the Acme report": the report disputed speaks for its side
            if company is not None and _COMPANY_HEAD.match(phrase.strip()):
                resolved.append(replace(claim, speaker_name=company.name, party=company.id))
                continue  # "the CEO": the chief of the company the report is about
            canonical = claim.speaker_name
            report_side = reporter is not None and _REPORT_SIDE.match(phrase.strip()) is not None
            if _modifier_head(phrase, case.parties) is not None:
                canonical = None  # "one Acme employee" is no name of Acme's, however resolved
            if report_side:
                canonical = None  # "the research firm" is never the company it reports on
            canonical_match = speaker_party(canonical, case.parties) if canonical else None
            named_in_phrase = speaker_party(phrase, case.parties)
            matched = named_in_phrase or canonical_match
            if (
                reporter is not None
                and company is not None
                and (
                    (
                        matched is not None
                        and matched.id == reporter.id
                        and _COMPANY_SIDE.match(phrase.strip())
                    )
                    or (
                        named_in_phrase is None
                        and _firm_is_company(phrase, canonical, matched, reporter, claim, text)
                    )
                )
            ):
                # "the company said", resolved to the outlet ("content creation company
                # Buzzfeed"): the company the report is about; so is "the firm" of no side or
                # of the report's, where the page never calls the report's side a firm
                matched = canonical_match = company
                canonical = company.name
            shown = canonical if canonical and canonical_match == matched else phrase
            if lowered == "it" and (work := _document_before(resolved, claim, text)):
                # "An audit report says X. It warns that Y": the report goes on
                name, party = work.speaker_name or name, work.party or party
            elif (
                lowered == "they"
                and company is not None
                and any(
                    _COMPANIES_LEAD.match(text[start : claim.speaker.start])
                    for start in (claim.sentence.start, sentence_before(text, claim.sentence.start))
                )
            ):
                # "The cola companies shot back with studies they say show Y. They also
                # challenged ...": the companies the sentence, or the one before, is about
                name, party = company.name, company.id
            elif (
                (lowered in ("it", "they") or (_ITS_PEOPLE.fullmatch(lowered) and matched is None))
                and last_voice is not None
                and last_voice_at >= sentence_before(text, claim.sentence.start)
            ):
                # "The parts supplier released a statement that calls ... It said ...", "Acme
                # maintains that Y, and its scientists say Z": the side that spoke in this
                # sentence or the one before, whoever was named since
                name, party = last_voice
            elif (
                reporter is not None
                and _staff_described(phrase, case.parties)
                and _told_side(claim, text, case.parties) == reporter
            ):
                # "Unnamed sources within Acme told the paper", "current and former Acme
                # employees told the paper": the report's sources, whoever they work for
                name, party = phrase, reporter.id
            elif matched is not None and lowered not in _THIRD_PERSON:
                name, party = _display_name(shown, matched), matched.id
                party_of[name] = party
                for key in _person_keys(phrase):  # "Ilse Marsh, Acme's head of safety"
                    party_of[key] = party
                last_named = (name, party)
            elif canonical is not None and canonical in party_of:
                name, party = canonical, party_of[canonical]
            elif known := _known_person(canonical or phrase, party_of):
                # "Marsh said", after "Ilse Marsh, Acme's head of safety"
                name, party = known
            elif (
                lowered in _GROUP_PRONOUNS
                and canonical_match is not None
                and follows_unanswered(text, claim)
            ):
                # "Acme did not respond to a request for comment. It has said ...": Acme
                name, party = _display_name(shown, canonical_match), canonical_match.id
            elif lowered in _GROUP_PRONOUNS and last_named is not None:
                # "they", "it": the last side named; "he"/"she" need a person
                name, party = last_named
            elif matched is not None:
                name, party = _display_name(shown, matched), matched.id
            elif reporter is not None and (
                report_side
                or any(
                    p.match(said.strip())
                    for p in (OWNED_REPORT, _MEDIA_SIDE)
                    for said in (phrase, shown)
                )
            ):
                # "their report", "the researchers", "the short seller", "the newspapers": of no
                # party named
                name, party = reporter.name, reporter.id
            elif company is not None and _COMPANY_SIDE.match(phrase.strip()):
                # "the beauty company", of no party named: the company the report is about
                name, party = company.name, company.id
            elif (
                reporter is not None
                and (
                    # "sources said" on a coverage page telling what the report found
                    (own.neutral and _REPORT_SOURCES.match(antecedent.strip()))
                    # "the reporter wrote on X" on the other side's page
                    or (own.id != reporter.id and _JOURNALIST.match(phrase.strip()))
                )
                and _named_before(reporter, claim, text)
            ):
                # the report side's sources or reporter ("factory managers who admitted")
                name, party = antecedent, reporter.id
            elif ORGANISATION.match(phrase.strip()) and (
                side := _last_side_named(text, case.parties, claim)
            ):
                # "the organisation said", "the watchdog said", of no party named
                name, party = side.name, side.id
            elif (
                reporter is not None
                and _unnamed(phrase)
                and _told_side(claim, text, case.parties) == reporter
            ):
                # "several customers told the watchdog that ...": the report's sources
                name, party = phrase, reporter.id
            elif lowered not in ("we", "i", "us"):
                name = canonical or phrase
            reported = bool(cue) and cue[-1] in _ACCOUNT and not case.party(party).neutral
            account = replace(claim, speaker_name=name, party=party) if reported else None
        else:
            _learn_affiliation(claim.text, case.parties, party_of)
            if reporter is not None and _ALLEGED_IN_REPORT.match(claim.sentence.text):
                name, party = reporter.name, reporter.id  # "It was alleged in the programme"
            elif (
                reporter is not None
                and own.neutral
                and claim.cue is not None
                and _PASSIVE_HEARSAY.match(claim.cue.text)
            ):
                name, party = reporter.name, reporter.id  # coverage: "it was revealed that Y"
            elif own.neutral and (against := _contradicting(claim.text, case)) is not None:
                # "there were no interviews, which directly contradicts the Astros' claim"
                name, party = against.name, against.id
        if claim.kind == "account":
            _unpoint_denier(case, party, resolved, claim)
            owner = _account_owner(case, party, resolved, claim, reporter)
            if owner is None:
                continue
            if owner.id != party:
                name, party = owner.name, owner.id
            _side_with_denier(case, owner, resolved, claim, party_of)
        if (
            claim.cue is not None
            and _ACCUSING.match(claim.cue.text)
            and not case.party(party).neutral
            and speaker_party(claim.content.text[:60], case.parties) == case.party(party)
            and (accuser := _other_side(case, party)) is not None
        ):
            # "They intend to sue Acme, accusing the company of negligence", "they" resolved to
            # Acme: no side accuses itself
            name, party = accuser.name, accuser.id
        if (
            not own.neutral
            and (party != own.id or speaker_party(name, case.parties) is None)
            and _said_falsely(claim)
        ):
            # "the Ledger has incorrectly claimed that Y", "A news report on Monday falsely
            # claims that Y" (a speaker of no side, so the page's), on Acme's page: Acme denies Y
            name, party = own.name, own.id
            claim = replace(claim, polarity="denied")
        elif not own.neutral and party != own.id and _knew(claim):
            # "Acme knew its racks had faulty fans before they went on sale", on the paper's
            # page: what the page says the other side knew is the page's own charge
            name, party = own.name, own.id
        if (case.party(party).neutral or (claim.speaker is None and party == own.id)) and (
            stood := _standing_by(claim.text, case.parties, reporter)
        ):
            # "the Gazette stands by its report", in coverage or in the page's own voice
            name, party = stood.name, stood.id
        elif (
            claim.speaker is None
            and case.party(party).neutral
            and (finder := _finding_side(claim.text, case.parties))
        ):
            name, party = finder.name, finder.id  # "Through its research, Kestrel found ..."
        if (
            claim.speaker is not None
            and claim.speaker.text.lower() not in _PERSONAL_PRONOUNS
            and not case.party(party).neutral
        ):
            # "The parts supplier released a statement that calls ... It said that ...": the
            # side that spoke last, however its speaker was resolved
            last_named = (name, party)
        if (
            claim.speaker is not None
            and claim.kind != "account"
            and not _POSSESSIVE.search(claim.speaker.text)
            and not case.party(party).neutral
        ):
            last_voice, last_voice_at = (name, party), claim.sentence.start
        resolved.append(replace(claim, speaker_name=name, party=party))
    if own.neutral:
        return resolved
    # "The research paper implies that Y. This is false.", on Acme's page: Acme denies Y
    return [
        replace(c, speaker_name=own.name, party=own.id, polarity="denied")
        if (c.party != own.id or c.speaker_name != own.name) and _then_called_false(c, text)
        else c
        for c in resolved
    ]


# a side named as the subject of a clause: "Kestrel", "the Harbour Ledger"
_NAMED_SUBJECT = r"(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4}"
# a side named as the one standing by what it published: "Kestrel has now stood by its original
# opinion", "But the Gazette stands fully behind its reporting", "the Gazette is standing by its
# story"
_STANDS_BY = re.compile(
    rf"(?P<subject>{_NAMED_SUBJECT}|the\s+[a-z]+)(?:,\s*however,)?\s+"
    # "Bloomberg, however, is not backing down and remains standing by the report"
    r"(?:(?:is|was)\s+not\s+backing\s+down\s+and\s+)?"
    r"(?:has\s+|have\s+|had\s+|is\s+|are\s+|was\s+|were\s+|remains\s+|remained\s+)?"
    r"(?:(?:now|also|still|firmly|fully|entirely)\s+)*"
    r"(?:(?:stood|stands|stand|standing)\s+(?:(?:firmly|fully|entirely)\s+)?(?:by|behind)|"
    r"(?:re)?affirmed|defended)\s+(?:the\s+accuracy\s+of\s+)?(?:its|their|his|her|the)\s+"
    r"(?:\w+\s+){0,2}?"
    r"(?:report|reporting|story|stories|article|articles|research|investigation|journalism|"
    r"opinion|findings|criticisms|allegations|claims|conclusions|work)\b"
)


def _standing_by(text: str, parties: Sequence[Party], reporter: Party | None) -> Party | None:
    """The side a neutral voice says stands by what it published, if a side's name (or, for
    the `reporter`, what it is: "the publication") is the subject of that stand-by."""
    for m in _STANDS_BY.finditer(text):
        subject = m.group("subject")
        party = speaker_party(subject, parties)
        if party is None and _MEDIA_SIDE.match(subject):
            party = reporter  # "the publication reaffirmed the accuracy of its report"
        if party is not None and not party.neutral:
            return party
    return None


# the page's own voice saying what it tells goes against a side's account: "..., which directly
# contradicts the Astros' claim"
_CONTRADICTS_ACCOUNT = re.compile(
    r",?\s+(?:which|and\s+this|this)\s+(?:\w+ly\s+)?(?:contradicts|refutes|disproves|belies|"
    r"undercuts|undermines)\s+(?P<whose>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
    r"['’]s?\s+(?:\w+\s+)?(?:claims?|account|statement|assertions?|version|denial|story)\W*$"
)


def _contradicting(text: str, case: Case) -> Party | None:
    """The other side than the one whose account the page's own words say they contradict."""
    m = _CONTRADICTS_ACCOUNT.search(text)
    if m is None:
        return None
    party = speaker_party(m.group("whose"), case.parties)
    return None if party is None or party.neutral else _other_side(case, party.id)


# how a page says the other side's claim is false as it tells it: "X has incorrectly claimed
# that Y", "X falsely accused the company of Y"
_FALSELY = re.compile(rf"\b(?:{'|'.join(sorted(FALSELY))})\b", re.IGNORECASE)


_ACCUSING = re.compile(r"^(?:has\s+|had\s+|have\s+)?accus(?:e|es|ed|ing)$", re.IGNORECASE)
# knowing, not saying: "knew", "had known", "knows"
_KNEW = re.compile(r"^(?:(?:had|has|have)\s+(?:long\s+|already\s+)?)?(?:knew|known|knows)$")


def _knew(claim: Claim) -> bool:
    """Whether the claim's cue says its speaker knew the content, not that it said it."""
    return claim.cue is not None and _KNEW.match(claim.cue.text.lower().strip()) is not None


def _said_falsely(claim: Claim) -> bool:
    """Whether the words from a claim's speaker to its content say the speaker said it falsely."""
    if claim.speaker is None or claim.speaker.end > claim.content.start:
        return False
    start = claim.speaker.end - claim.sentence.start
    end = claim.content.start - claim.sentence.start
    return 0 <= start <= end and _FALSELY.search(claim.sentence.text[start:end]) is not None


# the page's verdict on what it has just relayed: "is (simply) false", "is patently untrue"
_IS_UTTERLY = (
    r"(?:is|was|are|were)\s+(?:(?:simply|completely|absolutely|categorically|patently|just|"
    r"plainly|totally|entirely)\s+)?"
)
_UNTRUE = r"false|untrue|not true|incorrect|inaccurate|wrong|not the case"
# what the page calls what it relayed: "this allegation", "these claims"
_RELAYED = (
    r"(?:allegations?|claims?|assertions?|accusations?|suggestions?|characteri[sz]ations?|"
    r"statements?)"
)
_FLATLY = (
    r"(?:(?:categorically|strongly|firmly|flatly|emphatically|completely|totally|vehemently|"
    r"unequivocally|entirely|wholly)\s+)?"
)
# in the next sentence: "This is false.", "That claim is simply not true.", "We categorically
# deny this allegation."
_CALLED_FALSE_NEXT = re.compile(
    rf"[\s”\"’']*(?:(?:This|That|These|Those|It|Which)(?:\s+{_RELAYED})?\s+{_IS_UTTERLY}"
    rf"(?:{_UNTRUE}|not correct|not accurate)\b|We\s+{_FLATLY}(?:deny|reject|refute|dispute)\s+"
    rf"(?:this|that|these|those|such|any\s+such|the)\s+{_RELAYED}\b)"
)
# before the reports that relay it: "Acme disagrees with “characterizations” made in | recent
# articles that say Y"
_DISPUTED_BEFORE = re.compile(
    r"\b(?:disagree(?:s|d)?\s+with|(?:do|does|did)\s+not\s+agree\s+with|disput(?:e|es|ed)|"
    r"reject(?:s|ed)?|refut(?:e|es|ed)|den(?:y|ies|ied))\b[^.;:!?]*$",
    re.IGNORECASE,
)
# right after a relayed content, to its sentence's end: "Reports that suggest Y | are false."
_FALSE_AFTER = re.compile(rf"[”\"’']?\s*{_IS_UTTERLY}(?:{_UNTRUE})\b[^.!?]{{0,20}}[.!?]")
# at the claim's end: "Hindenburg claims that Y, which is patently false"
_WHICH_IS_FALSE = re.compile(rf",?\s*which\s+{_IS_UTTERLY}(?:{_UNTRUE}|baseless)\W*$")


def _then_called_false(claim: Claim, text: str) -> bool:
    """Whether the page says right after the claim that what it relayed is false: in the next
    sentence ("This is false.") or a clause at the claim's end (", which is patently false")."""
    if _WHICH_IS_FALSE.search(claim.content.text):
        return True
    return bool(text) and _CALLED_FALSE_NEXT.match(text, claim.sentence.end) is not None


# the unnamed sources a report rests on, as coverage names them
# ("executives said", of no company named, are more likely the company's own)
# the outlet's own staff, named by their trade
_JOURNALIST = re.compile(r"^the\s+(?:[\w-]+\s+)?(?:journalists?|reporters?)$", re.IGNORECASE)
_REPORT_SOURCES = re.compile(
    r"^(?:(?:the|a|one|some|several|many|two|three|four|five|six|\d+)\s+(?:of\s+the\s+)?)?(?:"
    # "three senior insiders at Acme", "two of the senior Acme insiders"
    r"(?:[\w&-]+\s+){0,2}?(?:sources|insiders|whistle-?blowers?)"
    r"(?:\s+(?:at|within|inside|from|in|familiar\s+with)\s+[^,]+)?"
    r"|(?:current\s+and\s+)?former\s+(?:employees|workers|staff(?:ers)?|executives|managers)"
    r"|former\s+[\w-]+"  # "the former curator", "a former employee"
    # the people and papers the report drew on: "workers also claimed", "recordings suggested"
    r"|(?:(?:agency|warehouse|factory|plant)\s+)?(?:workers|employees|staff)"
    r"|(?:warehouse|factory|plant|mill)\s+(?:managers|supervisors|bosses|owners)"
    r"|(?:undercover\s+|secret\s+|leaked\s+)?(?:recordings|footage|filming|documents|e-?mails|"
    r"files)(?:\s+(?:on|at|in|inside)\s+[^,]+)?"
    # one the report's account has introduced: "the employee claims", "the curator added"
    r"|(?<=the\s)(?:undercover\s+)?(?:journalist|reporter|curator|employee|worker|staffer))$",
    re.IGNORECASE,
)


def _named_before(side: Party, claim: Claim, text: str) -> bool:
    """Whether the page names `side` before the end of the claim's sentence."""
    return match_party(text[: claim.sentence.end], [side]) is not None


# a side named as the one that found, tested or alleged what a neutral voice tells: "Through
# investigation, Kestrel found four kinds of fake accounts", "The Ledger reviewed documents that
# showed ..."
_FOUND_BY = re.compile(
    rf"(?:^|,\s+|\bthat\s+)(?P<subject>{_NAMED_SUBJECT}(?:['’]s)?(?:\s+{_REPORT_NOUN})?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:(?:also|now|later|then|further)\s+)?"
    r"(?:found|discovered|identified|uncovered|revealed|documented|reviewed|analy[sz]ed|tested|"
    r"estimated|calculated|concluded|alleged|accused|obtained)\b"
    r"(?!\s+(?:itself|themselves|himself|herself)\b)"  # "Acme has found itself in the crosshairs"
)


def _finding_side(text: str, parties: Sequence[Party]) -> Party | None:
    """The side a neutral voice says found, tested or alleged what it tells, if a side's name is
    the subject of the finding verb."""
    for m in _FOUND_BY.finditer(text):
        party = speaker_party(m.group("subject"), parties)
        if party is not None and not party.neutral:
            return party
    return None


def _person_keys(phrase: str) -> list[str]:
    """The name and surname of a person a speaker's phrase opens with, before a comma and a
    role ("Ilse Marsh, Acme's head of safety": "Ilse Marsh", "Marsh"), or ends with, after a
    role ("Acme's head of safety, Ilse Marsh"), else none."""
    m = _PERSON_WITH_ROLE.match(phrase.strip()) or _ROLE_THEN_PERSON.search(phrase.strip())
    return [] if m is None else _name_keys(m)


def _name_keys(m: re.Match[str]) -> list[str]:
    """The person a `_PERSON_NAME` match found, by name and by surname."""
    person = m.group("titled") or m.group("name")
    return [person, person.split()[-1]]


def _known_person(name: str, party_of: dict[str, str]) -> tuple[str, str] | None:
    """The person and party of a name or surname ("Mr. Marsh", "Marsh") whose affiliation the
    page stated before, if any."""
    bare = _HONORIFIC.sub("", name.strip())
    if not _NAME_LIKE.fullmatch(bare):
        return None
    party = party_of.get(bare) or party_of.get(bare.split()[-1])
    return (bare, party) if party is not None else None


def _learn_affiliation(text: str, parties: Sequence[Party], party_of: dict[str, str]) -> None:
    """What a page says of whom a person works for, in its own voice ("Tom Brandt is chairman
    of Acme's audit committee", "Ian Moss, creative director at Acme, took to Twitter"),
    remembered for the person's later claims."""
    m = _HOLDS_ROLE.match(text)
    if m is None:
        # "Ian Moss, creative director at Acme and ex-art director on Vela, took to ...": the
        # role in the apposition, of its first holding
        m = _INTRODUCED.match(text)
        role = ROLE.search(m.group("of")) if m is not None else None
        if m is None or role is None or _FORMER.search(m.group("of"), 0, role.start()):
            return
    elif _FORMER.search(text, 0, m.start("of")):
        return  # "Tom Brandt is a former director of Acme" speaks for himself
    party = match_party(m.group("of"), parties)
    if party is not None and not party.neutral:
        for key in _name_keys(m):
            party_of[key] = party.id


def _unpoint_denier(case: Case, named: str, resolved: list[Claim], account: Claim) -> None:
    """A denier that is a pronoun ("It also shot down the Ledger's assertion that ...") resolved
    to the side the denied account names is the other side: no one denies their own account."""
    n = _denier_of(resolved, account)
    if n is None:
        return
    denier = resolved[n]
    pronoun = denier.speaker is not None and denier.speaker.text.lower() in _PRONOUNS
    other = _other_side(case, named)
    if pronoun and denier.party == named and not case.party(named).neutral and other:
        resolved[n] = replace(denier, speaker_name=other.name, party=other.id)


def _side_with_denier(
    case: Case, owner: Party, resolved: list[Claim], account: Claim, party_of: dict[str, str]
) -> None:
    """A denier whom no party's name resolves ("Hindustan Zinc chief executive Arun Misra
    rejected Viceroy's allegation that ...") takes the side against the account it denies, and
    so do the person's later claims ("he said"): no one denies a side's account for it."""
    other = _other_side(case, owner.id)
    n = _denier_of(resolved, account)
    if owner.neutral or other is None or n is None:
        return
    denier = resolved[n]
    if denier.speaker is None or denier.party is None:
        return
    phrase = denier.speaker.text
    unnamed = phrase.lower() in _PRONOUNS or speaker_party(phrase, case.parties) is None
    if unnamed and (case.party(denier.party).neutral or denier.party == owner.id):
        resolved[n] = replace(denier, party=other.id)
        for key in (denier.speaker_name or phrase, *_person_keys(phrase)):
            party_of[key] = other.id


def _denier_of(resolved: Sequence[Claim], account: Claim) -> int | None:
    """Where in `resolved` the denial that relays `account` is: the last denial of its
    sentence, if any."""
    return next(
        (
            n
            for n in range(len(resolved) - 1, -1, -1)
            if resolved[n].polarity == "denied"
            and resolved[n].sentence.start == account.sentence.start
        ),
        None,
    )


def _account_owner(
    case: Case, party: str, resolved: Sequence[Claim], account: Claim, reporter: Party | None
) -> Party | None:
    """The side an account a denial relays belongs to: the side its words name, unless that is
    the denier's or nobody's; then the one other side, if there is one. An account no denial
    relays ("A central accusation is that ...", "Among the findings were that ...") and whose
    words name no side is the report side's, unless a side's quote relays an accusation: then
    it is the other side's."""
    found = _denier_of(resolved, account)
    denier = None if found is None else resolved[found].party
    unnamed = account.speaker is None or speaker_party(account.speaker.text, case.parties) is None
    if denier is None and unnamed and reporter is not None:
        relayer = next(
            (
                case.party(c.party)
                for c in reversed(resolved)
                if c.party is not None
                and any(p.start <= account.content.start < p.end for p in c.pieces)
            ),
            None,
        )
        finding = account.cue is not None and account.cue.text.lower().startswith("finding")
        if finding or relayer is None or relayer.neutral:
            return reporter
        return _other_side(case, relayer.id)
    named = case.party(party)
    if not named.neutral and party != denier:
        return named
    return _other_side(case, denier)


# a document that speaks: "an audit report", "the internal memo", "the study"
_DOCUMENT = re.compile(
    r"\b(?:report|audit|study|review|memo|memorandum|document|analysis|letter|email|survey)s?$",
    re.IGNORECASE,
)


def _document_before(resolved: Sequence[Claim], claim: Claim, text: str) -> Claim | None:
    """The claim of the sentence right before `claim`'s (blank lines between allowed; after a
    quote, its last sentence) when a document spoke it: "it" there goes on with the document
    ("A disclaimer in the report reads: “A. B.” It also adds: ...")."""
    if not resolved or not text:
        return None
    before = resolved[-1]
    if before.speaker is None or not _DOCUMENT.search(before.speaker.text.strip()):
        return None
    end = max(before.sentence.end, before.content.end)  # a quote of two sentences: its end
    if claim.sentence.start < end:
        return None
    return before if not text[end : claim.sentence.start].strip(' \t\n.”"’') else None


def _last_side_named(text: str, parties: Sequence[Party], claim: Claim) -> Party | None:
    """The side whose name or alias the page wrote last before the claim (before its words when
    they come first), outside quotation marks, where the parse may lose names such as "Which?"."""
    assert claim.speaker is not None
    end = min(claim.speaker.start, claim.content.start)
    quoted = [
        (line.start() + q_start, line.start() + q_end)
        for line in re.finditer(r"[^\n]+", text[:end])
        for q_start, q_end in find_quotes(line.group())
    ]
    best: tuple[int, Party] | None = None
    for party in parties:
        if party.neutral:
            continue
        for name in (party.name, *party.aliases):
            for m in _alias_pattern(name).finditer(text, 0, end):
                if inside(quoted, m.start(), m.end()) is None and (
                    best is None or m.start() > best[0]
                ):
                    best = (m.start(), party)
    return best[1] if best else None


# the answer a rebuttal sets under an account it labels ("Myth: Y" / "Fact: Z")
_FACT_LINE = re.compile(rf"^\W*(?:the\s+)?(?:{'|'.join(sorted(ANSWER_LABELS))})\s*:", re.IGNORECASE)
# a sentence opening in the first person plural: "We also ensure Y", "Our products meet Y"
_WE_OPENING = re.compile(r"^\W*(?:we|our)\b", re.IGNORECASE)


def _goes_on(before: Claim, claim: Claim, text: str) -> bool:
    """Whether `claim`'s sentence is the sentence right after `before`'s, in its paragraph."""
    if not text or claim.sentence.start < before.sentence.end:
        return False
    gap = text[before.sentence.end : claim.sentence.start]
    return _SAME_PARAGRAPH_GAP.fullmatch(gap) is not None


def _display_name(phrase: str, party: Party) -> str:
    """A person's name when the phrase starts with one that is not the party's own name."""
    m = _NAME_LIKE.match(phrase)
    if m is None or m.group().split()[0].lower() in ("the", "a", "an"):
        return party.name
    if m.group().lower() in party.name.lower():  # "Kestrel" for "Kestrel Cloud"
        return party.name
    return m.group()


# whom a speaker told: "told NYT that", "told the consumer watchdog"
_TOLD_CUE = re.compile(
    r"^(?:has\s+|have\s+|had\s+)?(?:told|tells?|(?P<to>confirmed|confirms|explained|admitted))$",
    re.IGNORECASE,
)
_TO = re.compile(r"\s+to\b")
# whom: "told the paper that", "confirmed to Panorama that" (after a `to` verb of _TOLD_CUE)
_TOLD_TO = re.compile(
    r"\s*(?P<to>[^,;:.\"“”]{2,60}?)(?:\s+(?:this|last)\s+\w+|\s+on\s+\w+day)?"
    r"(?:\s+that)?\s*$"
)
# a side described by its kind: "the consumer watchdog", "the paper"
_SIDE_KIND = re.compile(
    r"^the\s+(?:[\w-]+\s+)?(?:watchdog|newspaper|paper|broadcaster|magazine|union|charity|"
    r"group|organi[sz]ation|researchers|campaigners|short\s+seller)$",
    re.IGNORECASE,
)


_PLACED = re.compile(r"\s+(?:in|at|from|across)\s+")


def _unnamed(phrase: str) -> bool:
    """Whether a speaker is people described, not named ("several customers", "two makers of
    the apps", "the authorities in British Columbia"): no capitalised word after the first,
    before what places them."""
    words = _PLACED.split(phrase, maxsplit=1)[0].split()
    return len(words) > 1 and not any(w[:1].isupper() for w in words[1:])


# people described by what they do, not named: "unnamed sources within Acme", "two Acme engineers"
_STAFF_PEOPLE = re.compile(
    r"^(?:(?:a|an|the|one|two|three|four|five|several|multiple|many|some|other|\d+)\s+)?"
    r"(?:[a-z][\w-]*\s+|and\s+){0,4}?"
    r"(?:sources|insiders|whistle-?blowers?|employees?|workers?|staff(?:ers?)?|engineers?|"
    r"technicians?|contractors?|people)"
    r"(?:\s+(?:within|at|inside|from|of|in|familiar\s+with)\s+.+)?$"
)


def _staff_described(phrase: str, parties: Sequence[Party]) -> bool:
    """Whether a speaker is people described by their work, at most with the party they work
    for named ("multiple current and former Acme employees"), and no one's name."""
    unnamed = phrase.strip()
    for party in parties:
        for alias in (party.name, *party.aliases):
            unnamed = _alias_pattern(alias).sub("x", unnamed)
    unnamed = re.sub(r"\bx['’]s?\b", "x", unnamed)
    return _STAFF_PEOPLE.match(unnamed[:1].lower() + unnamed[1:]) is not None


def _whole_name(speaker: Span, text: str, parties: Sequence[Party]) -> str:
    """The speaker's words, or the party name they end when the parse left the name's first
    words out ("Beauty" of "e.l.f. Beauty also added that Y")."""
    phrase = speaker.text
    for party in parties:
        for name in (party.name, *party.aliases):
            head = name[: len(name) - len(phrase)]
            if (
                head.endswith(" ")
                and name.endswith(phrase)
                and text[max(0, speaker.start - len(head)) : speaker.start] == head
            ):
                return name
    return phrase


def _told_side(claim: Claim, text: str, parties: Sequence[Party]) -> Party | None:
    """The side a speaker told what the claim says ("several customers told Which? that ...",
    '"Y," a chemist told the Journal.'), where the side is a party's name or alias, or its kind
    ("the watchdog") after its name."""
    if claim.cue is None or (cue := _TOLD_CUE.match(claim.cue.text.strip())) is None:
        return None
    start = claim.cue.end
    after = [p.start for p in claim.pieces if p.start >= start]
    if claim.cue.end <= claim.content.start:
        end = claim.content.start
    elif claim.content.end <= claim.cue.start or after:
        # the quote first: '"Y," a chemist told the Journal.', or split by its cue: '"A," one
        # source told the magazine. "B."'
        end = after[0] if after else claim.sentence.end
        end = start + len(text[start:end].rstrip(".!?\"“”’' \n"))
    else:
        return None
    if cue.group("to"):
        to = _TO.match(text, start, end)
        if to is None:
            return None  # "confirmed that": told no one
        start = to.end()
    m = _TOLD_TO.match(text, start, end)
    if m is None:
        return None
    addressee = m.group("to").strip()
    party = speaker_party(addressee, parties)
    if party is None and _SIDE_KIND.match(addressee):
        party = _last_side_named(text, parties, claim)
    return party if party is not None and not party.neutral else None
