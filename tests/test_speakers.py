"""Speaker resolution: a claim's party is its speaker's side, not the document's."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pipeline.nlp.analyse import analyse_texts
from pipeline.nlp.attribute import attribute_claims
from pipeline.nlp.speakers import match_party, resolve_speakers
from pipeline.records import Case, Claim, Document, Entity, Party, Polarity, Source, Span

CASE = Case(
    id="c",
    title="t",
    parties=(
        Party("paper", "The Daily Example", ("the paper", "the Example")),
        Party("acme", "Acme Cloud", ("Acme", "the company", "Jo Doe")),
        Party("wire", "Newswire", (), neutral=True),
    ),
    sources=(),
)
# the same case with one source of the report side's: the paper is the report's outlet
REPORTED = replace(CASE, sources=(Source("s1", "c", "https://example.com/s", "paper", "report"),))


def _claim(start: int, speaker: str | None) -> Claim:
    content = Span("x", start, start + 1)
    return Claim(
        kind="indirect" if speaker else "asserted",
        content=content,
        sentence=content,
        speaker=None if speaker is None else Span(speaker, 0, len(speaker)),
    )


def _resolved(nlp: Any, text: str, case: Case, page: str) -> list[Claim]:
    """The claims of `text`, on a page of party `page`, with their speakers resolved."""
    (analysis,) = analyse_texts(nlp, [text])
    return resolve_speakers(analysis.claims, case, page, analysis.entities, text)


def _speaker_parties(nlp: Any, text: str, case: Case, page: str) -> list[tuple[str, str | None]]:
    """Each speaker of `text`, on a page of party `page`, as written, with its party."""
    resolved = _resolved(nlp, text, case, page)
    return [(c.speaker.text, c.party) for c in resolved if c.speaker is not None]


def _parties_in_coverage(nlp: Any, text: str) -> dict[str, str | None]:
    """The party of each claim of `text`, by its words, on a neutral page of the case with a
    report source."""
    (analysis,) = analyse_texts(nlp, [text])
    return {c.text: c.party for c in attribute_claims(analysis, REPORTED, "wire", _document(text))}


def _document(text: str) -> Document:
    return Document(
        document_id="d1",
        source_id="s1",
        case_id="c",
        url="file:///page.txt",
        text=text,
        content_hash="h",
        title=None,
        site_name=None,
        author=None,
        published=None,
        language="en",
        fetched_at="2026-12-02T00:00:00Z",
    )


def test_party_follows_the_speaker() -> None:
    claims = [
        _claim(0, None),  # own voice
        _claim(10, "Jo Doe, a spokesperson for Acme"),
        _claim(20, "she"),  # the last named speaker
        _claim(30, "four people familiar with the matter"),  # anonymous: the document's side
        _claim(40, "the company"),
        _claim(50, "we"),
    ]
    resolved = resolve_speakers(claims, CASE, "paper")
    assert [(c.speaker_name, c.party) for c in resolved] == [
        ("The Daily Example", "paper"),
        ("Jo Doe", "acme"),
        ("Jo Doe", "acme"),
        ("four people familiar with the matter", "paper"),
        ("Acme Cloud", "acme"),
        ("The Daily Example", "paper"),
    ]


def test_coverage_quoting_both_sides() -> None:
    claims = [_claim(0, "the Example"), _claim(5, "Acme"), _claim(9, None)]
    resolved = resolve_speakers(claims, CASE, "wire")
    assert [c.party for c in resolved] == ["paper", "acme", "wire"]


def test_the_agent_of_a_passive_speaks_not_a_modifier() -> None:
    claims = [_claim(0, "internal Acme files seen by the Example"), _claim(5, "Acme's blog post")]
    resolved = resolve_speakers(claims, CASE, "wire")
    assert [c.party for c in resolved] == ["paper", "acme"]


def test_modifiers_evidence_and_the_addressee() -> None:
    claims = [
        _claim(0, "one Acme employee"),  # Acme is what the employee is of, not its voice
        _claim(5, "Acme's lawyers"),
        _claim(9, "they"),  # "they show that ...": the documents the page cites
        _claim(12, "you"),  # the addressee of the paper's letter: the other side
        _claim(15, "two of the senior Acme insiders"),
    ]
    claims[2] = replace(claims[2], cue=Span("show", 0, 4))
    resolved = resolve_speakers(claims, CASE, "paper")
    assert [c.party for c in resolved] == ["paper", "acme", "paper", "acme", "paper"]


def test_a_modifier_stays_a_modifier_when_the_speaker_is_resolved_to_its_name() -> None:
    # `names` may resolve "one Acme employee" to the entity it mentions, "Acme Cloud"
    employee = replace(_claim(0, "one Acme employee"), speaker_name="Acme Cloud")
    (resolved,) = resolve_speakers([employee], CASE, "wire")
    assert resolved.party == "wire"


def test_a_name_that_ends_in_a_staff_noun_is_the_name() -> None:
    # "Insider" ends the outlet's own name: not an insider of something called "Market"
    case = replace(CASE, parties=(Party("mi", "Market Insider", ("Insider",)), *CASE.parties[1:]))
    claims = [
        _claim(0, "Market Insider"),
        _claim(5, "Insider"),
        _claim(9, "one Market Insider employee"),  # still a modifier
        _claim(12, "two Acme insiders"),
    ]
    resolved = resolve_speakers(claims, case, "wire")
    assert [c.party for c in resolved] == ["mi", "mi", "wire", "wire"]


def test_the_reader_invited_to_read_says_nothing() -> None:
    # "You can read the full response below:" on Acme's page: the quote is the page's, not the
    # other side's as "you" in a letter would be
    reader = replace(_claim(0, "You"), cue=Span("read the full response below", 8, 36))
    (resolved,) = resolve_speakers([reader], CASE, "acme")
    assert (resolved.speaker_name, resolved.party) == ("Acme Cloud", "acme")


def test_a_page_speaks_for_the_party_it_says_it_is() -> None:
    from pipeline.nlp.speakers import page_party

    case = replace(
        CASE,
        parties=(
            replace(CASE.parties[0], domains=("example.news",)),
            replace(CASE.parties[1], domains=("acme.example",)),
            CASE.parties[2],
        ),
    )
    # a news page declared as the company's rebuttal still speaks for the news site
    assert page_party(case, "acme", "https://www.example.news/acme-replies", None) == "paper"
    assert page_party(case, "wire", "https://blog.acme.example/post", None) == "acme"
    # no domain matches: the site name decides, else the declared party
    assert page_party(case, "wire", "https://mirror.test/p", "Acme Newsroom") == "acme"
    assert page_party(case, "wire", "https://mirror.test/p", "Some Blog") == "wire"
    assert page_party(case, "paper", "/home/me/texts/page.txt", None) == "paper"
    # a host that merely ends in the same letters is another site
    assert page_party(case, "wire", "https://notacme.example/p", None) == "wire"


def test_coverage_goes_on_telling_the_account_a_side_reported() -> None:
    """ "The Example reports that A. B." in a coverage page: B goes on with the Example's account;
    a sentence after a paragraph break, or after what a side only *said*, is the page's own."""
    text = (
        "The Example reports that the console failed twice. Engineers restarted it by hand.\n\n"
        "The outage was the third this year. Acme said it was brief. Users saw errors."
    )

    def at(words: str, speaker: str | None = None, cue: str | None = None) -> Claim:
        start = text.index(words)
        sentence_end = text.index(".", start) + 1
        sentence_start = text.rfind(". ", 0, start)
        sentence_start = 0 if sentence_start < 0 else sentence_start + 2
        if "\n" in text[sentence_start:start]:
            sentence_start = text.rindex("\n", 0, start) + 1
        return Claim(
            kind="indirect" if speaker else "asserted",
            content=Span(words, start, start + len(words)),
            sentence=Span(text[sentence_start:sentence_end], sentence_start, sentence_end),
            speaker=None if speaker is None else Span(speaker, 0, len(speaker)),
            cue=None if cue is None else Span(cue, 0, len(cue)),
        )

    claims = [
        at("the console failed twice", "The Example", "reports"),
        at("Engineers restarted it by hand"),
        at("The outage was the third this year"),
        at("it was brief", "Acme", "said"),
        at("Users saw errors"),
    ]
    resolved = resolve_speakers(claims, CASE, "wire", text=text)
    assert [c.party for c in resolved] == ["paper", "paper", "wire", "acme", "wire"]


def test_an_account_a_denial_relays_is_never_the_deniers() -> None:
    """ "Acme rejected a newspaper report that Y": Y is the other side's (the report's words
    name no side); "the Example's report that Y": the Example's; with two other sides and no
    name, nobody's (the account is dropped)."""

    def pair(speaker: str, start: int) -> list[Claim]:
        content = Span("y", start, start + 1)
        sentence = Span("s", start - 5, start + 5)
        denial = Claim(
            kind="indirect",
            content=content,
            sentence=sentence,
            speaker=Span("Acme", 0, 4),
            polarity="denied",
        )
        account = Claim(
            kind="account", content=content, sentence=sentence, speaker=Span(speaker, 0, 9)
        )
        return [denial, account]

    resolved = resolve_speakers(
        [*pair("a newspaper report", 10), *pair("the Example's report", 30)], CASE, "wire"
    )
    assert [(c.kind, c.party) for c in resolved] == [
        ("indirect", "acme"),
        ("account", "paper"),
        ("indirect", "acme"),
        ("account", "paper"),
    ]
    three = replace(CASE, parties=(*CASE.parties, Party("rival", "Rival Co")))
    resolved = resolve_speakers(pair("a newspaper report", 10), three, "wire")
    assert [c.kind for c in resolved] == ["indirect"]


def test_a_denier_no_party_names_takes_the_side_against_the_account_it_denies() -> None:
    """On a coverage page, "Northfield chief executive Arun Patel rejected the Example's
    allegation that Y" is the company side's denial, and "Patel said" after it is the company
    side's too; a named side denying stays that side, and a bystander who denies nothing stays
    the page's."""
    sentence = Span("s", 0, 100)
    content = Span("y", 90, 91)
    denial = Claim(
        kind="indirect",
        content=content,
        sentence=sentence,
        speaker=Span("Northfield chief executive Arun Patel", 0, 37),
        polarity="denied",
    )
    account = Claim(
        kind="account",
        content=content,
        sentence=sentence,
        speaker=Span("the Example's allegation", 50, 74),
    )
    later = Claim(
        kind="indirect",
        content=Span("z", 130, 131),
        sentence=Span("t", 110, 140),
        speaker=Span("Patel", 110, 115),
    )
    bystander = Claim(
        kind="indirect",
        content=Span("w", 170, 171),
        sentence=Span("u", 150, 180),
        speaker=Span("Mara Lind", 150, 159),
    )
    resolved = resolve_speakers([denial, account, later, bystander], CASE, "wire")
    assert [c.party for c in resolved] == ["acme", "paper", "acme", "wire"]
    named = replace(denial, speaker=Span("Jo Doe", 0, 6))
    assert [c.party for c in resolve_speakers([named, account], CASE, "wire")] == [
        "acme",
        "paper",
    ]


def test_a_person_named_after_a_side_s_role_speaks_for_that_side_when_named_again() -> None:
    """ "Acme's head of safety, Ilse Marsh, said" and "Acme chief technology officer Jo Lind
    said": "Marsh said" and "Lind said" later are Acme's too."""
    phrases = ["Acme's head of safety, Ilse Marsh", "Acme chief technology officer Jo Lind"]
    claims = [_claim(n, p) for n, p in enumerate([*phrases, "Marsh", "Lind"])]
    resolved = resolve_speakers(claims, CASE, "wire")
    assert [c.party for c in resolved] == ["acme"] * 4


def test_an_account_no_denial_relays_is_the_report_side_s_or_the_relayer_s_opponent(
    nlp: Any,
) -> None:
    """ "A central accusation is that Y", quoted from the company: Y is the report side's;
    "Among the findings were that Y" on a coverage page: the report side's too."""
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    text = (
        '"A central accusation is that a large part of the reported cash is not there," said '
        'Acme in a statement. "That is plainly wrong."\n\n'
        "Among the findings were that some Acme managers could read the data of sellers."
    )
    (analysis,) = analyse_texts(nlp, [text])
    resolved = resolve_speakers(analysis.claims, case, "wire", analysis.entities, text)
    got = [(c.kind, c.party, c.text[:22]) for c in resolved]
    assert ("account", "paper", "that a large part of t") in got
    assert ("account", "paper", "that some Acme manager") in got
    assert ("direct", "acme", "A central accusation i") in got


def test_papers_a_report_obtained_speak_for_the_side_that_reported_them() -> None:
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    rebuttal = Source("s2", "c", "https://acme.example/blog", "acme", "rebuttal")
    case = replace(CASE, sources=(report, rebuttal))
    claims = [
        _claim(0, "A trove of internal Acme documents"),  # the paper's evidence, not Acme's voice
        _claim(5, "a review of hundreds of pages of Acme emails"),
        _claim(9, "Internal documents"),
        _claim(12, "Acme's own files"),  # a party's own papers stay its own
        _claim(15, "emails seen by the Example"),  # the agent speaks
        _claim(18, "One internal review"),  # a company's own study, leaked
        _claim(21, "documents from Acme’s servers"),  # where they came from, not who speaks
        _claim(24, "The newly leaked e-mails"),  # "e-mails" are emails
    ]
    for page in ("wire", "acme"):  # coverage, and a page declared as the company's
        resolved = resolve_speakers(claims, case, page)
        assert [c.party for c in resolved] == [
            "paper",
            "paper",
            "paper",
            "acme",
            "paper",
            "paper",
            "paper",
            "paper",
        ], page
    # with no report source declared, the papers are the page's own, as before
    assert [c.party for c in resolve_speakers(claims[2:3], CASE, "wire")] == ["wire"]


def test_it_speaks_for_the_last_side_named() -> None:
    for named, party in (("Acme", "acme"), ("the Example", "paper")):
        resolved = resolve_speakers([_claim(0, named), _claim(5, "it")], CASE, "wire")
        assert [c.party for c in resolved] == [party, party]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Acme maintains that its pumps never leaked, and its engineers say the seals were "
            "replaced in May.",
            "acme",
        ),
        (
            "The Example said the story was accurate. Its lawyers say every quote was checked.",
            "paper",
        ),
    ],
)
def test_a_side_s_people_named_by_a_pronoun_speak_for_the_side_that_spoke(
    nlp: Any, text: str, party: str
) -> None:
    """ "its engineers", "their lawyers": the people of the side that spoke last, in the
    sentence or the one before, not the page's."""
    resolved = _resolved(nlp, text, REPORTED, "wire")
    assert [
        c.party for c in resolved if c.speaker and c.speaker.text.lower().startswith("its")
    ] == [party]


def test_unnamed_sources_are_the_page_s_whatever_they_go_on_to_name() -> None:
    claims = [_claim(0, "two people with knowledge of the Acme board"), _claim(5, "Jo Doe")]
    resolved = resolve_speakers(claims, CASE, "paper")
    assert [(c.speaker_name, c.party) for c in resolved] == [
        ("two people with knowledge of the Acme board", "paper"),
        ("Jo Doe", "acme"),
    ]


def test_a_side_s_claim_repeated_word_for_word_in_a_page_is_kept_once(nlp: Any) -> None:
    headline = "Acme Cloud denies the Example's report of a two-day outage"
    text = (
        f"{headline}\n\n{headline}\n\n"
        "The Example said the outage lasted two days. Acme said it lasted two hours.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    document = _document(text)
    claims = attribute_claims(analysis, CASE, "acme", document)
    texts = [c.text for c in claims]
    assert [c.text for c in analysis.claims].count("the Example's report of a two-day outage") == 2
    assert texts.count("the Example's report of a two-day outage") == 1, texts
    assert len(texts) == len(analysis.claims) - 1


def test_a_report_named_after_the_company_is_the_report_side_s() -> None:
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    claims = [
        _claim(0, "The Acme report"),
        _claim(5, "Acme's report"),
        _claim(9, "the Example report"),
        _claim(14, "The research into Acme, the region's largest cloud host"),
        _claim(20, "our review of Acme's accounts"),
    ]
    resolved = resolve_speakers(claims, case, "wire")
    assert [c.party for c in resolved] == ["paper", "acme", "paper", "paper", "acme"]


def test_a_claim_the_page_says_the_other_side_made_falsely_is_the_page_s_denial() -> None:
    """On Acme's page, "the Example has incorrectly claimed that the racks overheated" is Acme
    denying it; "the Example claimed" stays the Example's, and so does "falsely" on a coverage
    page, which takes no side."""
    text = (
        "The Example has incorrectly claimed that the racks overheated. "
        "The Example claimed that the racks overheated."
    )

    def claimed(sentence: str) -> Claim:
        start = text.index(sentence)
        span = Span(sentence, start, start + len(sentence))
        content = text.index("that the racks", start)
        return Claim(
            kind="indirect",
            content=Span("that the racks overheated", content, content + 25),
            sentence=span,
            speaker=Span("The Example", start, start + 11),
        )

    claims = [
        claimed("The Example has incorrectly claimed that the racks overheated."),
        claimed("The Example claimed that the racks overheated."),
    ]
    on_acme = resolve_speakers(claims, CASE, "acme", text=text)
    assert [(c.party, c.polarity) for c in on_acme] == [
        ("acme", "denied"),
        ("paper", "asserted"),
    ]
    on_wire = resolve_speakers(claims, CASE, "wire", text=text)
    assert [c.party for c in on_wire] == ["paper", "paper"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Example inaccurately claims that the racks overheated.", "The Example"),
        # a speaker whose words name no side (the page's, by default)
        (
            "A news report on Sept. 30 falsely claims that the racks overheated.",
            "A news report on Sept. 30",
        ),
    ],
)
def test_said_untruly_on_the_company_s_page_is_its_denial(text: str, speaker: str) -> None:
    """On Acme's page, "the Example inaccurately claims that the racks overheated" and "A news
    report on Sept. 30 falsely claims that ..." deny it."""
    content = text.index("that the racks")
    claim = Claim(
        kind="indirect",
        content=Span(text[content:-1], content, len(text) - 1),
        sentence=Span(text, 0, len(text)),
        speaker=Span(speaker, 0, len(speaker)),
    )
    (resolved,) = resolve_speakers([claim], CASE, "acme", text=text)
    assert (resolved.party, resolved.polarity) == ("acme", "denied")


def test_what_the_page_calls_false_in_the_next_sentence_is_its_denial(nlp: Any) -> None:
    """On Acme's page, "The Example's story implies that Y. This is false." and "The Example
    claims that Z, which is patently false" are Acme denying Y and Z; on a coverage page, the
    story's claim stays the Example's."""
    case = REPORTED
    text = (
        "The Example's story implies that the racks overheated in May. This is false. The racks"
        " were checked every week. The Example claims that the logs were lost, which is patently"
        " false."
    )
    (analysis,) = analyse_texts(nlp, [text])
    on_acme = resolve_speakers(analysis.claims, case, "acme", analysis.entities, text)
    said = [(c.party, c.polarity) for c in on_acme if c.speaker]
    assert said[0] == said[-1] == ("acme", "denied")
    on_wire = resolve_speakers(analysis.claims, case, "wire", analysis.entities, text)
    assert next(c.party for c in on_wire if c.speaker) == "paper"


def test_what_the_page_denies_in_the_next_sentence_is_its_denial(nlp: Any) -> None:
    """On Acme's page, "Recent coverage has asserted that Y. We categorically deny this
    allegation." is Acme denying Y, as "That claim is false." after it is: the speaker is no side
    and the claim would otherwise be Acme asserting Y."""
    text = (
        "Recent press coverage has asserted that the racks overheated in May. We categorically"
        " deny this allegation. Some reports said that the logs were lost. That claim is false."
    )
    (analysis,) = analyse_texts(nlp, [text])
    on_acme = resolve_speakers(analysis.claims, REPORTED, "acme", analysis.entities, text)
    relayed = [(c.party, c.polarity) for c in on_acme if c.speaker and c.speaker.text != "We"]
    assert relayed == [("acme", "denied"), ("acme", "denied")]


def test_people_who_told_the_report_side_are_its_sources(nlp: Any) -> None:
    """On a coverage page, "several customers told the paper that Y", "people familiar with the
    matter told the paper", "the authorities in Rotterdam confirmed to the paper": the report
    side's sources; not a named speaker, nor people who told the company or no one."""
    text = (
        "The Example reported on the racks. Several customers told the paper that the racks"
        " overheated. Ana Ruiz, an analyst, told the Example that the racks were new. The"
        " installer told Acme that the racks were checked. Unnamed sources within Acme told the"
        " Example the racks were rebuilt to hide flaws. Multiple current and former Acme"
        " employees told the paper that Acme spent less time vetting suppliers than its rivals."
        " An Acme spokesperson told the paper that the suppliers were vetted."
        " People familiar with the matter told the Example that the fans were cheap, adding"
        " that the racks were old."
        " The port authorities in Rotterdam confirmed to the Example that Acme still holds the"
        " permits. The regulator confirmed that the permits were renewed. “Our findings support"
        " that there is rust in the racks,” a chemist at Harbour Labs told the Example."
        " “The fans were loose,” one source told the Example. “They rattled all day.”"
    )
    (analysis,) = analyse_texts(nlp, [text])
    on_wire = resolve_speakers(analysis.claims, REPORTED, "wire", analysis.entities, text)
    told = [(c.speaker.text, c.party) for c in on_wire if c.speaker]
    assert told == [
        ("Several customers", "paper"),
        ("Ana Ruiz, an analyst", "wire"),
        ("The installer", "wire"),
        ("Unnamed sources within Acme", "paper"),
        ("Multiple current and former Acme employees", "paper"),
        ("An Acme spokesperson", "acme"),
        ("People familiar with the matter", "paper"),
        ("People familiar with the matter", "paper"),  # "adding that ...": the same people
        ("The port authorities in Rotterdam", "paper"),
        ("The regulator", "wire"),
        ("a chemist at Harbour Labs", "paper"),  # the quote first
        ("one source", "paper"),  # a quote split by its cue
    ]


def test_the_report_side_named_by_what_it_is_speaks_for_that_side() -> None:
    """On a coverage page: "today's short seller report says", "the researchers alleged" and
    "the short seller said" are the report side's; "the seller said" is no one's side."""
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    phrases = [
        "Today's short seller report",
        "Monday's report",
        "The researchers",
        "the short seller",
        "the short-selling firm",
        "the US short-seller",  # where it is based modifies what it is
        "the New York-based activist short seller",
        "the seller",
        "the report's authors",
    ]
    resolved = resolve_speakers([_claim(n, p) for n, p in enumerate(phrases)], case, "wire")
    assert [c.party for c in resolved] == ["paper"] * 7 + ["wire"] * 2
    # "the research firm" that names resolved to the company last named is still the report's
    firm = replace(_claim(0, "The research firm"), speaker_name="Acme Cloud")
    assert [c.party for c in resolve_speakers([firm], case, "wire")] == ["paper"]


def test_the_outlet_named_by_what_it_is_speaks_for_the_report_side() -> None:
    """ "The newspapers said", "the website reported" and "the documentary alleged", where no
    name of a party resolves them, are the report side's; "the seller" stays no one's."""
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    phrases = ["the newspapers", "The website", "the news outlet", "The documentary", "the seller"]
    resolved = resolve_speakers([_claim(n, p) for n, p in enumerate(phrases)], case, "wire")
    assert [c.party for c in resolved] == ["paper"] * 4 + ["wire"]


def test_the_company_named_by_what_it_is_speaks_for_the_company_side() -> None:
    """ "The beauty company said", "the Oslo-based retailer said" and "the streaming service
    disputed", where no name of a party resolves them (or names resolved them to a company the
    page only mentioned), are the company side's; "the firm" and "the group" may be a short
    seller or a watchdog, and with no page to tell which stay no one's (a page that never calls
    the report's side a firm: `test_the_firm_resolved_to_an_outlet_never_called_a_firm_...`)."""
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    phrases = [
        "The beauty company",
        "the Oslo, Norway-based retailer",
        "The streaming service",
        "the drugmaker",
        "the firm",
        "the group",
    ]
    claims = [_claim(n, p) for n, p in enumerate(phrases)]
    claims[0] = replace(claims[0], speaker_name="Lumen Cosmetics")  # a rival the page mentions
    resolved = resolve_speakers(claims, case, "wire")
    assert [c.party for c in resolved] == ["acme"] * 4 + ["wire"] * 2


def test_a_neutral_voice_saying_a_side_stands_by_its_report_gives_that_side_the_claim() -> None:
    """ "But the Example stands fully behind its reporting", quoted from someone the seeds do not
    name, or in a coverage page's own voice, is the Example's stand-by; "the Example reported a
    leak" is not."""

    def said(start: int, text: str, speaker: str | None) -> Claim:
        span = Span(text, start, start + len(text))
        return Claim(
            kind="indirect" if speaker else "asserted",
            content=span,
            sentence=span,
            speaker=None if speaker is None else Span(speaker, 0, len(speaker)),
        )

    claims = [
        said(0, "We cannot comment. But the Example stands fully behind its reporting", "Ann Lee"),
        said(80, "The Example has now stood by its original opinion", None),
        said(140, "The Example reported a leak at the plant", None),
        said(200, "In a tweet, the publication reaffirmed the accuracy of its report", None),
        said(280, "But the Example is standing by its story", None),
        said(
            330,
            "The Example, however, is not backing down and remains standing by the report",
            None,
        ),
    ]
    # "the publication" names no party: it is the side whose report the case is about
    case = REPORTED
    assert [c.party for c in resolve_speakers(claims, case, "wire")] == [
        "paper",
        "paper",
        "wire",
        "paper",
        "paper",
        "paper",
    ]
    # in the own voice of a page declared for the company, too
    assert [c.party for c in resolve_speakers(claims[1:3], case, "acme")] == ["paper", "acme"]


def test_a_neutral_voice_telling_what_a_side_found_gives_that_side_the_claim() -> None:
    """ "Through its research, the Example found four kinds of fake accounts", "The Example's
    report uncovered proof that ..." and "Acme reviewed the logs that showed ..." in a coverage
    page's own voice are the finding side's claims; "Acme has found itself in the spotlight"
    and what the page says of a side's acts ("Acme closed the plant") stay the page's."""

    def told(start: int, text: str) -> Claim:
        span = Span(text, start, start + len(text))
        return Claim(kind="asserted", content=span, sentence=span)

    claims = [
        told(0, "Through its research, the Example found four kinds of fake accounts"),
        told(80, "Acme reviewed the logs that showed no data left the plant"),
        told(160, "Acme has found itself in the spotlight again"),
        told(220, "Acme closed the plant in May"),
        told(260, "The Example's report uncovered proof that the backups had failed"),
    ]
    resolved = resolve_speakers(claims, CASE, "wire")
    assert [c.party for c in resolved] == ["paper", "acme", "wire", "wire", "paper"]


def test_unnamed_sources_on_a_coverage_page_that_names_the_report_side_are_its_sources() -> None:
    """ "Sources said", "several former employees said", "workers claimed", "recordings suggested"
    and "the employee claims" on a coverage page that has named the report's side are the
    report's sources; before that side is named, and for "executives said" and "an employee
    said", they stay the page's."""
    text = (
        "Sources said the plant was idle. The Example reported a leak on Monday. Two sources "
        "said the valves failed. Several former employees said the logs were edited. "
        "Executives said the plant was safe. The former curator said the list was fixed. "
        "The employee claims the seals were reused. An employee said the seals were new. "
        "Workers also claimed their pay was docked. Recordings suggested crates were relabelled."
    )

    def heard(sentence: str, speaker: str) -> Claim:
        start = text.index(sentence)
        span = Span(sentence, start, start + len(sentence))
        at = text.index(speaker, start)
        return Claim(
            kind="indirect",
            content=span,
            sentence=span,
            speaker=Span(speaker, at, at + len(speaker)),
        )

    claims = [
        heard("Sources said the plant was idle.", "Sources"),
        heard("Two sources said the valves failed.", "Two sources"),
        heard("Several former employees said the logs were edited.", "Several former employees"),
        heard("Executives said the plant was safe.", "Executives"),
        heard("The former curator said the list was fixed.", "The former curator"),
        # the one the report's account introduced, not just any employee
        heard("The employee claims the seals were reused.", "The employee"),
        heard("An employee said the seals were new.", "An employee"),
        heard("Workers also claimed their pay was docked.", "Workers"),
        heard("Recordings suggested crates were relabelled.", "Recordings"),
    ]
    case = REPORTED
    resolved = resolve_speakers(claims, case, "wire", text=text)
    assert [c.party for c in resolved] == [
        "wire",
        "paper",
        "paper",
        "wire",
        "paper",
        "paper",
        "wire",
        "paper",
        "paper",
    ]


def test_on_the_report_s_page_what_papers_show_is_the_report_s_reading() -> None:
    report = Source("s1", "c", "https://example.com/story", "paper", "report")
    case = replace(CASE, sources=(report,))
    estimates = replace(_claim(0, "Acme's newly reported estimates"), cue=Span("also show", 0, 9))
    said = replace(_claim(5, "Acme's statement"), cue=Span("said", 0, 4))
    assert [c.party for c in resolve_speakers([estimates, said], case, "paper")] == [
        "paper",
        "acme",
    ]
    # on another page, a party's own figures stay its own
    assert resolve_speakers([estimates], case, "wire")[0].party == "acme"
    # "records - including weekly injury logs from Acme's depots - that show ...": the relative
    # pronoun's antecedent is papers, whatever its aside names
    records = replace(
        _claim(9, "that"),
        cue=Span("show", 0, 4),
        speaker_name="records – including weekly injury logs from Acme’s depots",
    )
    assert resolve_speakers([records], case, "paper")[0].party == "paper"


def test_insiders_at_a_company_are_the_page_s_sources_not_its_voice() -> None:
    claims = [
        _claim(0, "Three senior insiders at Acme"),
        _claim(5, "two former employees of Acme Cloud"),
        _claim(9, "a spokesperson at Acme"),  # a spokesperson is the company's voice
        _claim(12, "a former Acme quality manager"),  # left the company: not its voice
        _claim(14, "Several former Acme “list curators,” as they were called"),
        _claim(16, "some consumers in Acme’s support forums"),  # its buyers, not its voice
    ]
    resolved = resolve_speakers(claims, CASE, "paper")
    assert [c.party for c in resolved] == ["paper", "paper", "acme", "paper", "paper", "paper"]


def test_what_was_alleged_in_the_programme_is_the_report_side_s() -> None:
    case = REPORTED
    text = "It was alleged in the programme that the pilots were tired."
    span = Span(text, 0, len(text))
    alleged = Claim("indirect", span, span)
    plain = Claim("asserted", Span("The pilots rested.", 0, 18), Span("The pilots rested.", 0, 18))
    assert [c.party for c in resolve_speakers([alleged, plain], case, "wire")] == ["paper", "wire"]


def test_the_person_after_a_person_familiar_with_the_matter_is_the_page_s_source() -> None:
    text = (
        "Acme Cloud was fined, according to a person familiar with the matter. The data went "
        "abroad, the person said."
    )

    def heard(start: int, speaker: str) -> Claim:
        at = text.index(speaker, start)
        span = Span(text[start:at], start, at)
        return Claim("indirect", span, span, speaker=Span(speaker, at, at + len(speaker)))

    claims = [heard(0, "a person familiar with the matter"), heard(70, "the person")]
    entities = [Entity("Acme Cloud", "ORG", 0, 10)]
    resolved = resolve_speakers(claims, CASE, "paper", entities, text)
    assert [(c.speaker_name, c.party) for c in resolved] == [
        ("a person familiar with the matter", "paper"),
        ("a person familiar with the matter", "paper"),
    ]


def test_the_chief_executive_is_the_company_s_whoever_was_named_last() -> None:
    case = replace(
        CASE,
        sources=(Source("s1", "c", "u", "paper", "report"),),
    )
    claims = [
        _claim(0, "The Daily Example"),
        _claim(5, "The CEO"),
        _claim(7, "the company’s Safety Team"),
        _claim(9, "the company's lawyers"),
        _claim(11, "the company's former engineers"),  # the report's sources, as a rule
        _claim(13, "the bank's board"),
        _claim(15, "A representative"),  # a spokesperson of no one named
        _claim(17, "Company"),  # a headline's: "Company insists Y"
        _claim(19, "The executive"),
        _claim(21, "the founder"),
        _claim(23, "the rep"),  # a representative, for short
    ]
    resolved = resolve_speakers(claims, case, "wire")
    assert [c.party for c in resolved] == [
        "paper",
        "acme",
        "acme",
        "acme",
        "wire",
        "acme",
        "acme",
        "acme",
        "acme",
        "acme",
        "acme",
    ]


def test_the_company_statement_and_the_show_speak_for_their_sides() -> None:
    """ "Y, the company statement said" is the company's where no alias says "the company";
    "The show claimed Y", on coverage, is the report's, a programme's as a report's."""
    parties = (
        Party("paper", "The Daily Example", ("the Example",)),
        Party("acme", "Acme Cloud", ("Acme",)),
        Party("wire", "Newswire", (), neutral=True),
    )
    case = replace(REPORTED, parties=parties)
    claims = [_claim(0, "the company statement"), _claim(5, "The show"), _claim(9, "the film")]
    assert [c.party for c in resolve_speakers(claims, case, "wire")] == ["acme", "paper", "paper"]


def test_we_after_a_side_spoke_without_quotation_marks_goes_on_with_that_side(nlp: Any) -> None:
    """Coverage that prints a spokesperson's words without quotation marks: the next sentence
    opening with "We" is still the spokesperson's; the page's own sentences stay its own."""
    text = (
        "Asked about the tests, the spokesperson said, We never cut corners on safety. We also"
        " ensure that our jars meet every national standard.\n\nWe meet national standards too."
    )
    parties = [(c.content.text[:12], c.party) for c in _resolved(nlp, text, REPORTED, "wire")]
    assert ("We also ensu", "acme") in parties
    assert ("We meet nati", "wire") in parties


def test_reports_the_company_s_page_calls_false_are_its_denial(nlp: Any) -> None:
    """On Acme's page, "Press reports that suggest that Y are false": Acme denies Y; on a
    coverage page the reports are the report side's."""
    text = "Press reports that suggest that Acme gives open access to our users’ data are false."
    (on_acme,) = [c for c in _resolved(nlp, text, REPORTED, "acme") if c.speaker]
    assert (on_acme.party, on_acme.polarity) == ("acme", "denied")
    (on_wire,) = [c for c in _resolved(nlp, text, REPORTED, "wire") if c.speaker]
    assert on_wire.party == "paper"


def test_a_pronoun_denying_a_side_s_account_is_the_other_side() -> None:
    def claim(kind: str, speaker: str, polarity: Polarity) -> Claim:
        content = Span("x", 10, 11)
        sentence = Span("x" * 40, 0, 40)
        return Claim(
            kind, content, sentence, speaker=Span(speaker, 0, len(speaker)), polarity=polarity
        )

    case = replace(CASE, sources=(Source("s1", "c", "u", "paper", "report"),))
    claims = [
        _claim(0, "the Example"),  # the last side named before "It"
        claim("indirect", "It", "denied"),  # "It also shot down the Example's assertion that"
        claim("account", "the Example's assertion", "asserted"),
    ]
    resolved = resolve_speakers(claims, case, "wire")
    assert [c.party for c in resolved] == ["paper", "acme", "paper"]


def test_a_person_introduced_with_a_role_speaks_for_that_side_by_surname(nlp: Any) -> None:
    text = (
        "The Example reported that the Acme data centre lost power for two days.\n\n"
        "Ilse Marsh, Acme's head of operations, said the outage lasted two hours.\n\n"
        "Later on Monday Marsh said the paper had never asked to see the logs.\n\n"
        "Tom Brandt is chairman of Acme's audit committee. Brandt said the accounts were sound.\n\n"
        "Rita Lowe is a former manager at Acme. Lowe said the backups often failed.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    document = _document(text)
    parties = {c.text: c.party for c in attribute_claims(analysis, CASE, "wire", document)}
    assert parties["the outage lasted two hours"] == "acme"
    assert parties["the paper had never asked to see the logs"] == "acme"
    assert parties["the accounts were sound"] == "acme"
    # a former manager speaks for no side: the page's own
    assert parties["the backups often failed"] == "wire"


def test_it_after_a_request_unanswered_is_the_side_that_did_not_answer(nlp: Any) -> None:
    """ "Acme did not respond to a request for comment. However, it also admitted ...": Acme's
    claim, though the paper spoke last."""
    text = (
        "The Daily Example reported on Monday that the outage was long. Acme Cloud Inc. did not"
        " respond to a request for comment. However, it also admitted that its logs were"
        " incomplete."
    )
    assert _speaker_parties(nlp, text, CASE, "wire") == [
        ("The Daily Example", "paper"),
        ("it", "acme"),
    ]


def test_the_reporter_on_the_company_s_page_is_the_outlet_s(nlp: Any) -> None:
    """On the company's own page, "the reporter" the outlet sent is the outlet's, not the page's
    voice."""
    case = REPORTED
    text = (
        "The Daily Example ran its story about Acme Cloud on Monday. “I sent these records to"
        " Acme earlier today, hoping they would help,” the reporter wrote online."
    )
    assert _speaker_parties(nlp, text, case, "acme") == [("the reporter", "paper")]


def test_a_response_from_the_broadcaster_is_the_outlet_s(nlp: Any) -> None:
    """ "A response from the broadcaster read: ..." on a coverage page: the owner of the
    response speaks, and "the broadcaster" of no other name is the report's outlet; so is the
    outlet named without its "The"."""
    case = REPORTED
    text = (
        "Acme Cloud has threatened to sue over the programme.\n\nThe Daily Example has stood by"
        " the film, saying it was fair.\n\nA response from the broadcaster read: “We stand by our"
        " journalism and gave the firm a fair chance to reply.”"
    )
    assert _speaker_parties(nlp, text, case, "wire") == [
        ("Acme Cloud", "acme"),
        ("The Daily Example", "paper"),
        ("A response from the broadcaster", "paper"),
    ]


def test_it_after_a_document_that_spoke_is_that_document(nlp: Any) -> None:
    """ "An audit report ... says X. It warns that Y": the report goes on, though the company
    was the last side named."""
    case = REPORTED
    text = (
        "The Daily Example found that customer records were changed. Acme Cloud says its new"
        " managers have made changes.\n\nA consultancy's audit report, which was sent to the"
        " board, says it found weaknesses in the billing system.\n\nIt warns that some engineers"
        " have unrestricted access to customer accounts."
    )
    assert _speaker_parties(nlp, text, case, "paper")[-2:] == [
        ("A consultancy's audit report", "paper"),
        ("It", "paper"),
    ]


def test_a_party_named_the_x_is_also_x_in_capitals() -> None:
    parties = (Party("paper", "The Daily Example", ()), Party("info", "The Information", ()))
    assert match_party("Daily Example reporters", parties) == parties[0]
    assert match_party("THE DAILY EXAMPLE", parties) == parties[0]
    assert match_party("information from insiders", parties) is None


def test_the_report_with_an_aside_on_who_compiled_it_is_the_reports(nlp: Any) -> None:
    text = (
        "The report, compiled by the Transport Committee at the state assembly, was released at "
        "midnight and said that the mill hid its losses."
    )
    assert _speaker_parties(nlp, text, REPORTED, "wire") == [
        (
            "The report, compiled by the Transport Committee at the state assembly",
            "paper",
        )
    ]


def test_the_reports_in_the_plural_are_the_reports(nlp: Any) -> None:
    text = (
        "According to the reports, the mill hid its losses from the auditors.\n\n"
        "The articles say that two managers moved the money."
    )
    assert _speaker_parties(nlp, text, REPORTED, "wire") == [
        ("the reports", "paper"),
        ("The articles", "paper"),
    ]


def test_you_in_a_title_is_no_reader_addressed(nlp: Any) -> None:
    text = (
        "A Daily Example programme Catch Me If You Can has claimed that Acme hid its losses.\n\n"
        "You have misrepresented our accounts, we told the paper."
    )
    parties = dict(_speaker_parties(nlp, text, REPORTED, "paper"))
    assert parties["You"] == "paper"


def test_a_country_s_biggest_producer_is_the_company_reported_on(nlp: Any) -> None:
    text = (
        "The Daily Example said the mill cleared forest illegally.\n\n"
        "Ruritania's biggest palm oil producer Friday rejected fresh allegations of illegal "
        "forest clearing."
    )
    assert _speaker_parties(nlp, text, REPORTED, "wire")[-1] == (
        "Ruritania's biggest palm oil producer Friday",
        "acme",
    )


def test_coverage_hedging_a_finding_as_hearsay_tells_the_reports(nlp: Any) -> None:
    text = (
        "Staff at the mill reportedly watched the feeds of customers' cameras.\n\n"
        "The mill opened in 2004.\n\n"
        "The Ruritanian firm was recently accused of dumping 12 tons of unsold paper last year."
    )
    resolved = _resolved(nlp, text, REPORTED, "wire")
    assert [(c.speaker_name, c.party) for c in resolved] == [
        ("The Daily Example", "paper"),
        ("Newswire", "wire"),
        ("The Daily Example", "paper"),  # an accusation no one is named as making
    ]


def test_coverage_telling_what_was_revealed_with_no_one_named_tells_the_reports(
    nlp: Any,
) -> None:
    text = "On Thursday it was revealed that the mill had hidden its losses for years."
    resolved = _resolved(nlp, text, REPORTED, "wire")
    assert [(c.speaker_name, c.party) for c in resolved] == [("The Daily Example", "paper")]


def test_what_a_side_explained_goes_on_in_the_next_sentence_of_coverage(nlp: Any) -> None:
    text = (
        "Acme's spokeswoman Jo Doe explained that the cars ask for help before an obstacle. "
        "In this case, the adviser sends route data rather than steering the car."
    )
    resolved = _resolved(nlp, text, REPORTED, "wire")
    assert [c.party for c in resolved] == ["acme", "acme"]


def test_an_alias_matches_with_either_apostrophe() -> None:
    parties = (
        Party("paper", "The Daily Example", ("Ann O'Hara",)),
        Party("mill", "D’Arcy Mills", ()),
    )
    assert match_party("Managing editor Ann O’Hara", parties) == parties[0]
    assert match_party("D'Arcy Mills spokesman", parties) == parties[1]
    assert match_party("Ann OHara", parties) is None


def test_the_organisation_is_the_side_named_last_outside_quotes(nlp: Any) -> None:
    """ "..., the watchdog said" and "the organisation said" of no party named: the side whose
    name the page wrote last before the claim's words, even one the parser reads as no name
    ("Which?"), and not a name inside a quote ("“... Acme ...”")."""
    case = Case(
        id="c",
        title="t",
        parties=(
            Party("watch", "Which?", ()),
            Party("acme", "Acme Cloud", ("Acme",)),
            Party("wire", "Newswire", (), neutral=True),
        ),
        sources=(Source("s1", "c", "https://example.com/s", "watch", "report"),),
    )
    text = (
        "Acme Cloud repaired the dryers last year, Which? reports.\n\n"
        "The repaired dryers still caught fire in some cases, the watchdog said.\n\n"
        "Which? has published its report.\n\n"
        "“We have found more cases of Acme hiding faults,” the organisation said."
    )
    parties = dict(_speaker_parties(nlp, text, case, "wire"))
    assert parties["the watchdog"] == "watch"
    assert parties["the organisation"] == "watch"


def test_the_company_resolved_to_the_outlet_is_the_company_reported_on(nlp: Any) -> None:
    """ "the company said" where the page described the outlet as a company ("content creation
    company the Example") is the company the report is about."""
    case = REPORTED
    text = (
        "Acme Cloud has hit back after an investigation by content creation company The Daily"
        " Example.\n\n"
        "The company said it pays all staff above the living wage."
    )
    parties = dict(_speaker_parties(nlp, text, case, "wire"))
    assert parties["The company"] == "acme"


def test_the_firm_resolved_to_an_outlet_never_called_a_firm_is_the_company(nlp: Any) -> None:
    """ "The firm said" where nothing before names a firm, resolved to the outlet named last, is
    the company the report is about, and shown by its name; where the page calls the report's
    side a firm ("research firm the Daily Example") it stays the outlet's."""
    text = (
        "An undercover probe by the Daily Example found staff relabelling crates at one of the"
        " firm's plants.\n\n"
        "The firm said it had not had enough time to respond to the allegations."
    )
    resolved = _resolved(nlp, text, REPORTED, "wire")
    firm = [c for c in resolved if c.speaker is not None and c.speaker.text == "The firm"]
    assert [(c.party, c.speaker_name) for c in firm] == [("acme", "Acme Cloud")]
    called = text.replace("by the Daily Example", "by research firm the Daily Example")
    parties = dict(_speaker_parties(nlp, called, REPORTED, "wire"))
    assert parties["The firm"] == "paper"
    # a firm named in the sentence before is what "the firm" stands for, no side's
    third = "Brightwater Audit checked the ledgers in May. The firm said the books were sound."
    parties = dict(_speaker_parties(nlp, third, REPORTED, "wire"))
    assert parties["The firm"] == "wire"


def test_who_speaks_with_a_named_person_speaks_for_the_same_side(nlp: Any) -> None:
    """ "Doe and her chief of staff, Dr. Sam Pike, denied ...": the first of those named (Jo Doe,
    an alias of Acme's) speaks, and Pike, introduced there, is Acme's when he speaks again."""
    text = (
        "The clinic's director Jo Doe said the list never existed.\n\n"
        "But in an interview on Tuesday, Doe and her chief of staff, Dr. Sam Pike, denied any"
        " secret effort to hide wait times.\n\n"
        "Pike said the clinic had reported every death."
    )
    parties = _speaker_parties(nlp, text, REPORTED, "wire")
    assert [party for _, party in parties] == ["acme", "acme", "acme"], parties


def test_a_rebuttal_s_claim_label_relays_the_report_s_account(nlp: Any) -> None:
    """A rebuttal laid out as "CLAIM: <what the report says>" then "FACT: <the answer>": the
    claim is the report side's account, the fact the page's own voice, with no label speaking."""
    text = (
        "CLAIM: The pumps have a twelve-hour safety problem that puts patients at risk.\n\n"
        "FACT: Regulators reviewed the pumps twice and found no such problem."
    )
    resolved = _resolved(nlp, text, REPORTED, "acme")
    assert [(c.kind, c.party) for c in resolved] == [("account", "paper"), ("asserted", "acme")]


def test_a_fiction_and_fact_layout_reprinted_in_coverage_keeps_both_sides(nlp: Any) -> None:
    """ "Fiction: <the report's charge>" then "Fact: <the answer>", reprinted on a coverage
    page: the fiction is the report side's account, the fact the company's answer."""
    text = (
        "Fiction: The pump trials were run by the company itself and the results are made up.\n\n"
        "Fact: The pump trials were run by an independent hospital in another country."
    )
    resolved = _resolved(nlp, text, REPORTED, "wire")
    assert [(c.kind, c.party) for c in resolved] == [("account", "paper"), ("asserted", "acme")]


def test_a_report_of_no_one_named_is_the_report_disputed(nlp: Any) -> None:
    """On a coverage page, "a report that stated Y", "a study claimed Y" are the report's side;
    a report from someone else ("from the regulator") is not."""
    for text in (
        "Last week the Daily Example ran a report that stated Acme knew of the faults.",
        "The Daily Example released a report on Monday which alleged fraud at Acme.",
        "A study claimed that a dozen users spread most of the posts.",
        "A Thursday report quoting people close to the matter claims that Acme hired traders.",
        "But reports say Acme failed to tell the regulator about the men.",
        "A probe by the Example discovered Acme was able to cut its tax bill.",
        "Reporting based on the files has suggested that Acme helped hide the losses.",
    ):
        parties = _speaker_parties(nlp, text, REPORTED, "wire")
        assert [party for _, party in parties] == ["paper"], (text, parties)
    parties = _speaker_parties(
        nlp, "A report from the regulator said the racks are safe.", REPORTED, "wire"
    )
    assert [party for _, party in parties] == ["wire"], parties


def test_it_is_the_side_that_spoke_in_the_sentence_before(nlp: Any) -> None:
    """ "It said that Y" right after a sentence in which a side spoke ("... a statement that calls
    the claims made by the Daily Example 'plainly inaccurate'") is that side's, though the paper
    was named since and spoke before; "X's claim that ..." is no side speaking."""
    text = (
        "The paper said that the racks overheated. Acme issued a statement that"
        " calls the claims made by the Daily Example “plainly inaccurate.” It goes on to say"
        " that the paper “misled its readers.” It said that the racks were checked every week."
    )
    parties = _speaker_parties(nlp, text, REPORTED, "wire")
    assert [party for _, party in parties] == ["paper", "acme", "acme", "acme"], parties
    text = (
        "The cloud company said the racks are safe. The Example's claim that the racks"
        " overheated is wrong, the company said. It said that they were checked every week."
    )
    parties = _speaker_parties(nlp, text, REPORTED, "wire")
    assert parties[-1] == ("It", "acme"), parties


def test_an_update_is_the_statement_of_the_side_that_issued_it(nlp: Any) -> None:
    """ "Acme issued an update pushing back against claims that Y": the update is Acme's, its
    denial Acme's, the claims it denies the paper's (on a coverage page); "An update said" is
    the update of the side that spoke last, as "A statement said" is."""
    text = (
        "The paper reported that the racks overheated. On Saturday Acme issued an update"
        " pushing back against claims that the racks had been left unchecked."
    )
    parties = _speaker_parties(nlp, text, REPORTED, "wire")
    assert parties == [("The paper", "paper"), ("Acme", "acme"), ("claims", "paper")], parties
    text = (
        "The paper reported that the racks overheated. Acme said the story was wrong."
        " An update posted on Saturday said that the racks were checked every week."
    )
    parties = _speaker_parties(nlp, text, REPORTED, "wire")
    assert parties[-1] == ("An update", "acme"), parties


def test_it_is_the_side_that_spoke_last_however_it_was_named(nlp: Any) -> None:
    """On a coverage page, "It said that Y" after "The cloud company said that X" (resolved as
    the company the report is about, not by its name) is the company's, not the paper's that
    spoke before it."""
    text = (
        "The paper reported that the racks overheated. The cloud company said that the"
        " story was wrong. It said that the racks were checked every week."
    )
    (analysis,) = analyse_texts(nlp, [text])
    on_wire = resolve_speakers(analysis.claims, REPORTED, "wire", analysis.entities, text)
    assert [(c.speaker.text, c.party) for c in on_wire if c.speaker] == [
        ("The paper", "paper"),
        ("The cloud company", "acme"),
        ("It", "acme"),
    ]


def test_they_after_a_sentence_about_the_companies_is_the_companies(nlp: Any) -> None:
    """ "The paper mills hit back with studies ... They also attacked the group's methods": the
    companies the sentence before is about, not the last voice quoted before it."""
    text = (
        '"We stand by every sample we took," the Daily Example said on Monday.\n\n'
        "The paper mills hit back with studies showing their water is clean. They also attacked"
        ' the paper\'s test methods, calling them "crude and unreliable."'
    )
    assert _speaker_parties(nlp, text, REPORTED, "wire")[-1] == ("They", "acme")


def test_what_the_page_says_the_other_side_knew_is_the_page_s_charge(nlp: Any) -> None:
    """On the paper's page "Acme knew Y" is the paper's charge, not Acme's word; on a coverage
    page it stays with Acme, whose knowledge it reports."""
    text = "Acme knew its racks had faulty fans before the racks went on sale."
    (on_paper,) = [c for c in _resolved(nlp, text, REPORTED, "paper") if c.speaker]
    assert on_paper.party == "paper"
    (on_wire,) = [c for c in _resolved(nlp, text, REPORTED, "wire") if c.speaker]
    assert on_wire.party == "acme"


def test_a_person_alias_matches_the_shortened_first_name() -> None:
    """ "Russell Withers" in the seeds is also "Russ Withers" on a page; not another first name."""
    case = replace(
        REPORTED,
        parties=(*CASE.parties[:1], replace(CASE.parties[1], aliases=("Acme", "Russell Withers"))),
    )
    assert match_party("Russ Withers", case.parties) == case.parties[1]
    assert match_party("Russell Withers", case.parties) == case.parties[1]
    assert match_party("Rob Withers", case.parties) is None


def test_photographs_a_report_published_speak_for_its_side(nlp: Any) -> None:
    text = "The Example had published photographs showing cleared forest on an Acme site."
    assert _speaker_parties(nlp, text, REPORTED, "acme") == [("photographs", "paper")]


def test_no_side_accuses_itself() -> None:
    """ "They ..., accusing the company of negligence", with "they" resolved to the company:
    the accusation is the other side's."""
    text = "Acme was sued. They accused the company of negligence."
    accusation = Claim(
        kind="indirect",
        content=Span("the company of negligence", 28, 53),
        sentence=Span(text[15:], 15, len(text)),
        speaker=Span("They", 15, 19),
        cue=Span("accused", 20, 27),
    )
    (resolved,) = resolve_speakers([accusation], REPORTED, "paper", (), text)
    assert resolved.party == "paper"
    on_wire = resolve_speakers(
        [replace(accusation, speaker=Span("Acme", 15, 19))], REPORTED, "wire", (), text
    )
    assert on_wire[0].party == "paper"


def test_reports_the_company_s_page_disagrees_with_are_its_denial(nlp: Any) -> None:
    """On Acme's page, "Acme disagrees with characterizations made in recent articles that say
    Y": Acme denies Y."""
    text = (
        "Acme disagrees with “characterizations” made in recent articles that say the company"
        " knew for years about faults in its racks."
    )
    (on_acme,) = [c for c in _resolved(nlp, text, REPORTED, "acme") if c.speaker]
    assert (on_acme.party, on_acme.polarity) == ("acme", "denied")


def test_a_person_a_page_introduces_with_a_side_s_role_in_apposition_speaks_for_it(
    nlp: Any,
) -> None:
    """ "Ian Moss, creative director at Acme and former adviser to the paper, took to Twitter":
    Acme's, by the role he holds first; "the media outlet" is the report's outlet."""
    text = (
        "The Daily Example reported that Acme had cancelled the project.\n\n"
        "Ian Moss, creative director at Acme and ex-editor of a games magazine, also took to"
        " Twitter to deny the story.\n\n"
        "“Almost nothing in that article is true,” he wrote.\n\n"
        "Rita Lowe, a former manager at Acme, told the paper that the project was stopped.\n\n"
        "Lowe said the budget was cut.\n\n"
        "The media outlet claims that Acme was told of the story in advance.\n"
    )
    parties = _parties_in_coverage(nlp, text)
    assert parties["Almost nothing in that article is true"] == "acme"
    assert parties["the budget was cut"] != "acme"  # a former manager's role is no side's
    assert parties["that Acme was told of the story in advance"] == "paper"


def test_a_part_of_the_report_speaks_for_its_side_and_it_goes_on_after_its_quote(
    nlp: Any,
) -> None:
    """ "A disclaimer in the report reads: “A. B.” It also adds: “C.”": the report's side
    throughout, "it" going on with the disclaimer after a quote of two sentences."""
    text = (
        "The Daily Example said Acme had hidden its losses.\n\n"
        "A disclaimer in the report reads: “We are short sellers. We are biased.” It also adds:"
        " “Just because we are biased does not mean that we are wrong.”\n"
    )
    parties = _parties_in_coverage(nlp, text)
    assert parties["We are short sellers. We are biased"] == "paper"
    assert parties["Just because we are biased does not mean that we are wrong"] == "paper"


def test_own_words_that_contradict_a_side_s_claim_are_the_other_side_s(nlp: Any) -> None:
    """In coverage, "..., which directly contradicts Acme's claim" tells the other side's
    account; words that agree with it stay the page's."""
    text = (
        "Acme said a customer had asked for the shutdown.\n\n"
        "Furthermore, no customer was in the building that day, which directly contradicts"
        " Acme's claim.\n\n"
        "The building reopened on Friday, which matches Acme's account.\n"
    )
    parties = _parties_in_coverage(nlp, text)
    said = [t for t in parties if t.startswith(("Furthermore", "no customer"))]
    assert [parties[t] for t in said] == ["paper"]
    assert parties["The building reopened on Friday, which matches Acme's account"] == "wire"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # unnamed insiders, whatever their adjectives and wherever they work, are the report's
        # sources; "sources close to Acme" stay the page's
        (
            "The Daily Example published its story on Monday. Three senior insiders at Acme say "
            "that the valves failed in 2015. Two of the senior Acme insiders say the company "
            "told regulators. Sources close to Acme said the plant was safe.",
            {
                "that the valves failed in 2015": "paper",
                "the company told regulators": "paper",
                "the plant was safe": "wire",
            },
        ),
        # other reports and what is suggested tell the report side's account
        (
            "The Daily Example published its story on Monday.\n\n"
            "Another report says that Acme hid the losses.\n\n"
            "Three separate French reports say the plant was unsafe.\n\n"
            "Meanwhile, it’s suggested that the plant manager hid the logs.\n\n"
            "A report into valve failures in the harbour region said the logs were forged.\n\n"
            "The crew spoke with factory managers who admitted that the racks were relabelled.\n\n"
            "Filming inside the plant showed that the fans were disconnected.",
            {
                "that the racks were relabelled": "paper",
                "that the fans were disconnected": "paper",
                "that Acme hid the losses": "paper",
                "the plant was unsafe": "paper",
                "that the plant manager hid the logs": "paper",
                "the logs were forged": "paper",
            },
        ),
    ],
)
def test_unnamed_sources_and_reports_on_a_coverage_page_are_the_report_side_s(
    nlp: Any, text: str, parties: dict[str, str]
) -> None:
    """On a coverage page that has named the report's side, its unnamed sources and other
    reports of the matter speak for it."""
    got = _parties_in_coverage(nlp, text)
    assert {words: got[words] for words in parties} == parties


def test_a_hyphened_alias_matches_the_name_written_with_a_space(nlp: Any) -> None:
    """An alias "Jo Baker-Doe" is also "Jo Baker Doe" on the page, and "Baker Doe" after it."""
    case = replace(
        REPORTED,
        parties=(
            Party("paper", "The Daily Example", ("the paper", "Jo Baker-Doe")),
            *REPORTED.parties[1:],
        ),
    )
    text = (
        "Acme denied the story. “We never saw the files,” the reporter Jo Baker Doe said. "
        "The page ran on Monday. “The files were in the report,” Baker Doe said."
    )
    parties = {c.text: c.party for c in _resolved(nlp, text, case, "wire")}
    assert parties["We never saw the files"] == "paper"
    assert parties["The files were in the report"] == "paper"


def test_a_speaker_is_the_party_name_whose_first_words_the_parse_left_out(nlp: Any) -> None:
    """A name written in dotted lower-case letters ("e.l.f. Beauty") opening a sentence: the
    parser takes "Beauty" alone as the speaker, and the page's words before it end the name."""
    parties = (
        Party("paper", "The Daily Example", ("the Example",)),
        Party("elf", "e.l.f. Beauty", ("Elf Beauty",)),
        Party("wire", "Newswire", (), neutral=True),
    )
    case = replace(REPORTED, parties=parties)
    text = (
        "The Example published its report on Monday.\n\n"
        "e.l.f. Beauty also added that the Example's “assertions do not match the sales data”."
    )
    assert _speaker_parties(nlp, text, case, "wire")[-1][1] == "elf"
