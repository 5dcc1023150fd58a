"""Opposite evaluations of one matter: "the company struggled to turn its technology into
reality" against "its technology is proven in the field"; "the data was taken without
authorisation" against "it was accessed legitimately".

A report and its rebuttal often dispute a judgement rather than a fact: one side calls a
practice fraudulent, failed or unlawful, the other calls it compliant, proven or proper. The
two claims share their subject but not their verbs, so neither the negation rule nor the
antonym list sees the conflict. A claim *condemns* when it uses a word of wrongdoing, failure
or doubt that no negation governs, or says a limit was passed ("exceeded the permit limit");
it *vindicates* when it uses a word of propriety or success, says a limit was kept ("within
the limits of its permit"), or negates a word of wrongdoing ("no findings of misconduct", "did
not mislead", "it is untrue that X found misconduct"). Two claims of the two sides evaluate
one matter oppositely when one only condemns, the other only vindicates, and they share a
content word besides the names of the parties (compared by their bases, "accuracy" and
"accurate": `features.word_base`), or are close (cosine `CLOSE`) without one; the rules ask
this only of pairs of cosine 0.2 or more. A claim that judges both ways ("he got the data in a
legitimate way, he did not abide by our rules") is read by its clauses, each of which needs a
word of the other's matter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pipeline.contradict.conflicts import Finding
from pipeline.contradict.features import TEXT_CACHE, content_bases, word_base

Evaluation = Literal["condemns", "vindicates"]
CLOSE = 0.42

_WRONG = re.compile(
    r"\b(?:fraud\w*|manipulat\w*|misled|mislead(?:s|ing)?|decei\w*|decept\w*|ruse|rigg(?:ed|ing)|"
    r"forged|forger(?:y|ies)|irregularit(?:y|ies)|misconduct|abus(?:e|es|ed|ive)|illegal(?:ly)?|"
    r"unlawful(?:ly)?|violat\w*|flout\w*|(?:broke|broken|break(?:s|ing)?) (?:the |any )?"
    r"(?:laws?|rules?|regulations?)|(?:laws?|rules?|regulations?) (?:\w+ )?(?:were |was )?broken|"
    r"breach(?:ed|es)?|improper(?:ly)?|struggl\w*|fail(?:ed|s|ing|ure)?|"
    r"flaw(?:s|ed)?|vulnerab\w*|insecure|unsafe|unreliable|exploit(?:ed|ing)|looting|corrupt\w*|"
    r"backdated|suspicious|leery|wary|skeptical|sceptical|skepticism|scepticism|doubts|doubted|"
    r"doubtful|dubious|questionable|scandals?|confus(?:e|es|ed|ing)|unfair(?:ly)?|"
    r"illegitimate(?:ly)?|unethical(?:ly)?|predatory|scam(?:s|my)?|inconsistent(?:ly)?(?! with)|"
    r"(?:leaves?|left|keeps?|kept) (?:\w+ ){0,2}in the dark|"
    # numbers made up or padded: "fabricating operating numbers", "overstated its assets"
    r"fabricat\w*|fake|fictitious|bogus|sham|overstat\w*|exaggerat\w*|inflat(?:ed|ing)|"
    # a judgement of quality or worth: "weak technology", "largely worthless"
    r"weak|poor(?:ly)?|deficient|opaque|worthless|non-?existent|"
    # shoddy work, faulty goods: "plagued by shoddy production", "defective transmissions"
    r"shoddy|sloppy|lax|negligen(?:t|tly|ce)|defective|faulty|sub-?standard|"
    # harm: "potentially lethal compounds", "dangerous to human health"
    r"dangerous|hazardous|toxic|lethal|harmful|poisonous|deadly|"
    # "poses serious risks to children", "present an unreasonable risk to patients"; not a
    # "risk assessment"
    r"(?:pos(?:e|es|ed|ing)|present(?:s|ed|ing)?) (?:a |an )?(?:[\w-]+ ){0,2}?"
    r"(?:risks?|threats?|dangers?|hazards?)(?! (?:assessments?|management|factors?|profiles?|"
    r"ratings?|registers?|analys[ie]s|models?)\b)|caus(?:e|es|ed|ing) (?:[\w-]+ ){0,2}?harm|"
    r"favou?r(?:s|ed|ing)? (?:its|their|our) own|harm(?:s|ed|ing)|"
    # a step that need not have been taken: "the burn was unnecessary", "needless surgery"
    r"unnecessar(?:y|ily)|needless(?:ly)?|"
    # financial crime: "used for systematic money laundering", "bribed officials"
    r"launder(?:s|ed|ing)?|brib(?:e|es|ed|ing|ery)|embezzl\w*|kickbacks?|extort\w*|"
    r"smuggl\w*|counterfeit\w*|price[- ]fixing|insider trading|tax evasion|"
    r"evad(?:e|es|ed|ing) (?:\w+ )?tax(?:es)?|"
    # a plan behind: "years behind schedule", "nowhere close to production"
    r"behind schedule|nowhere (?:near|close)|far from ready|"
    r"(?:without|with no) (?:[\w']+ ){0,2}(?:consent|authori[sz]ation|permission|approval|review|"
    r"investigation|explanation|warning|notice|oversight|supervision)|"
    # a limit passed: "exceeded the permit limit", "forty times the drinking-water limit"
    r"(?:exceed(?:ed|s|ing)?|above|over|times|breach(?:ed|es|ing)?) (?:[\w'-]+ ){0,3}?"
    r"(?:limits?|thresholds?|permits?))\b"
)
_RIGHT = re.compile(
    r"\b(?:complian(?:ce|t)|compl(?:y|ies|ied)|lawful(?:ly)?|legitimate(?:ly)?|proper(?:ly)?|"
    r"appropriate(?:ly)?|proven|validated|reliable|secure|safe(?:ly)?|robust|rigorous|vetted|"
    # "the highest levels of quality", "high-quality", "fully supported by audit reports"
    r"high(?:est)?(?:[- ]levels? of)?[- ]quality|(?:fully|well) supported by|"
    # "backed by international testing standards", "supported by independent studies"
    r"(?:backed|supported) by (?:[\w-]+ ){0,3}?(?:evidence|data|tests|testing|standards|science|"
    r"research|studies|audits)|"
    r"due diligence|on (?:track|schedule|target)|ahead of schedule|"
    # a step that had to be taken: "the only way to prevent an explosion", "had no other choice"
    r"the only (?:way|option|means|choice)|(?:had|has|have) no (?:other )?(?:choice|option|"
    r"alternative)|"
    r"authentic|genuine|verified|verifiable|solid(?![- ]state)|healthy|transparen(?:t|tly|cy)|"
    # "cooperated fully with the investigation", "full cooperation"
    r"cooperat(?:e|es|ed|ing) fully|(?:fully|full) cooperat\w*|"
    r"(?:best|first)[- ]in[- ]class|world[- ]class|industry[- ]leading|"
    r"conservative (?:accounting|polic(?:y|ies)|approach|estimates?|assumptions?)|"
    r"(?:is|are|was|were|be) (?:\w+ly )?real|"
    r"objectiv(?:e|ely|ity)|sustainabl[ey]|"
    r"(?:clearly|fully|properly) (?:labell?ed|marked|disclosed|identified|stated)|"
    r"(?:standard|accepted) (?:industry )?(?:[\w-]+ )?(?:methods?|practices?)|"
    r"industry[- ]standard|(?:reasonable|sound) business judg(?:e)?ment|"
    # "carried out in accordance with international accounting standards", "within the law"
    r"in (?:accordance|line|compliance) with (?:[\w-]+ ){0,3}?(?:standards|rules|regulations|"
    r"laws?|principles|requirements)|within the (?:boundaries|bounds|confines) of the law"
    r"|within (?:the )?(?:(?!of\b)[\w-]+ ){0,3}?laws?|"
    r"authori[sz]ed|consented|(?:gave|give|given) (?:their )?consent|abides?|adhere[sd]?|"
    r"st(?:and|ands|ood|anding) (?:firmly |fully )?behind|"
    r"(?:meets?|met|meeting|exceeds?|exceeded) (?:all |every |the )?(?:[\w-]+ ){0,3}?"
    r"(?:standards|requirements|regulations|rules)|"
    # a limit kept: "within the limits set in our permit", "below the legal threshold"
    r"(?:within|below|under) (?:[\w'-]+ ){0,3}?(?:limits?|thresholds?|terms|permits?|allowance)|"
    # a test passed, a product whole: "passed all the quality tests", "100 per cent pure"
    r"pass(?:es|ed|ing)? (?:all |every |each |the |its |their )*(?:[\w'-]+ ){0,3}?"
    r"(?:tests?|checks?|inspections?|audits?)|"
    r"(?:100|one hundred) ?(?:%|per ?cent) (?:\w+ )?(?:pure|natural|safe|genuine|authentic))\b"
)
# a clean bill: "no material findings", "found no evidence of wrongdoing"
_CLEARED = re.compile(
    r"\b(?:no|never any|not any|found no|without any)\s+(?:[\w-]+\s+){0,2}"
    r"(?:findings?|evidence|wrongdoing|indication|irregularit(?:y|ies))\b"
    r"(?:\s+(?:of|on|as to|about|that)\b[^.;,]*)?"  # what was not found
    # "the committee did not identify any accounting inconsistencies or errors"
    r"|\b(?:did not|didn't|has not|hasn't|have not|haven't|never|could not|couldn't)\s+"
    r"(?:identify|identified|find|found|uncover|uncovered|detect|detected)\s+(?:any\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:inconsistenc(?:y|ies)|errors?|irregularit(?:y|ies)|wrongdoing|"
    r"misconduct|evidence)\b"
)
# a clause that the text calls false: "it is untrue that ...", "it is not true that ..."
_DENIED_CLAUSE = re.compile(
    r"\b(?:untrue|false|not true|incorrect|inaccurate)\s+(?:to say\s+)?that\b[^.;:!?]*"
)
_CLAUSE_BREAK = re.compile(r"[,;]\s+")
_AGAINST = re.compile(r"\banti-?(?:\w+[ -])?$")
_NEGATION = re.compile(
    r"(?:\b(?:not|no|never|nor|none|without|unlikely|cannot|denie[sd]|deny|"
    r"lack(?:s|ed|ing)?(?: of)?|absence of|inadequate|insufficient)\b|n't)(?:\s+\w+){0,2}"
    # a quotation mark between: 'hasn't “misled anyone”'
    r"\s*[\"“‘']?$"
)


@lru_cache(maxsize=TEXT_CACHE)
def evaluation(text: str) -> Evaluation | None:
    """Whether `text` only condemns, only vindicates, or neither (both, or no such word)."""
    lowered = text.lower().replace("’", "'")
    right = bool(_CLEARED.search(lowered))
    lowered = _CLEARED.sub(" ", lowered)
    denied = [range(m.start(), m.end()) for m in _DENIED_CLAUSE.finditer(lowered)]
    wrong = False
    for m in _WRONG.finditer(lowered):
        if _AGAINST.search(lowered[max(0, m.start() - 20) : m.start()]):
            continue  # "anti-money laundering rules", "anti-fraud controls": the fight against it
        if any(m.start() in clause for clause in denied):
            right = True  # "it is untrue that X ever found misconduct"
        elif m.group().startswith("without "):
            wrong = True
        elif _NEGATION.search(lowered[max(0, m.start() - 40) : m.start()]):
            right = True  # "no findings of misconduct", "did not mislead"
        else:
            wrong = True
    for m in _RIGHT.finditer(lowered):
        if _NEGATION.search(lowered[max(0, m.start() - 40) : m.start()]):
            wrong = True  # "not properly", "not compliant"
        else:
            right = True
    if wrong == right:
        return None
    return "condemns" if wrong else "vindicates"


def evaluation_conflict(
    text_a: str,
    text_b: str,
    names: frozenset[str],
    similarity: float,
    denied: tuple[bool, bool] = (False, False),
) -> Finding | None:
    """The finding when one text condemns and the other vindicates one matter: both name it (a
    content word they share that is not one of `names`, the parties' words), or they are close
    (`CLOSE` cosine: "he failed to act" / "he appropriately addressed the issues"). A text its
    claim's cue denies (`denied`: "denied that | the waste was dangerous") judges the other way."""
    for part_a in _parts(text_a):
        for part_b in _parts(text_b):
            found = {_judged(part_a, denied[0]), _judged(part_b, denied[1])}
            if found != {"condemns", "vindicates"}:
                continue
            shared = sorted(
                (content_bases(part_a) & content_bases(part_b)) - {word_base(n) for n in names}
            )
            whole = part_a is text_a and part_b is text_b  # a clause needs a shared word
            if shared or (whole and similarity >= CLOSE):
                return _finding(shared)
    return None


def _judged(text: str, denied: bool) -> Evaluation | None:
    found = evaluation(text)
    if not denied or found is None:
        return found
    return "vindicates" if found == "condemns" else "condemns"


def _parts(text: str) -> list[str]:
    """`text`, or where it concedes one thing and holds another and so judges both ways
    ("Although he got the data in a legitimate way, he broke our rules"), its clauses that
    judge (split at commas and semicolons)."""
    if evaluation(text) is not None:
        return [text]
    clauses = [c for c in _CLAUSE_BREAK.split(text) if evaluation(c) is not None]
    return clauses if len({evaluation(c) for c in clauses}) == 2 else [text]


def _finding(shared: list[str]) -> Finding:
    return Finding(
        "other",
        f"opposite evaluations of one matter ({', '.join(shared[:3]) or 'close wording'}): one"
        " side condemns it, the other vindicates it",
        tuple(shared[:3]),
    )
