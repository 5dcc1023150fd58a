"""Verdicts on the report as a whole ("the story is false" against "we stand by it"): a table of
claims in the project's own words, and the rule verdict on pairs of them."""

from __future__ import annotations

import pytest

from pipeline.contradict.report_stance import (
    answered_by_stand_by,
    report_conflict,
    report_stance,
)
from pipeline.contradict.rules import judge
from pipeline.records import Claim, Polarity, Span, Verdict


def claim(
    text: str, speaker: str | None = None, cue: str | None = None, polarity: Polarity = "asserted"
) -> Claim:
    def span(words: str) -> Span:
        return Span(words, 0, len(words))

    return Claim(
        kind="indirect",
        content=span(text),
        sentence=span(text),
        speaker=span(speaker) if speaker else None,
        cue=span(cue) if cue else None,
        polarity=polarity,
    )


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "expected"),
    [
        ("the article in Monday's Gazette is false and misleading", None, None, "false"),
        ("Today's Herald story about the plant is factually wrong", None, None, "false"),
        ("this was not a serious piece of journalism and it is not accurate", None, None, "false"),
        ("the allegations are “nothing but a lie”", None, None, "false"),
        ("the picture painted by this film is simply not true", None, None, "false"),
        ("the chain described the Herald's story as disingenuous", None, None, "false"),
        # the outlet standing by what it published, in other words
        ("we see no reason to retract anything", None, None, "true"),
        ("the story is based on an impeccable source, thoroughly researched", None, None, "true"),
        ("the group stands by all of its statements", None, None, "true"),
        (
            "the Herald based its three episodes on a thorough investigation",
            None,
            None,
            "true",
        ),
        ("the Herald acted with due care, as it always does", None, None, "true"),
        ("we take stock of the lies in Acme's responses", None, None, "true"),
        (
            "the Gazette disagrees with the company's categorisation of its journalism",
            None,
            None,
            "true",
        ),
        (
            "this report presents conclusive evidence that the mill is a fraud",
            None,
            None,
            "findings",
        ),
        ("the story is simply accurate", None, None, "true"),
        # what the report rests on, and what cannot shake it
        (
            "its report is based on interviews with dozens of former staff and internal documents",
            None,
            None,
            "true",
        ),
        ("the report is based on documents that are years out of date", None, None, None),
        (
            "nothing in Acme's reply erodes the accuracy of the Gazette investigation",
            None,
            None,
            "true",
        ),
        ("that reporting includes conclusions that are not based in fact", None, None, "false"),
        (
            "we do not agree with the characterizations made in these articles",
            None,
            None,
            "false",
        ),
        ("the articles do not present new facts", None, None, "false"),
        ("the claim that this was a leak is completely untrue", None, None, "false"),
        ("the report paints an inaccurate picture of our safety record", None, None, "false"),
        ("baseless claims made in your story", None, "rejected", "false"),
        ("the Gazette to correct its story", None, "asked", "false"),
        ("the allegations", None, "denied", "false"),
        ("these charges", None, "has denied", "false"),
        ("fraud charges", None, "denied", "false"),
        ("the insinuations", None, "rejected", "false"),
        ("additional charges on hotels", None, "reported", "findings"),
        ("We talked to more than 100 current and former staff at the mill", None, None, "findings"),
        ("we have obtained letters that show the delays", None, None, "findings"),
        ("We have reviewed our procedures", None, None, None),
        ("the report was accurate", None, "denied", "false"),
        ("My story was not a fabrication", None, None, "true"),
        ("the Gazette's story as inaccurate", None, "dismissed", "false"),
        ("the Herald's coverage as one-sided and misleading", None, "described", "false"),
        ("the article a distortion riddled with basic errors", None, "called", "false"),
        ("the review as accurate in every respect", None, "described", "true"),
        ("a report misleading its readers", None, "said", None),
        ("the paper stood by its reporting", None, None, "true"),
        ("We fully stand by the accuracy of our report", None, None, "true"),
        ("the Gazette stands behind its story", None, None, "true"),
        ("the paper remains confident in the accuracy of its reporting", None, None, "true"),
        # a short seller's stand-by, and the evidence a side says its work rests on
        ("Halvard's partial answer only reinforces our Sell rating", None, None, "true"),
        ("the fund felt even more confident in its original conclusions", None, None, "true"),
        ("we maintain our position on the bakery chain", None, None, None),
        ("our Sell rating on the bakery chain", "We", "reiterate", "true"),
        ("it comes down to a basic error in the authors' methodology", None, None, "false"),
        ("the Clarion has been re-printing lies about our plant for years", None, None, "false"),
        ("the firm spread rumours about the plant", None, None, None),
        ("that the mill's managers are inflating its sales", "our", "conclusion", "findings"),
        # the report's authors described, in coverage
        (
            "the mill's sales are partly based on misleading data",
            "the researchers",
            "say",
            "findings",
        ),
        ("the mill's sales are partly based on misleading data", "the workers", "say", None),
        ("The Clarion paper is inaccurate or disingenuous in its account", None, None, "false"),
        ("Our reports are always based on hard evidence and field research", None, None, "true"),
        ("nearly every one of our arguments is now an established fact", None, None, "true"),
        ("the report is based on outdated and inaccurate information", None, None, "false"),
        ("Brightwater rejects all arguments the research firm put forward", None, "said", "false"),
        (
            "Our research on the mill has proven prescient and accurate, with any suggestion to"
            " the contrary lacking credibility",
            None,
            None,
            "true",
        ),
        ("the report lacks rigour", None, None, "false"),
        ("the Clarion's false, misleading and defamatory allegations", None, "rejected", "false"),
        ("the allegations entirely", None, "denies", "false"),
        ("the Clarion's findings", None, "refuted", "false"),
        ("the short seller’s allegations", None, "rejected", "false"),
        ("the plant leaked for a month", "The Gazette's investigation", "found", "findings"),
        ("the firm overstated its sales", "Our research", "indicates", "findings"),
        # the report's evidence speaking: a leak, footage, a study
        ("that the bank kept accounts for two arms dealers", "The leak", "shows", "findings"),
        ("that staff relabelled the pallets", "Undercover footage", "showed", "findings"),
        ("the study shows the valves fail under heavy load", None, None, "findings"),
        ("we published a report that presented evidence of hidden debts", None, None, "findings"),
        # the calling verb inside the text, as in a statement judged alone
        ("Harrow Mills called the series reckless and one-sided", None, None, "false"),
        ("The firm described the Clarion's coverage as 'alarmist'", None, None, "false"),
        ("Vantor dismissed the documentary as scaremongering", None, None, "false"),
        ("the Clarion said it stood by every line of its investigation", None, None, "true"),
        ("the group stood by every figure in its report", None, None, "true"),
        ("the station said it stood by its journalism", None, None, "true"),
        ("the Forum stands by its finding", None, None, "true"),
        ("Harrow stands by its data, which speaks for itself", None, None, "true"),
        ("The lawsuit is without merit and we will fight it", None, "said", "true"),
        ("the conclusions drawn are supported by the data", "we", "do not believe", "false"),
        ("the Clarion's report is accurate", None, "did not say", "false"),
        ("The [study] contains allegations which are groundless", None, None, "false"),
        ("there are other false facts in the article", None, "said", "false"),
        (
            "the Clarion was repeating old allegations without providing evidence",
            None,
            None,
            "false",
        ),
        ("the paper had evidence to back its story about the mill", None, "said", "true"),
        ("the investigation and documents we have are solid", "we", "believe", "true"),
        (
            "Harrow denounces the ‘gross inaccuracies and/or misreadings’ of the report",
            None,
            None,
            "false",
        ),
        (
            "Our research, including site visits, interviews with nine former staff and a look at"
            " court filings, indicates that the mill padded its orders",
            None,
            None,
            "findings",
        ),
        ("the inquiry report concluded that the depot ignored warnings", None, None, "findings"),
        ("the Clarion's findings show the river was polluted for months", None, None, "findings"),
        ("There is no truth in their story about our plant", None, None, "false"),
        ("There are several inaccuracies in the Clarion's story", None, None, "false"),
        ("its report is backed by facts and it will defend it", None, None, "true"),
        (
            "the Ledger's description of the memo is a gross misrepresentation of what it says",
            None,
            None,
            "false",
        ),
        (
            "A story that ran in today's Clarion, however, paints a skewed picture of our mill",
            None,
            None,
            "false",
        ),
        (
            "The story asserts that we knew of the leak in May. This is not true.",
            None,
            None,
            "false",
        ),
        ("the Gazette report is riddled with sloppy errors and half-truths", None, None, "false"),
        (
            "their report “is rife with personal attacks and sweeping mischaracterizations”",
            None,
            None,
            "false",
        ),
        ("the study contained false statements about our mills", None, None, "false"),
        ("the editor reiterated her support for the paper's story", None, None, "true"),
        (
            "Our investigation, which drew on filings, court records and former staff, found that "
            "the mill padded its orders",
            None,
            None,
            "findings",
        ),
        ("how Harrow Mills misled its lenders about the new plant", "we", "reveal", "findings"),
        ("that our mills passed every inspection", "we", "found", "findings"),
        # a short seller's "We believe that Y" presents what it found
        ("that Harrow Mills secretly controls its distributors", "We", "believe", "findings"),
        ("the mill's model resembles a pyramid scheme", "our", "In our opinion", "findings"),
        ("how Harrow Mills misled its lenders", "the lenders", "reveal", None),
        # restating one's own claim stands by it; words of outrage and a flawed test call it false
        ("his claim of Acme reading private messages", "Researcher Ana Ruiz", "reiterated", "true"),
        ("the allegations are outrageous", "Acme", "said", "false"),
        ("the deeply flawed survey by the Ledger is a disservice to shoppers", None, None, "false"),
        ("the methodology is absurd", None, None, "false"),
        ("the survey is unreliable", None, None, "false"),
        (
            "Critics say the valves leak. There isn't any evidence to support this claim.",
            None,
            None,
            "false",
        ),
        ("there is no evidence that the valves leak", None, None, None),
        # the authors in the first person, one of them "I"
        ("the valves fail under heavy load", "Ana Ruiz and I", "show", "findings"),
        ("the valves fail under heavy load", "I", "found", "findings"),
        (
            "that the Clarion report is, in several respects, false and misleading",
            None,
            None,
            "false",
        ),
        ("the accusations are baseless", None, None, "false"),
        (
            "at the heart of this series is an allegation that is just plain false",
            None,
            None,
            "false",
        ),
        ("the company was aware of the leaks", "The series", "reported", "findings"),
        ("the Clarion's article misrepresented the firm", None, None, "false"),
        # a denial the content reports, as a press release words it
        (
            "Halvard Pumps, a fast-growing maker of valves, categorically refutes all the"
            " allegations and misinformation in a report published today",
            None,
            None,
            "false",
        ),
        ("the board rejected the takeover offer", None, None, None),
        ("the short seller views the report as credible", None, "added", "true"),
        # the outlet dismissing the company's answer stands by what it reported
        ("the miller's rebuttal as “nothing more than a distraction”", None, "dismissed", "true"),
        ("we were unimpressed by the firm's response to our findings", None, "wrote", "true"),
        ("the mill of repeating falsehoods in its reply", None, "accused", "true"),
        ("Harrow's reply failed to address the questions we asked", None, "said", "true"),
        ("the explanation was reasonable", None, "said", None),
        # errors filling what a claim about a story names in other words
        (
            "like the Ledger's last story, this latest instalment is rife with falsehoods",
            None,
            "said",
            "false",
        ),
        ("the market is rife with falsehoods about our pumps", None, "said", None),
        ("the Gazette's series on our pumps is a brazen hoax", None, "said", "false"),
        ("we sought to correct the record on the inaccurate media articles", "we", "said", "false"),
        ("we deny and refute all of them, without exception", "we", "said", "false"),
        ("we are short it because we find that it inflates its sales", None, "said", "findings"),
        ("we find it hard to believe", "we", "said", None),
        # what an outlet reported is a finding of its report; what it said is not, by itself
        (
            "the mill's own brands ranked above better-rated rivals",
            "The Ledger",
            "reported",
            "findings",
        ),
        ("the mill's own brands ranked above better-rated rivals", "The Ledger", "said", None),
        ("the Gazette's story is riddled with disinformation about our pumps", None, None, "false"),
        (
            "we read the short report and found it to be wildly misleading",
            "we",
            "said",
            "false",
        ),
        # what research indicates is a finding
        ("its research “indicates that Vantor inflates its sales”", "Pollard", "says", "findings"),
        ("It was a fair investigative piece that stands up to any scrutiny", None, None, "true"),
        # no truth in something else, a claim that holds up: no verdict on the report
        ("there is no truth in rumours of a sale", None, None, None),
        ("the pump that held up to scrutiny", None, None, None),
        # a calling verb whose object is no publication judges something else
        ("Vantor called the valve design reckless", None, None, None),
        # what a report says about something else is not a verdict on the report
        ("The stories suggest that the company's tests are not accurate", None, None, None),
        ("the readings on the gauge were wrong", None, None, None),
        ("The plant leaked for a month", "Ana Ruiz", "said", None),
        # errors a publication holds, a mixture of falsehoods, authors who got the matter wrong
        ("The Herald's sloppy reporting contains serious inaccuracies", None, None, "false"),
        ("the mill's ledgers contained numerous errors", None, None, None),
        (
            "The Kestrel report on Vantor, published in May, is a cynical mix of selective "
            "misinformation and old claims",
            None,
            None,
            "false",
        ),
        (
            "the short seller has badly misjudged the strength of our balance sheet",
            None,
            None,
            "false",
        ),
        ("Kestrel lacks a basic understanding of how our mills run", None, None, "false"),
        ("we misjudged the demand for pumps last winter", None, None, None),
        ("these studies massively miscalculate the impact of the pumps", None, "said", "false"),
        # a headline's verdict on the allegations, an outlet's own on its work
        ("Leak allegations independently corroborated by two engineers", None, None, "true"),
        ("we meticulously followed every journalistic norm", "we", "said", "true"),
        ("Vantor confirmed the sale of its pump plant", None, None, None),
        # "stand by it" after the work it stands by; a presentation; errors a report "had"
        ("Our research into Vantor has been exhaustive, and we stand by it", "we", "wrote", "true"),
        (
            "the presentation was a malicious attack based largely on outdated, distorted data",
            None,
            None,
            "false",
        ),
        ("Kestrel's report had major factual inaccuracies", None, None, "false"),
        ("the company had major losses in May", None, None, None),
        ("Kestrel has now stood by its original opinion", None, None, "true"),
        ("the publication reaffirmed the accuracy of its report", None, None, "true"),
        (
            "the Ledger lacked both rigor and journalistic integrity in the article",
            None,
            None,
            "false",
        ),
        ("the plant lacked proper ventilation, the report says", None, None, None),
        ("a highly irresponsible and sensational newspaper article", None, None, "false"),
        # disagreeing with a programme's conclusions; rumours called false; "we are right"
        ("it strongly disagreed with the documentary's conclusions", None, "said", "false"),
        ("we disagree with the weather at the coast", None, "said", None),
        ("rivals are spreading false rumours about our vaults", None, "wrote", "false"),
        ("We hold a large short position and we believe we are right", "we", "said", "true"),
        ("we think we were right to close the plant", "we", "said", None),
        # a negated quantifier judges the publication false; "the comments" of a story stood by
        ("Almost nothing in that article is true", "he", "wrote", "false"),
        ("none of the claims in the report are accurate", None, "said", "false"),
        ("almost nothing in the warehouse was damaged", None, "said", None),
        ("we stand by the comments made in the original story", "we", "said", "true"),
        # what the speaker considers the report
        (
            "The Star is concerned by a number of assertions within the media reports that it"
            " considers misleading",
            None,
            "said",
            "false",
        ),
        ("the reports that it considers important", None, "said", None),
        # a short seller's disclaimer stands by its report
        ("Just because we are biased does not mean that we are wrong", None, None, "true"),
        ("it doesn't mean we were wrong to ask", "we", "said", None),
        # the information a report rests on
        ("the information its reporters gathered was meticulously accurate", None, "said", "true"),
        ("this spreading of misleading information about our accounts", None, None, "false"),
        ("we gave the regulator all the information it asked for", "we", "said", None),
        # "no evidence to support" the claims; accusations "regarded as" unfounded
        ("the review found no evidence to support Kestrel's claims", None, "said", "false"),
        ("the inspectors found no evidence of a leak", None, "said", None),
        ("the board continues to regard all these accusations as unfounded", None, "said", "false"),
        (
            "the chorus of false and intentionally deceptive claims from Kestrel",
            None,
            None,
            "false",
        ),
        ("these allegations come with zero evidence", None, "said", "false"),
        ("the paper saw bank records appearing to show the transfers", None, None, "findings"),
        # the publication judged in the next sentence; confidence in its rigour
        ("I was let down by the Herald's piece. It's not true", None, "told", "false"),
        ("I have read the report. It is simply false", None, "said", "false"),
        ("I have read the report. It is not true that we sold the mill", None, "said", None),
        (
            "we have full confidence in the rigour and accuracy of our reporting",
            "we",
            "said",
            "true",
        ),
    ],
)
def test_report_stance(text: str, speaker: str | None, cue: str | None, expected: str) -> None:
    assert report_stance(claim(text, speaker, cue)) == expected


def test_what_a_side_said_in_its_report_is_a_finding() -> None:
    def said(sentence: str, cue: str, content: str) -> Claim:
        def at(words: str) -> Span:
            return Span(words, sentence.index(words), sentence.index(words) + len(words))

        return Claim("indirect", at(content), at(sentence), at("Kestrel"), at(cue))

    in_report = "Kestrel said in its report that the mill inflates its sales."
    assert report_stance(said(in_report, "said", "that the mill inflates its sales")) == "findings"
    on_radio = "Kestrel said on the radio that the mill inflates its sales."
    assert report_stance(said(on_radio, "said", "that the mill inflates its sales")) is None


def test_false_against_true_or_findings_is_a_report_conflict() -> None:
    false = claim("We conclude that the Gazette's report is false")
    true = claim("the newspaper stood by its report")
    findings = claim("the plant leaked for a month", "The Gazette's investigation", "found")
    other = claim("The plant reopened in May")
    assert report_conflict(false, true) is not None
    assert report_conflict(findings, false) is not None
    assert report_conflict(true, findings) is None  # one side, two ways of standing by it
    assert report_conflict(false, other) is None
    assert report_conflict(false, claim("their claims are false")) is None


def test_a_blanket_denial_meets_the_report_s_sweeping_charge() -> None:
    """ "Vantor is an almost completely empty box" is the report's charge against the company as
    a whole: a blanket denial answers it, as it answers the report's findings; a long denial
    that says what it denies, or a charge of one wrong, does not."""
    charge = claim("Regardless of the figures, Vantor is an almost completely empty box")
    users = claim("at least 70% of Vantor's users are fake")
    blanket = claim("the short seller lacks a basic understanding of our operations")
    long_denial = claim(
        "the report's false claims about our Baltic pump contracts ignore the audited ledgers "
        "of the three plants, the customs files and the bank statements from May and June"
    )
    assert report_conflict(charge, blanket) is not None
    assert report_conflict(blanket, users) is not None
    duping = claim("Vantor is duping investors with a collection of half-truths")
    assert report_conflict(duping, blanket) is not None
    pumped = claim("we have watched Vantor's stock pump and dump on a stream of press releases")
    assert report_conflict(pumped, blanket) is not None
    assert report_conflict(charge, long_denial) is None
    # the words of its verdict do not make a denial say what it denies
    wordy = claim(
        "Harrow believes the allegations set forth in the report are false and inaccurate and "
        "contain numerous errors of fact, misleading speculation and malicious interpretations"
    )
    assert report_conflict(charge, wordy) is not None
    assert report_conflict(claim("the pumps leaked in May"), blanket) is None


def test_rules_judge_a_report_dispute_that_shares_no_words() -> None:
    verdict = judge(
        claim("the Gazette to correct its story", cue="asked"),
        claim("the paper stood by its reporting"),
        similarity=0.12,
    )
    assert (verdict.label, verdict.type) == ("contradicts", "report")
    assert "verdict on the report" in verdict.reason


def test_a_stand_by_answers_a_blanket_denial_so_its_findings_are_not_pairs_of_it() -> None:
    denial = claim("the Gazette's report is false and misleading")
    finding = claim("the plant leaked for a month", "The Gazette's investigation", "found")
    stand_by = claim("the newspaper stood by its report")
    against_finding = judge(denial, finding, similarity=0.3)
    against_stand_by = judge(denial, stand_by, similarity=0.3)
    negation = Verdict("contradicts", 0.8, "negation", "negated on one side only", ("not",))
    assert against_finding.label == "contradicts"
    # without a stand-by in the case, the finding is the outlet's side of the dispute
    other = (claim("the pumps were sold"), claim("no pump was sold"), 0.8)
    alone = answered_by_stand_by([against_finding, negation], [(denial, finding, 0.3), other])
    assert [v.label for v in alone] == ["contradicts", "contradicts"]
    both = answered_by_stand_by(
        [against_finding, against_stand_by, negation],
        [(denial, finding, 0.3), (denial, stand_by, 0.3), other],
    )
    assert [v.label for v in both] == ["unrelated", "contradicts", "contradicts"]
    assert "stand-by" in both[0].reason
    # the report's sweeping charge is what a blanket denial answers, stand-by or not
    charge = claim("the mill is a fraud", "The Gazette's investigation", "found")
    against_charge = judge(denial, charge, similarity=0.3)
    kept = answered_by_stand_by(
        [against_charge, against_stand_by], [(denial, charge, 0.3), (denial, stand_by, 0.3)]
    )
    assert [v.label for v in kept] == ["contradicts", "contradicts"]


def test_a_denial_that_names_a_finding_s_matter_answers_that_finding() -> None:
    """ "The allegations about the 2019 plant audit are flatly wrong" is no blanket denial:
    against "the 2019 plant audit found leaks" it stays a contradiction beside a stand-by."""
    denial = claim("The allegations about the 2019 plant audit are flatly wrong")
    finding = claim("the 2019 plant audit found leaks", "The Gazette", "reported")
    stand_by = claim("the newspaper stood by its report")
    verdicts = [judge(denial, finding, 0.35), judge(denial, stand_by, 0.3)]
    kept = answered_by_stand_by(verdicts, [(denial, finding, 0.35), (denial, stand_by, 0.3)])
    assert [v.label for v in kept] == ["contradicts", "contradicts"]
    # nor is one that says what it denies at length
    long_denial = claim(
        "The articles mischaracterized a minor deviation from one internal procedure at the plant, "
        "creating the false appearance of serious quality problems where none existed"
    )
    leak = claim("workers routinely overrode the valve alarms", "The Gazette", "reported")
    verdicts = [judge(long_denial, leak, 0.27), judge(long_denial, stand_by, 0.3)]
    kept = answered_by_stand_by(verdicts, [(long_denial, leak, 0.27), (long_denial, stand_by, 0.3)])
    assert [v.label for v in kept] == ["contradicts", "contradicts"]
