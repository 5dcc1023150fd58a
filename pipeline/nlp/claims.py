"""Attributed claims from a parsed paragraph: pure functions from a spaCy Doc to `Claim` records.

Found here, sentence by sentence:
- a cue verb (see `cues`) with a speaker, and its content in the slot the verb's frame names:
  "X said (that) ...", "..., X said", "the outage, she said, lasted ...", "X denied any
  wrongdoing", "X plans to ...", "X urged regulators to ...", "X called the report misleading",
  "X called for ...", "..., saying ..." (the speaker of the clause it hangs on); "X rejected a
  report that Y" is X denying Y, the report's claim is no one's here (`reported`);
- direct quotes, whole or split by their cue (“A,” X said, “B.”), widened to whole quotation
  marks when the parse sees only part of a quote; a content partly quoted is `mixed`
  (`reported`, `assemble`);
- "according to X, ..." and "..., according to X", and cue nouns ("X's claim that ...")
  (`according`);
- transcript lines ("NAME: ..."), trailing dash attributions (“...” — Name) and colon
  introductions inside a paragraph ("X cited the staff: “...”", "X's reply: “...”") (`layouts`);
- a Title Case heading is the page's own voice, and a quote with no attribution right after a
  sentence whose subject is a name is that subject's (`context`);
- the document's own assertions: declarative sentences with no attribution (speaker left to
  speaker resolution, which gives them the document's party); a fully quoted one is a `direct`
  claim with no speaker yet, which `quote_links` joins to the quote it continues.
A sentence that introduces a quote and ends with a colon ("Whitlock put it this way:") yields a
claim with empty content, filled in by `quote_links` from the quote that follows.
Every claim is then annotated (`annotate`: polarity, hedging, entities, quantities, dates).
Offsets are into the paragraph text plus `offset`, i.e. into the document text.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

from pipeline.nlp.according import (
    according_to_claim,
    cue_noun_claim,
    opinion_claim,
    per_claim,
    quoted_as_saying_claim,
)
from pipeline.nlp.annotate import annotate
from pipeline.nlp.assemble import intro_claim
from pipeline.nlp.context import named_subject, title_case
from pipeline.nlp.cues import (
    ACCOUNT_NOUNS,
    CLAUSE_VERBS,
    CUE_NOUNS,
    CUE_VERBS,
    DENIAL_VERBS,
    NO_COMMENT,
    NOT_ANSWERING,
    SUBJECTS,
    cue_lemma,
)
from pipeline.nlp.layouts import (
    colon_introductions,
    contrasted_own_voice,
    dash_attribution,
    leading_own_voice,
    split_at_contrasting_speaker,
    split_coordinated_clauses,
    surface_attribution,
    surface_repair,
    trailing_attribution,
    transcript_line,
)
from pipeline.nlp.quotes import find_quotes, inside
from pipeline.nlp.reported import (
    RELAYS,
    account_claim,
    copular_account_claim,
    cue_verb_claim,
    named_report_claim,
)
from pipeline.nlp.spans import (
    Range,
    char_range,
    claim_ranges,
    doc_text,
    mostly_inside,
    shift_claim,
    span_of,
    speaker_tokens,
    strip_tokens,
    tokens_within,
    trimmed,
)
from pipeline.records import Claim, ClaimKind, Span

# rules-6: "X rejected a report that Y" is X denying Y; rules-7: "wasn’t" (curly) negates;
# rules-8: coverage goes on telling the account a side reported (speakers, rule 5); a
# "... Research" house publishes reports, as an outlet does (names); a verb hung on an
# embedded question goes with the verb the question is the object of (reported); rules-9: no
# bare name and nothing a page says of its own reporting ("did not respond to ...") is a claim;
# rules-10: a denial relays the account it denies as a claim of the account's side; rules-11:
# "X said none of them were paid" is denied (a negated passive subject); rules-12: "not merely
# A but B" affirms; rules-13: hard-wrapped blocks and sentences cut by blank lines are read as
# running text; rules-14: "a charge that we deny" is no claim "that we"; rules-15: "X cited A;
# that B; and that C" when the parser roots the sentence in the first that-clause; rules-16:
# papers a report obtained ("a trove of internal Acme documents") speak for the reporting side;
# rules-17: "Revealed: ..." is a headline's label, no speaker; "a claim in the story that X"
# relays its account also when "that" is parsed as the clause's subject; "it says" is the last
# side named; rules-18: unnamed sources ("people with knowledge of the board") are the page's,
# and a dateline hung on the speaker ("PHOENIX, Sept. 14 — Nikola ...") is cut off; rules-19: no
# sentence ends at an abbreviation before a lower-case word ("54 m.p.h. as claimed", boundaries);
# rules-20: "a rebuttal to a report claiming X" is the report's X; "citing a spokesperson, that
# X" the spokesperson's, and citing people alone no claim; commands, a page's comment-form lines
# (furniture) and a column of tags are no claims; rules-21: "one Acme employee" stays no voice of
# Acme's when the speaker is resolved to the name it mentions; rules-22: a side's claim repeated
# word for word in one document is kept once (attribute); rules-23: an object the parser splits
# in two ("the administration's | plans", "co | - | lead") is one content; rules-24: "called Oz a
# quack" parsed as two predicates; rules-25: of a cue's clauses, the one after it first, and
# never one across a semicolon ("It's unlikely; her team says she'll go on"); rules-26: a closing
# bracket stays ("Amazon Web Services (AWS)"); rules-27: "according to X, which ..." leaves the
# relative clause out of the speaker; rules-28: ", adding that ...", ", arguing that ..." after a
# content is a second claim of the same speaker, not more of the first; rules-29: "X said after
# the meeting he would resign", the clause parsed as adverbial, is the content; rules-30: a cue
# verb tagged as a noun but parsed with a subject and a clause ("Trump claims that ..."); rules-31:
# "called for compensation to be clawed back" / "for the plant to be closed", parsed as clauses;
# rules-32: a negation under a conviction ("we believe that X is not ...") denies the content, a
# negated infinitive ("determined not to") does not, nor does "Save" of "Save for one ..., none";
# rules-33: a command after an opening phrase ("For more on the audit, read our guide"); rules-34:
# a content the parse ended at an aside's closing dash runs on to the sentence's end; rules-35: an
# attribution heading a trailing report's content is relayed ("X insists that A, but B, the
# paper reports"); in a block quote "we" and "a spokesperson" are the introducer's, and "here's
# X's explanation:" introduces one; an attribution that only points back ("he admitted it")
# leaves its sentence to the page; a clause before a colon is no content of a verb after it;
# rules-36: "The press release called X “false”", parsed as a noun phrase, is the release's;
# rules-37: a denial's gerund is its content ("denies having misled the board"); "the report"
# and "the Acme report" (named after the company) speak for the report side; rules-38: on the
# report's page, what papers or figures show is the report's reading ("Acme's estimates show");
# "one internal review" is a company's paper a page cites; rules-39: a content ending on a
# noun runs on into the finite verb the parse hung elsewhere right after it ("evidence showing
# the project | is years behind schedule"); rules-40: "the activist" is whom the page described
# so ("activist investor Carl Icahn"), "their report" the organisation last named, and "three
# senior insiders at Acme" the page's sources, not Acme's voice; "their report", of no party
# named, the report side's; "X went on to say that", "X was quick to point out that" are X's;
# rules-41: "X never suggested that Y" denies Y; "X has not disclosed that Y" states Y;
# rules-42: "the firm" after "the Xiamen-based company said" is the company that was; a name's
# possessive "Foods'" is the name; rules-43: "“...,” reads the report" (a written work reads);
# rules-44: "weak oversight that has threatened to compromise safety" is no threat anyone made;
# "a former Acme quality manager" no longer speaks for Acme; "the CEO" is the company's;
# rules-45: "a misrepresentation of what the memo says" names what was said, says nothing;
# rules-46: "shot down the paper's assertion that", "brushed aside claims that" deny; "It",
# resolved to the side whose account it denies, is the other side; rules-47: "in our view, X"
# and "X, in Kestrel's opinion, ..." are the possessor's; "– which shows ..." (a "which" for a
# whole clause) speaks for no one; "the investment company" is whom the page called an
# investment firm, and a description may open its sentence ("Short-selling firm Kestrel");
# rules-48: a person a page introduced with a side's role ("Ilse Marsh, Acme's head of safety",
# "Tom Brandt is chairman of Acme's audit committee") speaks for that side by surname later;
# rules-49: "X has described as untrue a report that Y" denies Y; rules-50: "the lawsuit said",
# "the complaint states" are the words of whoever the page said filed, withdrew or sued;
# rules-51: "X denied the allegations", "X refuted these claims" are claims (a denial of the
# other side's account); "Acme CEO Jo Doe" is Jo Doe, of Acme; "the firm said ... the
# statement continues" is the firm's; a rubric ("IC TIP: Hold") speaks for no one; "offer"
# reports only words offered ("offered an explanation", not "offers a range of 19 miles")
# rules-52: "it", before any organisation has spoken, is the one its sentence opens with
# rules-53: "Acme Corp: Brazen Evasion, Hallmarks Of Fraud" (title case after the colon) is a
# title naming its subject, not the subject speaking
# rules-54: "he" after an unnamed source ("a source says ... he wrote") is the source; a
# headline's verb ("Whistleblower claims Acme ...") describes no name; no person's name opens
# with an organisation's ("Acme Breach"); "today's short seller report", "the researchers" and
# "the short seller" are the report side's; rules-55: "its pump, which the company claims is the
# safest built" is the company's claim that its pump is the safest built; rules-56: a list item's
# marker ("•") is read as a space, and the items of a list after "Kestrel's report makes three
# allegations:" are Kestrel's (`lists`); "X said in a statement that Y", Y parsed as the
# statement's clause, is X's claim Y; rules-57: a Title Case headline the parse reads as a name
# ("Acme Brothers Flout Law Getting Richer With Secret Sales") is read again in sentence case
# (`headlines`); rules-58: what a named report says, wherever a sentence mentions it ("a Ledger
# report that Y set off a run on the bank"), is the Ledger's claim Y; rules-59: "X questioned Y's
# claim that Z" relays Z as Y's, as a denial does; "the research firm" is the report's side even
# where the page's names put it on the company last named; rules-60, read from O: "the
# newspapers", "the website" and "the documentary" are the report's side where no party's name
# resolves them; "the ad stated" is the advertiser's; a quote that runs on over a paragraph
# break and closes in the next paragraph is its speaker's there too; rules-61, read from N and
# P: a neutral voice saying a side stands by what it published ("But the Gazette stands fully
# behind its reporting", "Kestrel has now stood by its original opinion") gives that side the claim;
# rules-62, read from Q: "their reporting found" is the last named organisation's, as "their
# report" is; "the publication reaffirmed the accuracy of its report" is the report side's;
# rules-63, read from N: "the firm" is the financial firm named in the sentence before (else the
# organisation that opens it), not the company last named; a quoted sentence in a quote that
# opened in the sentence before is the quote's, not spoken by that sentence's subject; a quote's
# closing mark glued to the next word is split from it ('...harness,"the company wrote'), and
# "“...,” it said." keeps its speaker where the parse read "it said" into the quote's clause;
# "the US firm" and "the US-based research firm" are resolved as "the firm" is; "the US
# short-seller" is the report side (a place's initials modify a description); rules-64, read from
# J and L: "A central accusation is that Y", "One of the allegations is that Y" and "Among the
# findings were that Y" relay Y as an account: the side its words name, else the report side's
# (a side's quote relaying an accusation gives it to the other side), kept inside that quote;
# rules-65, read from N and P: "executives rejected their employees' advice" is an act the page
# tells of, not a denial; a description after a quote ("..., the retailer said") stands for what
# came before the quote before anything the quote names; rules-66, read from S: a name in dotted
# lower-case letters ("e.l.f. Beauty") ends no sentence; a role right before a name ("founder
# Dana Block") makes it a person's, and a person's own name is no company of hers; rules-67,
# read from S: "the company's Safety Team", "the company's lawyers" speak for the company the
# report is about (not "the company's former engineers"); rules-68, read from M: a wholly quoted
# sentence that reports what a named side said ('“A,” Reyes reports. “Ostrava said it
# disagreed.”') is that side's claim, not more of the quoting speaker's quote; rules-69, read from
# M: what a coverage page's own voice says a side found, tested or alleged ("Through its
# research, Kestrel found ...", "The Ledger reviewed documents that showed ...") is that side's;
# rules-70, read from L and Q: what a page sets against an attributed claim after "but" ("X
# insists A, but it does not appear that way") is the page's own claim; "sources" and "former
# employees" on a coverage page that has named the report's side are the report's sources;
# rules-71, read from W: on a side's page, "X has incorrectly claimed that Y" is that side's
# denial of Y; "the research into Acme, the ..." is the report about Acme, the report side's;
# rules-72, read from W: a claim that runs on into ", while Kestrel estimates that Y" ends there,
# and Y is Kestrel's claim; rules-73, read from V and X: "we do not believe that Y" denies Y, as
# "did not say" does; a surname with two neighbouring letters swapped ("Kahn" after "Omar Khan")
# is the person named; "He continued:" after "A Primark spokesman said" is the spokesman;
# rules-74, read from the wrong sides of Z: "the person said" after "according to a person
# familiar with the matter" is that unnamed source, the page's own (`names.ANONYMOUS`, now also
# singular); "several former Acme “news curators”" are no voice of Acme's, and "the former
# curator" on a coverage page that has named the report's side is the report's source;
# rules-75, read from X: a straight quote mark after a space that cannot open a quote closes one
# ('"... in due course. "'), so the quote goes on from the speaker of the quote before it;
# rules-76, read from the wrong sides of Z3: "Ryanair issued a statement which said: ..." is
# Ryanair's (`reported._issuer`); "It was alleged in the programme that Y" is the report side's;
# rules-77, read from the speakers of all sets: a wire dateline is cut off the speaker however it
# opens ("Oct 8 (Reuters) - Adler", "SINGAPORE (Reuters) - X", "MADRID, July 2 Gowex"); in
# "NQ, the company labelled a fraud by Muddy Waters, said", misparsed, Muddy Waters labels it;
# rules-78, read from the speakers of all sets: the company named by what it is ("the beauty
# company", "the streaming service", "the France-based retailer") where no party's name resolves
# it is the company the report is about (not "the firm" or "the group": a short seller's words);
# rules-79, read from the speakers of all sets: a denier whom no party's name resolves
# ("Hindustan Zinc's chief executive Arun Misra rejected Viceroy's allegation that Y") takes the
# side against the account it denies, and so do the person's later claims; a person named after
# a side's role ("Ukraine's deputy defence minister, Hana Maliar") is that side's when named again;
# rules-80, read from Z6: in a transcript's turn ('Nick Davies: "..." he said') "he" is the
# person the turn opens with, not the interviewer named before; rules-81, read from X and Z:
# "the employee claims", "the curator added", "the journalist" on a coverage page that has named
# the report's side are the report's sources (`speakers._REPORT_SOURCES`); rules-82, read from
# Z8: a party whose name ends in a staff noun ("Business Insider") is named, not modified;
# rules-83, read from Z5, Z7 and Z8: words of saying the parse missed ("Opera claims on its
# pages that Y", `layouts.surface_attribution`) or began late; "said on Friday statements in
# the report were ..." (`frames._glued_to_day`); "a statement outlining that Y"; "You can read
# the response below:" says nothing; "decided to" is an act, not a claim; rules-84, read from
# Z10: a quote after "The firm added:" is not also the quote of the sentence before, whose words
# run on to it (`reported._adjacent_quote`); "X claims to be Y" is X's claim; rules-85, read from
# Z10: "some consumers in Acme's support forums" (and shareholders) are no voice of Acme;
# rules-86, read from Z9: '“...,” Trump's legal team wrote in the filing' where the parse read
# the verb into the quote (`layouts.trailing_attribution` takes a possessive name's phrase);
# rules-87, read from Z9: "she" is not the person the page called "he" (`names`); rules-88, read
# from Z10: "it" or "they" opening the sentence after "Acme did not respond to a request for
# comment" is Acme (`names.follows_unanswered`); "Inc." ends no sentence before a claim's;
# rules-89, read from Z11: "the reporter" on a page not the outlet's is the outlet's reporter
# rules-90, read from Z13: "a response from the broadcaster" is its owner's; "it" right after a
# document that spoke is that document; "The X" is also "X" in capitals; BBC, CNN ... are outlets
# rules-91, read from Z13: a list after "X insisted:" is X's; a content of function words only
# ("terms | that | the agencies insisted on") is no claim
# rules-92, read from Z13: "The Panorama report uncovered proof that" is the finding side's
# rules-93, read from Z15: "X quoted Y as saying Z" (named or official Y speaks, else X)
# rules-94, read from Z13: "at no time has X ...", "in no way benefits" deny their clause
# rules-95, read from Z13: "denied this type of access | was possible" keeps the clause's subject
# rules-96, read from Z15: "the company's decision to X" is an act, not a claim
# rules-97, read from Z13: "A, and the agencies confirmed that B": A is the page's own claim
# rules-98, read from Z13: a time stamp line is furniture and runs on into no sentence
# rules-99, read from Z17: "the company said" is the company the page described so
# rules-100, read from Z17: "The paper implies that Y. This is false.", on a side's page, is its
# denial of Y
# rules-101, read from Z17: "X spread misinformation by falsely claiming that Y" is X's claim
# rules-102, read from Z14 and Z19: "the organisation said", "the watchdog said", of no party
# named, is the side the page named last before it, outside quotes
# rules-103, read from Z20: "the company said", resolved to an outlet the page called a company,
# is the company reported on; BBC, CNN ... are no longer outlets' names (rules-90): a bare
# "spokesperson" after "the BBC challenged ..." became the company's
# rules-104, read from Z20 and Z21: "It's alleged by X that Y" is X's claim; "X claims that Y,
# which is patently false", on a side's page, is its denial
# rules-105, read from Z17, Z18, Z22 and Z23: a clause the parse hung on a trailing cue as an
# adverbial ("As part of X, the agency arranged Y, Reuters has learned.") is its content; an
# object's aside closed by a comma runs on into its predicate ("show Acme, a tool ..., exhibits
# bias"); after a speaker's nominal content ("We welcome feedback, and ..."), a later ", but" is
# the page's; "Coverage has asserted that Y. We categorically deny this allegation." and "That
# claim is false." deny Y on a side's page; people described, not named, who "told" the report
# side are its sources
# rules-106, read from Z24: who "was told" is no speaker ("as the Ledger was repeatedly told"),
# nor is who could not prove a thing ("a drug it couldn't prove worked"): the page's own
# rules-107, read from Z23 and Z27: '"Z," the paper quoted Acme as saying.' is Acme's quote Z;
# "who asked to remain anonymous", "speaking on condition of anonymity" are no claims
# rules-108, read from Z19 and Z25: "it" or "they" with no name behind them is the side that spoke
# last, however its speaker was resolved ("It also finds that ..." after the report presented
# evidence), not only one named as a speaker
# rules-109, read from Z25: a sentence whose name the parse took for a command ("Yelp treats all
# reviews equally", "Yelp" as an imperative) or whose finite verb it hung on a noun root is still
# the page's claim, where it ends with a full stop
# rules-110, read from Z16, Z23, Z27: what "call" names a thing is a claim wherever the parse hung
# the quotation ("calls the claims made by X “plainly inaccurate”", "called the stories
# "outdated"", "calls this ‘utter rubbish’", "calls X as "sloppy""), whom someone called "on
# Monday" is none; "it"/"they" right after a sentence in which a side spoke in its own voice is
# that side, whoever was named since ("... a statement that calls ... It said that ...")
# rules-111, read from Z23 and the unseen sets' coverage pages: a name that ends in "?" or "!"
# ("Which? research has revealed") ends no sentence before a lower-case word; "a report that
# stated Y", "a study claimed Y" (a report of no one named) is the report's side
# rules-112: "the Gazette is standing by its story" in coverage is the Gazette's stand-by
# rules-113, read from Z30 and Z20: a wire dateline with an en dash ("VIENNA (Reuters) – ") is
# blanked before parsing; '“...”, assures the bank.' (the comma after the mark) is the bank's;
# "Jo Ellison, Acme's VP, wrote in a blog that Y" read from the words where the parse failed, and
# "documents obtained by the Gazette show that Y"; "Acme argued, according to the Star, that Y"
# is the Star's account; "Doe and her chief of staff, Dr. Pike" is Doe's side; "the firm" of no
# side is the company reported on where the page calls the report's side no firm; "e-mails" is
# one word; a curly opening mark closed by a straight one; a rebuttal's "CLAIM: Y" is the
# report side's account and its "FACT: Z" the page's own voice
# rules-114, read from Z21, Z30 and Z20: "Acme was accused by the Ledger of hiding losses" is the
# Ledger's claim that Acme hid them ("criticised by X for Y" too); in coverage that has named the
# report's side, "workers claimed", "employees said", "recordings suggested" are its sources
# rules-115, read from Z34, Z35, Z36 and Z39: "co-founder" is one word; a quote whose
# attribution follows only its last sentence, in the paragraph or the next one, is the
# speaker's throughout; "In response to the report 1MDB reiterated that Y" (no comma); what
# papers show runs on past the phrases hung on "show"; "as X notes, “...”" with "notes" tagged a
# noun; "saying that A and asserting that B"; "..., the statement from Acme read."; "the report,
# compiled by X," is the report; "A Ledger investigation found discrepancies in Y"; "Doe: “A.”
# This is false." ends Doe's words at the quote; an alias matches either apostrophe; "You" in a
# title is nobody addressed; "Indonesia's biggest palm oil producer" is the company reported on
# rules-116: in coverage, an own-voice sentence that hedges what it tells as hearsay ("Staff
# reportedly had access to Y", "the employee allegedly reported this") is the report side's
# rules-117, read from Z34 and Z37: "It is simply not accurate that this research demonstrates Y"
# is the page's own denial, not the research's claim that Y, and "It is false that Y" denies Y;
# in coverage "it was revealed on Thursday that Y" (no one named) is the report side's, and the
# sentence after "X explained that A" goes on with X's account
# rules-118, read from Z40: an in-word curly apostrophe is parsed as a straight one ("told
# Bloomberg the program’s cost was" lost its clause); "says A and hasn't B" with B hung on the
# cue is still what it says; ", the WSJ charged." hung on its clause; "A - although the
# e-commerce giant claims B" ends A's claim; "records - including ... from Acme's sites - that
# show Y" are papers; a day ("Friday's announcement") or a bare verb is no speaker or content
# rules-119, read from Z42: "the factory which it said produced Y" is said by "it", not "which";
# in coverage, "The brand was recently accused of Y" (no one named) is the report side's
# rules-120, read from Z42: "They" after a sentence about "the cola companies" (or in one whose
# subject they are) is the company side, not the last voice quoted
# rules-121, read from Z42: '“...,” tweeted Dabur.' (the quote closed after its comma, the name
# parsed as the verb's attribute) is Dabur's
# rules-122, read from Z38, Z41, Z43 and Z44: people described by their work who told the report
# side ("unnamed sources within Acme", "current and former Acme employees") are its sources; "a
# Thursday report", "reports say" are the report's; "Press reports that suggest Y are false", on
# the company's page, is its denial; "a representative", "the bank's board" are the company's;
# "discover" is a cue
# rules-123, read from Z46: "Acme knew Y", on the other side's page, is that page's charge; a cue
# the parse made the clausal subject of what it reports ("Acme maintains safety | isn't
# impacted") still reports it
# rules-124, read from Z46: "denied conclusions | in a recent news report that Y" denies Y (the
# account's clause hung on the verb's preposition); "blames the delays on a shortage of staff"
# keeps what it blames them on
# rules-125, read from Z48: a person's alias matches the first name shortened ("Russell
# Withers" is "Russ Withers"); photographs a side published speak for it, as its papers do; no
# side accuses itself ("They ..., accusing the company of negligence", "they" resolved to it)
# rules-126, read from Z48: "Acme disagrees with characterizations made in recent articles that
# say Y", on Acme's page, is Acme's denial of Y ("recent articles" are the report's elsewhere)
# rules-127, read from Z40: a headline's "Company insists Y" (no article) is the company's
# rules-128, read from Z35: "Reporting based on the documents has suggested that Y" is the
# report's
# rules-129, read from Z41: a name the parse made a second subject of the verb ends the speaker's
# phrase ("A probe by news agency | Reuters discovered Y")
# rules-130, read from Z53 and Z54: "the company statement" (no "'s") is the company's voice;
# "the show", "the film" are the report, as "the programme" is
# rules-131, read from Z41: in coverage, a sentence opening with "We" right after a side spoke,
# in its paragraph, goes on with that side (words printed without quotation marks)
# rules-132, read from Z38: "Fiction:", "Rumour:", "Misconception:" label an account a rebuttal
# answers, as "Myth:" does; the "Fact:" line under an account answers it for the other side, also
# where coverage reprints the rebuttal
# rules-133, read from Z35 and Z36: a clause after a "nor" the parse left out of the content is
# denied ("Nor had it ever destroyed any documents, he added"), and evidence frames a negated
# clause as a conviction does ("an audit showed it was not responsible for Y")
# rules-134, read from Z56: what backs a statement is no speaker ("Any claims we make are backed
# by international testing standards", "supported by data" are the page's own words)
# rules-135, read from Z56: less common verbs of saying report a clause ("Greenpeace affirms, among
# other things, that Y"; reaffirm, aver, posit, opine, retort, reckon, surmise, theorize,
# postulate, recall)
# rules-136, read from Z56: "its scientists", "their lawyers" speak for the side that spoke last,
# in their sentence or the one before ("Cabot maintains that Y, and its scientists say Z")
# rules-137, read from Z41: "hardly", "scarcely", "nowhere", "far from being", "anything but",
# "refrained from" negate ("The charity did anything but cover up the incident")
# rules-138, read from Z36: "no longer" negates ("the land was no longer primary forest")
# rules-139, read from Z58 to Z60: "is 21 – not 13, as reported by the Ledger" is the page's own
# correction, not the Ledger's claim; evidence that supports or backs a finding is no speaker
# ("the body of research that supports the agency's ruling that Y"); "inaccurately claims" on
# the other side's page is that page's denial; a second speaker after "while" with no comma has
# its own claim; contents joined by "and that" are one claim per clause, each with its own
# polarity ("said it acted on what it knew and that it did not withhold any information")
# rules-140, read from Z61: "per the Ledger", "per court filings" attribute as "according to"
# does (not "per cent", "per share"); "X denied being affected by Y" is X's denial
# rules-141, read from Z64 and Z65: "the newly leaked e-mails" are papers the report obtained, as
# "emails" were; "according to the reports", "the articles say" are the report's, as "the report"
# was (`speakers`)
# rules-142, from the wrong sides of Z34-Z67 and the dev set: "claims" that the tagger reads as a
# plural noun heading its sentence ("A whistleblower claims that Y") is read again as a verb
# (`misread`); "pushed back against claims that Y", "hit back at the report that Y" deny Y, as
# "rejected claims that Y" does, also where Y is passive ("is run by"); "an update", "a tweet",
# "the advisory" are the statements of the side that issued them (`names`, `reported`)
# rules-143, read from Z75: an update that tells news after its label is read for claims
# (`notices`); "Via X:" introduces a block quote; "he" is first the person whose name opens the
# sentence before (`names`); a person introduced in apposition with a side's role speaks for it
# rules-144, read from Z72: a statement given in full ("Here's the full response from X:") is
# X's up to the next introduction (`quote_links`); "the claims from the X report:" introduce X's
# rules-145, read from Z72: "a disclaimer in the report" speaks for the report's side, and "it"
# goes on with a document after its quote of two sentences (`speakers`)
# rules-146, read from Z72: a list's items open with a hyphen or a counting letter too ("- A",
# "b. ..."), after "The report also alleges:" or "the claims from the X report:" (`lists`)
# rules-147, read from Z75: in coverage, the page's own words "..., which directly contradicts
# the Astros' claim" tell the other side's account (`speakers`)
# rules-148, read from Z72: the subject of a passive cue is no speaker of the clause before it
# ("Y, so the revenue will not be recognized"), nor does such a sentence introduce a quote
# (`frames`, `reported`)
# rules-149, read from Z78: what a test found is negated ("was found not to contain asbestos",
# "tested both and found no asbestos"), a chosen "not to" still is not (`annotate`)
# rules-150, read from Z77: "(italics added)" is an editor's note, no attribution; unnamed insiders
# with adjectives or a workplace ("three senior insiders at Acme") are the report's sources in
# coverage; an alias "Baker-White" is also "Baker White"; a list's introduction may open with a
# place ("In its newsroom, Acme posted the following claims:"); "the executive", "the founder"
# are the company's, as "the CEO" is; "Y, a spokesperson for “60 Minutes” said." closes with its
# speaker, which the parse read as an apposition (`speakers`, `lists`, `layouts`)
# rules-151, read from Z78: a content that ends on a number runs on into the finite verb the parse
# hung elsewhere ("Reuters claimed documents show labs as early as 1957 and 1958 | found asbestos
# in J&J talc") (`frames`)
# rules-152, read from Z78: ... also into a verb whose auxiliary opens it ("factory managers who
# admitted that product being produced for Acme | was labelled compliant") (`frames`)
# rules-153, read from Z83: "another report", "three separate French reports" and "it's
# suggested that Y" tell the report's account in coverage; "though some employees say Y" is
# theirs; the quote after a colon is the main verb's subject's, not a relative clause's ("anyone
# who would address the situation ..., the Times had this to say:") (`speakers`, `layouts`)
# rules-154, read from Z80: "Y is not Z, as erroneously written by the WSJ" is no claim of the
# WSJ's: the clause says the WSJ was wrong (`frames`)
# rules-155, read from Z84 and Z85: on a coverage page, unnamed sources who told the report side
# ("people familiar with the matter told Bloomberg", "the authorities in British Columbia
# confirmed to Panorama") are its sources; "a report into oil spills in the delta" is the report
# disputed; "Acme downplayed a catastrophic incident" is the page's charge, no claim of Acme's
# (`speakers`)
# rules-156, read from Z85: a claim of the same speaker's words as the claim before it ("people
# familiar with the matter told Bloomberg that A, adding that B") is of that claim's side
# (`speakers`)
# rules-157, read from Z86: '"Y," a chemist at Impact Analytical told the Journal.' names whom
# the chemist told after the quote, as "told the Journal that Y" does; "the rep" is a
# spokesperson; a speaker whose name's first words the parse left out ("Beauty" of "e.l.f.
# Beauty also added that Y") is the party that name is (`speakers`)
# rules-158: "Y, as baselessly alleged by X" is no claim of X's either: `frames` and `speakers`
# read one list of such adverbs (`cues.FALSELY`)
# rules-159, read from Z77 and Z78: a work named by its activity is the subject of what it showed
# ("Filming on an iPhone 6 production line showed Y", a clausal subject of "show", "find",
# "reveal", ...; `reported`), so Y is one claim and no claim inside it is the company's; in
# coverage, "filming inside the plant" and "factory managers who admitted" (a relative pronoun's
# antecedent) are the report's sources (`speakers`)
# rules-160, read from Z89: on a side's page, "A news report on Sept. 30 falsely claims that Y" is
# the page's denial of Y though its speaker names no side; the page's own voice saying another
# side stands by its report ("Bloomberg, however, is not backing down and remains standing by the
# report") gives that side the claim, on any page (`speakers`)
# rules-161, read from Z89: a perfect participle after a clause ("UMG downplayed the damage,
# having told Deadline that ...", "Acme closed the plant, having said that ...") is said by the
# clause's subject, as "..., saying that" is (`reported`)
# rules-162, read from Z89: '"A," one source told Rolling Stone. "B."' names whom the source told
# between the parts of its quote, as a quote first does (`speakers`)
EXTRACTOR_VERSION = "rules-162"
# what the subject made of something, said by the page, not the subject: "X downplayed Y"
_MINIMISING = frozenset({"downplay"})
_POINTERS = frozenset("the this that these those it its their them his her".split())
# what a page says of its own reporting, not of the matter: "did not immediately respond to a
# request for comment", "a call ... wasn't returned", "declined to comment"
_REPORTING_PROCESS = re.compile(
    rf"\b(?:{NOT_ANSWERING}(?:respond|reply|return)\w*\s+(?:to\s+)?(?:[\w-]+\s+){{0,3}}?"
    r"(?:requests?|calls?|emails?|messages?|inquir\w+|quer\w+|questions)\b|"
    rf"{NO_COMMENT}|"
    r"did not make anyone available|no immediate (?:response|reply|comment)|"
    r"(?:was not|wasn't|were not|weren't) (?:immediately )?returned|for comment|"
    # "a worker, who asked to remain anonymous": why a source is unnamed, not what it said
    r"(?:asked|requested|spoke|speaking|agreed)\s+(?:\w+\s+)?(?:to\s+)?(?:remain\s+anonymous|"
    r"not\s+to\s+be\s+(?:named|identified)|to\s+not\s+be\s+(?:named|identified)|"
    r"on\s+(?:the\s+)?condition\s+of\s+anonymity|anonymously))\b",
    re.IGNORECASE,
)


def extract_claims(doc: Any, offset: int = 0, heading: bool = False) -> list[Claim]:
    """All claims in one parsed paragraph `doc`, offsets shifted by `offset`; a `heading` (or a
    paragraph in Title Case) is the page's own voice."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    sents = list(doc.sents)
    if heading or title_case(doc):  # a heading: the page's own voice, whatever its verbs
        said = [c for c in (_own_voice(sent, quotes) for sent in sents) if c is not None]
        return [shift_claim(annotate(c, doc), offset) for c in said if _has_content(c, doc)]
    layout = transcript_line(doc) or dash_attribution(doc, quotes)
    attributed = {
        # "rejected their employees' advice" is an act the page tells of, not a statement
        sent.start: _outside_denial(
            _said_something(
                [
                    c
                    for c in _attributed(sent, quotes)
                    if not _refused_offer(c, _words(c, doc)) and not _editorial_note(c)
                ],
                sent,
            ),
            sent,
        )
        for sent in sents
    }
    covered = [p for cs in attributed.values() for c in cs for p in claim_ranges(c)]
    if layout:
        covered.extend(claim_ranges(layout))
    claims: list[Claim] = [layout] if layout else []
    introduced = colon_introductions(doc, quotes, covered)
    covered.extend((c.sentence.start, c.content.end) for c in introduced)  # intro and quote
    claims.extend(introduced)
    for n, sent in enumerate(sents):
        surface = surface_attribution(sent, quotes)
        found = surface_repair(attributed[sent.start], surface)
        if not found and not any(mostly_inside(r, char_range(sent)) for r in covered):
            own = _own_voice(sent, quotes)
            if own is not None and _DENIAL_FRAME.match(sent.text):
                own = replace(own, polarity="denied")  # "It is false that Y"
            quoted_before = n > 0 and any(
                c.kind in ("direct", "mixed") for c in attributed[sents[n - 1].start]
            )  # a quote the orphan may continue (`quote_links`)
            # a quote that opened in an earlier sentence goes on in this one: that sentence is
            # the quote's, not a speaker's ('"Earlier today, Kestrel issued a report. We ...')
            opened_before = any(q[0] < sent.start_char < q[1] for q in quotes)
            direct = own is not None and own.kind == "direct"
            tail = (
                trailing_attribution(doc, own.content.end) if own is not None and direct else None
            )
            relayed = _relayed_in_quote(sent) if direct and tail is None else None
            if own is not None and tail is not None:
                own = replace(own, speaker=tail[0], cue=tail[1])
            elif relayed is not None:
                own = relayed  # '“Ostrava said it disagreed.”': Ostrava's, relayed in a quote
            elif own is not None and direct and n > 0 and not quoted_before and not opened_before:
                # “...” right after "Meridian had no answer to the charge.": Meridian's
                own = replace(own, speaker=named_subject(sents[n - 1]))
            elif own is not None and surface is not None:
                contrast = contrasted_own_voice(sent, [surface], quotes)
                claims.extend([surface, contrast] if contrast else [surface])
                continue
            found = [own] if own else []
        elif found and (contrast := contrasted_own_voice(sent, found, quotes)) is not None:
            found = [*found, contrast]
        if found and (lead := leading_own_voice(sent, found, quotes)) is not None:
            found = [lead, *found]
        claims.extend(found)
    claims = split_at_contrasting_speaker(claims, text)
    claims = split_coordinated_clauses(claims, text)
    claims = [_past_parenthesis(c, text, claims) for c in claims if _has_content(c, doc)]
    claims = [_relayed_according_to(c, text) for c in claims]
    claims.sort(key=lambda c: (c.content.start, c.content.end))
    return [shift_claim(annotate(c, doc), offset) for c in claims]


# an editor's note on a quote: "(emphasis added)", "(italics mine)", "[emphasis ours]"
_EDITORIAL = re.compile(r"^(?:emphasis|emphases|italics|bold|underlining)$", re.IGNORECASE)


def _editorial_note(claim: Claim) -> bool:
    """Whether the claim's speaker and cue are an editor's note on the quote ("Bloomberg wrote
    (italics added):"): no one says what comes before it."""
    return claim.speaker is not None and _EDITORIAL.match(claim.speaker.text) is not None


def _relayed_in_quote(sent: Any) -> Claim | None:
    """The claim a wholly quoted sentence relays when it is itself a report of what a named
    speaker said ('“It found the rules broken,” Reyes reports. “Ostrava said it disagreed.”'):
    the named speaker's, not the quoting speaker's words about nobody."""
    root = sent.root
    if cue_lemma(root) not in CLAUSE_VERBS or root.pos_ != "VERB":
        return None
    if not RELAYS.match(sent.text.lstrip(" “\"'‘")):
        return None  # "e.l.f.'s reported inventory build was ...": no one's report
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return cue_verb_claim(sent, root, [])


_SPACED_DASH = re.compile(r"\s[–—]\s")


def _past_parenthesis(claim: Claim, text: str, claims: list[Claim]) -> Claim:
    """A content the parse ended at the dash that closes an aside ("how Acme – a firm owned by
    X – used the data": the small parser hangs the verb after the aside elsewhere) runs on to
    its sentence's end, unless a cue, a speaker or another claim's words follow there."""
    end = claim.content.end
    if claim.parts or not _SPACED_DASH.match(text, end - 1 if text[end - 1 : end] == " " else end):
        return claim
    if len(_SPACED_DASH.findall(claim.content.text)) % 2 == 0:
        return claim
    rest = trimmed(text, end, claim.sentence.end)
    spans = [s for c in claims for s in (c.content, c.cue, c.speaker) if s is not None]
    if rest.start >= rest.end or any(
        rest.start <= s.start < rest.end for s in spans if s is not claim.content
    ):
        return claim  # the rest holds an attribution: "– or wrong – according to X"
    content = trimmed(text, claim.content.start, claim.sentence.end)
    return replace(claim, content=content)


_ACCORDING_LEAD = re.compile(r"according\s+to\s+(?P<source>[^,;:“”\"]{2,60}?),\s+(?:that\s+)?")


def _relayed_according_to(claim: Claim, text: str) -> Claim:
    """ "Acme also argued, according to the Ledger, that Y": the parse hung "according to" on
    the content; the claim is the Ledger's account of what Acme argued (nested attribution
    gives the claim to the outer source), with Y for its content."""
    m = _ACCORDING_LEAD.match(text, claim.content.start)
    if m is None or claim.kind != "indirect" or claim.parts or m.end() >= claim.content.end:
        return claim
    cue = text[m.start() : m.start("source")].rstrip()
    return replace(
        claim,
        kind="according_to",
        speaker=Span(m.group("source"), m.start("source"), m.end("source")),
        cue=Span(cue, m.start(), m.start() + len(cue)),
        content=trimmed(text, m.end(), claim.content.end),
    )


def statement_claim(doc: Any) -> Claim:
    """A whole parsed statement as one own-voice claim, with its polarity, hedging, entities,
    quantities and dates: what `claimtrack pairs` and the pair evaluation judge."""
    text = doc_text(doc)
    whole = Span(text, 0, len(text))
    content = trimmed(text, 0, len(text))
    if content.start >= content.end:
        content = whole
    # the sentence keeps the final stop the content loses: a reading verdict sees it
    claim = annotate(Claim(kind="asserted", content=content, sentence=whole), doc)
    # "X rejected claims that Y", "Y, the company said": the statement's polarity is its
    # attributed content's, as a run reads it
    main = max(extract_claims(doc), key=lambda c: c.content.end - c.content.start, default=None)
    if main is not None and main.polarity == "denied" and claim.polarity == "asserted":
        claim = replace(claim, polarity="denied")
    return claim


def _attributed(sent: Any, quotes: list[Range]) -> list[Claim]:
    claims: list[Claim] = []
    for token in sent:
        if quoted := quoted_as_saying_claim(sent, token):
            return [quoted]  # "X quoted Y as saying Z": no other saying in it is a claim
        if token.lower_ == "according" and token.i + 1 < sent.end:
            claim = according_to_claim(sent, token)
            if claim:
                claims.append(claim)
        elif token.lower_ == "per" and (claim := per_claim(sent, token)) is not None:
            claims.append(claim)
        elif token.lower_ == "in" and token.dep_ == "prep":
            claim = opinion_claim(sent, token)
            if claim:
                claims.append(claim)
        elif cue_lemma(token) in CUE_VERBS and (token.pos_ == "VERB" or _tagged_noun(token)):
            claim = cue_verb_claim(sent, token, quotes)
            if claim:
                claims.append(claim)
                account = account_claim(sent, token, quotes)
                if account:
                    claims.append(account)
        elif token.lemma_.lower() in CUE_NOUNS and token.pos_ == "NOUN":
            claim = cue_noun_claim(sent, token, quotes) or named_report_claim(sent, token, quotes)
            if claim:
                claims.append(claim)
        elif claim := named_report_claim(sent, token, quotes):
            claims.append(claim)  # "the Ledger story that ..."
        elif claim := copular_account_claim(sent, token, quotes):
            claims.append(claim)  # "A central accusation is that ..."
    claims = _outermost(claims, sent.doc)
    if (
        not claims
        and sent.text.rstrip().endswith(":")
        and inside(quotes, *char_range(sent)) is None
    ):
        # "Whitlock put it this way:" introduces the quote that follows, whatever the verb;
        # so does "here is Whitlock's explanation:"
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        doc = sent.doc
        if root.pos_ == "VERB" and subject is not None:
            speaker = span_of(doc, speaker_tokens(subject))
            cue_tokens = [t for t in sent if t.i >= root.i and not t.is_punct]
            return [intro_claim(doc, sent, speaker, span_of(doc, cue_tokens))]
        owned = _owner_before_colon(sent)
        if owned is not None:
            owner, noun = owned
            return [intro_claim(doc, sent, span_of(doc, owner), span_of(doc, noun))]
        if (source := _via_source(sent)) is not None:
            return [intro_claim(doc, sent, span_of(doc, source), span_of(doc, [sent[0]]))]
    return claims


def _via_source(sent: Any) -> list[Any] | None:
    """The name a blog's "Via Sports Illustrated:" (or "Per ...:") cites for the block quote
    after it, if the sentence is only that."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) < 2 or words[0].lower_ not in ("via", "per"):
        return None
    name = words[1:]
    if name[0].lower_ == "the":
        name = name[1:]
    if not name or any(t.pos_ != "PROPN" for t in name):
        return None
    return name


def _owner_before_colon(sent: Any) -> tuple[list[Any], list[Any]] | None:
    """The named possessor of the noun right before a sentence's closing colon ("here is
    Whitlock's explanation:" -> Whitlock), or whom the noun comes from ("here's the full
    response from Acme:" -> Acme), with the noun, if any."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    last = words[-1]
    if last.dep_ == "pobj" and last.head.lower_ in ("from", "by") and last.head.head.pos_ == "NOUN":
        # "here's the full response from Acme:", "here are the claims from the Ledger report:"
        owner = [t for t in speaker_tokens(last) if t.dep_ != "case"]
        return (owner, [last.head.head]) if owner else None
    possessor = next((c for c in last.children if c.dep_ == "poss"), None)
    if possessor is None or possessor.pos_ != "PROPN":
        return None
    owner = [t for t in speaker_tokens(possessor) if t.dep_ != "case"]
    return (owner, [t for t in words if t.i > owner[-1].i]) if owner else None


# the page's own denial of a clause: "It is simply not accurate that Y", "It is false that Y"
_DENIAL_FRAME = re.compile(
    r"\W*it\s+(?:is|was|['’]s)\s+(?:\w+ly\s+)?(?:not\s+(?:true|accurate|correct|the\s+case)|"
    r"false|untrue|inaccurate|incorrect|wrong)\s+that\s+",
    re.IGNORECASE,
)


def _outside_denial(claims: list[Claim], sent: Any) -> list[Claim]:
    """`claims` without those whose cue lies in a clause the sentence denies in the page's own
    voice ("It is not accurate that this research demonstrates Y": not the research's claim
    that Y, but the page's denial, which its own voice reads)."""
    m = _DENIAL_FRAME.match(sent.text)
    if m is None:
        return claims
    start = sent.start_char + m.end()
    return [c for c in claims if c.cue is None or c.cue.start < start]


def _said_something(claims: list[Claim], sent: Any) -> list[Claim]:
    """A sentence's attributions, none when they all only point back and the sentence says more
    than them: "When confronted, he admitted it and resigned" is then the page's own account of
    what happened ("Kestrel disputed the account" stays no claim)."""
    doc = sent.doc
    said = [c for c in claims if c.content.start != c.content.end]  # not an introduction
    if not said or len(said) < len(claims):
        return claims
    if not all(_points_back(c, _words(c, doc)) for c in said):
        return claims
    spans = [s for c in said for s in (*c.pieces, c.speaker, c.cue) if s is not None]
    more = [
        t
        for t in sent
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
        and not any(s.start <= t.idx < s.end for s in spans)
    ]
    return [] if more else claims


def _has_content(claim: Claim, doc: Any) -> bool:
    """Whether a claim says something: an introduction (its content comes later) or a content
    with a content word, not one that only points back (`_points_back`), nor a bare name, nor
    what the page says of its own reporting ("did not respond to a request for comment")."""
    if claim.content.start == claim.content.end:
        return True
    words = _words(claim, doc)
    if _points_back(claim, words):
        return False
    if all(t.pos_ in ("PROPN", "DET", "PART") for t in words):
        return False  # a bare name ("St. Jude Medical"): who, not what
    if len(words) == 1 and words[0].pos_ in ("VERB", "AUX") and claim.kind != "direct":
        return False  # "what powerful people don't want | published": a bare verb says nothing
    after_cue = claim.cue is not None and claim.cue.end <= claim.content.start
    said = f"{claim.cue.text} {claim.text}" if claim.cue and after_cue else claim.text
    return not _REPORTING_PROCESS.search(said.replace("’", "'"))  # "declined | to comment"


# what one refuses by doing, not by saying anything is untrue: "rejected the offer", "declined
# their employees' advice", "turned down a request"
_OFFERS = frozenset(
    """advice offer request proposal bid application invitation recommendation demand plea
    appeal approach overture""".split()
)


def _refused_offer(claim: Claim, words: list[Any]) -> bool:
    """Whether a denial verb's content is only a thing offered or asked for ("executives
    rejected their employees' advice"), with no clause of its own."""
    if not words or not _cued_by(claim, words[0].doc, DENIAL_VERBS | {"decline", "refuse"}):
        return False
    heads = [t for t in words if t.head not in words or t.head == t]
    return (
        len(heads) == 1
        and heads[0].pos_ == "NOUN"
        and heads[0].lemma_.lower() in _OFFERS
        and not any(t.pos_ in ("VERB", "AUX") for t in words)
    )


def _words(claim: Claim, doc: Any) -> list[Any]:
    tokens = [t for p in claim.pieces for t in tokens_within(doc, p.start, p.end)]
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _points_back(claim: Claim, words: list[Any]) -> bool:
    """Whether a content only points back: "he admitted it", "X has downplayed the impacts" (a
    pronoun, or a short definite phrase after the cue; "the plan was criticised by X" keeps its
    subject: the passive names what is criticised)."""
    if not words or all(t.pos_ in ("PRON", "DET", "SCONJ", "CCONJ", "ADP", "PART") for t in words):
        return True  # "he admitted it"; "terms | that | the agencies insisted on": no word said
    after_cue = claim.cue is not None and claim.cue.end <= claim.content.start
    if after_cue and _cued_by(claim, words[0].doc, _MINIMISING):
        # "Acme massively downplayed a “catastrophic” incident (to protect its shares)": the
        # page's charge, no words of Acme's
        return words[0].lower_ not in ("that", "how")
    pointing = after_cue and words[0].lower_ in _POINTERS and len(words) <= 2
    if pointing and _denied_account(claim, words):
        return False  # "X denied the allegations": a denial of the other side's account
    return pointing and not any(t.pos_ in ("VERB", "AUX", "NUM", "PROPN") for t in words)


def _denied_account(claim: Claim, words: list[Any]) -> bool:
    """ "denied the allegations", "refuted these claims": a denial verb and an account noun."""
    if words[-1].lemma_.lower() not in ACCOUNT_NOUNS:
        return False
    return _cued_by(claim, words[-1].doc, DENIAL_VERBS)


def _cued_by(claim: Claim, doc: Any, verbs: AbstractSet[str]) -> bool:
    """Whether a word of the claim's cue is one of `verbs` (by its cue lemma)."""
    if claim.cue is None:
        return False
    return any(cue_lemma(t) in verbs for t in tokens_within(doc, claim.cue.start, claim.cue.end))


def _outermost(claims: list[Claim], doc: Any) -> list[Claim]:
    """Claims whose cue lies inside another claim's content are dropped: nested attribution is
    the outer speaker's claim ("Cook told the site that the scenario the paper reported never
    happened" is Cook's, about the paper's report). An attribution heading the other's content
    is relayed, not nested ("X insists that A, but B, the paper reports": A is X's), and the
    relaying claim keeps what follows it ("B")."""

    def within(span: Span, claim: Claim) -> bool:
        return any(p.start <= span.start and span.end <= p.end for p in claim.pieces)

    def heads(claim: Claim, other: Claim) -> bool:
        text = other.content.text
        start = other.content.start + len(text) - len(text.lstrip())
        if text.lstrip().lower().startswith("that "):
            start += len("that ")
        trailing = other.cue is not None and other.cue.start >= other.content.end
        return (
            trailing
            and claim.speaker is not None
            and claim.speaker.start == start
            and _stated(claim, doc)
        )

    def nested(claim: Claim) -> bool:
        cue = claim.cue
        if claim.kind == "account":
            return False  # an account relayed inside a quote is still the accuser's
        return cue is not None and any(
            other is not claim
            and other.kind != "according_to"  # "X denied it, according to Z": X's, relayed
            and within(cue, other)
            and not within(other.content, claim)
            and not heads(claim, other)
            for other in claims
        )

    kept = [c for c in claims if not nested(c)]
    return [_past_relayed(c, [r for r in kept if r is not c and heads(r, c)]) for c in kept]


# the verbs of a statement a page can relay ("X insists that ..., the paper reports"), not of
# a belief, intention or decision ("X decided to ...", "X could embrace ...")
_STATEMENT_VERBS = frozenset(
    """say tell state claim deny insist argue maintain allege contend assert admit acknowledge
    concede confirm dispute reject refute counter stress emphasize emphasise explain note reply
    respond write report add""".split()
)


def _stated(claim: Claim, doc: Any) -> bool:
    """Whether `claim`'s cue is a verb of statement."""
    if claim.cue is None:
        return False
    cue = tokens_within(doc, claim.cue.start, claim.cue.end)
    return any(t.lemma_.lower() in _STATEMENT_VERBS for t in cue)


_CONTRAST = re.compile(r"^\s*[,;]?\s*(?:but|yet|while|although|though|whereas)\s+", re.IGNORECASE)


def _past_relayed(claim: Claim, relayed: list[Claim]) -> Claim:
    """`claim` cut to what follows the claim it relays, when a contrast follows it ("X insists
    that A, but B": B); otherwise as it is."""
    if not relayed or claim.parts:
        return claim
    content = claim.content
    end = max(r.content.end for r in relayed)
    rest = content.text[end - content.start :]
    contrast = _CONTRAST.match(rest)
    if end >= content.end or contrast is None or not rest[contrast.end() :].strip():
        return claim
    start = end + contrast.end()
    return replace(claim, content=Span(content.text[start - content.start :], start, content.end))


def _own_voice(sent: Any, quotes: list[Range]) -> Claim | None:
    """A sentence with no attribution: the document's own assertion, or a quote that continues
    one attributed earlier (a `direct` claim with no speaker)."""
    if any(mostly_inside(q, char_range(sent)) for q in quotes):
        tokens = strip_tokens(list(sent))
        if not tokens:
            return None
        whole = span_of(sent.doc, tokens)
        inner = [q for q in quotes if q[0] < whole.end and whole.start < q[1]]
        # the quote itself: what trails it ("Continued...", "Advertisement") is page furniture
        start = max(whole.start, min(q[0] for q in inner))
        end = min(whole.end, max(q[1] for q in inner))
        content = trimmed(doc_text(sent.doc), start, end)
        if content.start >= content.end:
            return None
        return Claim(kind="direct", content=content, sentence=span_of(sent.doc, list(sent)))
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or sent.text.rstrip().endswith("?"):
        return None
    if not _has_verb(sent):
        return None
    if sent[0].lower_ == "by" and len(words) <= 6:  # a byline
        return None
    if _imperative(sent):  # "Leave a reply", "Click here to read more": asks, asserts nothing
        return None
    tokens = strip_tokens(list(sent))
    if not tokens:
        return None
    content = span_of(sent.doc, tokens)
    quoted = sum(
        max(0, min(content.end, q[1]) - max(content.start, q[0])) for q in quotes if q[1] > q[0]
    )
    kind: ClaimKind = "direct" if quoted > 0.6 * (content.end - content.start) else "asserted"
    if kind == "direct":
        content = trimmed(doc_text(sent.doc), content.start, content.end)
    return Claim(kind=kind, content=content, sentence=span_of(sent.doc, list(sent)))


# what may open a command before its comma: "For more on the audit,", "To learn more,"
_OPENING_DEPS = frozenset({"prep", "advcl", "advmod", "npadvmod"})


# a full stop, the end of a sentence as written (a heading or a label line has none)
_ENDS_SENTENCE = re.compile(r"[.!][\"”’')\]]*\s*$")


def _has_verb(sent: Any) -> bool:
    """Whether a sentence has a verb of its own: a main one, or a finite verb the parse hung
    elsewhere where the sentence ends as one."""
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in sent):
        return True
    return bool(_ENDS_SENTENCE.search(sent.text)) and any(_finite_with_subject(t) for t in sent)


def _finite_with_subject(token: Any) -> bool:
    """A finite verb with a subject of its own, wherever the parse hung it ("Yelp treats |
    review content equally", parsed with "content" as the root)."""
    return token.tag_ in ("VBZ", "VBD", "VBP") and any(c.dep_ in SUBJECTS for c in token.children)


def _imperative(sent: Any) -> bool:
    """Whether `sent` is a command: its root is a verb in the base form that comes first or
    right after an opening phrase and its comma, and no clause outside that phrase has a subject
    ("Feel free to contribute", "Sign up for the newsletter", "For more on how it was tested,
    read our guide"; not "Save for one payment, none of the funds moved", parsed with "Save" as
    its root)."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    root = sent.root
    # "read", "put", "set": the tagger may take the base form for a past tense
    base = root.tag_ == "VB" or (root.tag_ in ("VBD", "VBP") and root.lower_ == root.lemma_)
    if not words or not base:
        return False
    opening = {
        t.i for c in root.children if c.i < root.i and c.dep_ in _OPENING_DEPS for t in c.subtree
    }
    if any(t.dep_ in (*SUBJECTS, "expl") for t in sent if t.i not in opening):
        return False
    after = root.i + 1
    if after < sent.end and sent.doc[after].tag_ in ("VBZ", "VBD") and root.text[:1].isupper():
        # "Yelp treats all reviews equally", parsed with the name as a command: a subject and
        # its verb
        return False
    if words[0].i == root.i:
        return bool(root.tag_ == "VB")
    return (
        bool(opening)
        and sent.doc[root.i - 1].text == ","
        and all(t.i in opening for t in words if t.i < root.i)
    )


def _tagged_noun(token: Any) -> bool:
    """A cue verb the tagger took for a noun while the parser gave it a subject and a clause
    ("But Trump claims that he should be the exception": "claims" NOUN, with nsubj and ccomp),
    or a subject and "as" ("But as the Ledger notes, “...”": "notes" NOUN, an adverbial)."""
    deps = {c.dep_ for c in token.children}
    as_clause = token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children
    )
    return token.pos_ == "NOUN" and "nsubj" in deps and ("ccomp" in deps or as_clause)
