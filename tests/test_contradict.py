"""The rule-based verdict and its features: pure functions, tested on tables of claim pairs."""

from __future__ import annotations

import pytest

from pipeline.contradict.conflicts import correction_conflict, name_words, shared_words
from pipeline.contradict.features import (
    cause_phrase,
    content_words,
    dates,
    differing_agents,
    quantities,
)
from pipeline.contradict.rules import judge
from pipeline.records import Claim, Polarity, Span


def claim(text: str, polarity: Polarity = "asserted", hedged: bool = False) -> Claim:
    span = Span(text, 0, len(text))
    return Claim(kind="asserted", content=span, sentence=span, polarity=polarity, hedged=hedged)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The outage lasted 13 hours", [(13.0, "hour")]),
        ("a 13-hour outage", [(13.0, "hour")]),
        ("waited three weeks to act", [(504.0, "hour")]),
        ("The company recalled 40,000 jars", [(40000.0, "jar")]),
        ("engaged in only 2 of those 14 crashes", [(2.0, "crash")]),
        ("one service in one of our 31 regions", [(1.0, "service"), (1.0, "region")]),
        ("grew by 20 percent", [(20.0, "percent")]),
        ("It happened in 2025", []),
        ("the van circled for .4 miles", [(0.4, "mile")]),
        ("crawled along at 30 miles per hour", [(30.0, "mile per hour")]),
        ("riders keep about 7.20 an hour", [(7.2, "per hour")]),
        ("drivers earn 14.50 for every hour online", [(14.5, "per hour")]),
        ("a quarry of 40Mt", [(40e6, "tonne")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("the quarry holds below 40 million tonnes", "<"),
        ("fewer than 300 drivers", "<"),
        ("up to 300 drivers", "<"),
        ("more than 300 drivers", ">"),
        ("at least 300 drivers", ">"),
        ("no fewer than 300 drivers", ">"),
        ("no more than 300 drivers", "<"),
        ("300 drivers", ""),
        ("wages rose 14 percent over three years", ""),  # a span of time, not a bound
    ],
)
def test_quantities_keep_their_bound(text: str, bound: str) -> None:
    assert [q.bound for q in quantities(text)][-1:] == [bound]


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # close figures, but one outside the other's bound
        (
            "the quarry holds below 40 million tonnes of stone",
            "the quarry holds 42.5Mt of stone",
            True,
        ),
        ("more than 300 drivers quit the depot", "290 drivers quit the depot", True),
        # within the bound, or two bounds the same way
        (
            "the quarry holds below 40 million tonnes of stone",
            "the quarry holds 38Mt of stone",
            False,
        ),
        ("fewer than 300 drivers quit the depot", "under 310 drivers quit the depot", False),
        ("about 300 drivers quit the depot", "290 drivers quit the depot", False),
        ("more than 300 drivers quit the depot", "300 drivers quit the depot", False),
    ],
)
def test_a_bound_decides_between_close_figures(a: str, b: str, conflict: bool) -> None:
    verdict = judge(claim(a), claim(b), 0.8)
    assert (verdict.type == "quantity") is conflict, verdict


def test_dates_and_causes() -> None:
    assert dates("on January 9, and again on March 31") == {"January 9", "March 31"}
    assert cause_phrase("The outage was caused by a misconfigured role") == "a misconfigured role"
    assert cause_phrase("The outage lasted two hours") is None
    assert cause_phrase("the fish were killed by metals from the tailings") == (
        "metals from the tailings"
    )
    assert cause_phrase("the delays happened because the depot had no stock") == (
        "the depot had no stock"
    )
    assert cause_phrase("the dismissals had nothing to do with the union") == "the union"
    assert cause_phrase("the strike has nothing whatsoever to do with pay") == "pay"
    assert cause_phrase("the issues related to our report") is None
    # other ways a side names a cause
    assert cause_phrase("the outage began when an agent pushed a bad route") == (
        "an agent pushed a bad route"
    )
    assert cause_phrase("our review found the root cause to be a failed fan") == "a failed fan"
    assert cause_phrase("the paper blames the delays on a shortage of drivers") == (
        "a shortage of drivers"
    )
    assert cause_phrase("tests traced the film on the pond to runoff from a farm") == (
        "runoff from a farm"
    )
    assert cause_phrase("the price rise simply reflected higher fuel costs") == "higher fuel costs"


@pytest.mark.parametrize(
    ("a", "b", "similarity", "label", "type_"),
    [
        (
            claim("The outage lasted 13 hours"),
            claim("The outage lasted 2 hours and 40 minutes"),
            0.55,
            "contradicts",
            "quantity",
        ),
        (
            claim("A second outage in June was caused by the agent"),
            claim("There was no second outage in June", "denied"),
            0.77,
            "contradicts",
            "negation",
        ),
        (
            claim("The outage was caused by the AI agent"),
            claim("The outage was caused by a misconfigured access role"),
            0.5,
            "contradicts",
            "cause",
        ),
        (
            claim("The report about the recall is accurate in every detail"),
            claim("The report about the recall is false and misleading"),
            0.7,
            "contradicts",
            "report",
        ),
        (
            claim("The first positive test came back from the laboratory on January 9"),
            claim("Our laboratory recorded the first positive test on January 31"),
            0.65,
            "contradicts",
            "date",
        ),
        (
            claim("The company filed 14 crash reports for the system in 2025"),
            claim("We filed 14 crash reports for cars with the system"),
            0.8,
            "agrees",
            "none",
        ),
        (
            # "Vantor Rail has rejected a report that its signals failed twice in May": the
            # denial is the cue's, the claim's text has no negation of its own
            claim("Its signals failed twice in May on the coastal line"),
            claim("that its signals failed twice in May on the coastal line", "denied"),
            0.86,
            "contradicts",
            "negation",
        ),
        (
            # "cannot" negates what follows it, as "never" negates what follows it
            claim("that the fraudulent payments went from the fund to the director"),
            claim(
                "There cannot be any fraudulent payments from the fund as the director never"
                " held an account with it",
                "denied",
            ),
            0.85,
            "contradicts",
            "negation",
        ),
        (
            claim("that the car fell short of its projected range on the last leg"),
            claim("The car exceeded its projected range on the last leg"),
            0.7,
            "contradicts",
            "other",
        ),
        (
            claim("the spokesman said the timetable was changed to save money"),
            claim("the spokesman was misquoted and the company changes its timetable each year"),
            0.45,
            "contradicts",
            "denial",
        ),
        (
            claim("the rival's story had nothing whatsoever to do with our timing"),
            claim("the paper rushed its piece out because a rival was about to run a story"),
            0.6,
            "contradicts",
            "denial",
        ),
        (
            claim("The list of 9,000 addresses has nothing to do with our clients"),
            claim("the list of addresses was drawn up by the company's clients"),
            0.5,
            "contradicts",
            "denial",
        ),
        (
            # two sentences on one side, each of one polarity: the second states what the
            # other side's sentence negates
            claim(
                "They are not selling jars to grocers. They are selling jars to collectors",
                "denied",
            ),
            claim("Meridian does not sell jars to collectors", "denied"),
            0.45,
            "contradicts",
            "negation",
        ),
        (
            claim("The outage began on March 4"),
            claim("Our teams work in eleven countries"),
            0.2,
            "unrelated",
            "none",
        ),
    ],
)
def test_judge(a: Claim, b: Claim, similarity: float, label: str, type_: str) -> None:
    verdict = judge(a, b, similarity)
    assert (verdict.label, verdict.type) == (label, type_), verdict.reason
    assert 0.0 < verdict.score < 1.0
    assert verdict.reason
    assert judge(b, a, similarity).label == label  # symmetric


def test_hedging_lowers_the_score() -> None:
    sure = judge(claim("The outage lasted 13 hours"), claim("The outage lasted 3 hours"), 0.7)
    hedged = judge(
        claim("The outage reportedly lasted 13 hours", hedged=True),
        claim("The outage lasted 3 hours"),
        0.7,
    )
    assert hedged.label == sure.label == "contradicts"
    assert hedged.score < sure.score


def test_unrelated_claims_with_numbers_do_not_contradict() -> None:
    verdict = judge(claim("Revenue rose 12 percent"), claim("Staff numbers fell 3 percent"), 0.3)
    assert verdict.label != "contradicts"
    # a party's name is no shared matter for two percentages
    named = Claim(
        kind="asserted",
        content=Span("Pumps made up 40% of Halden's sales", 0, 35),
        sentence=Span("Pumps made up 40% of Halden's sales", 0, 35),
        entities=("Halden",),
    )
    other = Claim(
        kind="asserted",
        content=Span("Halden's shares fell 5% on Friday", 0, 33),
        sentence=Span("Halden's shares fell 5% on Friday", 0, 33),
        entities=("Halden",),
    )
    assert judge(named, other, 0.45).type != "quantity"


def test_prepositions_make_no_shared_point() -> None:
    a = claim("Halden pays nothing for the time drivers wait between drops")
    b = claim("Drivers are paid per drop and not for the hours between jobs")
    assert "between" not in shared_words(a, b)


def test_number_words_make_no_shared_point() -> None:
    a = claim("Halden is one of the region's largest hauliers")
    b = claim("The depot was shut for one week in 2023")
    assert shared_words(a, b) == []


def test_light_verbs_make_no_shared_point() -> None:
    a = claim("The plant made no changes to its filters")
    b = claim("Inspectors made a visit to the depot")
    assert shared_words(a, b) == []


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("An engineer applied the role with the wrong permissions.", []),
        ("The report is wrong.", ["wrong"]),
        ("Kestrel called the report misleading", ["misleading"]),
        ("Correcting a misleading report about the outage", ["misleading", "correcting"]),
        ("Reports that the agent deleted it are false.", ["false"]),
        ("Questions arise when an automated change goes wrong", []),
        ("Things went wrong that day, but the story is wrong.", ["wrong"]),
        ("Contrary to some reports, the depot never closed.", ["contrary to"]),
        ("Contrary to what the paper claimed, every driver was paid.", ["contrary to"]),
        ("Contrary to the assurances our supplier gave us, some jars were unsealed.", []),
        # an alternative named is no denial, nor is a side admitting its own error
        ("Halden pays drivers per drop rather than per hour.", []),
        ("Halden conceded that its delivery map had been wrong.", []),
        ("Halden said the paper's map was wrong.", ["wrong"]),
        ("Halden's claims of a 40-ton truck are a brazen hoax.", ["hoax"]),
        ("Let me tell you, nothing could be further from the truth.", ["further from the truth"]),
        ("The mill lied about the depot's profits.", ["lied about"]),
        (
            "We are deeply offended by the suggestion that we broke a promise.",
            ["offended by the suggestion"],
        ),
        # a suggestion dismissed as absurd
        ("To suggest that the depot hides its losses is outrageous.", ["outrageous"]),
        ("It would be absurd to claim that the mill dumped slurry.", ["absurd"]),
        ("Any notion that our drivers sleep in their vans is preposterous.", ["preposterous"]),
        ("The outrageous price of diesel hurt the depot.", []),
        # a verdict in quotation marks, two adjectives joined (a claim's text runs on where the
        # quote's last sentence ended)
        ("The figure given by the paper is “fanciful and false The paper erred", ["false"]),
        # what someone said, called false by how it was said
        ("The Ledger falsely accused the mill of hiding a leak.", ["falsely accused"]),
        ("Mill owners wrongly blame the spills on vandals.", ["wrongly blame"]),
        ("The paper inaccurately described the pumps as leaking.", ["inaccurately described"]),
        ("An asset was wrongfully recorded for one week.", []),
    ],
)
def test_denial_cues_need_a_verdict_on_something_said(text: str, cues: list[str]) -> None:
    from pipeline.contradict.features import denial_cues

    assert sorted(denial_cues(text)) == sorted(cues)


def test_negation_must_negate_what_the_other_side_states() -> None:
    from pipeline.contradict.conflicts import conflicts

    def claim(text: str, polarity: str = "asserted") -> Claim:
        span = Span(text, 0, len(text))
        return Claim("asserted", span, span, polarity=polarity)  # type: ignore[arg-type]

    a = claim("An engineer applied the role to the billing console with the wrong permissions.")
    b = claim(
        "Customers could not see their invoices while the billing console was down.", "denied"
    )
    assert not [f for f in conflicts(a, b, ["billing", "console"], 0.5) if f.type == "negation"]
    c = claim("Customers could see their invoices while the billing console was down.")
    assert [
        f for f in conflicts(c, b, ["billing", "console", "invoice"], 0.8) if f.type == "negation"
    ]

    # a denial of the failure word itself: "no data was lost" against "customers lost data"
    lost = claim("Several customers lost invoices during the outage.")
    kept = claim("No customer invoices were lost during the outage.", "denied")
    assert [
        f
        for f in conflicts(lost, kept, ["customer", "invoice", "lost", "outage"], 0.6)
        if f.type == "negation"
    ]
    # what is negated may be the other side's word in another form ("audited" / "audit")
    d = claim("The depot's ledgers were never audited by the regulator.", "denied")
    e = claim("The regulator's audit of the depot's ledgers found gaps.")
    assert [
        f for f in conflicts(e, d, ["depot", "ledger", "regulator"], 0.5) if f.type == "negation"
    ]
    # or the same predicate in other words ("never ran out of charge" / "was drained")
    for denial, statement, shared in (
        (
            "The scooter's battery never ran out of charge on the test route.",
            "Halfway along the test route the scooter's battery was drained.",
            ["scooter", "battery", "route"],
        ),
        (
            "After the depot audit its drivers were never let go.",
            "After the depot audit two drivers were dismissed.",
            ["driver", "depot", "audit"],
        ),
        (
            "The depot manager never concealed it.",
            "The depot manager hid the spill for a week.",
            ["depot", "manager"],
        ),
        (
            "Until May its founder never owned the vehicle that held the depots.",
            "The firm bought depots that its founder already controlled.",
            ["founder", "depot"],
        ),
    ):
        assert [
            f
            for f in conflicts(claim(statement), claim(denial, "denied"), shared, 0.5)
            if f.type == "negation"
        ], denial
    # a family is no licence to pair a negation with any other predicate
    lasted = claim("The scooter's battery never ran out of charge on the test route.", "denied")
    replaced = claim("After the test the scooter's battery was replaced.")
    assert not [
        f
        for f in conflicts(replaced, lasted, ["scooter", "battery", "test"], 0.5)
        if f.type == "negation"
    ]


def test_predicate_families_are_shared_matter() -> None:
    # "Corrane rejected claims that maintenance on the valve had been postponed"
    rejected = claim("maintenance on the valve had been postponed for financial reasons", "denied")
    pushed = claim("Work orders show the valve job was pushed back again and again")
    assert shared_words(rejected, pushed) == ["valve", "~postpone"]
    assert judge(pushed, rejected, 0.45).label == "contradicts"
    # one word in both texts is that word, not a family as well
    none = claim("There was no delay at the depot", "denied")
    weeks = claim("Emails show a three-week delay at the depot")
    assert shared_words(none, weeks) == ["delay", "depot"]
    # an admission one side says happened, the other that it never did
    never = claim("He was never confronted with the claims, nor did he admit to them", "denied")
    admitted = claim("When confronted with the audit, he admitted it and resigned")
    assert shared_words(never, admitted) == ["confronted", "~admit"]
    assert judge(admitted, never, 0.5).label == "contradicts"
    # a fault and its cause in other words: "errors ... responsible for" / "faults ... caused"
    proof = claim("The audit found errors in the billing system were responsible for the losses")
    none_found = claim(
        "There is no evidence that faults in the system caused the shortfalls", "denied"
    )
    assert shared_words(proof, none_found) == ["system", "~cause", "~fault"]
    assert judge(proof, none_found, 0.5).label == "contradicts"


@pytest.mark.parametrize(
    ("report", "rebuttal", "similarity"),
    [
        (
            "Harwell Knows Its Filters Leak, Company Files Show",
            "It is simply not accurate that the research we carried out demonstrates the Harwell"
            " filters leak",
            0.8,
        ),
        (
            "the pumps were revealed to contain a valve that was not part of their design",
            "At no time, past or present, have we ever found any issues relating to modified"
            " valves in Brandt pumps in any of our plants",
            0.55,
        ),
    ],
)
def test_a_negation_of_the_whole_clause_negates_its_words(
    report: str, rebuttal: str, similarity: float
) -> None:
    """ "It is not accurate that X", "At no time ... have we found X": what is negated is X,
    not only the words right after the negation."""
    verdict = judge(claim(report), claim(rebuttal, "denied"), similarity)
    assert verdict.label == "contradicts"


def test_no_evidence_found_of_a_thing_negates_that_thing() -> None:
    report = claim(
        "Our investigation exposed the fact that mill hands were being paid as little as £2.80"
        " an hour"
    )
    rebuttal = claim(
        "Our review to date has not found evidence of contractors paying mill hands £2.80 an hour",
        "denied",
    )
    assert judge(report, rebuttal, 0.5).label == "contradicts"


def test_a_negation_reaches_past_a_quotation_mark() -> None:
    report = claim("Customers lost invoices stored in the northern zone")
    rebuttal = claim("No “invoices” stored in the northern zone were lost", "denied")
    assert judge(report, rebuttal, 0.7).label == "contradicts"


def test_a_negation_inside_another_negations_words_is_read() -> None:
    report = claim("Depot staff had access to a portal showing live feeds from doorbells")
    rebuttal = claim(
        "Kestrel does not offer and never has offered depot staff access to doorbell feeds",
        "denied",
    )
    assert judge(report, rebuttal, 0.5).label == "contradicts"


def test_function_words_make_no_shared_point() -> None:
    a = claim("Halden runs its own depots, even in winter")
    b = claim("Its own drivers said even the vans were late")
    assert shared_words(a, b) == []


@pytest.mark.parametrize(
    ("word", "base"),
    [("accuracy", "accur"), ("accurate", "accur"), ("targeted", "target"), ("flow", "flow")],
)
def test_word_base(word: str, base: str) -> None:
    from pipeline.contradict.features import word_base

    assert word_base(word) == base


def test_shared_names_alone_make_no_topic() -> None:
    """Every claim of a case names its parties: "Halden Pumps" and "Gazette" on both sides do not
    make a denial in one claim a denial of the other."""

    def named(text: str) -> Claim:
        span = Span(text, 0, len(text))
        return Claim(
            kind="asserted", content=span, sentence=span, entities=("Halden Pumps", "Gazette")
        )

    verdict = judge(
        named("Halden Pumps denies the Gazette report"),
        named("Halden Pumps is short of cash, the Gazette said"),
        similarity=0.4,
    )
    assert verdict.label == "unrelated", verdict.reason


def test_name_words_are_capitalised_words_of_entities() -> None:
    span = Span("x", 0, 1)
    a = Claim("asserted", span, span, entities=("Kestrel's AI", "13-hour"))
    b = Claim("asserted", span, span, entities=("St. Jude Medical", "NTSB"))
    assert name_words(a, b) == {"kestrel", "st", "jude", "medical", "ntsb"}
    # a word one claim writes in lower case names a thing, not a party: it can make a topic
    said = "they falsely claimed the soap contains Sodium Lauryl Sulfate"
    c = Claim("asserted", Span(said, 0, len(said)), span, entities=("Sodium Lauryl Sulfate",))
    found = "the soap had sodium lauryl sulfate"
    d = Claim("asserted", Span(found, 0, len(found)), span)
    assert name_words(c, d) == frozenset()
    assert judge(d, c, 0.55).label == "contradicts"


@pytest.mark.parametrize(
    ("text", "wide", "narrow"),
    [
        ("the faults ran across Halden's European operations for years", True, False),
        ("the lapses were systemic", True, False),
        ("the seals failed in every plant the group runs", False, False),
        ("the errors were made by individual local employees", False, True),
        ("the problem was confined to a single clinic", False, True),
        ("the pumps were tested across the day", False, False),
        ("the faults turned up across the chain's entire network", True, False),
        ("the practice was routine at all three of the group's depots", True, False),
        ("the leaks were found at more than 30 of its stations", True, False),
        ("complaints came from sites in five countries", True, False),
        ("the faults are not isolated but run through the whole plant", True, False),
        ("the fault was confined to one night-shift team", False, True),
        ("only a single Dunmore invoice was filed late", False, True),
        ("a small pilot group of testers saw the bug", False, True),
        ("many of the chain's delivery drivers earn below the living wage", True, False),
        ("most staff at the depot said they were tired", True, False),
        ("many questions remain about the pump", False, False),
        # places named three or more at once; two are no extent
        ("the flaws were also found in the UK, Spain, Germany, and Portugal", True, False),
        ("the flaws were found in France and Spain", False, False),
        ("the flaws were found in Paris, a year after Acme, Halden and Kestrel met", False, False),
        # an age is no duration, so no sign of a long outage
        ("the 52-year-old engineer wrote the change", False, False),
    ],
)
def test_scope_words(text: str, wide: bool, narrow: bool) -> None:
    from pipeline.contradict.features import scope_words

    found_wide, found_narrow = scope_words(text)
    assert (bool(found_wide), bool(found_narrow)) == (wide, narrow)


def test_wide_against_narrow_scope_needs_no_shared_word() -> None:
    verdict = judge(
        claim("the failures were systemic and ran across the group's operations"),
        claim("The lapses were limited to one onboarding contractor."),
        0.32,
    )
    assert (verdict.label, verdict.type) == ("contradicts", "scope")
    assert (
        judge(
            claim("the failures were systemic"), claim("Sales were limited to one region."), 0.2
        ).label
        != "contradicts"
    )


def test_day_first_dates() -> None:
    assert dates("the seal was replaced on 2 May and again on May 20, 2024") == {"May 2", "May 20"}


def test_when_a_side_learned_of_a_matter() -> None:
    """ "Knew of it in 2021" against "first learned of it in 2023": the commonest timing dispute
    of a report and its rebuttal; years alone on other matters are no conflict."""
    knew = claim("Halden knew about the cracked seals in 2021, emails show")
    learned = claim("Halden said it first learned of any seal fault in 2023.")
    verdict = judge(knew, learned, 0.4)
    assert (verdict.label, verdict.type) == ("contradicts", "date")
    assert "2021" in verdict.evidence and "2023" in verdict.evidence
    same_year = claim("Halden said it first learned of any seal fault in March 2021.")
    assert judge(knew, same_year, 0.4).type != "date"
    sales = judge(claim("Halden's seal sales rose in 2021"), claim("Seal sales fell in 2023"), 0.5)
    assert sales.type != "date"


@pytest.mark.parametrize(
    "lately",
    [
        "Halden said it only learned of the problem when the broadcaster contacted it",
        "The firm said it first heard of any cracked seals from the documentary's makers",
        "Halden said it had no indication of a fault before this summer",
    ],
)
def test_a_dated_warning_against_learning_of_it_only_lately(lately: str) -> None:
    """ "Warned in writing in 2022" against "first learned of it when the paper contacted us":
    the two rarely share a word besides the names."""
    warned = claim("Halden managers were warned in writing about the cracked seals in 2022")
    verdict = judge(warned, claim(lately), 0.25)
    assert (verdict.label, verdict.type) == ("contradicts", "date")
    assert "lately" in verdict.evidence
    # a year said plainly ("last year") is no "lately", nor is a matter nobody learned of
    assert judge(warned, claim("Halden said it replaced the seals last year"), 0.25).type != "date"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the decision to skip the seal tests was taken at board level", "senior"),
        ("senior managers set targets that made proper checks impossible", "senior"),
        ("no briefing was ever given to senior management", None),
        ("a single night-shift supervisor acted outside company procedures", "junior"),
        ("an outside contractor changed the seals without approval", "junior"),
        ("the seals were changed in May", None),
        ("the payments were approved personally by co-founder Ana Brel", "senior"),
        ("the decision to cut pay was taken by the group's owners", "senior"),
        ("the memo came from the chain's head of sales and ordered the change", "senior"),
        ("a mid-level payroll analyst moved the money", "junior"),
        ("one shift coordinator failed to log the calls", "junior"),
        ("the timing was set by the on-call control-room supervisor", "junior"),
    ],
)
def test_agent_level(text: str, level: str | None) -> None:
    from pipeline.contradict.features import agent_level

    assert agent_level(text) == level


def test_leadership_against_one_person_below_it_is_an_agent_conflict() -> None:
    verdict = judge(
        claim("the decision to skip the seal tests was taken at board level, emails show"),
        claim("A single night-shift supervisor skipped the tests, acting outside procedures."),
        0.25,
    )
    assert (verdict.label, verdict.type) == ("contradicts", "agent")


@pytest.mark.parametrize(
    ("a", "b", "agents"),
    [
        (
            "The change was approved by a senior engineer",
            "The change was pushed by an intern without review",
            ("a senior engineer", "an intern"),
        ),
        # who made a thing, against who made the same thing
        (
            "The trial data was generated by Harrow Mills and its partners",
            "The trial data was generated by Fenwick Labs, an outside firm",
            ("Harrow Mills", "Fenwick Labs"),
        ),
        # two different acts: designing is not building
        ("The pumps were designed by Acme engineers", "The pumps were built by a contractor", None),
        ("The study was funded by the mill", "The study was funded by the mill's owners", None),
    ],
)
def test_differing_agents(a: str, b: str, agents: tuple[str, str] | None) -> None:
    assert differing_agents(a, b) == agents


@pytest.mark.parametrize(
    ("a", "b", "opposite"),
    [
        ("Sales rose in the spring", "Sales fell in the spring", ("rose", "fell")),
        ("The audit was completed", "The audit was abandoned", ("completed", "abandoned")),
        # prepositions are no opposites: "on" and "off", "for" and "against"
        ("The heater was set to off", "The car ran low on range", None),
        ("She voted for the plan", "She argued against the plan", None),
        ("Few tests used a finger-prick", "Many tests used a finger-prick", ("few", "many")),
        # "a few" is some, "how many" asks
        ("It needs only a few drops of blood", "Many tests need a vein", None),
        ("It did not say how many tests it runs", "It runs few tests", None),
        ("The fix came earlier", "The fix came later", ("earlier", "later")),
        # "an earlier version" names which one
        ("The pump is an earlier version of the X2", "The pumps were fitted later", None),
        # a plural and a compound's first part are the word; a compound's last part is not
        ("The mill is a loss-making business", "The mill makes profits", ("loss", "profit")),
        ("A 33-year-old manager ran it", "He runs the new depot", None),
        (
            "Older pumps appear safe from the fault",
            "Most pumps are vulnerable to it",
            ("safe", "vulnerable"),
        ),
        (
            "Trainees were forced to work night shifts",
            "The trainees worked night shifts voluntarily",
            ("forced", "voluntarily"),
        ),
        # a record judged: "the worst safety record" against "its strong safety record"
        (
            "The ferry line has the worst safety record in the region",
            "The ferry line is proud of its strong safety record",
            ("worst", "strong"),
        ),
    ],
)
def test_opposite_words_are_content_words(a: str, b: str, opposite: tuple[str, str] | None) -> None:
    from pipeline.contradict.features import antonym_pair

    assert antonym_pair(a, b) == opposite


def test_a_record_one_side_calls_the_worst_and_the_other_strong_is_a_contradiction() -> None:
    report = claim("the ferry line has the worst safety record of any operator in the region")
    reply = claim("the ferry line is proud of its strong safety record")
    verdict = judge(report, reply, similarity=0.6)
    assert (verdict.label, verdict.type) == ("contradicts", "other")


def test_a_number_one_side_corrects_is_a_contradiction_without_shared_words() -> None:
    report = claim("the paper says the depot stored around 9,000 pallets of the recalled feed")
    reply = claim("the depot held roughly 1,200 crates of that batch, not 9,000")
    verdict = judge(report, reply, similarity=0.45)
    assert (verdict.label, verdict.type) == ("contradicts", "quantity")
    assert "9,000" in verdict.evidence
    # a number both sides correct, or one the other never states, is no correction
    assert correction_conflict("about 1,200 crates, not 9,000", "not 9,000 but 1,200") is None
    assert correction_conflict("about 1,200 crates, not 9,000", "around 4,000 pallets") is None


def test_being_implicated_and_being_involved_are_one_predicate() -> None:
    report = claim("the mill rehired two managers involved in the billing scandal")
    reply = claim("the two managers were never implicated in the billing scandal", "denied")
    verdict = judge(report, reply, similarity=0.5)
    assert (verdict.label, verdict.type) == ("contradicts", "negation")


def test_a_figure_set_against_what_the_other_side_alleged_is_a_denial() -> None:
    report = claim("orders per customer fell from 2.4 to 1.9 at the chain's kiosks last year")
    reply = claim("orders per customer at our kiosks were far higher than the figures alleged")
    verdict = judge(report, reply, similarity=0.5)
    assert (verdict.label, verdict.type) == ("contradicts", "denial")


def test_one_verb_in_two_tenses_is_shared_matter() -> None:
    report = claim("In our view, the harbour board did not answer all of our questions", "denied")
    reply = claim("We have already answered each of their loaded questions")
    assert shared_words(report, reply) == ["answer", "question"]
    verdict = judge(report, reply, similarity=0.35)
    assert (verdict.label, verdict.type) == ("contradicts", "negation")
    # in the first claim's form; a final "s" that ends no plural keeps its word
    assert shared_words(claim("it addressed the loan terms"), claim("the address of the loan")) == [
        "addressed",
        "loan",
    ]


def test_raising_spending_in_other_words_is_one_predicate() -> None:
    report = claim("Halden increased its monthly online ad spending sharply over the year")
    reply = claim('It is inaccurate to say that "Halden has ramped up" its digital advertising')
    assert shared_words(report, reply) == ["halden", "~advertise", "~increase"]
    verdict = judge(report, reply, similarity=0.55)
    assert (verdict.label, verdict.type) == ("contradicts", "denial")


@pytest.mark.parametrize(
    ("word", "kept"),
    [("address", "address"), ("status", "status"), ("analysis", "analysis"), ("news", "news")],
)
def test_a_final_s_that_is_no_plural_stays(word: str, kept: str) -> None:
    from pipeline.contradict.features import stem

    assert stem(word) == kept


def test_one_predicate_in_other_words_makes_a_topic_from_a_low_cosine() -> None:
    report = claim("Bent on growth, the two founders sought to conceal the warnings from the board")
    reply = claim(
        "To suggest that we wanted to hide what we knew, or that we slowed the review, is simply"
        " untrue"
    )
    assert "~hide" in shared_words(report, reply)
    verdict = judge(report, reply, similarity=0.35)
    assert (verdict.label, verdict.type) == ("contradicts", "denial")
    # "misleading" as a verdict on a story is no deceiving the other side speaks of
    story = claim("The Courier's misleading story has done great harm to our reputation")
    scheme = claim("Halden designed its structure to deceive the regulators of three states")
    assert judge(scheme, story, similarity=0.35).label == "unrelated"


def test_a_hyphenated_compound_shares_its_words() -> None:
    assert {"black", "market"} <= content_words("its black-market dealings")
    assert "non" not in content_words("non-cash recoveries")  # a prefix, no word
    assert content_words("a 13-hour outage") == {"hour", "outage"}


def test_each_piece_of_a_split_quote_is_a_sentence_of_its_own() -> None:
    """“They are not selling jars to grocers,” she said. “They are selling jars to
    collectors”: the two pieces join with no full stop between them, yet each is a sentence."""
    first, second = "They are not selling jars to grocers", "They are selling jars to collectors"
    split = Claim(
        "direct",
        Span(first + "," + second, 0, 60),
        Span(first + "," + second, 0, 60),
        polarity="denied",
        parts=(Span(first, 0, len(first)), Span(second, 45, 45 + len(second))),
    )
    verdict = judge(split, claim("Meridian does not sell jars to collectors", "denied"), 0.45)
    assert (verdict.label, verdict.type) == ("contradicts", "negation")


def test_a_short_act_a_side_denies_meets_the_act_in_other_words() -> None:
    """ "Vantor denies | breaking the law" against "some Vantor managers broke the rules": one
    act in two wordings is the point; a denied noun phrase with one shared word is not."""
    broke = claim("some Vantor managers broke the rules at the plant")
    verdict = judge(claim("breaking the law", "denied"), broke, 0.34)
    assert (verdict.label, verdict.type) == ("contradicts", "negation")
    assert judge(
        claim("the quality of the jars", "denied"), claim("the jars leaked"), 0.34
    ).label != ("contradicts")
    # a longer denied clause needs two shared words, as any negation does
    long_denial = claim("breaking the law on purpose for years in every region", "denied")
    assert judge(long_denial, broke, 0.34).label != "contradicts"
