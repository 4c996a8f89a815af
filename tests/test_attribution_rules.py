"""Issue 9's attribution rules, each on a real-looking news sentence, through the real model."""

from __future__ import annotations

import pytest
from newsread.core.analysis import analyze
from newsread.core.analysis.roles import is_role_head, party_and_state


def attributed(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in analyze(text, published="2024-10-24").quotes if not q.is_reported]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # an organisation the NER did not tag speaks through its cue's subject
        (
            "“The pipeline would put drinking water for millions at risk,” Friends of the Earth said in a letter.",
            "Friends of the Earth",
            "organisation",
        ),
        # an acronym names the organisation spelled out in the article
        (
            "The World Health Organization tracks outbreaks.\n\n"
            "Untreated pneumonic plague is “always fatal”, says WHO.",
            "World Health Organization",
            "organisation",
        ),
        # a possessive organisation keeps its whole name
        (
            "“Exports fell for a third month in a row,” Japan's trade ministry said on Friday.",
            "Japan's trade ministry",
            "organisation",
        ),
        # an unnamed source is the article's own description
        (
            "“The talks are close to collapse and nobody will admit it,” two officials familiar with the talks said.",
            "two officials familiar with the talks",
            "anonymous",
        ),
        (
            "“We have received the committee's letter and we will respond,” a company spokesperson said in an email.",
            "a company spokesperson",
            "anonymous",
        ),
        # a document speaks
        (
            "The defendant left the country “on three occasions without permission,” according to court records.",
            "court records",
            "document",
        ),
        # a quote governed by a verb of calling, one word long
        ("Justin Trudeau called the allegation “false” on Tuesday.", "Justin Trudeau", "person"),
        # no cue of saying: the named subject of the clause the quoted words belong to
        (
            "Michael Moore thanked the president for “stepping up and taking action when Congress won't.”",
            "Michael Moore",
            "person",
        ),
    ],
)
def test_speaker_kinds(text: str, speaker: str, kind: str) -> None:
    assert attributed(text) == [(speaker, kind)]


def test_title_case_headline_is_nobody() -> None:
    text = "Senate Leaders Clash Over Budget Deal “We Will Not Blink,” Says Report"
    assert all(kind != "person" for _, kind in attributed(text))


def test_definite_role_noun_resolves_to_its_holder_or_stays_unattributed() -> None:
    text = (
        "Mayor Anna Novak opened the bridge on Monday.\n\n"
        "“This took far too long, and the city paid for every day of it,” the mayor said."
    )
    assert attributed(text) == [("Anna Novak", "person")]
    lone = "“This took far too long, and the city paid for every day of it,” the senator said."
    assert attributed(lone) == [(None, "unattributed")]


def test_pronoun_never_resolves_to_a_person_named_only_in_a_quote() -> None:
    text = "“I never met Donald Trump and I never wanted to meet him,” she said."
    assert attributed(text) == [(None, "unattributed")]


def test_cue_far_after_a_closed_quote_is_not_its_cue() -> None:
    text = (
        "Harry Reid spoke to reporters on Tuesday.\n\n"
        "“I think you're going to find a pause in these deportations.” "
        "Although the agency declined to comment, aides said the remark was premature."
    )
    assert attributed(text)[0][0] != "aides"


def test_role_phrases_and_congressional_shorthand() -> None:
    a = analyze(
        "Sen. Ben Sasse, R-Neb., spoke first.\n\n“We are not done with this bill,” Sasse said.\n\n"
        "Jane Doe, the university's vice-chancellor, agreed.\n\n“It is a fair deal for students,” Doe said.",
        published="2024-10-24",
    )
    speakers = {s.name: s for s in a.speakers}
    assert speakers["Ben Sasse"].organisation == "Republican Party"
    assert speakers["Ben Sasse"].role == "senator from Nebraska"
    assert speakers["Jane Doe"].role == "vice-chancellor"


def test_role_words() -> None:
    assert is_role_head("vice-chancellor") and is_role_head("co-founder") and is_role_head("strategist")
    assert not is_role_head("former") and not is_role_head("label")
    assert party_and_state("R-Neb.") == ("Republican Party", "Nebraska")
    assert party_and_state("(D-Calif.)") == ("Democratic Party", "California")
    assert party_and_state("Reuters") is None


def test_speakers_carry_kinds() -> None:
    a = analyze("“Exports fell for a third month in a row,” Japan's trade ministry said on Friday.")
    assert [(s.name, s.kind) for s in a.speakers] == [("Japan's trade ministry", "organisation")]


def test_an_honorific_is_no_role() -> None:
    a = analyze(
        "Donald J. Trump arrived late.\n\n“We will win this state easily,” Mr. Trump said.", published="2024-10-24"
    )
    assert [(s.name, s.role) for s in a.speakers] == [("Donald J. Trump", None)]
