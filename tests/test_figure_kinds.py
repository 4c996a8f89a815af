"""Figures of every kind, with qualifiers, ranges and what they count: each rule on sentences
written for it."""

from __future__ import annotations

from newsread.core.analysis import analyze
from newsread.core.model import FIGURE_KINDS, Figure

PUB = "2024-10-24"


def figures(text: str) -> dict[str, Figure]:
    return {f.text: f for f in analyze(text, published=PUB).figures}


def test_an_age_is_an_age_of_the_person_it_describes() -> None:
    f = figures("A 21-year-old nurse was treated at the scene.")["21-year-old"]
    assert (f.value, f.unit, f.object, f.kind) == (21, "year", "nurse", "age")


def test_a_year_is_labelled_a_year() -> None:
    f = figures("The house was built in 1889 and sold later.")["1889"]
    assert (f.value, f.kind, f.object) == (1889, "year", None)


def test_ordinals_rank_the_noun_they_modify() -> None:
    f = figures("Sales rose for the third quarter in a row.")["third"]
    assert (f.value, f.kind, f.object) == (3, "ordinal", "quarter")


def test_qualifiers_are_kept() -> None:
    found = figures("More than 100 protesters gathered, and nearly 40 police officers watched.")
    assert (found["100"].qualifier, found["100"].object) == ("more than", "protesters")
    assert found["40"].qualifier == "nearly"


def test_ranges_keep_low_and_high() -> None:
    found = figures("Each session lasts 10-15 minutes, and between 200 and 300 people attend.")
    session = found["10-15 minutes"]
    assert (session.low, session.high, session.unit, session.kind) == (10, 15, "minute", "duration")
    people = found["200 and 300"]
    assert (people.low, people.high, people.object, people.qualifier) == (200, 300, "people", "between")


def test_a_count_per_unit_of_time_is_a_rate() -> None:
    f = figures("About 35 trucks a day entered the territory.")["35"]
    assert (f.kind, f.object, f.per, f.qualifier) == ("rate", "trucks", "day", "about")


def test_money_pays_for_what_follows_it() -> None:
    f = figures("The city set aside $3 billion in reserves for the storm.")["$3 billion"]
    assert (f.kind, f.unit, f.object) == ("money", "USD", "reserves")


def test_a_level_or_change_belongs_to_the_subject_of_its_verb() -> None:
    found = figures("U.S. crude fell 3.38% to $55.12 per barrel on Monday.")
    assert (found["3.38%"].kind, found["3.38%"].object) == ("percent", "U.S. crude")
    assert (found["$55.12"].kind, found["$55.12"].object) == ("money", "U.S. crude")


def test_measures_carry_their_unit_in_their_words() -> None:
    found = figures("The probe flew some 390 million miles. The geyser sprays 5,200 pounds of water a second.")
    miles = found["390 million miles"]
    assert (miles.kind, miles.unit, miles.value, miles.qualifier) == ("measure", "mile", 390_000_000, "some")
    water = found["5,200 pounds"]
    assert (water.kind, water.unit, water.object) == ("measure", "lb", "water")


def test_a_compound_of_one_unit_is_a_duration() -> None:
    f = figures("Workers held a daylong strike at the port.")["daylong"]
    assert (f.value, f.unit, f.kind, f.object) == (1, "day", "duration", "strike")


def test_a_game_score_is_a_score_and_every_kind_is_known() -> None:
    found = figures("The Chargers lost 24-17 on Monday night and fell to 4-7.")
    assert found["24-17"].kind == "score"
    assert all(f.kind in FIGURE_KINDS for f in found.values())


def test_number_words_dozens_and_shares() -> None:
    found = figures(
        "Nearly two dozen workers were hurt. More than half of the county's schools closed, "
        "a couple of officers watched, and dozens of protesters marched."
    )
    workers = found["two dozen"]
    assert (workers.value, workers.object, workers.qualifier) == (24, "workers", "nearly")
    schools = found["half"]
    assert (schools.value, schools.kind, schools.object, schools.qualifier) == (
        0.5,
        "fraction",
        "the county's schools",
        "more than",
    )
    assert (found["a couple"].value, found["a couple"].object) == (2, "officers")
    assert (found["dozens"].value, found["dozens"].qualifier) == (24, "at least")


def test_fused_units_heights_and_what_money_buys() -> None:
    found = figures(
        "The storm left a 15mm layer of ice and a £500 repair; "
        "the 6-foot-2 guard gave $2.1 million toward the campaign."
    )
    assert (found["15mm"].kind, found["15mm"].unit, found["15mm"].object) == ("measure", "mm", "layer of ice")
    assert (found["£500"].unit, found["£500"].object) == ("GBP", "repair")
    assert (found["6-foot-2"].kind, found["6-foot-2"].value, found["6-foot-2"].object) == ("measure", 6.17, "guard")
    assert found["$2.1 million"].object == "campaign"


def test_numbers_in_index_names_count_nothing() -> None:
    found = figures("The S&P 500 rose 1.85 points and the STOXX 600 index fell 0.12%.")
    assert "500" not in found and "600" not in found
    assert (found["1.85 points"].kind, found["1.85 points"].unit) == ("measure", "point")
    assert found["1.85 points"].object == "S&P 500"  # the index's number is part of its name


def test_the_first_two_are_a_count_and_a_percent_range_is_a_percent() -> None:
    found = figures("The first two infected patients recovered; the chance of dying is 30-60 per cent.")
    assert "first" not in found
    assert (found["30-60 per cent"].kind, found["30-60 per cent"].low, found["30-60 per cent"].high) == (
        "percent",
        30,
        60,
    )


def test_a_month_alone_resolves_to_its_month() -> None:
    f = figures("Work is expected to be completed in September 2020.")["September 2020"]
    assert (f.kind, f.date) == ("date", "2020-09")


def test_money_in_a_quarter_pays_for_nothing_said() -> None:
    f = figures("Home Depot earned $2.8 billion in the third quarter.")["$2.8 billion"]
    assert f.object != "third quarter"


def test_a_level_given_at_the_end_of_a_sentence() -> None:
    f = figures("Revenue rose 3.5 percent to $27.2 billion.")["$27.2 billion"]
    assert (f.kind, f.object) == ("money", "Revenue")


def test_a_restated_change_and_an_up_or_down_level_belong_to_the_subject() -> None:
    found = figures(
        "The Dow Jones Industrial Average fell 102.2 points, or 0.36%, to 27,934.02. "
        "Home Depot shares are up 39 percent this year."
    )
    assert found["0.36%"].object == "Dow Jones Industrial Average"
    assert found["39 percent"].object == "Home Depot shares"


def test_what_a_number_counts_keeps_its_of_phrase() -> None:
    found = figures("At least four members of the security forces died after 15 minutes of fresh air ran out.")
    assert (found["four"].object, found["four"].qualifier) == ("members of the security forces", "at least")
    fresh_air = found["15 minutes"]
    assert (fresh_air.kind, fresh_air.unit, fresh_air.object) == ("duration", "minute", "fresh air")


def test_a_market_report_names_its_index_and_level() -> None:
    found = figures("The Nasdaq Composite .IXIC added 20.72 points, or 0.24%, to 8,570.66.")
    assert found["20.72 points"].object == "Nasdaq Composite"  # the ticker code is not the name
    level = found["8,570.66"]
    assert (level.kind, level.unit, level.object) == ("measure", "point", "Nasdaq Composite")


def test_rupees_written_rs_are_money() -> None:
    f = figures("A session costs Rs 300 at the oxygen bar.")["Rs 300"]
    assert (f.kind, f.unit, f.value) == ("money", "INR", 300)


def test_phone_numbers_names_and_addresses_count_nothing() -> None:
    text = (
        "Call 555-0100 for details. Flight 370 vanished on Route 66. The iPhone 11 sold well. "
        "He lives at 221 Baker Street, and page 12 of the report lists 40 cases."
    )
    assert [(f.text, f.object) for f in figures(text).values() if f.kind != "date"] == [("40", "cases")]


def test_money_a_verb_moves_is_named_by_the_verb() -> None:
    found = figures("Home Depot earned $2.8 billion, and the city spent $5 million on repairs.")
    assert found["$2.8 billion"].object == "earnings"
    assert found["$5 million"].object == "repairs"  # what it paid for, said in the sentence, comes first


def test_a_figure_of_a_noun_belongs_to_it() -> None:
    found = figures("Analysts expected revenue of $27.53 billion and comparable sales growth of 3.5 percent.")
    assert found["$27.53 billion"].object == "revenue"
    assert found["3.5 percent"].object == "comparable sales growth"


def test_an_age_set_off_by_commas_after_a_name_is_that_person_s_age() -> None:
    found = figures(
        "Zoe Anderson, 24, was overcome by carbon monoxide fumes at the home of her wealthy father. The deadly "
        "fumes leaked out of the dodgy boiler flue pipe fitted 12 days earlier by Andrew Hartley.\n\n"
        "Registered gas fitter Hartley, 37, from Radstock, Somerset, did a rushed and botched job."
    )
    assert (found["24"].kind, found["24"].unit, found["24"].object) == ("age", "year", "Zoe Anderson")
    assert (found["37"].kind, found["37"].object) == ("age", "Hartley")
    found = figures("In 2021, the Senate confirmed her by a vote of 53-36, and 12, 15 and 20 were the numbers drawn.")
    assert not any(f.kind == "age" for f in found.values())


def test_a_vote_is_a_tally_and_a_dated_noun_has_its_year() -> None:
    found = figures(
        "In 2021, President Joe Biden nominated her to be US solicitor general, and the Senate confirmed "
        "Prelogar by a vote of 53-36. The administration lost by a 6-3 vote along ideological lines, as she "
        "defended the bureau established after the country’s 2008 financial crisis."
    )
    assert (found["53-36"].kind, found["53-36"].object) == ("score", "vote")
    assert (found["6-3"].kind, found["6-3"].object) == ("score", "vote")
    assert (found["2008"].kind, found["2008"].object) == ("year", None)


def test_an_ordinal_of_a_name_ranks_it_and_one_saying_when_is_left_out() -> None:
    found = figures(
        "“The first Congress created the Customs Service in 1789.” Prelogar first became familiar with the "
        "inner workings of the Supreme Court as a law clerk."
    )
    assert [(f.text, f.object) for f in found.values() if f.kind == "ordinal"] == [("first", "Congress")]


def test_a_bound_on_one_unit_of_time_and_the_level_of_an_index() -> None:
    found = figures(
        "This comes less than a week after Bloomberg reported WeWork is the subject of an inquiry. Also, in case "
        "you want to know, the air quality index in Delhi right now is 218, which is in ‘poor’ category."
    )
    week = found["less than a week"]
    assert (week.value, week.unit, week.kind, week.qualifier) == (1, "week", "duration", "less than")
    index = found["218"]
    assert (index.kind, index.object) == ("measure", "air quality index in Delhi")
    assert "a week" not in figures("Trucks came twice a week.")


def test_an_age_standing_for_a_person_is_the_person_named_most_just_before() -> None:
    text = (
        "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as Tottenham's manager.\n\n"
        "Pochettino was sacked last night after five-and-a-half years in charge.\n\n"
        "Negotiations between the London side and Mourinho's representatives intensified over the last few days.\n\n"
        "The Portuguese boss had been out of work since being sacked by Manchester United in December 2018.\n\n"
        "The 56-year-old said after his appointment that he was excited."
    )
    age = figures(text)["56-year-old"]
    assert (age.kind, age.object) == ("age", "Jose Mourinho")
