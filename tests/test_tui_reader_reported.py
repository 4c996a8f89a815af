"""Reported speech in the reader (``support.reader.reported_analysis``): listed among the quotes and
labelled, marked in the article, hidden and shown again with ``r``, gone through with ``]``, and
counted apart from quotes in the status line, People & orgs and the speaker picker."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.side_pane import PaneTabs
from support.reader import make_library, reader_pilot, reported_analysis, screen_text

SIZE = (140, 44)
pytestmark = pytest.mark.anyio


@pytest.fixture
def library(tmp_path: Path):
    lib, _ = make_library(tmp_path / "reported.db", reported_analysis())
    yield lib
    lib.close()


async def test_reported_statements_are_listed_labelled_and_marked(library) -> None:
    async with reader_pilot(library, size=SIZE) as (app, pilot, screen):
        reported = [q for q in screen.state.data.quotes if q.is_reported]
        assert len(reported) == 3
        shown = [screen.state.data.quotes[i] for i in screen.state.matched_quotes]
        assert sum(q.is_reported for q in shown) == 3
        # the article's reported layer holds the three statements and the partial quote's statement
        assert len(screen.article.get_layer("reported")) == 4
        await pilot.press("]")
        await pilot.pause()
        assert "reported · said they received assurances" in screen_text(app)


async def test_r_shows_quotes_only_and_everything_again(library) -> None:
    async with reader_pilot(library, size=SIZE) as (app, pilot, screen):
        everything = len(screen.state.matched_quotes)
        await pilot.press("r")
        await pilot.pause()
        assert len(screen.state.matched_quotes) == everything - 3
        assert len(screen.article.get_layer("reported")) == 0
        assert "quotes only: reported speech hidden" in screen.status_text
        assert "reported · " not in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert len(screen.state.matched_quotes) == everything
        assert "reported speech shown" in screen.status_text


async def test_next_quote_goes_through_reported_statements_and_says_which(library) -> None:
    async with reader_pilot(library, size=SIZE) as (_app, pilot, screen):
        seen = []
        for _ in range(6):
            await pilot.press("]")
            await pilot.pause()
            seen.append(screen.status_text)
        assert seen[4] == "quote 5 of 22: Steven Cook"
        assert seen[5] == "reported 6 of 22: U.S. officials (anonymous)"  # counted among quotes and statements


async def test_speaker_filter_counts_and_people_say_which_is_which(library) -> None:
    async with reader_pilot(library, size=SIZE) as (app, pilot, screen):
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "Shira Efron  4 quotes, 1 reported" in screen_text(app)
        await pilot.press(*"efron", "enter")
        await pilot.pause()
        assert "Filter speaker: Shira Efron — 4 quotes, 1 reported of 22" in screen.status_text
        await pilot.press("escape")
        await pilot.pause()
        screen.query_one(PaneTabs).active = "tab-people"
        await pilot.pause()
        text = screen_text(app)
        assert "19 quotes, 3 reported" in text  # the sourcing line
        assert "4 quotes, 1 reported" in text  # Shira Efron's row
