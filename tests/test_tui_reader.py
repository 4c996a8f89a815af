"""Pilot tests of the reader on a hand-made analysis of the seed (stable quotes, speakers, entities)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.notes import Notes
from newsread.core.store.library import Library
from newsread.tui.reader.missing import MissingArticleScreen
from newsread.tui.reader.notes_pane import NotesPane
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.safe_text import neutralise
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.article_view import ArticleView, sentence_spans, wrap_lines
from newsread.tui.widgets.side_pane import ItemList, PaneTabs, QuotesList
from support.reader import (
    READER_SIZE,
    ReaderTestApp,
    hand_analysis,
    make_library,
    reader_pilot,
    screen_text,
    seed_text,
)
from textual.message import Message
from textual.widgets import Input, OptionList

pytestmark = pytest.mark.anyio


@pytest.fixture
def library(hand_library: Library) -> Library:
    return hand_library


def layer_keys(view: ArticleView, name: str) -> list[str]:
    return list(view.get_layer(name).keys)


# -- pure helpers ---------------------------------------------------------------------------------


def test_neutralise_keeps_offsets_and_disarms_controls() -> None:
    text = "a\x1b[31mred\x1b[0m\tb\x07\r\nc\x9b2J\u202e"
    safe = neutralise(text)
    assert len(safe) == len(text)
    assert "\x1b" not in safe and "\x07" not in safe and "\x9b" not in safe and "\u202e" not in safe
    assert safe.startswith("a␛[31mred␛[0m b␇␍\nc")


def test_wrap_lines_cover_the_text_in_order() -> None:
    text = seed_text()
    lines = wrap_lines(text, 0, 40)
    assert all(e - s <= 40 for s, e in lines)
    words = [w for s, e in lines for w in text[s:e].split()]
    assert words == text.split()


def test_sentences_do_not_split_abbreviations() -> None:
    text = "The U.S. officials met on Oct. 1 in Gaza. “We talked,” he said. Then Mr. Cook left!"
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "The U.S. officials met on Oct. 1 in Gaza.",
        "“We talked,” he said.",
        "Then Mr. Cook left!",
    ]


# -- opening --------------------------------------------------------------------------------------


async def test_opens_with_headline_metadata_legend_and_focus(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.pause()
        assert app.focused is screen.article
        shown = screen_text(app)
        assert "Blinken struggles to heal US-Israel rift" in shown
        assert "thehill.com · Laura Kelly · 2024-10-24" in shown
        for word in ("person", "organisation", "place", "date", "number"):
            assert word in shown
        # the headline is shown once, above the body
        assert shown.count("Blinken struggles to heal") == 1
        assert "Secretary of State Antony Blinken left Israel" in shown
        view = screen.article
        assert len(view.get_layer("entities")) > 100
        assert len(view.get_layer("quotes")) == 19


async def test_a_feed_summary_says_so_on_the_metadata_line(tmp_path: Path) -> None:
    """An article kept as its feed entry's summary (its page could not be fetched) is never read as
    the whole article: the metadata line ends with "feed summary only"."""
    lib = Library.open(tmp_path / "library.db")
    summary = lib.add_analysis(
        hand_analysis(),
        url="https://thehill.com/feed-item",
        site="thehill.com",
        byline="Laura Kelly",
        summary_only="HTTP 500 Internal Server Error",
    )
    async with reader_pilot(lib, summary.article_id) as (app, pilot, screen):
        await pilot.pause()
        header = screen.query_one("#reader-header")
        assert header.meta == "thehill.com · Laura Kelly · 2024-10-24 · feed summary only"  # type: ignore[attr-defined]
        assert "thehill.com · Laura Kelly · 2024-10-24 · feed summary only" in screen_text(app)
    lib.close()


async def test_missing_article_says_so(library: Library) -> None:
    app = ReaderTestApp(library, 999)
    async with app.run_test(size=READER_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MissingArticleScreen)
        assert "Article 999 is not in the library" in screen_text(app)
        assert "Article not found — press q to go back" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, ReaderScreen)


async def test_escape_sequences_and_markup_in_text_are_inert(tmp_path: Path) -> None:
    text = (
        "Title with \x1b]0;pwned\x07 [bold]markup[/bold]\n\n"
        "Body \x1b[31mRED\x1b[0m and [red]not red[/red] and [link=http://x]x[/link] end.\n"
    )
    analysis = hand_analysis(seed_text())
    analysis.text, analysis.title = text, "Title with \x1b]0;pwned\x07 [bold]markup[/bold]"
    analysis.entities, analysis.quotes, analysis.figures = [], [], []
    lib, article_id = make_library(tmp_path / "lib.db", analysis, byline="[i]Someone[/i]\x1b[2J")
    try:
        async with reader_pilot(lib, article_id) as (app, pilot, screen):
            await pilot.pause()
            shown = screen_text(app)
            assert "Body ␛[31mRED␛[0m and [red]not red[/red] and" in shown
            assert "[link=http://x]x[/link] end." in shown
            assert "Title with ␛]0;pwned␇ [bold]markup[/bold]" in shown
            assert "[i]Someone[/i]␛[2J" in shown
            view = screen.article
            strips = [view.render_line(y) for y in range(view.size.height)]
            for strip in strips:
                for segment in strip:
                    assert "\x1b" not in segment.text
                    assert not (segment.style and (segment.style.link or segment.style.bold))
    finally:
        lib.close()


# -- scrolling ------------------------------------------------------------------------------------


async def test_scroll_keys(library: Library) -> None:
    async with reader_pilot(library) as (_app, pilot, screen):
        view = screen.article
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("space")
        page = view.scroll_y
        assert page == view.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert view.scroll_y == 2 * page
        # the cursor follows the view
        first, last = view.visible_range()
        assert first <= view.cursor <= last


async def test_next_and_previous_quote_mark_and_select(library: Library) -> None:
    async with reader_pilot(library) as (_app, pilot, screen):
        view = screen.article
        quotes = screen.data.quotes
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert screen.current_quote == 0
        assert view.get_layer("focus").starts == [quotes[0].start]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.current_quote == 2
        quotes_list = screen.query_one(QuotesList)
        assert quotes_list.items[quotes_list.highlighted].index == 2
        assert screen.query_one(PaneTabs).active == "tab-quotes"
        await pilot.press("left_square_bracket")
        assert screen.current_quote == 1
        assert "quote 2 of 19" in screen.status_text
        # the marked quote is on screen
        first, last = view.visible_range()
        assert first <= quotes[1].start <= last


async def test_speaker_filter_via_picker(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert isinstance(app.focused, Input)
        shown = screen_text(app)
        assert "Steven Cook  7 quotes" in shown
        assert "Shira Efron  4 quotes" in shown
        await pilot.press(*"efr")
        await pilot.pause()
        assert [e.name for e in picker.shown] == ["Shira Efron"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.speaker_filter == "Shira Efron"
        assert "Shira Efron" in screen.status_text and "4 quotes" in screen.status_text
        assert "Shira Efron" in screen_text(app)
        assert len(screen.query_one(QuotesList).items) == 4
        keys = layer_keys(screen.article, "quotes")
        assert keys.count("quote-on") == 4 and keys.count("quote-dim") == 15
        # ] walks only the filter's quotes
        first = screen.current_quote
        await pilot.press("right_square_bracket")
        assert screen.data.quotes[screen.current_quote].speaker == "Shira Efron"
        assert screen.current_quote != first
        # escape clears the filter, then leaves the reader
        await pilot.press("escape")
        assert screen.speaker_filter is None
        assert layer_keys(screen.article, "quotes") == ["quote"] * 19
        assert len(screen.query_one(QuotesList).items) == 19
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_picker_cancel_and_arrows(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        # entries are most quoted first: Steven Cook (7), then Antony Blinken (4)
        assert screen.speaker_filter == "Antony Blinken"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"zzz")
        await pilot.pause()
        assert app.screen.query_one("#picker-list", OptionList).option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.speaker_filter == "Antony Blinken"


async def test_organisation_filter_combines_with_speaker(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        await pilot.press("o")
        await pilot.pause()
        shown = screen_text(app)
        assert "Council on Foreign Relations  7 quotes" in shown
        assert "Hamas  1 quote" in shown
        await pilot.press(*"hamas", "enter")
        await pilot.pause()
        assert screen.org_filter == "Hamas"
        # Basem Naim's quote, and the quotes that name Hamas
        assert [screen.data.quotes[i].speaker for i in screen.matched_quotes] == ["Basem Naim"]
        assert len(view.get_layer("marks")) >= 5  # the sentences that mention Hamas
        assert "organisation: Hamas" in screen.status_text
        await pilot.press("o", *"israel policy", "enter")
        await pilot.pause()
        await pilot.press("s", *"shira", "enter")
        await pilot.pause()
        assert screen.org_filter == "Israel Policy Forum" and screen.speaker_filter == "Shira Efron"
        assert len(screen.matched_quotes) == 4
        assert "speaker: Shira Efron + organisation: Israel Policy Forum" in screen.status_text
        await pilot.press("escape")  # the speaker went on last, so it goes first
        assert screen.speaker_filter is None and screen.org_filter == "Israel Policy Forum"
        await pilot.press("escape")
        assert screen.org_filter is None and len(view.get_layer("marks")) == 0


async def test_search_and_matches(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"gaza", "enter")
        await pilot.pause()
        assert app.focused is view
        body = screen.data.analysis.text[screen.data.body_start :]
        total = body.lower().count("gaza")
        assert len(screen.matches) == total > 5
        assert f"match 1 of {total}" in screen.status_text
        assert layer_keys(view, "matches").count("match-current") == 1
        await pilot.press("n", "n")
        assert f"match 3 of {total}" in screen.status_text
        await pilot.press("N")
        assert f"match 2 of {total}" in screen.status_text
        await pilot.press("N", "N")
        assert f"match {total} of {total}" in screen.status_text
        start = screen.matches[-1][0]
        first, last = view.visible_range()
        assert first <= start <= last
        await pilot.press("escape")
        assert screen.matches == [] and len(view.get_layer("matches")) == 0
        # escape in the search box just closes it
        await pilot.press("slash", "x", "escape")
        assert app.focused is view and isinstance(app.screen, ReaderScreen)


async def test_tab_moves_between_panes_and_lists_jump(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        assert app.focused is view
        quotes_list = screen.query_one(QuotesList)
        while app.focused is not quotes_list:
            await pilot.press("tab")
            assert app.focused is not view
        await pilot.press("g", "j", "j", "enter")
        await pilot.pause()
        assert screen.current_quote == 2
        q = screen.data.quotes[2]
        assert view.get_layer("focus").starts == [q.start]
        first, last = view.visible_range()
        assert first <= q.start <= last
        await pilot.press("shift+tab")
        await pilot.press("shift+tab")
        assert app.focused is view


async def test_figures_and_people_tabs(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        view = screen.article
        screen.query_one(PaneTabs).active = "tab-figures"
        await pilot.pause()
        shown = screen_text(app)
        assert "35 trucks per day" in shown
        assert "797 aid trucks  · 2024-10-01/2024-10-23" in shown
        figures = screen.query_one("#figures-list", ItemList)
        figures.focus()
        await pilot.press("G", "enter")
        await pilot.pause()
        text = screen.data.analysis.text
        focus = view.get_layer("focus")
        assert [text[s:e] for s, e in zip(focus.starts, focus.ends, strict=True)] == ["225 trucks per day"]
        screen.query_one(PaneTabs).active = "tab-people"
        await pilot.pause()
        shown = screen_text(app)
        assert "Shira Efron  2×  4 quotes" in shown  # under the People heading
        assert "People · 9" in shown
        people = screen.query_one("#people-list", ItemList)
        people.focus()
        await pilot.press("g", "enter")
        await pilot.pause()
        assert len(view.get_layer("focus")) > 1  # every mention is marked


async def test_entities_toggle(library: Library) -> None:
    async with reader_pilot(library) as (_app, pilot, screen):
        view = screen.article
        line = view.line_of(screen.data.analysis.entities[0].start) - round(view.scroll_y)
        styled = view.render_line(line)
        await pilot.press("e")
        assert view.show_entities is False
        assert screen.query_one("#reader-header").has_class("-off")
        plain = view.render_line(line)
        assert [s.style for s in styled] != [s.style for s in plain]
        await pilot.press("e")
        assert view.show_entities is True


async def test_click_on_a_quote_selects_it(library: Library) -> None:
    async with reader_pilot(library) as (_app, pilot, screen):
        view = screen.article
        q = screen.data.quotes[0]
        y = view.line_of(q.start + 3) - round(view.scroll_y)
        x = q.start + 3 - view.lines[view.line_of(q.start + 3)][0]
        gutter = view.styles.gutter
        await pilot.click(view, offset=(x + gutter.left, y + gutter.top))
        await pilot.pause()
        assert screen.current_quote == 0
        assert view.get_layer("focus").starts == [q.start]
        assert screen.query_one(PaneTabs).active == "tab-quotes"


async def test_back_with_q(library: Library) -> None:
    async with reader_pilot(library) as (app, pilot, screen):
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is not screen


async def test_the_notes_pane_says_its_search_and_deletions_in_messages(library: Library) -> None:
    notes = Notes(library)
    kept = notes.add(1, 0, 10, "about the ceasefire")
    gone = notes.add(1, 20, 30, "about the trucks")
    said: list[str] = []
    deleted: list[NotesPane.Deleted] = []

    def hook(message: Message) -> None:
        if isinstance(message, NotesPane.Said):
            said.append(message.text)
        elif isinstance(message, NotesPane.Deleted):
            deleted.append(message)

    async with reader_pilot(library, message_hook=hook) as (_app, pilot, screen):
        await pilot.pause()
        screen.tabs_show("tab-notes")
        await pilot.pause()
        screen.notes_list.focus()
        await pilot.press("slash", *"ceasefire")
        await pilot.pause()
        assert said[-1] == "notes: 1 of 2 match “ceasefire”"
        assert said[-1] in screen.status_text
        assert list(screen.notes_list.notes) == [kept.id]
        await pilot.press("escape")  # closes the box and shows every note again
        await pilot.pause()
        assert list(screen.notes_list.notes) == [kept.id, gone.id]
        screen.notes_list.highlighted = 1
        await pilot.press("d", "y")
        await pilot.pause()
        assert len({id(m) for m in deleted}) == 1  # one message, seen by each node it bubbles through
        assert [n.id for n in screen.note_rows] == [kept.id]
        assert "note deleted" in screen.status_text
