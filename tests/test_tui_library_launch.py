"""The library screen's launch: the first frame holds the list, its status and keys; the hidden search
box and refresh progress are mounted after it, or at once when a key needs them first."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.tui.library.screen import FIRST_PAGE, LibraryScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.refresh_progress import RefreshProgress
from support.app import APP_SIZE, MakeApp, multiply_library, settle
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
