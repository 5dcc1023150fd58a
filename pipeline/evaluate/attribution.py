"""Score the claim extractor against BRAT standoff attributions (the PolNeAR format).

Spans are compared as sets of word tokens (punctuation ignored), one-to-one:
- exact: the token sets are equal;
- overlap: shared tokens / union of tokens > 0.3 (matched greedily, best first);
- cue: exact token-set match of cue spans;
- speaker accuracy: over overlap-matched contents, the predicted speaker shares a token with the
  gold source.
Own-voice (`asserted`) claims are left out: PolNeAR marks attributions only. A text annotated by
several people (files NAME_xxxx.ann sharing a stem) is scored against its first annotation.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.nlp.analyse import analyse_texts, paragraphs
from pipeline.nlp.load import load_nlp
from pipeline.nlp.quotes import find_quotes
from pipeline.records import Claim, Span

OVERLAP_THRESHOLD = 0.3
_TOKEN = re.compile(r"\w+")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    content: Spans
    cue: Spans
    source: Spans


@dataclass(frozen=True)
class GoldText:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass
class Counts:
    """Matches of predicted and gold items. `gold_matched` differs from `matched` only in a
    per-kind breakdown, where a prediction and its gold match may be of different kinds."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    gold_matched: int | None = None

    def scores(self) -> dict[str, float]:
        # from match counts, not per-item labels (what sklearn.metrics takes): kept by hand
        p = self.matched / self.predicted if self.predicted else 0.0
        found = self.matched if self.gold_matched is None else self.gold_matched
        r = found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class AttributionScores:
    texts: int = 0
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    cue: Counts = field(default_factory=Counts)
    speaker_checked: int = 0
    speaker_correct: int = 0
    by_kind: dict[str, Counts] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "texts": self.texts,
            "gold_attributions": self.exact.gold,
            "predicted_claims": self.exact.predicted,
            "content_exact": self.exact.scores(),
            "content_overlap": self.overlap.scores(),
            "cue": self.cue.scores(),
            "speaker_accuracy": round(self.speaker_correct / self.speaker_checked, 4)
            if self.speaker_checked
            else 0.0,
            "overlap_by_kind": {
                kind: c.scores() | {"predicted": c.predicted, "gold": c.gold}
                for kind, c in sorted(self.by_kind.items())
            },
        }


def parse_brat(ann: str) -> list[GoldAttribution]:
    """Attributions of one .ann file: E lines tie T spans (Source, Cue, Content) together."""
    spans: dict[str, Spans] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].partition(" ")[2]
            spans[parts[0]] = tuple(
                (int(s), int(e)) for s, e in (chunk.split() for chunk in offsets.split(";"))
            )
        elif line.startswith("E") and len(parts) >= 2:
            events.append([(a.partition(":")[0], a.partition(":")[2]) for a in parts[1].split()])
    result = []
    for args in events:
        by_role: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in args:
            if role in by_role and ref in spans:
                by_role[role].extend(spans[ref])
        if by_role["Content"]:
            result.append(
                GoldAttribution(
                    tuple(by_role["Content"]), tuple(by_role["Cue"]), tuple(by_role["Source"])
                )
            )
    return result


def load_gold(directory: Path, limit: int | None = None) -> list[GoldText]:
    """Texts (`text/NAME.txt`) and their first annotation (`attributions/NAME_*.ann`)."""
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(f"{directory}: expected text/ and attributions/ folders (BRAT standoff)")
    texts = []
    for text_path in sorted(text_dir.glob("*.txt"))[:limit]:
        # NAME_xxxx.ann: the suffix names the annotator; "NAME*" would also take NAME-2's files
        anns = sorted(ann_dir.glob(f"{glob.escape(text_path.stem)}_*.ann"))
        if not anns:
            continue
        text = text_path.read_bytes().decode("utf-8")  # no newline translation: offsets stay true
        gold = parse_brat(anns[0].read_bytes().decode("utf-8"))
        texts.append(GoldText(text_path.stem, text, tuple(gold)))
    if not texts:
        raise UsageError(f"{directory}: no annotated texts found")
    return texts


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(
        m.start() for s, e in spans for m in _TOKEN.finditer(text, s, e) if m.end() <= e
    )


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _match(
    predicted: Sequence[frozenset[int]],
    gold: Sequence[frozenset[int]],
    accept: Callable[[float], bool],
) -> list[tuple[int, int]]:
    """One-to-one matches (predicted index, gold index), best overlap first."""
    candidates = sorted(
        (
            (_jaccard(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if p & g
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if i in used_p or j in used_g or not accept(score):
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    return [
        (offset + s, offset + e) for offset, para in paragraphs(text) for s, e in find_quotes(para)
    ]


def gold_kind(text: str, attribution: GoldAttribution, quotes: Sequence[tuple[int, int]]) -> str:
    """The kind the extractor would give a gold attribution: `according_to` by its cue,
    `direct`, `mixed` or `indirect` by how much of its content is quoted."""
    cue = " ".join(text[s:e] for s, e in attribution.cue).lower()
    if cue.startswith("according"):
        return "according_to"
    size = sum(e - s for s, e in attribution.content)
    quoted = sum(
        max(0, min(e, qe) - max(s, qs)) for s, e in attribution.content for qs, qe in quotes
    )
    return "direct" if quoted >= 0.6 * size else "mixed" if quoted else "indirect"


def _attributions(claims: Sequence[Claim]) -> tuple[list[Claim], list[list[Span]]]:
    """One attribution per cue and speaker, as the gold annotates it: the claims cut from one
    content ("said that A and that B", one proposition each) are one attribution whose content
    runs from the first to the last. Each attribution's first claim stands for it."""
    first: list[Claim] = []
    pieces: list[list[Span]] = []
    seen: dict[tuple[Span, Span | None], int] = {}
    for claim in claims:
        key = (claim.cue, claim.speaker) if claim.cue is not None else None
        if key is None or key not in seen:
            if key is not None:
                seen[key] = len(first)
            first.append(claim)
            pieces.append(list(claim.pieces))
            continue
        group = pieces[seen[key]]
        start = min(group[0].start, claim.content.start)
        end = max(group[-1].end, claim.content.end)
        pieces[seen[key]] = [Span("", start, end)]
    return first, pieces


def score_text(gold: GoldText, claims: Sequence[Claim], scores: AttributionScores) -> None:
    """Add one text's comparison to `scores`."""
    text = gold.text
    claims, pieces = _attributions([c for c in claims if c.kind != "asserted"])
    pred = [_tokens(text, [(p.start, p.end) for p in group]) for group in pieces]
    ref = [_tokens(text, a.content) for a in gold.attributions]
    scores.texts += 1
    for counts in (scores.exact, scores.overlap):
        counts.predicted += len(pred)
        counts.gold += len(ref)
    scores.exact.matched += len(_match(pred, ref, lambda s: s == 1.0))
    overlap = _match(pred, ref, lambda s: s > OVERLAP_THRESHOLD)
    scores.overlap.matched += len(overlap)
    matched_pred = {i for i, _ in overlap}
    matched_gold = {j for _, j in overlap}
    for i, claim in enumerate(claims):
        kind = scores.by_kind.setdefault(claim.kind, Counts(gold_matched=0))
        kind.predicted += 1
        kind.matched += i in matched_pred
    quotes = _quote_ranges(text)
    for j, attribution in enumerate(gold.attributions):
        kind = scores.by_kind.setdefault(
            gold_kind(text, attribution, quotes), Counts(gold_matched=0)
        )
        kind.gold += 1
        kind.gold_matched = (kind.gold_matched or 0) + (j in matched_gold)
    for i, j in overlap:
        gold_source = _tokens(text, gold.attributions[j].source)
        speaker = claims[i].speaker
        predicted_source = _tokens(text, [(speaker.start, speaker.end)]) if speaker else frozenset()
        scores.speaker_checked += 1
        scores.speaker_correct += bool(gold_source & predicted_source) or (
            not gold_source and not predicted_source
        )
    pred_cues = [_tokens(text, [(c.cue.start, c.cue.end)]) for c in claims if c.cue]
    ref_cues = [_tokens(text, a.cue) for a in gold.attributions if a.cue]
    scores.cue.predicted += len(pred_cues)
    scores.cue.gold += len(ref_cues)
    scores.cue.matched += len(_match(pred_cues, ref_cues, lambda s: s == 1.0))


def evaluate_attribution(
    directory: Path, spacy_model: str, limit: int | None = None
) -> AttributionScores:
    """Run the extractor over every annotated text in `directory` and score it."""
    gold = load_gold(directory, limit)
    analyses = analyse_texts(load_nlp(spacy_model), [g.text for g in gold])
    scores = AttributionScores()
    for text, analysis in zip(gold, analyses, strict=True):
        score_text(text, analysis.claims, scores)
    return scores
