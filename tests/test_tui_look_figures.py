"""The Figures tab as the user sees it: a date figure is headed by the date's own words; group
headings look like People & orgs' headings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from newsread.core.model import Figure
from newsread.tui.widgets.side_pane import FiguresList, SidePane
from support.look import reader_open
from support.reader import figures_analysis, hand_analysis, make_library, screen_text

pytestmark = pytest.mark.anyio


async def test_a_date_figure_is_headed_by_its_words_not_a_question_mark(tmp_path: Path) -> None:
    analysis = hand_analysis()
    start = analysis.text.index("Tuesday")
    date = Figure(start, start + len("Tuesday"), "Tuesday", None, None, None, None, "date", "2024-10-22")
    analysis = dataclasses.replace(analysis, figures=[*analysis.figures, date])
    library, article_id = make_library(tmp_path / "library.db", analysis)
    async with reader_open(library, article_id, size=(140, 40)) as pilot:
        app = pilot.app
        app.screen.query_one(SidePane).show_tab("tab-figures")
        await pilot.pause()
        shown = screen_text(app)
    library.close()
    assert "Tuesday  · 2024-10-22" in shown
    assert "? ·" not in shown
    assert "797 aid trucks" in shown  # figures with a value keep their number


async def test_figure_group_headings_look_like_people_and_orgs_headings(tmp_path: Path) -> None:
    """A group's name is bold as People & orgs' headings are (the list declares their component
    class), its count is not; the amount over each sentence is bold; a heading is never highlighted."""
    library, article_id = make_library(tmp_path / "library.db", figures_analysis())
    async with reader_open(library, article_id, size=(140, 40)) as pilot:
        app = pilot.app
        app.screen.query_one(SidePane).show_tab("tab-figures")
        await pilot.pause()
        figures = app.screen.query_one("#figures-list", FiguresList)
        lines = [figures.render_line(y) for y in range(figures.size.height)]
        styles = {seg.text.strip(): seg.style for line in lines for seg in line if seg.text.strip()}
        figures.focus()
        await pilot.press("j")
        assert figures.highlighted == 1  # the first figure, under its heading
    library.close()
    assert styles["Money"] is not None and styles["Money"].bold
    assert styles["· 1"] is None or not styles["· 1"].bold
    assert styles["$3 billion"] is not None and styles["$3 billion"].bold
