"""The dialog that adds articles: ask for a path or URL, then show the child import's progress.

Given ``sources`` up front (the first-run seed import) it skips the question. It dismisses itself
with the ``ImportSummary`` when the import went well; when something failed it stays open on the
log so the user can read what happened, and closes on enter or escape.

Feeds behave as in ``newsread add``: an item whose page cannot be fetched keeps the feed's summary
(the child says so in one line, shown in the log and as a toast), and "Feed summaries only" is the
command's ``--no-fetch``.

An in-memory library (``--db :memory:``, ``Library.path`` None) cannot be shared with the child, so
there the dialog says adding is not available and starts nothing; the user opens a library file to
add articles.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from ..widgets.import_progress import ImportProgress, ImportSummary, add_command, in_memory


def parse_sources(text: str) -> list[str]:
    """Paths and URLs typed in the dialog: shell-style words, ``~`` expanded for local paths."""
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    out = []
    for w in words:
        out.append(str(Path(w).expanduser()) if w.startswith("~") else w)
    return out


NO_FETCH_LABEL = "Feed summaries only (don't fetch each item's page)"

IN_MEMORY = (
    "Adding articles is not available with an in-memory library (:memory:):\n"
    "a separate process analyses them, and it cannot reach this one.\n"
    "Open a library file (--db PATH) to add articles · escape to close"
)


class AddProgress(ImportProgress):
    """The import's progress plus the run's notes: the child's one line about feed items kept as
    their summary (a ``{"event": "note"}``) is logged and kept for the dialog to show."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.notes: list[str] = []

    def _on_line(self, line: str) -> None:
        super()._on_line(line)
        try:
            event = json.loads(line)
        except ValueError:
            return
        if isinstance(event, dict) and event.get("event") == "note" and isinstance(event.get("message"), str):
            self.notes.append(event["message"])
            self._log(event["message"], "yellow")


class AddSourceScreen(ModalScreen[ImportSummary | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="add.close"),
    ]

    def __init__(
        self,
        db: Path | str | None,
        *,
        sources: Sequence[str] | None = None,
        model: str | None = None,
        title: str = "Add articles",
        argv: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.sources = list(sources) if sources else None
        self.model = model
        self.dialog_title = title
        self.argv = list(argv) if argv else None
        self.summary: ImportSummary | None = None
        self.notes: list[str] = []  # the import's one-line notes (feed items kept as their summary)
        self.running = False
        self.refusal = IN_MEMORY if self.argv is None and in_memory(db) else None  # why nothing can be added

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Label(self.dialog_title, id="add-title")
            yield Input(
                placeholder="Path(s) or URL(s) of articles or feeds",
                id="add-input",
                classes="-hidden" if self.sources else "",
            )
            yield Checkbox(NO_FETCH_LABEL, id="add-no-fetch", classes="-hidden" if self.sources else "")
            yield Label(
                "enter to add · escape to cancel · a feed item whose page can't be fetched keeps its summary",
                id="add-hint",
                classes="-hidden" if self.sources else "",
            )
            yield AddProgress(id="add-progress", classes="" if self.sources else "-hidden")

    def on_mount(self) -> None:
        if self.refusal:
            self._refuse(self.refusal)
        elif self.sources:
            self._start(self.sources)
        else:
            self.query_one("#add-input", Input).focus()

    @on(Input.Submitted, "#add-input")
    def _submitted(self, event: Input.Submitted) -> None:
        sources = parse_sources(event.value)
        if not sources or self.running or self.refusal:
            return
        self._start(sources)

    def _refuse(self, reason: str) -> None:
        """Say in the hint why nothing can be added; only closing is left."""
        for widget in ("#add-input", "#add-no-fetch", "#add-progress"):
            self.query_one(widget).add_class("-hidden")
        hint = self.query_one("#add-hint", Label)
        hint.update(reason)
        hint.remove_class("-hidden")
        hint.add_class("-error")

    def _start(self, sources: list[str]) -> None:
        self.running = True
        no_fetch = self.query_one("#add-no-fetch", Checkbox)
        if no_fetch.value:
            sources = ["--no-fetch", *sources]
        for widget in ("#add-input", "#add-no-fetch", "#add-hint"):
            self.query_one(widget).add_class("-hidden")
        progress = self.query_one(AddProgress)
        progress.remove_class("-hidden")
        if self.argv:
            progress.start([*self.argv, *sources])
        else:
            assert self.db is not None  # an in-memory library is refused at mount (``refusal``)
            progress.start(add_command(self.db, sources, model=self.model))

    @on(ImportProgress.Finished)
    def _finished(self, event: ImportProgress.Finished) -> None:
        self.running = False
        self.summary = event.summary
        self.notes = list(self.query_one(AddProgress).notes)
        for note in self.notes:
            self.app.notify(note, title="Feed summaries kept", severity="warning", markup=False)
        if event.summary.ok:
            self.dismiss(event.summary)
        else:
            hint = self.query_one("#add-hint", Label)
            hint.update("Something went wrong (see above) · enter or escape to close")
            hint.remove_class("-hidden")
            hint.add_class("-error")

    def action_close(self) -> None:
        # Leaving mid-import stops the child (the worker kills it); whole articles already stored stay.
        self.workers.cancel_group(self.query_one(ImportProgress), "import")
        self.dismiss(self.summary)

    def on_key(self, event) -> None:
        if event.key == "enter" and self.summary is not None and not self.summary.ok:
            event.stop()
            self.dismiss(self.summary)
