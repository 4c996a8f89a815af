"""Keys typed in one burst after ``/`` all reach the search box: none fires a command."""

from __future__ import annotations

import asyncio

import pytest
from newsread.core.notes import Notes
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.note_editor import NoteEditorScreen
from newsread.tui.screens.notes_view import NotesViewScreen
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.typeahead import HOLD_TIMEOUT, expect_typing
from support.app import APP_SIZE, started
from support.input import open_reader, reader_opened
from textual import events
from textual.app import App
from textual.widgets import Input

pytestmark = pytest.mark.anyio


def burst(app: App, text: str) -> None:
    """Queue every key of ``text`` at once, as a terminal delivers a paste or fast typing in one read.

    (``Pilot.press`` waits for the app to go idle after each key, so it never shows this bug.)
    """
    for char in text:
        key = {"/": "slash", "\r": "enter"}.get(char, char)
        app.post_message(events.Key(key, char))


@pytest.mark.parametrize("word", ["biden", "quake", "hamas"])
async def test_library_search_burst_reaches_the_box(app: NewsreadApp, word: str) -> None:
    async with started(app) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        burst(app, "/" + word)
        await pilot.pause(0.5)
        assert app.is_running
        assert app.screen is screen, f"{word!r} opened {app.screen!r}"
        assert screen.query_one("#library-search", Input).value == word
        assert not app.library.article(1).bookmarked


@pytest.mark.parametrize("word", ["hamas", "quake", "biden"])
async def test_reader_search_burst_reaches_the_box(app: NewsreadApp, word: str) -> None:
    async with reader_opened(app) as (pilot, reader):
        burst(app, "/" + word)
        await pilot.pause(0.5)
        assert app.screen is reader, f"{word!r} opened {app.screen!r}"
        assert reader.query_one("#reader-search", Input).value == word
        assert reader.notes.for_article(1) == []  # no highlight made by h
        burst(app, "\r")
        await pilot.pause()
        assert reader.search_query == word


async def test_notes_search_burst_reaches_the_box(app: NewsreadApp) -> None:
    async with reader_opened(app) as (pilot, reader):
        reader.notes.add(1, 0, 10, "a note about the deal")
        reader.refresh_notes()
        reader.tabs_show("tab-notes")
        await pilot.pause()
        reader.notes_list.focus()
        await pilot.pause()
        burst(app, "/deal")
        await pilot.pause(0.5)
        assert app.screen is reader  # e (edit) and d (delete) did not fire
        assert reader.query_one("#notes-search", Input).value == "deal"
        assert len(reader.notes.for_article(1)) == 1


async def test_all_notes_search_burst_reaches_the_box(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        Notes(app.library).add(1, 0, 10, "a note about the deal")
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesViewScreen)
        burst(app, "/deal")
        await pilot.pause(0.5)
        assert app.screen is screen
        assert screen.query_one("#notes-view-search", Input).value == "deal"
        assert len(Notes(app.library).all_notes()) == 1


async def test_keys_typed_right_after_a_opens_the_editor_are_the_note(app: NewsreadApp) -> None:
    async with reader_opened(app) as (pilot, reader):
        burst(app, "ahush")  # h would highlight, s open the speaker picker
        await pilot.pause(0.5)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.body == "hush"
        assert reader.notes.for_article(1) == []


@pytest.mark.parametrize("where", ["library", "reader"])
async def test_keys_typed_right_after_s_are_the_pickers_query(app: NewsreadApp, where: str) -> None:
    async with app.run_test(size=APP_SIZE) as pilot:
        if where == "reader":
            await open_reader(app, pilot)
        else:
            await pilot.pause()
        burst(app, "sShira")  # S would sort, h highlight, r refresh, a open the note editor
        await pilot.pause(0.5)
        assert isinstance(app.screen, PickerScreen), app.screen
        assert app.screen.query_one("#picker-input", Input).value == "Shira"


async def test_held_keys_are_not_lost_when_no_text_box_takes_focus(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        expect_typing(screen)  # as an action that then opens no box (nothing to pick from, say)
        burst(app, "u")
        await pilot.pause(0.3)
        assert not screen.view.unread_only  # still held
        await pilot.pause(HOLD_TIMEOUT)
        assert screen.view.unread_only  # then typed where the focus is: u toggled "unread only"


async def test_a_replayed_slash_holds_the_keys_after_it_too(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        expect_typing(screen)  # nothing opens: the keys are replayed after HOLD_TIMEOUT
        burst(app, "/quake")
        await pilot.pause(HOLD_TIMEOUT + 0.5)
        assert app.is_running and app.screen is screen
        assert screen.query_one("#library-search", Input).value == "quake"


async def test_keys_sent_after_focus_moved_stay_behind_the_held_ones(app: NewsreadApp) -> None:
    """The terminal's second read arrives after focus has moved to the box but before its focus
    message is handled: "h" (held) must still come before "amas" (sent to the box directly)."""
    async with reader_opened(app) as (pilot, reader):
        burst(app, "/h")
        for _ in range(2000):  # until focus is on the box, its focus message still queued
            if isinstance(app.focused, Input):
                break
            await asyncio.sleep(0)
        burst(app, "amas")
        await pilot.pause(0.5)
        assert reader.query_one("#reader-search", Input).value == "hamas"
        assert reader.notes.for_article(1) == []  # no highlight made by h
