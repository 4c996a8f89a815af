"""The library's list as the user sees it at 80 and 250 columns, and sorted by date added."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from newsread.core.settings import Settings
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.widgets.article_table import ArticleTable
from support.app import multiply_library
from support.reader import screen_text
from textual.pilot import Pilot

pytestmark = pytest.mark.anyio
LONG_TITLE = "Negotiators meet again in Doha as aid trucks wait at the crossing and the ceasefire talks resume slowly"
LONG_SITE = "a-rather-long-site-name-for-a-feed.example.org"


@pytest.fixture
def library_path(seed_library: Path) -> Path:
    """Four articles: long titles, one long site name and three without a site."""
    multiply_library(seed_library, 3)
    conn = sqlite3.connect(seed_library)
    with conn:
        conn.execute("UPDATE articles SET title = ? || ' ' || id, site = NULL", (LONG_TITLE,))
        conn.execute("UPDATE articles SET site = ? WHERE id = 2", (LONG_SITE,))
        conn.execute("UPDATE articles SET added = '2026-01-0' || id || 'T08:00:00Z'")
    conn.close()
    return seed_library


@asynccontextmanager
async def library_at(path: Path, width: int) -> AsyncIterator[Pilot]:
    """The real app on the library at ``path`` in a terminal ``width`` columns wide."""
    lib = Library.open(path)
    app = NewsreadApp(lib, settings=Settings(), first_run_import=False)
    try:
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            yield pilot
    finally:
        lib.close()


@pytest.mark.parametrize("width", [80, 100])
async def test_the_title_takes_the_room_and_the_site_gives_way(library_path: Path, width: int) -> None:
    async with library_at(library_path, width) as pilot:
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        title_start, title_end = table.column_span("title")
        site_start, site_end = table.column_span("site")
        title, site = title_end - title_start - 2, site_end - site_start - 2
        assert title >= 3 * site >= 30  # the title was 13 cells at 80 and the site 28, for one long name
        assert table.column_span("notes")[1] == table.scrollable_content_region.width  # every column fits
        assert LONG_TITLE[: title_end - title_start - 3] in screen_text(app)


async def test_a_wide_terminal_is_used_and_a_long_title_shown_whole(library_path: Path) -> None:
    async with library_at(library_path, 250) as pilot:
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        assert table.column_span("notes")[1] == table.scrollable_content_region.width  # was ~136
        shown = screen_text(app)
        assert f"{LONG_TITLE} 1" in shown  # 104 characters, whole (titles were cut at 72)
        assert LONG_SITE in shown


async def test_sort_by_date_added_shows_when_each_was_added(library_path: Path) -> None:
    async with library_at(library_path, 120) as pilot:
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        assert "added" not in [c.key for c in table.columns]  # by publication: no Added column
        for _ in range(5):  # published → title → site → quotes → notes → added
            await pilot.press("S")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert (app.screen.view.sort, app.screen.view.descending) == ("added", True)
        assert [c.label for c in table.columns if c.key == "added"] == ["Added ▼"]
        assert [a.id for a in table.articles] == [4, 3, 2, 1]  # the last added first
        assert table.cells_at(0)[[c.key for c in table.columns].index("added")] == "2026-01-04"
        assert "sorted by added ↓" in screen_text(app)


async def test_undated_articles_come_last_whichever_way_published_is_sorted(library_path: Path) -> None:
    conn = sqlite3.connect(library_path)
    with conn:
        conn.execute("UPDATE articles SET published = NULL, added = '2026-02-01T08:00:00Z' WHERE id = 3")
    conn.close()
    async with library_at(library_path, 120) as pilot:
        app = pilot.app
        table = app.screen.query_one(ArticleTable)
        assert [a.id for a in table.articles] == [1, 2, 4, 3]  # newest published first, the undated last
        assert table.cells_at(3)[[c.key for c in table.columns].index("published")] == "—"
        await pilot.press("minus")  # oldest first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.id for a in table.articles] == [4, 2, 1, 3]
