"""The reader's header in a small terminal: a long headline never crowds out the article."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from newsread.tui.widgets.article_view import ArticleView
from support.look import reader_open
from support.reader import hand_analysis, make_library, screen_text

pytestmark = pytest.mark.anyio
LONG_TITLE = (
    "Blinken struggles to heal US-Israel rift after Hamas leader’s death as negotiators in Doha and Cairo "
    "weigh a ceasefire, hostages, aid trucks and the day after the war"
)


@pytest.mark.parametrize(("size", "header_rows"), [((50, 14), 4), ((120, 36), 4)])
async def test_a_long_headline_takes_a_third_of_the_screen_at_most(
    tmp_path: Path, size: tuple[int, int], header_rows: int
) -> None:
    analysis = hand_analysis()
    first_line = analysis.text.split("\n", 1)[0]
    text = LONG_TITLE + analysis.text[len(first_line) :]
    shift = len(LONG_TITLE) - len(first_line)
    analysis = dataclasses.replace(
        analysis,
        text=text,
        title=LONG_TITLE,
        entities=[dataclasses.replace(e, start=e.start + shift, end=e.end + shift) for e in analysis.entities],
        quotes=[dataclasses.replace(q, start=q.start + shift, end=q.end + shift) for q in analysis.quotes],
        figures=[dataclasses.replace(f, start=f.start + shift, end=f.end + shift) for f in analysis.figures],
    )
    library, article_id = make_library(tmp_path / "library.db", analysis)
    async with reader_open(library, article_id, size=size) as pilot:
        app = pilot.app
        header = app.screen.query_one("#reader-header")
        assert header.outer_size.height <= header_rows  # was 10 of 14 rows at 50×14
        assert header.outer_size.height <= size[1] * 0.3
        view = app.screen.query_one(ArticleView)
        assert view.size.height >= size[1] - header_rows - 2 - 1  # less the status line, the keys, padding
        shown = screen_text(app)
        assert "Blinken struggles" in shown
        if size[0] >= 120:  # room enough: the whole headline, its metadata and the legend
            assert "the day after the war" in shown and "thehill.com" in shown and "organisation" in shown
    library.close()
