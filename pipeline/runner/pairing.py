"""A run's last stages over the store: embed the claims that have no vector yet, and judge the
candidate pairs of each case whose pairing key (see `keys`) changed since it was last judged.

Memory holds one chunk of texts to embed, never the whole store's, and one case's claims and
vectors at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.config import PairingSettings, VerdictSettings
from pipeline.contradict.backends import case_floor, make_backend
from pipeline.contradict.base import VerdictBackend
from pipeline.executors import Executor
from pipeline.hashing import text_hash
from pipeline.nlp.embed import MODEL_NAME
from pipeline.progress import progress_bar
from pipeline.records import Case
from pipeline.runner.keys import pairing_key
from pipeline.runner.ledger import Ledger
from pipeline.runner.timing import StageClock
from pipeline.store import Store


class CasePairing:
    """Embeds through `executor` (`embed_chunk` texts at a time) and judges with the backend
    `verdict` names, writing into `store`; pairs are counted in `ledger`, time in `clock`."""

    def __init__(
        self,
        store: Store,
        executor: Executor,
        pairing: PairingSettings,
        verdict: VerdictSettings,
        embed_chunk: int,
        ledger: Ledger,
        clock: StageClock,
    ) -> None:
        self.store = store
        self.executor = executor
        self.pairing = pairing
        self.verdict = verdict
        self.embed_chunk = max(1, embed_chunk)
        self.ledger = ledger
        self.clock = clock
        self._backend: VerdictBackend | None = None

    def embed_missing(
        self, case_ids: Sequence[str], at_least: int = 0, show_progress: bool = True
    ) -> bool:
        """Embed the claim texts of `case_ids` that the store has no vector for, if there are
        `at_least` of them; whether it did."""
        with self.clock.stage("embed"):
            missing = self.store.embeddings.missing_texts(case_ids, MODEL_NAME)
            if len(missing) < at_least:
                return False
            chunk = self.embed_chunk
            with progress_bar("embedding", len(missing), show_progress) as advance:
                for start in range(0, len(missing), chunk):
                    texts = missing[start : start + chunk]
                    self.store.embeddings.save(self.executor.embed(texts), MODEL_NAME)
                    advance(len(texts))
            return True

    def pair(self, cases: Sequence[Case], quiet: bool = False) -> None:
        """Judge the candidate pairs of each of `cases` whose documents, backend or pairing
        settings changed since it was last judged."""
        with self.clock.stage("pair"):
            store = self.store
            backend = self.backend()
            todo: list[tuple[Case, str]] = []
            for case in cases:
                stored_key, analyses = store.pairs.case_inputs(case.id)
                key = pairing_key(analyses, backend.version, self.pairing, case)
                if key != stored_key:
                    todo.append((case, key))
            if not todo:
                return
            from pipeline.contradict.judge import judge_case

            self.embed_missing([case.id for case, _ in todo], show_progress=not quiet)
            counts = self.ledger.counts
            for case, key in todo:  # one case's claims in memory at a time
                claims = {c.claim_id: c for c in store.documents.case_claims(case.id)}
                hashes = {cid: text_hash(c.text) for cid, c in claims.items()}
                stored = store.embeddings.vectors(hashes.values(), MODEL_NAME)
                unstored = {h: claims[cid].text for cid, h in hashes.items() if h not in stored}
                if unstored:  # a text stored otherwise than it reads now: embedded here
                    fresh = self.executor.embed(sorted(set(unstored.values())))
                    store.embeddings.save(fresh, MODEL_NAME)
                    stored = {**stored, **fresh}
                vectors = {cid: stored[h] for cid, h in hashes.items()}
                sides = {p.id for p in case.parties if not p.neutral}
                reporting = {s.party for s in case.sources if s.role == "report"}
                pairs, points = judge_case(
                    case.id, claims, vectors, sides, self.pairing, backend, reporting
                )
                new = store.pairs.replace(
                    case.id, pairs, backend.version, points, key, self.ledger.run_id
                )
                counts["pairs"] += len(pairs)
                counts["contradictions"] += sum(p.verdict.label == "contradicts" for p in pairs)
                counts["pairs_new"] += new.pairs
                counts["contradictions_new"] += new.contradictions
                counts["points_new"] += new.points

    def backend(self) -> VerdictBackend:
        """The verdict backend, made on first use."""
        if self._backend is None:
            self._backend = make_backend(
                self.verdict.backend,
                self.verdict.nli_model,
                cache=self.store.model_scores,
                case_floor=case_floor(self.verdict),
            )
        return self._backend
