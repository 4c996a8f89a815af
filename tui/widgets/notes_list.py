"""The Notes tab: an article's notes in text order, then the orphans (passage no longer in the text)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from ...core.notes import NoteRow
from .article_view import one_line
from .side_pane import Item, ItemList


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

    BINDINGS: list[BindingType] = [  # noqa: RUF012
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
        self.items = []
        options: list[Option | None] = []

        def add(item: Item, option: Option) -> None:
            if self.items:
                options.append(None)
            self.items.append(item)
            options.append(option)

        for n in anchored:
            add(Item("note", n.id, n.start, n.end), Option(note_prompt(n), id=f"note-{n.id}"))
        if orphans:
            heading = Content.assemble(("Orphaned notes", "bold"), " — their passage is no longer in the text")
            add(Item("heading", -1, 0, 0), Option(heading, disabled=True))
            for n in orphans:
                add(Item("orphan", n.id, 0, 0), Option(note_prompt(n), id=f"orphan-{n.id}"))
        if not self.items:
            add(Item("heading", -1, 0, 0), Option(Content(empty), disabled=True))
        self.set_options(options)

    @property
    def current_note(self) -> NoteRow | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.items):
            return None
        item = self.items[self.highlighted]
        return self.notes.get(item.index) if item.kind in ("note", "orphan") else None

    def _post_item(self, option_index: int, *, activated: bool) -> None:
        if 0 <= option_index < len(self.items) and self.items[option_index].kind == "note":
            super()._post_item(option_index, activated=activated)

    def action_edit(self) -> None:
        note = self.current_note
        if note is None:
            self.app.bell()
        else:
            self.post_message(self.Edit(note))

    def action_delete(self) -> None:
        note = self.current_note
        if note is None:
            self.app.bell()
        else:
            self.post_message(self.Delete(note))

    def action_search(self) -> None:
        self.post_message(self.Search())
