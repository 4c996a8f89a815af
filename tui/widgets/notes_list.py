"""The Notes tab: an article's notes in text order, then the orphans (passage no longer in the text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

from ...core.notes import NoteRow
from ..safe_text import one_line
from ..typeahead import expect_typing
from .item_list import Entry, Item, ItemList


def clip(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def note_prompt(note: NoteRow, *, with_article: bool = False) -> Content:
    parts: list[str | tuple[str, str]] = []
    if with_article:
        parts += [(clip(note.article_title or "Untitled", 80), "bold"), "\n"]
    parts.append((f"“{clip(note.exact, 160)}”", "italic"))
    if note.is_highlight:
        parts.append(("  highlight", "dim"))
    if note.body.strip():
        parts += ["\n", clip(note.body, 400)]
    if note.tags:
        parts += ["\n", (" ".join(f"#{one_line(t)}" for t in note.tags), "dim")]
    return Content.assemble(*parts)


class NotesList(ItemList):
    """Notes of one article; ``enter`` jumps, ``e`` edits, ``d`` deletes, ``/`` searches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit note", id="notes.edit", tooltip="Edit the highlighted note"),
        Binding("d", "delete", "Delete note", id="notes.delete", tooltip="Delete the highlighted note (asks first)"),
        Binding("slash", "search", "Search notes", key_display="/", id="notes.search", tooltip="Search notes"),
    ]

    class Edit(Message):
        def __init__(self, note: NoteRow) -> None:
            self.note = note
            super().__init__()

    class Delete(Message):
        def __init__(self, note: NoteRow) -> None:
            self.note = note
            super().__init__()

    class Search(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: dict[int, NoteRow] = {}

    def show(self, notes: Sequence[NoteRow], *, empty: str = "No notes yet — select text and press a") -> None:
        self.notes = {n.id: n for n in notes}
        anchored = [n for n in notes if not n.orphaned]
        orphans = [n for n in notes if n.orphaned]
        entries = [Entry(Item("note", n.id, n.start, n.end), note_prompt(n)) for n in anchored]
        if orphans:
            heading = Content.assemble(("Orphaned notes", "bold"), " — their passage is no longer in the text")
            entries.append(Entry(Item("heading", -1, 0, 0), heading, enabled=False))
            entries += [Entry(Item("orphan", n.id, 0, 0), note_prompt(n)) for n in orphans]
        if not entries:
            entries.append(Entry(Item("heading", -1, 0, 0), Content(empty), enabled=False))
        self.set_entries(entries)

    @property
    def current_note(self) -> NoteRow | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.items):
            return None
        item = self.items[self.highlighted]
        return self.notes.get(item.index) if item.kind in ("note", "orphan") else None

    def _post(self, index: int, *, activated: bool) -> None:
        if 0 <= index < len(self.items) and self.items[index].kind == "note":
            super()._post(index, activated=activated)

    def action_edit(self) -> None:
        note = self.current_note
        if note is None:
            self.app.bell()
        else:
            expect_typing(self)  # the screen opens the editor: keys typed meanwhile are the note's
            self.post_message(self.Edit(note))

    def action_delete(self) -> None:
        note = self.current_note
        if note is None:
            self.app.bell()
        else:
            self.post_message(self.Delete(note))

    def action_search(self) -> None:
        expect_typing(self)  # the screen focuses its search box: the keys typed meanwhile are the query
        self.post_message(self.Search())
