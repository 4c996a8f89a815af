"""SVG snapshots of the library and help screens, in a dark and a light theme, on a stable library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from newsread.core.settings import Settings
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from support.app import multiply_library, stabilise
from textual.pilot import Pilot
from textual.widgets import Input

SIZE = (120, 32)
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def stable_library(seed_library: Path) -> Path:
    """The seed and two copies with fixed dates: one read, one bookmarked with a note count."""
    multiply_library(seed_library, 2)
    stabilise(seed_library)
    conn = sqlite3.connect(seed_library)
    with conn:
        conn.execute("UPDATE articles SET read_at = '2024-10-26T09:00:00Z' WHERE id = 2")
        conn.execute("UPDATE articles SET bookmarked = 1, note_count = 2, site = 'example.org' WHERE id = 3")
    conn.close()
    return seed_library


@pytest.fixture
def app_factory(stable_library: Path):
    libraries: list[Library] = []

    def make(theme: str) -> NewsreadApp:
        lib = Library.open(stable_library)
        libraries.append(lib)
        return NewsreadApp(lib, settings=Settings(theme=theme), first_run_import=False)

    yield make
    for lib in libraries:
        lib.close()


async def _steady(pilot: Pilot) -> None:
    """No blinking cursors, no pending workers."""
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class TestLibrarySnapshots:
    @pytest.mark.parametrize("theme", THEMES)
    def test_library(self, snap_compare, app_factory, theme: str) -> None:
        assert snap_compare(app_factory(theme), terminal_size=SIZE, run_before=_steady)

    def test_library_filtered_by_speaker(self, snap_compare, app_factory) -> None:
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("s", *"efron", "enter", "down")
            await _steady(pilot)

        assert snap_compare(app_factory("textual-dark"), terminal_size=SIZE, run_before=run_before)

    def test_speaker_picker(self, snap_compare, app_factory) -> None:
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("s", "c")
            await _steady(pilot)

        assert snap_compare(app_factory("textual-dark"), terminal_size=SIZE, run_before=run_before)


class TestHelpSnapshots:
    @pytest.mark.parametrize("theme", THEMES)
    def test_help(self, snap_compare, app_factory, theme: str) -> None:
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("question_mark")
            await _steady(pilot)

        assert snap_compare(app_factory(theme), terminal_size=(120, 44), run_before=run_before)
