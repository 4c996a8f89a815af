"""Helpers shared by the test_tui_input_* tests: the reader opened as a user opens it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.reader.screen import ReaderScreen
from textual.pilot import Pilot

from .app import APP_SIZE


async def open_reader(app: NewsreadApp, pilot: Pilot, *, article_id: int = 1) -> ReaderScreen:
    """From the library, open ``article_id`` in the reader, the article focused."""
    await pilot.pause()
    library = app.screen
    assert isinstance(library, LibraryScreen)
    library.open_article(article_id)
    await pilot.pause()
    reader = app.screen
    assert isinstance(reader, ReaderScreen)
    reader.article.focus()
    await pilot.pause()
    return reader


@asynccontextmanager
async def reader_opened(app: NewsreadApp, **run_test: Any) -> AsyncIterator[tuple[Pilot, ReaderScreen]]:
    """``app`` under Pilot (``run_test`` takes the keywords of ``App.run_test``) with article 1
    opened from the library and focused (``open_reader``)."""
    async with app.run_test(size=APP_SIZE, **run_test) as pilot:
        yield pilot, await open_reader(app, pilot)
