"""Progress bars for long work: rich, on stderr, silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(
    description: str, total: int, show: bool = True
) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; shows a bar on an interactive stderr only, and only if `show` (work
    done inside another bar's loop shows none: one live display at a time)."""
    if not show:
        yield _ignore
        return
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not sys.stderr.isatty(),
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            progress.advance(task, n)

        yield advance


def _ignore(n: int = 1) -> None:
    pass
