"""The figures scorer of the gold set (tests/data/analysis/score_figures_full.py) on made-up cases."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "score_figures_full", Path(__file__).parent / "data" / "analysis" / "score_figures_full.py"
)
assert _spec is not None and _spec.loader is not None
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)

TEXT = "A 21-year-old nurse paid $500 for 35 trucks a day. Call 555-0100."
GOLD = {
    "figures_full": [
        {"text": "21-year-old", "value": 21, "unit": "year", "object": "nurse", "kind": "age"},
        {"text": "$500", "value": 500, "unit": "USD", "object": None, "kind": "money"},
        {"text": "35 trucks a day", "value": 35, "object": "trucks", "per": "day", "kind": "rate"},
    ],
    "not_figures": [{"text": "555-0100", "why": "phone number"}],
}


def figure(text: str, value: float, kind: str, obj: str | None = None, unit: str | None = None) -> dict:
    start = TEXT.index(text)
    return {
        "start": start,
        "end": start + len(text),
        "text": text,
        "value": value,
        "kind": kind,
        "object": obj,
        "unit": unit,
    }


def test_right_figures_count_and_a_wrong_kind_or_a_non_figure_is_wrong() -> None:
    analysis = {
        "text": TEXT,
        "figures": [
            figure("21-year-old", 21, "duration", "nurse", "year"),  # an age read as a duration: wrong
            figure("$500", 500, "money", None, "USD"),
            figure("35", 35, "rate", "trucks"),
            figure("555", 555, "count"),  # part of a phone number: wrong
        ],
    }
    assert scorer.score(GOLD, analysis) == {"gold": 3, "found": 3, "predicted_right": 2, "predicted_wrong": 2}


def test_a_missing_object_is_a_miss() -> None:
    analysis = {"text": TEXT, "figures": [figure("35", 35, "rate", None)]}
    assert scorer.score(GOLD, analysis) == {"gold": 3, "found": 0, "predicted_right": 0, "predicted_wrong": 1}


_sets_spec = importlib.util.spec_from_file_location(
    "figure_sets", Path(__file__).parent / "data" / "analysis" / "figure_sets.py"
)
assert _sets_spec is not None and _sets_spec.loader is not None
figure_sets = importlib.util.module_from_spec(_sets_spec)
_sets_spec.loader.exec_module(figure_sets)


def test_the_figures_of_the_gold_sets_stay_where_the_rules_brought_them() -> None:
    """The figure gold the rules were tuned on (README.md: the first ten, then the second to ninth
    sets, each scored blind once before its rules), with the real model: floors just under the
    scores of issue 14's rules. The held-out sets are not scored here: they only measure."""
    first = figure_sets.score_set(figure_sets.SETS["first"])
    tuned = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
    later = figure_sets.score_set([n for s in tuned for n in figure_sets.SETS[s]])
    for counts, floor in ((first, 0.94), (later, 0.97)):
        predicted = counts["predicted_right"] + counts["predicted_wrong"]
        assert counts["found"] / counts["gold"] >= floor, counts
        assert counts["predicted_right"] / predicted >= floor, counts
