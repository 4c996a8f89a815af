"""The note editor: a modal multi-line editor for one note on a passage of an article.

``ctrl+s`` saves through the notes API and dismisses with the saved ``NoteRow``; ``escape`` cancels,
asking first when text was typed. While it is open a draft is saved every few seconds
(``Notes.save_draft``), so a crash loses at most that much, and at once when the app quits
(``keep_unsaved``); a saved or discarded note drops its
draft. A failed save is shown in the editor, which stays open with the text.
"""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from ...core.notes import DraftRow, NoteError, NoteRow, Notes
from ..safe_text import one_line
from .confirm import ConfirmScreen

DRAFT_INTERVAL = 2.0
"""Seconds between draft saves while the text changes."""


class NoteEditorScreen(ModalScreen[NoteRow | None]):
    """Write or edit a note. Give ``note`` to edit one, ``draft`` to resume an unsaved one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note_editor.save", priority=True, tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", id="note_editor.cancel", tooltip="Close (asks if text was typed)"),
    ]

    def __init__(
        self,
        notes: Notes,
        article_id: int,
        start: int,
        end: int,
        exact: str,
        *,
        note: NoteRow | None = None,
        draft: DraftRow | None = None,
    ) -> None:
        super().__init__()
        self.notes = notes
        self.article_id = article_id
        self.start = start
        self.end = end
        self.exact = exact
        self.note = note
        self.draft_id: int | None = draft.id if draft else None
        self.initial_body = note.body if note else ""
        self.initial_tags = " ".join(note.tags) if note else ""
        self._start_body = draft.body if draft else self.initial_body
        self._start_tags = " ".join(draft.tags) if draft else self.initial_tags
        self._draft_saved: tuple[str, str] | None = (self._start_body, self._start_tags) if draft else None
        self.error: str | None = None
        self._draft_failure: str | None = None

    def compose(self) -> ComposeResult:
        quote = one_line(self.exact)
        if len(quote) > 300:
            quote = quote[:299] + "…"
        with Vertical(id="note-box"):
            yield Label(Content("Edit note" if self.note else "New note"), id="note-title")
            yield Label(Content(f"“{quote}”"), id="note-quote")
            yield TextArea(self._start_body, id="note-body", soft_wrap=True, show_line_numbers=False)
            yield Input(self._start_tags, placeholder="tags (space or comma separated)", id="note-tags")
            yield Label(Content("ctrl+s save · escape cancel"), id="note-status")

    def on_mount(self) -> None:
        body = self.query_one("#note-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        self.set_interval(DRAFT_INTERVAL, self.save_draft)

    @property
    def body(self) -> str:
        return self.query_one("#note-body", TextArea).text

    @property
    def tags(self) -> str:
        return self.query_one("#note-tags", Input).value

    @property
    def changed(self) -> bool:
        return (self.body, self.tags) != (self.initial_body, self.initial_tags)

    def _show(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#note-status", Label)
        label.update(Content(message))
        label.set_class(error, "-error")

    def save_draft(self) -> bool:
        """Save the draft if the text changed since the last one; False when saving failed."""
        current = (self.body, self.tags)
        if current == (self._draft_saved or (self.initial_body, self.initial_tags)):
            return True
        try:
            draft = self.notes.save_draft(
                self.article_id,
                self.start,
                self.end,
                current[0],
                tags=current[1],
                exact=self.exact,
                note_id=self.note.id if self.note else None,
                draft_id=self.draft_id,
            )
        except NoteError as exc:
            self._show(f"draft not saved: {exc}", error=True)
            if str(exc) != self._draft_failure:  # said once, not at every autosave that fails the same way
                self._draft_failure = str(exc)
                self.notify(f"{exc}. The text stays here.", title="Draft not saved", severity="warning", markup=False)
            return False
        self._draft_failure = None
        self.draft_id = draft.id
        self._draft_saved = current
        return True

    def keep_unsaved(self) -> bool:
        """Keep what was typed as a draft now (the app quits); False when it could not be kept."""
        return self.save_draft()

    def action_save(self) -> None:
        try:
            if self.note is not None:
                saved = self.notes.update(self.note.id, body=self.body, tags=self.tags, draft_id=self.draft_id)
            else:
                saved = self.notes.add(
                    self.article_id, self.start, self.end, self.body, tags=self.tags, draft_id=self.draft_id
                )
        except NoteError as exc:
            self.error = str(exc)
            self._show(f"Not saved: {exc}", error=True)
            self.notify(f"{exc}. The text stays in the editor.", title="Note not saved", severity="error", markup=False)
            self.app.bell()
            return
        self.dismiss(saved)

    def _discard(self) -> None:
        if self.draft_id is not None:
            # if this fails the draft stays and is offered again; nothing the user must act on
            with suppress(NoteError):
                self.notes.discard_draft(self.draft_id)
        self.dismiss(None)

    def action_cancel(self) -> None:
        if not self.changed:
            self._discard()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._discard()
            else:
                self.query_one("#note-body", TextArea).focus()

        self.app.push_screen(ConfirmScreen("Discard the text you typed?", yes="Discard", no="Keep editing"), answered)

    @on(TextArea.Changed, "#note-body")
    def _typed(self) -> None:
        if self.error is not None:
            self.error = None
            self._show("ctrl+s save · escape cancel")
