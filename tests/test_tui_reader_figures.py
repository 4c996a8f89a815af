"""The Figures tab groups figures by kind and says their qualifiers and ranges (issue 14).

The groups and their order are the reader model's (``tests/test_reader_model.py``); here is how a
figure's line reads (``figure_prompt``, in milliseconds) and what the tab draws under Pilot on a
hand-made analysis with figures of many kinds (``support.reader.figures_analysis``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from newsread.core.model import Figure
from newsread.tui.widgets.side_pane import ItemList, SidePane, figure_prompt
from support.reader import figures_analysis, make_library, reader_pilot, screen_text


def head(words: str, value: float | None, kind: str, **more: Any) -> str:
    """The first line of the figure's entry (its sentence is the second)."""
    figure = Figure(0, len(words), words, value, kind=kind, **more)
    line, sentence = figure_prompt(figure, "The sentence.").plain.split("\n")
    assert sentence == "The sentence."
    return line


@pytest.mark.parametrize(
    ("figure", "shown"),
    [
        (
            ("More than 100", 100, "count", {"object": "protesters", "qualifier": "more than"}),
            "more than 100 protesters",
        ),
        (("nearly two dozen", 24, "count", {"object": "workers", "qualifier": "nearly"}), "nearly 24 workers"),
        (
            ("200 to 300", 200, "count", {"object": "trucks", "per": "day", "low": 200, "high": 300}),
            "200–300 trucks per day",
        ),
        (("$3 billion", 3e9, "money", {"unit": "USD", "object": "reserves"}), "$3 billion reserves"),
        (("$2.1 million", 2.1e6, "money", {"unit": "USD", "object": "the campaign"}), "$2.1 million the campaign"),
        (("$2-3 billion", 2e9, "money", {"unit": "USD", "low": 2e9, "high": 3e9}), "$2–3 billion"),
        (("£500", 500, "money", {"unit": "GBP", "object": "repair"}), "£500 repair"),
        (("$40", 40, "money", {"unit": "$"}), "$40"),  # a mark, as older analyses stored it
        (("300 yuan", 300, "money", {"unit": "CNY"}), "300 CNY"),
        (("1,234,567", 1234567, "count", {"object": "votes"}), "1,234,567 votes"),
        (("up to 90 per cent", 90, "percent", {"unit": "percent", "qualifier": "up to"}), "up to 90%"),
        (("30-60 per cent", 30, "percent", {"unit": "percent", "low": 30, "high": 60}), "30–60%"),
        (
            ("more than half", 0.5, "fraction", {"object": "schools", "qualifier": "more than"}),
            "more than half of schools",
        ),
        (("a third", 0.333, "fraction", {}), "a third"),
        (("21-year-old", 21, "age", {"unit": "year", "object": "nurse"}), "21-year-old nurse"),
        (("six-month-old", 6, "age", {"unit": "month", "object": "baby"}), "6-month-old baby"),
        (("daylong", 1, "duration", {"unit": "day"}), "1 day"),
        (("one-to-seven days", 1, "duration", {"unit": "day", "low": 1, "high": 7}), "1–7 days"),
        (("nearly two years", 2, "duration", {"unit": "year", "qualifier": "nearly"}), "nearly 2 years"),
        (("15mm", 15, "measure", {"unit": "mm"}), "15 mm"),
        (
            ("5,200 pounds", 5200, "rate", {"unit": "lb", "object": "water vapor", "per": "second"}),
            "5,200 lb water vapor per second",
        ),
        (("third", 3, "ordinal", {"object": "term"}), "3rd term"),
        (("11th", 11, "ordinal", {}), "11th"),
        (("2019", 2019, "year", {}), "2019"),
        (("2010 to 2015", 2010, "year", {"low": 2010, "high": 2015}), "2010–2015"),
        (("3-1", 3, "score", {}), "3-1"),
        (("mid-December", None, "date", {"qualifier": "mid", "date": "2019-12"}), "mid-December  · 2019-12"),
        (("December", None, "date", {"qualifier": "early", "date": "2019-12"}), "early December  · 2019-12"),
    ],
)
def test_a_figure_line_says_its_qualifier_range_and_unit(
    figure: tuple[str, float | None, str, dict[str, Any]], shown: str
) -> None:
    words, value, kind, more = figure
    assert head(words, value, kind, **more) == shown


def test_a_figure_line_keeps_article_text_literal_and_on_one_line() -> None:
    figure = Figure(0, 4, "[b]4", 4, "[red]x", "[bold]hostages[/bold]\nand more", qualifier="[i]about", kind="measure")
    line, sentence = figure_prompt(figure, "Four [link=x]hostages[/link]\nwere freed.").plain.split("\n")
    assert line == "[i]about 4 [red]x [bold]hostages[/bold] and more"
    assert sentence == "Four [link=x]hostages[/link] were freed."


@pytest.mark.anyio
async def test_the_figures_tab_groups_by_kind_with_qualifiers_and_a_range(tmp_path: Path) -> None:
    library, article_id = make_library(tmp_path / "library.db", figures_analysis())
    async with reader_pilot(library, article_id, size=(140, 90)) as (app, pilot, screen):
        screen.query_one(SidePane).show_tab("tab-figures")
        await pilot.pause()
        shown = screen_text(app)
        headings = ["Money · 1", "Counts · 3", "Percentages · 1", "Fractions · 1", "Ages · 1", "Ordinals · 1"]
        headings += ["Years · 1", "Dates · 1"]
        assert [shown.index(h) for h in headings] == sorted(shown.index(h) for h in headings)
        lines = [
            "$3 billion reserves",
            "more than 100 protesters",
            "nearly 24 workers",
            "200–300 trucks per day",  # text order within Counts
            "12% turnout",
            "more than half of the county's schools",
            "21-year-old nurse",
            "2nd week",
            "2019",
            "Monday  · 2024-11-25",
        ]
        assert [shown.index(f"▏ {line} ") for line in lines] == sorted(shown.index(f"▏ {line} ") for line in lines)
        assert "The port moves 200 to 300 trucks per day and holds $3" in shown  # the sentence under it
        assert "Durations" not in shown and "Other figures" not in shown  # no empty group
        figures = screen.query_one("#figures-list", ItemList)
        figures.focus()
        await pilot.press("g", "enter")  # the first figure, not the heading over it
        await pilot.pause()
        text = screen.data.analysis.text
        focus = screen.article.get_layer("focus")
        assert [text[s:e] for s, e in zip(focus.starts, focus.ends, strict=True)] == ["$3 billion"]
        await pilot.press("j", "enter")  # past the next heading: the first count
        await pilot.pause()
        focus = screen.article.get_layer("focus")
        assert [text[s:e] for s, e in zip(focus.starts, focus.ends, strict=True)] == ["More than 100 protesters"]
    library.close()


@pytest.mark.anyio
async def test_an_article_without_figures_says_so(tmp_path: Path) -> None:
    analysis = figures_analysis()
    analysis.figures = []
    library, article_id = make_library(tmp_path / "library.db", analysis)
    async with reader_pilot(library, article_id) as (app, pilot, screen):
        screen.query_one(SidePane).show_tab("tab-figures")
        await pilot.pause()
        assert "No figures in this article" in screen_text(app)
    library.close()
