"""Speakers found where the parse loses them, and speakers credited by layout, through the real model.

Each sentence is written here in the shape the rule is for; none is copied from an evaluation set.
"""

from __future__ import annotations

import pytest
from newsread.core.analysis import analyze
from newsread.core.analysis.layout import dash_credit, speaker_label
from newsread.core.nlp import load


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text, published="2024-10-24").quotes if not q.is_reported]


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
        "But Ada Kinsella, a veteran county budget analyst, defended both of the new hires.\n\n"
        "“Bringing in two people who can read a ledger is worth every penny,” said Kinsella, "
        "adding that she had trained them herself."
    )
    assert speakers(text) == ["Ada Kinsella"]


def test_first_word_of_one_full_name_stands_for_that_person() -> None:
    text = (
        "Secretary-General Ban Ki-moon opened the summit.\n\n"
        "“Nobody in that hall slept, and nobody wanted to be the first to leave,” Ban recalled."
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
        "Mayor Rosa Linden took questions from Dan Okoro on the station's morning show. An excerpt:\n\n"
        '"OKORO: Let us start with the bridge. When will it open again?\n\n'
        '"LINDEN: The engineers tell me March. I would rather be late than wrong about it.\n\n'
        '"And the ferry keeps running until then, at the old fare, every half hour.\n\n'
        '"OKORO: Mayor, I am sorry to cut in, but that is all the time we have."'
    )
    quotes = analyze(text, published="2024-10-24").quotes
    assert [q.speaker for q in quotes] == ["Dan Okoro", "Rosa Linden", "Dan Okoro"]
    assert quotes[0].text.startswith("Let us start")  # the label is not part of the quotation
    assert quotes[1].text.endswith("every half hour.")  # a turn goes on in the next paragraph


def test_capitals_heading_is_not_a_transcript_label() -> None:
    text = '"BREAKING: The council voted to close the bridge for the winter, officials said."'
    assert all(q.speaker != "Breaking" for q in analyze(text).quotes)


def test_quote_mark_glued_to_a_comma_is_its_own_token() -> None:
    assert [t.text for t in load()("Ryan said,“Look, it is over.”")][:5] == ["Ryan", "said", ",", "“", "Look"]
    assert speakers("Council President Ines Moreau said,“Look, the budget vote is set for Thursday night.”") == [
        "Ines Moreau"
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
        "Sen. Dana Whitlock (R-Ohio) and Oregon Gov. Ray Castellanos argued over water rights on Tuesday.\n\n"
        "“She wants the river for her farmers and nobody else's,” the Oregon governor said.\n\n"
        "“I will not apologise for standing up for those farms,” the Ohio senator said.\n\n"
        "“We are all tired of this fight,” the Texas senator said."
    )
    # no Texas senator was named: the article's own words, not a guess among the senators
    assert speakers(text) == ["Ray Castellanos", "Dana Whitlock", "the Texas senator"]


def test_description_of_a_surname_two_people_share_describes_neither() -> None:
    text = (
        "Mark Hale campaigned for his brother, Tom Hale, on Monday. Former Governor Hale spoke for "
        "half an hour.\n\n"
        "“My brother keeps his word, and that is rarer than you think,” the former governor told the crowd."
    )
    assert speakers(text) != ["Tom Hale"]


def test_role_then_a_name_already_known_is_not_an_introduction() -> None:
    text = (
        "Victor Lanza spoke first at the forum.\n\n"
        "The former senator said it was “an error” to close the rail depot. Lanza, speaking later, disagreed."
    )
    assert speakers(text) != ["Victor Lanza"]


def test_quote_opening_the_sentence_after_a_named_subject_goes_on_from_it() -> None:
    text = (
        "The board may hold off until the audit is done, Maria Ostrowski said on Sunday. "
        "“The other worry is whether it would look like we were hiding something from the voters.”"
    )
    assert speakers(text) == ["Maria Ostrowski"]


def test_later_quote_in_another_sentence_does_not_inherit_the_speaker() -> None:
    text = (
        "In May, Oscar Lindqvist waved off the harbour town as “a parking lot for yachts.” "
        "Meanwhile the council approved the marina again. All this has led one local fisherman to fear "
        "a “sell-off of the whole coast.”"
    )
    assert speakers(text)[1] != "Oscar Lindqvist"


def test_name_after_a_persons_title_is_a_person_even_when_tagged_an_organisation() -> None:
    from newsread.core.analysis import entities
    from spacy.tokens import Span

    doc = load()("Fox News host Sean Hannity said the feud was over.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 3, 5, label="ORG")]
    labels = {m.text: m.label for m in entities.build(doc).mentions}
    assert labels == {"Fox News": "ORG", "Sean Hannity": "PERSON"}


def test_a_cue_whose_subject_is_no_one_hands_over_to_the_cue_above_it() -> None:
    text = "County Counsel Rita Mensah said in the filing that the flyer “falsely” suggests the county backs the plan."
    assert speakers(text) == ["Rita Mensah"]


def test_a_programme_title_between_the_parts_of_a_split_quote_is_no_quote() -> None:
    text = (
        '"Well, I think about it a lot more than I did last year," Joan Ferris said in an interview on the radio '
        'show "Talk of the Town." "You do not need a perfect record to run for this office any more."'
    )
    quotes = analyze(text).quotes
    assert len(quotes) == 1 and quotes[0].speaker == "Joan Ferris"
    assert quotes[0].text.endswith('any more."')


def test_a_nickname_after_an_initial_is_no_quote() -> None:
    assert analyze('Judge Martha L. "Marty" Ruiz opened her garden for the fundraiser.').quotes == []


def test_a_cue_after_a_closed_quote_that_says_something_else_is_not_its_cue() -> None:
    text = (
        '"That is not true," Alvarez said. "If the county does not want to build the clinic in this district, '
        'fine, but it cannot use the flood maps as a reason to do nothing at all for the families living here."'
        " Brennan said he and his staff had read the maps closely."
    )
    assert "Brennan" not in speakers(text)


def test_a_negated_cue_after_a_quote_is_not_its_cue() -> None:
    text = (
        "The coach spoke to reporters on the team bus.\n\n"
        '"Would he not have told us if his knee had been that bad?" Nora Petrakis never replied to that.'
    )
    assert "Nora Petrakis" not in speakers(text)


def test_continue_with_an_infinitive_is_no_cue() -> None:
    text = "Okafor said she is certain Lena Brandt will continue to be “a voice for the farmers of this valley.”"
    assert "Lena Brandt" not in speakers(text)


def test_a_pronoun_in_a_reported_clause_is_the_reporting_subject() -> None:
    text = (
        "Paul Dreyer spoke in Dayton on Monday.\n\n"
        "A woman in the crowd told reporters she had warned her friends that “he is far too polite for this job.”"
    )
    assert speakers(text) == ["a woman in the crowd"]


def test_a_participle_on_a_noun_credits_the_noun() -> None:
    text = "The mayor's office sent out a press release saying Keller owes “the city an apology for those delays.”"
    assert speakers(text) == ["a press release"]


def test_an_inverted_cue_credits_the_description_after_it() -> None:
    text = "“Anything can happen, but the lead looks far too big to me,” added a Wisconsin Republican."
    assert speakers(text) == ["a Wisconsin Republican"]
    text = "The last question came from a young child.\n\n“How tall is that tower?” asked the boy, who wore a cap."
    assert speakers(text) == ["the boy"]


def test_a_cue_hung_on_the_quoted_words_finds_the_subject_above_them() -> None:
    text = (
        "Moreau seemed to be ready to joke about the mix-up in Lyon, telling the crowd, "
        "“Some people get a little excited, have you noticed that?”"
    )
    assert speakers(text) == ["Moreau"]


def test_a_full_name_only_inside_quotes_is_no_ones_name() -> None:
    from newsread.core.analysis import entities
    from newsread.core.analysis.quotemarks import find_quotes
    from spacy.tokens import Span

    text = "Maria Ostrowski spoke first. Her rival posted “Sneaky Maria Ostrowski lies” again. Ostrowski laughed."
    doc = load()(text)
    words = [t.text for t in doc]
    at = words.index("Sneaky")
    doc.ents = [
        Span(doc, 0, 2, label="PERSON"),
        Span(doc, at, at + 3, label="PERSON"),
        Span(doc, len(doc) - 3, len(doc) - 2, label="PERSON"),
    ]
    quoted = [(q.start, q.end) for q in find_quotes(text)]
    last = entities.build(doc, quoted).mentions[-1]
    assert (last.text, last.canonical) == ("Ostrowski", "Maria Ostrowski")
    assert entities.build(doc).mentions[-1].canonical == "Sneaky Maria Ostrowski"  # what the rule prevents


def test_a_cue_in_the_next_paragraph_never_governs_a_quote() -> None:
    text = (
        "Sam Ortega built a chain of bakeries.\n\n"
        "In the 1980s, he turned one of his shops, Ortega Bread, into a regional business. His former "
        "business partner at Ortega Bread, Helen K. Marsh, called him a genius at stitching together unlikely "
        'supply deals. "He found flour when nobody else in the state could find any at all, and he never '
        'missed a delivery."\n\n'
        "Ortega Bread was a success, Mr. Ortega said, until it was sold in 1995."
    )
    assert "Sam Ortega" not in speakers(text)


def test_words_about_the_subject_of_a_copula_are_not_the_subjects() -> None:
    text = (
        "Dr. Alan Pruitt wrote a letter about Victor Lanza.\n\n"
        "Pruitt's earlier note on Lanza was widely mocked for its breathless forecast that Lanza "
        "would be “the fittest mayor this city has ever had.”"
    )
    assert "Victor Lanza" not in speakers(text)


def test_they_is_the_organisation_that_is_the_subject_of_its_own_sentence() -> None:
    text = (
        "The Port Authority said on Friday that it had closed the terminal.\n\n"
        "Lanza’s campaign is trying to set his plans apart from what they call Mayor Rosa Linden’s "
        "“empty promises.”"
    )
    assert speakers(text) == ["Lanza’s campaign"]


def test_the_group_is_an_organisation_named_as_a_subject_not_any_name_nearby() -> None:
    text = (
        "Forty families lost their homes near Riverside Elementary School last spring.\n\n"
        "“We want sensible flood maps, insurance and buyouts in every county,” the group said."
    )
    assert "Riverside Elementary School" not in speakers(text)


def test_a_person_who_showed_something_said_nothing() -> None:
    text = (
        "Rosa Linden spoke in Dayton on Friday.\n\n"
        "Lanza posted a string of messages saying that rival Rosa Linden had shown poor judgment in "
        "holding up the former banker “as a model of honesty.”"
    )
    assert "Rosa Linden" not in speakers(text)


def test_a_dash_credit_ends_with_its_quote() -> None:
    text = (
        "Readers wrote in after the debate.\n\n"
        "“He knows nothing of our town and nothing of our work.”― Inez Carmona "
        "“I am so tired of it, and I cannot believe a man with no plan got this far"
    )
    assert "Inez Carmona" not in speakers(text)[1:]


def test_a_report_finds_and_a_brief_says() -> None:
    text = (
        "A Federal Highway Administration audit released last month found that the state could not show "
        "the money was spent on “bridges, culverts or any other work the grant was meant for.”"
    )
    assert speakers(text) == ["Federal Highway Administration"]
    text = (
        "Nora Petrakis's brief said that was never her position and dismissed those stories as "
        "“old misreadings of a private letter.”"
    )
    assert speakers(text) == ["Nora Petrakis's brief"]


def test_a_named_subject_that_resolves_to_no_one_does_not_inherit_the_previous_speaker() -> None:
    text = (
        "“Transit is a very popular topic with our members,” said Owen Brady, a union steward. "
        "In 2019, Gallup found that “about twice as many riders said it was more important to add buses.”"
    )
    assert speakers(text)[1] != "Owen Brady"


def test_appointments_are_not_people() -> None:
    text = (
        "Four doctor appointments failed to find the cause, which was “extremely distressing,” "
        "wrote Martin Taylor, who had never smoked."
    )
    assert speakers(text) == ["Martin Taylor"]


def test_a_cue_after_a_preposition_credits_the_noun_the_phrase_hangs_on() -> None:
    text = (
        "Prime Minister Ingrid Solberg rallied supporters in May by warning bluntly that "
        "“the coalition is one vote from collapse” before the budget vote."
    )
    assert speakers(text) == ["Ingrid Solberg"]


def test_a_negated_cue_credits_no_one_with_the_words() -> None:
    text = "Rosa Linden did not say “I am sorry for the delays” on Tuesday, her aides noted later."
    assert "Rosa Linden" not in speakers(text)


def test_one_word_that_opens_an_organisations_name_is_that_organisation() -> None:
    text = (
        "Northfield was spun off from the steel maker Brightwater Industries in 2009.\n\n"
        'In a statement, Brightwater said: "Northfield did very well in its first years as an independent company."'
    )
    assert speakers(text) == ["Brightwater Industries"]


def test_a_nickname_is_no_wall_between_a_quote_and_its_cue() -> None:
    from newsread.core.analysis.quotemarks import find_quotes, is_nickname

    text = 'Judge Martha L. "Marty" Ruiz spoke. "We will win," said state Rep. Daniel "Danny" Fox.'
    assert [is_nickname(text, q) for q in find_quotes(text)] == [True, False, True]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a recording shows its speaker
        (
            "The new ad uses footage of Rosa Linden asking, “Why is the bridge not finished, you might wonder?”",
            "Rosa Linden",
        ),
        # a verb whose object acts: the object's words
        ("The vote has led the Danish economist Mette Holm to fear a “lost decade for the young.”", "Mette Holm"),
        # a share of a group of people is an unnamed source, in the article's words
        (
            'Only 41 percent of likely voters agreed that the mayor is "doing a good enough job to be re-elected," '
            "while 55 percent said the same of her rival.",
            "only 41 percent of likely voters",
        ),
    ],
)
def test_who_speaks_through_an_object_or_a_share(text: str, speaker: str) -> None:
    assert speakers(text)[0] == speaker


def test_after_asking_someone_to_act_the_words_are_still_the_askers() -> None:
    text = "Victor Lanza asked Denmark to hand over the “missing files from the port authority's server.”"
    assert "Denmark" not in speakers(text)


def test_a_dash_credit_takes_a_name_the_tagger_missed() -> None:
    text = (
        "Readers wrote in.\n\n"
        "“He is someone that no sane person would want in office.” ― Marisol N Vega Ortiz "
        "“Nobody in my family wants a man like that.” ― Ana Lucia Brandao.  Getty/Instagram."
    )
    assert speakers(text)[0] == "Marisol N Vega Ortiz"


def test_the_sentence_before_a_quote_counts_even_when_the_parser_runs_it_on() -> None:
    text = (
        'On "Morning Edition," Sen. Dana Whitlock (Ohio), who lost the primary to Lanza, identified young '
        "voters' weariness with scandal as one of the reasons they should get behind Lanza's campaign. "
        '"The younger people are ... more than any generation before them, are tired of being lied to."'
    )
    assert speakers(text) == ["Dana Whitlock"]


def test_titles_between_an_inverted_cue_and_the_name() -> None:
    text = (
        "“That is what he did in 2008,” said former Ohio Gov. and Democratic National Committee Chairman "
        "Ray Castellanos. “He is doing it again.”"
    )
    assert speakers(text)[0] == "Ray Castellanos"


def test_an_indefinite_title_is_an_unnamed_source() -> None:
    text = "“One of my tests was whether they backed the plan,” said one district GOP leader. “I did not care.”"
    assert speakers(text)[0] == "one district GOP leader"


def test_a_name_after_the_cue_that_opens_what_was_said_is_not_the_speaker() -> None:
    text = (
        "Mr. Slinker, whose latest start-up helps brands find suppliers, said Mr. Lanza was a candidate in "
        "the spirit of the valley: “He is a start-up kind of guy with a lot of ideas.”"
    )
    assert "Victor Lanza" not in speakers(text) and "Lanza" not in speakers(text)


def test_a_surname_with_a_lower_case_particle_is_the_full_name() -> None:
    text = (
        "Mayor Bill de Blasio stepped in on Monday.\n\n"
        'If the senator would debate on the 14th, de Blasio tweeted, "I will help you secure any permit you need."'
    )
    assert speakers(text) == ["Bill de Blasio"]


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in analyze(text, published="2024-10-24").quotes if not q.is_reported]


def test_a_short_piece_stays_its_own_quotation() -> None:
    # a one-line aside before a long paragraph is not merged into it
    text = (
        "Harbour master Lisa Odum read the notice aloud.\n\n"
        "“Listen to me, all of you.\n\n"
        "“The harbour will close at dusk on Friday while the crews repair the western breakwater, and "
        "boats moored inside may stay, but no boat may leave until the crews are done with the wall,” "
        "Odum said."
    )
    got = quotes(text)
    assert [q[0][:12] for q in got] == ["“Listen to m", "“The harbour"]


def test_quoted_phrases_of_one_sentence_by_one_speaker_are_one_statement() -> None:
    got = quotes(
        "Coach Dana Pruitt said the referee did a “lousy” job of keeping the “game under control.”\n\n"
        "She also called the league “a joke.”"
    )
    assert got == [
        ("“lousy” job of keeping the “game under control.”", "Dana Pruitt"),
        ("“a joke.”", "Dana Pruitt"),
    ]


def test_a_long_stretch_between_two_phrases_keeps_them_apart() -> None:
    got = quotes(
        "Coach Dana Pruitt said the referee was “lousy” on Saturday afternoon in front of a crowd of "
        "several thousand angry home supporters who had travelled to the stadium, and “unfit.”"
    )
    assert [text for text, _ in got] == ["“lousy”", "“unfit.”"]


def test_a_description_no_name_fits_is_shown_as_the_article_words_it() -> None:
    got = quotes("“The levee will hold through the spring floods,” said the Iowa state engineer.")
    assert got == [("“The levee will hold through the spring floods,”", "the Iowa state engineer")]


def test_a_bare_description_that_only_points_back_gives_no_speaker() -> None:
    got = quotes("“The levee will hold through the spring floods this year,” the engineer said.")
    assert got == [("“The levee will hold through the spring floods this year,”", None)]
