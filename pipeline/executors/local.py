"""The default executor: both models on this machine, loaded once and only when needed.

spaCy runs in `NlpSettings.nlp_processes` worker processes beside this one (0: in this process).
Each worker loads the model once and returns the claims and entities of what it parses, never
the parse itself, so little travels back. Documents go to the workers `TASK_DOCUMENTS` at a time
as soon as they are fetched (`prefetch`), and their analyses come back in order: while the
workers parse, this process fetches the next pages, stores, embeds and judges what is done. The
embedder runs here, on the texts the caller hands it.

Memory holds the documents waiting for a worker and one task's parse per worker, never the
whole corpus's parses.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pipeline.config import NlpSettings
from pipeline.errors import ClaimtrackError
from pipeline.nlp.analyse import Analysis, analyse_texts, paragraph_count
from pipeline.nlp.embed import Embedder
from pipeline.nlp.load import load_nlp
from pipeline.records import Vector

# Documents per task: enough paragraphs for a full `nlp.pipe` batch or two, few enough that
# the first analyses come back while later pages are still being fetched.
TASK_DOCUMENTS = 16

_pools: dict[tuple[str, int, int], ProcessPoolExecutor] = {}


class LocalExecutor:
    name = "local"

    def __init__(self, settings: NlpSettings) -> None:
        self.settings = settings
        self._embedder: Embedder | None = None
        self._waiting: list[str] = []  # prefetched, not yet sent to a worker
        self._sent: dict[str, tuple[Future[list[Analysis]], int]] = {}

    @property
    def streams(self) -> bool:
        """Whether analyses come back while later documents are still being parsed."""
        return self.settings.nlp_processes > 0

    def prefetch(self, texts: Iterable[str]) -> None:
        """Start parsing `texts` in the workers; a later `analyse` of them collects the result."""
        if not self.streams:
            return
        queued = set(self._waiting)
        for text in texts:
            if text not in self._sent and text not in queued:
                self._waiting.append(text)
                queued.add(text)
        while len(self._waiting) >= TASK_DOCUMENTS:
            self._send(self._waiting[:TASK_DOCUMENTS])
            del self._waiting[:TASK_DOCUMENTS]

    def analyse(
        self, texts: Sequence[str], on_progress: Callable[[int], None] | None = None
    ) -> Iterator[list[Analysis]]:
        if not texts:
            return
        if not self.streams:
            yield from self._analyse_here(texts, on_progress)
            return
        self.prefetch(texts)
        if self._waiting:
            self._send(self._waiting)
            self._waiting = []
        self._load_embedder()  # while the first documents are parsed: it is wanted next
        last = {text: n for n, text in enumerate(texts)}
        group: list[Analysis] = []
        task: Future[list[Analysis]] | None = None
        for n, text in enumerate(texts):
            future, index = self._sent[text]
            if group and future is not task:
                yield group
                group = []
            task = future
            group.append(_result(future)[index])
            if on_progress:
                on_progress(paragraph_count([text]))
            if last[text] == n:
                del self._sent[text]
        if group:
            yield group

    def embed(self, texts: Sequence[str]) -> dict[str, Vector]:
        embedder = self._load_embedder()
        vectors = embedder.embed(texts, threads=self._free_cores() if self.streams else None)
        embedder.cache.clear()  # the store keeps them; memory need not
        return vectors

    def _free_cores(self) -> int:
        """The cores the workers leave to this process now (torch would take them all)."""
        parsing = {id(future) for future, _ in self._sent.values() if not future.done()}
        busy = min(self.settings.nlp_processes, len(parsing))
        return max(1, _cores() - busy)

    def close(self) -> None:
        """Drop what was prefetched and never collected (the workers stay for the next run)."""
        for future, _ in self._sent.values():
            future.cancel()
        self._sent.clear()
        self._waiting = []

    def warm(self) -> None:
        """Load the models now rather than on the first document (spaCy in every worker)."""
        if self.streams:
            # one task per worker: each starts, and loads spaCy, at once
            futures = [self._submit([]) for _ in range(self.settings.nlp_processes)]
            for future in futures:
                _result(future)
        else:
            load_nlp(self.settings.spacy_model)
        self._load_embedder()

    def _load_embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder(batch_size=self.settings.embed_batch_size)
        self._embedder._load()
        return self._embedder

    def _analyse_here(
        self, texts: Sequence[str], on_progress: Callable[[int], None] | None
    ) -> Iterator[list[Analysis]]:
        nlp = load_nlp(self.settings.spacy_model)
        chunk = max(1, self.settings.analyse_chunk)
        for start in range(0, len(texts), chunk):
            yield analyse_texts(
                nlp,
                texts[start : start + chunk],
                batch_size=self.settings.nlp_batch_size,
                on_progress=on_progress,
            )

    def _send(self, texts: list[str]) -> None:
        future = self._submit(list(texts))
        for index, text in enumerate(texts):
            self._sent[text] = (future, index)

    def _submit(self, texts: list[str]) -> Future[list[Analysis]]:
        s = self.settings
        key = (s.spacy_model, s.nlp_batch_size, s.nlp_processes)
        try:
            return worker_pool(*key).submit(_analyse_task, texts)
        except BrokenProcessPool:  # a worker died since the last task: start afresh
            _pools.pop(key).shutdown(cancel_futures=True)
            return worker_pool(*key).submit(_analyse_task, texts)


def worker_pool(model: str, batch_size: int, processes: int) -> ProcessPoolExecutor:
    """The process-wide pool of spaCy workers for these settings, started on first use and kept
    for later runs (tests and benchmarks run many in one process)."""
    key = (model, batch_size, processes)
    pool = _pools.get(key)
    if pool is None:
        # spawn, not fork: this process may already run torch's threads
        context = multiprocessing.get_context("spawn")
        pool = _pools[key] = ProcessPoolExecutor(
            processes, context, initializer=_start_worker, initargs=(model, batch_size)
        )
    return pool


def worker_pids() -> list[int]:
    """The process ids of the running workers (for benchmarks that measure them)."""
    return [pid for pool in _pools.values() for pid in (pool._processes or {})]


def shutdown_workers() -> None:
    """Stop every worker (their memory then shows in RUSAGE_CHILDREN)."""
    while _pools:
        _pools.popitem()[1].shutdown(cancel_futures=True)


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):  # Linux: what the scheduler allows, not the machine
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _result(future: Future[list[Analysis]]) -> list[Analysis]:
    try:
        return future.result()
    except BrokenProcessPool:
        shutdown_workers()
        raise ClaimtrackError(
            "a spaCy worker process died (out of memory?): rerun, or set"
            " CLAIMTRACK_NLP_PROCESSES=0 to parse in this process"
        ) from None


_worker: dict[str, Any] = {}


def _start_worker(model: str, batch_size: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run, and then us
    parent = multiprocessing.parent_process()
    if parent is not None:  # a parent killed outright must not leave us waiting for work
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    _worker["nlp"] = load_nlp(model)
    _worker["batch_size"] = batch_size


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _analyse_task(texts: list[str]) -> list[Analysis]:
    return analyse_texts(_worker["nlp"], texts, batch_size=_worker["batch_size"])
