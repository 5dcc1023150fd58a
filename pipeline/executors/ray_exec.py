"""The Ray executor: the spaCy analysis and the embedder run on a Ray cluster with Ray Data.

Each stage is a class-based `map_batches` on an actor pool (`NlpSettings.ray_concurrency`
actors, one CPU each), so a worker loads its model once and keeps it for every batch. Results are
written as Parquet under a work folder; this process (the one DuckDB writer) reads them back
and stores them. Ray is an optional extra (`pip install 'claimtrack[ray]'`), imported only here.

On a real cluster, start the driver with `--address ray://HEAD:10001` (or `auto` on a cluster
node), install claimtrack and its models on every node, and point `CLAIMTRACK_RAY_WORK_DIR` at
storage both the workers and this process can read (a shared mount, or an `s3://` URI).
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from pipeline.config import NlpSettings
from pipeline.errors import ClaimtrackError
from pipeline.executors.codec import analysis_from_json, analysis_to_json
from pipeline.hashing import text_hash
from pipeline.nlp.analyse import Analysis, analyse_texts, paragraph_count
from pipeline.nlp.embed import Embedder
from pipeline.records import Vector


class AnalyseActor:
    """A Ray Data actor: spaCy loaded once, then a batch of documents at a time."""

    def __init__(self, spacy_model: str, batch_size: int) -> None:
        from pipeline.nlp.load import load_nlp

        self.nlp = load_nlp(spacy_model)
        self.batch_size = batch_size

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        analyses = analyse_texts(self.nlp, [str(t) for t in batch["text"]], self.batch_size)
        return {"n": batch["n"], "analysis": [analysis_to_json(a) for a in analyses]}


class EmbedActor:
    """A Ray Data actor: the sentence embedder loaded once, on one thread (one CPU per actor)."""

    def __init__(self, batch_size: int) -> None:
        self.embedder = Embedder(batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        texts = [str(t) for t in batch["text"]]
        vectors = self.embedder.embed(texts, threads=1)
        self.embedder.cache.clear()
        hashes = [text_hash(t) for t in texts]
        return {"text_hash": hashes, "vector": np.stack([vectors[h] for h in hashes]).tolist()}


class RayExecutor:
    name = "ray"
    streams = False  # each stage is one Ray Data job over all its texts

    def __init__(self, settings: NlpSettings) -> None:
        self.settings = settings

    def prefetch(self, texts: Iterable[str]) -> None:
        pass

    def close(self) -> None:
        pass

    def analyse(
        self, texts: Sequence[str], on_progress: Callable[[int], None] | None = None
    ) -> Iterator[list[Analysis]]:
        if not texts:
            return
        rows = [{"n": n, "text": t} for n, t in enumerate(texts)]
        table = self._run(
            rows,
            AnalyseActor,
            {"spacy_model": self.settings.spacy_model, "batch_size": self.settings.nlp_batch_size},
            batch_size=8,
        )
        order = np.argsort(table.column("n").to_numpy())
        analyses = table.column("analysis").to_pylist()
        chunk = max(1, self.settings.analyse_chunk)
        for start in range(0, len(order), chunk):
            part = [analysis_from_json(analyses[i]) for i in order[start : start + chunk]]
            if on_progress:
                on_progress(paragraph_count(texts[start : start + chunk]))
            yield part

    def embed(self, texts: Sequence[str]) -> dict[str, Vector]:
        if not texts:
            return {}
        rows = [{"text": t} for t in sorted(set(texts), key=len)]
        table = self._run(
            rows,
            EmbedActor,
            {"batch_size": self.settings.embed_batch_size},
            batch_size=self.settings.embed_batch_size * 4,
        )
        return {
            h: np.asarray(v, dtype=np.float32)
            for h, v in zip(
                table.column("text_hash").to_pylist(),
                table.column("vector").to_pylist(),
                strict=True,
            )
        }

    def _run(
        self, rows: list[dict[str, Any]], actor: type, kwargs: dict[str, Any], batch_size: int
    ) -> Any:
        """`rows` through a pool of `actor`s, written as Parquet; the Parquet read back."""
        ray = _init(self.settings.ray_address)
        import pyarrow.parquet as pq

        out = f"{self._work_dir().rstrip('/')}/{actor.__name__.lower()}-{uuid.uuid4().hex[:12]}"
        dataset = ray.data.from_items(rows).map_batches(
            actor,
            fn_constructor_kwargs=kwargs,
            batch_size=batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=max(1, self.settings.ray_concurrency)),
            num_cpus=1,
        )
        dataset.write_parquet(out)
        return pq.read_table(out)

    def _work_dir(self) -> str:
        if self.settings.ray_work_dir:
            return self.settings.ray_work_dir
        return tempfile.mkdtemp(prefix="claimtrack-ray-")


def _init(address: str) -> Any:
    """Ray, connected: to `address` (ray://host:10001, auto), or a local instance if empty."""
    try:
        import ray
    except ImportError:
        raise ClaimtrackError(
            "the ray executor needs Ray: pip install 'claimtrack[ray]' (or use --executor local)"
        ) from None
    if not ray.is_initialized():
        try:
            ray.init(
                address=address or None,
                logging_level=logging.WARNING,
                log_to_driver=False,
                include_dashboard=False,
            )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClaimtrackError(f"cannot connect to Ray at {address or 'local'}: {exc}") from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    return ray
