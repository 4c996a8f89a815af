"""All notes across the library, newest first; ``enter`` opens the article at the note.

``NotesViewScreen(library=app.library)``: ``/`` searches notes (full text, as you type), ``e`` edits, ``d``
deletes after a confirmation, ``escape``/``q`` go back; exports are in the command palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ...core.notes import NoteError, NoteRow, Notes
from ...core.store.library import Library
from ..reader_commands import ReaderCommands
from ..safe_text import one_line
from ..widgets.item_list import Entry, Item
from ..widgets.notes_list import NotesList, note_prompt
from .confirm import ConfirmScreen
from .note_editor import NoteEditorScreen

if TYPE_CHECKING:
    from ..app import NewsreadApp


DELETED_ARTICLE = "This note's article was deleted: the note is kept here, and d deletes it."


class LibraryNotesList(NotesList):
    """Notes of many articles: each entry names its article."""

    padding_x = 2

    def show(self, notes, *, empty: str = "No notes yet — open an article, select text and press a") -> None:
        self.notes = {n.id: n for n in notes}
        entries = []
        for n in notes:
            prompt = note_prompt(n, with_article=True)
            if n.article_id is None:
                prompt = Content.assemble(prompt, ("\n(orphaned: its article was deleted)", "dim"))
            elif n.orphaned:
                prompt = Content.assemble(prompt, ("\n(orphaned: passage no longer in the text)", "dim"))
            entries.append(Entry(Item("orphan" if n.orphaned else "note", n.id, n.start, n.end), prompt))
        if not entries:
            entries.append(Entry(Item("heading", -1, 0, 0), Content(empty), enabled=False))
        self.set_entries(entries)
        self.highlight_first()  # enter, e and d act on a note at once

    def _post(self, index: int, *, activated: bool) -> None:
        if activated and 0 <= index < len(self.items) and self.items[index].kind in ("note", "orphan"):
            self.post_message(self.ItemChosen(self, self.items[index], activated=True))


class NotesViewScreen(Screen[None]):
    """Every note in the library. Push it with ``NotesViewScreen(library=app.library)``."""

    AUTO_FOCUS = "#all-notes"
    COMMANDS = Screen.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape", "Back", id="notes_view.escape", tooltip="Clear the search, or go back"),
        Binding("q", "back", "Back", id="notes_view.back", show=False, tooltip="Back"),
    ]

    def __init__(self, library: Library, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.library = library
        self.notes = Notes(library)
        self.rows: list[NoteRow] = []
        self.query_text: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("All notes"), id="notes-view-title")
        yield Input(placeholder="Search notes…", id="notes-view-search")
        yield LibraryNotesList(id="all-notes")
        yield Static(id="notes-view-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notes-view-search", Input).display = False
        self.reload()

    def reload(self) -> None:
        try:
            if self.query_text:
                rows = [h.note for h in self.notes.search(self.query_text, limit=1000)]
            else:
                rows = self.notes.all_notes(order="recent")
        except NoteError as exc:
            self.notify(str(exc), title="Notes unavailable", severity="error", markup=False)
            rows = []
        self.rows = rows
        self.query_one(LibraryNotesList).show(rows)
        n = len(rows)
        status = f"{n} note{'s' if n != 1 else ''}"
        if self.query_text:
            status += f" match “{one_line(self.query_text)}”"
        self.query_one("#notes-view-status", Static).update(Content(status))

    @on(NotesList.ItemChosen)
    def _open(self, event: NotesList.ItemChosen) -> None:
        note = self.query_one(LibraryNotesList).notes.get(event.item.index)
        if note is None:
            return
        if note.article_id is None:
            self.notify(DELETED_ARTICLE, severity="warning")
            return
        reader = cast("NewsreadApp", self.app).open_reader(note.article_id)
        if not note.orphaned:
            reader.call_after_refresh(reader.show_note, note.id)

    @on(NotesList.Search)
    def _search(self) -> None:
        box = self.query_one("#notes-view-search", Input)
        box.display = True
        box.value = self.query_text or ""
        box.focus()

    @on(Input.Changed, "#notes-view-search")
    def _typed(self, event: Input.Changed) -> None:
        """Filter as the query is typed, as the library's search does."""
        event.stop()
        query = event.value.strip() or None
        if query != self.query_text:
            self.query_text = query
            self.reload()

    @on(Input.Submitted, "#notes-view-search")
    def _searched(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value.strip() or None
        event.input.display = self.query_text is not None
        self.reload()
        self.query_one(LibraryNotesList).focus()

    @on(NotesList.Edit)
    def _edit(self, event: NotesList.Edit) -> None:
        note = event.note
        if note.article_id is None:
            self.notify(DELETED_ARTICLE, severity="warning")
            return
        editor = NoteEditorScreen(self.notes, note.article_id, note.start, note.end, note.exact, note=note)
        self.app.push_screen(editor, lambda _saved: self.reload())

    @on(NotesList.Delete)
    def _delete(self, event: NotesList.Delete) -> None:
        note = event.note

        def answered(yes: bool | None) -> None:
            if yes:
                try:
                    self.notes.delete(note.id)
                except NoteError as exc:
                    self.notify(str(exc), title="Note not deleted", severity="error", markup=False)
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete this note on “{one_line(note.exact)[:80]}”?"), answered)

    def action_escape(self) -> None:
        box = self.query_one("#notes-view-search", Input)
        if self.query_text or box.display:
            self.query_text = None
            box.value = ""
            box.display = False
            self.reload()
            self.query_one(LibraryNotesList).focus()
            return
        self.action_back()

    def action_back(self) -> None:
        self.dismiss()
