"""The library screen driven by Pilot: table, sort, search, filters, bookmarks, opening, adding, big libraries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from newsread.tui.app import NewsreadApp
from newsread.tui.library.row_pages import PAGE, PAGES_KEPT
from newsread.tui.library.screen import FIRST_PAGE, LibraryScreen
from newsread.tui.screens.add_source import AddSourceScreen
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.import_progress import ImportProgress
from newsread.tui.widgets.status_bar import StatusBar
from support.app import APP_SIZE, MakeApp, Toasts, fake_child, multiply_library, press_settled, settle, settled
from textual.pilot import Pilot
from textual.widgets import Input

pytestmark = pytest.mark.anyio


@pytest.fixture
def four_articles(seed_library: Path) -> Path:
    """The seed plus three copies; the last copy quotes nobody (so speaker filters narrow)."""
    multiply_library(seed_library, 3)
    conn = sqlite3.connect(seed_library)
    with conn:
        conn.execute("DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT id FROM speakers WHERE article_id = 4)")
        conn.execute("DELETE FROM speakers WHERE article_id = 4")
        conn.execute("DELETE FROM quotes WHERE article_id = 4")
        conn.execute("UPDATE articles SET title = 'A quiet day in Gaza', quote_count = 0 WHERE id = 4")
    conn.close()
    return seed_library


@pytest.fixture
def app(four_articles: Path, make_app: MakeApp) -> NewsreadApp:
    return make_app(four_articles)


def status(app: NewsreadApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


def table_ids(app: NewsreadApp) -> list[int]:
    table = app.screen.query_one(ArticleTable)
    return [row.id for row in table.articles]


async def open_picker(app: NewsreadApp, pilot: Pilot, key: str) -> PickerScreen:
    """``key`` (``s`` speaker, ``o`` organisation) opens the filter's picker."""
    await pilot.press(key)
    await pilot.pause()
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    return picker


async def escape_shows_all(app: NewsreadApp, pilot: Pilot) -> None:
    """Escape clears the search and the filters: the four articles are listed again."""
    await press_settled(pilot, "escape")
    assert table_ids(app) == [1, 2, 3, 4]


async def test_library_lists_articles_newest_first_with_the_table_focused(app: NewsreadApp) -> None:
    async with settled(app):
        assert isinstance(app.screen, LibraryScreen)
        assert isinstance(app.focused, ArticleTable)
        assert table_ids(app) == [1, 2, 3, 4]  # the copies are published a day earlier each
        assert "4 articles" in status(app)
        assert "sorted by published ↓" in status(app)
        table = app.screen.query_one(ArticleTable)
        first = list(table.cells_at(0))
        assert first[0].startswith("●")  # unread marker
        assert first[1].startswith("Blinken struggles")
        assert first[2:5] == ["thehill.com", "2024-10-24", "17"]


async def test_sort_key_cycles_columns_and_header_click_reverses(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        screen = app.screen
        await press_settled(pilot, "S")
        assert (screen.view.sort, screen.view.descending) == ("title", False)
        assert table_ids(app)[0] == 4  # "A quiet day…"
        assert "sorted by title ↑" in status(app)
        # A click on the sorted column's header reverses it.
        table = screen.query_one(ArticleTable)
        x = table.column_span("title")[0] + 2
        await pilot.click(ArticleTable, offset=(x, 0))
        await settle(app, pilot)
        assert (screen.view.sort, screen.view.descending) == ("title", True)
        assert table_ids(app)[-1] == 4
        assert next(c.label for c in table.columns if c.key == "title") == "Title ▼"
        await press_settled(pilot, "minus")
        assert screen.view.descending is False


async def test_search_as_you_type_is_safe_and_escape_clears(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        assert isinstance(app.focused, ArticleTable)
        await pilot.press("slash")
        box = app.screen.query_one("#library-search", Input)
        assert app.focused is box and box.display
        await pilot.press(*"quiet da")  # prefix on the last word
        await settle(app, pilot)
        assert table_ids(app) == [4]
        assert "search: quiet da" in status(app)
        for text in ['"(*', "NEAR(", "a OR AND", "-- ;'"]:
            box.value = text
            await settle(app, pilot)  # no FTS syntax error reaches the user
        box.value = "zzzzqqq"
        await settle(app, pilot)
        assert table_ids(app) == []
        await escape_shows_all(app, pilot)
        assert not box.display and isinstance(app.focused, ArticleTable)
        assert "search" not in status(app)


async def test_enter_in_search_keeps_results_and_returns_to_the_table(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        await press_settled(pilot, "slash", *"quiet", "enter")
        assert isinstance(app.focused, ArticleTable)
        assert table_ids(app) == [4]


async def test_speaker_picker_narrows_as_you_type_and_filters(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        picker = await open_picker(app, pilot, "s")
        assert isinstance(app.focused, Input)
        first = picker.entries[0]
        assert first.name == "Steven Cook"  # most quoted first
        assert (first.count, first.detail) == (15, "3 articles")
        await pilot.press(*"efro")
        assert [e.name for e in picker.shown] == ["Shira Efron"]
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, LibraryScreen)
        assert table_ids(app) == [1, 2, 3]
        assert "3 of 4 articles" in status(app) and "speaker: Shira Efron" in status(app)
        await escape_shows_all(app, pilot)


async def test_picker_matches_aliases_and_escape_cancels(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        picker = await open_picker(app, pilot, "s")
        alias_owner = next(e for e in picker.entries if e.aliases)
        await pilot.press(*alias_owner.aliases[0].lower())
        assert alias_owner in picker.shown
        await press_settled(pilot, "escape")
        assert isinstance(app.screen, LibraryScreen) and app.screen.view.speaker is None


async def test_organisation_filter_and_combined_filters(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        await open_picker(app, pilot, "o")
        await press_settled(pilot, *"israel policy", "enter")
        assert app.screen.view.organisation == "Israel Policy Forum"
        assert table_ids(app) == [1, 2, 3]
        # Filters combine: bookmark article 2, then bookmarked only.
        await press_settled(pilot, "down", "b")
        await press_settled(pilot, "B")
        assert table_ids(app) == [2]
        assert "organisation: Israel Policy Forum" in status(app) and "bookmarked only" in status(app)
        await escape_shows_all(app, pilot)


async def test_bookmark_toggles_and_shows_a_star(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.library.article(1).bookmarked
        table = app.screen.query_one(ArticleTable)
        assert "★" in table.cells_at(0)[0]
        await pilot.press("b")
        await pilot.pause()
        assert not app.library.article(1).bookmarked
        assert "★" not in table.cells_at(0)[0]


async def test_enter_opens_the_reader_and_marks_read(app: NewsreadApp) -> None:
    from newsread.tui.reader.screen import ReaderScreen

    async with settled(app) as pilot:
        await pilot.press("u")  # unread only: opening an article takes it off the list
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == 2
        assert app.library.article(2).read
        await press_settled(pilot, "q")
        assert isinstance(app.screen, LibraryScreen)
        assert isinstance(app.focused, ArticleTable)
        assert table_ids(app) == [1, 3, 4]
        await press_settled(pilot, "u")
        table = app.screen.query_one(ArticleTable)
        assert not table.cells_at(1)[0].startswith("●")


async def test_add_runs_the_child_with_progress_and_refreshes(four_articles, make_app, tmp_path) -> None:
    app = make_app(four_articles, add_argv=fake_child(tmp_path, "ok"))
    toasts = Toasts()
    async with settled(app, message_hook=toasts) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        assert app.focused is dialog.query_one("#add-input", Input)
        await press_settled(pilot, *"one.txt https://example.com/a", "enter")
        assert isinstance(app.screen, LibraryScreen)  # a clean import closes the dialog
        assert dialog.summary.added == 2 and dialog.summary.ids == [101, 102]
        assert any("2 added" in m for m in toasts.messages())


async def test_add_failure_stays_on_screen_with_the_reason(four_articles, make_app, tmp_path) -> None:
    app = make_app(four_articles, add_argv=fake_child(tmp_path, "fail"))
    async with settled(app) as pilot:
        await press_settled(pilot, "plus", *"missing.txt", "enter")
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        progress = dialog.query_one(ImportProgress)
        log_text = "\n".join(str(line.text) for line in progress.query_one("#import-log").lines)
        assert "missing.txt: no such file or folder" in log_text
        assert "Finished with problems" in str(progress.query_one("#import-status").render())
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, LibraryScreen)
        assert table_ids(app) == [1, 2, 3, 4]


async def test_add_errors_naming_brackets_and_escapes_are_shown_literally(four_articles, make_app, tmp_path) -> None:
    """A path like "[/b]notes.txt" is not markup, and an ESC in an error does not reach the terminal."""
    app = make_app(four_articles, add_argv=fake_child(tmp_path, "crash"))
    async with settled(app) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        app.screen.query_one(Input).value = "[/b]notes\x1b[2J.txt"
        await press_settled(pilot, "enter")
        progress = app.screen.query_one(ImportProgress)
        status = str(progress.query_one("#import-status").render())
        assert "the model exploded on [/b]notes␛[2J.txt" in status
        log_text = "\n".join(str(line.text) for line in progress.query_one("#import-log").lines)
        assert "\x1b" not in log_text and "[/b]notes␛[2J.txt" in log_text


async def test_escape_in_the_add_dialog_cancels(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_q_quits(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ten_thousand_articles_first_page_at_once_the_rest_in_a_worker(seed_library, make_app) -> None:
    multiply_library(seed_library, 9_999)
    app = make_app(seed_library)
    async with app.run_test(size=APP_SIZE) as pilot:
        table = app.screen.query_one(ArticleTable)
        assert table.row_count >= FIRST_PAGE  # the first page at once, before any worker
        await settle(app, pilot)
        assert table.row_count == 10_000
        assert table.articles.held() <= PAGES_KEPT * PAGE  # the rows drawn, not every row
        assert "10000 articles" in status(app)
        assert "loading" not in status(app)
        # Sorting re-reads lazily too, keeping the cursor on the same article.
        await pilot.press("G")
        await pilot.pause()
        last = table.current_id
        await press_settled(pilot, "minus")
        assert table.row_count == 10_000
        assert table.current_id == last
        assert table_ids(app)[0] == last


async def test_header_click_on_a_new_column_sorts_by_it(app: NewsreadApp) -> None:
    async with settled(app) as pilot:
        table = app.screen.query_one(ArticleTable)
        x = table.column_span("quotes")[0] + 2
        await pilot.click(ArticleTable, offset=(x, 0))
        await settle(app, pilot)
        assert (app.screen.view.sort, app.screen.view.descending) == ("quotes", True)
        assert table_ids(app)[-1] == 4
