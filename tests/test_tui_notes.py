"""Pilot tests of notes in the reader: cursor, selections, the editor and its drafts, the Notes tab,
the library-wide notes view and exports from the command palette. They use the real notes API."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.notes import Notes, NoteSaveError
from newsread.core.store.library import Library
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.confirm import ConfirmScreen, PromptScreen
from newsread.tui.screens.note_editor import NoteEditorScreen
from newsread.tui.screens.notes_view import NotesViewScreen
from newsread.tui.widgets.notes_list import NotesList
from newsread.tui.widgets.side_pane import PaneTabs
from support.reader import READER_SIZE, ReaderTestApp, reader_pilot, reader_screen, screen_text
from textual.app import App
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Input, TextArea

pytestmark = pytest.mark.anyio


@pytest.fixture
def library(hand_library: Library) -> Library:
    return hand_library


async def test_note_on_current_sentence(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        assert app.focused is view
        await pilot.press("right_parenthesis")
        sentence = view.current_sentence()
        assert sentence is not None
        assert view.get_layer("cursor").starts == [sentence[0]]
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Netanyahu's line", "enter", *"second line")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        text = screen.data.analysis.text
        [note] = Notes(library).for_article(1)
        assert (note.start, note.end) == sentence
        assert note.exact == text[slice(*sentence)]
        assert note.body == "Netanyahu's line\nsecond line"
        assert view.get_layer("notes").starts == [note.start]
        assert screen.query_one(PaneTabs).active == "tab-notes"
        assert "Netanyahu's line" in screen_text(app)
        assert "note saved" in screen.status_text


async def test_keyboard_selection_by_word_and_sentence(library: Library) -> None:
    async with reader_pilot(library) as (_app, pilot, screen):
        view = screen.article
        text = screen.data.analysis.text
        await pilot.press("right_parenthesis", "v", "w", "w")
        assert text[slice(*view.selected_range())] == "Israeli Prime Minister"
        await pilot.press("right_parenthesis")  # extends to the end of the next sentence
        start, end = view.selected_range()
        assert text[start:end].startswith("Israeli Prime Minister") and text[end - 10 : end] == "confirmed."
        await pilot.press("h")
        await pilot.pause()
        [note] = Notes(library).for_article(1)
        assert note.is_highlight and (note.start, note.end) == (start, end)
        assert view.selected_range() is None  # saving drops the selection
        assert view.get_layer("notes").keys == ["highlight"]


async def test_mouse_selection_is_what_a_note_is_on(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        text = screen.data.analysis.text
        line = 0  # the first body line; selection offsets are (character, wrapped line)
        screen.selections = {view: Selection(Offset(19, line), Offset(33, line))}
        await pilot.pause()
        start, end = view.selected_range()
        assert text[start:end] == "Antony Blinken"
        assert app.screen.get_selected_text() == "Antony Blinken"
        await pilot.press("h")
        await pilot.pause()
        [note] = Notes(library).for_article(1)
        assert note.exact == "Antony Blinken"


async def test_cancel_asks_only_when_text_was_typed(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # nothing typed: closed at once
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.body == "half a thought"
        assert editor.save_draft()
        assert len(Notes(library).drafts(article_id=1)) == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert Notes(library).for_article(1) == []
        assert Notes(library).drafts(article_id=1) == []  # discarding drops the draft


async def test_draft_survives_and_is_resumed(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.press("right_parenthesis", "a")
        await pilot.pause()
        await pilot.press(*"typed before the crash")
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.save_draft()
    # the app is gone without saving; the draft is in the library
    [draft] = Notes(library).drafts(article_id=1)
    assert draft.body == "typed before the crash"
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.pause()
        assert "unsaved note" in screen.status_text
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.body == "typed before the crash"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = Notes(library).for_article(1)
        assert note.body == "typed before the crash" and note.exact == draft.exact
        assert Notes(library).drafts(article_id=1) == []


async def test_failed_save_keeps_the_editor_open(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        raise NoteSaveError("could not save the note: database or disk is full")

    monkeypatch.setattr(Notes, "add", fail)
    async with reader_pilot(library) as (app, pilot, _screen):
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"precious words", "ctrl+s")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.body == "precious words"
        assert "Not saved: could not save the note: database or disk is full" in screen_text(app)


async def test_notes_tab_edit_delete_search_and_orphans(library: Library) -> None:
    notes = Notes(library)
    text = library.analysis(1).text
    first = notes.add(1, text.index("Shira Efron"), text.index("Shira Efron") + 11, "policy forum voice", tags="people")
    second = notes.add(1, text.index("Antony Blinken"), text.index("Antony Blinken") + 14, "the secretary")
    gone = notes.add(1, text.index("Hezbollah"), text.index("Hezbollah") + 9, "about the drone")
    library.conn.execute("UPDATE notes SET orphaned = 1 WHERE id = ?", (gone.id,))
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        notes_list = screen.notes_list  # filled before its tab is first shown (and mounted)
        # in text order, the orphan listed apart under its own heading
        assert [(i.kind, i.index) for i in notes_list.items] == [
            ("note", second.id),
            ("note", first.id),
            ("heading", -1),
            ("orphan", gone.id),
        ]
        assert sorted(view.get_layer("notes").starts) == sorted([first.start, second.start])
        screen.query_one(PaneTabs).active = "tab-notes"
        notes_list.focus()
        await pilot.press("g", "j", "enter")
        await pilot.pause()
        assert view.get_layer("focus").starts == [first.start]
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.body == "policy forum voice"
        await pilot.press(*" (edited)", "ctrl+s")
        await pilot.pause()
        assert notes.get(first.id).body == "policy forum voice (edited)"
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert notes.get(second.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert notes.get(second.id) is None
        assert "note deleted" in screen.status_text
        # search the article's notes
        notes_list.focus()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"drone", "enter")
        await pilot.pause()
        assert [i.index for i in notes_list.items if i.kind != "heading"] == [gone.id]
        assert "notes: 1 of 2 match" in screen.status_text
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len([i for i in notes_list.items if i.kind != "heading"]) == 2


class NotesViewApp(App[None]):
    CSS_PATH = ReaderTestApp.CSS_PATH

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def on_mount(self) -> None:
        self.push_screen(NotesViewScreen(library=self.library))

    def open_reader(self, article_id: int) -> ReaderScreen:
        """What ``NewsreadApp.open_reader`` does, less the collector pause: the notes view opens
        articles through it."""
        reader = ReaderScreen(library=self.library, article_id=article_id)
        self.push_screen(reader)
        return reader


async def test_notes_view_lists_all_notes_and_opens_the_article(library: Library, tmp_path: Path) -> None:
    notes = Notes(library)
    text = library.analysis(1).text
    a = notes.add(1, text.index("Basem Naim"), text.index("Basem Naim") + 10, "politburo")
    notes.add(1, text.index("Lloyd Austin"), text.index("Lloyd Austin") + 12, "defense")
    app = NotesViewApp(library)
    async with app.run_test(size=READER_SIZE) as pilot:
        await pilot.pause()
        view_screen = app.screen
        assert isinstance(view_screen, NotesViewScreen)
        assert isinstance(app.focused, NotesList)
        shown = screen_text(app)
        assert "politburo" in shown and "defense" in shown and "Blinken struggles" in shown
        await pilot.press("slash", *"politburo", "enter")
        await pilot.pause()
        assert [n.id for n in view_screen.rows] == [a.id]
        await pilot.press("g", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = reader_screen(app)
        assert screen.article.get_layer("focus").starts == [a.start]
        assert screen.query_one(PaneTabs).active == "tab-notes"
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is view_screen


async def test_export_from_the_command_palette(library: Library, tmp_path: Path) -> None:
    notes = Notes(library)
    text = library.analysis(1).text
    notes.add(1, text.index("Basem Naim"), text.index("Basem Naim") + 10, "politburo member")
    target = tmp_path / "out" / "notes.md"
    target.parent.mkdir()
    async with reader_pilot(library) as (app, pilot, _screen):
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export this article's notes as markdown")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        box = prompt.query_one(Input)
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    written = target.read_text(encoding="utf-8")
    assert "> Basem Naim" in written and "politburo member" in written
