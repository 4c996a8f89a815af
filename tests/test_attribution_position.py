"""Speakers found where the parse loses them, and speakers credited by layout, through the real model.

Each sentence is written here in the shape the rule is for; none is copied from an evaluation set.
"""

from __future__ import annotations

import pytest
from newsread.core.analysis import analyze
from newsread.core.analysis.layout import dash_credit, speaker_label
from newsread.core.nlp import load


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text, published="2024-10-24").quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parse makes a quoted word the cue's subject as well as the name
        (
            "“The clinic is in crisis mode. Full crisis mode,” said Dana Whitfield, a nurse at the county hospital.",
            "Dana Whitfield",
        ),
        # a time stamp before the name runs into the sentence: the nearer subject is the cue's
        (
            "Updates through the day.\n\n2:15 p.m. Retired judge Carla Menendez once said: "
            "“A court is only as good as its clerks. Ours are the best.”",
            "Carla Menendez",
        ),
        # the cue comes first and the name after it
        (
            "Board chair Ngozi Okafor spoke last.\n\nSaid Okafor: “We will not sell the land to anyone.”",
            "Ngozi Okafor",
        ),
        # an appositive between the name and the cue
        (
            "Council member Mona Harlan voted no.\n\n“He is right about the budget. There is a real gap "
            "between the agency and the city,” Harlan, a longtime council member, said Thursday on local radio.",
            "Mona Harlan",
        ),
        # a title before the name, a participle clause after it
        (
            "“We have had better seasons than this one,” Ohio farmer Tom Bleecker, holding a bag of "
            "seed, said as the rain came down.",
            "Tom Bleecker",
        ),
        # a name, its party in parentheses, then the cue
        (
            "Among the critics was Rep. Lena Ortiz (D-Calif.) said “the plan has no money behind it.”",
            "Lena Ortiz",
        ),
    ],
)
def test_speaker_where_the_parse_lost_it(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


def test_cue_name_after_tell_is_who_was_told() -> None:
    got = speakers("“We were wrong not to act sooner,” the minister told Reuters in an interview on Monday.")
    assert got == [None]


def test_surname_tagged_as_another_part_of_speech_is_the_person() -> None:
    text = (
        "But Bill Skelton, a longtime party data operative, vouched for both of them.\n\n"
        "“Having access to the voter file and two people who understand it is valuable,” said Skelton, "
        "explaining that he had worked with them before."
    )
    assert speakers(text) == ["Bill Skelton"]


def test_first_word_of_one_full_name_stands_for_that_person() -> None:
    text = (
        "Secretary-General Ban Ki-moon opened the summit.\n\n"
        "“That was one of the hardest nights of my career,” Ban recalled."
    )
    assert speakers(text) == ["Ban Ki-moon"]


def test_two_people_sharing_a_first_name_stay_apart() -> None:
    text = "Bill Carter and Bill Osgood ran the campaign.\n\n“We will win this county by a mile,” Bill said."
    assert speakers(text)[0] not in ("Bill Carter", "Bill Osgood")


def test_dash_credit_names_the_quote_before_it_not_the_next_one() -> None:
    text = (
        "Readers told us what they thought of the debate.\n\n"
        "“I am ashamed of how they talked about my town.” ― Rosa Delgado "
        "“He never answered a single question.” ― Mark Ellison\n"
        "“It was a waste of an evening and I want it back.” — Priya Natarajan"
    )
    assert speakers(text) == ["Rosa Delgado", "Mark Ellison", "Priya Natarajan"]


def test_transcript_labels_name_each_turn_and_its_continuations() -> None:
    text = (
        "Gov. Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n"
        '"WALLACE: Let us start with the debate. Will she be there tomorrow night?\n\n'
        '"PENCE: She will not be attending the debate. That was a joke, and everybody knew it.\n\n'
        '"But the truth is that the campaign wants to talk about jobs and about taxes.\n\n'
        '"WALLACE: Governor, I do not want to interrupt, but we are out of time."'
    )
    quotes = analyze(text, published="2024-10-24").quotes
    assert [q.speaker for q in quotes] == ["Chris Wallace", "Mike Pence", "Mike Pence", "Chris Wallace"]
    assert quotes[0].text.startswith("Let us start")  # the label is not part of the quotation


def test_capitals_heading_is_not_a_transcript_label() -> None:
    text = '"BREAKING: The council voted to close the bridge for the winter, officials said."'
    assert all(q.speaker != "Breaking" for q in analyze(text).quotes)


def test_quote_mark_glued_to_a_comma_is_its_own_token() -> None:
    assert [t.text for t in load()("Ryan said,“Look, it is over.”")][:5] == ["Ryan", "said", ",", "“", "Look"]
    assert speakers("House Speaker Paul Ryan said,“Look, images like that have no place in a campaign.”") == [
        "Paul Ryan"
    ]


# ---------------------------------------------------------------- layout rules, no model


def test_dash_credit_positions() -> None:
    text = "“We can build a wall.” ― Steve Quinn. “Next.” — and then"
    at = dash_credit(text, text.index("”") + 1, len(text))
    assert at is not None and text[at:].startswith("Steve Quinn")
    end2 = text.index("”", at) + 1
    assert dash_credit(text, end2, len(text)) is None  # a dash before lower-case words credits no one


def test_speaker_label_rules() -> None:
    text = "PENCE: Well, look."
    label = speaker_label(text, 0, len(text))
    assert label is not None and label.text == "PENCE" and text[label.words_start :] == "Well, look."
    assert speaker_label("UPDATE: the road is open.", 0, 25) is None
    assert speaker_label("Pence: well", 0, 11) is None  # only capitals
    assert speaker_label("Q: What now?", 0, 12) is None  # one letter is no name


# ---------------------------------------------------------------- descriptions and sentence order


def test_definite_description_finds_the_one_person_it_fits() -> None:
    text = (
        "Sen. Marco Rubio (R-Fla.) and New Jersey Gov. Chris Christie traded blows on Tuesday.\n\n"
        "“He went for the easy vote when it looked popular,” the New Jersey governor said.\n\n"
        "“I will not apologise for that vote,” the Florida senator said.\n\n"
        "“We are all tired of this,” the Texas senator said."
    )
    assert speakers(text) == ["Chris Christie", "Marco Rubio", None]


def test_description_of_a_surname_two_people_share_describes_neither() -> None:
    text = (
        "George W. Bush campaigned for his brother, Jeb Bush, on Monday. Former President Bush spoke for "
        "half an hour.\n\n"
        "“Labels are for soup cans,” the former president told the crowd."
    )
    assert speakers(text) != ["Jeb Bush"]


def test_role_then_a_name_already_known_is_not_an_introduction() -> None:
    text = (
        "Donald Trump spoke first at the forum.\n\n"
        "The former senator said it was “a mistake” to use a private server. Trump, appearing later, disagreed."
    )
    assert speakers(text) != ["Donald Trump"]


def test_quote_opening_the_sentence_after_a_named_subject_goes_on_from_it() -> None:
    text = (
        "The agency may wait until the talks end, Adam Schiff said on Sunday. "
        "“The other factor is whether it would look like taking sides in the election.”"
    )
    assert speakers(text) == ["Adam Schiff"]


def test_later_quote_in_another_sentence_does_not_inherit_the_speaker() -> None:
    text = (
        "In July, Newt Gingrich dismissed Estonia as being in the “suburbs of St. Petersburg.” "
        "Meanwhile the candidate praised the Kremlin again. All this has led one Latvian writer to fear "
        "a “new pact between old enemies.”"
    )
    assert speakers(text)[1] != "Newt Gingrich"


def test_name_after_a_persons_title_is_a_person_even_when_tagged_an_organisation() -> None:
    from newsread.core.analysis import entities
    from spacy.tokens import Span

    doc = load()("Fox News host Sean Hannity said the feud was over.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 3, 5, label="ORG")]
    labels = {m.text: m.label for m in entities.build(doc).mentions}
    assert labels == {"Fox News": "ORG", "Sean Hannity": "PERSON"}


def test_a_cue_whose_subject_is_no_one_hands_over_to_the_cue_above_it() -> None:
    text = "City Attorney Brad Holm said in the letter that the advertisement “wrongfully” suggests the city backs him."
    assert speakers(text) == ["Brad Holm"]


def test_a_programme_title_between_the_parts_of_a_split_quote_is_no_quote() -> None:
    text = (
        '"Well, it is certainly more of a consideration than it was," Mark Cuban said in an interview on NBC\'s '
        '"Meet the Press." "You do not have to be the perfect candidate like you would have been in the past."'
    )
    quotes = analyze(text).quotes
    assert len(quotes) == 1 and quotes[0].speaker == "Mark Cuban"
    assert quotes[0].text.endswith('in the past."')


def test_a_nickname_after_an_initial_is_no_quote() -> None:
    assert analyze('Rep. Robert C. "Bobby" Scott threw open his back yard for a picnic.').quotes == []


def test_a_cue_after_a_closed_quote_that_says_something_else_is_not_its_cue() -> None:
    text = (
        '"That would be false," Menendez said. "If you do not want to do something about broadening our efforts '
        'against aggression in other areas, fine, but you cannot use the waivers as a reason to do nothing at all."'
        " Corker said he and his partners were careful about the wording."
    )
    assert "Corker" not in speakers(text)


def test_a_negated_cue_after_a_quote_is_not_its_cue() -> None:
    text = (
        "Trump spoke to reporters on his plane.\n\n"
        '"Would she not have screamed if it had happened like that?" Michelle Fields never replied to that.'
    )
    assert "Michelle Fields" not in speakers(text)


def test_continue_with_an_infinitive_is_no_cue() -> None:
    text = "Cruz said he is certain Marco Rubio will continue to be “a champion for opportunity in America.”"
    assert "Marco Rubio" not in speakers(text)


def test_a_pronoun_in_a_reported_clause_is_the_reporting_subject() -> None:
    text = (
        "John Kasich spoke in Worcester on Monday.\n\n"
        "A woman in the crowd told reporters she had warned her friends that “he is far too nice to win this race.”"
    )
    assert speakers(text) == ["a woman in the crowd"]


def test_a_participle_on_a_noun_credits_the_noun() -> None:
    text = "The Rubio campaign sent out a press release saying Murphy owes “Florida an explanation for those votes.”"
    assert speakers(text) == ["a press release"]


def test_an_inverted_cue_credits_the_description_after_it() -> None:
    text = "“I guess you never say never, but the gap is awfully large,” added a New Hampshire Democrat."
    assert speakers(text) == ["a New Hampshire Democrat"]
    text = "The last question came from a young child.\n\n“How big is that wall?” asked the boy, who wore a cap."
    assert speakers(text) == ["the boy"]


def test_a_cue_hung_on_the_quoted_words_finds_the_subject_above_them() -> None:
    text = (
        "Clinton seemed to be ready to riff on the incident in Iowa, telling the crowd, "
        "“Some people get a little carried away, have you noticed that?”"
    )
    assert speakers(text) == ["Clinton"]


def test_a_full_name_only_inside_quotes_is_no_ones_name() -> None:
    from newsread.core.analysis import entities
    from newsread.core.analysis.quotemarks import find_quotes
    from spacy.tokens import Span

    text = "Hillary Clinton spoke first. Trump tweeted “Crooked Hillary Clinton lies” again. Clinton laughed."
    doc = load()(text)
    words = [t.text for t in doc]
    at = words.index("Crooked")
    doc.ents = [
        Span(doc, 0, 2, label="PERSON"),
        Span(doc, at, at + 3, label="PERSON"),
        Span(doc, len(doc) - 3, len(doc) - 2, label="PERSON"),
    ]
    quoted = [(q.start, q.end) for q in find_quotes(text)]
    last = entities.build(doc, quoted).mentions[-1]
    assert (last.text, last.canonical) == ("Clinton", "Hillary Clinton")
    assert entities.build(doc).mentions[-1].canonical == "Crooked Hillary Clinton"  # what the rule prevents


def test_a_cue_in_the_next_paragraph_never_governs_a_quote() -> None:
    text = (
        "Tom Clarke built a nursing home chain.\n\n"
        "In the 1990s, he turned one of his companies, Lenox Healthcare, into a big business. His former "
        "business partner at Lenox, Lawrence B. Cummings, called him a master at bolting together impossible "
        'business transactions. "He showed again and again an ability to put together deals that other '
        "people couldn't.\"\n\n"
        "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999."
    )
    assert "Tom Clarke" not in speakers(text)


def test_words_about_the_subject_of_a_copula_are_not_the_subjects() -> None:
    text = (
        "Harold Bornstein wrote a letter about Donald Trump.\n\n"
        "Bornstein's earlier missive on Trump was widely ridiculed for its hyperbolic prediction that Trump "
        "would be “the healthiest individual ever elected to the presidency.”"
    )
    assert "Donald Trump" not in speakers(text)


def test_they_is_the_organisation_that_is_the_subject_of_its_own_sentence() -> None:
    text = (
        "The FBI said on Friday that it had closed the case.\n\n"
        "Clinton’s campaign is seeking to contrast her approach with what they call Republican "
        "Donald Trump’s “self-centered message.”"
    )
    assert speakers(text) == ["Clinton’s campaign"]


def test_the_group_is_an_organisation_named_as_a_subject_not_any_name_nearby() -> None:
    text = (
        "Twenty children were killed at Sandy Hook Elementary School three years ago.\n\n"
        "“We want sensible gun laws, policy and regulations in every state,” the group said."
    )
    assert "Sandy Hook Elementary School" not in speakers(text)


def test_a_person_who_showed_something_said_nothing() -> None:
    text = (
        "Hillary Clinton spoke in Ohio on Friday.\n\n"
        "Trump unleashed a series of tweets saying that rival Hillary Clinton had shown bad judgment in "
        "using the former beauty queen “as a paragon of virtue.”"
    )
    assert "Hillary Clinton" not in speakers(text)


def test_a_dash_credit_ends_with_its_quote() -> None:
    text = (
        "Readers wrote in after the debate.\n\n"
        "“He is ignorant of our culture and of our lives.”― Pamela Padilla "
        "“I am so ashamed, and I cannot believe a man with no credentials got this far"
    )
    assert "Pamela Padilla" not in speakers(text)[1:]


def test_a_report_finds_and_a_brief_says() -> None:
    text = (
        "A Government Accountability Office report released last year found that the agency could not be "
        "sure the money was not coming from “the drug trade, human trafficking or other criminal activities.”"
    )
    assert speakers(text) == ["Government Accountability Office"]
    text = (
        "Ivana Trump's brief said that was not her view and dismissed those reports as "
        "“previous misinterpreted statements and allegations.”"
    )
    assert speakers(text) == ["Ivana Trump's brief"]


def test_a_named_subject_that_resolves_to_no_one_does_not_inherit_the_previous_speaker() -> None:
    text = (
        "“Gun control is a very popular topic with our voters,” said Paul Huntley, a delegate. "
        "In 2014, Pew found that “about twice as many Democrats said it was more important to control guns.”"
    )
    assert speakers(text)[1] != "Paul Huntley"


def test_appointments_are_not_people() -> None:
    text = (
        "Four doctor appointments failed to find the cause, which was “extremely distressing,” "
        "wrote Martin Taylor, who had never smoked."
    )
    assert speakers(text) == ["Martin Taylor"]


def test_a_cue_after_a_preposition_credits_the_noun_the_phrase_hangs_on() -> None:
    text = (
        "Prime Minister Benjamin Netanyahu rallied supporters in March by warning darkly that "
        "“the rule of the right is in danger” on election day."
    )
    assert speakers(text) == ["Benjamin Netanyahu"]


def test_a_negated_cue_credits_no_one_with_the_words() -> None:
    text = "Hillary Clinton did not say “I am sorry for the server” on Tuesday, her aides noted later."
    assert "Hillary Clinton" not in speakers(text)


def test_one_word_that_opens_an_organisations_name_is_that_organisation() -> None:
    text = (
        "Patriot was spun off from the coal giant Peabody Energy in 2007.\n\n"
        'In a statement, Peabody said: "Patriot Coal was highly successful when it became an independent company."'
    )
    assert speakers(text) == ["Peabody Energy"]


def test_a_nickname_is_no_wall_between_a_quote_and_its_cue() -> None:
    from newsread.core.analysis.quotemarks import find_quotes, is_nickname

    text = 'Rep. Robert C. "Bobby" Scott spoke. "We will win," said state Del. Marcia "Cia" Price.'
    assert [is_nickname(text, q) for q in find_quotes(text)] == [True, False, True]
