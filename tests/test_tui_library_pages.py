"""The source desk from the library: ``p`` picks a person or organisation and opens their page,
and the palette finds a page by name there too (tests/test_tui_desk.py covers the reader's ways in)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.person_page import PersonPageScreen
from newsread.tui.screens.picker import PickerScreen
from support.app import MakeApp, settle, settled
from support.desk import BLINKEN, desk_library


@pytest.fixture
def desk_db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    desk_library(path).close()
    return path


def _page_name(screen: object) -> str | None:
    if not isinstance(screen, PersonPageScreen) or screen.model.page is None:
        return None
    return screen.model.page.name


@pytest.mark.anyio
async def test_p_in_the_library_picks_only_people_and_organisations_and_opens_the_page(
    desk_db: Path, make_app: MakeApp
) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        kinds = {e.group for e in picker.entries}
        assert kinds and kinds <= {"People", "Organisations"}, kinds  # no anonymous sources, no documents
        assert BLINKEN in {e.name for e in picker.entries}
        await pilot.press(*"blinken")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert _page_name(app.screen) == BLINKEN
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.anyio
async def test_the_palette_in_the_library_finds_a_persons_page(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"blink")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert _page_name(app.screen) == BLINKEN
