"""Opposite evaluations of one matter ("struggled" against "proven"): a table in the project's
own words, and the rule verdict on a pair that shares its subject and nothing else."""

from __future__ import annotations

import pytest

from pipeline.contradict.evaluations import evaluation, evaluation_conflict
from pipeline.contradict.rules import judge
from pipeline.records import Claim, Polarity, Span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the mill failed to turn its new process into working product", "condemns"),
        ("the recordings were copied without the callers' consent", "condemns"),
        ("a pattern of forged invoices across the region", "condemns"),
        ("the audit found no evidence of misconduct by the manager", "vindicates"),
        ("its process is proven in the field and validated by inspectors", "vindicates"),
        ("the recordings were obtained lawfully and properly", "vindicates"),
        ("the sensors were not properly calibrated", "condemns"),
        ("no material findings as to the conduct of the plant's manager", "vindicates"),
        ("the review had no findings of corruption at the depot", "vindicates"),
        ("the store ranks results by relevance and does not favour its own brands", "vindicates"),
        ("the store rigged its results to favour its own brands", "condemns"),
        ("Halden stands behind the safety of every pump it ships", "vindicates"),
        ("the inspectors no longer stand behind the plant's seal tests", "condemns"),
        ("our pumps meet the strictest international safety standards", "vindicates"),
        ("the seals do not meet the requirements for medical equipment", "condemns"),
        ("several inspectors were leery about the gauges' accuracy", "condemns"),
        ("the buyers were doubtful that the seals would hold", "condemns"),
        ("it is untrue that the audit ever found misconduct at the depot", "vindicates"),
        ("the supplier has passed the due diligence of three partners", "vindicates"),
        ("the partners did no due diligence before signing", "condemns"),
        ("a lack of due diligence by the lenders", "condemns"),
        ("insufficient compliance checks at the depot", "condemns"),
        ("the kiln's smoke exceeded the permit limit on twelve days", "condemns"),
        # a test passed or failed, a product whole
        ("every batch of the syrup passed the mill's purity tests", "vindicates"),
        ("the jars did not pass the lead checks", "condemns"),
        ("three brands of the syrup failed the purity test", "condemns"),
        ("our syrup is 100 per cent pure, with nothing added", "vindicates"),
        ("the plant's pass rate was 90 per cent", None),
        # a quotation mark between the negation and its word
        ("the mill says it hasn’t “misled anyone” about its depots", "vindicates"),
        ("the mill gains an unfair advantage from its rivals' order data", "condemns"),
        ("a network of scammy resellers", "condemns"),
        ("nitrate at six times the legal limit in the well", "condemns"),
        ("every reading stayed within the limits of the discharge permit", "vindicates"),
        ("the depot ran below the noise threshold all year", "vindicates"),
        ("the refunds were cancelled with no explanation", "condemns"),
        ("two deaths were recorded without any investigation", "condemns"),
        ("the new ferry is possibly years behind schedule", "condemns"),
        ("the ferry is nowhere close to entering service", "condemns"),
        ("the ferry remains on track to enter service in June", "vindicates"),
        ("sales exceeded the standard forecast", None),  # passing a forecast is no offence
        ("our vans meet and exceed all emission standards", "vindicates"),
        ("there is little doubt that the plant will close", None),
        ("the plant reopened in May", None),
        # financial crime, and the fight against it
        ("the depot was used for systematic money laundering for a decade", "condemns"),
        ("the clerk bribed two port inspectors", "condemns"),
        ("the mill has complied with all anti-money laundering rules", "vindicates"),
        ("the bank runs strict anti-fraud controls", None),
        ("the lender is harming its smallest customers", "condemns"),
        ("every claim we make about the seals is backed by independent testing", "vindicates"),
        ("the chain was fabricating its store sales from the second quarter", "condemns"),
        ("the mill overstated its timber holdings by a third", "condemns"),
        ("the chain rehired two managers from the billing scandal", "condemns"),
        ("its 'free' plan still confuses customers into paying", "condemns"),
        (
            "the merger was booked in accordance with international accounting standards",
            "vindicates",
        ),
        ("the mill has always worked within the boundaries of the law", "vindicates"),
        ("the levies the depot paid were within Dutch and Belgian laws", "vindicates"),
        ("the depot reopened within days of the law taking effect", None),
        ("the word 'free' in our adverts is not misleading", "vindicates"),
        ("the sales figures in our filings are real and authentic", "vindicates"),
        ("the committee verified the book value of the timber", "vindicates"),
        ("the mill's timber sales through its agent were verifiable", "vindicates"),
        ("the mill's bank balances are unlikely to be real", "condemns"),
        ("the real problem is the kiln", None),
        ("the mill runs on weak technology", "condemns"),
        ("a proven plant with best-in-class kilns", "vindicates"),
        ("the mill has a solid cash balance", "vindicates"),
        ("its solid-state kilns run without gas", None),
        ("we take a conservative policy when booking revenue", "vindicates"),
        ("a chilling effect on conservative papers", None),
        ("our fund values its holdings with standard industry valuation methods", "vindicates"),
        ("rehiring them was the product of reasonable business judgement", "vindicates"),
        ("the fraud team found the process robust", None),  # both: no clear side
        ("the board's own review of the books lacks objectivity", "condemns"),
        ("an objective look at every store's accounts", "vindicates"),
        ("the mill's timber sales produce sustainable growth", "vindicates"),
        ("the committee did not identify any accounting errors in the filings", "vindicates"),
        ("the auditors never found evidence of double billing", "vindicates"),
        ("the chain has commenced an independent review of its stores", None),  # no result yet
        ("Harrow Brothers Flout Law With Secret Barge Sales", "condemns"),
        ("no rules were broken at the depot", "vindicates"),
        ("the depot's window was broken", None),
        ("the mill's inconsistent labelling leaves buyers in the dark", "condemns"),
        ("these offers are clearly labelled as sponsored", "vindicates"),
        ("the mill fully disclosed the loans to its sister firm", "vindicates"),
        ("the slurry held potentially lethal solvents", "condemns"),
        ("the slurry was never dangerous to the villagers", "vindicates"),
        ("opaque and confusing disclosures about the loans", "condemns"),
        ("the mill cooperated fully with the inquiry, with full transparency", "vindicates"),
        ("the mill has shown complete transparency towards the inspectors", "vindicates"),
        ("the controlled flaring of the tanks was unnecessary", "condemns"),
        ("flaring was the only way to prevent an explosion at the depot", "vindicates"),
        ("the mill had no other choice but to close the line", "vindicates"),
        ("the readings were inconsistent with the model", None),
        ("the new rowing machine poses serious risks to small children", "condemns"),
        ("the slurry posed a grave threat to the villagers", "condemns"),
        ("the mill poses a question to its buyers", None),
        ("the pumps present an unreasonable risk to patients", "condemns"),
        ("the mill presented a risk assessment to the council", None),
        ("the pumps caused lasting harm to patients", "condemns"),
        ("tests show the pumps are unlikely to cause appreciable harm", "vindicates"),
        ("the depot was plagued by shoddy repairs", "condemns"),
        ("its vans had defective brakes", "condemns"),
        ("the relaxed rules at the depot", None),  # no "lax" in "relaxed"
        ("the depot turns out the highest levels of quality in its history", "vindicates"),
        ("the mill's margins are fully supported by its audited accounts", "vindicates"),
    ],
)
def test_evaluation(text: str, expected: str | None) -> None:
    assert evaluation(text) == expected


def test_opposite_evaluations_need_a_shared_matter() -> None:
    bad = "Halden struggled to make its filter technology work outside the lab"
    good = "Halden's filter technology is proven in the field"
    names = frozenset({"halden"})
    assert evaluation_conflict(bad, good, names, 0.4) is not None
    assert evaluation_conflict(bad, "Halden's staff are reliable", names, 0.4) is None
    # the party's name is not a matter, unless the two are close
    assert evaluation_conflict("Halden failed", "Halden complied", names, 0.4) is None
    assert evaluation_conflict("Halden failed", "Halden complied", names, 0.6) is not None
    assert evaluation_conflict("Halden failed", "Halden complied", names, 0.45) is not None
    # one matter in two forms of a word: "accuracy" and "accurate"
    assert (
        evaluation_conflict(
            "several inspectors were leery about the gauges' accuracy",
            "Halden's gauges have proven accurate in every test",
            names,
            0.25,
        )
        is not None
    )
    # two denials of one harm: a negation far from "failure" does not make it a vindication
    assert (
        evaluation_conflict(
            "no door was ever opened without its owner's permission during the outage",
            "At no point did the failure cause any door to open by itself",
            names,
            0.6,
        )
        is None
    )


def test_a_claim_that_concedes_one_thing_and_holds_another_is_read_by_its_clauses() -> None:
    """ "He got the records legitimately, he then broke our rules" both vindicates and condemns:
    its clause that vindicates meets the other side's condemnation on the matter they share."""
    names = frozenset({"halden"})
    mixed = (
        "the clerk obtained the tenants' records properly and through the proper channels,"
        " he did not then abide by our rules"
    )
    assert evaluation(mixed) is None
    taken = "Halden used the tenants' records without permission to set rents"
    assert evaluation_conflict(taken, mixed, names, 0.3) is not None
    # a clause needs a word of the other's matter: cosine alone does not do for a clause
    assert evaluation_conflict("Halden failed its inspections", mixed, names, 0.5) is None


def test_rules_call_opposite_evaluations_a_contradiction() -> None:
    def claim(text: str) -> Claim:
        span = Span(text, 0, len(text))
        return Claim(kind="asserted", content=span, sentence=span, entities=("Halden",))

    verdict = judge(
        claim("Halden struggled to make its filter technology work outside the lab"),
        claim("Halden's filter technology is proven in the field"),
        similarity=0.62,
    )
    assert (verdict.label, verdict.type) == ("contradicts", "other")
    assert "opposite evaluations" in verdict.reason


def test_a_denial_by_its_cue_judges_the_other_way() -> None:
    """ "Halden denied that | the slurry was dangerous" vindicates the slurry, against "it held
    potentially lethal solvents"; "rejected | the account as misleading" judges the account, as its
    words say."""

    def claim(text: str, cue: str | None = None) -> Claim:
        span = Span(text, 0, len(text))
        said = Span(cue, 0, len(cue)) if cue else None
        polarity: Polarity = "denied" if cue else "asserted"
        return Claim(kind="indirect", content=span, sentence=span, cue=said, polarity=polarity)

    report = claim("the slurry from the barge held potentially lethal solvents")
    denial = claim("that the slurry was dangerous to the villagers", "denied")
    verdict = judge(report, denial, similarity=0.55)
    assert (verdict.label, verdict.type) == ("contradicts", "other")
    called = claim("the newspaper's account as misleading", "rejected")
    assert judge(report, called, similarity=0.55).label != "contradicts"
