"""The reader's Quotes tab says so when the filters leave nothing, rather than going blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.look import reader_open
from support.reader import make_library, screen_text

pytestmark = pytest.mark.anyio


async def test_speaker_and_organisation_with_no_quote_in_common_say_so(tmp_path: Path) -> None:
    library, article_id = make_library(tmp_path / "library.db")
    async with reader_open(library, article_id, size=(140, 40)) as pilot:
        app = pilot.app
        await pilot.press("s", *"basem", "enter")  # Basem Naim, of Hamas
        await pilot.pause()
        await pilot.press("o", *"council on foreign", "enter")  # Steven Cook's organisation
        await pilot.pause()
        screen = app.screen
        assert (screen.speaker_filter, screen.org_filter) == ("Basem Naim", "Council on Foreign Relations")
        assert screen.matched_quotes == []
        assert "No quote matches the filter — escape clears it" in screen_text(app)
        await pilot.press("escape")  # the organisation goes; Basem Naim's quote is back
        await pilot.pause()
        shown = screen_text(app)
        assert "No quote matches" not in shown and "Basem Naim" in shown
    library.close()
