"""The progress bar ``add`` and ``analyze`` draw on stderr while they work through many articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress


def progress_bar(verb: str) -> Progress:
    """A transient bar on stderr: ``verb``, the bar, done/total, time left and taken, then the
    task's description (a title, shown inert: no markup is read from it)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .terminal import console

    return Progress(
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
