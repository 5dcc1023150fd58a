"""Attributed-claim extraction with the real spaCy model: a regression table of layouts.

Each row is one text (one or more paragraphs) and the one attributed claim expected in it:
its kind, speaker, cue and content pieces (a split quote has two). Own-voice sentences around
it may add `asserted` claims; they are checked apart.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.nlp.analyse import analyse_texts, paragraphs
from pipeline.nlp.annotate import annotate
from pipeline.nlp.claims import extract_claims
from pipeline.records import Claim, Span

# (layout, text, kind, speaker, cue, content pieces, polarity)
LAYOUTS: list[tuple[str, str, str, str | None, str | None, tuple[str, ...], str]] = [
    (
        "per a named source, after the clause",
        "The tank is unsafe, per the Ledger.",
        "according_to",
        "the Ledger",
        "per",
        ("The tank is unsafe",),
        "asserted",
    ),
    (
        "per a source, before the clause",
        "Per court filings, the mill had leaked for years.",
        "according_to",
        "court filings",
        "Per",
        ("the mill had leaked for years",),
        "asserted",
    ),
    (
        "a denial of a passive gerund",
        "The mill denied being hit by the fraud.",
        "indirect",
        "The mill",
        "denied",
        ("being hit by the fraud",),
        "denied",
    ),
    (
        "indirect, speaker first",
        "Kestrel said the outage lasted less than three hours.",
        "indirect",
        "Kestrel",
        "said",
        ("the outage lasted less than three hours",),
        "asserted",
    ),
    (
        "a less common verb of saying, with an aside",
        "The survey affirms, among other things, that the mill's output fell by half.",
        "indirect",
        "The survey",
        "affirms",
        ("that the mill's output fell by half",),
        "asserted",
    ),
    (
        "indirect with that",
        "The regulator said that the recall covered 40,000 jars.",
        "indirect",
        "The regulator",
        "said",
        ("that the recall covered 40,000 jars",),
        "asserted",
    ),
    (
        "indirect, speaker last",
        "The outage lasted 13 hours, four people familiar with the matter said.",
        "indirect",
        "four people familiar with the matter",
        "said",
        ("The outage lasted 13 hours",),
        "asserted",
    ),
    (
        "parenthetical cue",
        "The outage, she said, lasted two hours.",
        "indirect",
        "she",
        "said",
        ("The outage", "lasted two hours"),
        "asserted",
    ),
    (
        "denial with a clause",
        "The company denied that Wren caused the outage.",
        "indirect",
        "The company",
        "denied",
        ("that Wren caused the outage",),
        "denied",
    ),
    (
        "denial with an object",
        "Meridian denied any link between the jars and the illnesses.",
        "indirect",
        "Meridian",
        "denied",
        ("any link between the jars and the illnesses",),
        "denied",
    ),
    (
        "told reporters",
        "The chief executive told reporters that no customer data was lost.",
        "indirect",
        "The chief executive",
        "told",
        ("that no customer data was lost",),
        "denied",
    ),
    (
        "auxiliary in the cue",
        "Orbis has said the software was not engaged during the crash.",
        "indirect",
        "Orbis",
        "has said",
        ("the software was not engaged during the crash",),
        "denied",
    ),
    (
        "second verb shares the subject",
        "Whitlock spoke for ten minutes and added that the tool was never at fault.",
        "indirect",
        "Whitlock",
        "added",
        ("that the tool was never at fault",),
        "denied",
    ),
    (
        "negated belief",
        "We do not believe the figures in the report are supported by the mill's records.",
        "indirect",
        "We",
        "do not believe",
        ("the figures in the report are supported by the mill's records",),
        "denied",
    ),
    (
        "participle after a clause",
        "The company published a rebuttal, saying the report relied on a single source.",
        "indirect",
        "The company",
        "saying",
        ("the report relied on a single source",),
        "asserted",
    ),
    (
        "according to, before",
        "According to the Ledger, the agent deleted the production environment.",
        "according_to",
        "the Ledger",
        "According to",
        ("the agent deleted the production environment",),
        "asserted",
    ),
    (
        "according to, after",
        "The agent deleted the production environment, according to internal emails.",
        "according_to",
        "internal emails",
        "according to",
        ("The agent deleted the production environment",),
        "asserted",
    ),
    (
        "possessive spokesperson",
        "Acme's spokesperson said the fix would ship on Friday.",
        "indirect",
        "Acme's spokesperson",
        "said",
        ("the fix would ship on Friday",),
        "asserted",
    ),
    (
        "reporting noun subject",
        "The report found that engineers skipped the second review.",
        "indirect",
        "The report",
        "found",
        ("that engineers skipped the second review",),
        "asserted",
    ),
    (
        "in a statement",
        "In a statement, Kestrel argued that the outage was limited to one region.",
        "indirect",
        "Kestrel",
        "argued",
        ("that the outage was limited to one region",),
        "asserted",
    ),
    (
        "passive, no source named",
        "It was reported that the agent had full production access.",
        "indirect",
        None,
        "was reported",
        ("that the agent had full production access",),
        "asserted",
    ),
    (
        "infinitive",
        "Meridian has pledged to reopen the plant next month.",
        "indirect",
        "Meridian",
        "has pledged",
        ("to reopen the plant next month",),
        "asserted",
    ),
    (
        "infinitive with an addressee",
        "The union urged regulators to suspend the program.",
        "indirect",
        "The union",
        "urged",
        ("regulators to suspend the program",),
        "asserted",
    ),
    (
        "call X Y",
        "Kestrel called the report misleading.",
        "indirect",
        "Kestrel",
        "called",
        ("the report misleading",),
        "asserted",
    ),
    (
        "call for",
        "Two senators called for an independent inquiry into the crashes.",
        "indirect",
        "Two senators",
        "called for",
        ("an independent inquiry into the crashes",),
        "asserted",
    ),
    (
        "direct, speaker after, appositive",
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel.",
        "direct",
        "Dana Whitlock, a spokesperson for Kestrel",
        "said",
        ("The agent was not the cause",),
        "denied",
    ),
    (
        "direct, speaker before, colon",
        "Whitlock said: “We received no complaints from customers about it.”",
        "direct",
        "Whitlock",
        "said",
        ("We received no complaints from customers about it",),
        "denied",
    ),
    (
        "direct, speaker first, no colon",
        "Whitlock said “the logs show a human approved every change.”",
        "direct",
        "Whitlock",
        "said",
        ("the logs show a human approved every change",),
        "asserted",
    ),
    (
        "split quote",
        "“The tool did what it was told,” Whitlock said, “and nothing more than that.”",
        "direct",
        "Whitlock",
        "said",
        ("The tool did what it was told", "and nothing more than that"),
        "asserted",
    ),
    (
        "multi-sentence quote",
        "“We fixed the role within an hour. Nobody lost any data,” the company said.",
        "direct",
        "the company",
        "said",
        ("We fixed the role within an hour. Nobody lost any data",),
        "denied",
    ),
    (
        "quote continues in the next sentence",
        "“The rollout was paused,” Ferro said. “We will not restart it before the audit is done.”",
        "direct",
        "Ferro",
        "said",
        ("The rollout was paused", "We will not restart it before the audit is done"),
        "denied",
    ),
    (
        "quote continues in the next paragraph",
        "“The tests came back clean in March,” said Lena Park, the plant manager.\n"
        "“We shared every result with the inspectors the same week.”",
        "direct",
        "Lena Park, the plant manager",
        "said",
        (
            "The tests came back clean in March",
            "We shared every result with the inspectors the same week",
        ),
        "asserted",
    ),
    (
        "a co-founder with the name in apposition",
        "The mill's Oslo-based co-founder, Petra Lund, told the court that the mill never hid its "
        "losses.",
        "indirect",
        "The mill's Oslo-based co-founder, Petra Lund",
        "told",
        ("that the mill never hid its losses",),
        "denied",
    ),
    (
        "a name opening with a digit, after a response phrase with no comma",
        "In response to the new report 3MX reiterated that every fee was disclosed.",
        "indirect",
        "3MX",
        "reiterated",
        ("every fee was disclosed",),
        "asserted",
    ),
    (
        "what papers show, with the phrases the parse hung on the verb",
        "Court papers obtained by the Ledger show Harwell approving loans to customers in arrears "
        "in order to repay older loans.",
        "indirect",
        "Court papers obtained by the Ledger",
        "show",
        ("Harwell approving loans to customers in arrears in order to repay older loans",),
        "asserted",
    ),
    (
        "as X notes, before a quote (the cue tagged a noun)",
        "But as The Dispatch notes, “Neither Lumo’s terms of service nor its privacy policy "
        "mention any manual annotation by humans.”",
        "direct",
        "The Dispatch",
        "notes",
        (
            "Neither Lumo’s terms of service nor its privacy policy mention any manual "
            "annotation by "
            "humans",
        ),
        "denied",  # what the quote says is negated ("Neither ... nor ...")
    ),
    (
        "what an inquiry found, an object with its clause",
        "A Ledger investigation in January found discrepancies in how much the charity claimed "
        "it was spending on its mission.",
        "indirect",
        "A Ledger investigation",
        "found",
        ("discrepancies in how much the charity claimed it was spending on its mission",),
        "asserted",
    ),
    (
        "a transcript line that quotes, then the page's answer",
        "Ventre: “We were never told the full story of the accident.” This is false. Every new "
        "trainer heard the history of the whale.",
        "direct",
        "Ventre",
        ":",
        ("We were never told the full story of the accident",),
        "denied",
    ),
    (
        "unclosed paragraph, reopened",
        "“The driver had both hands off the wheel,” Ferro said. "
        "“LaneGuard warned him three times.\n"
        "“He did not respond to any of the warnings.”",
        "direct",
        "Ferro",
        "said",
        (
            "The driver had both hands off the wheel",
            "LaneGuard warned him three times",
            "He did not respond to any of the warnings",
        ),
        "denied",
    ),
    (
        "speaker in the previous sentence, colon",
        "Whitlock wrote in a post on Monday:\n"
        "“The agent had the same permissions as the engineer.”",
        "direct",
        "Whitlock",
        "wrote",
        ("The agent had the same permissions as the engineer",),
        "asserted",
    ),
    (
        "block quote after a colon, no quote marks",
        "Whitlock added:\nThe agent had the same permissions as the engineer who approved it.",
        "direct",
        "Whitlock",
        "added",
        ("The agent had the same permissions as the engineer who approved it",),
        "asserted",
    ),
    (
        # the small parser hangs the clause on "statement"
        "said in a statement that",
        "Vantor said in a statement that the report was false.",
        "indirect",
        "Vantor",
        "said",
        ("that the report was false",),
        "asserted",
    ),
    (
        # the relative clause's noun is what the speaker says something of
        "a relative clause through a speaker",
        'Regulators examined its flagship pump which the company claims is "the safest ever '
        'built."',
        "mixed",
        "the company",
        "claims",
        ("its flagship pump", 'is "the safest ever built'),
        "asserted",
    ),
    (
        "as X noted",
        "As the regulator noted, the recall covered only one batch.",
        "indirect",
        "the regulator",
        "noted",
        ("the recall covered only one batch",),
        "asserted",
    ),
    (
        "reporting noun",
        "Kestrel's claim that no customer was affected drew criticism.",
        "indirect",
        "Kestrel's",
        "claim",
        ("that no customer was affected",),
        "denied",
    ),
    (
        "passive with agent",
        "The figure was disputed by the union.",
        "indirect",
        "the union",
        "was disputed by",
        ("The figure",),
        "denied",
    ),
    (
        "straight quote marks",
        'The inspector said "the lab warned them twice in April."',
        "direct",
        "The inspector",
        "said",
        ("the lab warned them twice in April",),
        "asserted",
    ),
    (
        "guillemets",
        "«Nous avons tout vérifié», said Claire Morel, Meridian's quality director.",
        "direct",
        "Claire Morel, Meridian's quality director",
        "said",
        ("Nous avons tout vérifié",),
        "asserted",
    ),
    (
        "typewriter quotes",
        "''It was a routine configuration change,'' Mr. Osei said.",
        "direct",
        "Mr. Osei",
        "said",
        ("It was a routine configuration change",),
        "asserted",
    ),
    (
        "mixed quote",
        'The company said the fix for the billing console "would take weeks."',
        "mixed",
        "The company",
        "said",
        ('the fix for the billing console "would take weeks',),
        "asserted",
    ),
    (
        "trailing dash",
        "“Nobody at Orbis ever promised a self-driving car.” ― Tomas Ferro",
        "direct",
        "Tomas Ferro",
        "―",
        ("Nobody at Orbis ever promised a self-driving car",),
        "denied",
    ),
    (
        "transcript line",
        "FERRO: We never marketed LaneGuard as autonomous driving.",
        "direct",
        "FERRO",
        ":",
        ("We never marketed LaneGuard as autonomous driving",),
        "denied",
    ),
    (
        "quote over two sentences, mixed marks, speaker after",
        '"We audited every batch in May. None of them failed the test,” Ostrava Foods said.',
        "direct",
        "Ostrava Foods",
        "said",
        ("We audited every batch in May. None of them failed the test",),
        "denied",
    ),
    (
        "a finite verb parsed as a modifier of the root noun before it",
        "The press statement called the regulator’s findings “unfair and misleading”.",
        "mixed",
        "The press statement",
        "called",
        ("the regulator’s findings “unfair and misleading",),
        "asserted",
    ),
    (
        "a predicate the parse hung elsewhere runs on from the content's last noun",
        "Orlin collected evidence showing the entire ferry project is possibly years behind"
        " schedule.",
        "indirect",
        "evidence",
        "showing",
        ("the entire ferry project is possibly years behind schedule",),
        "asserted",
    ),
    (
        "... and from the content's last number",
        "The Ledger claimed documents show consulting labs as early as 1957 and 1958 found lead in"
        " Acme paint.",
        "indirect",
        "The Ledger",
        "claimed",
        ("documents show consulting labs as early as 1957 and 1958 found lead in Acme paint",),
        "asserted",
    ),
    (
        "... and into a verb whose auxiliary the parse hung on it",
        "The paper spoke with factory managers who admitted that product being produced for Acme"
        " was labelled “CARB 2” compliant when in fact it was not.",
        "indirect",
        "who",
        "admitted",
        (
            "that product being produced for Acme was labelled “CARB 2” compliant when in fact it"
            " was not",
        ),
        "asserted",
    ),
    (
        "a denial's gerund is its content",
        "The mill denies having misled its safety board.",
        "indirect",
        "The mill",
        "denies",
        ("having misled its safety board",),
        "denied",
    ),
    (
        "nested attribution is the outer speaker's",
        "Halvard told the radio station that the delay the Courier reported never happened.",
        "indirect",
        "Halvard",
        "told",
        ("that the delay the Courier reported never happened",),
        "denied",
    ),
    (
        "quoted sentence with page furniture after it",
        'The hearing ended on Friday. "The pumps were tested twice before shipping."  Continued...',
        "direct",
        None,
        None,
        ("The pumps were tested twice before shipping",),
        "asserted",
    ),
    (
        "colon after a clause",
        "Again, Ferro turned to the plant inspectors: “The valves were replaced in March.”",
        "direct",
        "Ferro",
        ":",
        ("The valves were replaced in March",),
        "asserted",
    ),
    (
        "colon after a possessive",
        "Orbis’s official reply: “Our sensors were sold as a driver aid.”",
        "direct",
        "Orbis",
        ":",
        ("Our sensors were sold as a driver aid",),
        "asserted",
    ),
    (
        "a statement, the object of a preposition, speaks for its author",
        "Meridian went on air with a statement claiming that the jars were safe.",
        "indirect",
        "Meridian",
        "claiming",
        ("that the jars were safe",),
        "asserted",
    ),
    (
        "a sentence ending on its cue introduces the quote paragraph after it",
        "Defending the audit, Halvard countered.\n“Every figure in the report was checked twice.”",
        "direct",
        "Halvard",
        "countered",
        ("Every figure in the report was checked twice",),
        "asserted",
    ),
    (
        "speaker with a participle and its agent",
        "A law firm hired by Orbis wrote that the list was not a target list.",
        "indirect",
        "A law firm hired by Orbis",
        "wrote",
        ("that the list was not a target list",),
        "denied",
    ),
    (
        "denial of a report: the report's clause, denied, is the denier's claim",
        "Halvard Pumps has rejected a trade-journal report that its valves failed at three plants.",
        "indirect",
        "Halvard Pumps",
        "has rejected",
        ("that its valves failed at three plants",),
        "denied",
    ),
    (
        "claims dismissed",
        "Brightwell dismissed claims that its app leaked user locations.",
        "indirect",
        "Brightwell",
        "dismissed",
        ("that its app leaked user locations",),
        "denied",
    ),
    (
        "denial of a named outlet's report: the denial only, not the outlet's claim",
        "Tamsin Foods denied the Courier's report that its factory had been shut for a week.",
        "indirect",
        "Tamsin Foods",
        "denied",
        ("that its factory had been shut for a week",),
        "denied",
    ),
    (
        "headline denial parsed as 'X disputes' reporting",
        "Corvane disputes report that its delivery drones crashed twice",
        "indirect",
        "Corvane",
        "disputes",
        ("that its delivery drones crashed twice",),
        "denied",
    ),
    (
        "denial of a report a relative clause describes",
        "Tamsin Foods rejected the report that the inspectors published.",
        "indirect",
        "Tamsin Foods",
        "rejected",
        ("the report that the inspectors published",),
        "denied",
    ),
    (
        "unattributed quote after a sentence whose subject is a name",
        "Meridian had no answer to the inspectors' charge. “We stand by every test we ran.”",
        "direct",
        "Meridian",
        None,
        ("We stand by every test we ran",),
        "asserted",
    ),
    (
        "a reporting verb after an embedded question",
        "We examine how Ostrava got its early start and show how its founder misled lenders.",
        "indirect",
        "We",
        "show",
        ("how its founder misled lenders",),
        "asserted",
    ),
    (
        "negation with a curly apostrophe",
        "Mr. Vance has told the board he wasn’t aware of the complaints.",
        "indirect",
        "Mr. Vance",
        "has told",
        ("he wasn’t aware of the complaints",),
        "denied",
    ),
    (
        "a work someone else wrote, with a participle cue",
        "Kestrel Cloud issued a sharp rebuttal to a Harbour Ledger report claiming its agent"
        " deleted the billing database.",
        "indirect",
        "a Harbour Ledger report",
        "claiming",
        ("its agent deleted the billing database",),
        "asserted",
    ),
    (
        "a headline's participle right after a work",
        "Kestrel pushes back on Ledger report blaming its agent for billing outage",
        "indirect",
        "Ledger report",
        "blaming",
        ("its agent for billing outage",),
        "asserted",
    ),
    (
        "an object the parser splits in two at a possessive",
        "The union criticized the Kestrel administration’s plans to close the plant in May.",
        "indirect",
        "The union",
        "criticized",
        ("the Kestrel administration’s plans to close the plant in May",),
        "asserted",
    ),
    (
        "called X a Y, parsed as two predicates",
        "Three engineers called Ferro a fraud and a bully.",
        "indirect",
        "Three engineers",
        "called",
        ("Ferro a fraud and a bully",),
        "asserted",
    ),
    (
        "a clause before a semicolon is not the cue's content",
        "It is an unlikely outcome; Kestrel's team says the console will reopen on Friday.",
        "indirect",
        "Kestrel's team",
        "says",
        ("the console will reopen on Friday",),
        "asserted",
    ),
    (
        "a preposed content starts after a semicolon",
        "It was a long night; the outage lasted two hours, Kestrel said.",
        "indirect",
        "Kestrel",
        "said",
        ("the outage lasted two hours",),
        "asserted",
    ),
    (
        "a speaker's bracket is kept closed",
        "Rep. Ann Lee (D-Wis.) said the plant was safe.",
        "indirect",
        "Rep. Ann Lee (D-Wis.)",
        "said",
        ("the plant was safe",),
        "asserted",
    ),
    (
        "according to a source with a relative clause set off by a comma",
        "According to the Ledger's investigation, which cited two engineers, the agent deleted"
        " the environment.",
        "according_to",
        "the Ledger's investigation",
        "According to",
        ("the agent deleted the environment",),
        "asserted",
    ),
    (
        "a content clause after a time phrase, parsed as adverbial",
        "Ferro said after the meeting she would not accept the board's offer if it came.",
        "indirect",
        "Ferro",
        "said",
        ("she would not accept the board's offer if it came",),
        "denied",
    ),
    (
        "a cue verb the tagger takes for a noun",
        "But Ferro claims that she should be the exception.",
        "indirect",
        "Ferro",
        "claims",
        ("that she should be the exception",),
        "asserted",
    ),
    (
        "a preposition frame whose object the parser makes a clause",
        "The union called for the plant to be closed.",
        "indirect",
        "The union",
        "called for",
        ("the plant to be closed",),
        "asserted",
    ),
    (
        "a cited source and its clause",
        "Two trade sites later reported, citing a Kestrel spokesperson, that the affected region"
        " was in northern Europe.",
        "indirect",
        "a Kestrel spokesperson",
        "citing",
        ("that the affected region was in northern Europe",),
        "asserted",
    ),
    (
        "a phrasal verb that rejects an account",
        "The bank shot down the paper's assertion that its loans were overstated.",
        "indirect",
        "The bank",
        "shot down",
        ("that its loans were overstated",),
        "denied",
    ),
    (
        "what a written work reads",
        '"The mill runs one old kiln," reads the inspectors\' report.',
        "direct",
        "the inspectors' report",
        "reads",
        ("The mill runs one old kiln",),
        "asserted",
    ),
    (
        "a verb of saying, negated",
        "Okafor never suggested that the ferry should sail in the storm.",
        "indirect",
        "Okafor",
        "never suggested",
        ("that the ferry should sail in the storm",),
        "denied",
    ),
    (
        "a verb of telling, negated, leaves its clause stated",
        "The operator has not disclosed that its ferry failed two inspections.",
        "indirect",
        "The operator",
        "has not disclosed",
        ("that its ferry failed two inspections",),
        "asserted",
    ),
    (
        "a verb the speaker goes on to",
        "Okafor went on to say that the ferry had passed every inspection.",
        "indirect",
        "Okafor",
        "went on to say",
        ("that the ferry had passed every inspection",),
        "asserted",
    ),
    (
        "a relative 'which' on a noun speaks for it",
        "The leak came from the board, which said the plan was dead.",
        "indirect",
        "which",
        "said",
        ("the plan was dead",),
        "asserted",
    ),
    (
        "an account the speaker calls untrue before it",
        "Halvard Pumps has described as untrue a report by a research firm that its chief"
        " executive fabricated his history.",
        "indirect",
        "Halvard Pumps",
        "has described",
        ("that its chief executive fabricated his history",),
        "denied",
    ),
    (
        "a possessor's view opening the sentence",
        "In our view, the ferry was never seaworthy.",
        "according_to",
        "our",
        "In our view",
        ("the ferry was never seaworthy",),
        "denied",
    ),
    (
        "a named possessor's opinion inside the clause",
        "The ferry, in Okafor's opinion, had passed every inspection.",
        "according_to",
        "Okafor",
        "in Okafor's opinion",
        ("The ferry", "had passed every inspection"),
        "asserted",
    ),
    (
        "an adjective the speaker is, to a verb",
        "The harbour master was quick to point out that every tank had held.",
        "indirect",
        "The harbour master",
        "was quick to point out",
        ("that every tank had held",),
        "asserted",
    ),
    (
        "a denial of the other side's account, with nothing more",
        "Vantor Foods rejected these claims.",
        "indirect",
        "Vantor Foods",
        "rejected",
        ("these claims",),
        "denied",
    ),
    (
        "offering something said",
        "The mill offered an explanation for the delay in its letter.",
        "indirect",
        "The mill",
        "offered",
        ("an explanation for the delay in its letter",),
        "asserted",
    ),
    (
        "a headline's attribution whose content opens with a name in capitals",
        "Orbis: Harbour Ledger series ‘contained deliberate errors’",
        "direct",
        "Orbis",
        ":",
        ("Harbour Ledger series ‘contained deliberate errors",),
        "asserted",
    ),
    (
        "a possessive speaker after a quote the parse read into it",
        "“The cause of those failures is that no authentic letter or drawing exists,” Vantor's"
        " legal team wrote in the filing.",
        "direct",
        "Vantor's legal team",
        "wrote",
        ("The cause of those failures is that no authentic letter or drawing exists",),
        "denied",
    ),
    (
        "'claims to' and an infinitive",
        "In answer to the charge, Vantor claims to be at the mercy of its power supplier.",
        "indirect",
        "Vantor",
        "claims",
        ("to be at the mercy of its power supplier",),
        "asserted",
    ),
    (
        "a statement outlining a clause",
        "Vantor hit back at the claims in a statement outlining that it does not buy palm oil"
        " from the supplier.",
        "indirect",
        "Vantor",
        "outlining",
        ("that it does not buy palm oil from the supplier",),
        "denied",
    ),
    (
        "a clause the parse began late ('that run times' read as a relative clause)",
        "Vantor claims on the apps pages that run times are between 91 and 365 days.",
        "indirect",
        "Vantor",
        "claims",
        ("run times are between 91 and 365 days",),
        "asserted",
    ),
    (
        "a subject the parse glued to the day before it ('on Friday statements')",
        "Orbis said on Friday statements in the article the Gazette printed about it last week"
        " were false and misleading.",
        "indirect",
        "Orbis",
        "said",
        (
            "statements in the article the Gazette printed about it last week were false and"
            " misleading",
        ),
        "asserted",
    ),
    (
        "what 'call' names a thing, the quotation hung on the main verb by the parse",
        "The glass maker issued a statement that calls the claims made by the Daily Example"
        " “plainly inaccurate.”",
        "indirect",
        "that",
        "calls",
        ("the claims made by the Daily Example “plainly inaccurate",),
        "asserted",
    ),
    (
        "what 'call' names a thing, the quotation parsed as a clause of the object",
        'He called the stories "outdated".',
        "indirect",
        "He",
        "called",
        ('the stories "outdated',),
        "asserted",
    ),
    (
        "'call this' with the demonstrative parsed as the quotation's determiner",
        "Kestrel calls this ‘utter rubbish’ because the pipeline was laid decades ago.",
        "indirect",
        "Kestrel",
        "calls",
        ("this ‘utter rubbish",),
        "asserted",
    ),
    (
        "a quote closed after its comma, then an inverted cue the parse read as its attribute",
        "“Vantor Honey clears all tests,” tweeted Vantor.",
        "direct",
        "Vantor",
        "tweeted",
        ("Vantor Honey clears all tests",),
        "asserted",
    ),
    (
        "in-word curly apostrophes (parsed as straight ones, kept as written)",
        "Harwell chief executive Dana Lio told the Ledger the scheme’s roughly $40,000 cost was"
        " less than 0.2 percent of its sales.",
        "indirect",
        "Harwell chief executive Dana Lio",
        "told",
        ("the scheme’s roughly $40,000 cost was less than 0.2 percent of its sales",),
        "asserted",
    ),
    (
        "a present-tense cue whose second clause the parse hung on the cue",
        "The Dayton, Ohio, firm says it abides by all relevant safety regulations and hasn't"
        " overstated its results.",
        "indirect",
        "The Dayton, Ohio, firm",
        "says",
        ("it abides by all relevant safety regulations and hasn't overstated its results",),
        "asserted",
    ),
    (
        "'call ... as' ('calls the article as \"sloppy\"')",
        'The league calls the first article by the Gazette as "sloppy and confusing".',
        "mixed",
        "The league",
        "calls",
        ('the first article by the Gazette as "sloppy and confusing',),
        "asserted",
    ),
    (
        # the parse made the cue the clausal subject of what it reports, and the reported
        # subject the cue's object
        "cue parsed as the subject of its clause",
        "The airline maintains safety has not been compromised.",
        "indirect",
        "The airline",
        "maintains",
        ("safety has not been compromised",),
        "denied",
    ),
    (
        # the parse gave the verb two subjects, the phrase and the name that ends it
        "a name the parse split from its phrase",
        "A probe by news agency Reuters discovered Acme was able to cut tax by paying fees to"
        " other parts of its business.",
        "indirect",
        "A probe by news agency Reuters",
        "discovered",
        ("Acme was able to cut tax by paying fees to other parts of its business",),
        "asserted",
    ),
    (
        "what a cause is blamed on",
        "The airline blames the delays on a shortage of ground staff.",
        "indirect",
        "The airline",
        "blames",
        ("the delays on a shortage of ground staff",),
        "asserted",
    ),
    (
        "denied account beside the denied object",
        "Acme on Thursday denied conclusions in a recent news report that it hid patient"
        " complaints to fill its beds.",
        "indirect",
        "Acme",
        "denied",
        ("that it hid patient complaints to fill its beds",),
        "denied",
    ),
    (
        "a phrasal verb that rejects an account through its preposition",
        "The carrier pushed back against claims that its pilots were overworked.",
        "indirect",
        "The carrier",
        "pushed",
        ("that its pilots were overworked",),
        "denied",
    ),
    (
        "hitting back at a report",
        "The ferry operator hit back at the report that its boats sailed with too many passengers.",
        "indirect",
        "The ferry operator",
        "hit",
        ("that its boats sailed with too many passengers",),
        "denied",
    ),
    (
        "a denied account told in the passive",
        "The bank has rejected claims that its branch is run by a single clerk.",
        "indirect",
        "The bank",
        "has rejected",
        ("that its branch is run by a single clerk",),
        "denied",
    ),
    (
        "a reporting verb the tagger reads as a noun",
        "A whistleblower claims that the valves were never tested.",
        "indirect",
        "A whistleblower",
        "claims",
        ("that the valves were never tested",),
        "denied",
    ),
    (
        "a reporting verb read as a noun, its clause read as a relative one",
        "One engineer claims that is exactly how the valves failed.",
        "indirect",
        "One engineer",
        "claims",
        ("that is exactly how the valves failed",),
        "asserted",
    ),
    (
        "a work named by its activity, as the subject of what it showed",
        "Filming on a pump production line showed Acme's promises to workers were broken.",
        "indirect",
        "Filming on a pump production line",
        "showed",
        ("Acme's promises to workers were broken",),
        "asserted",
    ),
    (
        "a perfect participle after the clause, said by the clause's subject",
        "Acme closed the plant in May, having said that the pumps were safe.",
        "indirect",
        "Acme",
        "having said",
        ("that the pumps were safe",),
        "asserted",
    ),
]


def _attributed(text: str, nlp: Any) -> list[Claim]:
    """The claims a speaker makes (no own voice, no relayed account: see
    `test_a_denial_relays_the_account_it_denies`)."""
    (analysis,) = analyse_texts(nlp, [text])
    return [c for c in analysis.claims if c.kind not in ("asserted", "account")]


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "cue", "pieces", "polarity"),
    [row[1:] for row in LAYOUTS],
    ids=[row[0] for row in LAYOUTS],
)
def test_layouts(
    nlp: Any,
    text: str,
    kind: str,
    speaker: str | None,
    cue: str | None,
    pieces: tuple[str, ...],
    polarity: str,
) -> None:
    claims = _attributed(text, nlp)
    assert len(claims) == 1, claims
    claim = claims[0]
    assert (claim.kind, claim.polarity) == (kind, polarity)
    assert (claim.speaker.text if claim.speaker else None) == speaker
    assert (claim.cue.text if claim.cue else None) == cue
    assert tuple(p.text for p in claim.pieces) == pieces
    for span in (*claim.pieces, claim.content, claim.speaker, claim.cue):
        if span is not None:
            assert text[span.start : span.end] == span.text


def test_own_voice_is_asserted(nlp: Any) -> None:
    (claim,) = extract_claims(nlp("The recall may have covered as many as 40,000 jars."))
    assert (claim.kind, claim.speaker, claim.cue) == ("asserted", None, None)
    assert claim.content.text == "The recall may have covered as many as 40,000 jars"
    assert claim.hedged
    assert any("40,000" in q for q in claim.quantities)


def test_claim_records_its_dates_and_entities(nlp: Any) -> None:
    (claim,) = _attributed("Kestrel said the outage on March 3 lasted 13 hours.", nlp)
    assert "March 3" in claim.dates
    assert "13 hours" in claim.dates or "13 hours" in claim.quantities


def test_coordinated_report_is_its_own_claim(nlp: Any) -> None:
    text = "Ferro said the system was disengaged, and regulators said that it was engaged."
    claims = _attributed(text, nlp)
    assert [(c.speaker.text if c.speaker else None, c.text) for c in claims] == [
        ("Ferro", "the system was disengaged"),
        ("regulators", "that it was engaged"),
    ]


def test_an_attribution_heading_a_trailing_report_is_relayed(nlp: Any) -> None:
    # "X insists that A, but B, the paper reports": A is X's claim, B the paper's
    text = (
        "Orlin insists that its drone, the Kite, is only intended for use against wildfires and"
        " floods, but border agencies have been using it to watch migrants, aid workers, and"
        " farmers across the region, the Tribune reports."
    )
    claims = _attributed(text, nlp)
    assert sorted((c.speaker.text if c.speaker else None, c.text) for c in claims) == [
        (
            "Orlin",
            "that its drone, the Kite, is only intended for use against wildfires and floods",
        ),
        (
            "the Tribune",
            "border agencies have been using it to watch migrants, aid workers, and farmers"
            " across the region",
        ),
    ]
    for claim in claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text


def test_hedged_claim(nlp: Any) -> None:
    (claim,) = extract_claims(nlp("The agent reportedly deleted the environment twice."))
    assert claim.hedged


@pytest.mark.parametrize(
    "text",
    [
        'He said "the fix is ready and then "we will ship it on Monday" to all users.',
        "“An opening mark with no end",
        '"""',
        "“”“”",
        "Kestrel said “",
    ],
)
def test_odd_quote_marks_never_crash_or_swallow(nlp: Any, text: str) -> None:
    for claim in _attributed(text, nlp):
        assert claim.content.end <= len(text)


def test_a_quote_attributed_in_its_last_paragraph_is_the_speakers_throughout(nlp: Any) -> None:
    # the newspaper convention: a quote left open at a paragraph's end goes on in the next
    # paragraph, which reopens it; here the attribution comes only at the end
    text = (
        "Ravi Sen gave the Courier an interview on Monday.\n\n"
        "“Our reporting has shown for a year that the money came from the mill's own accounts.\n\n"
        "“Nothing in our story has been shown to be wrong,” said Sen in the interview."
    )
    claims = _attributed(text, nlp)
    assert [c.content.text for c in claims] == [
        "Our reporting has shown for a year that the money came from the mill's own accounts",
        "Nothing in our story has been shown to be wrong",
    ]
    assert {(c.kind, c.speaker.text if c.speaker else None) for c in claims} == {("direct", "Sen")}


def test_a_second_participle_hung_on_the_first_has_its_speaker(nlp: Any) -> None:
    text = (
        'Harwell responded to the news via email to the Courier, saying that "every generation '
        'of the mill surpasses its predecessors in output" and asserting that "return rates '
        'are in line if not lower than the industry average."'
    )
    claims = _attributed(text, nlp)
    assert [
        (c.speaker.text if c.speaker else None, c.cue.text if c.cue else None) for c in claims
    ] == [
        ("Harwell", "saying"),
        ("Harwell", "asserting"),
    ]


def test_the_sentences_of_a_quote_after_its_attribution_are_the_speakers(nlp: Any) -> None:
    # the page lost the first opening mark: the second sentence takes the speaker with no cue,
    # and the quote goes on for two more sentences, each a claim of the speaker's
    text = (
        'Harwell Mill is built with safety in mind," Harwell told the Courier. "Harwell\'s '
        "real-world return rates for past years differ significantly from the Courier's figures. "
        "While we respect the Courier, we don't believe these findings accurately reflect our "
        "record. We're proud of the marks the mill received in the Courier's own tests.\""
    )
    claims = _attributed(text, nlp)
    assert [c.speaker.text if c.speaker else None for c in claims] == ["Harwell"] * 4
    assert claims[-1].content.text.startswith("We're proud of the marks")


def test_police_who_find_a_body_make_no_claim(nlp: Any) -> None:
    assert _attributed("Police found the body of the driver in the river on Monday.", nlp) == []


def test_a_clause_the_page_denies_is_its_own_voice_whatever_cue_it_holds(nlp: Any) -> None:
    text = "It is simply not accurate that this research demonstrates the app is toxic for teens."
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.speaker, c.polarity, c.content.text) for c in analysis.claims] == [
        ("asserted", None, "denied", text.rstrip("."))
    ]
    (false,) = analyse_texts(nlp, ["It is false that our records show any missing payments."])
    (claim,) = false.claims
    assert (claim.kind, claim.polarity) == ("asserted", "denied")


def test_unclosed_quote_stays_in_its_paragraph(nlp: Any) -> None:
    text = "Ferro said “the data was clean.\nThe company shipped the update on Friday."
    (analysis,) = analyse_texts(nlp, [text])
    own = [c for c in analysis.claims if c.kind == "asserted"]
    assert [c.text for c in own] == ["The company shipped the update on Friday"]


@pytest.mark.parametrize(
    "text",
    [
        "Ferro admitted it.",
        "The agency has downplayed the risks.",
        # the page's charge: no words of the agency's
        "The agency massively downplayed a “catastrophic” fire in May to protect its budget.",
        "She denied them.",
        # offered goods, not words; a rubric's label, not a speaker
        "The Vantor V2 offers a range of just 40 miles.",
        "MARKET TIP: Hold at 540p",
        # a report's title naming its subject, not the subject speaking
        "Vantor Foods Inc: Hidden Debts, Inflated Sales and a Founder's Side Deals",
        # "per" of a rate names no source
        "The shares rose 5 per cent.",
        "The tour cost $20 per person.",
        "It earned 3 dollars per share.",
    ],
)
def test_contents_with_no_content_word_are_not_claims(nlp: Any, text: str) -> None:
    assert _attributed(text, nlp) == []


def test_hard_wrapped_lines_are_one_paragraph(nlp: Any) -> None:
    text = "Headline of the day\nOstrava Foods said its jars were sealed\nat the plant in May.\n"
    (analysis,) = analyse_texts(nlp, [text])
    assert [c.text for c in analysis.claims] == ["its jars were sealed at the plant in May"]


def test_a_block_wrapped_at_one_width_is_read_as_running_text(nlp: Any) -> None:
    text = (
        "Orbis Weekly\n\n"
        "A former technician says Ostrava Foods was running the line, known\n"
        "Hopper after its designer, at half speed for all of March. Several\n"
        "staff doubted the seal test, according to two former managers and\n"
        "notes seen by the paper.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    texts = [c.text for c in analysis.claims]
    assert any("known Hopper after its designer, at half speed" in t for t in texts), texts
    for claim in analysis.claims:  # offsets still point into the text as given
        content = claim.content
        assert text[content.start : content.end].replace("\n", " ") == content.text


def test_a_list_s_items_stay_apart() -> None:
    text = (
        "• The plant was closed in May after the audit found faults\n"
        "• Workers at the site were not paid for three weeks in March\n"
        "• The company says inspectors signed off on every batch in April\n"
    )
    assert len(paragraphs(text)) == 3


def test_a_headline_over_a_long_paragraph_stays_apart() -> None:
    text = (
        "Ostrava Foods Denies Its Jars Were Sealed Late at the Plant\n"
        "Ostrava Foods on Monday denied a report that its jars were sealed late, saying every batch"
        " was checked twice by the plant's own inspectors before it left the building.\n"
        "The company said it would publish the inspection logs.\n"
    )
    assert paragraphs(text)[0][1] == ("Ostrava Foods Denies Its Jars Were Sealed Late at the Plant")


def test_a_sentence_cut_by_blank_lines_is_joined_again() -> None:
    text = "The inspector said the jars were sealed by a\n\n\nmachine bought in 2019.\n\nNext."
    found = paragraphs(text)
    assert found[0] == (0, "The inspector said the jars were sealed by a   machine bought in 2019.")
    assert [p for _, p in found][1:] == ["Next."]


def test_a_work_s_relative_clause_is_no_account(nlp: Any) -> None:
    (analysis,) = analyse_texts(nlp, ["Ostrava rejected the report that experts wrote."])
    assert [c.kind for c in analysis.claims] == ["indirect"]


def test_a_list_of_that_clauses_after_the_cue_is_its_content(nlp: Any) -> None:
    # the parser makes the first that-clause the root and hangs "pointed" on it
    text = (
        "The inspectors pointed to the plant's thin records, which cover only March; that its"
        ' manager "signed off on batches he never saw"; and that its scales were last checked'
        " in 2019."
    )
    claims = [c for c in extract_claims(nlp(text)) if c.speaker is not None]
    assert [(c.speaker.text, c.cue.text) for c in claims if c.cue] == [
        ("The inspectors", "pointed")
    ]
    assert "its scales were last checked in 2019" in claims[0].text
    assert "signed off on batches" in claims[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Revealed: 40,000 jars of Ostrava puree were sealed after the deadline",
        "Confirmed: the plant shipped jars past their seal date",
        "Exclusive: inspectors found the seal logs rewritten in May",
    ],
)
def test_a_headline_label_before_a_colon_is_nobody_speaking(nlp: Any, text: str) -> None:
    (claim,) = extract_claims(nlp(text))
    assert (claim.kind, claim.speaker) == ("asserted", None)


def test_a_dateline_is_not_part_of_the_speaker(nlp: Any) -> None:
    text = (
        "HALDEN, March 2, 2024 — Halden Pumps Corporation (NASDAQ: HLDN) today issued a"
        " statement commenting on a misleading report published by Greyline Capital."
    )
    speakers = [c.speaker.text for c in extract_claims(nlp(text)) if c.speaker]
    assert speakers and all(s.startswith("Halden Pumps Corporation") for s in speakers), speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "OSLO (Wirecast) - Halden Pumps, the pump maker criticised by Greyline for its"
            " books, said its accounts were sound.",
            "Halden Pumps, the pump maker criticised by Greyline for its books",
        ),
        (
            "Oct 8 (Wirecast) - Oslo-based pump maker Halden said on Friday the report was false.",
            "Oslo-based pump maker Halden",
        ),
        (
            "TROMSO, June 3 Norwegian pump maker Halden said the report was false.",
            "Halden",
        ),
        ("BERGEN - Halden Pumps said the report was false.", "Halden Pumps"),
        # a dash that is no dateline's stays
        (
            "Ilse Marsh, a spokesperson for Halden - the pump maker - said the report was false.",
            "Ilse Marsh, a spokesperson for Halden - the pump maker",
        ),
    ],
)
def test_a_wire_dateline_is_not_part_of_the_speaker(nlp: Any, text: str, speaker: str) -> None:
    speakers = [c.speaker.text for c in extract_claims(nlp(text)) if c.speaker]
    assert speakers[:1] == [speaker], speakers


@pytest.mark.parametrize(
    "text",
    [
        "OSLO (Wirecast) – Halden Pumps said on Monday it “firmly rejects” the claims of fraud.",
        "BERGEN, Norway, May 4, 2023 (PUMPWIRE) -- Halden Pumps said on Monday it “firmly"
        " rejects” the claims of fraud.",
        "TROMSO – June 3, 2022 – Halden Pumps said on Monday it “firmly rejects” the claims.",
    ],
)
def test_a_dateline_the_parse_took_for_the_subject_is_nobody(nlp: Any, text: str) -> None:
    """A wire story's dateline with an en dash ("OSLO (Wirecast) – Halden said ..."), which the
    parse read as the subject, is blanked before parsing: the company speaks."""
    (analysis,) = analyse_texts(nlp, [text])
    speakers = [c.speaker.text for c in analysis.claims if c.speaker]
    assert speakers == ["Halden Pumps"]
    assert not any(c.content.text.startswith(("OSLO", "BERGEN")) for c in analysis.claims)


def test_a_short_capitalised_label_before_a_dash_is_no_dateline() -> None:
    from pipeline.nlp.furniture import undated

    assert undated("HLD – Halden's pumps fail again") == "HLD – Halden's pumps fail again"
    assert undated("OSLO – Halden said so.") == "       Halden said so."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“Over 80% of the flagged pumps were replaced before 2019”, indicates the pump maker.",
            "the pump maker",
        ),
        (
            "“We will keep checking every pump and act where needed”, assures the company.",
            "the company",
        ),
        ("“We never hid a fault from a customer”, says Ilse Marsh.", "Ilse Marsh"),
    ],
)
def test_a_speaker_after_the_quote_and_its_comma_is_no_object(
    nlp: Any, text: str, speaker: str
) -> None:
    """'“...”, assures the company.': with the comma after the closing mark the parse takes
    the speaker for the verb's object; it still speaks the quote."""
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.speaker.text if c.speaker else None) for c in analysis.claims] == [
        ("direct", speaker)
    ]


def test_what_a_side_argued_according_to_a_paper_is_the_paper_s_account(nlp: Any) -> None:
    """ "Acme also argued, according to the Ledger, that Y": where the parse hangs "according to"
    on the content, the claim is the Ledger's (the outer source), with Y for its content."""
    text = (
        "Halden also argued, according to the Ledger, that the inspection laws did not cover it"
        " because it was a supplier, not an operator."
    )
    (analysis,) = analyse_texts(nlp, [text])
    said = [(c.kind, c.speaker.text if c.speaker else None) for c in analysis.claims]
    assert said == [("according_to", "the Ledger")]
    assert analysis.claims[0].content.text.startswith("the inspection laws did not cover it")


def test_e_mails_are_one_word(nlp: Any) -> None:
    """ "e-mails" stays one token: split at its hyphen, the parse took "e" for the subject."""
    text = "Internal e-mails obtained by Kestrel show that the plant managers knew of the leak."
    (claim,) = extract_claims(nlp(text))
    assert claim.speaker is not None
    assert claim.speaker.text == "Internal e-mails obtained by Kestrel"
    # the parse reads "the Gazette show" as a noun phrase: the words still say who shows what
    text = "Internal e-mails obtained by the Gazette show that the plant managers knew of the leak."
    (claim,) = extract_claims(nlp(text))
    assert claim.speaker is not None and claim.cue is not None
    assert (claim.speaker.text, claim.cue.text) == (
        "Internal e-mails obtained by the Gazette",
        "show",
    )
    assert claim.content.text == "the plant managers knew of the leak"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Halden has been accused by the Gazette of hiding losses from its auditors.",
            "the Gazette",
            "Halden of hiding losses from its auditors",
        ),
        (
            "The plant was criticised by inspectors for ignoring the leaks.",
            "inspectors",
            "The plant for ignoring the leaks",
        ),
        # a reason is no charge: "for lack of evidence" says why, not what
        ("The claims were rejected by Halden for lack of evidence.", "Halden", "The claims"),
    ],
)
def test_what_a_passive_accusation_accuses_of_is_the_agent_s_claim(
    nlp: Any, text: str, speaker: str, content: str
) -> None:
    """ "A was accused by B of Y": B's claim that A did Y (the parse hangs "of Y" on B, whose
    phrase it is not); without it the content was "A" alone, no claim."""
    (claim,) = extract_claims(nlp(text))
    assert claim.speaker is not None and claim.speaker.text == speaker
    assert claim.text == content


def test_an_accusation_no_one_made_is_the_page_s_own_sentence(nlp: Any) -> None:
    text = (
        "Kestrel has audited pumps for years, and never once have we been accused by a regulator"
        " of lying."
    )
    (claim,) = extract_claims(nlp(text))
    assert (claim.kind, claim.speaker) == ("asserted", None)


def test_who_labelled_the_company_is_the_one_named_by_by(nlp: Any) -> None:
    # the parse reads "labelled" as the sentence's verb with the company as its subject
    text = (
        'Halden Pumps, the Norwegian pump maker labelled a "massive fraud" by Greyline'
        " Research, said on Friday it will open its books."
    )
    claims = [(c.speaker.text, c.text) for c in extract_claims(nlp(text)) if c.speaker]
    assert claims == [
        ("Greyline Research", 'a "massive fraud" by Greyline Research'),
        ("Halden Pumps, the Norwegian pump maker", "on Friday it will open its books"),
    ]


def test_a_relative_clause_of_denial_reports_no_claim_of_its_own(nlp: Any) -> None:
    # "that we firmly deny" relativises the charge: no claim "that firmly" by "we"
    claims = extract_claims(nlp("This is one more grave charge that we firmly deny."))
    assert [(c.speaker, c.text) for c in claims] == [
        (None, "This is one more grave charge that we firmly deny")
    ]


def test_a_title_case_heading_is_the_page_s_own_voice(nlp: Any) -> None:
    claims = extract_claims(nlp("Orbis Says It Never Promised the Sensors Would Steer the Car"))
    assert [(c.kind, c.speaker) for c in claims] == [("asserted", None)]


def test_questions_headings_and_bylines_are_not_claims(nlp: Any) -> None:
    for text in ("Who broke the billing console?", "Billing console outage", "By Mara Quill"):
        assert extract_claims(nlp(text)) == []


def test_offsets_point_into_the_document(nlp: Any) -> None:
    text = (
        "Billing outage\n\nKestrel said the outage lasted two hours.\n"
        "“It was user error,” said Dana Whitlock. The agent had full access, staff said."
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert len(analysis.claims) == 3
    for claim in analysis.claims:
        for span in (claim.content, claim.speaker, claim.cue, claim.sentence, *claim.parts):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_block_quote_after_a_content_ending_in_a_colon(nlp: Any) -> None:
    text = (
        "Meridian admitted that one line was closed in this notice:\n\n"
        "Inspectors say the seals failed. The north line stays shut until they are replaced.\n"
        "The plant employs 300 people."
    )
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.speaker.text if c.speaker else None, c.text) for c in analysis.claims]
    assert got == [
        (
            "Meridian",
            "that one line was closed in this notice "
            "The north line stays shut until they are replaced",
        ),
        ("Inspectors", "the seals failed"),  # an attribution inside the block stays its own
        (None, "The plant employs 300 people"),
    ]


def test_in_a_block_quote_we_and_an_unnamed_spokesperson_are_the_introducer_s(
    nlp: Any,
) -> None:
    text = (
        "Harwell continues:\n\n"
        "We disclose in our annual filing that one buyer may hold several accounts.\n\n"
        "The Ledger told the Courier in a statement:\n\n"
        "The Ledger's inquiry is the result of a year of reporting,” a spokesperson told the"
        " Courier. “Twelve former staff confirmed the relabelling of the filters.”"
    )
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.speaker.text if c.speaker else None, c.text) for c in analysis.claims]
    assert got == [
        ("Harwell", "that one buyer may hold several accounts"),
        (
            "The Ledger",
            "The Ledger's inquiry is the result of a year of reporting Twelve former staff"
            " confirmed the relabelling of the filters",
        ),
    ]


def test_questioning_a_side_s_claim_relays_it(nlp: Any) -> None:
    text = "Kestrel also questioned the mill's claim that only 2 percent of its users were bots."
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.kind, c.speaker.text if c.speaker else None, c.polarity) for c in analysis.claims]
    assert got == [("indirect", "Kestrel", "denied"), ("account", "the mill's claim", "asserted")]


def test_a_named_report_s_clause_is_its_outlet_s_wherever_it_is_mentioned(nlp: Any) -> None:
    text = (
        "The Ledger story that the mill hid its losses prompted an inquiry.\n\n"
        "The story that ran on Monday was long."
    )
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.kind, c.speaker.text if c.speaker else None, c.text) for c in analysis.claims]
    assert got[0] == ("account", "The Ledger story", "that the mill hid its losses")
    assert all(kind != "account" for kind, _, _ in got[1:])  # no outlet named, no clause


def _who_said(nlp: Any, text: str) -> list[tuple[str | None, str]]:
    """Each claim's speaker as written and the first 20 characters of what it says."""
    (analysis,) = analyse_texts(nlp, [text])
    return [(c.speaker.text if c.speaker else None, c.text[:20]) for c in analysis.claims]


def test_we_inside_a_quote_still_open_is_the_quoted_speaker_s(nlp: Any) -> None:
    text = (
        'The Kestrel report stated that "We spoke to 25 people, 5 of them its "customers". '
        "We believe our work is the most thorough to date, and the plant is idle.\n\n"
        "“We stand by it,” the firm wrote. We believe the matter is closed."
    )
    got = _who_said(nlp, text)
    assert got == [
        ("The Kestrel report", 'that "We spoke to 25'),
        ("The Kestrel report", "our work is the most"),
        ("the firm", "We stand by it"),
        ("We", "the matter is closed"),  # the quote closed: the page's "we"
    ]


def test_a_quote_running_over_a_paragraph_break_is_its_speaker_s(nlp: Any) -> None:
    text = (
        'Asked about the title, Vale said: "The title names my brother. They want to hurt him.'
        '\n\nThe figure of 900 times is only there to make a splash." Vale also spoke of '
        "the loans.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    quoted = [c for c in analysis.claims if "900 times" in c.text]
    assert len(quoted) == 1
    assert quoted[0].speaker is not None and quoted[0].speaker.text == "Vale"
    assert quoted[0].text.startswith("The title names my brother")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # the parse reads "it said" into the quote's own "Harbor notes that" clause
        (
            "Harbor rejected the short seller's valuation on Friday.\n\n"
            "“Harbor notes that the average target price of the 23 analysts covering Harbor "
            "amounts to €55 per share as of December 18th, 2015,” it said.",
            "it",
            "said",
        ),
        # a closing mark glued to the next word on the page
        (
            "Regulators are warning parents about the Rocker sleeper.\n\n"
            '"Harbor warns parents to stop using the sleeper when infants can roll over, but '
            'the reports show that some families still use it without the harness,"the '
            "company wrote in a press release.",
            "the company",
            "wrote",
        ),
    ],
    ids=["parse-missed", "glued-mark"],
)
def test_the_speaker_after_a_closing_quote_mark_is_the_quote_s(
    nlp: Any, text: str, speaker: str, cue: str
) -> None:
    (analysis,) = analyse_texts(nlp, [text])
    quoted = [c for c in analysis.claims if c.kind == "direct"]
    assert [(c.speaker and c.speaker.text, c.cue and c.cue.text) for c in quoted] == [
        (speaker, cue)
    ]


def test_a_quoted_report_of_what_a_named_side_said_is_that_side_s(nlp: Any) -> None:
    # the blog quotes the reporter's article, which reports what Ostrava said
    text = (
        "“It found that the rules were being broken at the factories,” Dana Reyes reports. "
        "“Ostrava said it strongly disagreed with the programme’s conclusions.”\n\n"
        "“Therefore, Ostrava’s reported stock build was due to weak sales,” Reyes wrote."
    )
    assert _who_said(nlp, text) == [
        ("Dana Reyes", "It found that the ru"),
        ("Ostrava", "it strongly disagree"),
        ("Reyes", "Therefore, Ostrava’s"),  # a possessive's "reported" reports nothing
    ]


def test_refusing_an_offer_or_advice_is_an_act_the_page_tells_of(nlp: Any) -> None:
    text = (
        "But executives at Harbor Bank, which has lent billions to the Vale companies, "
        "rejected their employees’ advice.\n\n"
        "Harbor rejected the allegations."
    )
    assert _who_said(nlp, text) == [(None, "executives at Harbor"), ("Harbor", "the allegations")]


def test_a_quoted_sentence_after_one_the_quote_opened_is_the_quote_s(nlp: Any) -> None:
    # the sentence before is inside the same quote: its subject (Kestrel Research, whom
    # the statement speaks of) is not the speaker of the next quoted sentence
    text = (
        "The insurer issued a press release in response:\n\n"
        '"Earlier today, Kestrel Research issued a report suggesting that our book value was '
        "overstated. Ostrava disagrees with the allegations in the report, and assures all "
        'shareholders that its accounts follow every applicable principle."'
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert _who_said(nlp, text) == [("The insurer", "Earlier today, Kestr")]
    assert "Ostrava disagrees" in analysis.claims[0].text


def test_a_list_of_a_side_s_allegations_is_that_side_s(nlp: Any) -> None:
    text = (
        "Kestrel's report makes, among other things, three main allegations:\n\n"
        "  • Vantor “overstated its orders” after two large buyers left;\n"
        "  • Vantor hid its debts from lenders.\n\n"
        "Vantor said in a statement that the report was wrong.\n\n"
        "  • The shares fell by a third."
    )
    got = _who_said(nlp, text)
    assert got == [
        # the list marker read as a space; a quoted item is the colon's quote (`quote_links`)
        ("Kestrel's report", "Vantor “overstated i"),
        ("Kestrel", "Vantor hid its debts"),
        ("Vantor", "that the report was "),
        (None, "The shares fell by a"),  # a list after no introduction: the page's
    ]
    assert paragraphs("  • Vantor hid it.") == [(0, "    Vantor hid it.")]


def test_a_list_after_a_side_s_saying_colon_is_that_side_s(nlp: Any) -> None:
    """ "Vantor insisted:" then a list: each item is Vantor's, the first too, whose relative
    clause ("terms that the agencies insisted on") is no one's saying."""
    text = (
        "Vantor has answered the report in a statement to the exchange.\n\n"
        "Vantor insisted:\n\n"
        "  • Temporary staff are hired on the same terms that the agencies insisted on from"
        " other firms;\n"
        "  • Drivers were not fined for being late;\n"
        "  • Its founder will review the contracts."
    )
    got = _who_said(nlp, text)
    assert got[1:] == [
        ("Vantor", "Temporary staff are "),
        ("Vantor", "Drivers were not fin"),
        ("Vantor", "Its founder will rev"),
    ]


def test_a_quote_over_wrapped_paragraphs_keeps_the_document_s_words(nlp: Any) -> None:
    # the store rebuilds a claim of several pieces from the document's text: each piece must
    # read as the document does, line breaks and all (wrapped lines are parsed with spaces)
    text = (
        "Harwell's statement:\n\n"
        "“The story says that we knew about the leak as early\n"
        "as the spring of 2021 but were slow to act at every\n"
        "turn. This is not true.\n\n"
        "“After the audit, no one ever stopped the engineers from\n"
        "looking into the leak — as they themselves said in\n"
        "May. Indeed the Ledger itself says, ‘the engineers\n"
        "widened the search.'”"
    )
    (analysis,) = analyse_texts(nlp, [text])
    (claim,) = analysis.claims
    assert len(claim.pieces) > 2
    assert all(p.text == text[p.start : p.end] for p in claim.pieces)


def test_a_named_possessor_before_a_colon_introduces_the_block_after_it(nlp: Any) -> None:
    text = (
        "As for why the reply came so late, here's Lindqvist's explanation:\n\n"
        "When the story ran, we knew it was wrong."
    )
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.speaker.text if c.speaker else None, c.text) for c in analysis.claims]
    assert got == [("Lindqvist", "it was wrong")]


def test_an_attribution_that_only_points_back_leaves_the_sentence_to_the_page(
    nlp: Any,
) -> None:
    text = "When confronted with the audit, he admitted it and left the same day."
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.text) for c in analysis.claims] == [("asserted", text[:-1])]


def test_a_clause_before_a_colon_is_not_the_content_of_a_verb_after_it(nlp: Any) -> None:
    text = "On this we can be very clear: Harwell has never found forged labels in any batch."
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.polarity, c.text) for c in analysis.claims] == [
        ("asserted", "denied", text[:-1])
    ]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("She reported the fault to her manager, but nothing happened", "asserted"),
        ("Nothing happened after she reported the fault", "denied"),
        ("The operator said nothing happened to the valves", "denied"),
        ("The clerk said none of the invoices were paid on time", "denied"),
        ("This is not merely an accident but a deliberate act", "asserted"),
        ("No customer lost any data", "denied"),
        ("He wasn’t aware of the complaints", "denied"),
        # a conviction frames the negated clause; a negated infinitive denies nothing
        ("The mill has good reason to believe that the list is not a list of its buyers", "denied"),
        ("We are confident that the seals were never replaced", "denied"),
        # evidence frames the negated clause as a conviction does
        ("The inspection showed the mill was not responsible for the flooding", "denied"),
        ("A review confirmed that no unpaid invoice was written off", "denied"),
        ("The inspection showed the mill kept its records", "asserted"),
        ("The clerk was determined not to be caught out again", "asserted"),
        # what a test found: its negated infinitive, and a finding joined to the test by "and"
        ("The seals were found not to contain lead", "denied"),
        ("The valves appeared not to work after the repair", "denied"),
        ("The pumps were inspected and found not to leak", "denied"),
        ("Inspectors have tested both filters and found no lead", "denied"),
        ("The mill kept its records and did not dump waste", "asserted"),
        ("The mill kept its records and chose not to sell them", "asserted"),
        # "Save" parsed as the root of an exception phrase
        ("Save for one small refund, none of the drafts were ever paid out", "denied"),
        # a negative adverbial, wherever the parser attaches it
        ("At no time has the manager given unwelcome attention to any clerk", "denied"),
        ("Late payment by suppliers in no way benefits the mill", "denied"),
        ("The mill closed at noon, with no time to spare", "asserted"),
        # negating words and phrases besides "not"
        ("The mill has hardly ever dumped waste into the river", "denied"),
        ("Nowhere did the clerk write down the figures", "denied"),
        ("The depot is far from being a polluter", "denied"),
        ("The manager did anything but hide the invoices", "denied"),
        ("The mill has refrained from selling its buyers' names", "denied"),
        ("The depot is far from the river", "asserted"),
        ("The mill no longer dumps waste into the river", "denied"),
    ],
)
def test_polarity_is_the_main_clause(nlp: Any, text: str, polarity: str) -> None:
    """A negation denies the content when it negates the main predicate or its core argument,
    whatever the apostrophe; one in a later clause ("..., but nothing happened") does not."""
    span = Span(text, 0, len(text))
    claim = Claim(kind="asserted", content=span, sentence=span)
    assert annotate(claim, nlp(text)).polarity == polarity


@pytest.mark.parametrize(
    "text",
    [
        "Any claims of durability we make are backed by independent testing.",
        "All the statements we make about our pumps are supported by data.",
    ],
)
def test_what_backs_a_statement_is_no_speaker(nlp: Any, text: str) -> None:
    """ "Y is backed by testing": the testing says nothing, the sentence is the page's own."""
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.speaker, c.text) for c in analysis.claims] == [("asserted", None, text[:-1])]


@pytest.mark.parametrize(
    "text",
    [
        "Nor had the mill ever shredded any files, its owner added in an interview.",
        "The mill said it had broken no laws. Nor, it said, had it ever shredded files.",
    ],
)
def test_a_clause_after_nor_is_denied(nlp: Any, text: str) -> None:
    """ "Nor" opens a negated clause, also where the parse leaves it out of the content."""
    polarities = [
        c.polarity for a in analyse_texts(nlp, [text]) for c in a.claims if "files" in c.text
    ]
    assert polarities == ["denied"]


@pytest.mark.parametrize(
    "text",
    [
        "The Ledger said Kestrel did not immediately respond to a request for comment.",
        "Harlow Medical did not return calls seeking comment, the paper said.",
        "The company declined to comment, the Gazette said.",
        "The analysts said Harlow Medical.",
    ],
)
def test_what_a_page_says_of_its_reporting_and_bare_names_are_no_claims(
    nlp: Any, text: str
) -> None:
    """ "did not respond to a request for comment" is about the reporting, not the matter; a bare
    name says who, not what: neither is a claim a side could contest."""
    (analysis,) = analyse_texts(nlp, [text])
    assert not analysis.claims, analysis.claims


def test_a_phone_call_is_no_description(nlp: Any) -> None:
    """Whom someone called, and when, is no speaker's claim ("on Monday" is no call on anyone),
    but calling them out for something is."""
    assert not _attributed("Dana Whitlock called the office on Monday.", nlp)
    (claim,) = _attributed("Icahn called out the board for “lapses in governance”.", nlp)
    assert claim.text.startswith("lapses in governance")


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Halvard Pumps has rejected a trade-journal report that its valves failed at three"
            " plants.",
            "a trade-journal report",
            "that its valves failed at three plants",
        ),
        (
            "Halvard disputed a claim made by two engineers in the Gazette story that the"
            " valves were tested only once.",
            "a claim made by two engineers in the Gazette story",
            "that the valves were tested only once",
        ),
        (  # parsed as a relative clause whose subject is "that", beside the clause's own
            "Ostrava Foods disputed a claim in the Courier story that jars sealed by hand are"
            " less safe.",
            "a claim in the Courier story",
            "that jars sealed by hand are less safe",
        ),
    ],
)
def test_a_denial_relays_the_account_it_denies(
    nlp: Any, text: str, speaker: str, content: str
) -> None:
    """ "X rejected a report that Y": X's denial of Y, and Y as the report's account (kind
    `account`, spoken by the account's own words), which speaker resolution gives to its side."""
    (analysis,) = analyse_texts(nlp, [text])
    by_kind = {c.kind: c for c in analysis.claims}
    assert set(by_kind) == {"indirect", "account"}
    denial, account = by_kind["indirect"], by_kind["account"]
    assert denial.polarity == "denied" and denial.text == content
    assert account.polarity == "asserted" and account.text == content
    assert account.speaker is not None and account.speaker.text == speaker


def test_an_abbreviation_before_a_lower_case_word_ends_no_sentence(nlp: Any) -> None:
    text = (
        "“The van was never driven above 50 m.p.h. as the paper says, nor did it stop at 9 a.m."
        " on the bridge. Our driver kept to the limit,” Ferro said."
    )
    doc = nlp(text)
    assert next(s.text for s in doc.sents).endswith("on the bridge.")
    (analysis,) = analyse_texts(nlp, [text])
    assert any("50 m.p.h. as the paper says, nor did it stop" in c.text for c in analysis.claims)


def test_an_abbreviation_at_a_sentence_s_end_still_ends_it(nlp: Any) -> None:
    doc = nlp("The plant moved to the U.S. The workers stayed behind in Ostrava.")
    assert len(list(doc.sents)) == 2
    doc = nlp("Sales of h.o.p. rose. The company said so. We met at 9 a.m. Then we left.")
    assert len(list(doc.sents)) == 4


def test_a_name_in_dotted_lower_case_letters_ends_no_sentence(nlp: Any) -> None:
    text = (
        "“Kestrel has made inaccurate statements about h.o.p. Foods and our business by relying "
        "on incomplete data,” it said."
    )
    assert len(list(nlp(text).sents)) == 1


def test_a_name_ending_in_a_question_mark_ends_no_sentence(nlp: Any) -> None:
    """ "Which?" and "Yahoo!" are names: a lower-case word after them carries the sentence on; a
    question's own mark still ends it."""
    text = "Harlow has made false claims about its refunds, Which? research has revealed."
    assert len(list(nlp(text).sents)) == 1
    assert len(list(nlp("Was the van safe? It was not.").sents)) == 2


def test_a_reporting_participle_after_a_content_is_a_second_claim(nlp: Any) -> None:
    text = "Kestrel said the outage lasted two hours, adding that no invoices were lost."
    claims = [(c.speaker.text if c.speaker else None, c.text) for c in _attributed(text, nlp)]
    assert claims == [
        ("Kestrel", "the outage lasted two hours"),
        ("Kestrel", "that no invoices were lost"),
    ]


def test_citing_people_claims_nothing(nlp: Any) -> None:
    text = (
        "According to the Ledger's account, which cited three people familiar with the matter,"
        " the agent chose to delete the environment."
    )
    assert not any("people familiar" in c.text for c in _attributed(text, nlp))


def test_template_lines_and_commands_are_no_claims(nlp: Any) -> None:
    text = (
        "Ostrava Foods said its jars were sealed at the plant in May.\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Feel free to share your view in the comments below.\n\n"
        "For more on how the jars were tested, read our guide to the inspection.\n\n"
        "In May, jars from the plant went on sale.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert [c.text for c in analysis.claims] == [
        "its jars were sealed at the plant in May",
        "In May, jars from the plant went on sale",
    ]


def test_a_name_the_parse_took_for_a_command_or_a_noun_still_asserts(nlp: Any) -> None:
    """ "Acme treats review content equally ..." is parsed with "Acme" as a command, and after
    "Additionally," with "content" as the root and "treats" hung on it: a subject and its verb
    either way, the page's own claim."""
    text = (
        "Acme treats review content equally for advertisers and non-advertisers alike.\n\n"
        "Additionally, Acme treats review content equally for advertisers and non-advertisers"
        " alike.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert [c.text for c in analysis.claims] == [
        "Acme treats review content equally for advertisers and non-advertisers alike",
        "Additionally, Acme treats review content equally for advertisers and non-advertisers"
        " alike",
    ]


def test_a_time_stamp_line_is_furniture_and_runs_into_nothing(nlp: Any) -> None:
    """The byline block's "Wednesday 9 December 2015 21.56 GMT Last modified on ..." is no part
    of the sentence on the line after it."""
    text = (
        "Jo Doe and Sam Roe\n"
        "Wednesday 9 May 2018 21.56 GMT Last modified on Thursday 10 May 2018 01.00 GMT\n"
        "Temporary workers at the mill are paid less than the law allows, the Ledger can reveal.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert [c.text for c in analysis.claims] == [
        "Temporary workers at the mill are paid less than the law allows"
    ]


def test_a_column_of_tags_is_not_run_together() -> None:
    tags = ["Ostrava Foods recall", "jar seal faults", "food safety audit", "plant inspectors"]
    text = "Tags:\n\n" + "\n".join([*tags, "quality control lapses"]) + "\n"
    assert [p for _, p in paragraphs(text)][1:] == [*tags, "quality control lapses"]


def test_a_content_cut_at_an_aside_s_closing_dash_runs_on() -> None:
    """The small parser may hang the verb after an aside between dashes outside the content
    ("how Palisade – a firm run by X – used the records": content "how Palisade – a firm run by
    X"); the content then runs on to the sentence's end (a pure function of the spans)."""
    from pipeline.nlp.claims import _past_parenthesis

    text = (
        "A clerk revealed how Palisade – a firm run by Oskar Brandt – used voter records in 2019."
    )
    cut = text.index(" – used")
    sentence = Span(text, 0, len(text))
    start = text.index("how")
    claim = Claim("indirect", Span(text[start:cut], start, cut), sentence)
    whole = _past_parenthesis(claim, text, [claim])
    assert (
        whole.content.text
        == "how Palisade – a firm run by Oskar Brandt – used voter records in 2019"
    )
    # a content that closes its own aside, or that has none, stays
    closed = text.index(" in 2019")
    shut = Claim("indirect", Span(text[start:closed], start, closed), sentence)
    assert _past_parenthesis(shut, text, [shut]) is shut


def test_an_aside_followed_by_its_attribution_stays_apart(nlp: Any) -> None:
    text = (
        "More than half of the clinic's advice is unproven — or plainly wrong — according to a"
        " national nursing journal."
    )
    (claim,) = extract_claims(nlp(text))
    assert (
        claim.content.text == "More than half of the clinic's advice is unproven — or plainly wrong"
    )


def test_read_reports_only_what_a_written_work_says(nlp: Any) -> None:
    text = "Analysts read the figures as a sign that the mill was failing."
    assert _attributed(text, nlp) == []


def test_a_thing_that_threatens_makes_no_threat(nlp: Any) -> None:
    text = "The yard has been plagued by weak oversight that has threatened to compromise safety."
    assert _attributed(text, nlp) == []
    (claim,) = _attributed("The union threatened to strike in May.", nlp)
    assert claim.speaker is not None and claim.speaker.text == "The union"


def test_what_a_text_says_is_no_claim_of_its_own(nlp: Any) -> None:
    text = "The Ledger's account is a gross misrepresentation of what the memo actually says."
    assert _attributed(text, nlp) == []
    (claim,) = _attributed("Okafor posted pictures of what he said are five new ferries.", nlp)
    assert claim.content.text == "are five new ferries"


def test_shooting_down_a_thing_is_no_denial(nlp: Any) -> None:
    assert _attributed("The coastguard shot down a drone over the harbour.", nlp) == []


@pytest.mark.parametrize(
    "text",
    ["The coach hit back at the referee after the game.", "Acme pushed back on the timing."],
)
def test_hitting_back_at_no_account_is_no_denial(nlp: Any, text: str) -> None:
    assert _attributed(text, nlp) == []


def test_a_name_read_as_an_adjective_claims_to(nlp: Any) -> None:
    """The tagger reads "Mossgate claims" as an adjective and a plural noun; a name the page
    uses in mid-sentence is the speaker, a common adjective ("False claims") is not."""
    text = "(Mossgate claims to have four million listeners.) Fans of Mossgate left."
    (claim,) = _attributed(text, nlp)
    assert (claim.speaker.text if claim.speaker else None, claim.content.text) == (
        "Mossgate",
        "to have four million listeners",
    )
    assert claim.cue is not None and claim.cue.text == "claims"
    assert _attributed("The claims that the valves failed are untrue.", nlp) == []


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board raised its fees twice last year, which shows that it knew of the"
        " shortfall.",
        'It is wrong to say that "the ferry sailed overloaded", as the headline states – which'
        " shows how little the writer knows about ferries.",
    ],
)
def test_what_a_whole_clause_shows_is_the_page_s_inference(nlp: Any, text: str) -> None:
    """A "which" that stands for the clause before it speaks for no one: the sentence stays
    the page's own claim, with the denial it holds."""
    (analysis,) = analyse_texts(nlp, [text])
    assert [c.kind for c in analysis.claims] == ["asserted"]
    assert analysis.claims[0].speaker is None


def test_a_view_that_is_no_one_s_is_no_attribution(nlp: Any) -> None:
    (analysis,) = analyse_texts(nlp, ["In view of the storm, the ferry stayed in port all week."])
    assert [c.kind for c in analysis.claims] == ["asserted"]


def test_what_a_page_sets_against_an_attributed_claim_after_but_is_its_own(nlp: Any) -> None:
    """ "Vantor insists its pumps are safe, but it does not appear that way from our tests": the
    page's own assertion follows the company's claim. A "but" that opens another attribution,
    or that continues the speaker's own quote, makes no claim of the page's."""
    text = "Vantor insists its pumps are safe, but it does not appear that way from our own tests."
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.content.text) for c in analysis.claims] == [
        ("indirect", "its pumps are safe"),
        ("asserted", "it does not appear that way from our own tests"),
    ]
    other = "Vantor says all staff get four days of training, but former staff said it was cut."
    (analysis,) = analyse_texts(nlp, [other])
    assert [c.kind for c in analysis.claims] == ["indirect", "indirect"]
    quoted = '"Our pumps are safe, but we will test them again in May," Vantor said.'
    (analysis,) = analyse_texts(nlp, [quoted])
    assert [c.kind for c in analysis.claims] == ["direct"]
    # what a speaker only welcomes has no clause of its own: the page's "but" may come later
    later = (
        "We welcome scrutiny, and indeed get questions from reporters all the time, but this"
        " article is misleading and draws false conclusions."
    )
    (analysis,) = analyse_texts(nlp, [later])
    assert analysis.claims[-1].kind == "asserted"
    assert analysis.claims[-1].content.text == (
        "this article is misleading and draws false conclusions"
    )


def test_a_second_speaker_set_against_the_first_after_while_has_its_own_claim(nlp: Any) -> None:
    """ "Vantor said its revenue rose 12%, while Kestrel estimates that sales fell": the first
    claim ends at "while", and Kestrel's is its own."""
    text = "Vantor said its revenue rose 12% last year, while Kestrel estimates that sales fell."
    (analysis,) = analyse_texts(nlp, [text])
    said = [(c.speaker.text if c.speaker else None, c.content.text) for c in analysis.claims]
    assert said == [("Vantor", "its revenue rose 12% last year"), ("Kestrel", "sales fell")]


def test_a_trailing_cue_the_parse_hung_on_its_clause_as_an_adverbial(nlp: Any) -> None:
    """ "Once installed, Harwell could track users across sites, the Ledger charged.", parsed with
    "charged" an adverbial of "track" (as the model parses it with some names of papers): the
    clause is still what the Ledger charged."""
    from spacy.tokens import Doc

    parsed = nlp(
        "Once installed, Harwell then could track user movement across a wide number of Web"
        " sites, the WSJ charged."
    )
    assert [t.dep_ for t in parsed if t.text in ("track", "charged")] == ["ROOT", "advcl"]
    doc = Doc(
        nlp.vocab,
        words=["Ledger" if t.text == "WSJ" else t.text for t in parsed],
        spaces=[bool(t.whitespace_) for t in parsed],
        tags=[t.tag_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        lemmas=["Ledger" if t.text == "WSJ" else t.lemma_ for t in parsed],
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],
    )
    (claim,) = [c for c in extract_claims(doc) if c.kind != "asserted"]
    assert claim.speaker is not None and claim.cue is not None
    assert (claim.kind, claim.speaker.text, claim.cue.text) == ("indirect", "the Ledger", "charged")
    assert claim.content.text == (
        "Once installed, Harwell then could track user movement across a wide number of Web sites"
    )


def test_a_relative_pronoun_before_the_speaker_is_not_the_speaker(nlp: Any) -> None:
    """ "the factory which it said produced garments for Vantor": "it" said so, not "which"."""
    text = (
        "The article focused on the Harlow Knitwear factory which it said produced garments for"
        " Vantor and its Blue Fox brand."
    )
    (claim,) = _attributed(text, nlp)
    assert claim.speaker is not None and claim.speaker.text == "it"
    assert claim.content.text == "produced garments for Vantor and its Blue Fox brand"


def test_a_day_or_a_bare_verb_makes_no_claim(nlp: Any) -> None:
    """ "After Friday's announcement that Y": a day is no speaker; "the files that powerful
    people don't want published": a content of one bare verb says nothing."""
    for text in (
        "After Friday’s announcement that it had suspended the firm from the platform, Vantor"
        " issued an update on Saturday morning.",
        "The Ledger has a long record of verifying leaks of the most sensitive files that"
        " powerful people don’t want published.",
    ):
        assert _attributed(text, nlp) == [], text


def test_a_company_described_after_a_dash_and_although_has_its_own_claim(nlp: Any) -> None:
    """ "A study finds that A - although the retail giant claims B": the study's claim ends at
    the dash, and B is the company's, named by what it is."""
    text = (
        "A new study finds that the scanners in Harwell depots are causing more eye strain among"
        " staff - although the retail giant claims the devices reduce strain."
    )
    (analysis,) = analyse_texts(nlp, [text])
    said = [(c.speaker.text if c.speaker else None, c.content.text) for c in analysis.claims]
    assert said == [
        (
            "A new study",
            "that the scanners in Harwell depots are causing more eye strain among staff",
        ),
        ("the retail giant", "the devices reduce strain"),
    ]


def test_words_of_saying_the_parse_missed(nlp: Any) -> None:
    """A name, a verb of saying and "that" read from the words where the parse found no cue;
    what the page adds after ", but" stays its own."""
    from pipeline.nlp.layouts import surface_attribution
    from pipeline.nlp.quotes import find_quotes

    doc = nlp(
        "The apps break the rules. Vantor claims on the apps pages that run times are at least"
        " 91 days, but they are not."
    )
    claim = surface_attribution(list(doc.sents)[-1], [])  # a sentence inside its paragraph
    assert claim is not None and claim.speaker is not None and claim.cue is not None
    assert (claim.speaker.text, claim.cue.text) == ("Vantor", "claims")
    assert claim.content.text == "run times are at least 91 days"
    # with an appositive, where the parse read the sentence as one long noun phrase
    doc = nlp(
        "Jo Ellison, Vantor's VP of Trust Engineering, wrote in a blog that the test is wrong"
        " and the pump is safe."
    )
    claim = surface_attribution(next(iter(doc.sents)), [])
    assert claim is not None and claim.speaker is not None
    assert claim.speaker.text == "Jo Ellison, Vantor's VP of Trust Engineering"
    assert claim.content.text == "the test is wrong and the pump is safe"
    for text in (
        "It claims on its pages that run times are at least 91 days.",  # a pronoun: the parse's
        "Vantor claims the pumps are safe.",  # no "that": the parse's to read
        "Vantor claims that “the figures are wrong and were never checked.”",  # a quote
    ):
        assert surface_attribution(next(iter(nlp(text).sents)), find_quotes(text)) is None


def test_a_quote_is_not_attributed_over_a_sentence_of_its_own(nlp: Any) -> None:
    """ "Shares fell after Birch disclosed a letter. The firm added: “...”": the quote is the
    firm's, not the verb's of the sentence before (whose words run on to "added:")."""
    text = (
        "Shares of Vantor have continued lower after research firm Birch Capital disclosed a"
        " letter. The firm added: “In our view, Vantor has used aggressive accounting.”"
    )
    quoted = [c for c in _attributed(text, nlp) if c.kind == "direct"]
    assert [
        (c.speaker.text if c.speaker else None, c.cue.text if c.cue else None) for c in quoted
    ] == [("The firm", "added")]


def test_quoted_as_saying_is_the_quoted_s_or_the_quoting_outlet_s(nlp: Any) -> None:
    """ "X quoted Y as saying Z": a named or official Y speaks; unnamed officials are the
    outlet's sources, and the outlet speaks; "He was quoted ... as saying": he speaks. Nothing
    inside the frame ("what it says are officials") is a claim of its own."""
    text = (
        "The Ledger quotes what it says are a current official and a former official as saying"
        " they worked with Acme staff on the phone hacks.\n\n"
        "The Daily Example quoted two police officers as saying they had seen the logs.\n\n"
        "Reuters quoted a company spokesman as saying that the plant was shut in May.\n\n"
        "He was quoted in the Ledger as saying that the shares would recover within a year.\n\n"
        '"So they did not and could not test the valves in 2004," the paper quoted Acme as'
        " saying."
    )
    assert _who_said(nlp, text) == [
        ("The Ledger", "they worked with Acm"),
        ("The Daily Example", "they had seen the lo"),
        ("a company spokesman", "the plant was shut i"),
        ("He", "the shares would rec"),
        ("Acme", "they did not and cou"),
    ]


def test_why_a_source_is_unnamed_is_no_claim(nlp: Any) -> None:
    """ "A worker, who asked to remain anonymous, said Y": Y is the worker's claim, and "to
    remain anonymous" none."""
    text = (
        "A worker, who asked to remain anonymous, said the shifts were long.\n\n"
        "A manager who asked not to be named said pay was cut."
    )
    assert _who_said(nlp, text) == [
        ("A worker", "the shifts were long"),
        ("A manager", "pay was cut"),
    ]


def test_a_clause_subject_parsed_as_the_cue_s_object_stays_in_the_content(nlp: Any) -> None:
    """ "denied this type of access | was possible": the parse makes "this type of access" the
    verb's object and leaves the clause without a subject; the content keeps it."""
    text = "But the mill strenuously denied this type of remote access was possible."
    (analysis,) = analyse_texts(nlp, [text])
    assert [
        (c.speaker.text if c.speaker else None, c.text, c.polarity) for c in analysis.claims
    ] == [("the mill", "this type of remote access was possible", "denied")]


def test_a_decision_to_act_is_no_claim_but_a_claim_that_is(nlp: Any) -> None:
    """ "The mill's decision to cut the checks" is an act the page tells of; "the mill's claim
    that the checks were cut" is the mill's claim."""
    acts = "The mill's decision to cut the safety checks was taken in May."
    said = "The mill's claim that the safety checks were never cut was repeated in May."
    assert [c.speaker for c in analyse_texts(nlp, [acts])[0].claims] == [None]
    assert [
        (c.speaker.text if c.speaker else None) for c in analyse_texts(nlp, [said])[0].claims
    ] == ["The mill's"]


def test_a_clause_before_an_attribution_joined_by_and_is_the_page_s(nlp: Any) -> None:
    """ "A, and the agencies have confirmed that B": A is the page's own statement, not lost to
    B's attribution; a clause that only frames the next ("When X ..., ") is not."""
    text = (
        "No mill employees are engaged on zero-hours contracts, and the agencies have confirmed"
        " to us that none of their workers are either.\n\n"
        "When the paper reached out to the agencies, they said the contracts were fair."
    )
    assert _who_said(nlp, text) == [
        (None, "No mill employees ar"),
        ("the agencies", "that none of their w"),
        ("they", "the contracts were f"),
    ]


def test_by_claiming_is_the_claim_of_the_act_s_subject(nlp: Any) -> None:
    """ "X spread misinformation by falsely claiming that A, and by falsely stating that B": X
    claims A and B (and the page that says "falsely" denies them, see `speakers`)."""
    text = (
        "You and the Kestrel Group continue to spread misinformation about Acme, by falsely"
        " claiming that its brakes will not detect cyclists, and by falsely stating that the"
        " feature will hit cyclists when it is engaged."
    )
    assert _who_said(nlp, text) == [
        ("You and the Kestrel Group", "that its brakes will"),
        ("You and the Kestrel Group", "that the feature wil"),
    ]


def test_it_is_alleged_by_x_that_is_x_s_claim(nlp: Any) -> None:
    """ "It's alleged by Acme that Y", "It is claimed by the mill that Y": the agent's claim, Y
    its content (not "It", which only holds the clause's place)."""
    text = (
        "It’s alleged by Acme that one of its staff saw a script written before the test.\n\n"
        "It is claimed by the mill that the logs were fine."
    )
    assert _who_said(nlp, text) == [
        ("Acme", "that one of its staf"),
        ("the mill", "that the logs were f"),
    ]


def test_a_clause_before_a_trailing_cue_is_its_content(nlp: Any) -> None:
    """ "As part of a plan to X, the agency arranged Y, the Ledger has learned.": the parse hangs
    the clause on the cue at the sentence's end as an adverbial; it is what the Ledger learned."""
    text = (
        "As a key part of a campaign to hide its waste, the state agency arranged a secret $4"
        " million payment to Acme, one of the largest chemical makers in the region, the Ledger"
        " has learned."
    )
    (claim,) = analyse_texts(nlp, [text])[0].claims
    assert claim.speaker is not None and claim.speaker.text == "the Ledger"
    assert claim.content.text.endswith("one of the largest chemical makers in the region")
    assert "arranged a secret $4 million payment" in claim.content.text


def test_an_object_with_an_aside_runs_on_into_its_predicate(nlp: Any) -> None:
    """ "Ana Ruiz and I show Acme Vision, a tool the company sells to police, exhibits bias":
    the object's aside closes with a comma and the predicate after it is still the content."""
    text = (
        "In our recent study of errors in commercial face scanners, Ana Ruiz and I show Acme"
        " Vision, a tool the company sells to police, exhibits gender and racial bias for age"
        " estimates."
    )
    (claim,) = analyse_texts(nlp, [text])[0].claims
    assert claim.content.text.startswith("Acme Vision, a tool the company sells to police,")
    assert claim.content.text.endswith("exhibits gender and racial bias for age estimates")


def test_who_was_told_or_could_not_prove_claims_nothing(nlp: Any) -> None:
    """ "..., as the Ledger was repeatedly told": the Ledger was told, it said nothing; "a drug
    it couldn't prove worked" and "X did not show that Y": no claim of the subject's. Each
    sentence stays the page's own; "The Ledger was told by two managers that Y" is theirs."""
    text = (
        "All profits from the deals are included in Acme's tax returns, as the Ledger was"
        " repeatedly told.\n\n"
        "This is the story of how a drug maker misled doctors into prescribing Zentrol, which it"
        " couldn't prove actually worked for teenagers.\n\n"
        "The firm did not show that the pills were safe.\n\n"
        "The Ledger was told by two managers that the plant would close."
    )
    assert _who_said(nlp, text) == [
        (None, "All profits from the"),
        (None, "This is the story of"),
        (None, "The firm did not sho"),
        ("two managers", "that the plant would"),
    ]


def test_a_figure_corrected_against_what_a_side_reported_is_the_page_s_own(nlp: Any) -> None:
    """ "The boy is 19 years old – not 12, as reported by the Ledger": the page corrects the
    Ledger, whose report is only the figure it rejects, as it does where the clause says the
    Ledger was wrong ("as wrongly reported by"); "as Kestrel noted" after "not" agrees with the
    correction and stays Kestrel's."""
    for text in (
        "The boy in the photograph, Sam Ode, is 19 years old – not 12 years old, as reported by "
        "the Ledger.",
        "The boy is 19 years old, not 12, as the Ledger claimed.",
        # what the "as" clause says was written wrongly is denied, not its writer's claim
        "The plant is not closed, as wrongly reported by the Ledger.",
    ):
        (analysis,) = analyse_texts(nlp, [text])
        assert [(c.kind, c.speaker) for c in analysis.claims] == [("asserted", None)], text
    noted = "The outage lasted two hours, not minutes, as Kestrel noted."
    (analysis,) = analyse_texts(nlp, [noted])
    assert [c.speaker.text if c.speaker else None for c in analysis.claims] == ["Kestrel"]


def test_evidence_that_backs_a_finding_says_nothing_itself(nlp: Any) -> None:
    """ "ignoring the body of research that supports the agency's ruling that Y": the research is
    no speaker, and the sentence stays the page's own words."""
    text = (
        "The series paints a misleading picture of the implant by leaning on anecdotes, ignoring "
        "the body of research that supports the agency's ruling that its benefits outweigh its "
        "risks."
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert [(c.kind, c.speaker) for c in analysis.claims] == [("asserted", None)]
    (analysis,) = analyse_texts(nlp, ["Senators who support the bill said it would pass."])
    assert [c.speaker.text if c.speaker else None for c in analysis.claims] == ["Senators"]


def test_a_second_speaker_after_while_without_a_comma_has_its_own_claim(nlp: Any) -> None:
    """ "Vantor says the tank is sound while the Ledger says that it leaks": no comma before
    "while", and the Ledger's claim is still its own, not folded into Vantor's."""
    text = "Vantor says the tank is sound while the Ledger says that it leaks."
    (analysis,) = analyse_texts(nlp, [text])
    said = [(c.speaker.text if c.speaker else None, c.content.text) for c in analysis.claims]
    assert said == [("Vantor", "the tank is sound"), ("the Ledger", "it leaks")]


def test_clauses_reported_with_and_that_are_one_claim_each(nlp: Any) -> None:
    """ "said it acted on what it knew and that it did not hide any data": two statements, the
    second denied on its own; words inside quotation marks stay whole."""
    text = "The operator said it acted on what it knew then and that it did not hide any data."
    (analysis,) = analyse_texts(nlp, [text])
    said = [(c.content.text, c.polarity) for c in analysis.claims]
    assert {c.speaker.text if c.speaker else None for c in analysis.claims} == {"The operator"}
    assert said == [
        ("it acted on what it knew then", "asserted"),
        ("it did not hide any data", "denied"),
    ]
    (analysis,) = analyse_texts(nlp, ['She said: "We knew it and that it was wrong."'])
    assert len(analysis.claims) == 1


def test_a_block_quote_after_via_and_a_name_is_that_source_s(nlp: Any) -> None:
    """A blog's "Via The Harbour Ledger:" cites the paragraph after it, printed without quote
    marks; the paragraph after that is the page's own again."""
    text = (
        "The Harbour Ledger accused Meridian of hiding the leak. Via The Harbour Ledger:\n\n"
        "In the control room, the shift manager switched off the alarm twice.\n\n"
        "The plant employs 300 people."
    )
    got = _who_said(nlp, text)
    assert got[1:] == [
        ("Harbour Ledger", "In the control room,"),
        (None, "The plant employs 30"),
    ]


def test_an_update_telling_news_is_read_and_a_correction_is_not(nlp: Any) -> None:
    text = (
        "Ferry cancelled after inspection\n\n"
        "Update: Ostrava Lines said in a statement that the ferry had passed its inspection.\n\n"
        "Correction: An earlier version of this story said the ferry had failed its inspection.\n"
    )
    assert _who_said(nlp, text) == [
        (None, "Ferry cancelled afte"),
        ("Ostrava Lines", "that the ferry had p"),
    ]


def test_a_statement_given_in_full_is_the_introducer_s_up_to_the_next_introduction(
    nlp: Any,
) -> None:
    """ "Here's the full response from Meridian:" then its paragraphs without quote marks: each
    claim Meridian's, a claim of its own, up to "And here are the claims from the Ledger
    report:", whose paragraph is the report's."""
    text = (
        "Meridian has shot back at the paper.\n\n"
        "Here's the full response from Meridian:\n\n"
        "Our seals are tested every month.\n\n"
        "The group that wrote the report is a short seller.\n\n"
        "And here are the claims from the Ledger report:\n\n"
        "All of the seals tested had failed.\n"
    )
    assert _who_said(nlp, text) == [
        (None, "Meridian has shot ba"),
        ("Meridian", "Our seals are tested"),
        ("Meridian", "The group that wrote"),
        ("the Ledger report", "All of the seals tes"),
    ]


def test_a_block_quote_not_given_in_full_is_one_paragraph(nlp: Any) -> None:
    text = (
        "Meridian put it this way:\n\n"
        "Our seals are tested every month.\n\n"
        "The plant employs 300 people.\n"
    )
    assert _who_said(nlp, text) == [
        ("Meridian", "Our seals are tested"),
        (None, "The plant employs 30"),
    ]


def test_a_list_of_hyphens_or_letters_after_a_side_s_colon_is_that_side_s(nlp: Any) -> None:
    """ "The report also alleges:" then "- A", "- B"; "here are the claims from the Ledger
    report:" then "a. ...", "b. ...": every item the introducer's; a list after no introduction
    stays the page's."""
    text = (
        "The report also alleges:\n\n"
        "- Two of the largest tenants are in default.\n\n"
        "- The rents are far above the market.\n\n"
        "And here are the claims from the Ledger report:\n\n"
        "a. Seals Failed. All of the seals tested had failed.\n\n"
        "b. Logs Forged. The inspection logs were forged.\n\n"
        "The shares fell on Monday.\n\n"
        "- The board met on Tuesday.\n"
    )
    assert _who_said(nlp, text) == [
        ("The report", "Two of the largest t"),
        ("The report", "The rents are far ab"),
        ("the Ledger report", "All of the seals tes"),
        ("the Ledger report", "The inspection logs "),
        (None, "The shares fell on M"),
        (None, "The board met on Tue"),
    ]


def test_the_subject_of_a_passive_cue_is_no_speaker_of_the_clause_before(nlp: Any) -> None:
    """ "Y, so the revenue will not be recognized": the page's own words, not a claim of "the
    revenue" (nor an introduction of a quote); "Y, it was reported" stays the page's hearsay."""
    text = (
        "The depot ships to each warehouse first, so the revenue will not be recognized.\n\n"
        "The outage lasted two hours, it was reported.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.kind, c.speaker.text if c.speaker else None, c.text[:20]) for c in analysis.claims]
    assert got == [
        ("asserted", None, "The depot ships to e"),
        ("indirect", None, "The outage lasted tw"),
    ]


def test_an_editor_s_note_on_a_quote_is_no_attribution(nlp: Any) -> None:
    """ "The Ledger wrote (italics added):" introduces the block after it, as "The Ledger wrote:"
    does; "(emphasis mine)" says nothing of what comes before it; a list after "In its
    newsroom, Acme posted the following claims:" is Acme's, not "In"'s."""
    text = (
        "The Ledger wrote (italics added):\n\n"
        "Acme knew of the leaks for years.\n\n"
        "The filing puts it plainly [emphasis mine]: the seals were never tested.\n\n"
        "In its newsroom, Acme posted the following claims:\n\n"
        "- We test every seal before it ships.\n"
    )
    assert _who_said(nlp, text) == [
        ("The Ledger", "Acme knew of the lea"),
        (None, "The filing puts it p"),
        ("Acme", "We test every seal b"),
    ]


def test_a_spokesperson_of_a_name_in_quotation_marks_closes_the_sentence(nlp: Any) -> None:
    """ "Y, a spokesperson for “Ledger Live” said.": the parse reads the spokesperson as an
    apposition of Y's last noun and finds no speaker; the words say who spoke."""
    text = "The amounts exceeded federal limits, a spokesperson for “Ledger Live” said."
    (analysis,) = analyse_texts(nlp, [text])
    got = [(c.kind, c.speaker.text if c.speaker else None, c.text) for c in analysis.claims]
    assert got == [
        ("indirect", "a spokesperson for “Ledger Live”", "The amounts exceeded federal limits")
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # "X said A, though some employees say B": B is the employees', not X's
        (
            "Reyes said he never saw the worst images, though some employees say the images "
            "were printed and displayed around the offices.",
            [("Reyes", "he never saw the wor"), ("some employees", "the images were prin")],
        ),
        # the quote after a colon is the main verb's subject's, not a relative clause's
        (
            "Contacted by a radio show with a request for a reporter, editor, or anyone who would "
            "address the matter on air, the Ledger had this to say: “We stand by our story.”",
            [("the Ledger", "We stand by our stor")],
        ),
    ],
)
def test_the_speaker_of_a_second_clause_or_a_colon(
    nlp: Any, text: str, said: list[tuple[str, str]]
) -> None:
    assert _who_said(nlp, text) == said
