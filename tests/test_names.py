"""Canonical speakers: every way a document refers to a speaker comes out as one name."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.nlp.analyse import analyse_texts
from pipeline.nlp.names import canonical_speakers
from pipeline.records import Claim, Entity, Span

TEXT = (
    "Kestrel Cloud said on Monday that the outage lasted two hours.\n"
    "Dana Whitlock, a spokesperson for the company, said the agent was not at fault. "
    "Whitlock added that no data was lost. She said the logs were public.\n"
    "The company also said it would publish a review.\n"
    "Amazon Web Services said its systems were fine. AWS added that its region had no outage.\n"
    "The Harbour Ledger reported that the agent caused the outage. "
    "The paper said four engineers confirmed the account.\n"
    "A spokesperson said the figures were wrong.\n"
    "The plan was criticised by Lena Park, who said it ignored the data.\n"
    "Four people familiar with the matter said the review was late."
)
EXPECTED = [
    ("Kestrel Cloud", "Kestrel Cloud"),
    ("Dana Whitlock, a spokesperson for the company", "Dana Whitlock"),
    ("Whitlock", "Dana Whitlock"),
    ("She", "Dana Whitlock"),
    ("The company", "Kestrel Cloud"),
    ("Amazon Web Services", "Amazon Web Services"),
    ("AWS", "Amazon Web Services"),
    ("The Harbour Ledger", "Harbour Ledger"),
    ("The paper", "Harbour Ledger"),
    # "four engineers confirmed" is nested in the paper's claim: no claim of their own
    ("A spokesperson", "Amazon Web Services"),  # the last company named, not the paper
    ("Lena Park", "Lena Park"),
    ("who", "Lena Park"),
    ("Four people familiar with the matter", "Four people familiar with the matter"),
]


def test_speakers_resolve_to_one_name_each(nlp: Any) -> None:
    (analysis,) = analyse_texts(nlp, [TEXT])
    claims = canonical_speakers(analysis.claims, analysis.entities, TEXT)
    got = [(c.speaker.text, c.speaker_name) for c in claims if c.speaker is not None]
    assert got == EXPECTED


def _speakers(nlp: Any, text: str) -> list[tuple[str, str | None]]:
    """Each speaker of `text` as written, with the name it resolves to."""
    (analysis,) = analyse_texts(nlp, [text])
    claims = canonical_speakers(analysis.claims, analysis.entities, text)
    return [(c.speaker.text, c.speaker_name) for c in claims if c.speaker is not None]


def _claim(start: int, speaker: str) -> Claim:
    span = Span("x", start, start + 1)
    return Claim("indirect", span, span, speaker=Span(speaker, start, start + len(speaker)))


def test_acronym_defined_in_brackets() -> None:
    text = "Northern Grid Operator (NGO) said so. NGO added more."
    entities = [Entity("Northern Grid Operator", "ORG", 0, 22), Entity("NGO", "ORG", 38, 41)]
    claims = canonical_speakers([_claim(38, "NGO")], entities, text)
    assert claims[0].speaker_name == "Northern Grid Operator"


def test_a_name_after_a_role_is_a_person_s_and_no_company() -> None:
    # NER took "Block" alone for a company; "founder Dana Block" names a person, and her own
    # name is no company for "the company" to stand for
    text = "Ostrava Foods answered founder Dana Block. Block said so. The company said no."
    entities = [
        Entity("Ostrava Foods", "ORG", 0, 13),
        Entity("Dana Block", "ORG", 31, 41),
        Entity("Block", "ORG", 43, 48),
    ]
    claims = canonical_speakers([_claim(43, "Block"), _claim(58, "The company")], entities, text)
    assert [c.speaker_name for c in claims] == ["Dana Block", "Ostrava Foods"]


def test_a_surname_with_two_letters_swapped_is_the_person_named_before() -> None:
    # a page's slip: "Kahn" for "Dana Khan"; "Kahl" and "Kohn" are other people
    text = "Dana Khan, the chief executive, spoke. Kahn said so. Kahl said no. Kohn agreed."
    entities = [
        Entity("Dana Khan", "PERSON", 0, 9),
        Entity("Kahn", "PERSON", 39, 43),
        Entity("Kahl", "PERSON", 53, 57),
        Entity("Kohn", "PERSON", 66, 70),
    ]
    speakers = [_claim(39, "Kahn"), _claim(53, "Kahl"), _claim(66, "Kohn")]
    claims = canonical_speakers(speakers, entities, text)
    assert [c.speaker_name for c in claims] == ["Dana Khan", "Kahl", "Kohn"]


def test_he_after_a_company_s_spokesman_is_the_spokesman() -> None:
    text = "Ostrava Foods was praised. An Ostrava Foods spokesman said so. He continued: no."
    entities = [Entity("Ostrava Foods", "ORG", 0, 13), Entity("Ostrava Foods", "ORG", 30, 43)]
    speakers = [_claim(27, "An Ostrava Foods spokesman"), _claim(63, "He")]
    claims = canonical_speakers(speakers, entities, text)
    assert [c.speaker_name for c in claims] == ["Ostrava Foods", "Ostrava Foods"]


def test_first_person_and_own_voice_have_no_name() -> None:
    span = Span("x", 0, 1)
    claims = [Claim("asserted", span, span), _claim(5, "we")]
    assert [c.speaker_name for c in canonical_speakers(claims, [])] == [None, None]


def test_headlines_places_and_descriptions(nlp: Any) -> None:
    text = (
        "Ostrava Foods Denies Claims Its Jars Are Unsafe\n"
        "The Harbour Ledger reported that the jars leaked. Ostrava Foods said they were sealed.\n"
        "The Brno-based food company said the seals were checked daily.\n"
        "The Brno, Moravia, company said no jar was recalled.\n"
        "Its statement said the plant passed every audit.\n"
        "The publication said two inspectors saw the leaks."
    )
    got = _speakers(nlp, text)
    assert got == [
        ("The Harbour Ledger", "Harbour Ledger"),
        ("Ostrava Foods", "Ostrava Foods"),  # not the headline's "Ostrava Foods Denies ..."
        ("The Brno-based food company", "Ostrava Foods"),
        ("The Brno, Moravia, company", "Ostrava Foods"),  # a place modifies, it does not speak
        ("Its statement", "Ostrava Foods"),
        ("The publication", "Harbour Ledger"),
    ]


def _canonical(nlp: Any, text: str) -> list[Claim]:
    """The claims of `text`, each with its canonical speaker."""
    (analysis,) = analyse_texts(nlp, [text])
    return canonical_speakers(analysis.claims, analysis.entities, text)


def test_a_statement_is_the_last_named_voice_and_a_block_quote_follows_its_colon(
    nlp: Any,
) -> None:
    text = (
        "The Harbour Ledger said the jars leaked. Meridian denied that any jar leaked.\n"
        "The statement added that every batch had been tested twice.\n"
        "Meridian also admitted that one line was closed in this notice:\n"
        "The north line stays shut until the seals are replaced."
    )
    claims = _canonical(nlp, text)
    named = {c.speaker.text: c.speaker_name for c in claims if c.speaker is not None}
    assert named["The statement"] == "Meridian"
    last = claims[-1]
    assert last.speaker is not None and last.speaker.text == "Meridian"
    assert last.text.endswith("The north line stays shut until the seals are replaced")


def test_a_statement_that_said_is_whoever_issued_it(nlp: Any) -> None:
    text = (
        "The Harbour Ledger said the jars leaked.\n\n"
        "Meridian issued a statement last night which said: “Every batch has been tested twice "
        "by an outside laboratory.”"
    )
    claims = _canonical(nlp, text)
    assert [c.speaker_name for c in claims] == ["Harbour Ledger", "Meridian"]


def test_a_pronoun_stands_for_a_person_named_before_its_claim(nlp: Any) -> None:
    text = (
        "Tomas Ferro filed the review on Monday.\n"
        "As he drove from Dijon to Beaune, the car “slowed to a crawl on the motorway,” he wrote."
    )
    (analysis,) = analyse_texts(nlp, [text])
    claims = canonical_speakers(analysis.claims, analysis.entities, text)
    assert [c.speaker_name for c in claims if c.speaker is not None] == ["Tomas Ferro"]


def test_he_in_a_transcript_s_turn_is_the_person_the_turn_opens_with(nlp: Any) -> None:
    text = (
        "Former minister Ilse Marsh was one of those whose logs were forged, and she is furious."
        '\n\n"I find it staggering," she said.\n\n'
        "The reporter who broke the story is Tomas Ferro. He spoke with Radio North's Karl Lund."
        '\n\nTomas Ferro: "What we found is a pattern of forged seal logs at the plant," he said.'
    )
    (analysis,) = analyse_texts(nlp, [text])
    claims = canonical_speakers(analysis.claims, analysis.entities, text)
    said = [c.speaker_name for c in claims if c.speaker is not None and c.speaker.text == "he"]
    assert said == ["Tomas Ferro"]


def test_a_research_firm_publishes_reports_so_the_company_is_the_other(nlp: Any) -> None:
    """A short seller's research house ("Pollard Research") publishes the report, as an outlet
    does: "the company" and "its statement" after it stand for the company it reports on."""
    text = (
        "Ostrava Foods said the audit was complete. Pollard Research said the audit was a sham.\n"
        "The company said the audit covered every plant.\n"
        "Its statement said the plant passed every inspection."
    )
    named = {c.speaker.text: c.speaker_name for c in _canonical(nlp, text) if c.speaker}
    assert named["The company"] == "Ostrava Foods"
    assert named["Its statement"] == "Ostrava Foods"


def test_a_name_s_explanation_is_that_name_said_in_full_before() -> None:
    # NER found the full name only: "Lindqvist's explanation" is his all the same
    text = (
        "Rafe Lindqvist, Acme's head of communications, wrote a long post.\n"
        "Lindqvist's explanation, he said, was that the story ran before Acme could reply."
    )
    phrase = "Lindqvist's explanation"
    start = text.index(phrase)
    speaker = Span(phrase, start, start + len(phrase))
    claim = Claim(kind="indirect", content=speaker, sentence=speaker, speaker=speaker)
    entities = [Entity("Rafe Lindqvist", "PERSON", 0, 14)]
    assert [c.speaker_name for c in canonical_speakers([claim], entities, text)] == [
        "Rafe Lindqvist"
    ]


def test_a_description_and_an_owned_report_resolve_to_whom_the_page_named(nlp: Any) -> None:
    text = (
        "The quarrel pits activist investor Dorian Vale against Tessa Lund, a short seller who "
        "has published reports on three lenders.\n"
        "In a statement on Friday, the activist said his fund was in full compliance with its "
        "loan terms.\n"
        'According to Lund Research, the lender hid its losses. "Our interviews with former '
        'staff show that the loan book is largely fictitious," their report says.\n'
        "Their reporting found that the lender booked the same loans twice.\n"
        "The veteran said nothing more.\n"
        'Vale Capital filed a defamation lawsuit against Lund Research in May. "Vale breaks no '
        'rule," the lawsuit said.'
    )
    got = dict(_speakers(nlp, text))
    assert got["the activist"] == "Dorian Vale"
    assert got["their report"] == "Lund Research"
    assert got["Their reporting"] == "Lund Research"
    # a description the page never gave anyone stays as written
    assert got.get("The veteran", "The veteran") == "The veteran"
    # "lawsuit against X" does not describe X: the lawsuit speaks for whoever filed it
    assert got["the lawsuit"] == "Vale Capital"


# (what the page shows, its text, the names some speakers resolve to)
DESCRIBED: list[tuple[str, str, dict[str, str]]] = [
    (
        # "company" for the "firm" the page named, not the company last mentioned; a
        # description that opens a sentence describes as well
        "a described kind of company is the one the page described so",
        "Ostrava Foods' shares fell after a report cited by investment firm Pollard Capital.\n"
        "Pollard Capital wrote that Ostrava Foods had inflated its sales.\n"
        "Ostrava Foods was founded in 1990.\n"
        "The investment company added that it views the report as credible.\n"
        "Short-selling fund Harrow Partners said Ostrava Foods hid its debts.\n"
        "Ostrava Foods denied it.\n"
        "The short-selling fund said its report stands.",
        {
            "The investment company": "Pollard Capital",
            "The short-selling fund": "Harrow Partners",
        },
    ),
    (
        "a description goes on standing for the company it was resolved to",
        "Ostrava Foods' figures are real, the Brno-based company said in a statement.\n"
        "Ostrava Foods overtook Meridian Farms last year to become the largest jar maker.\n"
        "The firm also denied that it had moved losses into its marketing budget.",
        {"the Brno-based company": "Ostrava Foods", "The firm": "Ostrava Foods"},
    ),
    (
        # the short seller the sentence before opens with, not the company it names after,
        # nor the one named inside the firm's own quote
        "the firm is the financial firm named in the sentence before",
        "Short seller Pollard Research has bet against the shares of Canadian insurer Ostrava "
        "Holdings, which sells home insurance.\n\n"
        "“We find that Ostrava has inflated its assets,” the firm argues.",
        {"the firm": "Pollard Research"},
    ),
    (
        # NER reads "Pollard" as a place; "Pollard Research" says it is the research firm
        "a described firm is the financial firm named before, whatever NER took it for",
        "Pollard Research published its report on Ostrava Foods in May.\n"
        "“Ostrava answered 30 of our 88 questions,” Pollard said on the reply.\n"
        "“We believe that fraud is fraud,” the US firm said in its attack on Ostrava Foods.",
        {"the US firm": "Pollard Research"},
    ),
    (
        # the retailer's own words name the short seller; what it stands for comes before them
        "a description after a quote is not a name inside the quote",
        "Ostrava Foods hit back at the short seller on Monday.\n"
        "Shares of the grocer rose 2 percent.\n"
        "“Ostrava rejects all arguments put forward by Pollard Capital LLC,” the "
        "Brno-based retailer said.",
        {"the Brno-based retailer": "Ostrava Foods"},
    ),
    (
        "the firm is the one that spoke in the sentence before, not the company it wrote of",
        "Ostrava Foods has said a former employee wrote the reports.\n"
        "Harrow Partners said its reports drew on filings made by Ostrava Foods. “Our "
        "arguments matter more than our names,” the firm said in an email.",
        {"the firm": "Harrow Partners"},
    ),
    (
        # not a company named "Marlow CEO Petra Lindgren"; her company is remembered
        "a company's officer is a person, and the company is remembered",
        "Marlow CEO Petra Lindgren said the stores were profitable.\n"
        "Marlow said the stores had been audited.\n"
        "The retail giant added that every store had been inspected.",
        {
            "Marlow CEO Petra Lindgren": "Petra Lindgren",
            "Marlow": "Marlow",
            "The retail giant": "Marlow",
        },
    ),
    (
        # before any organisation speaks, "it" continues the sentence's own subject
        "it, before any organisation has spoken, is the one the sentence opens with",
        "Vantor Foods has faced questions about its sales for a year.\n"
        "The study by Pollard Research runs to ninety pages, but in short it argues that "
        "Vantor Foods booked sales twice.",
        {"it": "Pollard Research"},
    ),
    (
        "the statement after a described speaker is that speaker's",
        "Vantor Foods said the audit was complete. Tom Reyes, its chief executive, said so too.\n"
        "The company said on its website that every plant passed.\n"
        "“No plant failed,” the statement continues.",
        {"The company": "Vantor Foods", "the statement": "Vantor Foods"},
    ),
    (
        "an advertisement after a named speaker is that speaker's",
        "In the ads, the board of Vantor Foods said it was correcting the record.\n"
        "“No plant has ever failed an inspection,” the ad stated.",
        {"the ad": "Vantor Foods"},
    ),
    (
        # "claims" is the headline's verb, not a word describing the company after it
        "a headline's verb before a name describes nothing",
        "Whistleblower claims Vantor Networks outage was serious\n"
        "A source told the blog that the outage was worse than it seemed.\n"
        "In a letter to regulators, the whistleblower wrote that customer data was at risk.",
        {"the whistleblower": "the whistleblower"},
    ),
    (
        "he after an unnamed source is that source",
        "Vantor Inc. disclosed an outage in January. Now a source who worked on the response "
        "says Vantor hid its scale.\n"
        "“It was far worse than reported,” he wrote.",
        {"he": "a source"},
    ),
    (
        # NER reads the headline's "Vantor Breach" as a person; Vantor Inc. says otherwise
        "no person's name opens with an organisation's",
        "Kestrel Whitlock cycles in with this report—“Whistleblower: Vantor Breach "
        "‘Catastrophic’”:\n\n"
        "On Jan. 11, Vantor Inc. disclosed that a breach had exposed customer credentials.\n\n"
        "“It was far worse than reported,” he wrote.",
        {"he": "Kestrel Whitlock"},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [row[1:] for row in DESCRIBED], ids=[row[0] for row in DESCRIBED]
)
def test_descriptions_resolve_to_whom_the_page_means(
    nlp: Any, text: str, expected: dict[str, str]
) -> None:
    got = dict(_speakers(nlp, text))
    assert {k: got.get(k) for k in expected} == expected


def test_she_is_not_the_person_the_page_called_he(nlp: Any) -> None:
    """ "He said" was Tomas Ferro; "Ferro was challenged by Sarah Collins. She said:" is Collins,
    and "He replied" Ferro again."""
    text = (
        "Tomas Ferro, the chief executive of Ostrava Foods, spoke to the committee on Tuesday. He"
        " said: “Our plant forged no logs.”\n"
        "Ferro was challenged by Sarah Collins at the meeting. She said: “But those were your own"
        " words to the inspectors.”\n"
        "He replied: “The inspectors took those words out of context.”"
    )
    said = _speakers(nlp, text)
    assert said == [("He", "Tomas Ferro"), ("She", "Sarah Collins"), ("He", "Tomas Ferro")]


def test_it_after_an_unanswered_request_is_who_did_not_answer(nlp: Any) -> None:
    """ "Kestrel Research did not respond to a request for comment. However, they also admitted
    ...": Kestrel, which did not answer, not Ostrava, which spoke last."""
    text = (
        "Ostrava Foods said on Monday that the audit was complete. Kestrel Research did not"
        " respond to a request for comment. However, they also admitted that the figures were"
        " estimates."
    )
    said = _speakers(nlp, text)
    assert said == [("Ostrava Foods", "Ostrava Foods"), ("they", "Kestrel Research")]


def test_the_company_is_the_one_the_page_described_so(nlp: Any) -> None:
    """ "the company said" after "The Swedish company Nordlund AB ..." and a mention of
    Earthwatch International's allegations: Nordlund, the company the page so described, not
    the organisation named last."""
    text = (
        "The Swedish company Nordlund AB completed an audit in response to Earthwatch"
        " International's allegations.\n\n"
        "“The audit found no sign of forged labels in our plants,” the company said."
    )
    assert _speakers(nlp, text) == [("the company", "Nordlund AB")]


def test_he_is_the_person_whose_name_opens_the_sentence_before(nlp: Any) -> None:
    """ "Ian Moss, creative director at Vela, also took to Twitter to deny the story. “...,” he
    wrote": Moss, not Twitter (which NER may read as a person) nor a speaker named before."""
    text = (
        "Dana Whitlock, a spokesperson for Kestrel Cloud, said the agent was not at fault.\n\n"
        "Ian Moss, creative director at Vela Games, also took to Twitter to deny the story.\n\n"
        "“Almost nothing in that article is true,” he wrote."
    )
    said = _speakers(nlp, text)
    assert said[-1] == ("he", "Ian Moss")
