"""Dates without a year resolved by the publication date and the tense of their clause."""

from __future__ import annotations

import pytest
from newsread.core.analysis import analyze
from newsread.core.analysis.dates import ahead, anchored, clause_tense, resolve_date

TUESDAY = "2024-10-22"
THURSDAY = "2024-10-24"


def dates(text: str, published: str) -> list[tuple[str, str]]:
    """(span, ISO date) of every date figure of ``text`` analysed by the real model."""
    return [(f.text, f.date) for f in analyze(text, published=published).figures if f.kind == "date"]


# ----------------------------------------------------------------------------- weekdays
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the publication's own weekday is the publication day, whatever the tense
        ("The city council voted on Tuesday to close two libraries.", TUESDAY, "2024-10-22"),
        ("The city council will vote on Tuesday on the library closures.", TUESDAY, "2024-10-22"),
        # ... unless the text says "last" (a week before) or "next" (a week after)
        ("The city council voted last Tuesday to close two libraries.", TUESDAY, "2024-10-15"),
        ("The city council will vote next Tuesday on the library closures.", TUESDAY, "2024-10-29"),
        # another weekday: before in a past clause, after in a future one
        ("Police arrested the suspect on Tuesday after a two-week search.", THURSDAY, "2024-10-22"),
        ("The suspect will appear in court on Tuesday, prosecutors said.", THURSDAY, "2024-10-29"),
        ("The board is expected to approve the merger on Monday.", THURSDAY, "2024-10-28"),
        ("Lawmakers are going to debate the bill on Monday.", THURSDAY, "2024-10-28"),
        # present tense: the nearest one (Saturday is two days ahead, Monday three days back)
        ("The team plays Saturday against the league leaders.", THURSDAY, "2024-10-26"),
        # no verb to tell: the one before, as news mostly reports the days before it ran
        ("Investigators will examine Tuesday's attack on the power station.", THURSDAY, "2024-10-22"),
    ],
)
def test_weekday(text: str, published: str, expected: str) -> None:
    got = [d for s, d in dates(text, published) if s.endswith("day")]
    assert got == [expected]


def test_last_weekday_keeps_its_span() -> None:
    assert dates("The minister resigned last Friday after the vote.", THURSDAY) == [("Friday", "2024-10-18")]


# ----------------------------------------------------------------------------- months
# A month alone resolves to the month ("2025-01"): the text names no day, so none is made up.
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the case: a coming session is the next January, not the one before
        ("Lawmakers will begin the new session in early January.", "2024-11-20", [("January", "2025-01")]),
        ("The committee is expected to publish its report in January.", "2024-11-20", [("January", "2025-01")]),
        (
            "Construction began in January and ended in March.",
            "2024-11-20",
            [("January", "2024-01"), ("March", "2024-03")],
        ),
        # a past clause in the publication's own month is that month
        ("Sales fell sharply in November, the retailer said.", "2024-11-20", [("November", "2024-11")]),
        # "would" tells nothing (reported speech): the nearest March, five months ahead
        ("He said the works would begin in March.", THURSDAY, [("March", "2025-03")]),
        ("The company will report results on Dec. 12.", "2024-03-10", [("Dec. 12", "2024-12-12")]),
        ("The company reported a loss on Dec. 12.", "2024-03-10", [("Dec. 12", "2023-12-12")]),
    ],
)
def test_month(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "tense", "expected"),
    [
        # present tense or no clue: the nearest month, a tie of six months going to the past
        ("February", "2024-07-20", None, "2024-02"),
        ("December", "2024-07-20", None, "2024-12"),
        ("January", "2024-07-20", None, "2024-01"),
        ("January", "2024-07-20", "present", "2024-01"),
        ("last October", THURSDAY, None, "2023-10"),
        ("next October", THURSDAY, None, "2025-10"),
        ("this January", THURSDAY, "future", "2024-01"),
        # a weekday with the day picks the year where they agree, even against the tense
        ("Thursday, Dec. 28", "2024-01-10", "future", "2023-12-28"),
        ("Feb. 30", THURSDAY, None, None),
        ("decades", THURSDAY, None, None),
        ("Tuesday", None, None, None),
        ("Oct. 13, 2023", None, None, "2023-10-13"),
    ],
)
def test_resolve_date(text: str, published: str | None, tense, expected: str | None) -> None:
    assert resolve_date(text, published, tense) == expected


# ----------------------------------------------------------------------------- clause tense
@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The talks collapsed in January.", "January", "past"),
        ("The plant has been closed since January.", "January", "past"),
        ("Negotiators will meet again in January.", "January", "future"),
        ("The vote, scheduled for January, could still be delayed.", "January", "future"),
        ("The union could strike in January.", "January", "future"),
        ("Officials will study Tuesday's vote.", "Tuesday", None),  # a possessive takes no tense
        ("The trial begins Monday.", "Monday", "present"),
        ("He said the trial would begin Monday.", "Monday", None),
    ],
)
def test_clause_tense(text: str, word: str, expected: str | None) -> None:
    from newsread.core import nlp

    doc = nlp.load(None)(text)
    tok = next(t for t in doc if t.text == word)
    assert clause_tense(tok) == expected


# ----------------------------------------------------------------------------- calendar edges
@pytest.mark.parametrize(
    ("text", "published"),
    [("Monday", "9999-12-31"), ("next Monday", "9999-12-31"), ("last Monday", "0001-01-01")],
)
def test_a_day_beyond_the_calendar_is_left_unresolved(text: str, published: str) -> None:
    assert resolve_date(text, published) is None


def test_an_article_dated_at_the_calendar_end_is_analysed() -> None:
    # the analysis used to raise OverflowError resolving "Monday" against the last day of 9999
    text = "The vote will be held on Monday, officials said."
    assert analyze(text, published="9999-12-31").text == text


@pytest.mark.parametrize(
    ("resolved", "anchor", "published", "expected"),
    [
        ("2011-12-27", "2010-12-16", "2012-04-20", "2010-12-27"),  # the story's December, not the last one
        ("2012-03-02", "2010-12-16", "2012-04-20", "2012-03-02"),  # more than four months after the anchor
        ("2012-04-02", "2012-01-05", "2012-04-20", "2012-04-02"),  # an anchor of the publication's year
        ("2011-12-27", None, "2012-04-20", "2011-12-27"),
        ("2012-03", "2010-12-16", "2012-04-20", "2012-03"),  # a month alone is left as it is
    ],
)
def test_a_day_after_a_full_date_of_an_earlier_year_is_in_that_year(
    resolved: str, anchor: str | None, published: str, expected: str
) -> None:
    assert anchored(resolved, anchor, published) == expected


def test_a_story_set_in_an_earlier_year_keeps_its_days_there() -> None:
    text = (
        "The court heard Hartley forgot to secure the boiler with screws on December 16, 2010.\n\n"
        "She returned to the property on December 27 and made plans to meet a friend the next day.\n\n"
        "On December 29, her boyfriend travelled from London to meet Zoe."
    )
    dates = {f.text: f.date for f in analyze(text, published="2012-04-20").figures if f.kind == "date"}
    assert dates == {"December 16, 2010": "2010-12-16", "December 27": "2010-12-27", "December 29": "2010-12-29"}


@pytest.mark.parametrize(
    ("resolved", "year", "published", "expected"),
    [
        ("2019-06-09", 2020, "2019-11-19", "2020-06-09"),  # "a 2020 tour … kicks off June 9th"
        ("2019-11-18", 2020, "2019-11-19", "2019-11-18"),  # yesterday's concert stays yesterday's
        ("2019-06-09", 2019, "2019-11-19", "2019-06-09"),  # no later year named
        ("2019-06-09", None, "2019-11-19", "2019-06-09"),
    ],
)
def test_a_day_long_past_moves_into_a_later_year_the_story_names(
    resolved: str, year: int | None, published: str, expected: str
) -> None:
    assert ahead(resolved, year, published) == expected


def test_a_tour_s_dates_are_in_the_year_it_names_and_follow_one_another() -> None:
    text = (
        "The Doobie Brothers will unite with Michael McDonald for a 2020 North American tour.\n\n"
        "The band will tour during the trek, which kicks off June 9th in West Palm Beach, Florida, and "
        "concludes October 10th in Houston, Texas. They announced it at their November 18th concert.\n\n"
        "The Doobie Brothers Tour Dates\n\n"
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre\n"
        "September 18 – Los Angeles, CA @ The Forum\n"
        "October 10 – Houston, TX @ The Cynthia Woods Mitchell Pavilion"
    )
    dates = [(f.text, f.date) for f in analyze(text, published="2019-11-19").figures if f.kind == "date"]
    assert dates == [
        ("June 9th", "2020-06-09"), ("October 10th", "2020-10-10"), ("November 18th", "2019-11-18"),
        ("June 9", "2020-06-09"), ("September 18", "2020-09-18"), ("October 10", "2020-10-10"),
    ]  # fmt: skip


def test_today_opening_a_sentence_about_how_things_are_is_no_day() -> None:
    text = "On November 16, a third case was reported. Today, plague infections are rare, but they do happen."
    dates = [f.text for f in analyze(text, published="2019-11-19").figures if f.kind == "date"]
    assert dates == ["November 16"]


def test_a_month_that_dates_a_high_is_past() -> None:
    text = (
        "Although fleet sales were up from 13.2 percent in September, it’s still down from the March high of "
        "21.8 percent and the prior 12-month average of 15.2 percent."
    )
    dates = {f.text: f.date for f in analyze(text, published="2019-11-15").figures if f.kind == "date"}
    assert dates == {"September": "2019-09", "March": "2019-03"}


def test_a_gerund_takes_the_tense_of_the_verb_it_hangs_on() -> None:
    text = "A New York man pleaded guilty Monday to threatening to kill U.S. Rep. Ilhan Omar, D-Minn., in March."
    dates = {f.text: f.date for f in analyze(text, published="2019-11-18").figures if f.kind == "date"}
    assert dates == {"Monday": "2019-11-18", "March": "2019-03"}
