"""Speakers of every kind in the reader and the pickers: people, organisations, anonymous sources,
documents and unattributed quotes (``support.reader.kinds_analysis``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.model import Quote, Speaker, quote_organisation
from newsread.core.store.library import Library
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.side_pane import PaneTabs, PeopleList, QuotesList
from support.reader import (
    ANONYMOUS,
    HAMAS_SOURCE,
    ORG_SPEAKER,
    ReaderTestApp,
    kinds_analysis,
    kinds_library,
    screen_text,
)
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList

SIZE = (120, 40)
pytestmark = pytest.mark.anyio


@pytest.fixture
def library(tmp_path: Path):
    lib, _ = kinds_library(tmp_path / "kinds.db")
    yield lib
    lib.close()


def reader(app: ReaderTestApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def picker_options(app: ReaderTestApp) -> list[tuple[str, bool]]:
    """The picker's options as (plain text, disabled)."""
    options = app.screen.query_one("#picker-list", OptionList)
    return [(str(options.get_option_at_index(i).prompt), options.get_option_at_index(i).disabled)
            for i in range(options.option_count)]  # fmt: skip


def test_quote_organisation_is_the_organisation_speaking_or_the_speakers() -> None:
    spokesman = Speaker("Ann Lee", organisation="Acme")
    assert quote_organisation(Quote(0, 1, "x", "Ann Lee", None), spokesman) == "Acme"
    assert quote_organisation(Quote(0, 1, "x", "Acme", None, speaker_kind="organisation"), None) == "Acme"
    anonymous = Speaker("an Acme engineer", organisation="Acme", kind="anonymous")
    assert quote_organisation(Quote(0, 1, "x", anonymous.name, None, speaker_kind="anonymous"), anonymous) == "Acme"
    assert quote_organisation(Quote(0, 1, "x", None, None), spokesman) is None
    assert quote_organisation(Quote(0, 1, "x", "Bo", None), None) is None


def drawn_lines(widget: Widget) -> list[Strip]:
    """The lines ``widget`` draws in its visible region, top to bottom."""
    return [widget.render_line(y) for y in range(widget.scrollable_content_region.height)]


async def test_quotes_pane_shows_each_speakers_kind(library: Library) -> None:
    app = ReaderTestApp(library, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.pause()
        quotes = screen.query_one(QuotesList)
        heads = {entry.item.index: entry.prompt.plain.split("\n")[0] for entry in quotes.entries}
        assert heads[0] == "court records document"
        assert heads[1] == "unattributed"
        assert heads[5] == f"{ORG_SPEAKER} org"
        assert heads[6] == f"{ANONYMOUS} anonymous"
        assert heads[13] == f"{HAMAS_SOURCE} anonymous — Hamas"
        assert heads[2] == "Steven Cook — senior fellow, Council on Foreign Relations"
        # an anonymous source's description is drawn in its own style (italic), a person's is not
        entry = next(e for e in quotes.entries if e.item.index == 6)
        styles = {quotes.get_visual_style(s.style[1:], partial=True).italic
                  for s in entry.prompt.spans if isinstance(s.style, str) and s.style.startswith(".")}  # fmt: skip
        assert True in styles and len(styles) == 2  # the description italic; its tag not
        cook = next(line for line in drawn_lines(quotes) if line.text.strip().startswith("Steven Cook"))
        assert not any(seg.style and seg.style.italic and "Steven Cook" in seg.text for seg in cook)
        # the status names the kind of the chosen quote's speaker
        screen.select_quote(6)
        assert f"{ANONYMOUS} (anonymous)" in screen.status_text
        await pilot.pause()  # the chosen quote scrolled into view
        anonymous = next(line for line in drawn_lines(quotes) if line.text.strip().startswith(ANONYMOUS))
        assert ANONYMOUS in "".join(seg.text for seg in anonymous if seg.style and seg.style.italic)


async def test_people_pane_groups_by_kind_with_the_anonymous_count(library: Library) -> None:
    app = ReaderTestApp(library, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        screen.query_one(PaneTabs).active = "tab-people"
        await pilot.pause()
        people = screen.query_one(PeopleList)
        headings = [e.prompt.plain for e in people.entries if not e.enabled]
        assert headings[0] == "19 quotes: 3 anonymous · 1 from documents · 1 unattributed"
        assert headings[1:] == [
            "People · 9",
            "Organisations · 8",
            "Anonymous sources · 3 quotes",
            "Documents · 1 quote",
            "Unattributed · 1 quote",
        ]
        groups: dict[str, list[str]] = {}
        for entry in people.entries[1:]:
            if not entry.enabled:
                current = groups.setdefault(entry.prompt.plain.split(" · ")[0], [])
            else:
                current.append(entry.prompt.plain)
        assert groups["Anonymous sources"] == [
            f"{ANONYMOUS}  2 quotes",
            f"{HAMAS_SOURCE}  1 quote",
        ]
        assert groups["Documents"] == ["court records  1 quote"]
        assert groups["Unattributed"] == ["quotes with no speaker  1 quote"]
        assert "Shira Efron  2×  4 quotes" in groups["People"]
        # Hamas: Basem Naim's quote and the Hamas source's; the IDF speaking for itself
        assert "Hamas  9×  2 quotes" in groups["Organisations"]
        assert f"{ORG_SPEAKER}  1×  1 quote" in groups["Organisations"]
        shown = screen_text(app)
        assert "19 quotes: 3 anonymous" in shown.split("People · 9")[0]  # above the groups
        assert "Anonymous sources · 3 quotes" in "".join(headings)
        # headings are skipped; choosing an anonymous source marks its quotes in the article
        people.focus()
        await pilot.press("g")
        assert people.entries[people.highlighted].enabled and people.highlighted == 2
        anonymous = next(i for i, e in enumerate(people.entries) if e.prompt.plain.startswith(ANONYMOUS))
        for _ in range(sum(e.enabled for e in people.entries[3 : anonymous + 1])):  # down skips the headings
            await pilot.press("down")
        assert people.highlighted == anonymous
        await pilot.press("enter")
        await pilot.pause()
        focus = screen.article.get_layer("focus")
        quotes = screen.data.quotes
        assert list(focus.starts) == [quotes[6].start, quotes[7].start]


async def test_speaker_picker_groups_kinds_and_filters_an_anonymous_source(library: Library) -> None:
    app = ReaderTestApp(library, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        options = picker_options(app)
        headings = [text for text, disabled in options if disabled]
        assert headings == [
            "People · 13 quotes",
            "Organisations · 1 quote",
            "Anonymous sources · 3 quotes",
            "Documents · 1 quote",
        ]
        names = [text.split("  ")[0] for text, disabled in options if not disabled]
        assert names == [
            "Steven Cook",
            "Shira Efron",
            "Antony Blinken",
            "Basem Naim",
            ORG_SPEAKER,
            ANONYMOUS,
            HAMAS_SOURCE,
            "court records",
        ]
        assert f"{ANONYMOUS}  2 quotes\n" in "\n".join(t for t, _ in options) + "\n"
        # the highlight starts on the first speaker, not on a heading, and up does not leave it
        highlighted = app.screen.query_one("#picker-list", OptionList).highlighted
        assert options[highlighted][0].startswith("Steven Cook")
        await pilot.press("up")
        assert app.screen.query_one("#picker-list", OptionList).highlighted == highlighted
        await pilot.press(*"officials")
        await pilot.pause()
        assert picker_options(app)[0] == ("Anonymous sources · 2 quotes", True)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.speaker_filter == ANONYMOUS
        assert screen.matched_quotes == [6, 7]
        assert [item.index for item in screen.query_one(QuotesList).items] == [6, 7]
        assert screen.data.quotes[screen.current_quote].speaker == ANONYMOUS
        assert "2 quotes of 19" in screen.status_text


async def test_organisation_filter_counts_an_organisation_speaking_and_its_sources(library: Library) -> None:
    app = ReaderTestApp(library, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("o")
        await pilot.pause()
        shown = screen_text(app)
        assert f"{ORG_SPEAKER}  1 quote" in shown
        assert "Hamas  2 quotes" in shown
        await pilot.press(*"defense", "enter")
        await pilot.pause()
        assert screen.org_filter == ORG_SPEAKER
        assert screen.matched_quotes == [5]
        await pilot.press("escape")
        await pilot.press("o", *"hamas", "enter")
        await pilot.pause()
        speakers = [screen.data.quotes[i].speaker for i in screen.matched_quotes]
        assert speakers == [HAMAS_SOURCE, "Basem Naim"] or speakers == ["Basem Naim", HAMAS_SOURCE]
        assert sorted(screen.matched_quotes) == [12, 13]


async def test_speaker_names_of_every_kind_are_neutralised(tmp_path: Path) -> None:
    hostile = "court\x1b[2J records\x07"
    lib, article_id = kinds_library(tmp_path / "hostile.db", kinds_analysis(document=hostile))
    try:
        app = ReaderTestApp(lib, article_id)
        async with app.run_test(size=SIZE) as pilot:
            screen = reader(app)
            await pilot.pause()
            quotes = screen.query_one(QuotesList)
            head = next(e.prompt.plain for e in quotes.entries if e.item.index == 0).split("\n")[0]
            assert head == "court␛[2J records␇ document"
            screen.query_one(PaneTabs).active = "tab-people"
            await pilot.pause()
            plain = [e.prompt.plain for e in screen.query_one(PeopleList).entries]
            assert "court␛[2J records␇  1 quote" in plain
            assert not any("\x1b" in p or "\x07" in p for p in plain)
            await pilot.press("s")
            await pilot.pause()
            assert "court␛[2J records␇  1 quote" in screen_text(app)
    finally:
        lib.close()


async def test_library_speaker_picker_groups_by_kind(tmp_path: Path) -> None:
    """The library's picker lists the library's speakers (``Library.speakers``) under their kind's
    heading, most quoted first within each group; choosing an anonymous source filters by it."""
    from newsread.core.settings import Settings
    from newsread.tui.app import NewsreadApp
    from newsread.tui.widgets.article_table import ArticleTable

    lib, article_id = kinds_library(tmp_path / "lib.db")
    try:
        app = NewsreadApp(lib, settings=Settings(), first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            options = picker_options(app)
            assert [(text.split("  ")[0], disabled) for text, disabled in options] == [
                ("People · 13 quotes", True),
                ("Steven Cook", False),
                ("Shira Efron", False),
                ("Antony Blinken", False),
                ("Basem Naim", False),
                ("Organisations · 1 quote", True),
                (ORG_SPEAKER, False),
                ("Anonymous sources · 3 quotes", True),
                (ANONYMOUS, False),
                (HAMAS_SOURCE, False),
                ("Documents · 1 quote", True),
                ("court records", False),
            ]
            assert options[8][0] == f"{ANONYMOUS}  2 quotes · 1 article"
            await pilot.press(*"officials", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.view.speaker == ANONYMOUS
            assert [row.id for row in app.screen.query_one(ArticleTable).articles] == [article_id]
    finally:
        lib.close()
