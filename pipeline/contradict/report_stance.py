"""Verdicts on the report itself: "the story is false and misleading" against "we stand by our
reporting" or against what the report says it found.

In a dispute between a report and its rebuttal the point contested most often is the report as
a whole: the company calls it false, inaccurate, a lie or a hit job; the outlet stands by it, or
restates what its investigation found. The two claims share few words, and a reading model sees
"the report is false" and "we stand by the report" as two sentences about a report, so neither
the rules' shared-word conflicts nor the similarity floor catches them. This module reads such
claims by their form:

- a claim *calls the report false* (or true) when a publication noun (report, story, article,
  account, claims, findings, ...) is the subject of an evaluative predicate ("the report is
  false and misleading", "this was not a research report and it is not accurate", "my account
  was not a fake"), is described or dismissed as one ("dismissed the report as inaccurate",
  "called the story a distortion"), is qualified by one ("false claims made in your report",
  "the report presents an inaccurate view"), is asked to be corrected or retracted (false),
  or is what its speaker stands by (true), as is dismissing the other side's answer ("dismissed
  the company's rebuttal as a distraction", "unimpressed by the response": true);
- a claim *presents the report's findings* when its speaker is the report or its evidence ("an
  investigation by X has revealed", "documents examined by X show", "the X report claims") or
  it says what a report or investigation showed ("we issued a report that presented evidence").

A claim that calls the report false contradicts, on the other side, one that calls it true or
one that presents its findings; a blanket denial (one of few words besides those of its verdict)
also contradicts the report's sweeping charge against the company as a whole ("Vantor is an
almost completely empty box"), stand-by or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from pipeline.contradict.base import clamp_score
from pipeline.contradict.conflicts import Finding, name_words, shared_words
from pipeline.contradict.features import ABSURD, TEXT_CACHE, content_words
from pipeline.records import Claim, Verdict

Stance = Literal["false", "true", "findings"]

_PUBLICATION = (
    r"(?:reports?|reporting|stor(?:y|ies)|articles?|account|piece|investigations?|allegations?|"
    r"methodology|surveys?|papers?|"
    r"accusations?|assertions?|arguments?|narratives?|information|charges|insinuations?|"
    r"claims?|findings?|conclusions|research|coverage|expos[eé]|reviews?|series|stud(?:y|ies)|"
    r"documentar(?:y|ies)|films?|programmes?|broadcasts?|episodes?|journalism|"
    r"descriptions?|portrayals?|characteri[sz]ations?|presentations?|thes[ie]s)"
)
_FALSE = (
    r"(?:false|untrue|inaccurate|incorrect|erroneous|misleading|baseless|unsubstantiated|"
    r"unfounded|groundless|fake|fabricated|a fabrication|(?:a |an )?(?:\w+ )?hoax|defamatory|"
    r"distorted|"
    rf"wrong|a lie|lies|a hit job|{ABSURD}|flawed|"
    r"unreliable|misguided|disingenuous|ill-informed|"
    r"a hit piece|a smear|meritless|without merit|nonsense|fiction|fictitious|"
    r"sensationali[sz]ed|sensationalist|speculative|(?:a )?distortions?|one-sided|biased|"
    r"(?:a )?hatchet job|riddled with (?:\w+ )?errors|full of (?:\w+ )?errors|error-ridden|"
    r"reckless|irresponsible|sensational|scaremongering|alarmist|skewed|"
    r"(?:a )?(?:gross |complete |total )?misrepresentation|"
    r"(?:an? )?(?:malicious|vicious|unwarranted|baseless|unfounded) (?:attack|smear|campaign))"
)
_TRUE = (
    r"(?:accurate|true|correct|truthful|credible|reliable|solid|sound|well[- ]founded|prescient|"
    r"(?:well|carefully|properly|thoroughly|rigorously|meticulously|extensively)[- ]"
    r"(?:sourced|researched|documented|fact-checked)|"
    r"(?:backed|supported) by (?:the )?(?:facts|evidence|documents|data)|"
    # "our reports are always based on hard evidence", "our arguments are established facts"
    r"based on (?:the |an? )?(?:hard|solid|extensive|thorough|careful|rigorous|detailed|"
    r"documentary|ample|strong|clear|verifiable|verified|overwhelming|impeccable|reliable|credible)"
    r"\s+(?:and\s+\w+\s+)?(?:evidence|research|facts|documents|data|reporting|sources?)|"
    r"(?:(?:established|proven|undisputed|verified|known)\s+)?facts?\b(?!\s+(?:of|about|that)\b)|"
    # "conclusions that are not based in fact"; "its report is based on interviews with hundreds
    # of current and former staff"
    r"based (?:in|on) (?:the )?(?:facts?|evidence|reality)\b|"
    r"based on (?:[\w-]+\s+){0,3}?(?:interviews|(?:internal\s+)?documents|records|testimony)\b"
    r"(?!\s+(?:that|which)\b))"
)
_FILLER = (
    r"(?:(?:\w+ly|and|both|a|an|in fact|simply|just|plain|outright|nothing but|at all|already|"
    r"always|still|now|"
    r"in any way)\s+)"
)
_NOT = r"(?P<neg>not\s+|n't\s+|never\s+)?"
# between the noun and its predicate, no verb that reports ("the stories suggest that the tests
# are not accurate" judges the tests, not the stories)
_GAP = (
    r"(?:(?!\b(?:suggest|say|said|claim|show|allege|argue|impl|state|found|find|accus|assert)\w*)"
    r"[^.;:!?]){0,110}?"
)
# "the report is false", and what a cue verb makes of it: "dismissed the report as false"
_PREDICATE = re.compile(
    rf"\b{_PUBLICATION}\b{_GAP}\b(?:is|was|are|were|be|been|remains?|seems?|as|"
    # "our research has proven prescient and accurate"
    r"(?:has|have|had)\s+(?:proven|proved)|turned\s+out\s+to\s+be)"
    # an aside after the verb: "the report is, in significant respects, false"
    rf"(?:\s*,[^,.;:!?]{{1,40}},)?"
    # "is simply not true": an adverb before the negation too
    rf"\s+{_FILLER}{{0,2}}{_NOT}{_FILLER}{{0,4}}(?:(?P<false>{_FALSE})|(?P<true>{_TRUE}))\b"
)
# the publication named, then judged in the next sentence: "I'm disappointed in the Gazette
# piece. It's not true" (not "It is not true that X", which judges X)
_PRONOUN_PREDICATE = re.compile(
    rf"\b{_PUBLICATION}\b[^.;!?]{{0,60}}[.;!?]\s+(?:and\s+)?it(?:'s|\s+is|\s+was)"
    rf"\s+{_FILLER}{{0,2}}{_NOT}{_FILLER}{{0,4}}(?:(?P<false>{_FALSE})|(?P<true>{_TRUE}))\b"
    r"(?!\s+that\b)"
)
# "a number of inaccuracies in the story"
_ERRORS = (
    r"(?:inaccuracies|errors|falsehoods|untruths|mistakes|misstatements|distortions|lies|"
    r"mischaracteri[sz]ations|misrepresentations|fabrications|disinformation|misinformation)"
)
_QUALIFIED = re.compile(
    rf"\b{_NOT}(?:(?P<false>{_FALSE})|(?P<true>{_TRUE}))"
    # "false, misleading and defamatory allegations"
    r"(?:,\s+(?:\w+ly\s+)?[\w-]+){0,3}\s+(?:and\s+(?:\w+ly\s+)?[\w-]+\s+)?"
    r"(?:media\s+|news\s+|newspaper\s+)?"
    rf"{_PUBLICATION}\b"
    # "a story that ran in today's Gazette, however, paints a skewed picture"
    rf"|\b{_PUBLICATION}\b{_GAP}\b(?:present(?:s|ed)?|paint(?:s|ed)?|gives?|gave|offer(?:s|ed)?|"
    rf"contain(?:s|ed)?|makes?|made|is based on|"
    rf"rests? on|relies on|(?:is\s+)?grounded in|based\s+(?:\w+ly\s+)?on)\s+(?:\w+\s+){{0,2}}?"
    rf"(?P<false2>{_FALSE})\b"
    # "Bloomberg's reporting contains major inaccuracies"
    rf"|\b{_PUBLICATION}\b{_GAP}\b(?:contain(?:s|ed)?|includ(?:es|ed)|ha[sd])\s+(?:\w+\s+){{0,2}}?"
    rf"(?P<false3>{_ERRORS})\b"
)
# "called the story a distortion", "branded the report false": the cue's object and its
# complement
_CALLED = re.compile(rf"^(?:\w+\s+){{0,3}}?{_PUBLICATION}\s+{_FILLER}{{0,2}}(?P<false>{_FALSE})\b")
_CALLING = r"(?:call|brand|label|term|deem|describ|characteri[sz]|regard)"
_CALLING_CUE = re.compile(rf"\b{_CALLING}")
# the calling verb inside the text: "Corrane called the story a distortion"
_CALLED_INLINE = re.compile(
    rf"\b(?:{_CALLING}|dismiss)\w*\s+"
    rf"(?:(?:the|its|this|that|their|our|his|her|your|these|those)\s+)?(?:[\w']+\s+){{0,2}}?"
    rf"{_PUBLICATION}\s+(?:as\s+)?['‘]?{_FILLER}{{0,2}}(?P<false>{_FALSE})\b"
)
_RETRACT = re.compile(
    rf"\b(?:correct|retract|withdraw|take down|apologi[sz]e for)\w*\s+(?:(?:its|the|their|his|"
    rf"her|this|that|your)\s+)?(?:\w+\s+){{0,2}}?{_PUBLICATION}\b"
)
_STAND_BY = re.compile(
    r"\b(?:st(?:and|ands|anding|ood)\s+(?:\w+\s+)?(?:by|behind)|(?:re)?affirm(?:s|ed)?|"
    r"defend(?:s|ed)?|(?:is|are|was|were|remains?|"
    r"remained)\s+(?:fully\s+|entirely\s+)?confident\s+in|(?:support|confidence)\s+(?:for|in))\s+"
    # "full confidence in the rigor and accuracy of our reporting"
    r"(?:the\s+(?:\w+\s+and\s+)?(?:accuracy|substance|rigou?r|integrity|veracity)\s+of\s+)?"
    # "every line of its investigation", "every figure in its report"
    r"(?:every\s+(?:line|word|figure|number|detail|finding|fact)\s+(?:of|in)\s+)?"
    # "stands by all of its statements"
    r"(?:all\s+(?:of\s+)?)?"
    rf"(?:(?:its|our|the|his|her|their|this|that|my|every)\s+)?(?:[\w']+\s+){{0,2}}?"
    rf"(?:{_PUBLICATION}|opinions?|criticisms?|data|figures|numbers|results|statements|"
    r"comments)\b"
    # "our research has been exhaustive, and we stand by it"
    rf"|\b{_PUBLICATION}\b[^.;!?]{{0,120}}?\bst(?:and|ands|anding|ood)\s+(?:\w+\s+)?"
    r"(?:by|behind)\s+(?:it|them)\b"
    # "the newspaper had evidence to back their claim"
    r"|\b(?:ha[sdv]e?|had)\s+(?:the\s+|ample\s+|strong\s+|clear\s+)?evidence\s+to\s+"
    rf"(?:back|support|prove|substantiate)\s+(?:(?:its|our|the|their|his|her|this|that)\s+)?"
    rf"(?:[\w']+\s+){{0,2}}?{_PUBLICATION}\b"
    # "we believe we are right"; a short seller's disclaimer, "just because we are biased does
    # not mean that we are wrong"
    r"|\bwe\s+(?:still\s+)?(?:believe|think|know|are\s+confident)\s+(?:that\s+)?we\s+"
    r"(?:are|were)\s+(?:\w+ly\s+)?right\b(?!\s+to\b)"
    r"|\b(?:does\s+not|doesn't|do\s+not|don't)\s+mean\s+(?:that\s+)?we\s+(?:are|were)\s+"
    r"wrong\b(?!\s+to\b)"
    # a short seller's: "the response reinforces our Strong Sell rating", "we reiterate our
    # thesis", "even more confident in their original conclusion"
    r"|\b(?:(?:reinforc|strengthen|bolster|vindicat|validat|maintain|reiterat)\w*|"
    r"more\s+confident\s+in)\s+(?:our|their|its|his|her|the)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:rating|thesis|conclusions?|findings|report|research|short\s+position)\b"
)
# a headline's verdict: "Misconduct allegations independently corroborated"; and the outlet's
# own: "we meticulously followed every journalistic norm"
_BORNE_OUT = re.compile(
    rf"\b{_PUBLICATION}\s+(?:(?:were|was|have been|has been|are|is)\s+)?(?:\w+ly\s+)?"
    r"(?:corroborated|substantiated|confirmed|vindicated|borne out)\b"
    r"|\b(?:followed|met|meets|adhered\s+to|complied\s+with|upheld)\s+(?:every|all|the\s+highest|"
    r"our|its|the)?\s*(?:\w+\s+)?(?:journalistic|editorial|reporting)\s+"
    r"(?:norms?|standards?|ethics|guidelines|principles)\b"
    # "has based its two episodes on a thorough investigation and acted with due care"
    rf"|\bbased\s+(?:its|our|their|the|his|her)\s+(?:[\w'-]+\s+){{0,2}}?{_PUBLICATION}\s+on\s+"
    r"(?:an?\s+)?(?:thorough|careful|extensive|rigorous|detailed|independent|lengthy|"
    r"months-long|year-long|in-depth)\s+(?:investigation|research|reporting|inquiry|analysis)"
    r"|\b(?:acted|worked|proceeded)\s+with\s+(?:all\s+)?due\s+care\b"
)
# "there is no truth in their story"
_NO_TRUTH = re.compile(
    r"\b(?:no|not (?:a shred|an ounce|a grain) of)\s+(?:truth|substance|basis|evidence)"
    # "found no evidence to support the claims"
    r"(?:\s+whatsoever)?[\"”]?\s+(?:in|to|for|(?:to\s+)?support(?:ing)?|backing)\s+"
    rf"(?:(?:the|its|this|that|their|your|his|her|these|those)\s+)?(?:[\w']+\s+){{0,2}}?"
    rf"{_PUBLICATION}\b"
)
# "almost nothing in that article is true", "none of the claims in the report are accurate"
_NOTHING_TRUE = re.compile(
    r"\b(?:(?:almost|virtually|practically|next\s+to)\s+)?(?:nothing|none|not\s+one|not\s+a\s+"
    rf"single\s+\w+)\s+(?:in|of)\s+(?:(?:the|its|this|that|their|your|his|her|these|those)\s+)?"
    rf"(?:[\w']+\s+){{0,2}}?{_PUBLICATION}\b[^.;:!?]{{0,40}}?\s+(?:is|are|was|were)\s+"
    rf"(?:\w+ly\s+)?{_TRUE}\b"
)
# "a number of assertions within the media reports that it considers misleading"
_CONSIDERED_FALSE = re.compile(
    rf"\b{_PUBLICATION}\b[^.;:!?]{{0,60}}?\b(?:that|which)\s+(?:it|we|they|he|she)\s+(?:\w+ly\s+)?"
    r"(?:considers?|considered|regards?|regarded|deems?|deemed|believes?\s+(?:are|is|to\s+be)|"
    rf"believed\s+to\s+be)\s+(?:to\s+be\s+|as\s+)?(?:\w+ly\s+)?{_FALSE}\b"
)
# "repeating the same old allegations without providing evidence"
_NO_EVIDENCE = re.compile(
    rf"\b{_PUBLICATION}\s+(?:\w+\s+){{0,3}}?(?:without|with\s+(?:no|zero))\s+"
    r"(?:providing\s+|offering\s+|giving\s+|any\s+|a\s+(?:shred|scrap)\s+of\s+)*"
    r"(?:evidence|proof)\b"
    # "There isn't any evidence to support this claim."
    r"|\bthere\s*(?:is|was|'s)(?:\s+no|\s+not\s+any|n't\s+any)\s+(?:\w+\s+)?(?:evidence|proof)\s+"
    rf"(?:to\s+(?:support|back(?:\s+up)?|substantiate)|for)\s+(?:this|that|these|those|the|its|"
    rf"their)\s+(?:\w+\s+)?{_PUBLICATION}\b"
)
_HAS_ERRORS = re.compile(
    # "the numerous inaccuracies and/or misunderstandings of the report", "other false facts in
    # the article"
    rf"\b(?:(?:{_ERRORS}|error|inaccuracy|mistake|flaws?)(?:\s+(?:and|or|and/or)\s+[\w-]+)?|"
    rf"(?:{_FALSE})\s+(?:facts|statements|"
    rf"details|information|figures))['’”]?\s+(?:in|of)\s+"
    rf"(?:(?:the|its|this|that|their|your|his|her|our)\s+)?(?:[\w']+\s+){{0,2}}?{_PUBLICATION}\b"
    # "the latest round of falsehoods published by the Daily"
    rf"|\b{_ERRORS}\s+(?:published|printed|aired|broadcast|spread)\s+by\b"
    # "the show has been re-broadcasting lies about the car for years"
    r"|\b(?:(?:re-?)?(?:publish|print|broadcast|air|spread|peddl|repeat)\w*)\s+(?:\w+\s+){0,2}?"
    rf"{_ERRORS}\s+(?:about|on|regarding)\b"
)
# errors filling what a claim about a publication is about: "the report is rife with sweeping
# inaccuracies", "like their last article, this latest iteration is rife with falsehoods"
_RIFE = re.compile(
    r"\b(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:rife|riddled|littered|replete|full|filled)\s+"
    rf"with\s+[^.;:!?]{{0,60}}?\b{_ERRORS}\b"
    # "the report is a malicious combination of selective misinformation and baseless claims"
    r"|\b(?:is|was|are|were)\s+(?:nothing\s+(?:more\s+)?than\s+|nothing\s+but\s+)?(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:combination|mix|mixture|collection|compilation|litany|series|"
    r"tissue|web|jumble|rehash|patchwork)\s+of\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_ERRORS}|half-truths|innuendo|conjecture)\b"
)
_A_PUBLICATION = re.compile(rf"\b{_PUBLICATION}\b")
# the report as rumour: "a competitor is spreading false rumours" ("rumours of a sale" are no
# report)
_FALSE_RUMOURS = re.compile(
    r"\b(?:false|baseless|unfounded|malicious|fake|untrue)\s+(?:and\s+[\w-]+\s+)?rumou?rs\b"
)
# "we reviewed the report and found it to be wildly misleading"
_FOUND_FALSE = re.compile(
    rf"\b{_PUBLICATION}\b[^.;:!?]{{0,40}}?\b(?:found|finds?|considers?|considered|deem(?:s|ed)?|"
    rf"judged?)\s+(?:it|them)\s+(?:to\s+be\s+)?{_FILLER}*{_FALSE}\b"
)
# what a publication is said to lack: "Forbes lacked both rigor and journalistic integrity in
# the article"
_LACKS = re.compile(
    r"\black(?:s|ed|ing)?\s+(?:(?:both|any|all|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:rigou?r|integrity|credibility|accuracy|substance|balance|fairness|context)\b"
)
_TO_THE_CONTRARY = re.compile(
    r"\b(?:any|all|every)\s+(?:\w+\s+)?(?:suggestions?|claims?|assertions?|allegations?|"
    r"statements?|reports?|views?)\s+to\s+the\s+contrary\b[^.;:!?]*"
)
# the report's authors got the matter wrong: "they have woefully misjudged the strength of our
# financials", "Kestrel lacks a basic understanding of our operations"
_MISJUDGED = re.compile(
    r"(?<!\bwe )(?<!\bi )\b(?:(?:have|has|had)\s+)?(?:\w+ly\s+)?"
    r"(?:misjudged|misunderstood|misunderstands|misunderstand|misinterpreted|misinterprets|"
    r"misconstrued|misconstrues|miscalculated|miscalculates|miscalculate)\b"
    r"|\black(?:s|ed)?\s+(?:a\s+|any\s+)?(?:basic\s+|fundamental\s+|proper\s+)?"
    r"understanding\s+of\b"
)
# "the article misrepresented the firm"
_MISREPRESENTS = re.compile(
    rf"\b{_PUBLICATION}\s+(?:\w+ly\s+)?(?:misrepresent|distort|mischaracteri[sz]|misstat)\w*"
    # "we do not agree with the characterizations made in these articles", "the articles do
    # not present new facts"
    r"|\b(?:(?:(?:do|does|did)\s+not|don't|doesn't|didn't)\s+agree\s+with|disagrees?\s+with)"
    r"\s+(?:the\s+)?[\"“‘']?(?:characteri[sz]ations?|portrayals?|conclusions|assertions)[\"”’']?"
    rf"\s+(?:made\s+)?(?:in|by)\s+(?:[\w'’]+\s+){{0,3}}?{_PUBLICATION}\b"
    rf"|\b{_PUBLICATION}\s+(?:(?:do|does|did)\s+not|don't|doesn't|didn't)\s+(?:present|contain|"
    r"offer|provide)\s+(?:any\s+)?new\s+(?:facts|information|evidence)"
)
# "The story asserts that we knew of it in 2016. This is not true"
_RESTATED_UNTRUE = re.compile(
    rf"\b{_PUBLICATION}\s+(?:asserts?|claims?|says?|suggests?|alleges?|states?|implies|argues?)"
    rf"\b[^.;!?]*[.;]\s+(?:this|that|it)\s+(?:is|was)\s+(?:simply\s+|just\s+|also\s+)?"
    rf"(?:not\s+(?:true|accurate|correct|the case)|untrue|false|wrong|inaccurate|incorrect)\b"
)
# "a piece that stands up to any scrutiny"
# "we see no reason to retract anything", "disagrees with the company's characterisation of its
# journalism": the outlet standing by what it published
_NOT_RETRACTED = re.compile(
    r"\bno\s+(?:reason|plans?|intention|need|basis)\s+to\s+(?:retract|withdraw|correct|apologi[sz]e)"
    r"|\bdisagree(?:s|d)?\s+with\s+(?:[\w'-]+\s+){0,3}?(?:categori[sz]ation|characteri[sz]ation|"
    r"description|portrayal|criticism|assessment)s?\s+of\s+(?:its|our|the|their)\s+"
    rf"(?:[\w']+\s+){{0,2}}?{_PUBLICATION}\b"
)
_HOLDS_UP = re.compile(
    rf"\b{_PUBLICATION}\s+(?:that|which)\s+(?:stands|stood|holds|held)\s+up\s+to\s+"
    rf"(?:any|all|every|close|the)?\s*scrutiny"
    # "Nothing in Acme's statement erodes the accuracy of the investigation"
    r"|\bnothing\s+(?:in\s+)?[^.;:!?]{0,60}?\b(?:erodes?|undermines?|changes?|alters?|"
    r"diminish(?:es)?|contradicts?|refutes?|disproves?|calls?\s+into\s+question)\s+"
    r"(?:(?:the|our|its|their)\s+(?:accuracy|substance|integrity|veracity|findings|conclusions)"
    rf"\s+of\s+)?(?:[\w'’]+\s+){{0,3}}?{_PUBLICATION}\b"
)
# the other side's answer to the report dismissed: the outlet standing by what it reported
# ("dismissed the company's rebuttal as a distraction", "unimpressed by the response")
# (and its lawsuit: "the lawsuit is without merit")
_RESPONSE = (
    r"(?:responses?|rebuttals?|reply|replies|denials?|defen[cs]e|retort|explanations?|lawsuits?|"
    r"legal action|(?:libel|defamation) (?:suit|claim|action)s?)"
)
_EMPTY_ANSWER = (
    rf"(?:{_FALSE}|(?:a )?distraction|(?:thin |weak |mere )?excuses|unconvincing|evasive|"
    r"inadequate)"
)
_AS_EMPTY = rf"[^.;:!?]{{0,60}}?\bas\s+(?:nothing more than\s+|{_FILLER}){{0,3}}{_EMPTY_ANSWER}\b"
# the dismissing verb is the claim's cue: "X dismissed | the company's rebuttal as ..."
_RESPONSE_CALLED = re.compile(rf"^(?:[\w'-]+\s+){{0,4}}?{_RESPONSE}\b{_AS_EMPTY}")
_RESPONSE_DISMISSED = re.compile(
    rf"\b(?:dismiss|reject|call|brand|label|describ)\w*\s+(?:[\w'-]+\s+){{0,4}}?{_RESPONSE}\b"
    rf"{_AS_EMPTY}"
    rf"|\b{_RESPONSE}\b{_GAP}\b(?:is|was|are|were)\s+{_FILLER}{{0,3}}{_EMPTY_ANSWER}\b"
    rf"|\bunimpressed\s+(?:by|with)\s+(?:[\w'-]+\s+){{0,4}}?{_RESPONSE}\b"
    rf"|\b{_RESPONSE}\b[^.;:!?]{{0,40}}?\bfail(?:s|ed|ing)?\s+to\s+(?:\w+\s+)?"
    rf"(?:address|answer|rebut|refute|explain)"
    # "accused the firm of perpetuating lies in its response"
    rf"|\b(?:{_ERRORS}|falsehoods)\s+(?:in|of)\s+(?:(?:its|their|the|his|her|this|that)\s+)?"
    rf"(?:[\w'-]+\s+){{0,2}}?{_RESPONSE}\b"
)
_EVIDENCE_SPEAKER = re.compile(
    r"\b(?:report|investigation|documents|analysis|probe|story|article|review|series|"
    # what the report's evidence shows: "the leak shows", "undercover footage showed"
    r"leaks?|leaked|files|study|survey|tests|footage|recordings|records|e-?mails)\b"
    r"|\b(?:our|the|their|its|new)\s+(?:\w+\s+)?research$"  # not "X Research", "research house"
    # the report's authors, described: "the researchers say", "the short seller alleges"
    r"|^the\s+(?:researchers|authors|short[- ]sellers?)$"
)
_SHOWED = re.compile(
    r"\b(?:report|investigation|documents|analysis|probe|findings|research|leaks?|study|"
    r"footage|recordings|records|e-?mails)\b"
    # "our investigation, which included interviews with ..., found"
    r"(?:,\s+(?:which|that|including)\b[^.;:!?]{0,200}?,\s*|[^.;:!?]{0,40}?\b)(?:presented|"
    r"presents|found|"
    r"finds|showed|shows|show|revealed|reveals|reveal|documented|detailed|exposed|uncovered|"
    r"concluded|concludes|indicates|indicated)\b"
)
# "we categorically deny and refute all of them": every one of the accusations just named
_DENIES_ALL = re.compile(
    r"\b(?:den(?:y|ies|ied)|refut(?:e|es|ed)|reject(?:s|ed)?)\b[^.;:!?]{0,30}?"
    r"\b(?:all|each|every one) of them\b"
)
# "we find that X": the report's authors presenting what they found
_WE_FIND = re.compile(r"\bwe (?:find|found|conclude|concluded|uncovered|discovered) that\b")
# the authors telling how they reported: "we talked to more than 100 current and former
# employees", "we have obtained documents that ..."
_WE_REPORTED = re.compile(
    r"\bwe (?:have |had )?(?:talked (?:to|with)|spoke (?:to|with)|spoken (?:to|with)|"
    r"interviewed|obtained)\b"
)
# "we reveal how X misled investors": the report's authors presenting what they found
_FOUND_CUE = re.compile(
    r"\b(?:reveal|uncover|expos|document|found|find|show|present|conclu|believ|opinion)"
)
_QUOTES = re.compile(r"[\"“”«»]")
_REPORTED_CUE = re.compile(r"(?:has\s+|had\s+|have\s+)?reported\b")
# a cue that denies what it reports: "denied that", "rejected claims that", "disputes"
DENYING_VERBS = r"den(?:y|ies|ied|ying)|reject|disput|refut"
_DENIAL_CUE = re.compile(rf"\b(?:{DENYING_VERBS}|dismiss)")
_REITERATING_CUE = re.compile(r"\b(?:reiterat|reaffirm|repeat|restat|uph[eo]ld)")
_OWN_PUBLICATION = re.compile(
    rf"(?:its|his|her|their|our)\s+(?:[\w'-]+\s+)?(?:{_PUBLICATION}|"
    # "we reiterate our Strong Sell rating": the short seller's call on the company
    r"(?:[\w'-]+\s+)?(?:rating|recommendation|thesis))\b"
)
_NOUN_PHRASE = re.compile(rf"(?:[\w'-]+\s+){{0,4}}{_PUBLICATION}(?:\s+\w+ly|\s+in\s+full)?\b")
# a denial the content itself reports: "Tingo categorically refutes all the allegations in ..."
_DENIES_ACCOUNT = re.compile(
    r"\b(?:den(?:y|ies|ied)|refut(?:e|es|ed)|reject(?:s|ed)?|disput(?:e|es|ed)|"
    r"disagree(?:s|d)?\s+with)\s+"
    r"(?:all\s+|any\s+|each\s+of\s+)?(?:the\s+|these\s+|those\s+|such\s+|its\s+|their\s+)?"
    rf"(?:[\w'-]+\s+){{0,2}}?{_PUBLICATION}\b"
)


def report_stance(claim: Claim) -> Stance | None:
    """Whether `claim` calls the report false or true, presents its findings, or none of these."""
    cue = claim.cue.text if claim.cue else ""
    stance = _stance(
        claim.text, cue, claim.speaker.text if claim.speaker else "", _said_in_report(claim)
    )
    if stance in ("true", "false") and _NEGATION_WORD.search(cue.lower()):
        # "we do not believe the conclusions are supported by the data"
        return "false" if stance == "true" else "true"
    return stance


_NEGATION_WORD = re.compile(r"\b(?:not|never)\b|n't")
# the authors in the first person: "we", "I", "my colleague and I", "our" of "our conclusion
# that Y"
_FIRST_PERSON = re.compile(r"we|i|our|my|(?:[\w.'’-]+\s+){1,3}and\s+i")


# "said in its report that", "wrote in a research note that"
_IN_REPORT = re.compile(
    r"^\s*(?:\w+\s+){0,3}?in\s+(?:its|their|the|a|his|her)\s+(?:\w+\s+)?"
    r"(?:report|research\s+note|note|analysis|investigation|study|letter\s+to\s+investors)\b"
)


def _said_in_report(claim: Claim) -> bool:
    """Whether the words between the claim's cue and its content say it was said in a report."""
    if claim.cue is None:
        return False
    start, end = claim.cue.end - claim.sentence.start, claim.content.start - claim.sentence.start
    if not 0 <= start <= end <= len(claim.sentence.text):
        return False
    return _IN_REPORT.match(claim.sentence.text[start:end]) is not None


@lru_cache(maxsize=TEXT_CACHE)
def _stance(content: str, cue: str, speaker: str, in_report: bool = False) -> Stance | None:
    text = _QUOTES.sub("", content.lower().replace("’", "'"))
    verdict = _verdict(text)
    if verdict is None and (
        (_CALLING_CUE.search(cue.lower()) and _CALLED.search(text)) or _CALLED_INLINE.search(text)
    ):
        verdict = "false"
    if (
        verdict is None
        and (_CALLING_CUE.search(cue.lower()) or _DENIAL_CUE.search(cue.lower()))
        and _RESPONSE_CALLED.search(text)
    ):
        return "true"  # "dismissed | the firm's rebuttal as a distraction"
    denies = bool(_DENIAL_CUE.search(cue.lower()))
    if verdict == "true" and denies and not _NEGATION_WORD.search(text):
        return "false"  # "X denied that the report was accurate"; "denies false claims" stays
    if verdict is not None:
        return verdict
    if denies and _NOUN_PHRASE.fullmatch(text.strip(" .,")):
        return "false"  # "X rejected the allegations"
    if _REITERATING_CUE.search(cue.lower()) and _OWN_PUBLICATION.match(text):
        return "true"  # "X reiterated | his claim of Y"
    if not denies and (_DENIES_ACCOUNT.search(text) or _DENIES_ALL.search(text)):
        return "false"
    first_person = _FIRST_PERSON.fullmatch(speaker.strip().lower()) is not None
    if (
        _EVIDENCE_SPEAKER.search(speaker.lower())
        or _SHOWED.search(text)
        or _WE_FIND.search(text)
        or _WE_REPORTED.search(text)
        or (first_person and _FOUND_CUE.search(cue.lower()))
        or _REPORTED_CUE.match(cue.lower())  # "the Ledger reported that ...": what it found
        or in_report  # "X said in its report that ..."
    ):
        return "findings"
    return None


def _verdict(text: str) -> Literal["false", "true"] | None:
    true_forms = (_STAND_BY, _HOLDS_UP, _RESPONSE_DISMISSED, _BORNE_OUT, _NOT_RETRACTED)
    if any(p.search(text) for p in true_forms):
        return "true"
    false_forms = (
        _NOTHING_TRUE,
        _CONSIDERED_FALSE,
        _RETRACT,
        _NO_TRUTH,
        _NO_EVIDENCE,
        _MISREPRESENTS,
        _HAS_ERRORS,
        _RESTATED_UNTRUE,
        _FOUND_FALSE,
        _MISJUDGED,
        _FALSE_RUMOURS,
    )
    if any(p.search(text) for p in false_forms):
        return "false"
    # what "any suggestion to the contrary" lacks judges that suggestion, not the publication
    judged = _TO_THE_CONTRARY.sub("", text)
    if (_RIFE.search(judged) or _LACKS.search(judged)) and _A_PUBLICATION.search(judged):
        return "false"
    for pattern in (_PREDICATE, _QUALIFIED, _PRONOUN_PREDICATE):
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        said_false = bool(groups["false"] or groups.get("false2") or groups.get("false3"))
        return "true" if said_false == bool(m.group("neg")) else "false"
    return None


def report_conflict(a: Claim, b: Claim) -> Finding | None:
    """The finding when one claim calls the report false and the other calls it true or
    presents its findings."""
    stances = {report_stance(a), report_stance(b)}
    if stances == {"false", None}:
        denial, charge = _denial_first(a, b)
        if _SWEEPING.search(charge.text.lower()) and _blanket(denial):
            return Finding(
                "report",
                "a verdict on the report: one side calls it false, the other makes its sweeping "
                "charge",
                _AGAINST_FINDINGS,
            )
    if stances not in ({"false", "true"}, {"false", "findings"}):
        return None
    other = "stands by it" if "true" in stances else "presents its findings"
    return Finding(
        "report",
        f"a verdict on the report: one side calls it false, the other {other}",
        ("report", "false", "true" if "true" in stances else "findings"),
    )


_AGAINST_FINDINGS = ("report", "false", "findings")
# the report's sweeping charge against the company as a whole: "a near-complete fraud", "an
# almost completely empty box", "a house of cards"
_SWEEPING = re.compile(
    r"\b(?:is|was|are|were|be|as|runs?|operat\w+)\s+(?:\w+\s+){0,4}?(?:fraud|scam|sham|"
    r"ponzi|pyramid scheme|house of cards|empty (?:box|shell)|shell company|fake|fiction|"
    r"fabrication)\b"
    r"|\bpump[- ]and[- ]dump\b"
    # "duping investors into throwing money at this company"
    r"|\b(?:dup|defraud|swindl)(?:e|es|ed|ing|s)?\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:investors|shareholders|the (?:market|public))\b"
)
# the most content words of a blanket denial besides the words of its verdict ("we
# reject the report's false and misleading allegations"); a longer one says what it denies
BLANKET_WORDS = 10


def answered_by_stand_by(
    verdicts: Sequence[Verdict], pairs: Sequence[tuple[Claim, Claim, float]]
) -> list[Verdict]:
    """A case's verdicts on its `pairs` (two claims and their cosine), where the outlet stands by
    its report, without the pairs that set a blanket denial ("the allegations are false")
    against one finding of the report and nothing else: the denial is a verdict on the report,
    and the report's side answers it as a whole. A denial that names the finding's matter ("the
    allegations about the 2019 audit are wrong" against "the 2019 audit missed the losses")
    answers that finding and stays, and so does a pair whose finding is the report's sweeping
    charge, which is what a blanket denial answers. Without a stand-by, the findings are the
    outlet's side of that dispute and stay."""
    stood = any(
        v.label == "contradicts" and v.evidence[:3] == ("report", "false", "true") for v in verdicts
    )
    if not stood:
        return list(verdicts)
    return [
        Verdict(
            "unrelated",
            clamp_score(1.0 - similarity),
            "none",
            "a denial of the report as a whole against one of its findings: the dispute over "
            "the report is its denial against the outlet's stand-by",
        )
        if v.label == "contradicts" and v.evidence == _AGAINST_FINDINGS and _folded(a, b)
        else v
        for v, (a, b, similarity) in zip(verdicts, pairs, strict=True)
    ]


def _denial_first(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """The two claims of a pair on the report, the one that calls it false first."""
    return (a, b) if report_stance(a) == "false" else (b, a)


def _folded(a: Claim, b: Claim) -> bool:
    """Whether the denial of the two claims is a blanket one against a single finding, which the
    outlet's stand-by answers: it shares fewer than two words with the finding that are not the
    parties' names, is no longer than a verdict on the report ("the articles mischaracterized a
    minor deviation from one procedure as a quality problem" says what it denies), and the
    finding is no sweeping charge (which is what a blanket denial answers)."""
    denial, finding = _denial_first(a, b)
    return (
        len(set(shared_words(a, b)) - name_words(a, b)) < 2
        and _blanket(denial)
        and _SWEEPING.search(finding.text.lower()) is None
    )


# the words of a verdict on a report, which say nothing of what a denial denies: "the
# allegations are false and contain numerous errors of fact and malicious speculation"
_VERDICT_WORD = re.compile(
    rf"(?:{_PUBLICATION}|{_FALSE}|{_ERRORS}|inaccuracy|error|falsehood|untruth|mistake|"
    r"misstatement|distortion|misrepresentation|mischaracteri[sz]ation|fabrication|malicious|"
    r"speculat\w*|contains?|numerous|various|obvious|factual|facts?)"
)


def _blanket(denial: Claim) -> bool:
    """Whether `denial` has at most `BLANKET_WORDS` content words besides the words of a verdict
    on a report."""
    matter = sum(1 for w in content_words(denial.text) if not _VERDICT_WORD.fullmatch(w))
    return matter <= BLANKET_WORDS
