"""One quote across sources in the app (issue 17): the reader's Quotes tab marks a quote that other
articles hold, ``x`` (on the list, or in the article at a quote) lists them earliest publication
first, and ``enter`` opens the one chosen at the quote. Under Pilot, on a real SQLite library whose
quotes ``Library.add_analysis`` grouped as the articles were added."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.echoes import EchoesScreen
from newsread.tui.widgets.desk_lists import SourceList
from newsread.tui.widgets.side_pane import QuotesList
from support.app import MakeApp, Toasts, settle, settled
from support.desk_echoes import TRIMMED, echoed_library
from textual.pilot import Pilot


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "echoes.db"
    echoed_library(path).close()
    return path


async def _reader(app: NewsreadApp, pilot: Pilot, article_id: int) -> ReaderScreen:
    reader = app.open_reader(article_id)
    await settle(app, pilot)
    assert isinstance(app.screen, ReaderScreen)
    return reader


@pytest.mark.anyio
async def test_the_quotes_tab_marks_a_quote_found_elsewhere_and_x_lists_where(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 1)
        quotes = reader.query_one("#quotes-list", QuotesList)
        prompts = [e.prompt.plain for e in quotes.entries]
        assert prompts[0].startswith("Ann Lee  also in 2 other articles\n“We will not allow")
        assert "also in" not in prompts[1]
        quotes.focus()
        quotes.highlight_item("quote", 0)
        await pilot.press("x")
        await settle(app, pilot)
        page = app.screen
        assert isinstance(page, EchoesScreen)
        header = str(page.query_one("#echo-header").render())
        assert "first reported by 2024-03-01 · early.test · Talks begin — in 3 articles" in header
        rows = [e.prompt.plain for e in page.query_one(SourceList).entries]
        assert rows[0] == f"first reported  2024-03-01 · early.test · Talks begin\nAnn Lee\n{TRIMMED}"
        assert rows[1].startswith("2024-03-03 · mid.test · Talks again\n")
        assert rows[2].startswith("2024-03-05 · late.test · Talks go on  this article\n")
        await pilot.press("enter")  # the first source, at its quote
        await settle(app, pilot)
        early = app.screen
        assert isinstance(early, ReaderScreen) and early.article_id == 2
        assert early.current_quote == 0


@pytest.mark.anyio
async def test_x_at_the_cursor_and_on_a_quote_found_nowhere_else(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    toasts = Toasts()
    async with settled(app, message_hook=toasts) as pilot:
        reader = await _reader(app, pilot, 1)
        reader.select_quote(1)  # the quote no other article has
        await pilot.press("x")
        await settle(app, pilot)
        assert app.screen is reader and toasts.titled("Sources") == ["This quote appears in no other article."]
        reader.select_quote(0)
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, EchoesScreen) and len(app.screen.model.sources) == 3
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is reader


@pytest.mark.anyio
async def test_help_lists_the_sources_keys(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 1)
        assert "reader.echoes_here" in {e.binding_id for e in help_entries(reader)}
        reader.query_one("#quotes-list", QuotesList).focus()
        await pilot.pause()
        assert "reader.echoes" in {e.binding_id for e in help_entries(reader)}
        with Library.open(db) as lib:
            quote_id = lib.quotes(article_id=1)[0].id
        app.push_screen(EchoesScreen(app.library, quote_id))
        await settle(app, pilot)
        page = {(e.group, e.binding_id) for e in help_entries(app.screen)}
        assert ("Quote's sources", "echoes.escape") in page
