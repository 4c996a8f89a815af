"""The library list's first page read as ids by the sort key, then their rows: the same articles, in
the same order, as ``Library.articles`` lists, for every sort, both ways, with ties and missing values."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from newsread.core.store.library import Library
from newsread.tui.library.model import SORT_CYCLE
from newsread.tui.library.screen import FIRST_PAGE
from newsread.tui.widgets.article_table import ArticleTable
from support.app import APP_SIZE, MakeApp, multiply_library, settle
from test_tui_library_launch import whole_view_held

ARTICLES = 2 * FIRST_PAGE + 20


@pytest.fixture
def varied_library(seed_library: Path) -> Path:
    """More articles than two first pages, their sites, quote and note counts and titles varied with
    ties and missing values (every sort then has something to order), a few read or bookmarked."""
    multiply_library(seed_library, ARTICLES - 1)
    conn = sqlite3.connect(seed_library)
    with conn:
        conn.execute(
            "UPDATE articles SET site = CASE WHEN id % 7 = 0 THEN NULL ELSE 'site-' || (id % 5) END, "
            "quote_count = id % 4, note_count = CASE WHEN id % 9 = 0 THEN 2 ELSE 0 END, "
            "title = CASE WHEN id % 11 = 0 THEN NULL WHEN id % 3 = 0 THEN 'same title' ELSE title END, "
            "published = CASE WHEN id % 13 = 0 THEN NULL ELSE published END, "
            "read_at = CASE WHEN id % 2 = 0 THEN '2024-11-01T00:00:00' END, bookmarked = id % 6 = 0"
        )
    conn.close()
    return seed_library


@pytest.mark.parametrize("order", SORT_CYCLE)
@pytest.mark.parametrize("descending", [True, False])
def test_first_page_ids_then_rows_are_the_listed_articles(varied_library: Path, order: str, descending: bool) -> None:
    with Library.open(varied_library) as lib:
        for filters in ({}, {"unread_only": True}, {"bookmarked_only": True}):
            listed = lib.articles(limit=FIRST_PAGE, order=order, descending=descending, **filters)
            ids = lib.article_ids(limit=FIRST_PAGE, order=order, descending=descending, **filters)
            assert ids == [r.id for r in listed]
            assert lib.rows_of(ids) == listed
            assert lib.article_ids(order=order, descending=descending, **filters)[:FIRST_PAGE] == ids


@pytest.mark.anyio
async def test_each_sort_shows_its_first_page_then_the_whole_view(varied_library: Path, make_app: MakeApp) -> None:
    with Library.open(varied_library) as lib:
        expected = {
            (order, descending): lib.article_ids(order=order, descending=descending)
            for order in SORT_CYCLE
            for descending in (True, False)
        }
    app = make_app(varied_library)
    whole_view = whole_view_held(app)
    async with app.run_test(size=APP_SIZE) as pilot:
        try:
            whole_view.set()
            await settle(app, pilot)
            table = app.screen.query_one(ArticleTable)
            for _ in SORT_CYCLE:
                for key in ("S", "minus"):
                    whole_view.clear()
                    await pilot.press(key)  # the first page is read in the key's handler
                    view = app.screen.view
                    ids = expected[(view.sort, view.descending)]
                    assert [r.id for r in table.articles] == ids[:FIRST_PAGE]  # the first page alone
                    whole_view.set()
                    await settle(app, pilot)
                    assert [table.articles[i].id for i in range(table.row_count)] == ids
        finally:
            whole_view.set()


@pytest.mark.anyio
async def test_a_first_page_row_deleted_before_it_is_read_still_reads_the_rest(
    varied_library: Path, make_app: MakeApp
) -> None:
    """An article deleted between the first page's ids and its rows (another process, in a real
    library) leaves a row out of the first page, not the rest of the view."""
    app = make_app(varied_library)
    lib = app.library
    article_ids = lib.article_ids

    def ids_then_delete(**filters):
        ids = article_ids(**filters)
        if filters.get("limit") is not None and len(ids) > 1:
            lib.delete_articles([ids[-1]])  # on the app's connection: no change for its poll to see
        return ids

    lib.article_ids = ids_then_delete  # type: ignore[method-assign]
    async with app.run_test(size=APP_SIZE) as pilot:
        await settle(app, pilot)
        lib.article_ids = article_ids  # type: ignore[method-assign]
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == ARTICLES - 1
        assert [table.articles[i].id for i in range(ARTICLES - 1)] == article_ids()
