"""The main job: seeds -> fetch -> text -> claims -> embeddings -> pairs -> verdicts -> store.

Each source is fetched, extracted and analysed on its own: a broken page is recorded as a failed
source and the run goes on. A document whose text, extractor and party settings are unchanged is
not analysed again, so a rerun with nothing new loads no NLP model and changes no rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.config import Settings
from pipeline.contradict.backend import make_backend
from pipeline.disputes import judge_case
from pipeline.embed import Embedder
from pipeline.errors import ExtractError, FetchError
from pipeline.fetch import fetch, now_iso
from pipeline.hashing import stable_id, text_hash
from pipeline.nlp.analyse import analyse_texts, paragraph_count
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.nlp.load import load_nlp
from pipeline.nlp.speakers import resolve_speakers
from pipeline.progress import progress_bar
from pipeline.records import Case, Claim, Document, Source, SourceOutcome
from pipeline.store import Store
from pipeline.text import page_to_document


@dataclass(frozen=True)
class RunResult:
    run_id: str
    outcomes: tuple[SourceOutcome, ...]
    counts: dict[str, int] = field(default_factory=dict)
    reports: tuple[Path, ...] = ()

    @property
    def failed(self) -> tuple[SourceOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


def analysis_key(document: Document, case: Case, source: Source) -> str:
    """Changes whenever a document would be analysed differently: text, extractor, parties."""
    parties = json.dumps(
        [[p.id, p.name, sorted(p.aliases), p.neutral] for p in case.parties], sort_keys=True
    )
    return stable_id(document.content_hash, EXTRACTOR_VERSION, parties, source.party, length=32)


def claim_id(document_id: str, claim: Claim) -> str:
    return stable_id(
        document_id, claim.kind, claim.content.start, claim.content.end, EXTRACTOR_VERSION
    )


def run_pipeline(
    cases: list[Case], store: Store, settings: Settings, seeds_label: str
) -> RunResult:
    """Run every stage over `cases`, writing into `store`; return what happened."""
    run_id = stable_id(seeds_label, now_iso(), id(store))
    store.start_run(run_id, seeds_label)
    store.save_cases(cases)
    counts = {"sources_ok": 0, "sources_unchanged": 0, "sources_failed": 0}
    outcomes: list[SourceOutcome] = []
    pending: list[tuple[Case, Source, Document, str]] = []
    try:
        sources = [(case, source) for case in cases for source in case.sources]
        with progress_bar("fetching", len(sources)) as advance:
            for case, source in sources:
                outcome, todo = _fetch_source(case, source, store, settings, run_id)
                if todo:
                    pending.append(todo)
                else:
                    outcomes.append(outcome)
                    store.record_source(outcome, run_id, None)
                    counts[f"sources_{outcome.status}"] += 1
                advance(1)
        outcomes.extend(_analyse(pending, store, settings, run_id, counts))
        counts["sources_ok"] += len(pending)
        _pair_cases(cases, store, settings, counts)
    except BaseException as exc:
        store.finish_run(run_id, "failed", counts, f"{type(exc).__name__}: {exc}")
        raise
    status = "partial" if counts["sources_failed"] else "ok"
    store.finish_run(run_id, status, counts, None)
    return RunResult(run_id=run_id, outcomes=tuple(outcomes), counts=counts)


def _fetch_source(
    case: Case, source: Source, store: Store, settings: Settings, run_id: str
) -> tuple[SourceOutcome, tuple[Case, Source, Document, str] | None]:
    try:
        page = fetch(
            source.location,
            user_agent=settings.user_agent,
            timeout_s=settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
        )
        document = page_to_document(page, source)
    except (FetchError, ExtractError) as exc:
        return SourceOutcome(source.source_id, "failed", str(exc)), None
    key = analysis_key(document, case, source)
    if store.analysis_key(document.document_id) == key:
        return SourceOutcome(source.source_id, "unchanged", None, document.document_id), None
    return SourceOutcome(source.source_id, "ok", None, document.document_id), (
        case,
        source,
        document,
        key,
    )


def _analyse(
    pending: list[tuple[Case, Source, Document, str]],
    store: Store,
    settings: Settings,
    run_id: str,
    counts: dict[str, int],
) -> list[SourceOutcome]:
    counts["documents_analysed"] = len(pending)
    counts["claims_added"] = 0
    if not pending:
        return []
    nlp = load_nlp(settings.spacy_model)
    texts = [document.text for _, _, document, _ in pending]
    with progress_bar("analysing", paragraph_count(texts)) as advance:
        analyses = analyse_texts(nlp, texts, on_progress=advance)
    outcomes = []
    for (case, source, document, key), analysis in zip(pending, analyses, strict=True):
        claims = [
            replace(c, claim_id=claim_id(document.document_id, c), document_id=document.document_id)
            for c in resolve_speakers(
                analysis.claims, case, source.party, analysis.entities, document.text
            )
        ]
        outcome = SourceOutcome(source.source_id, "ok", None, document.document_id)
        store.replace_document(
            document, key, analysis.entities, claims, EXTRACTOR_VERSION, outcome, run_id
        )
        counts["claims_added"] += len(claims)
        outcomes.append(outcome)
    return outcomes


def _pair_cases(
    cases: list[Case], store: Store, settings: Settings, counts: dict[str, int]
) -> None:
    claims_by_case = {case.id: store.case_claims(case.id) for case in cases}
    hashes = {c.claim_id: text_hash(c.text) for claims in claims_by_case.values() for c in claims}
    texts = [c.text for claims in claims_by_case.values() for c in claims]
    stored = store.embeddings(hashes.values())
    embedder = Embedder(batch_size=settings.embed_batch_size, cache=stored)
    with progress_bar("embedding", len(set(hashes.values()) - stored.keys())) as advance:
        by_hash = embedder.embed(texts, on_progress=advance)
    store.save_embeddings({h: v for h, v in by_hash.items() if h not in stored})
    counts["pairs"] = counts["contradictions"] = 0
    backend = make_backend(settings.verdict_backend, settings.nli_model)
    for case in cases:
        claims = {c.claim_id: c for c in claims_by_case[case.id]}
        vectors = {cid: by_hash[hashes[cid]] for cid in claims}
        sides = {p.id for p in case.parties if not p.neutral}
        pairs, points = judge_case(case.id, claims, vectors, sides, settings, backend)
        store.replace_pairs(case.id, pairs, backend.version, points)
        counts["pairs"] += len(pairs)
        counts["contradictions"] += sum(p.verdict.label == "contradicts" for p in pairs)
