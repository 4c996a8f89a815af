"""The reader inside the real app, on the seed analysed by the real model (``seed_library``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.article_view import ArticleView
from support.reader import screen_text

pytestmark = pytest.mark.anyio


async def test_library_enter_opens_the_reader_and_speaker_filter_finds_efron(seed_library: Path) -> None:
    lib = Library.open(seed_library)
    try:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            assert isinstance(app.focused, ArticleView)
            assert "Blinken struggles to heal US-Israel rift" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, PickerScreen)
            efron = next(e for e in picker.entries if e.name == "Shira Efron")
            assert efron.count == 4
            await pilot.press(*"shira", "enter")
            await pilot.pause()
            assert screen.speaker_filter == "Shira Efron"
            shown = screen_text(app)
            assert "Shira Efron" in shown and "4 quotes" in shown
            # the app's own stylesheet and the reader's agree: entities are coloured
            assert len(screen.article.get_layer("entities")) > 20
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert not isinstance(app.screen, ReaderScreen)
    finally:
        lib.close()
