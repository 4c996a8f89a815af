"""The progress bar ``add`` and ``analyze`` draw on stderr while they work through many articles."""

from __future__ import annotations

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

from .terminal import BAR_CONSOLES, console

DRAWS_PER_SECOND = 10
"""Redraws a second at most while updates come in a quick stream, rich's own refresh rate."""

SLOW_UPDATE_S = 0.01
"""An update that comes at least this long after the one before is drawn at once: a draw takes
about half a millisecond, a few per cent of such a gap."""


class Bar(Progress):
    """A rich ``Progress`` whose console, while it is drawn, is the one ``terminal.stderr_line``
    prints through (above the bar)."""

    def start(self) -> None:
        super().start()
        BAR_CONSOLES.append(self.console)

    def stop(self) -> None:
        if self.console in BAR_CONSOLES:
            BAR_CONSOLES.remove(self.console)
        super().stop()


class ThreadlessBar(Bar):
    """A rich ``Progress`` redrawn by the code that updates it instead of by rich's refresh thread.

    The process that draws the bar is the one that parses when the analysis runs in it, and a
    process that has ever had a second thread parses some 15 % slower for good (spaCy takes and
    releases the GIL at each step of its parser, and glibc's mutexes keep their single-thread fast
    path only while a process never had a second thread).

    Analysed articles come in bursts (a batch's articles tens of milliseconds apart, then seconds of
    parsing): each such update is drawn, so the bar shows every article done before the next batch
    is parsed. Updates in a quicker stream (stored analyses, duplicates) are drawn at most
    :data:`DRAWS_PER_SECOND` times a second. While nothing is done, the clock waits."""

    def __init__(self, *columns: str | Any, **options: Any) -> None:
        super().__init__(*columns, auto_refresh=False, **options)
        self._drawn_at = self._updated_at = float("-inf")

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
        now = self.get_time()  # rich's clock for the tasks' times (time.monotonic unless given)
        slow = now - self._updated_at >= SLOW_UPDATE_S
        self._updated_at = now
        if slow or now - self._drawn_at >= 1 / DRAWS_PER_SECOND:
            self._drawn_at = now
            self.refresh()


def progress_bar(verb: str, *, parses_here: bool) -> Bar:
    """A transient bar on stderr: ``verb``, the bar, done/total, time left and taken, then the
    task's description (a title, shown inert: no markup is read from it).

    When the analysis ``parses_here``, in this process, the bar is a :class:`ThreadlessBar`; when
    it runs in workers, rich's refresh thread keeps the clock going while a chunk is analysed (the
    workers are forked before it starts: ``analysis.forked_workers``)."""
    bar = ThreadlessBar if parses_here else Bar
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
