"""The source desk in the app (issue 17): a person's page opened from the reader's People & orgs,
from a quote and from the palette, filtered by kind and by words, ``enter`` opening the article at
the statement; a figure group opened from the Figures tab, ``enter`` opening the article at the
figure. Under Pilot, on a real library of hand-made analyses (``support.desk``); the page rules in
milliseconds (``tui/desk.py``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsread.core.figure_keys import FigureKey
from newsread.core.store.library import Library
from newsread.core.store.people import find_identity
from newsread.tui.app import NewsreadApp
from newsread.tui.desk import PersonPageModel
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.figure_group import FigureGroupScreen
from newsread.tui.screens.person_page import PersonPageScreen
from newsread.tui.widgets.desk_lists import SightingList, StatementList
from newsread.tui.widgets.item_list import ItemList
from newsread.tui.widgets.side_pane import FiguresList, PeopleList, QuotesList
from support.app import MakeApp, Toasts, settle, settled
from support.desk import BLINKEN, desk_library
from textual.pilot import Pilot


@pytest.fixture
def desk_db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    desk_library(path).close()
    return path


@pytest.fixture
def lib(desk_db: Path) -> Iterator[Library]:
    library = Library.open(desk_db)
    yield library
    library.close()


# -- the page's rules, without Textual -----------------------------------------------------------


def test_the_model_cycles_kinds_filters_words_and_says_what_escape_clears(lib: Library) -> None:
    model = PersonPageModel(lib, find_identity(lib, BLINKEN).id)
    model.load()
    assert model.title() == "Antony Blinken · person"
    assert model.summary() == "3 articles · 3 quotes, 1 reported · also Blinken"
    assert model.role_lines() == [
        "secretary of state — 2024-03-01 to 2024-03-02 (2 articles)",
        "former secretary of state, Harvard — 2024-03-03 (1 article)",
    ]
    assert model.status() == "4 statements" and model.escape_clears() is None
    assert model.cycle_kind() == "quotes" and len(model.rows) == 3
    assert model.cycle_kind() == "reported" and [s.kind for s in model.rows] == ["indirect"]
    model.set_text("israel")
    assert model.status() == "1 of 4 statements · reported only · with “israel”"
    assert model.escape_clears() == "text"
    model.clear("text")
    assert model.escape_clears() == "kind"
    model.clear("kind")
    assert model.escape_clears() is None and len(model.rows) == 4


def test_more_rows_than_a_page_come_on_demand(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsread.tui.desk as desk

    monkeypatch.setattr(desk, "PAGE_SIZE", 3)
    model = PersonPageModel(lib, find_identity(lib, BLINKEN).id)
    model.load()
    assert (len(model.rows), model.more) == (3, 1)
    assert model.status() == "4 statements · 3 shown"
    assert len(model.load_more()) == 1 and model.more == 0


def test_the_desk_rules_do_not_import_textual() -> None:
    code = "import sys, newsread.tui.desk; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


# -- under Pilot ---------------------------------------------------------------------------------


async def _reader(app: NewsreadApp, pilot: Pilot, article_id: int) -> ReaderScreen:
    reader = app.open_reader(article_id)
    await settle(app, pilot)
    assert isinstance(app.screen, ReaderScreen)
    return reader


async def _press_on(pilot: Pilot, listing: ItemList, kind: str, index: int, key: str) -> None:
    """Focus ``listing``, highlight its entry (``kind``, ``index``), press ``key`` and settle."""
    listing.focus()
    listing.highlight_item(kind, index)
    await pilot.press(key)
    await settle(pilot.app, pilot)


def _page_name(app: NewsreadApp) -> str | None:
    """Whose page is on top (None: no person's page is)."""
    screen = app.screen
    if not isinstance(screen, PersonPageScreen) or screen.model.page is None:
        return None
    return screen.model.page.name


def _lines(widget: StatementList | SightingList) -> list[str]:
    return [e.prompt.plain for e in widget.entries]


@pytest.mark.anyio
async def test_p_in_people_opens_the_persons_page_newest_first(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 1)
        reader.tabs_show("tab-people")
        await pilot.pause()
        people = reader.query_one("#people-list", PeopleList)
        await _press_on(pilot, people, "entity", next(i for i, r in enumerate(people.rows) if r.name == BLINKEN), "p")
        page = app.screen
        assert isinstance(page, PersonPageScreen)
        header = str(page.query_one("#person-header").render())
        assert "Antony Blinken · person" in header and "former secretary of state, Harvard" in header
        rows = _lines(page.statements)
        assert rows[0].startswith("2024-03-03 · site3.test · A year on\nformer secretary of state, Harvard\n“The")
        assert rows[-1].startswith("2024-03-01 · site1.test · Aid stalls at the border\nsecretary of state · reported")


@pytest.mark.anyio
async def test_p_on_a_quote_and_anonymous_sources(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    toasts = Toasts()
    async with settled(app, message_hook=toasts) as pilot:
        reader = await _reader(app, pilot, 1)
        quotes = reader.quote_near(reader.state.data.analysis.text.index("the crossings were"))
        assert quotes is not None
        reader.select_quote(quotes)  # the UN official's: anonymous
        await pilot.press("p")
        await settle(app, pilot)
        assert app.screen is reader
        assert toasts.titled("No page") == [
            "Anonymous sources and documents are descriptions, not people: they have no page."
        ]
        # “We need far more,” — Blinken
        await _press_on(pilot, reader.query_one("#quotes-list", QuotesList), "quote", 0, "p")
        assert _page_name(app) == BLINKEN


@pytest.mark.anyio
async def test_filters_and_enter_opens_the_article_at_the_statement(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        with Library.open(desk_db) as lib:
            ident = find_identity(lib, BLINKEN).id
        app.push_screen(PersonPageScreen(app.library, ident))
        await settle(app, pilot)
        page = app.screen
        assert isinstance(page, PersonPageScreen)
        await pilot.press("r", "r")  # reported only
        assert [s.kind for s in page.model.rows] == ["indirect"]
        assert "reported only" in str(page.query_one("#person-status").render())
        await pilot.press("escape")  # clears the kind filter
        assert len(page.model.rows) == 4
        await pilot.press("slash", *"crossings", "enter")
        await settle(app, pilot)
        assert [s.article_id for s in page.model.rows] == [3, 1]
        assert page.statements.has_focus
        await pilot.press("j", "enter")  # the second: article 1's reported statement
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.article_id == 1
        current = reader.state.current_quote
        assert current is not None and reader.state.data.quotes[current].text == "Israel must open more crossings"
        await pilot.press("q")
        await settle(app, pilot)
        assert app.screen is page
        await pilot.press("escape")  # clears the words
        assert len(page.model.rows) == 4
        await pilot.press("escape")  # back
        assert not isinstance(app.screen, PersonPageScreen)


@pytest.mark.anyio
async def test_the_palette_finds_a_persons_page(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        await _reader(app, pilot, 2)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"blink")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert _page_name(app) == BLINKEN


@pytest.mark.anyio
async def test_f_in_figures_opens_the_group_and_enter_the_article(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 2)
        reader.tabs_show("tab-figures")
        await pilot.pause()
        await _press_on(pilot, reader.query_one("#figures-list", FiguresList), "figure", 0, "f")  # 250 Aid Trucks a day
        group = app.screen
        assert isinstance(group, FigureGroupScreen)
        header = str(group.query_one("#figure-header").render())
        assert "aid truck per day · count" in header and "3 figures in 3 articles" in header
        assert "35 · 250 · about 350" in header and "also aid truck (1 figure)" in header
        rows = _lines(group.query_one(SightingList))
        # each figure's amount (the header says what they count), where, and its sentence
        assert rows[0] == (
            "about 350  2024-03-03 · site3.test · A year on\n"
            "About 350 of the aid trucks a day now cross, the ministry said."
        )
        assert rows[2].startswith("35  2024-03-01 · site1.test · Aid stalls at the border\nOnly 35 aid trucks per day")
        await pilot.press("G", "enter")
        await settle(app, pilot)
        reader1 = app.screen
        assert isinstance(reader1, ReaderScreen) and reader1.article_id == 1
        assert list(reader1.article.get_layer("focus").starts) == [reader1.state.data.analysis.text.index("35 aid")]


def test_the_figure_near_the_cursor() -> None:
    from newsread.tui.reader.article import ArticleData
    from support.desk import article

    data = ArticleData.of(article(2))
    text = data.analysis.text
    at = text.index("797")
    assert data.figure_near(at + 1, None) == 1  # inside "797 aid trucks"
    sentence = (text.index("The agency"), len(text))
    assert data.figure_near(sentence[0], sentence) == 1  # the first in the cursor's sentence
    assert data.figure_near(text.index("This is"), None) is None
    assert data.figure_index_at(at) == 1 and data.figure_in_order(1).value == 797.0


@pytest.mark.anyio
async def test_f_in_the_article_opens_the_group_of_the_figure_at_the_cursor(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    toasts = Toasts()
    async with settled(app, message_hook=toasts) as pilot:
        reader = await _reader(app, pilot, 2)
        text = reader.state.data.analysis.text
        reader.article.set_cursor(text.index("“This is"))  # a sentence without a figure
        await pilot.press("f")
        await settle(app, pilot)
        assert app.screen is reader and "no figure at the cursor" in reader.status_text
        reader.article.set_cursor(text.index("797"))
        await pilot.press("f")
        await settle(app, pilot)
        group = app.screen
        assert isinstance(group, FigureGroupScreen)
        assert group.model.key == FigureKey("count", "aid truck")
        assert [s.figure.value for s in group.model.sightings] == [797.0]


def test_article_text_on_the_pages_is_inert() -> None:
    from newsread.core.model import Figure
    from newsread.core.store.figure_groups import FigureSighting
    from newsread.core.store.people import Statement
    from newsread.tui.widgets.desk_lists import sighting_prompt, statement_prompt

    hostile = "\x1b[2J[bold]x\u202e"
    statement = Statement(
        quote_id=1, article_id=1, title=hostile, site=hostile, date="2024-01-01", start=0, end=1, text=hostile,
        kind="indirect", cue=hostile, speaker="A", role=hostile, organisation=None,
    )  # fmt: skip
    figure = Figure(0, 3, "35", 35.0, object=hostile, qualifier=hostile)
    sighting = FigureSighting(
        figure_id=1, article_id=1, title=hostile, site=None, date=None, figure=figure, sentence=hostile
    )
    for prompt in (statement_prompt(statement), sighting_prompt(sighting)):
        assert "\x1b" not in prompt.plain and "\u202e" not in prompt.plain
        assert "␛[2J[bold]x" in prompt.plain  # shown, literally: no markup, no escape


@pytest.mark.anyio
async def test_enter_on_more_shows_the_next_page(desk_db: Path, make_app: MakeApp, monkeypatch) -> None:
    import newsread.tui.desk as desk

    monkeypatch.setattr(desk, "PAGE_SIZE", 3)
    app = make_app(desk_db)
    async with settled(app) as pilot:
        with Library.open(desk_db) as lib:
            ident = find_identity(lib, BLINKEN).id
        app.push_screen(PersonPageScreen(app.library, ident))
        await settle(app, pilot)
        page = app.screen
        assert isinstance(page, PersonPageScreen)
        assert _lines(page.statements)[-1] == "1 more — enter shows the next ones"
        await pilot.press("G", "enter")
        await settle(app, pilot)
        assert len(page.model.rows) == 4 and "enter shows" not in _lines(page.statements)[-1]
        assert app.screen is page


@pytest.mark.anyio
async def test_help_lists_the_desk_keys(desk_db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(desk_db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 1)
        ids = {e.binding_id for e in help_entries(reader)}
        assert {"reader.speaker_page", "reader.figure_here"} <= ids
        reader.tabs_show("tab-people")
        await pilot.pause()
        reader.query_one("#people-list", PeopleList).focus()
        await pilot.pause()
        assert "reader.person_page" in {e.binding_id for e in help_entries(reader)}
        with Library.open(desk_db) as lib:
            ident = find_identity(lib, BLINKEN).id
        app.push_screen(PersonPageScreen(app.library, ident))
        await settle(app, pilot)
        page = {(e.group, e.binding_id) for e in help_entries(app.screen)}
        assert {("Person's page", i) for i in ("person.search", "person.kind", "person.escape")} <= page


@pytest.mark.anyio
async def test_a_page_whose_identity_is_gone_says_so(desk_db: Path, make_app: MakeApp) -> None:
    app = make_app(desk_db)
    async with settled(app) as pilot:
        app.push_screen(PersonPageScreen(app.library, 9999))  # merged or deleted since it was chosen
        await settle(app, pilot)
        page = app.screen
        assert isinstance(page, PersonPageScreen)
        assert str(page.query_one("#person-header").render()) == "no identity 9999 in the library"
        assert _lines(page.statements) == ["No statements"]
        await pilot.press("r")  # still no page: said, and nothing breaks
        await settle(app, pilot)
        assert app.screen is page


@pytest.mark.anyio
async def test_the_palette_in_the_reader_offers_the_articles_people(desk_db: Path, make_app: MakeApp) -> None:
    from newsread.tui.commands import DeskCommands

    app = make_app(desk_db)
    async with settled(app) as pilot:
        reader = await _reader(app, pilot, 1)
        provider = DeskCommands(reader)
        names = [name for name, _ in provider._article_pages()]
        assert names == ["Person's page: Antony Blinken"]  # the UN official is anonymous: no page
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"page: anto")  # the article's speaker, by the command's words
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert _page_name(app) == BLINKEN


@pytest.mark.anyio
async def test_p_on_a_name_never_quoted_says_so_without_a_command(desk_db: Path, make_app: MakeApp) -> None:
    from newsread.tui.widgets.side_pane import PersonPageWanted

    app = make_app(desk_db)
    toasts = Toasts()
    async with settled(app, message_hook=toasts) as pilot:
        reader = await _reader(app, pilot, 1)
        reader.post_message(PersonPageWanted("Hamas", "organisation"))  # named, never quoted
        await settle(app, pilot)
        assert app.screen is reader
        assert toasts.titled("No page") == ["No one called “Hamas” is quoted in the library."]
