"""The reader's Notes tab: the article's notes, their search box and the article's drafts.

The pane is mounted when its tab is first shown, but filled before (``reload``), so its methods
work unmounted and answer with the status text to show. What the user starts in the pane (edit,
delete, search as you type) ends in a message to the screen: ``Saved`` (the editor closed),
``Deleted`` and ``Said`` (a line for the status bar).
"""

from __future__ import annotations

from textual import events, on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from ...core.notes import DraftRow, NoteError, NoteRow, Notes
from ..safe_text import one_line
from ..screens.confirm import ConfirmScreen
from ..screens.note_editor import NoteEditorScreen
from ..widgets.notes_list import NotesList


class NotesPane(Vertical):
    """The notes of article ``article_id`` (a ``NotesList``), filtered by a search box shown on ``/``."""

    class Saved(Message):
        """The note editor closed: ``note`` is the note saved, or None when nothing was."""

        def __init__(self, note: NoteRow | None) -> None:
            self.note = note
            super().__init__()

    class Deleted(Message):
        """A note was deleted."""

    class Said(Message):
        """A line for the status bar."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, notes: Notes, article_id: int, *, id: str | None = None) -> None:
        notes_list = NotesList(id="notes-list")
        super().__init__(notes_list, id=id)
        self.notes_list = notes_list
        self.notes = notes
        self.article_id = article_id
        self.rows: list[NoteRow] = []
        self.query_text: str | None = None

    # -- the list ----------------------------------------------------------------------------------
    def reload(self) -> str | None:
        """Read the article's notes again and show those the search matches; a status line or None."""
        said = None
        try:
            self.rows = self.notes.for_article(self.article_id)
        except NoteError as exc:
            self.rows = []
            said = f"notes unavailable: {exc}"
        return self.search(self.query_text or "") or said

    def marks(self) -> list[tuple[int, int, str]]:
        """The article's notes layer: highlights and notes whose passage is still in the text."""
        return [
            (n.start, n.end, "highlight" if n.is_highlight else "note")
            for n in self.rows
            if not n.orphaned and n.end > n.start
        ]

    def search(self, query: str) -> str | None:
        """Show only the notes matching ``query`` (full-text search), all of them when it is empty;
        the status line to show, or None."""
        query = query.strip()
        self.query_text = query or None
        if not query:
            self.notes_list.show(self.rows)
            return None
        try:
            hits = {h.note.id for h in self.notes.search(query, limit=1000)}
        except NoteError as exc:
            return f"search failed: {exc}"
        rows = [n for n in self.rows if n.id in hits]
        self.notes_list.show(rows, empty=f"No notes match “{one_line(query)}”")
        return f"notes: {len(rows)} of {len(self.rows)} match “{one_line(query)}”"

    def row_of(self, note_id: int) -> NoteRow | None:
        return next((n for n in self.rows if n.id == note_id), None)

    def highlight_note(self, note_id: int) -> None:
        self.notes_list.highlight_item("note", note_id)

    # -- drafts ------------------------------------------------------------------------------------
    def pending_draft(self) -> DraftRow | None:
        """The article's draft of a new note, kept when the editor closed without saving."""
        try:
            drafts = self.notes.drafts(article_id=self.article_id)
        except NoteError:
            return None
        return next((d for d in drafts if d.note_id is None), None)

    def draft_for(self, note_id: int) -> DraftRow | None:
        """The kept draft of an edit of note ``note_id``."""
        try:
            return next((d for d in self.notes.drafts(article_id=self.article_id) if d.note_id == note_id), None)
        except NoteError:
            return None

    # -- edit, delete ------------------------------------------------------------------------------
    @on(NotesList.Edit)
    def _edit(self, event: NotesList.Edit) -> None:
        event.stop()
        note = event.note
        editor = NoteEditorScreen(
            self.notes, self.article_id, note.start, note.end, note.exact, note=note, draft=self.draft_for(note.id)
        )
        self.app.push_screen(editor, self._editor_closed)

    def _editor_closed(self, saved: NoteRow | None) -> None:
        self.post_message(self.Saved(saved))

    @on(NotesList.Delete)
    def _delete(self, event: NotesList.Delete) -> None:
        event.stop()
        note = event.note

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.notes.delete(note.id)
            except NoteError as exc:
                self.notify(str(exc), title="Note not deleted", severity="error", markup=False)
                return
            self.post_message(self.Deleted())

        what = "highlight" if note.is_highlight else "note"
        self.app.push_screen(ConfirmScreen(f"Delete this {what} on “{one_line(note.exact)[:80]}”?"), answered)

    # -- search box --------------------------------------------------------------------------------
    def _search_box(self) -> Input | None:
        return next(self.query("#notes-search").results(Input), None)

    @on(NotesList.Search)
    def _open_search(self, event: NotesList.Search) -> None:
        event.stop()
        box = self._search_box()
        if box is None:
            box = Input(placeholder="Search notes…", id="notes-search")
            self.mount(box, before=0)
        box.display = True
        box.value = self.query_text or ""
        box.focus()

    def _search_said(self, query: str) -> None:
        said = self.search(query)
        if said:
            self.post_message(self.Said(said))

    @on(Input.Changed, "#notes-search")
    def _search_typed(self, event: Input.Changed) -> None:
        """Filter the notes as the query is typed, as the library's search does."""
        event.stop()
        if (event.value.strip() or None) != self.query_text:
            self._search_said(event.value)

    @on(Input.Submitted, "#notes-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._search_said(event.value)
        if not event.value.strip():
            event.input.display = False
        self.notes_list.focus()

    def on_key(self, event: events.Key) -> None:
        """Escape in the search box clears the search and closes the box."""
        if event.key != "escape":
            return
        box = self._search_box()
        if box is None or not box.has_focus:
            return
        event.stop()
        event.prevent_default()
        box.display = False
        box.value = ""
        self._search_said("")
        self.notes_list.focus()
