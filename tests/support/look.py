"""Shared by the look tests (``test_tui_look_*.py``): the real app opened on an article."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from newsread.core.settings import Settings
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from textual.pilot import Pilot


@asynccontextmanager
async def reader_open(
    library: Library, article_id: int, *, size: tuple[int, int] = (120, 36), theme: str = "textual-dark"
) -> AsyncIterator[Pilot]:
    """``NewsreadApp`` on ``library``, started in a terminal of ``size``, with the reader open on
    ``article_id`` as the library screen opens it (enter on the article)."""
    app = NewsreadApp(library, settings=Settings(theme=theme), first_run_import=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.open_article(article_id)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        yield pilot
