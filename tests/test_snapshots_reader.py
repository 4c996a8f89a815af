"""SVG snapshots of the reader, a speaker-filtered reader and the organisation picker, dark and light.

The data is the hand-made analysis of the seed (``support.reader``), so only a change in
the reader's drawing changes a snapshot. Update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.reader import ReaderTestApp, make_library
from textual.widgets import Input

SIZE = (120, 36)
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def app_for(tmp_path: Path):
    libraries = []

    def make(theme: str) -> ReaderTestApp:
        lib, article_id = make_library(tmp_path / f"{theme}.db")
        libraries.append(lib)
        return ReaderTestApp(lib, article_id, theme=theme)

    yield make
    for lib in libraries:
        lib.close()


async def _still(pilot) -> None:
    """No blinking cursors, everything drawn."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


class TestReaderSnapshots:
    @pytest.mark.parametrize("theme", THEMES)
    def test_reader(self, snap_compare, app_for, theme: str) -> None:
        assert snap_compare(app_for(theme), terminal_size=SIZE, run_before=_still)

    @pytest.mark.parametrize("theme", THEMES)
    def test_reader_filtered_by_speaker(self, snap_compare, app_for, theme: str) -> None:
        async def run_before(pilot) -> None:
            await pilot.press("s")
            await pilot.pause()
            await pilot.press(*"shira", "enter")
            await pilot.pause()
            await _still(pilot)

        assert snap_compare(app_for(theme), terminal_size=SIZE, run_before=run_before)

    @pytest.mark.parametrize("theme", THEMES)
    def test_organisation_picker(self, snap_compare, app_for, theme: str) -> None:
        async def run_before(pilot) -> None:
            await pilot.press("o")
            await pilot.pause()
            await _still(pilot)

        assert snap_compare(app_for(theme), terminal_size=SIZE, run_before=run_before)


@pytest.fixture
def kinds_app(tmp_path: Path):
    from support.reader import kinds_library

    lib, article_id = kinds_library(tmp_path / "kinds.db")
    yield ReaderTestApp(lib, article_id)
    lib.close()


class TestSpeakerKindSnapshots:
    """Quotes credited to an organisation, anonymous sources, a document and nobody
    (``kinds_analysis``): the Quotes tab marks them, People & orgs groups them under headings with
    the anonymous count on top, and the speaker picker lists them by kind."""

    def test_quotes_by_kind(self, snap_compare, kinds_app) -> None:
        assert snap_compare(kinds_app, terminal_size=SIZE, run_before=_still)

    def test_people_by_kind(self, snap_compare, kinds_app) -> None:
        async def run_before(pilot) -> None:
            from newsread.tui.widgets.side_pane import PaneTabs

            pilot.app.screen.query_one(PaneTabs).active = "tab-people"
            await pilot.pause()
            await pilot.press("tab", "tab", "G")  # the last groups: anonymous sources, documents, unattributed
            await _still(pilot)

        assert snap_compare(kinds_app, terminal_size=SIZE, run_before=run_before)

    def test_speaker_picker_by_kind(self, snap_compare, kinds_app) -> None:
        async def run_before(pilot) -> None:
            await pilot.press("s")
            await pilot.pause()
            await _still(pilot)

        assert snap_compare(kinds_app, terminal_size=SIZE, run_before=run_before)


class TestMarkSnapshots:
    """Every mark at once, in a dark and a light theme: a highlighted sentence, search matches (the
    current one solid), the reading cursor's sentence and a keyboard selection in it."""

    @pytest.mark.parametrize("theme", THEMES)
    def test_marks(self, snap_compare, app_for, theme: str) -> None:
        async def run_before(pilot) -> None:
            await pilot.press("right_parenthesis", "h")  # highlight the second sentence
            await pilot.pause()
            await pilot.press("slash", *"hamas", "enter")
            await pilot.pause()
            await pilot.press("right_parenthesis", "right_parenthesis", "v", "w", "w", "w")
            await _still(pilot)

        assert snap_compare(app_for(theme), terminal_size=SIZE, run_before=run_before)


class TestReportedSpeechSnapshots:
    """Reported speech (``reported_analysis``): statements upright on their own band in the article,
    a partial quote's statement around its italic words, labelled "reported · said" in the Quotes tab."""

    def test_reported_speech(self, snap_compare, tmp_path: Path) -> None:
        from support.reader import ReaderTestApp, reported_analysis

        lib, article_id = make_library(tmp_path / "reported.db", reported_analysis())

        async def run_before(pilot) -> None:
            for _ in range(6):  # to the first reported statement
                await pilot.press("]")
            await _still(pilot)

        try:
            assert snap_compare(ReaderTestApp(lib, article_id), terminal_size=SIZE, run_before=run_before)
        finally:
            lib.close()
