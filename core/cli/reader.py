"""Launching the Textual reader from the command line (the only place core touches the TUI)."""

from __future__ import annotations

from pathlib import Path


def launch(db: Path | None, model: str | None) -> None:
    from ...tui.app import run

    run(db=db, model=model)
