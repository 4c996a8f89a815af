"""The app's ``+`` dialog adds feeds as ``newsread add`` does (issue 10 item 8): pages that cannot be
fetched keep the feed's summary and the dialog says so; "Feed summaries only" is ``--no-fetch``.
Pilot with the real child process, a real library file and a real local HTTP server. An in-memory
library cannot be added to: the child is never started, and the app says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.add_source import AddSourceScreen
from newsread.tui.widgets.import_progress import add_command
from newsread.tui.widgets.status_bar import StatusBar
from support.app import Toasts, settle
from support.feeds import SUMMARIES, FeedHandler
from support.server import serve
from textual.widgets import Checkbox

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


@pytest.fixture
def server() -> Iterator[str]:
    with serve(FeedHandler) as base:
        yield base
    FeedHandler.broken = set()


async def _add_through_the_dialog(app: NewsreadApp, pilot, url: str, *, no_fetch: bool = False) -> AddSourceScreen:
    await pilot.press("plus")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, AddSourceScreen)
    if no_fetch:
        checkbox = dialog.query_one("#add-no-fetch", Checkbox)
        assert "Feed summaries only" in str(checkbox.label)
        checkbox.value = True
    await pilot.press(*url, "enter")
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    return dialog


async def test_failing_pages_keep_summaries_and_the_dialog_says_so(tmp_path: Path, server: str) -> None:
    FeedHandler.broken = {"/story/1", "/story/2"}
    db = tmp_path / "l.db"
    lib = Library.open(db)
    try:
        app = NewsreadApp(lib, first_run_import=False)
        toasts = Toasts()
        async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
            dialog = await _add_through_the_dialog(app, pilot, f"{server}/feed")
            assert isinstance(app.screen, LibraryScreen)  # nothing failed: the dialog closed
            assert dialog.summary is not None and dialog.summary.added == 3 and not dialog.summary.errors
            assert dialog.notes == [
                "kept the feed's summary for 2 feed items: the page could not be fetched "
                "(HTTP 500 Internal Server Error); add the feed again later to fetch the full text"
            ]
            assert any(m.startswith("kept the feed's summary for 2 feed items") for m in toasts.messages())
        texts = {row.title: lib.analysis(row.id).text for row in lib.articles(limit=10)}
        assert texts["Story 1"] == SUMMARIES[1] and texts["Story 2"] == SUMMARIES[2]
    finally:
        lib.close()


async def test_feed_summaries_only_is_no_fetch(tmp_path: Path, server: str) -> None:
    lib = Library.open(tmp_path / "l.db")
    try:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await _add_through_the_dialog(app, pilot, f"{server}/feed", no_fetch=True)
            assert isinstance(app.screen, LibraryScreen)
            assert dialog.summary is not None and dialog.summary.added == 3
            assert dialog.notes == []  # summaries by choice: nothing to warn about
        assert sorted(lib.analysis(r.id).text for r in lib.articles(limit=10)) == sorted(SUMMARIES.values())
    finally:
        lib.close()


# -- an in-memory library (--db :memory:) cannot be shared with the child that adds -----------------

IN_MEMORY_REFUSAL = "Adding articles is not available with an in-memory library"


@pytest.mark.parametrize("db", [None, ":memory:", Path(":memory:")])
def test_the_add_command_needs_a_library_file(db: Path | str | None) -> None:
    """An in-memory library (``Library.path`` None, or ``:memory:`` by name) is refused in words,
    not handed to the child as "--db None"."""
    with pytest.raises(ValueError, match="adding articles needs a library file"):
        add_command(db, ["story.txt"])  # type: ignore[arg-type]


def test_the_add_command_names_the_library_file(tmp_path: Path) -> None:
    argv = add_command(tmp_path / "l.db", ["story.txt"], model="en_core_web_sm")
    assert argv[1:] == [
        "-m",
        "newsread.core.cli",
        "--db",
        str(tmp_path / "l.db"),
        "--model",
        "en_core_web_sm",
        "add",
        "--progress",
        "jsonl",
        "story.txt",
    ]


async def test_plus_on_an_in_memory_library_says_adding_is_not_available(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsread.tui.app import seed_sources

    monkeypatch.chdir(tmp_path)  # where a child given "--db None" would make a library file "None"
    lib = Library.open(":memory:")
    try:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await _add_through_the_dialog(app, pilot, seed_sources()[0])
            assert not (tmp_path / "None").exists(), "a child was given --db None"
            assert isinstance(app.screen, AddSourceScreen)
            hint = str(dialog.query_one("#add-hint").render())
            assert hint.startswith(IN_MEMORY_REFUSAL), hint
            assert dialog.summary is None  # no child was started
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
        assert lib.count() == 0
        assert list(tmp_path.iterdir()) == []
    finally:
        lib.close()


async def test_first_run_on_an_in_memory_library_imports_nothing_and_says_adding_needs_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No first-run import on an in-memory library (its child could not reach it): the library is
    on top at once, and its empty state says what adding needs instead of offering +."""
    monkeypatch.chdir(tmp_path)
    lib = Library.open(":memory:")
    try:
        app = NewsreadApp(lib)  # the first-run import on, as `newsread --db :memory:` starts
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen) and not screen.importing
            status = str(screen.query_one(StatusBar).render())
            assert "Library is empty — adding articles needs a library file (--db PATH)" in status, status
            assert "press +" not in status
        assert list(tmp_path.iterdir()) == []
    finally:
        lib.close()


async def test_an_empty_library_file_offers_plus(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "l.db")
    try:
        app = NewsreadApp(lib, first_run_import=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert "Library is empty — press + to add an article" in str(app.screen.query_one(StatusBar).render())
    finally:
        lib.close()
