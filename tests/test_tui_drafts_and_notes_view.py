"""The library's way into notes: the all-notes view, and drafts offered back after a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.notes import Notes
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.notes_view import NotesViewScreen
from support.app import Toasts
from support.reader import screen_text

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


async def test_n_opens_the_notes_of_the_whole_library(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        start = lib.analysis(1).text.index("Steven Cook")
        Notes(lib).add(1, start, start + len("Steven Cook"), body="the CFR fellow")
        app = NewsreadApp(lib)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert app.focused is not None and app.focused.id == "library-table"
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, NotesViewScreen)
            shown = screen_text(app)
            assert "the CFR fellow" in shown and "Steven Cook" in shown
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)


async def test_a_draft_left_by_a_crash_is_offered_on_start(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        Notes(lib).save_draft(1, 0, 10, "half a thought")
        title = lib.article(1).title
    with Library.open(seed_library) as lib:  # a new start, as after a crash
        app = NewsreadApp(lib)
        toasts = Toasts()
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await pilot.pause()
            messages = toasts.messages()
            assert any("1 unsaved note" in m and title in m for m in messages), messages


async def test_a_title_that_looks_like_markup_is_offered_as_text(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        lib.conn.execute("UPDATE articles SET title = '[/b]Breaking: [bold]talks' WHERE id = 1")
        lib.conn.commit()
        Notes(lib).save_draft(1, 0, 10, "half a thought")
    with Library.open(seed_library) as lib:
        app = NewsreadApp(lib)
        toasts = Toasts()
        async with app.run_test(size=SIZE, notifications=True, message_hook=toasts) as pilot:
            await pilot.pause(0.2)  # the toast is drawn: a markup error would have ended the app
            messages = toasts.messages()
            assert any("[/b]Breaking: [bold]talks" in m for m in messages), messages
        assert app.return_code in (0, None)


async def test_no_offer_when_nothing_was_left_unsaved(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        app = NewsreadApp(lib)
        toasts = Toasts()
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            await pilot.pause()
            assert not [m for m in toasts.messages() if "unsaved" in m]
