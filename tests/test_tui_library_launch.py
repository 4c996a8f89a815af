"""The library screen's launch: the first frame holds the list, its status and keys; the hidden search
box and refresh progress are mounted after it, or at once when a key needs them first. A large view's
counts come with its ids, after its first page: the keys that use or change them before they are in
(``M``, ``m``, ``q``), and a change of view, which does not count the library again."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import FIRST_PAGE, LibraryScreen
from newsread.tui.screens.confirm import ConfirmScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.refresh_progress import RefreshProgress
from newsread.tui.widgets.status_bar import StatusBar
from support.app import APP_SIZE, MakeApp, Toasts, multiply_library, press_settled, settle
from textual.app import App
from textual.widgets import Input

pytestmark = pytest.mark.anyio


@pytest.fixture
def two_pages(seed_library: Path) -> Path:
    """More articles than the first page: the rest of the view is read by the worker."""
    multiply_library(seed_library, 2 * FIRST_PAGE)
    return seed_library


def composed(screen: LibraryScreen) -> list[str]:
    return [type(w).__name__ for w in screen.children]


async def test_search_box_and_refresh_progress_come_after_the_first_frame_hidden(
    two_pages: Path, make_app: MakeApp
) -> None:
    app = make_app(two_pages)
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        first_frame = [type(w).__name__ for w in screen.compose()]  # what the screen is made of at first
        assert first_frame == ["Header", "ArticleTable", "StatusBar", "KeyFooter"]
        await settle(app, pilot)
        assert composed(screen) == ["Header", "Input", "ArticleTable", "RefreshProgress", "StatusBar", "KeyFooter"]
        assert not screen.query_one("#library-search", Input).display
        assert not screen.query_one(RefreshProgress).display


async def test_keys_at_once_after_launch_search_and_escape_clear(two_pages: Path, make_app: MakeApp) -> None:
    """``/``, a word and escape typed the moment the app starts, whether the box is mounted yet or not."""
    app = make_app(two_pages)
    async with app.run_test(size=APP_SIZE) as pilot:
        await pilot.press("escape", "slash", *"quiet")
        await settle(app, pilot)
        box = app.screen.query_one("#library-search", Input)
        assert box.value == "quiet" and box.has_focus and box.display
        await pilot.press("escape")
        await settle(app, pilot)
        assert not box.display and isinstance(app.focused, ArticleTable)


async def test_a_change_of_view_counts_nothing_a_change_of_library_counts_again(
    two_pages: Path, make_app: MakeApp
) -> None:
    app = make_app(two_pages)
    async with app.run_test(size=APP_SIZE) as pilot:
        await settle(app, pilot)
        assert f"{2 * FIRST_PAGE + 1} articles" in status(app)
        counted: list[str] = []
        library, count = app.library, app.library.count
        library.count = lambda: counted.append("count") or count()  # type: ignore[method-assign]
        for key in ("S", "minus", "u", "u", "B", "B"):  # sort and filters: the counts stand
            await press_settled(pilot, key)
        assert counted == []
        conn = sqlite3.connect(two_pages)  # another process deletes an article
        with conn:
            conn.execute("DELETE FROM articles WHERE id = (SELECT MAX(id) FROM articles)")
        conn.close()
        await press_settled(pilot, "r")
        assert counted and f"{2 * FIRST_PAGE} articles" in status(app)


def counts_held(app: NewsreadApp) -> threading.Event:
    """The library's count waits until the event returned is set: a large view's counts, read by
    the worker after the first page, are not in until then."""
    release = threading.Event()
    count = app.library.count

    def held_count() -> int:
        release.wait(10)
        return count()

    app.library.count = held_count  # type: ignore[method-assign]
    return release


def whole_view_held(app: NewsreadApp) -> threading.Event:
    """The ids of a whole view (the worker's read, after the first page) wait until the event
    returned is set; the first page's are read at once."""
    release = threading.Event()
    article_ids = app.library.article_ids

    def held_article_ids(**filters: Any) -> list[int]:
        if filters.get("limit") is None:
            release.wait(10)
        return article_ids(**filters)

    app.library.article_ids = held_article_ids  # type: ignore[method-assign]
    return release


async def test_the_status_line_says_it_counts_until_the_counts_are_in(two_pages: Path, make_app: MakeApp) -> None:
    app = make_app(two_pages)
    release = counts_held(app)
    async with app.run_test(size=APP_SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ArticleTable).row_count == FIRST_PAGE
        assert status(app) == "Counting the articles…"
        release.set()
        await settle(app, pilot)
        assert status(app).startswith(f"{2 * FIRST_PAGE + 1} articles  ·  ")


def status(app: App) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def test_mark_all_read_before_the_counts_are_in_asks_about_the_unread_articles(
    two_pages: Path, make_app: MakeApp
) -> None:
    app = make_app(two_pages)
    release = counts_held(app)
    toasts = Toasts()
    async with app.run_test(size=APP_SIZE, message_hook=toasts) as pilot:
        try:
            await pilot.press("M")
            assert "Nothing is unread here." not in toasts.messages()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.question == f"Mark {2 * FIRST_PAGE + 1} unread articles read?"
        finally:
            release.set()


async def test_m_while_the_worker_brings_its_counts_leaves_the_unread_count_right(
    two_pages: Path, make_app: MakeApp
) -> None:
    """``m`` after the worker counted the unread articles but before its counts are shown: they do
    not include the change, so the library is read again rather than shown one off."""
    app = make_app(two_pages)
    counted, release = threading.Event(), threading.Event()
    unread_count = app.library.unread_count

    def held_unread_count() -> int:  # the worker's first count, held once read
        unread = unread_count()
        if not counted.is_set():
            counted.set()
            release.wait(10)
        return unread

    app.library.unread_count = held_unread_count  # type: ignore[method-assign]
    async with app.run_test(size=APP_SIZE) as pilot:
        try:
            assert await asyncio.to_thread(counted.wait, 10)
            await pilot.press("m")  # the newest article, unread, marked read
        finally:
            release.set()
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.state.unread == unread_count() == 2 * FIRST_PAGE
        assert f"{2 * FIRST_PAGE} unread" in status(app)


async def test_q_typed_at_once_quits_before_the_hidden_widgets_are_mounted(two_pages: Path, make_app: MakeApp) -> None:
    """``q`` before the view is whole: the worker's ``Loaded`` comes to a screen that is closing."""
    app = make_app(two_pages)
    whole_view = whole_view_held(app)
    async with app.run_test(size=APP_SIZE) as pilot:
        try:
            await pilot.press("q")
        finally:
            whole_view.set()
        await pilot.pause()
    assert app.return_code == 0
