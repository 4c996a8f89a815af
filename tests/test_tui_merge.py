"""The source desk's corrections in the app (issue 17), with Pilot on real SQLite files: ``M`` on
a person's page merges another identity into it (picker as you type, then a confirmation), ``U``
undoes it, both reachable from the palette and listed by ``?``; a page shows the statements the
corrections gave the person, marked corrected."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.store.library import Library
from newsread.core.store.merges import merges
from newsread.core.store.people import find_identity
from newsread.tui.app import NewsreadApp
from newsread.tui.screens.confirm import ConfirmScreen
from newsread.tui.screens.help import help_entries
from newsread.tui.screens.person_page import MergePickerScreen, PersonPageScreen
from support.app import MakeApp, Toasts, settle, settled
from support.desk_fixes import LEAD, OTHER, SAID, THIRD, corrected_library, said_by, two_blinkens
from textual.pilot import Pilot


async def _page_of(app: NewsreadApp, pilot: Pilot, name: str) -> PersonPageScreen:
    await app.push_screen(PersonPageScreen(app.library, find_identity(app.library, name).id))
    await settle(app, pilot)
    page = app.screen
    assert isinstance(page, PersonPageScreen)
    return page


def _header(page: PersonPageScreen) -> str:
    return str(page.query_one("#person-header").render())


def _rows(page: PersonPageScreen) -> list[str]:
    return [e.prompt.plain for e in page.statements.entries]


@pytest.mark.anyio
async def test_M_merges_a_picked_identity_into_the_page_and_U_undoes_it(tmp_path: Path, make_app: MakeApp) -> None:
    db = two_blinkens(tmp_path / "library.db")
    app = make_app(Path(db))
    async with settled(app) as pilot:
        page = await _page_of(app, pilot, "Antony Blinken")
        assert "1 article · 2 quotes" in _header(page)
        await pilot.press("M")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, MergePickerScreen)
        await pilot.press(*"tony")
        await pilot.pause()
        assert list(picker.found) == ["Tony Blinken"]  # not the page's own
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen is page
        assert "2 articles · 4 quotes" in _header(page) and "also Tony Blinken" in _header(page)
        assert len(_rows(page)) == 4
        assert [(m.name, m.into_name) for m in merges(app.library)] == [("Tony Blinken", "Antony Blinken")]
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert "1 article · 2 quotes" in _header(page) and len(_rows(page)) == 2
        assert merges(app.library) == []


@pytest.mark.anyio
async def test_a_merge_said_no_to_stores_nothing(tmp_path: Path, make_app: MakeApp) -> None:
    app = make_app(Path(two_blinkens(tmp_path / "library.db")))
    async with settled(app) as pilot:
        page = await _page_of(app, pilot, "Tony Blinken")
        await pilot.press("M", *"antony", "enter")
        await pilot.pause()
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is page and merges(app.library) == []
        await pilot.press("U")  # nothing merged into it: says so
        await pilot.pause()
        assert app.screen is page


@pytest.mark.anyio
async def test_merge_is_in_the_palette_and_the_help(tmp_path: Path, make_app: MakeApp) -> None:
    app = make_app(Path(two_blinkens(tmp_path / "library.db")))
    async with settled(app) as pilot:
        page = await _page_of(app, pilot, "Antony Blinken")
        ids = {e.binding_id for e in help_entries(page)}
        assert {"person.merge", "person.unmerge"} <= ids
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"merge another")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MergePickerScreen)


@pytest.mark.anyio
async def test_a_page_shows_the_corrected_statements_marked(tmp_path: Path, make_app: MakeApp) -> None:
    app = make_app(Path(corrected_library(tmp_path)))
    async with settled(app) as pilot:
        omar = await _page_of(app, pilot, "Omar Haddad")
        assert _rows(omar) == [f"{_where(app, 1)}\nMinister, Ministry of Works · corrected\n{SAID}"]
        app.pop_screen()
        await settle(app, pilot)
        ann = await _page_of(app, pilot, "Ann Lee")
        rows = _rows(ann)
        assert rows[0] == f"{_where(app, 1)}\nGovernor · corrected\n{THIRD}"
        assert [r.split("\n")[-1] for r in rows[1:]] == [SAID, OTHER, THIRD]  # article 2's, as analysed
        assert all("corrected" not in r for r in rows[1:])
        app.pop_screen()
        await settle(app, pilot)
        jane = await _page_of(app, pilot, "Jane Roe")
        assert _rows(jane) == [f"{_where(app, 1)}\ncorrected\n{LEAD}"]


def _where(app: NewsreadApp, article_id: int) -> str:
    lib: Library = app.library
    row = lib.article(article_id)
    assert row is not None
    return f"{(row.published or row.added)[:10]} · {row.title}"


@pytest.mark.anyio
async def test_merge_notices_show_escape_codes_inert(tmp_path: Path, make_app: MakeApp) -> None:
    db = two_blinkens(tmp_path / "library.db")
    with Library.open(db) as lib:
        lib.add_analysis(said_by("Tonya \x1b[2JBlinken", "Friday."), url="https://a.test/5")
    toasts = Toasts()
    app = make_app(Path(db))
    async with settled(app, message_hook=toasts) as pilot:
        await _page_of(app, pilot, "Antony Blinken")
        await pilot.press("M", *"tonya", "enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        await pilot.press("U")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
    assert toasts.titled("Merged") == ["Tonya \u241b[2JBlinken merged into Antony Blinken"]
    assert toasts.titled("Unmerged") == ["Tonya \u241b[2JBlinken apart again"]
