"""Notes never lost and easy to reach: quitting keeps the draft, All notes is ready for keys at once,
its search filters as you type, and the status line forgets a draft once it is gone."""

from __future__ import annotations

import pytest
from newsread.core.notes import NoteError, Notes
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.confirm import ConfirmScreen
from newsread.tui.screens.note_editor import NoteEditorScreen
from newsread.tui.screens.notes_view import LibraryNotesList, NotesViewScreen
from support.app import APP_SIZE, Toasts, started
from support.input import reader_opened
from textual.widgets import Input

pytestmark = pytest.mark.anyio


async def test_ctrl_q_right_after_typing_a_note_keeps_it_as_a_draft(app: NewsreadApp) -> None:
    async with reader_opened(app) as (pilot, _):
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*"too fast", "ctrl+q")  # well within the two seconds between drafts
        await pilot.pause()
    assert not app.is_running
    drafts = Notes(app.library).drafts()
    assert [d.body for d in drafts] == ["too fast"]


async def test_the_draft_message_goes_when_the_draft_is_discarded(app: NewsreadApp) -> None:
    Notes(app.library).save_draft(1, 0, 10, "half a thought")
    async with reader_opened(app) as (pilot, reader):
        assert "unsaved note was kept" in reader.status_text
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # text was typed (the draft's): asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is reader
        assert Notes(app.library).drafts() == []
        assert "unsaved note" not in reader.status_text


async def test_the_drafts_toast_has_one_full_stop_after_a_title_ending_in_one(app: NewsreadApp) -> None:
    lib = app.library
    lib.conn.execute("UPDATE articles SET title = 'Talks with Donald Trump.' WHERE id = 1")
    lib.conn.commit()
    Notes(lib).save_draft(1, 0, 10, "half a thought")
    toasts = Toasts()
    async with started(app, message_hook=toasts):
        messages = toasts.messages()
        assert any("Donald Trump. Open" in m for m in messages), messages
        assert not any(".." in m for m in messages), messages


async def _all_notes(app: NewsreadApp, pilot) -> NotesViewScreen:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, NotesViewScreen)
    return app.screen


def _add_notes(lib: Library) -> None:
    notes = Notes(lib)
    notes.add(1, 0, 10, "first about the ceasefire")
    notes.add(1, 20, 30, "second about hostages")


@pytest.mark.parametrize(("key", "expected"), [("enter", ReaderScreen), ("e", NoteEditorScreen), ("d", ConfirmScreen)])
async def test_all_notes_keys_work_before_any_arrow(app: NewsreadApp, key: str, expected: type) -> None:
    _add_notes(app.library)
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _all_notes(app, pilot)
        assert screen.query_one(LibraryNotesList).highlighted == 0
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, expected)


async def test_all_notes_search_filters_as_you_type(app: NewsreadApp) -> None:
    _add_notes(app.library)
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _all_notes(app, pilot)
        await pilot.press("slash", *"hostages")
        await pilot.pause(0.5)  # no enter
        assert screen.query_one("#notes-view-search", Input).has_focus
        assert [n.body for n in screen.rows] == ["second about hostages"]
        assert screen.query_one(LibraryNotesList).highlighted == 0


async def test_reader_notes_search_filters_as_you_type(app: NewsreadApp) -> None:
    _add_notes(app.library)
    async with reader_opened(app) as (pilot, reader):
        reader.tabs_show("tab-notes")
        await pilot.pause()
        reader.notes_list.focus()
        await pilot.press("slash", *"ceasefire")
        await pilot.pause(0.5)  # no enter
        assert reader.query_one("#notes-search", Input).has_focus
        assert list(reader.notes_list.notes) == [n.id for n in reader.note_rows if "ceasefire" in n.body]


async def test_when_the_draft_cannot_be_kept_ctrl_q_asks_first(
    app: NewsreadApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args, **kwargs):
        raise NoteError("disk full")

    toasts = Toasts()
    async with reader_opened(app, message_hook=toasts) as (pilot, _):
        await pilot.press("a")
        await pilot.pause()
        monkeypatch.setattr(Notes, "save_draft", fail)
        await pilot.press(*"lost?", "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, NoteEditorScreen)
        assert [m for m in toasts.messages() if "ctrl+q again" in m]
        await pilot.press("ctrl+q")  # the user was told: now it quits
        await pilot.pause()
    assert not app.is_running
