"""Where the two model stages run: in this process (`local`, the default) or on a Ray cluster
(`ray`, an optional extra). Everything else, and every write to the store, stays in the one
process that holds the DuckDB file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from pipeline.config import NlpSettings
from pipeline.errors import UsageError
from pipeline.nlp.analyse import Analysis
from pipeline.records import Vector

EXECUTORS = ("local", "ray")


class Executor(Protocol):
    """Runs the spaCy analysis and the embedder over batches of texts."""

    name: str

    @property
    def streams(self) -> bool:
        """Whether `analyse` yields each chunk while later ones are still being parsed, so
        that embedding and judging a chunk as it comes overlaps the parse."""
        ...

    def prefetch(self, texts: Iterable[str]) -> None:
        """Start analysing `texts` (that a later `analyse` will ask for), if that pays."""
        ...

    def analyse(
        self, texts: Sequence[str], on_progress: Callable[[int], None] | None = None
    ) -> Iterator[list[Analysis]]:
        """The analyses of `texts`, in order, a chunk at a time (so the caller can store each
        chunk before the next is parsed)."""
        ...

    def embed(self, texts: Sequence[str]) -> dict[str, Vector]:
        """Unit vectors of `texts`, keyed by text hash."""
        ...

    def close(self) -> None:
        """Drop prefetched work that no one collected."""
        ...


def make_executor(settings: NlpSettings) -> Executor:
    """The executor named in `settings.executor`; nothing is loaded or connected yet."""
    if settings.executor == "local":
        from pipeline.executors.local import LocalExecutor

        return LocalExecutor(settings)
    if settings.executor == "ray":
        from pipeline.executors.ray_exec import RayExecutor

        return RayExecutor(settings)
    raise UsageError(f"unknown executor {settings.executor!r}: use one of {', '.join(EXECUTORS)}")
