"""The rule of one quote across sources (``core.quote_echoes``): plain Python, milliseconds."""

from __future__ import annotations

import pytest
from newsread.core.analysis.quotemarks import ALL_MARKS
from newsread.core.quote_echoes import (
    MIN_WORDS,
    SKETCH_SIZE,
    is_matched,
    normalise,
    same_quote,
    shingle_keys,
    sketch,
)

WHOLE = "“We will not allow this to happen again, not in this country, not ever,” she said"


def test_every_quote_mark_the_analysis_knows_is_dropped() -> None:
    for mark in [*ALL_MARKS, "``", "''"]:
        assert normalise(f"{mark}We stay here{mark}") == "we stay here", mark


def test_normalise_folds_case_punctuation_and_apostrophes() -> None:
    curly = normalise("“We’re NOT—leaving… ever!”")
    assert curly == normalise('"we\'re not leaving, ever"') == "we re not leaving ever"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # trimmed at the start and at the end, other marks, other case
        (WHOLE, "'will NOT allow this to happen again, not in this country'", True),
        ("«We will not allow this to happen again»", "“We will not allow this to happen again, not ever”", True),
        # one word changed in a long quote
        (WHOLE, "“We will not allow this to happen again, not in this nation, not ever”", True),
        # other words
        (WHOLE, "“We will look at every option and decide with our partners next week”", False),
        # the same words (a copy), and a copy too short to say where it came from
        (WHOLE, WHOLE, True),
        # too short to say where it came from, however alike
        ("“very moved”", "“very moved”", False),
        ("“we will fight on”", "“We will fight on!”", False),
    ],
)
def test_same_quote(a: str, b: str, same: bool) -> None:
    assert same_quote(normalise(a), normalise(b)) is same
    assert same_quote(normalise(b), normalise(a)) is same


def test_only_quotations_of_enough_words_are_matched() -> None:
    eight = normalise("one two three four five six seven eight")
    assert MIN_WORDS == 8 and is_matched("direct", eight) and is_matched("partial", eight)
    assert not is_matched("direct", normalise("one two three four five six seven"))
    assert not is_matched("indirect", eight)  # reported speech is the writer's words


def test_a_trimmed_quote_shares_the_sketch_of_the_whole() -> None:
    whole = shingle_keys(normalise(WHOLE))
    trimmed = set(shingle_keys(normalise("will not allow this to happen again, not in this country")))
    assert whole == sorted(set(whole)) and len(sketch(whole)) == SKETCH_SIZE
    assert trimmed & set(sketch(whole))  # the whole one, stored, is a candidate for the trimmed one
    assert set(sketch(sorted(trimmed))) <= set(whole)  # and the other way round
    assert shingle_keys(normalise(WHOLE)) == whole  # the same keys in every process (no hash seed)
