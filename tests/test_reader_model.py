"""The reader's rules and its article's derivations (``tui/reader/model.py``, ``article.py``),
without Textual: filters and the order escape clears them in, quote navigation, in-article search,
the status line, and the rows of the pickers and side pane."""

from __future__ import annotations

import re
from typing import Any

import pytest
from newsread.core.model import FIGURE_KINDS, Analysis, Entity, Figure, Quote, Speaker
from newsread.tui.reader.article import FIGURE_GROUPS, ArticleData, FigureRow, NameCount, PeopleRow, fold
from newsread.tui.reader.model import ReaderState

TITLE = "Talks resume"
BODY = (
    "Ann Lee of Acme said talks went well. “We are close,” Lee said. "
    "Acme confirmed the date. “Not yet,” said an official. "
    "Bob Roe said “Acme is wrong” and left. “Nobody knows.” The deal covers 40 trucks a day."
)
TEXT = f"{TITLE}\n\n{BODY}"


def span(needle: str, nth: int = 0) -> tuple[int, int]:
    m = list(re.finditer(re.escape(needle), TEXT))[nth]
    return m.start(), m.end()


def quote(needle: str, speaker: str | None, kind: str | None = None) -> Quote:
    start, end = span(needle)
    return Quote(start=start, end=end, text=needle, speaker=speaker, cue="said", speaker_kind=kind)


def entity(needle: str, label: str, canonical: str, nth: int = 0) -> Entity:
    start, end = span(needle, nth)
    return Entity(start=start, end=end, label=label, text=needle, canonical=canonical)


def sentences() -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.?!]+[.?!](?:”)?", TEXT)]


@pytest.fixture
def data() -> ArticleData:
    analysis = Analysis(
        text=TEXT,
        title=TITLE,
        published="2024-10-24",
        entities=[
            entity("Ann Lee", "PERSON", "Ann Lee"),
            entity("Acme", "ORG", "Acme Corp", 0),
            entity("Lee", "PERSON", "Ann Lee", 1),
            entity("Acme", "ORG", "Acme Corp", 1),
            entity("Bob Roe", "PERSON", "Bob Roe"),
            entity("Acme", "ORG", "Acme Corp", 2),
        ],
        speakers=[
            Speaker(name="Ann Lee", role="spokeswoman", organisation="Acme Corp"),
            Speaker(name="an official", kind="anonymous"),
        ],
        quotes=[  # out of text order: ArticleData sorts them
            quote("“Nobody knows.”", None),
            quote("“We are close,”", "Ann Lee"),
            quote("“Not yet,”", "an official", "anonymous"),
            quote("“Acme is wrong”", "Bob Roe"),
        ],
        figures=[Figure(start=span("40 trucks")[0], end=span("40 trucks")[1], text="40 trucks", value=40.0)],
    )
    return ArticleData.of(analysis)


@pytest.fixture
def state(data: ArticleData) -> ReaderState:
    return ReaderState(data=data, sentences=sentences())


# -- the article -------------------------------------------------------------------------------


def test_the_body_starts_after_the_title_and_quotes_are_in_text_order(data: ArticleData) -> None:
    assert TEXT[data.body_start :].startswith("Ann Lee of Acme")
    assert [q.text for q in data.quotes] == ["“We are close,”", "“Not yet,”", "“Acme is wrong”", "“Nobody knows.”"]
    assert data.title == TITLE
    assert data.meta_line() == "2024-10-24"


def test_a_quote_counts_for_its_speakers_organisation(data: ArticleData) -> None:
    assert [data.quote_org(q) for q in data.quotes] == ["Acme Corp", None, None, None]
    assert data.orgs.names == {"acme corp": "Acme Corp"}
    assert data.orgs.mentions_of("ACME CORP") == [span("Acme", 0), span("Acme", 1), span("Acme", 2)]
    assert data.orgs.quotes_of("acme corp") == [0, 2]  # indices into data.quotes, in text order


def test_speaker_picker_rows_are_grouped_by_kind_people_first(data: ArticleData) -> None:
    assert data.speaker_counts() == [
        NameCount(name="Ann Lee", count=1, detail="spokeswoman, Acme Corp", group="People"),
        NameCount(name="Bob Roe", count=1, detail=None, group="People"),
        NameCount(name="an official", count=1, detail=None, group="Anonymous sources"),
    ]
    assert data.org_counts() == [NameCount(name="Acme Corp", count=2, detail="3 mentions")]


def test_people_rows_name_entities_speakers_and_unattributed_quotes(data: ArticleData) -> None:
    rows, kinds = data.people_rows()
    assert rows == [
        PeopleRow(
            name="Acme Corp", kind="organisation", ranges=(span("Acme", 0), span("Acme", 1), span("Acme", 2)), quotes=2
        ),
        PeopleRow(name="Ann Lee", kind="person", ranges=(span("Ann Lee"), span("Lee", 1)), quotes=1),
        PeopleRow(name="an official", kind="anonymous", ranges=(span("“Not yet,”"),), quotes=1),
        PeopleRow(name="Bob Roe", kind="person", ranges=(span("Bob Roe"),), quotes=1),  # as present: by name
        PeopleRow(name="", kind="unattributed", ranges=(span("“Nobody knows.”"),), quotes=1),
    ]
    assert kinds == {"person": 2, "anonymous": 1, "unattributed": 1}


def test_a_figure_row_carries_its_sentence(data: ArticleData) -> None:
    (row,) = data.figure_rows(sentences())
    assert row == FigureRow(
        index=0, figure=data.analysis.figures[0], sentence=span(" The deal covers 40 trucks a day.")
    )
    (outside,) = data.figure_rows([])
    assert outside.sentence == span("40 trucks")


# -- filters -----------------------------------------------------------------------------------


def test_without_filters_every_quote_is_shown_plainly(state: ReaderState) -> None:
    assert state.matched_quotes == [0, 1, 2, 3]
    assert {key for _s, _e, key in state.quote_marks()} == {"quote"}
    assert state.mention_marks() == []
    assert state.status_line() == ""
    assert state.first_match() is None


def test_speaker_filter_is_any_case_and_dims_the_other_quotes(state: ReaderState) -> None:
    state.set_filter("speaker", "ANN lee ")
    assert state.matched_quotes == [0]
    assert [key for _s, _e, key in state.quote_marks()] == ["quote-on", "quote-dim", "quote-dim", "quote-dim"]
    assert state.first_match() == 0
    assert state.status_line() == "Filter speaker: ANN lee  — 1 quote of 4"  # shown as chosen


def test_organisation_filter_takes_quotes_it_counts_for_or_mentions_and_marks_sentences(state: ReaderState) -> None:
    state.set_filter("org", "acme corp")
    assert state.matched_quotes == [0, 2]  # Ann Lee's (Acme Corp's spokeswoman) and the one naming Acme
    assert [(s, e) for s, e, _key in state.mention_marks()] == [sentences()[0], sentences()[2], sentences()[4]]
    assert state.status_line() == "Filter organisation: acme corp — 2 quotes of 4, 3 mentions"


def test_filters_combine_and_escape_clears_the_last_set_first(state: ReaderState) -> None:
    state.set_filter("org", "Acme Corp")
    state.set_filter("speaker", "Bob Roe")
    assert state.matched_quotes == [2]
    assert state.status_line().startswith("Filter speaker: Bob Roe + organisation: Acme Corp — 1 quote of 4")
    assert state.escape_clears() == "speaker"
    state.set_filter("speaker", None)
    assert state.escape_clears() == "org"
    state.set_filter("org", "Acme Corp")  # set again: still the only one
    assert state.filter_order == ["org"]
    state.set_filter("org", None)
    assert state.escape_clears() is None
    assert state.matched_quotes == [0, 1, 2, 3]
    assert state.status_line() == ""


def test_a_filter_matching_nothing_says_so(state: ReaderState) -> None:
    state.set_filter("speaker", "Nobody")
    assert state.matched_quotes == []
    assert state.first_match() is None
    assert state.status_line() == "Filter speaker: Nobody — 0 quotes of 4"


def test_the_current_quote_is_dropped_when_the_filter_hides_it(state: ReaderState) -> None:
    state.select_quote(1)
    assert state.status_line() == "quote 2 of 4: an official (anonymous)"
    state.set_filter("speaker", "Bob Roe")
    assert state.current_quote is None
    assert state.status_line() == "Filter speaker: Bob Roe — 1 quote of 4"  # the position went with it


def test_the_quote_position_is_counted_among_the_quotes_shown(state: ReaderState) -> None:
    state.select_quote(2)
    assert state.status_line() == "quote 3 of 4: Bob Roe"
    state.set_filter("org", "Acme Corp")
    assert state.current_quote == 2
    assert state.status_line() == "Filter organisation: Acme Corp — 2 quotes of 4, 3 mentions  │  quote 2 of 2: Bob Roe"


# -- quote navigation --------------------------------------------------------------------------


def test_next_and_previous_quote_from_the_current_one(state: ReaderState) -> None:
    state.select_quote(1)
    assert state.next_quote(1, first_visible=0) == 2
    assert state.next_quote(-1, first_visible=0) == 0
    state.select_quote(3)
    assert state.next_quote(1, first_visible=0) is None
    state.select_quote(0)
    assert state.next_quote(-1, first_visible=0) is None


def test_without_a_current_quote_navigation_starts_at_the_view(state: ReaderState, data: ArticleData) -> None:
    second = data.quotes[1].start
    assert state.next_quote(1, first_visible=second) == 1  # a quote starting at the top line is next
    assert state.next_quote(-1, first_visible=second) == 0
    assert state.next_quote(-1, first_visible=0) is None


def test_navigation_skips_the_quotes_the_filters_hide(state: ReaderState) -> None:
    state.set_filter("org", "Acme Corp")
    state.select_quote(0)
    assert state.next_quote(1, first_visible=0) == 2
    state.select_quote(2)
    assert state.next_quote(1, first_visible=0) is None


def test_the_quote_near_an_offset_is_the_innermost_else_the_first_in_its_sentence(
    state: ReaderState, data: ArticleData
) -> None:
    inside = data.quotes[2].start + 2
    assert state.quote_near(inside, sentence=None) == 2
    assert state.quote_near(0, sentence=sentences()[1]) == 0
    assert state.quote_near(0, sentence=sentences()[0]) is None
    assert state.quote_starting_at(data.quotes[3].start) == 3
    assert state.quote_starting_at(1) is None


# -- search ------------------------------------------------------------------------------------


def test_search_finds_every_occurrence_in_the_body_in_any_case(state: ReaderState) -> None:
    assert state.search("  ACME ", first_visible=0) == 0
    assert state.matches == [span("Acme", 0), span("Acme", 1), span("Acme", 2)]
    assert state.match_marks()[0][2] == "match-current"
    assert state.status_line() == "“ACME”: match 1 of 3"
    assert state.escape_clears() == "search"


def test_search_skips_the_title_and_starts_at_the_view(state: ReaderState) -> None:
    assert state.search("talks", first_visible=0) == 0
    assert state.matches == [span("talks")]  # not "Talks resume", the title
    assert state.search("acme", first_visible=span("Acme", 1)[0]) == 1
    assert state.search("acme", first_visible=len(TEXT)) == 0  # none below: the first


def test_next_match_goes_round(state: ReaderState) -> None:
    state.search("acme", first_visible=0)
    assert state.next_match(-1) == 2
    assert state.next_match(1) == 0
    assert state.status_line() == "“acme”: match 1 of 3"


def test_no_match_and_an_empty_search(state: ReaderState) -> None:
    assert state.search("zebra", first_visible=0) is None
    assert state.search_query == "zebra" and state.matches == []
    assert state.status_line() == "“zebra”: no matches"
    assert state.next_match(1) is None
    assert state.escape_clears() == "search"  # the query is still on
    assert state.search("  ", first_visible=0) is None
    assert state.search_query is None and state.status_line() == ""
    assert state.escape_clears() is None


# -- status ------------------------------------------------------------------------------------


def test_status_parts_show_filter_then_search_then_the_last_message(state: ReaderState) -> None:
    state.set_status("info", "note saved")
    state.search("acme", first_visible=0)
    state.set_filter("speaker", "Ann Lee")
    assert state.status_line() == "Filter speaker: Ann Lee — 1 quote of 4  │  “acme”: match 1 of 3  │  note saved"
    state.set_status("info", None)
    assert state.status_line().endswith("match 1 of 3")


def test_fold_compares_names_as_filters_do() -> None:
    assert fold("  Straße ") == fold("STRASSE") == "strasse"
    assert fold(None) == ""


# -- one rule with the library -------------------------------------------------------------------


def test_the_organisation_pickers_counts_are_what_its_filter_shows(data: ArticleData) -> None:
    for row in data.org_counts():
        state = ReaderState(data=data, sentences=sentences())
        state.set_filter("org", row.name)
        assert row.count == len(state.matched_quotes)
        assert state.filter_status() is not None and f"— {row.count} quote" in state.filter_status()


def test_organisation_names_compare_with_unicode_case_folding() -> None:
    text = "ÖBB runs trains. “öbb staff agreed,” a driver said. STRASSE AG said nothing. “Yes,” said Ida."

    def at(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    ents = [Entity(*at(name), label="ORG", text=name, canonical="") for name in ("ÖBB", "öbb", "STRASSE AG")]
    quotes = [
        Quote(*at("“öbb staff agreed,”"), text="“öbb staff agreed,”", speaker=None, cue="said"),
        Quote(*at("“Yes,”"), text="“Yes,”", speaker="Ida", cue="said"),
    ]
    speakers = [Speaker(name="Ida", organisation="Straße AG")]
    data = ArticleData.of(Analysis(text=text, entities=ents, speakers=speakers, quotes=quotes))
    assert data.orgs.names == {"strasse ag": "Straße AG", "öbb": "ÖBB"}  # one organisation each
    assert data.orgs.mentions_of("Öbb") == [at("ÖBB"), at("öbb")]
    assert data.org_counts() == [
        NameCount(name="Straße AG", count=1, detail="1 mention"),
        NameCount(name="ÖBB", count=1, detail="2 mentions"),
    ]
    state = ReaderState(data=data)
    state.set_filter("org", "STRASSE AG")
    assert state.matched_quotes == [1]  # Ida's: her organisation, any case
    state.set_filter("org", "öbb")
    assert state.matched_quotes == [0]  # mentions ÖBB


def test_the_reader_moves_by_the_analysers_sentences_when_stored() -> None:
    text = f"{TITLE}\n\nMr. Lee came. He said yes. Then left."
    body = text.index("Mr.")
    parts = ("Mr. Lee came. He said yes.", "Then left.")  # as the analyser split them, not the regex
    stored = [[0, len(TITLE)]] + [[text.index(p), text.index(p) + len(p)] for p in parts]
    data = ArticleData.of(Analysis(text=text, title=TITLE, sentences=stored))
    assert data.body_start == body
    assert [text[s:e] for s, e in data.sentences] == list(parts)  # offsets into the whole text; no title


def test_without_stored_sentences_the_reader_guesses_them() -> None:
    text = f"{TITLE}\n\nMr. Lee came. He said yes. Then left."
    data = ArticleData.of(Analysis(text=text, title=TITLE))
    assert [text[s:e] for s, e in data.sentences] == ["Mr. Lee came.", "He said yes.", "Then left."]


# -- reported speech ---------------------------------------------------------------------------


@pytest.fixture
def reported_state(data: ArticleData) -> ReaderState:
    """The article with reported speech: Ann Lee's "talks went well" and Acme's confirmation, and
    Bob Roe's partial quote inside his reported statement."""
    analysis = data.analysis
    start, end = span("talks went well")
    analysis.quotes.append(Quote(start, end, "talks went well", "Ann Lee", "said", "indirect", "person"))
    start, end = span("the date")
    analysis.quotes.append(Quote(start, end, "the date", "Acme Corp", "confirmed", "indirect", "organisation"))
    partial = next(q for q in analysis.quotes if q.text == "“Acme is wrong”")
    partial.kind = "partial"
    partial.statement_start, partial.statement_end = span("“Acme is wrong” and left")
    return ReaderState(data=ArticleData.of(analysis), sentences=sentences())


QUOTATIONS = ["“We are close,”", "“Not yet,”", "“Acme is wrong”", "“Nobody knows.”"]


def shown(state: ReaderState) -> list[str]:
    return [state.data.quotes[i].text for i in state.matched_quotes]


def test_reported_statements_are_listed_in_text_order_among_the_quotes(reported_state: ReaderState) -> None:
    assert shown(reported_state) == ["talks went well", QUOTATIONS[0], "the date", *QUOTATIONS[1:]]


def test_reported_speech_has_its_own_layer_and_the_quotes_layer_keeps_quotations(reported_state: ReaderState) -> None:
    assert [TEXT[s:e] for s, e, _ in reported_state.quote_marks()] == QUOTATIONS
    assert [(TEXT[s:e], key) for s, e, key in reported_state.reported_marks()] == [
        ("talks went well", "reported"),
        ("the date", "reported"),
        ("“Acme is wrong” and left", "reported"),  # the statement around the partial quote
    ]


def test_quotes_only_hides_reported_speech_everywhere(reported_state: ReaderState) -> None:
    reported_state.select_quote(0)  # "talks went well"
    assert reported_state.toggle_reported() is False
    assert shown(reported_state) == QUOTATIONS
    assert reported_state.reported_marks() == []
    assert reported_state.current_quote is None  # the reported statement it was on is hidden
    assert reported_state.status["info"] == "quotes only: reported speech hidden"
    assert reported_state.next_quote(1, 0) == reported_state.matched_quotes[0]
    assert reported_state.toggle_reported() is True
    assert len(reported_state.matched_quotes) == 6


def test_filters_count_quotes_and_reported_statements_apart(reported_state: ReaderState) -> None:
    reported_state.set_filter("speaker", "Ann Lee")
    assert reported_state.status_line() == "Filter speaker: Ann Lee — 1 quote, 1 reported of 6"
    assert [(TEXT[s:e], key) for s, e, key in reported_state.reported_marks()][:2] == [
        ("talks went well", "reported-on"),
        ("the date", "reported-dim"),
    ]
    index = reported_state.matched_quotes[0]
    reported_state.select_quote(index)
    assert reported_state.status["info"] == "reported 1 of 2: Ann Lee"
    reported_state.set_filter("speaker", None)
    reported_state.set_filter("org", "Acme Corp")  # its own statement, its spokeswoman's, and mentions
    org_texts = [reported_state.data.quotes[i].text for i in reported_state.matched_quotes]
    assert "the date" in org_texts and "talks went well" in org_texts


def test_people_and_pickers_say_which_is_which(reported_state: ReaderState) -> None:
    data = reported_state.data
    by_name = {e.name: e for e in data.speaker_counts()}
    assert (by_name["Ann Lee"].count, by_name["Ann Lee"].reported) == (1, 1)
    assert (by_name["Acme Corp"].count, by_name["Acme Corp"].reported) == (0, 1)
    rows, quote_kinds = data.people_rows()
    ann = next(r for r in rows if r.name == "Ann Lee")
    assert (ann.quotes, ann.reported) == (1, 1)
    assert sum(quote_kinds.values()) == 4  # quotations only; reported statements apart
    assert data.reported_count() == 2
    partial = next(q for q in data.quotes if q.kind == "partial")
    assert data.statement_text(partial) == "“Acme is wrong” and left"


FIGURES_TEXT = (
    "Fees rose to $3 billion. More than 100 protesters came, nearly 24 workers left and 5% stayed. "
    "A 21-year-old nurse paid $40 for 200-300 trucks per day in 2019 and Tuesday."
)


def figure(needle: str, value: float | None, kind: str, **more: Any) -> Figure:
    """A figure of ``kind`` on ``needle``'s words; ``more`` sets its other fields."""
    start = FIGURES_TEXT.index(needle)
    return Figure(start=start, end=start + len(needle), text=needle, value=value, kind=kind, **more)


@pytest.fixture
def figures_data() -> ArticleData:
    figures = [  # out of text order: the groups list them in it
        figure("Tuesday", None, "date", date="2024-10-22"),
        figure("$40", 40, "money", unit="USD"),
        figure("200-300 trucks", 200, "count", object="trucks", per="day", low=200, high=300),
        figure("24 workers", 24, "count", object="workers", qualifier="nearly"),
        figure("2019", 2019, "year"),
        figure("5%", 5, "percent", unit="percent"),
        figure("21-year-old", 21, "age", unit="year", object="nurse"),
        figure("$3 billion", 3e9, "money", unit="USD"),
        figure("100 protesters", 100, "count", object="protesters", qualifier="more than"),
        figure("Fees", 1, "tally"),  # a kind outside FIGURE_KINDS, as stored text may hold
    ]
    return ArticleData.of(Analysis(text=FIGURES_TEXT, figures=figures))


def test_every_figure_kind_has_a_group() -> None:
    assert set(FIGURE_GROUPS) == set(FIGURE_KINDS)


def test_figures_are_grouped_by_kind_in_reading_order_and_text_order_within(figures_data: ArticleData) -> None:
    groups = figures_data.figure_groups([])
    assert [(g.kind, g.heading, len(g.rows)) for g in groups] == [
        ("money", "Money", 2),
        ("count", "Counts", 3),
        ("percent", "Percentages", 1),
        ("age", "Ages", 1),
        ("year", "Years", 1),
        ("date", "Dates", 1),
        ("other", "Other figures", 1),
    ]
    assert [[r.figure.text for r in g.rows] for g in groups[:2]] == [
        ["$3 billion", "$40"],
        ["100 protesters", "24 workers", "200-300 trucks"],
    ]
    assert groups[-1].rows[0].figure.kind == "tally"


def test_grouped_figures_keep_their_text_order_index_and_sentence(figures_data: ArticleData) -> None:
    spans = [m.span() for m in re.finditer(r"[^.]+\.", FIGURES_TEXT)]
    rows = figures_data.figure_rows(spans)
    grouped = [r for g in figures_data.figure_groups(spans) for r in g.rows]
    assert sorted(grouped, key=lambda r: r.index) == rows
    (age,) = next(g for g in figures_data.figure_groups(spans) if g.kind == "age").rows
    assert FIGURES_TEXT[age.sentence[0] : age.sentence[1]].startswith(" A 21-year-old nurse")


def test_no_figures_no_groups() -> None:
    assert ArticleData.of(Analysis(text=FIGURES_TEXT)).figure_groups([]) == []
