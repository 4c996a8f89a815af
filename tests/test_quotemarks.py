"""Quote marks without NLP: apostrophes never open quotes, link headlines are not quotes."""

from __future__ import annotations

import pytest
from newsread.core.analysis.quotemarks import find_quotes


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


# ----------------------------------------------------------------------------- apostrophes
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the real failure: the ’ after "Inc." opened a quote that ran to the paragraph's end
        (
            "Rogers Communications Inc.’s five remaining independent directors said they backed the plan.",
            [],
        ),
        (
            'Researchers at the U.K.\'s University of York said: "The increase was small."',
            ['"The increase was small."'],
        ),
        # inside a single-quoted quote it must not close it either
        (
            "‘Rogers Communications Inc.’s board has our full support,’ the chairman said.",
            ["‘Rogers Communications Inc.’s board has our full support,’"],
        ),
        ("The U.S.’ allies in Europe were not consulted, officials said.", []),
        ("‘The U.S.’ allies were not consulted,’ a diplomat said.", ["‘The U.S.’ allies were not consulted,’"]),
        ("The band, formed in the ’90s, still plays rock ’n’ roll to full halls.", []),
        ("Fans queued for chips ‘n’ dip before the match.", []),
        ("“They will let ’em in at nine o’clock,” the steward said.", ["“They will let ’em in at nine o’clock,”"]),
        ("‘We’ll keep going ’til dawn,’ the organiser said.", ["‘We’ll keep going ’til dawn,’"]),
        ("The students’ union called a vote on Hawai‘i’s tuition plan.", []),
        # a plural possessive inside a single-quoted quote: a later mark closes it
        ("‘We stand with the students’ union,’ he said.", ["‘We stand with the students’ union,’"]),
        # ... but with no later closer it is the closing mark
        ("He called it ‘a matter for the students’ and left.", ["‘a matter for the students’"]),
    ],
)
def test_apostrophes_never_open_quotes(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_british_single_quotes_still_work() -> None:
    text = "‘We will win,’ he said. ‘Nobody here doubts it.’\n\nShe replied: ‘We’ll see.’"
    assert spans(text) == ["‘We will win,’", "‘Nobody here doubts it.’", "‘We’ll see.’"]


def test_straight_single_quotes_still_work() -> None:
    text = "'It was the hardest decision of my life,' the minister told the BBC."
    assert spans(text) == ["'It was the hardest decision of my life,'"]


# ----------------------------------------------------------------------------- link headlines
@pytest.mark.parametrize(
    "label",
    ["READ MORE:", "WATCH:", "RELATED:", "MORE:", "ALSO READ:", "SEE ALSO:", "Read more:", "Related stories:"],
)
def test_quoted_headline_after_a_link_label_is_not_a_quote(label: str) -> None:
    text = (
        "The minister resigned on Monday.\n\n"
        f"{label} ‘I was shocked’: Minister speaks of leaked messages\n\n"
        "“I have nothing to hide,” the minister said."
    )
    assert spans(text) == ["“I have nothing to hide,”"]


def test_link_label_only_at_paragraph_start() -> None:
    text = "He had more: “We will appeal the ruling,” the lawyer said."
    assert spans(text) == ["“We will appeal the ruling,”"]


def test_long_paragraph_after_a_label_is_not_a_link() -> None:
    words = " ".join(["and then the council debated the plan at length"] * 5)
    text = f"WATCH: “We will rebuild,” the mayor said, {words}."
    assert spans(text) == ["“We will rebuild,”"]


def test_multi_paragraph_quote_continues_across_a_link_paragraph() -> None:
    text = (
        "“We drove all night without stopping once.\n\n"
        "READ MORE: “Floods close border crossing”\n\n"
        "“By morning we had reached the border,” Hall said."
    )
    got = find_quotes(text)
    assert [text[q.start : q.end] for q in got] == [
        "“We drove all night without stopping once.",
        "“By morning we had reached the border,”",
    ]
    assert not got[0].closed and got[1].continues


def test_a_quote_inside_a_quote_of_the_same_marks_stays_inside() -> None:
    text = (
        "“I would rather live in what he calls “hell” than in a world where he wins.” ― Ada Ruiz "
        "“He is someone no sane person wants.” ― Bo Li"
    )
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "“I would rather live in what he calls “hell” than in a world where he wins.”",
        "“He is someone no sane person wants.”",
    ]
    flat = "He said “one” and then “two” and “three.”"
    assert [flat[q.start : q.end] for q in find_quotes(flat)] == ["“one”", "“two”", "“three.”"]


def test_attribute_values_of_markup_left_in_the_text_are_not_quotes() -> None:
    text = (
        'One reader wrote:\n\n<post author="@lakeside" date="2021-03-04">Great "news" for us</post>\n\n'
        "She said it was “fine” by her."
    )
    assert spans(text) == ['"news"', "“fine”"]


def test_a_comparison_is_not_markup() -> None:
    assert spans('If a < b and the sign reads "closed" then go > home.') == ['"closed"']
