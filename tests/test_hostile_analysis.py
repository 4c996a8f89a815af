"""Hostile text given to the analysis (issue 11), with the real model: numbers past the range of a float."""

from __future__ import annotations

import json
import math

import pytest
from newsread.core.analysis import analyze
from newsread.core.analysis.figures import number_value

PUBLISHED = "2024-10-24"


def _assert_sound(analysis, text: str) -> None:
    """The analysis holds ``text`` itself, every item's offsets slice its own text out of it, and its
    JSON is standard (no Infinity or NaN)."""
    assert analysis.text == text
    for item in (*analysis.entities, *analysis.quotes, *analysis.figures):
        assert 0 <= item.start < item.end <= len(text), item
        assert text[item.start : item.end] == item.text, item
    json.dumps(analysis.to_dict(), allow_nan=False)


# -- item 2: numbers past the range of a float -----------------------------------------------------

HUGE_NUMBERS = [
    "The debt reached " + "9" * 400 + " dollars.",
    "The debt reached $" + "9" * 400 + " trillion.",
    "The debt reached " + "9" * 300 + " trillion dollars.",
    "Prices rose " + "9" * 400 + " percent.",
    "He served " + "9" * 400 + "-day sentences.",
    "About 1" + ",999" * 120 + " people came.",
    "It cost " + "9" * 5000 + ".5 dollars.",
]


@pytest.mark.parametrize("text", HUGE_NUMBERS, ids=lambda t: t[:24])
def test_a_number_past_float_range_is_no_figure(text: str) -> None:
    analysis = analyze(text, published=PUBLISHED)
    _assert_sound(analysis, text)
    assert all(f.value is None or math.isfinite(f.value) for f in analysis.figures)
    assert not [f for f in analysis.figures if "999" in f.text]


def test_number_value_past_float_range_is_none() -> None:
    assert number_value("9" * 400) is None
    assert number_value("9" * 300) == float("9" * 300)
    assert number_value("1,250") == 1250.0


def test_large_figures_stay_figures() -> None:
    text = "The debt reached 31 trillion dollars, and 12,000,000,000,000,000 dollars more."
    analysis = analyze(text, published=PUBLISHED)
    values = {f.text: f.value for f in analysis.figures}
    assert values["31 trillion"] == 31e12
    assert values["12,000,000,000,000,000"] == 1.2e16
