"""The `rules` backend (the default): a rule-based verdict on a candidate pair, with its type,
reason and evidence.

Embedding similarity only says two claims are about the same thing; what decides is a conflict
between them: a negation on one side only, an explicit denial, differing quantities of the same
unit, differing causes, or antonyms. Three conflicts need no shared words: a claim calling the
report false against one standing by it (`report_stance`), and, between claims on one subject,
one condemning what the other vindicates (`evaluations`) or one saying the leadership decided
what the other puts on one person below or outside it (`conflicts.level_conflict`) or gives an
amount of one kind far apart from the other's ("thousands of customers" / "about 140 accounts",
`magnitudes`). Without a conflict, very similar claims agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.contradict.base import PairInput, clamp_score
from pipeline.contradict.conflicts import (
    Finding,
    conflicts,
    correction_conflict,
    level_conflict,
    name_words,
    predicate_topic,
    shared_words,
)
from pipeline.contradict.evaluations import evaluation_conflict
from pipeline.contradict.features import slots
from pipeline.contradict.magnitudes import (
    comparison_finding,
    magnitude_finding,
    overstated_finding,
)
from pipeline.contradict.report_stance import DENYING_VERBS, report_conflict
from pipeline.records import Claim, Verdict

# rules-5: a claim calling the report false contradicts one standing by it or presenting its
# findings, however little their words overlap (report_stance); rules-6: opposite evaluations
# of one matter ("struggled" against "proven", evaluations); rules-7: names alone make no topic;
# rules-8: opposite evaluations need a cosine of 0.42 without a shared word (was 0.55); rules-9:
# "stands behind" and "meets the ... standards" vindicate; rules-10: "goes wrong" is no verdict
# "wrong"; rules-11: doubt condemns ("leery about", "dubious"), due diligence vindicates, "it is
# untrue that X found misconduct" vindicates; opposite evaluations compare words by their bases
# ("accuracy", "accurate") and are asked from a cosine of 0.2 (was 0.3); a negation's point may
# be the other side's word in another form ("targeted", "targets"); rules-12: differing numbers
# need a shared word besides the parties' names; light verbs ("made", "took") share no matter;
# rules-13: "dismissed the report as inaccurate", "called the story a distortion" call it false;
# rules-14: "a lack of due diligence", "insufficient compliance" negate a word of propriety;
# rules-15: wide scope "systemic", "across X's operations", narrow "individual employees", "a
# single clinic"; wide against narrow scope from a cosine of 0.3 without a shared word;
# rules-16: dates written day first ("2 May"); when a side knew of a matter ("knew of it in 2021"
# against "first learned of it in 2023"); rules-17: the leadership decided against one person
# below or outside it did ("taken at board level" / "a single supervisor acting outside
# procedures"), asked like opposite evaluations from a cosine of 0.2; rules-18: more causes
# ("because", "killed by", "driven by", "came from", "the direct result of", "had nothing to do
# with"); rules-19: "no data was lost" against "customers lost data" is a negation (the failure
# word is the one negated); rules-20: "contrary to" denies only an account ("contrary to some
# reports"), not what the speaker was told ("contrary to the certifications we were given");
# rules-21: prepositions are no opposite words ("on"/"off", "for"/"against"); rules-22: "a few"
# is no "few" and "how many" no "many"; rules-23: rates are their own units ("45 miles per hour"
# is no distance, "6.10 an hour" a rate of pay), and ".6 miles" is 0.6 miles; rules-24: amounts
# of one kind far apart, however worded ("thousands of businesses" / "about 140 accounts",
# "tripled" / "rose by less than 8 percent", "at least 1,900 drivers" / "fewer than a dozen");
# rules-25: a dated warning against learning of it only lately ("warned in 2022" / "first
# learned of it when the paper contacted us"), asked from a cosine of 0.2 (was 0.45); rules-26:
# more ways of saying wide scope ("all three of the airline's bases", "at more than 40 of its
# hotels", "sites in four countries", "not isolated") and narrow ("one onboarding contractor",
# "a single Seabrook invoice", "a small test group"); an age ("31-year-old") is no duration;
# rules-27: more ways of naming a cause ("began when", "the root cause to be", "blames X on",
# "traced X to", "simply reflected", "was at fault") and of naming the leadership ("approved
# personally by co-founder", "head of marketing") or one person below it ("one shift
# coordinator", "a mid-level treasury analyst", "the on-shift supervisor"); rules-28: "rather
# than" names an alternative and denies nothing, nor does a side conceding that it was wrong;
# rules-29: prepositions ("between", "during", "through") are no shared matter; rules-30: nor
# are number words ("one of Germany's most valuable firms" against "recorded for one week");
# rules-31: "an earlier version" names which one and is no "earlier" against "later"; rules-32:
# a negation meets the other side's predicate in other words ("never ran out" / "exhausted");
# "own" and "even" are no shared matter; rules-33: the report's stance in more forms ("called
# the series reckless", "stood by every line of its investigation", "the report concluded");
# rules-34: a predicate family both texts name in other words is shared matter ("postponed" /
# "pushed back"); rules-35: a limit passed condemns ("exceeded the permit limit", "forty times
# the limit"), a limit kept vindicates ("within the limits of its permit"), as does the want of
# an investigation, explanation or warning condemn; rules-36: a claim that judges both ways is
# read by its clauses ("he got the data legitimately, he did not abide by our rules"); rules-37:
# "no truth in their story" and "the article misrepresented X" call the report false, "a piece
# that stands up to any scrutiny" true; rules-38: "our research indicates" presents the
# report's findings; admitting is a predicate family ("never admitted" / "he confessed");
# rules-39: "it is not accurate that X" negates X whole; "years behind schedule", "nowhere close
# to production" condemn, "on track" vindicates; "the report is, in some respects, false" and
# "the accusations are baseless" call the report false; rules-40: "an allegation that is just
# plain false", "a false narrative"; "the series reported" presents the report's findings;
# rules-41: "a number of inaccuracies in the story", "a report rife with mischaracterizations"
# and "the study contained false statements" call the report false, "her support for the
# paper's story" true; "we reveal how X" and "our investigation, which ..., found" present the
# findings; fabricated, overstated and inflated figures condemn, "real and authentic",
# "verified", "standard industry valuation methods" vindicate; "involved" and "implicated" are
# one predicate; a number one side corrects ("2,000 servers, not 7,000") is a conflict;
# rules-42: "higher than the data alleged in the report" denies the other's figure; "The story
# asserts that X. This is not true" calls the report false; a scandal condemns; rules-43: "a
# story that ran in today's Gazette paints a skewed picture" calls it false; confusing condemns;
# rules-44: "its report is backed by facts" calls it true; "in accordance with international
# accounting standards", "within the boundaries of the law" vindicate; rules-45: "the Ledger's
# description of the memo is a gross misrepresentation" calls the report false; rules-46: one
# verb in two tenses is shared matter ("did not address" / "addressed"), as are raising
# ("amped up" / "increased") and advertising ("ad" / "advertising"); "the report is credible"
# calls it true; rules-47: a content that reports a denial of the allegations ("Tingo
# categorically refutes all the allegations in a report ...") calls the report false;
# rules-48: dismissing the other side's answer ("dismissed the rebuttal as a distraction",
# "unimpressed by the response", "the reply failed to address ...") stands by the report;
# what "research indicates" is a finding; rules-49: where the outlet stands by its report, a
# blanket denial is not set against each finding as well (`answered_by_stand_by`); rules-50: a
# negation on one side only between one sentence of each claim, where a claim of several
# sentences has one polarity as a whole; rules-51: a hyphenated compound shares its words
# ("black-market" / "black market"); rules-52: each piece of a split quote is a sentence of its
# own for rules-50; rules-53: "like their last article, this latest iteration is rife with
# falsehoods" calls the report false; "unfair", "illegitimate", "unethical", "predatory" and
# "scammy" condemn; rules-54: "we reviewed the report and found it to be wildly misleading" and
# "riddled with disinformation" call the report false; "lacks objectivity" condemns,
# "sustainable" vindicates, and so does "did not identify any accounting errors"; rules-55: "a
# hoax" denies what it is said of, and calls a report false; rules-56: "owned" and "have say" are
# "controlled" in other words; rules-57: "flout the law" and "broke the rules" condemn ("no laws
# were broken" vindicates); rules-58, read from J: what an outlet "reported" is a finding of its
# report; "the inaccurate media articles" calls them false; "inconsistent" and "leaves buyers in
# the dark" condemn, "clearly labelled" vindicates; rules-59, read from M: "nothing could be
# further from the truth" and "offended by the suggestion that" deny; opposite words are read in
# the plural and as a compound's first part ("loss-making" against "profits"); rules-60, read
# from N: "we deny and refute all of them" calls the accusations false, "we find that X" presents
# the report's findings, and "lied about" denies; rules-61: what a side "said in its report" is
# a finding of the report; rules-62, read from L, M, N and O: "the reporting contains major
# inaccuracies", "a malicious combination of selective misinformation", "falsehoods published
# by X", "no substance whatsoever in the story" and "they have woefully misjudged", "lacks a
# basic understanding of" call the report false, "carefully sourced" true; a publication's
# predicate may come after a longer aside ("the allegations concerning X, made by ..., are
# flatly wrong"); a short act a side denies ("denies | breaking the law") meets the act in other
# words ("executives breached the rules": breaking a law or rule is one predicate family);
# rules-63, read from O: a headline's "allegations independently corroborated" and "we followed
# every journalistic norm" stand by the report; beside a stand-by, a denial that names a
# finding's matter (two shared words) still answers that finding; rules-64, read from R: "our
# research has been exhaustive, and we stand by it" stands by the report; a presentation is a
# publication ("a malicious attack based largely on outdated, distorted information"), and "the
# report had major factual inaccuracies" calls it false; rules-65, read from N, O and P: a
# stand-by of an "opinion" or "criticisms" stands by the report, "a sensational newspaper
# article" calls it false, and beside a stand-by a denial of more than ten content words says
# what it denies and still answers a finding; rules-66, read from Q: "reaffirmed the accuracy of
# its report" and "defended its reporting" stand by it, "lacked both rigor and journalistic
# integrity in the article" calls it false; rules-67, read from the verdict misses of J to S:
# disagreeing with a programme's conclusions, "false rumours" and "misleading information" call
# the report false, "the information they obtained was accurate" and "we believe we are right"
# stand by it; rules-68, read from P and S: "found no evidence to support the claims" and
# "regards the accusations as unfounded" call the report false; a figure one side calls
# overstated meets the sum or count the other gives for it (`overstated_finding`); rules-69, read
# from M: a blanket denial meets the report's sweeping charge against the company as a whole ("is
# an almost completely empty box", "users are fake"), as it meets the report's findings;
# rules-70, read from W: "false and intentionally deceptive claims" call the report false, and
# "pump and dump" is a sweeping charge; rules-71, read from W: "these studies miscalculate"
# calls the report false, as "misjudged" does; rules-72, read from T, U, V and X: "groundless"
# is false, "stands by its data" and "the lawsuit is without merit" stand by the report, "we do
# not believe the conclusions are supported by the data" calls it false (a negated cue turns a
# stance), "Our research, including ..., indicates" presents its findings; a blanket denial is
# one whose words besides those of its verdict ("numerous errors of fact, malicious speculation")
# are ten or fewer; "verifiable" vindicates and "not real" condemns; "misstated" overstates; one
# side's "more CO2 than the grid" meets the other's "lower emissions than the grid"
# (`magnitudes.comparison_finding`); rules-73, read from Y: "duping investors" is a sweeping
# charge, which a blanket denial meets even beside a stand-by; "other false facts in the
# article" and "the gross inaccuracies and/or misunderstandings of the report" call it false;
# rules-74, read from U and Y: words of quality judge too ("weak technology", "poor", "worthless"
# condemn; "best-in-class", "solid cash balance", "a conservative policy" vindicate); rules-75,
# read from Z3: "repeating the allegations without providing evidence" calls the report false,
# "had evidence to back their claim" and "the investigation is solid" stand by it; rules-76,
# read from the general points of P and Z4: a short seller's "the response reinforces our Sell
# rating", "our reports are based on hard evidence" and "our arguments are established facts"
# stand by the report, as does calling the other side's answer lies ("lies in its response");
# rules-77, read from the general points of P and Z4: "our research has proven prescient and
# accurate" stands by it (what "any suggestion to the contrary" lacks judges that suggestion);
# "its false, misleading and defamatory allegations" and "denies the allegations entirely" call
# the report false; rules-78, read from Z3: a denied possessive report noun ("refuted WSJ's
# findings", "rejected the short seller's allegations") is a blanket denial as "the findings" is;
# rules-79, read from the general points of Z9: "I'm disappointed in the Times piece. It's not
# true" calls the report false, "full confidence in the rigor and accuracy of our reporting"
# stands by it; rules-80, read from Z10: "fully disclosed" vindicates (against "opaque ...
# disclosures"); rules-81, read from Z9: a claim its cue denies ("denied that | the waste was
# dangerous to human health") judges the other way in the opposite evaluations rule, and harm
# ("potentially lethal compounds") condemns; rules-82: "had nothing whatsoever to do with" denies
# rules-83, read from Z13: "this documentary is simply not true" (an adverb before the negation)
# rules-84, read from Z15: "safe" or "secure" against "vulnerable" or "susceptible" are opposites
# rules-85, read from Z13: families of a fault ("errors" / "faults") and of a cause ("responsible
# for" / "caused")
# rules-86, read from Z14, Z16, Z18 and Z19 (the general point): "no reason to retract", "based on
# an impeccable source", "stands by all of its statements", "the lies in Acme's responses",
# "disagrees with the company's categorisation of its journalism" stand by it; "this report
# presents ... evidence that" presents findings
# rules-87, read from Z17: the authors in the first person present the report's findings ("Ana
# Ruiz and I show that ...", as "we found" does)
# rules-88, read from Z22 and Z24: "X reiterated | his claim of Y" stands by the report;
# "outrageous", "absurd", "ridiculous", "preposterous", "laughable" and "flawed" call it false, and
# a methodology or survey is a publication ("the methodology is flawed")
# rules-89, read from Z26: "There isn't any evidence to support this claim" calls the report
# false, as do "unreliable" and "misguided"
# rules-90, read from Z23 and Z26: "We reiterate our Sell rating" stands by the report; "our
# conclusion that Y" presents its findings; a paper is a publication ("the War on Want paper is
# inaccurate")
# rules-91, read from Z24: "the worst safety record" against "its strong safety record" (best and
# worst, good and bad or poor, strong and poor or worst, excellent and poor or worst are opposites)
# rules-92, read from Z30: what the report's evidence shows presents its findings ("The leak shows
# that Y", "undercover footage showed", "a study", "e-mails obtained by X show")
# rules-93, read from Z42: a level put above a norm against one put below or within it ("24
# times higher than EU standards" against "below the EU criteria", `magnitudes.comparison_finding`)
# rules-94, read from Z46: what the report rests on stands by it ("its report is based on
# interviews with hundreds of current and former staff"), as does "Nothing in Acme's statement
# erodes the accuracy of the investigation"; "conclusions that are not based in fact" call it false
# rules-95, read from Z42: a test passed and a product "100 per cent pure" vindicate ("failed the
# NMR test" against "Dabur Honey is 100 per cent pure", `evaluations`)
# rules-96, read from Z42: what no evidence was found of is what a negation negates ("has not
# found evidence of suppliers paying workers £3.50" against "workers were being paid £3.50")
# rules-97, read from Z40 and Z48: a negation reaches past a quotation mark ('hasn't “misled
# anyone”' vindicates); "we do not agree with the characterizations made in these articles" and
# "the articles do not present new facts" call the report false
# rules-98, read from Z34: every negation of a claim is read, also one inside another's words
# ("does not provide and never has provided employees with access" against "employees had access")
# rules-99, read from Z36 and Z48: posing or presenting a risk, threat or danger and causing harm
# condemn ("poses serious risks to children" against "the Tread+ is safe"; "unlikely to cause
# appreciable harm" vindicates)
# rules-100, read from Z53: "forced" against "voluntarily" ("forced to work overtime" against
# "worked overtime voluntarily")
# rules-101, read from Z54: the authors' "We believe that Y" presents the report's findings, as
# "we found that Y" does (a short seller's report states its charges so)
# rules-102, read from Z43, Z46 and Z54: shoddy, sloppy, lax, negligent, defective, faulty and
# substandard work condemns; "the highest levels of quality", "high-quality" and "fully supported
# by audit reports" vindicate
# rules-103, read from Z38 and Z54: the authors' "In our opinion, Y" presents the report's
# findings; a thing made by one maker against the same thing made by another is an agent conflict
# ("the data was generated by Acme" against "generated by Quanterix, an independent company"),
# makers compared only for one verb ("designed by" and "built by" name two acts)
# rules-104, read from Z55 and Z56: money laundering, bribery, embezzlement, kickbacks, extortion,
# smuggling, counterfeiting, price-fixing, insider trading and tax evasion condemn, and "harming"
# does, as "harmful" did; what follows "anti-" is fought, not done ("complied with all anti-money
# laundering regulations" vindicates); "backed by international testing standards" vindicates
# rules-105, read from Z58 to Z60: "many of its drivers", "most staff" are wide against "a small
# number of"; "cooperated fully" and "full transparency" vindicate; "disingenuous" and
# "ill-informed" call a report false; an acronym named on its own ("the NTSB") is a party's name,
# no shared matter
# rules-106, read from Z58: "has based its episodes on a thorough investigation" and "acted with
# due care" stand by the report; a step called unnecessary condemns it, "the only way to prevent
# Y" and "had no other choice" vindicate it
# rules-107, read from Z64 and Z65: a suggestion dismissed as absurd denies it ("To suggest that Y
# is outrageous", "it would be ridiculous to claim that Y"); "within American and Indonesian laws"
# vindicates; a figure given as a bound conflicts with a close figure beyond it ("below 100Mt"
# against "109.2 million tonnes"; "Mt" is million tonnes); "with zero evidence" calls a report
# false, and "bank records appearing to show" present its findings
# rules-108, read from Z68: "denied these charges", "denied fraud charges", "rejected the
# insinuations" call the report false, as "denied the allegations" did
# rules-109, read from Z68 and Z69: the authors telling how they reported ("we talked to more
# than 100 current and former employees", "we have obtained documents that ...") present the
# report's findings
# rules-110, read from Z72: a short seller's "just because we are biased does not mean that we
# are wrong" stands by its report
# rules-111, read from Z75: "almost nothing in that article is true" calls it false (it read as
# true), as do "assertions within the reports that it considers misleading"; "we stand by the
# comments made in the original story" stands by it
# rules-112, read from Z77: "at no time", "in no way", "under no circumstances" negate their whole
# clause, whatever words follow them ("At no time ... have we ever found any issues relating to
# ... malicious chips" against "revealed to contain a rice-grain-sized chip") (`conflicts`)
# rules-113, read from Z80 and Z83: what "the researchers", "the authors", "the short seller" say
# presents the report's findings (`report_stance`)
# rules-114, read from Z80: a bare denial ("This is not true.") contradicts what restates the
# claim right before it in its document (`bare_denials`)
# rules-115, read from Z84 and Z85: a verdict in quotation marks or of two adjectives ("is
# “fanciful and false"), and what someone said called false by how it was said ("falsely accused
# the company of Y", "wrongly blame the spills on sabotage") are explicit denials (`features`)
# rules-116, read from Z85: places named three or more at once ("in the UK, Spain, Germany, and
# Portugal") are a wide scope, against "only limited to the Italian market" (`features`)
# rules-117, read from Z86: a word either claim writes in lower case is no name ("they falsely
# claimed our detergent contains Sodium Lauryl Sulfate" against "it had sodium lauryl sulfate"
# share a topic of three words) (`conflicts.name_words`)
# rules-118: every adverb that says something was said untruly ("inaccurately described",
# "misleadingly claimed"; `cues.FALSELY`, one list with the extractor's) makes an explicit denial
VERDICT_VERSION = "rules-118"
RELATED_SIMILARITY = 0.5
EVALUATION_SIMILARITY = 0.2
# from this cosine a number one side corrects ("2,000, not 7,000") is the other's number
CORRECTION_SIMILARITY = 0.3
AGREE_SIMILARITY = 0.75
_BASE_SCORE = {
    "quantity": 0.75,
    "date": 0.7,
    "denial": 0.7,
    "report": 0.7,
    "negation": 0.7,
    "cause": 0.7,
    "other": 0.65,
    "agent": 0.65,
    "scope": 0.6,
}


# not "dismissed": "dismissed the story as inaccurate" is no denial of the story's words
_DENYING_CUE = re.compile(rf"\b(?:{DENYING_VERBS})")
# what the cue's object is called: "rejected | the story as misleading" judges the story itself
_CALLED_AS = re.compile(r"^(?:[\w'’-]+\s+){1,5}?as\b")


def _cue_denies(claim: Claim) -> bool:
    """Whether the claim is denied by its cue, not by a negation in its own words, and its
    words are what is denied ("denied that | the waste was dangerous")."""
    return (
        claim.polarity == "denied"
        and claim.cue is not None
        and _DENYING_CUE.search(claim.cue.text.lower()) is not None
        and _CALLED_AS.match(claim.text) is None
    )


def judge(a: Claim, b: Claim, similarity: float, found: Sequence[Finding] | None = None) -> Verdict:
    """Decide whether claims `a` and `b` (of different parties) contradict, agree or neither;
    `found` are their rule findings when the caller has them already."""
    text_a, text_b = a.text, b.text
    shared = shared_words(a, b)
    related = (
        similarity >= RELATED_SIMILARITY
        or len(shared) >= 2
        or bool(slots(text_a) & slots(text_b))
        or predicate_topic(shared, similarity)
    )
    if not related:
        findings: Sequence[Finding] = []
    else:
        findings = conflicts(a, b, shared, similarity) if found is None else found
        if not findings and b.polarity == a.polarity == "asserted":
            overstated = overstated_finding(text_a, text_b, frozenset(shared) - name_words(a, b))
            findings = [overstated] if overstated else []
    on_report = report_conflict(a, b)
    if on_report is not None:
        findings = [on_report, *findings]
    if similarity >= EVALUATION_SIMILARITY and not findings:
        names = name_words(a, b)
        judged = evaluation_conflict(
            text_a, text_b, names, similarity, (_cue_denies(a), _cue_denies(b))
        )
        judged = judged or level_conflict(text_a, text_b)
        judged = judged or magnitude_finding(text_a, text_b, names, similarity)
        judged = judged or comparison_finding(text_a, text_b)
        if similarity >= CORRECTION_SIMILARITY:
            judged = judged or correction_conflict(text_a, text_b)
        findings = [judged] if judged else []
    if findings:
        best = max(findings, key=lambda f: _BASE_SCORE[f.type])
        score = _BASE_SCORE[best.type] + 0.5 * (similarity - RELATED_SIMILARITY)
        score += 0.05 * (len(findings) - 1) - (0.1 if a.hedged or b.hedged else 0.0)
        reasons = "; ".join(f.reason for f in findings)
        evidence = tuple(dict.fromkeys(e for f in findings for e in f.evidence))
        return Verdict("contradicts", clamp_score(score), best.type, reasons, evidence)
    if similarity >= AGREE_SIMILARITY:
        return Verdict(
            "agrees",
            clamp_score(similarity),
            "none",
            f"same point, no conflict found (similarity {similarity:.2f})",
            tuple(shared[:6]),
        )
    return Verdict(
        "unrelated",
        clamp_score(1.0 - similarity),
        "none",
        f"no conflict found; similarity {similarity:.2f}"
        + ("" if related else ", different topics"),
        (),
    )


class RulesBackend:
    """The rules above as a backend: no model, for comparison and as a fallback."""

    name = "rules"
    version = VERDICT_VERSION

    def judge_many(self, pairs: Sequence[PairInput]) -> list[Verdict]:
        return [judge(p.a, p.b, p.similarity) for p in pairs]
