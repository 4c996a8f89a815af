"""The library's feeds and tidying keys driven by Pilot on real library files: R refreshes the
subscriptions in a real child process from a real local server, f filters by feed with unread
counts, d deletes (asking, notes kept or not), m and M mark read, y copies and O opens the URL,
and the sort and filters are remembered between launches."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.notes import Notes
from newsread.core.store.feeds import Feeds
from newsread.core.store.library import Library
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from newsread.tui.screens.help import HelpScreen, help_entries
from newsread.tui.screens.notes_view import DELETED_ARTICLE, LibraryNotesList, NotesViewScreen
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.refresh_progress import RefreshProgress
from newsread.tui.widgets.status_bar import StatusBar
from support.app import MakeApp, Toasts, press_settled, settle, settled
from support.subscriptions import SubscriptionHandler, feed_server
from textual.pilot import Pilot

pytestmark = pytest.mark.anyio


@pytest.fixture
def server() -> Iterator[type[SubscriptionHandler]]:
    with feed_server({"/rss": [0, 1], "/atom": [2, 3]}) as handler:
        yield handler


def _cli(db: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture
def fed_library(tmp_path: Path, server: type[SubscriptionHandler]) -> Path:
    """A library of two refreshed feeds (summaries only): Springfield Daily (stories 0, 1) and
    Atom Times (stories 2, 3)."""
    db = tmp_path / "l.db"
    _cli(db, "feeds", "add", server.base + "/rss")
    _cli(db, "feeds", "add", server.base + "/atom")
    _cli(db, "refresh", "--no-fetch", "--progress", "plain")
    return db


def status(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one(StatusBar).render())


def titles(pilot: Pilot) -> list[str]:
    return [r.title or "" for r in pilot.app.screen.query_one(ArticleTable).articles]


async def test_f_filters_by_feed_with_unread_counts(fed_library: Path, make_app: MakeApp) -> None:
    app = make_app(fed_library)
    async with settled(app) as pilot:
        assert "4 articles  ·  4 unread" in status(pilot)
        await press_settled(pilot, "f")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert [(e.name, e.count, e.detail) for e in picker.entries] == [
            ("Atom Times", 2, "2 articles"),
            ("Springfield Daily", 2, "2 articles"),
        ]
        assert picker.count_label == "unread article"  # "2 unread articles"
        await pilot.press(*"spring", "enter")
        await settle(app, pilot)
        assert sorted(titles(pilot)) == ["Story 0", "Story 1"]
        assert "feed: Springfield Daily" in status(pilot)
        await press_settled(pilot, "escape")
        assert len(titles(pilot)) == 4


async def test_r_refreshes_in_a_child_process_and_shows_the_new_articles(
    tmp_path: Path, server: type[SubscriptionHandler], make_app: MakeApp
) -> None:
    db = tmp_path / "l.db"
    _cli(db, "feeds", "add", server.base + "/rss", "--name", "Daily")
    toasts = Toasts()
    app = make_app(db)
    async with settled(app, message_hook=toasts) as pilot:
        assert "Library is empty" in status(pilot)
        progress = app.screen.query_one(RefreshProgress)
        assert not progress.display
        await pilot.press("R")
        await pilot.pause()
        assert progress.display and app.screen.refreshing
        await settle(app, pilot)  # the child ran: it fetched the feed and the stories' pages
        assert not app.screen.refreshing
        assert progress.lines == ["Daily: 2 new"]
        assert toasts.titled("Feeds refreshed") == ["Daily: 2 new"]
        assert sorted(titles(pilot)) == ["Story 0", "Story 1"]
        assert "2 articles  ·  2 unread" in status(pilot)
        server.entries["/rss"] = [0, 1, 2]
        await pilot.press("R")
        await settle(app, pilot)
        assert progress.lines == ["Daily: 1 new"]
        assert len(titles(pilot)) == 3
    with Library.open(db) as lib:
        assert [r.summary_only for r in lib.articles()] == [None, None, None]  # full texts, fetched


async def test_the_list_shows_a_feeds_articles_while_the_refresh_goes_on(
    tmp_path: Path, server: type[SubscriptionHandler], make_app: MakeApp
) -> None:
    db = tmp_path / "l.db"
    _cli(db, "feeds", "add", server.base + "/atom")
    with feed_server({"/rss": [0, 1]}) as slow:  # another host, so Atom Times is fetched at once
        slow.slow_seconds = 10.0
        with Library.open(db) as lib:
            Feeds(lib).add(slow.base + "/slow", name="Slow Daily")  # stored after Atom Times
        app = make_app(db)
        async with settled(app) as pilot:
            await pilot.press("R")
            for _ in range(100):  # up to 10 s: the child stores Atom Times while Slow Daily answers
                await pilot.pause(0.1)
                if titles(pilot):
                    break
            assert app.screen.refreshing, "the refresh ended before the list showed anything"
            assert sorted(titles(pilot)) == ["Story 2", "Story 3"]
            await settle(app, pilot)
            assert sorted(titles(pilot)) == ["Story 0", "Story 1", "Story 2", "Story 3"]


async def test_r_without_feeds_says_how_to_subscribe(seed_library: Path, make_app: MakeApp) -> None:
    toasts = Toasts()
    app = make_app(seed_library)
    async with settled(app, message_hook=toasts) as pilot:
        await press_settled(pilot, "R")
        assert toasts.messages() == ["No feeds yet: subscribe with `newsread feeds add URL`."]
        assert not app.screen.query_one(RefreshProgress).display


async def test_d_deletes_after_asking_and_keeps_notes_unless_told(fed_library: Path, make_app: MakeApp) -> None:
    with Library.open(fed_library) as lib:
        first = lib.articles()[0]
        Notes(lib).add(first.id, 0, 10, body="keep me")
    toasts = Toasts()
    app = make_app(fed_library)
    async with settled(app, message_hook=toasts) as pilot:
        table = app.screen.query_one(ArticleTable)
        assert table.current_id == first.id
        await press_settled(pilot, "d")
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "It has 1 note: kept in All notes (as orphans) unless you delete them too." in dialog.question
        await press_settled(pilot, "n")  # no: nothing happens
        assert isinstance(app.screen, LibraryScreen) and len(titles(pilot)) == 4
        await press_settled(pilot, "d")
        await press_settled(pilot, "y")
        assert len(titles(pilot)) == 3 and first.id not in [r.id for r in table.articles]
        assert table.current_id is not None
        second = table.current_id
        await press_settled(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen) and "note" not in app.screen.question
        await press_settled(pilot, "y")
        assert second not in [r.id for r in table.articles]
        # All notes lists the note of the deleted article, and says why it opens no article.
        await press_settled(pilot, "n")
        notes_list = app.screen.query_one(LibraryNotesList)
        assert [(n.body, n.article_id) for n in notes_list.notes.values()] == [("keep me", None)]
        await press_settled(pilot, "enter")
        assert toasts.messages()[-1] == DELETED_ARTICLE
        assert isinstance(app.screen, NotesViewScreen)
    with Library.open(fed_library) as lib:
        (note,) = Notes(lib).all_notes()
        assert note.article_id is None and note.body == "keep me" and note.article_title == first.title
        assert Feeds(lib).find("Springfield Daily").articles + Feeds(lib).find("Atom Times").articles == 2


async def test_m_and_shift_m_mark_read_and_unread(fed_library: Path, make_app: MakeApp) -> None:
    app = make_app(fed_library)
    async with settled(app) as pilot:
        table = app.screen.query_one(ArticleTable)
        await press_settled(pilot, "m")
        assert table.articles[0].read and "3 unread" in status(pilot)
        await press_settled(pilot, "m")
        assert not table.articles[0].read and "4 unread" in status(pilot)
        await press_settled(pilot, "enter")  # opened in the reader, so read
        assert not isinstance(app.screen, LibraryScreen)
        await press_settled(pilot, "q")
        assert isinstance(app.screen, LibraryScreen) and "3 unread" in status(pilot)
        await press_settled(pilot, "m")
        await press_settled(pilot, "f")
        await pilot.press(*"atom", "enter")
        await settle(app, pilot)
        await press_settled(pilot, "M")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Mark 2 unread articles of the feed “Atom Times” read?"
        await press_settled(pilot, "y")
        assert all(r.read for r in table.articles) and "2 unread" in status(pilot)
        await press_settled(pilot, "escape", "M", "y")
        assert all(r.read for r in table.articles) and "0 unread" in status(pilot)
        await press_settled(pilot, "M")
        assert isinstance(app.screen, LibraryScreen)  # nothing left to ask about


async def test_y_copies_and_o_opens_the_articles_url(
    fed_library: Path, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER", f"{browser} %s")  # webbrowser runs the user's $BROWSER
    import webbrowser

    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER again, as a fresh process does
    app = make_app(fed_library)
    async with settled(app) as pilot:
        url = app.screen.query_one(ArticleTable).articles[0].url
        assert url and url.startswith("http://127.0.0.1")
        await press_settled(pilot, "y")
        assert app.clipboard == url
        await press_settled(pilot, "O")
        assert opened.read_text() == url


async def test_the_sort_and_filters_are_remembered_between_launches(
    fed_library: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    state = tmp_path / "state" / "library-view.json"
    app = make_app(fed_library, state_path=state)
    async with settled(app) as pilot:
        await press_settled(pilot, "S", "minus", "u")
        await press_settled(pilot, "f")
        await pilot.press(*"atom", "enter")
        await settle(app, pilot)
        shown = status(pilot)
        assert "feed: Atom Times" in shown and "unread only" in shown and "sorted by title ↓" in shown
    again = make_app(fed_library, state_path=state)
    async with settled(again) as pilot:
        assert status(pilot) == shown
        assert titles(pilot) == ["Story 3", "Story 2"]
    with Library.open(fed_library) as lib:
        Feeds(lib).remove(Feeds(lib).find("Atom Times").id, keep_articles=True)
    third = make_app(fed_library, state_path=state)
    async with settled(third) as pilot:
        assert "feed:" not in status(pilot) and "unread only" in status(pilot)


async def test_help_lists_the_new_keys(seed_library: Path, make_app: MakeApp) -> None:
    app = make_app(seed_library)
    async with settled(app) as pilot:
        keys = {e.binding_id: e.key for e in help_entries(app.screen)}
        assert {k: keys[k] for k in ("library.refresh_feeds", "library.feed", "library.reverse")} == {
            "library.refresh_feeds": "R",
            "library.feed": "f",
            "library.reverse": "-",
        }
        assert {"library.delete", "library.toggle_read", "library.mark_all_read", "library.browser"} <= set(keys)
        assert "library.copy_url" in keys
        await press_settled(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {e.binding_id: e.description for e in app.screen.entries}
        assert shown["library.refresh_feeds"] == "Fetch every subscribed feed's new articles (newsread refresh)"
        assert shown["library.delete"].startswith("Delete the article (asks first")
