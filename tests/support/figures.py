"""A hand-made analysis whose figures carry qualifiers and ranges (issue 14's ``Figure.qualifier``,
``low`` and ``high``), for the store, ingest and CLI tests: the shape ``core.analysis`` is to give
them, made without spaCy."""

from __future__ import annotations

from typing import Any

from newsread.core.model import Analysis, Figure

TEXT = (
    "Port strike spreads\n\n"
    "More than 100 protesters gathered on Monday as between 200 and 300 trucks waited at the gates. "
    "Nearly two dozen workers lost $2.1 million in wages, and about half of the county's schools closed."
)


def span(needle: str) -> tuple[int, int]:
    """Where ``needle`` is in ``TEXT``."""
    start = TEXT.index(needle)
    return start, start + len(needle)


def figure(needle: str, value: float | None, **fields: Any) -> Figure:
    """The figure on the words ``needle`` of ``TEXT``."""
    start, end = span(needle)
    return Figure(start, end, needle, value, **fields)


def figures_analysis() -> Analysis:
    """``TEXT`` analysed: a bound ("more than"), a range (low 200, high 300), an approximation of a
    number word ("nearly two dozen": 24), money, a fraction and a date, each of its kind."""
    return Analysis(
        text=TEXT,
        title="Port strike spreads",
        published="2024-05-01",
        figures=[
            figure("More than 100 protesters", 100.0, object="protesters", qualifier="more than", low=100.0),
            figure("Monday", None, kind="date", date="2024-04-29"),
            figure("between 200 and 300 trucks", 200.0, object="trucks", low=200.0, high=300.0),
            figure("Nearly two dozen workers", 24.0, object="workers", qualifier="nearly"),
            figure("$2.1 million in wages", 2_100_000.0, unit="USD", object="wages", kind="money"),
            figure("about half of the county's schools", 0.5, object="schools", kind="fraction", qualifier="about"),
        ],
        model="test",
    )
