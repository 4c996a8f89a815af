"""The progress bar ``add`` and ``analyze`` draw on stderr while they work through many articles."""

from __future__ import annotations

import time
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .terminal import console

DRAWS_PER_SECOND = 10
"""At most this many redraws a second, rich's own refresh rate."""


class ThreadlessBar(Progress):
    """A rich ``Progress`` redrawn by the code that advances it (at most :data:`DRAWS_PER_SECOND`
    times a second) instead of by rich's refresh thread.

    The process that draws the bar is the one that parses when the analysis runs in it, and a
    process that has ever had a second thread parses some 15 % slower for good (spaCy takes and
    releases the GIL at each step of its parser, and glibc's mutexes keep their single-thread fast
    path only while a process never had a second thread). The bar moves as articles are done, a
    few times a second; while one article takes long, its clock waits with it."""

    def __init__(self, *columns: str | Any, **options: Any) -> None:
        super().__init__(*columns, auto_refresh=False, **options)
        self._drawn_at = float("-inf")

    def update(
        self,
        task_id: TaskID,
        *,
        total: float | None = None,
        completed: float | None = None,
        advance: float | None = None,
        description: str | None = None,
        visible: bool | None = None,
        refresh: bool = False,
        **fields: Any,
    ) -> None:
        super().update(
            task_id,
            total=total,
            completed=completed,
            advance=advance,
            description=description,
            visible=visible,
            refresh=refresh,
            **fields,
        )
        self._draw_when_due()

    def advance(self, task_id: TaskID, advance: float = 1) -> None:
        super().advance(task_id, advance)
        self._draw_when_due()

    def _draw_when_due(self) -> None:
        now = time.monotonic()
        if now - self._drawn_at >= 1 / DRAWS_PER_SECOND:
            self._drawn_at = now
            self.refresh()


def progress_bar(verb: str, *, parses_here: bool) -> Progress:
    """A transient bar on stderr: ``verb``, the bar, done/total, time left and taken, then the
    task's description (a title, shown inert: no markup is read from it).

    When the analysis ``parses_here``, in this process, the bar is a :class:`ThreadlessBar`; when
    it runs in workers, rich's refresh thread keeps the clock going while a chunk is analysed (the
    workers are forked before it starts: ``analysis.forked_workers``)."""
    bar = ThreadlessBar if parses_here else Progress
    return bar(
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim", markup=False),
        console=console(stderr=True),
        transient=True,
        redirect_stdout=False,  # stdout is the command's output (JSON to a file), never the bar's
    )
