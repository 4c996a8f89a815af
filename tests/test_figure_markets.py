"""Figures of market reports: what each level, change and yield is of, on sentences of a Reuters
markets wire and a Fox Business earnings story (tests/data/analysis), with the real spaCy model."""

from __future__ import annotations

from newsread.core.analysis import analyze
from newsread.core.model import Figure

PUB = "2019-11-19"


def figures(text: str) -> dict[str, Figure]:
    return {f.text: f for f in analyze(text, published=PUB).figures}


def test_a_verb_the_parse_left_without_subject_takes_the_name_before_it() -> None:
    found = figures(
        "On Wall Street, the Dow Jones Industrial Average .DJI fell 102.2 points, or 0.36%, to 27,934.02, "
        "the S&P 500 .SPX lost 1.85 points, or 0.06%, to 3,120.18 and the Nasdaq Composite .IXIC added "
        "20.72 points, or 0.24%, to 8,570.66."
    )
    for text, kind in (("1.85 points", "measure"), ("0.06%", "percent"), ("3,120.18", "measure")):
        assert (found[text].kind, found[text].object) == (kind, "S&P 500")
    assert found["102.2 points"].object == "Dow Jones Industrial Average"


def test_a_subject_keeps_the_phrases_that_say_which_and_the_number_of_its_name() -> None:
    found = figures(
        "The pan-European STOXX 600 index lost 0.12% while MSCI’s gauge of stocks across the globe "
        ".MIWD00000PUS gained 0.02% eking out its seventh straight session of gains."
    )
    assert found["0.12%"].object == "STOXX 600 index"
    assert found["0.02%"].object == "gauge of stocks across the globe"


def test_a_change_written_with_higher_or_up_after_a_noun() -> None:
    found = figures(
        "MSCI’s broadest index of Asia-Pacific shares outside Japan .MIAPJ0000PUS closed 0.68% higher, "
        "while Japan’s Nikkei futures NKc1 lost 0.66%."
    )
    assert found["0.68%"].object == "broadest index of Asia-Pacific shares outside Japan"
    found = figures("The dollar index .DXY rose 0.05%, with the euro EUR= up 0.05% to $1.1075.")
    assert (found["$1.1075"].kind, found["$1.1075"].object) == ("money", "euro")


def test_a_yield_is_named_by_its_verb_and_a_level_moved_from_is_of_the_same() -> None:
    found = figures("The 30-year bond US30YT=RR last rose 29/32 in price to yield 2.252%, from 2.293% late on Monday.")
    assert (found["2.252%"].object, found["2.293%"].object) == ("yield", "yield")
    tick = found["29/32"]
    assert (tick.value, tick.unit, tick.object, tick.kind) == (29 / 32, "point", "price", "measure")


def test_an_exchange_rate_is_money_of_the_currency_its_subject_names() -> None:
    found = figures("The Japanese yen strengthened 0.13% versus the greenback at 108.55 per dollar.")
    rate = found["108.55"]
    assert (rate.kind, rate.unit, rate.object, rate.per) == ("money", "JPY", "Japanese yen", "dollar")
    assert found["0.13%"].object == "Japanese yen"


def test_mixed_numbers_and_spans_of_time_with_what_they_are_of() -> None:
    found = figures(
        "Traders cited the uncertainty over whether the United States and China could agree to end a near "
        "1-1/2 year trade war as a reason for stocks to drift."
    )
    war = found["1-1/2 year"]
    assert (war.value, war.unit, war.kind, war.object, war.qualifier) == (1.5, "year", "duration", "trade war", "near")
    found = figures(
        "Hopes of a trade truce earlier in the day drove European stocks to a four-year high and a measure of "
        "world stock markets to their highest in nearly two years, but those gains were pared later in the session."
    )
    assert (found["four-year"].unit, found["four-year"].object) == ("year", "high")
    years = found["two years"]
    assert (years.value, years.unit, years.object, years.qualifier) == (2, "year", "highest", "nearly")


def test_money_restated_per_share_is_what_the_first_figure_is() -> None:
    found = figures("The home-improvement retailer earned $2.8 billion, or $2.53 per diluted share.")
    assert (found["$2.8 billion"].object, found["$2.53"].object) == ("earnings", "earnings")
