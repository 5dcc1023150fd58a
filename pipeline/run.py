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
from pipeline.errors import ExtractError, FetchError
from pipeline.executors import Executor, make_executor
from pipeline.fetch import fetch, now_iso
from pipeline.hashing import stable_id, text_hash
from pipeline.nlp.analyse import paragraph_count
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.nlp.speakers import resolve_speakers
from pipeline.progress import progress_bar
from pipeline.records import Case, Claim, Document, Source, SourceOutcome
from pipeline.store import Store
from pipeline.store.db import AnalysedDocument
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
    executor = make_executor(settings)  # loads and connects nothing until a stage needs it
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
        outcomes.extend(_analyse(pending, store, executor, run_id, counts))
        counts["sources_ok"] += len(pending)
        _pair_cases(cases, store, settings, counts, executor)
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
    executor: Executor,
    run_id: str,
    counts: dict[str, int],
) -> list[SourceOutcome]:
    """Analyse the pending documents and store each as its chunk of analyses comes back."""
    counts["documents_analysed"] = len(pending)
    counts["claims_added"] = 0
    if not pending:
        return []
    texts = [document.text for _, _, document, _ in pending]
    outcomes: list[SourceOutcome] = []
    with progress_bar("analysing", paragraph_count(texts)) as advance:
        for chunk in executor.analyse(texts, on_progress=advance):
            items = []
            for (case, source, document, key), analysis in zip(
                pending[len(outcomes) : len(outcomes) + len(chunk)], chunk, strict=True
            ):
                claims = resolve_speakers(
                    analysis.claims, case, source.party, analysis.entities, document.text
                )
                items.append(
                    AnalysedDocument(
                        document,
                        key,
                        analysis.entities,
                        tuple(
                            replace(
                                c,
                                claim_id=claim_id(document.document_id, c),
                                document_id=document.document_id,
                            )
                            for c in claims
                        ),
                        SourceOutcome(source.source_id, "ok", None, document.document_id),
                    )
                )
            store.replace_documents(items, EXTRACTOR_VERSION, run_id)  # a chunk at a time
            counts["claims_added"] += sum(len(i.claims) for i in items)
            outcomes.extend(i.outcome for i in items)
    return outcomes


def _pair_cases(
    cases: list[Case],
    store: Store,
    settings: Settings,
    counts: dict[str, int],
    executor: Executor,
) -> None:
    """Embed the claim texts the store lacks, a chunk at a time, then judge one case at a time:
    memory holds one chunk of texts or one case's claims, never the whole store's."""
    missing = store.texts_without_embeddings([case.id for case in cases])
    chunk = max(1, settings.analyse_chunk * 20)
    with progress_bar("embedding", len(missing)) as advance:
        for start in range(0, len(missing), chunk):
            store.save_embeddings(executor.embed(missing[start : start + chunk]))
            advance(len(missing[start : start + chunk]))
    counts["pairs"] = counts["contradictions"] = 0
    backend = make_backend(settings.verdict_backend, settings.nli_model)
    for case in cases:
        claims = {c.claim_id: c for c in store.case_claims(case.id)}
        hashes = {cid: text_hash(c.text) for cid, c in claims.items()}
        stored = store.embeddings(hashes.values())
        vectors = {cid: stored[h] for cid, h in hashes.items()}
        sides = {p.id for p in case.parties if not p.neutral}
        pairs, points = judge_case(case.id, claims, vectors, sides, settings, backend)
        store.replace_pairs(case.id, pairs, backend.version, points)
        counts["pairs"] += len(pairs)
        counts["contradictions"] += sum(p.verdict.label == "contradicts" for p in pairs)
