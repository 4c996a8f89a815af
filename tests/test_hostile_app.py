"""Issue 11 in the app: a library that cannot be written is read on (said once, in the status
bar), a write that fails is a toast and nothing typed is lost, a damaged library is said instead
of crashing, a broken keymap is warned about and quit still works, articles another process adds
appear by themselves, and a search of 2,000 words says it used its first words.

Real library files, the real app through ``App.run_test()`` and Pilot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.notes import Notes
from newsread.core.settings import Settings
from newsread.core.store.library import MAX_QUERY_TERMS, Library
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.reader.missing import MissingArticleScreen
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.note_editor import NoteEditorScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.status_bar import StatusBar
from support.app import Toasts
from support.hostile_app import damage, hold_write_lock, small_library
from support.notes import ARTICLE, analysis_of
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


def status(app: NewsreadApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


def table_ids(app: NewsreadApp) -> list[int]:
    return [row.id for row in app.screen.query_one(ArticleTable).articles]


async def settle(app: NewsreadApp, pilot: Pilot) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def write_a_note(app: NewsreadApp, pilot: Pilot, text: str) -> NoteEditorScreen:
    """From the reader: ``a`` (a note on the sentence at the cursor), type ``text``, ``ctrl+s``."""
    app.screen.query_one("#article").focus()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, NoteEditorScreen)
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()
    return app.screen


# -- item 3 -----------------------------------------------------------------------------------------


async def test_a_read_only_library_is_read_said_once_and_a_failed_write_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=2)
    toasts = Toasts()
    with Library.open(path, create=False, read_only=True) as lib:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await settle(app, pilot)
            assert status(app).count("read-only") == 1
            await pilot.press("b")  # bookmark: cannot be saved, a toast says why
            await pilot.pause()
            assert toasts.titled("Not saved") == [
                f"Bookmark not changed: library {path} cannot be changed: it is read-only"
            ]
            await pilot.press("enter")  # opening marks read: skipped, no toast, no crash
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)
            assert len(toasts.titled("Not saved")) == 1
            editor = await write_a_note(app, pilot, "worth keeping")
            assert app.screen is editor  # still open, with the text
            assert editor.query_one("#note-body", TextArea).text == "worth keeping"
            assert toasts.titled("Note not saved")
            assert "read-only" in toasts.titled("Note not saved")[0]
        assert app.return_code in (0, None)


async def test_a_lock_held_past_the_busy_timeout_is_a_toast_and_the_note_waits_in_its_editor(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=2)
    toasts = Toasts()
    with Library.open(path) as lib:
        lib.conn.execute("PRAGMA busy_timeout = 50")
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await settle(app, pilot)
            other = hold_write_lock(path)
            try:
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, ReaderScreen)  # opened all the same
                (marked,) = toasts.titled("Not saved")
                assert marked.startswith("Not marked as read: ") and "busy" in marked
                editor = await write_a_note(app, pilot, "typed while locked")
                assert app.screen is editor
                assert editor.query_one("#note-body", TextArea).text == "typed while locked"
                assert "busy" in toasts.titled("Note not saved")[0]
            finally:
                other.close()
            await pilot.press("ctrl+s")  # the lock gone: the same text saves
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)
        assert [n.body for n in Notes(lib).all_notes()] == ["typed while locked"]


# -- item 17 ----------------------------------------------------------------------------------------


async def test_a_damaged_library_is_said_in_the_app_instead_of_crashing(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=60)
    damage(path, table="articles")
    toasts = Toasts()
    with Library.open(path, create=False) as lib:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await settle(app, pilot)
            (said,) = toasts.titled("Library unreadable")
            assert said.startswith(f"library {path} is damaged") and ".recover" in said
            assert "is damaged" in status(app)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            screen.open_article(1)  # the reader says it too
            await pilot.pause()
            assert isinstance(app.screen, MissingArticleScreen)
            assert "is damaged" in str(app.screen.query_one("#reader-missing", Static).render())
            assert app.is_running


# -- item 20 ----------------------------------------------------------------------------------------


async def test_a_keymap_with_unknown_ids_and_invalid_keys_is_warned_about_and_quit_still_works(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=1)
    keymap = {"app.quit": ",", "library.search": "ctrl+alt+banana", "reader.no_such_thing": "x", "library.notes": "N"}
    toasts = Toasts()
    with Library.open(path) as lib:
        app = NewsreadApp(lib, settings=Settings(keymap=keymap), first_run_import=False)
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await settle(app, pilot)
            (warning,) = toasts.titled("Keymap")
            assert "\n" not in warning
            for named in ('"app.quit" = ","', '"ctrl+alt+banana" is not a key', '"reader.no_such_thing"'):
                assert named in warning
            assert "library.notes" not in warning  # the valid entry is applied
            await pilot.press("slash")  # the invalid entry left search where it was
            await pilot.pause()
            assert app.screen.query_one("#library-search", Input).has_focus
            await pilot.press("escape", "ctrl+q")
            await pilot.pause()
        assert not app.is_running


# -- item 27 ----------------------------------------------------------------------------------------


async def test_articles_another_process_adds_appear_with_the_cursor_kept(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=3)
    with Library.open(path) as lib, Library.open(path) as other:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            before = table_ids(app)
            await pilot.press("j")
            table = app.screen.query_one(ArticleTable)
            chosen = table.current_id
            newer = analysis_of(ARTICLE + "\n\nLate news: the plan was signed.")
            newer.published = "2025-01-01"  # the newest: listed first, above the cursor
            added = other.add_analysis(newer, url="https://example.org/late").article_id
            await pilot.pause(1.5)  # the library looks for changes every second
            await settle(app, pilot)
            assert table_ids(app) == [added, *before]
            assert table.current_id == chosen
            assert "4 articles" in status(app)


# -- item 21 ----------------------------------------------------------------------------------------


async def test_a_search_of_many_words_says_only_its_first_words_were_searched(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=2)
    with Library.open(path) as lib:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            box = app.screen.query_one("#library-search", Input)
            box.value = "harbour council " * 1000
            await pilot.pause(0.4)
            await settle(app, pilot)
            assert f"search (its first {MAX_QUERY_TERMS} words): harbour council" in status(app)
            assert len(table_ids(app)) == 2
