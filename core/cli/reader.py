"""Launching the Textual reader from the command line (the only place core touches the TUI)."""

from __future__ import annotations

import gc
from pathlib import Path


def launch(db: Path | None, model: str | None) -> None:
    # Start-up (importing Textual, building the library screen) allocates much and frees little,
    # so collections then are wasted time: the app freezes what it built and turns collection
    # back on once the library is loaded (newsread.tui.heap.freeze_heap).
    gc.disable()
    from ...tui.app import run

    run(db=db, model=model)
