"""Reported speech (quotes of kind ``indirect``): each rule on sentences written for it."""

from __future__ import annotations

from newsread.core.analysis import analyze

PUB = "2024-10-24"


def reported(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in analyze(text, published=PUB).quotes if q.is_reported]


def test_a_verb_of_saying_reports_its_clause_without_that() -> None:
    text = "Mayor Karen Bass said that the city would reopen the bridge next week."
    assert reported(text) == [("the city would reopen the bridge next week", "Karen Bass", "said")]


def test_a_clause_before_its_cue_is_reported() -> None:
    text = "Mayor Karen Bass spoke on Monday. The bridge will reopen next week, Bass told reporters."
    assert reported(text) == [("The bridge will reopen next week", "Karen Bass", "told")]


def test_a_cue_set_inside_the_clause_reports_the_whole_clause() -> None:
    text = "Senator Tom Hollis met voters in Ames. This campaign, Hollis says, is different from the last one."
    (statement,) = reported(text)
    assert statement[0].startswith("This campaign") and statement[0].endswith("different from the last one")
    assert statement[1:] == ("Tom Hollis", "says")


def test_according_to_reports_the_clause_it_is_attached_to() -> None:
    text = "According to the health ministry, 35 trucks a day entered the territory in October."
    assert reported(text) == [("35 trucks a day entered the territory in October", "health ministry", "according to")]


def test_an_urging_verb_reports_who_is_to_act_and_what() -> None:
    text = "Governor Ann Ruiz urged residents to stay indoors until the storm passes."
    assert reported(text) == [("residents to stay indoors until the storm passes", "Ann Ruiz", "urged")]


def test_a_speech_act_reports_its_object() -> None:
    text = "The chief executive, Paul Grant, denied the allegations of fraud at the plant."
    assert reported(text) == [("the allegations of fraud at the plant", "Paul Grant", "denied")]


def test_negated_hypothetical_and_believed_statements_are_not_reported() -> None:
    text = (
        "Mayor Karen Bass did not say whether the bridge would reopen. "
        "Bass would argue that the council is to blame for the delay. "
        "Bass thinks the bridge will reopen in the spring."
    )
    assert reported(text) == []


def test_speech_inside_a_quotation_is_the_quote_not_a_report() -> None:
    text = "“My aide said the vote was rigged against us,” Mayor Karen Bass said."
    assert reported(text) == []


def test_quoted_words_inside_a_statement_are_one_partial_quote_with_the_statement() -> None:
    text = "Senator Elizabeth Warren said the developer was a “proven failure” in business and in politics."
    a = analyze(text, published=PUB)
    (quote,) = a.quotes
    assert (quote.kind, quote.text, quote.speaker) == ("partial", "“proven failure”", "Elizabeth Warren")
    statement = text[quote.statement_start : quote.statement_end]
    assert statement == "the developer was a “proven failure” in business and in politics"


def test_a_statement_no_one_can_be_credited_with_is_left_out() -> None:
    assert reported("It was reported that the bridge would reopen next week.") == []
    # "they" after two people named together is the two of them: no one name, so nothing is shown
    text = (
        "Hamas leaders met in Doha. Secretary Antony Blinken and Secretary Lloyd Austin wrote a letter on "
        "Oct. 13, and they told Israel it had 30 days to remove the barriers to aid."
    )
    assert all(speaker != "Hamas" for _, speaker, _ in reported(text))


def test_pledged_delegates_are_no_pledge() -> None:
    assert reported("Sanders won 60 pledged delegates to put him over the top in Puerto Rico.") == []


def test_speakers_count_quotes_and_reported_statements_apart() -> None:
    text = "“We will rebuild,” Mayor Karen Bass said. Bass also said the bridge would reopen next week."
    (speaker,) = analyze(text, published=PUB).speakers
    assert (speaker.name, speaker.quotes, speaker.reported) == ("Karen Bass", 1, 1)


def test_according_to_at_the_end_of_its_sentence() -> None:
    text = (
        "About 58 percent of large companies fund maternity leave at full or partial pay, "
        "according to a 2014 Labor Department study."
    )
    ((words, speaker, cue),) = reported(text)
    assert words == "About 58 percent of large companies fund maternity leave at full or partial pay"
    assert cue == "according to" and speaker is not None


def test_according_to_credits_what_it_names_in_the_articles_words() -> None:
    text = "In Iowa, Trump is in first place, according to the Real Clear Politics polling average."
    a = analyze(text, published=PUB)
    (statement,) = [q for q in a.quotes if q.is_reported]
    assert (statement.speaker, statement.speaker_kind) == ("the Real Clear Politics polling average", "document")
