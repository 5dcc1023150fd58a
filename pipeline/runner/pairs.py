"""`claimtrack pairs`: statement pairs given as JSON lines {"id", "a", "b"}, judged without a
store or a case."""

from __future__ import annotations

from pipeline.contradict.backends import make_backend
from pipeline.contradict.statements import read_statement_pairs, statement_pairs
from pipeline.records import Verdict


def judge_statement_lines(
    text: str, name: str, backend: str, nli_model: str, spacy_model: str
) -> list[tuple[str, Verdict]]:
    """Each pair's id and the verdict of `backend` on it; a bad line of `text` (read from
    `name`) is a UsageError naming it."""
    ids, texts = read_statement_pairs(text, name)
    judge = make_backend(backend, nli_model)
    verdicts = judge.judge_many(statement_pairs(texts, spacy_model)) if texts else []
    return list(zip(ids, verdicts, strict=True))


def verdict_json(pair_id: str, verdict: Verdict) -> dict[str, object]:
    """One output line of `claimtrack pairs`."""
    return {
        "id": pair_id,
        "label": verdict.label,
        "score": verdict.score,
        "type": verdict.type,
        "evidence": list(verdict.evidence),
        "reason": verdict.reason,
    }
