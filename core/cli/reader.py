"""Launching the Textual reader from the command line (the only place core touches the TUI)."""

from __future__ import annotations

from pathlib import Path


def launch(db: Path | None, model: str | None) -> None:
    """Run the app on the library at ``db``, the collector held off from before Textual is imported
    (``newsread.tui.speed``)."""
    from ...tui.speed import hold_collection  # no Textual import

    hold_collection()
    from ...tui.app import run

    run(db=db, model=model)
