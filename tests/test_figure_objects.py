"""What a figure counts, pays for or is a share of, on sentences of real articles (tests/data/analysis:
TechCrunch on WeWork, News Nation's oxygen bar, The Sun on plague, Fox Business on Home Depot,
ProFootballTalk), with the real spaCy model."""

from __future__ import annotations

from newsread.core.analysis import analyze
from newsread.core.model import Figure

PUB = "2019-11-19"


def figures(text: str) -> dict[str, Figure]:
    return {f.text: f for f in analyze(text, published=PUB).figures}


def test_money_a_thing_is_sold_or_bought_for_pays_for_that_thing() -> None:
    found = figures(
        "An entity Neumann controlled also sold the company the right to use the word “We” for $5.9 million, "
        "though he later asked the company to unwind the agreement and returned the money after public criticism."
    )
    assert found["$5.9 million"].object == "the right to use the word “We”"
    found = figures(
        "After receiving a lifeline from investor SoftBank worth up to $8 billion, WeWork is now engaging in "
        "major cost-cutting measures, including layoffs at Meetup, which it acquired for $200 million in 2017."
    )
    assert (found["$8 billion"].object, found["$8 billion"].qualifier) == ("lifeline", "up to")
    assert found["$200 million"].object == "Meetup"


def test_money_for_a_span_of_time_of_something_pays_for_that_something() -> None:
    found = figures("The oxygen bar charges Rs 299 for fifteen minutes of pure air.")
    assert (found["Rs 299"].unit, found["Rs 299"].object) == ("INR", "pure air")
    found = figures("This bar is offering oxygen to anyone who is ready to pay Rs 300 for fresh air for 15 minutes.")
    assert (found["Rs 300"].object, found["15 minutes"].object) == ("fresh air", "fresh air")


def test_a_span_of_time_of_a_noun_and_a_range_in_words() -> None:
    found = figures(
        "Those infected with Y. pestis often develop symptoms after an incubaction period of one-to-seven days, "
        "says the World Health Organization."
    )
    days = found["one-to-seven days"]
    assert (days.low, days.high, days.unit, days.kind, days.object) == (1, 7, "day", "duration", "incubaction period")


def test_a_percentage_is_a_share_of_what_it_names() -> None:
    found = figures("Plague can be fatal in up to 90 per cent of people infected if not treated promptly.")
    assert found["90 per cent"].object.startswith("people infected")
    found = figures("Those suffering from bubonic plague have a 30-60 per cent chance of dying from the disease.")
    assert found["30-60 per cent"].object.startswith("chance of dying")
    found = figures("Customers breathe 80% to 90% pure oxygen from a disposable nasal cannula along with aromatherapy.")
    assert found["80% to 90%"].object == "pure oxygen"


def test_a_percentage_change_named_by_a_noun_is_a_change_of_the_subject() -> None:
    found = figures("Comparable sales rose 3.6 percent, missing the 4.8 percent gain that was expected.")
    assert (found["3.6 percent"].object, found["4.8 percent"].object) == ("Comparable sales", "Comparable sales")


def test_a_number_of_a_group_counts_that_group() -> None:
    found = figures(
        "The first two infected patients - still in quarantine - resulted in 46 of their close contacts "
        "being placed under medical observation."
    )
    assert found["46"].object == "their close contacts"


def test_a_record_is_a_score_in_what_follows_it() -> None:
    found = figures(
        "At 4-7, including 2-6 in the AFC and 0-3 in AFC West, the Chargers would probably not make the "
        "playoffs even if they win out."
    )
    assert (found["2-6"].kind, found["2-6"].object) == ("score", "AFC")
    assert (found["0-3"].kind, found["0-3"].object) == ("score", "AFC West")


def test_a_measure_given_per_unit_of_time_is_a_rate_and_per_second_is_no_ordinal() -> None:
    found = figures(
        "Paganini and his team reported that they detected 5,200 pounds of water vapor being released from "
        "Europa per second."
    )
    rate = found["5,200 pounds"]
    assert (rate.kind, rate.unit, rate.object, rate.per) == ("rate", "lb", "water vapor", "second")
    assert "second" not in found


def test_a_distance_away_is_of_what_is_located_there() -> None:
    found = figures("Europa ― located some 390 million miles away ― is slightly smaller than Earth’s Moon.")
    miles = found["390 million miles"]
    assert (miles.kind, miles.value, miles.object, miles.qualifier) == ("measure", 390_000_000, "Europa", "some")


def test_money_a_share_said_of_nothing_else_is_earnings() -> None:
    found = figures(
        "Wall Street analysts surveyed by Refinitiv were expecting $2.52 a share on revenue of $27.53 billion."
    )
    assert (found["$2.52"].object, found["$27.53 billion"].object) == ("earnings", "revenue")


def test_an_ordinal_the_parse_hangs_on_nothing_ranks_the_name_after_it() -> None:
    found = figures(
        "Hunter diagnosed with bubonic plague after eating a rabbit making him third Beijing local to contract "
        "medieval disease"
    )
    assert (found["third"].kind, found["third"].object) == ("ordinal", "Beijing local")


def test_a_half_of_a_year_is_no_rank_and_a_copyright_year_is_no_figure() -> None:
    found = figures(
        "A jury of experts and public officials will pick the winning design in the first half of next year, "
        "the Interior Ministry said.\n\nCopyright 2019 Hawaii News Now. All rights reserved."
    )
    assert "first" not in found and "2019" not in found


def test_today_in_a_quotation_is_not_the_day_of_publication() -> None:
    found = figures(
        "“Yes, we needed to win this game today. I felt like if we could have won this game today and won out, "
        "we could control our own destiny,” Lynn said. The Chargers play again on Sunday."
    )
    assert "today" not in found
    assert found["Sunday"].kind == "date"


def test_a_count_of_a_list_counts_the_whole_list() -> None:
    found = figures(
        "Local auto dealers sold 30,154 new cars, trucks and SUVs in October, the second-highest sales volume "
        "of the year thus far."
    )
    assert found["30,154"].object == "new cars, trucks and SUVs"
    assert (found["second"].kind, found["second"].value, found["second"].object) == ("ordinal", 2, "sales volume")


def test_a_subject_written_with_and_or_a_hyphen_keeps_every_word() -> None:
    found = figures("Truck and SUV sales are down 2.6 percent, while sedan sales are down 12.3 percent.")
    assert (found["2.6 percent"].object, found["12.3 percent"].object) == ("Truck and SUV sales", "sedan sales")
    found = figures("Company management said comparable-store sales growth in 2019 will be 3.5%.")
    assert found["3.5%"].object == "comparable-store sales growth"


def test_a_level_below_or_averaged_and_a_change_from_one_level_to_another() -> None:
    found = figures(
        "The sales slump comes even as the average interest rate on a new vehicle loan stayed below 6 percent "
        "for the fourth consecutive month. The annual percentage rate on new financed vehicles averaged 5.7 "
        "percent in October, down from 6.2 percent a year earlier."
    )
    assert (found["6 percent"].object, found["6 percent"].qualifier) == ("average interest rate", "below")
    assert found["5.7 percent"].object == found["6.2 percent"].object == "annual percentage rate"
    found = figures("Problematic cannabis use rose by 37 percent, from 0.90 percent to 1.23 percent.")
    assert {found[t].object for t in ("37 percent", "0.90 percent", "1.23 percent")} == {"Problematic cannabis use"}


def test_ages_given_with_aged_are_ages_of_the_group_before() -> None:
    found = figures(
        "The number of respondents aged between 12 to 17-years-old who had cannabis use disorder rose by 25 "
        "percent. In adults aged 26 or older, the number rose by 23 percent."
    )
    teens = found["12 to 17-years-old"]
    assert (teens.kind, teens.low, teens.high, teens.object) == ("age", 12, 17, "respondents")
    adults = found["26 or older"]
    assert (adults.kind, adults.value, adults.object, adults.qualifier) == ("age", 26, "adults", "or older")


def test_spans_with_a_half_and_ordinals_before_a_name() -> None:
    found = figures(
        "Pochettino was sacked last night after five-and-a-half years in charge, and less than six months after "
        "leading Spurs to their first ever Champions League final."
    )
    assert (found["five-and-a-half years"].value, found["five-and-a-half years"].unit) == (5.5, "year")
    assert (found["first"].kind, found["first"].object) == ("ordinal", "Champions League final")


def test_a_change_by_a_figure_is_of_what_the_verb_changes_or_the_noun_names() -> None:
    found = figures(
        "Indiana House Speaker Brian Bosma spoke before lawmakers defending the state budget approved by "
        "Republicans in April that boosted base school spending by 2.5% each of the next two years. "
        "Education advocacy groups estimated this year that a 9% funding increase was needed."
    )
    assert found["2.5%"].object == "base school spending"
    assert found["9%"].object == "funding increase"
    assert found["April"].date == "2019-04"  # approved in April: a thing already done


def test_money_in_words_a_year_of_an_event_and_numbers_that_count_nothing() -> None:
    found = figures(
        "Yes this is real and yes the state spent nearly half a million dollars on it. The association gave "
        "nearly $5.9 million toward Holcomb’s 2016 election campaign. The outages left hundreds of thousands "
        "of people without a way to make 911 calls, including one last month that affected nearly 2.5 million "
        "people."
    )
    money = found["half a million dollars"]
    assert (money.kind, money.value, money.unit, money.qualifier) == ("money", 500_000, "USD", "nearly")
    assert (found["2016"].kind, found["$5.9 million"].object) == ("year", "election campaign")
    assert "911" not in found and "one" not in found
    assert found["2.5 million"].object == "people"


def test_lengths_in_millimeters_are_measures() -> None:
    found = figures("A storm dumped about 2 inches (50.8 millimeters) of rain in the San Diego County area on Tuesday.")
    assert (found["50.8 millimeters"].kind, found["50.8 millimeters"].unit) == ("measure", "mm")
    assert (found["2 inches"].kind, found["2 inches"].qualifier) == ("measure", "about")


def test_shares_cut_by_a_fraction_and_distances_from_a_place() -> None:
    found = figures(
        "The study found the spacecraft mass could be reduced by a third by removing the crew quarters. "
        "He was taken to a hospital around 185 miles northwest of Beijing. The Black Death wiped out nearly "
        "one-third of Europe’s population."
    )
    assert (found["by a third"].kind, found["by a third"].object) == ("fraction", "spacecraft mass")
    assert found["185 miles"].object == "hospital"
    share = found["one-third"]
    assert (share.value, share.object, share.qualifier) == (1 / 3, "Europe’s population", "nearly")


def test_counts_glued_to_a_dash_and_counted_compounds() -> None:
    found = figures(
        "China has experienced a small smattering of plague infections in recent years—26 cases and 11 deaths "
        "between 2009 and 2018. The Doobie Brothers announced the 30-date jaunt on Monday. Their soft-shell "
        "pods would be darkened during their projected 180-day Earth-Mars cruise."
    )
    assert (found["26"].object, found["11"].object) == ("cases", "deaths")
    assert (found["30-date"].kind, found["30-date"].unit, found["30-date"].object) == ("count", "date", "jaunt")
    assert found["180-day"].object == "Earth-Mars cruise"


def test_money_that_comes_in_something_and_a_count_from_somewhere() -> None:
    found = figures(
        'Border agents "say you’ve got to pay attention to this — $53 million a week is coming across the '
        'border in drugs," he said.'
    )
    assert found["$53 million"].object == "drugs"
    found = figures(
        "Rounding out the five awardees, NASA also chose to receive bids from two relatively smaller "
        "organisations, Ceres Robotics and Tyvak Nano-Satellite Systems Inc."
    )
    assert (found["five"].object, found["two"].object) == ("awardees", "organisations")


def test_money_worth_of_goods_a_shared_multiplier_and_a_second_person() -> None:
    found = figures(
        "Beijing also wants Trump to eliminate the 15% tariffs on about $125 billion worth of Chinese goods. "
        "To achieve the $40-50 billion in annual Chinese purchases of American farm goods, he would have to act, "
        "a second person briefed on the call said."
    )
    assert found["$125 billion"].object == "Chinese goods"
    span = found["$40-50 billion"]
    assert (span.value, span.low, span.high, span.unit) == (40e9, 40e9, 50e9, "USD")
    assert span.object.startswith("annual Chinese purchases")
    assert (found["second"].kind, found["second"].object) == ("ordinal", "person")


def test_money_in_lakh_for_part_of_something_in_two_things_and_for_a_purpose() -> None:
    found = figures("He said he has spent Rs 24 lakh in the four attempts and Rs 40 lakh on advocacy.")
    assert (found["Rs 24 lakh"].value, found["Rs 24 lakh"].object) == (2_400_000, "attempts")
    assert (found["Rs 40 lakh"].value, found["Rs 40 lakh"].object) == (4_000_000, "advocacy")
    found = figures(
        "SoftBank agreed to inject $6.5 billion in debt and equity into WeWork and to fund a $3 billion buyout "
        "of existing shareholders, including $1 billion for some of Neumann’s shares."
    )
    assert found["$6.5 billion"].object == "debt and equity"
    assert found["$1 billion"].object == "Neumann’s shares"
    found = figures(
        "Neumann had also planned to charge WeWork almost $6 million to use his trademark of the word “We” "
        "after the company rebranded itself."
    )
    assert found["$6 million"].object.startswith("trademark")
    found = figures("WeWork’s 2025 bond has weakened sharply in the past week, hitting 16.057% on Monday.")
    assert found["16.057%"].object == "bond"


def test_prices_from_an_amount_lengths_in_inches_and_sales_days_by_name() -> None:
    found = figures(
        "Monday’s best deals include various MacBook models from $700 at Amazon. Today only, Amazon offers "
        "Apple’s 12-inch MacBook 256GB in certified refurbished condition. Black Friday pricing on ecobee’s "
        "latest SmartThermostat is now live."
    )
    assert found["$700"].object == "various MacBook models"
    assert (found["12-inch"].kind, found["12-inch"].unit) == ("measure", "inch")
    assert "Friday" not in found
    assert (found["Today"].kind, found["Today"].date) == ("date", "2019-11-19")
