"""The source desk's queries (issue 17): a person's page (``core.store.people``) and one figure
across articles (``core.store.figure_groups``), on a real SQLite library of hand-made analyses
(``support.desk``), and the rule that keys a figure's object (``core.figure_keys``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsread.core.figure_keys import FigureKey, figure_key, object_key, singular, unit_key
from newsread.core.store import figure_groups, people
from newsread.core.store.library import Library
from support.desk import BLINKEN, desk_library


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = desk_library(tmp_path / "desk.db")
    yield library
    library.close()


# -- figure objects ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("trucks", "truck"),
        ("hostages", "hostage"),
        ("casualties", "casualty"),
        ("boxes", "box"),
        ("churches", "church"),
        ("classes", "class"),
        ("bus", "bus"),
        ("crisis", "crisis"),
        ("dangerous", "dangerous"),
        ("gas", "gas"),
        ("covid-19", "covid-19"),
    ],
)
def test_singular_undoes_regular_plurals_only(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("The aid trucks", "aid truck"),
        ("Aid Trucks", "aid truck"),
        ("aid truck", "aid truck"),
        ("members of the security forces", "member of security force"),
        ("their hostages", "hostage"),
        ("  “hostages”, ", "hostage"),
        ("people", "people"),  # irregular: not made "person"
        ("", ""),
        (None, ""),
    ],
)
def test_object_key(words: str | None, expected: str) -> None:
    assert object_key(words) == expected


def test_unit_key_joins_a_currency_code_and_its_mark() -> None:
    assert unit_key("USD") == unit_key("$") == "$"
    assert unit_key("points") == unit_key("point") == "point"
    assert unit_key(None) == ""


def test_keys_without_a_group() -> None:
    assert figure_key("duration", "years", "year").is_empty  # its object is its unit
    assert figure_key("money", None, "USD").is_empty
    assert figure_key("ordinal", "place").is_empty
    assert not figure_key("count", "aid trucks", None, "day").is_empty
    assert figure_key("count", "aid trucks", None, "day").words() == "aid truck per day"
    assert figure_key("money", "aid", "USD").words() == "$ aid"


# -- a person's page -----------------------------------------------------------------------------


def test_page_lists_every_statement_newest_first_with_its_role_then(lib: Library) -> None:
    ident = people.find_identity(lib, BLINKEN)
    page = people.person_page(lib, ident.id)
    assert (page.name, page.kind, page.articles, page.quotes, page.reported) == (BLINKEN, "person", 3, 3, 1)
    assert page.aliases == ["Blinken"]
    rows = [(s.article_id, s.date, s.kind, s.role, s.site) for s in page.statements]
    assert rows == [
        (3, "2024-03-03", "direct", "former secretary of state", "site3.test"),
        (2, "2024-03-02", "direct", "secretary of state", "site2.test"),
        (1, "2024-03-01", "direct", "secretary of state", "site1.test"),
        (1, "2024-03-01", "indirect", "secretary of state", "site1.test"),
    ]
    assert page.statements[0].text == "“The crossings must stay open,”"
    assert page.statements[0].title == "A year on"
    assert page.matching == 4


def test_roles_over_time_in_the_header(lib: Library) -> None:
    page = people.person_page(lib, people.find_identity(lib, BLINKEN).id)
    assert [(r.role, r.organisation, r.first, r.last, r.articles) for r in page.roles] == [
        ("secretary of state", None, "2024-03-01", "2024-03-02", 2),
        ("former secretary of state", "Harvard", "2024-03-03", "2024-03-03", 1),
    ]


def test_a_bare_surname_and_any_case_open_the_same_page(lib: Library) -> None:
    full = people.find_identity(lib, BLINKEN)
    assert people.find_identity(lib, "blinken") == full
    assert people.find_identity(lib, "  ANTONY BLINKEN ") == full


def test_filters_narrow_the_rows_not_the_counts(lib: Library) -> None:
    ident = people.find_identity(lib, BLINKEN).id
    reported = people.person_page(lib, ident, people.PageQuery(kinds=people.REPORTED_KINDS))
    assert [s.text for s in reported.statements] == ["Israel must open more crossings"]
    assert (reported.matching, reported.quotes, reported.reported) == (1, 3, 1)
    quoted = people.person_page(lib, ident, people.PageQuery(kinds=people.QUOTED_KINDS))
    assert quoted.matching == 3 and not any(s.is_reported for s in quoted.statements)
    words = people.person_page(lib, ident, people.PageQuery(text="crossing"))  # the stemmed index: "crossings"
    assert [s.article_id for s in words.statements] == [3, 1]
    assert people.person_page(lib, ident, people.PageQuery(text="sta")).matching == 2  # "start", "stay": a prefix
    assert people.person_page(lib, ident, people.PageQuery(text="-crossings")).statements == []  # nothing to look for
    # the words are the statements', not the speaker's name; a quote stored under "Blinken" is found
    assert people.person_page(lib, ident, people.PageQuery(text="blinken")).matching == 0
    assert [s.speaker for s in people.person_page(lib, ident, people.PageQuery(text="start")).statements] == ["Blinken"]


def test_pages_of_a_long_list(lib: Library) -> None:
    ident = people.find_identity(lib, BLINKEN).id
    first = people.statements(lib, ident, people.PageQuery(limit=2))
    second = people.statements(lib, ident, people.PageQuery(limit=2, offset=2))
    assert first[1] == second[1] == 4
    assert [s.article_id for s in first[0] + second[0]] == [3, 2, 1, 1]
    assert people.statements(lib, ident, people.PageQuery(limit=2, offset=4)) == ([], 4)


def test_a_dense_identity_is_paged_by_walking_articles_in_the_same_order(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident = people.find_identity(lib, BLINKEN).id
    sorted_rows = people.statements(lib, ident, people.PageQuery(limit=3))
    monkeypatch.setattr(people, "DENSE_STATEMENTS", 1)
    assert people.statements(lib, ident, people.PageQuery(limit=3)) == sorted_rows


def test_an_organisation_has_a_page(lib: Library) -> None:
    page = people.person_page(lib, people.find_identity(lib, "The Ministry").id)
    assert (page.kind, page.reported, page.quotes) == ("organisation", 1, 0)


def test_anonymous_sources_and_unknown_names_have_no_page(lib: Library) -> None:
    with pytest.raises(people.NoPage, match="anonymous source's description"):
        people.find_identity(lib, "a UN official")
    with pytest.raises(people.NoPage, match="no one called"):
        people.find_identity(lib, "Nobody Atall")
    anonymous = people.identities_named(lib, "A UN official")[0]
    with pytest.raises(people.NoPage):
        people.person_page(lib, anonymous.id)


def test_the_kind_chooses_between_a_person_and_an_organisation_of_one_name(tmp_path: Path) -> None:
    from newsread.core.model import Analysis, Quote, Speaker

    def said_by(kind: str, n: int) -> Analysis:
        text = f"Apple {n}\n\n“Fine,” said Apple."
        start = text.index("“")
        quote = Quote(start, text.index(" said"), "“Fine,”", "Apple", "said", speaker_kind=kind)
        return Analysis(text=text, speakers=[Speaker("Apple", [], quotes=1, kind=kind)], quotes=[quote])

    with Library.open(tmp_path / "a.db") as library:
        library.add_analysis(said_by("organisation", 1), url="https://a.test/1")
        library.add_analysis(said_by("person", 2), url="https://a.test/2")
        with pytest.raises(people.NoPage, match=re.escape("could be Apple (organisation), Apple (person): say which")):
            people.find_identity(library, "Apple")
        assert people.find_identity(library, "Apple", "organisation").kind == "organisation"
        assert people.find_identity(library, "apple", "person").kind == "person"


def test_a_name_several_people_share_asks_for_the_full_one() -> None:
    found = [people.Identity(1, "Ben Carson", "person"), people.Identity(2, "Andre Carson", "person")]
    with pytest.raises(people.NoPage, match=r"could be Ben Carson \(person\), Andre Carson"):
        people.choose_page("Carson", found)
    assert people.choose_page("ben carson", found).id == 1


def test_names_starting_with_what_is_typed(lib: Library) -> None:
    assert [i.name for i in people.pages_named_like(lib, "blin")] == [BLINKEN]  # a tied alias
    assert [i.name for i in people.pages_named_like(lib, "ANTONY b")] == [BLINKEN]
    assert [i.name for i in people.pages_named_like(lib, "the min")] == ["the ministry"]
    assert people.pages_named_like(lib, "a un") == []  # an anonymous source: no page
    assert people.pages_named_like(lib, "%") == people.pages_named_like(lib, "  ") == []  # LIKE's marks are text


# -- one figure across articles ------------------------------------------------------------------


def test_the_same_figure_written_three_ways_is_one_group_newest_first(lib: Library) -> None:
    group = figure_groups.figure_group(lib, FigureKey("count", "aid truck", "", "day"))
    assert [(s.article_id, s.figure.value, s.date) for s in group.sightings] == [
        (3, 350.0, "2024-03-03"),
        (2, 250.0, "2024-03-02"),
        (1, 35.0, "2024-03-01"),
    ]
    assert group.complete and group.articles == 3
    assert group.related == {FigureKey("count", "aid truck"): 1}  # 797 aid trucks: a total, not a rate
    # article 3 kept its sentences; article 1 did not: the words around the figure, cut at a word
    assert group.sightings[0].sentence == "About 350 of the aid trucks a day now cross, the ministry said."
    assert group.sightings[2].sentence.startswith("Only 35 aid trucks per day crossed on Monday. “We need")
    assert group.sightings[2].sentence.endswith(" A UN official…")
    assert group.sightings[0].to_dict()["reading"] == "about 350 the aid trucks per days"


def test_a_figure_opens_its_own_group(lib: Library) -> None:
    analysis = lib.analysis(2)
    assert analysis is not None
    total = next(f for f in analysis.figures if f.per is None)
    group = figure_groups.group_of(lib, total)
    assert [(s.article_id, s.figure.value) for s in group.sightings] == [(2, 797.0)]


def test_groups_of_an_object_one_per_unit_and_rate(lib: Library) -> None:
    groups = figure_groups.groups_of_object(lib, "AID TRUCKS")
    assert [(g.key.words(), len(g.sightings)) for g in groups] == [("aid truck per day", 3), ("aid truck", 1)]
    assert figure_groups.groups_of_object(lib, "hostages") == []
    per_day = figure_groups.groups_of_object(lib, "aid trucks a day")
    assert [(g.key.words(), len(g.sightings)) for g in per_day] == [("aid truck per day", 3)]
    assert figure_groups.groups_of_object(lib, "aid trucks per week") == []
    assert figure_groups.object_and_per("the trucks per day") == ("the trucks", "day")
    assert figure_groups.object_and_per("a day") == ("a day", None)  # nothing counted before it
    assert figure_groups.object_and_per("members of a union") == ("members of a union", None)
    assert figure_groups.object_and_per("dollars per share") == ("dollars", "share")
    assert figure_groups.groups_of_object(lib, "the") == []


def test_a_limit_stops_the_search_and_says_so(lib: Library) -> None:
    group = figure_groups.figure_group(lib, FigureKey("count", "aid truck", "", "day"), limit=2)
    assert [s.article_id for s in group.sightings] == [3, 2]
    assert not group.complete
    assert not figure_groups.groups_of_object(lib, "aid trucks", limit=1)[0].complete


def test_walking_the_articles_finds_the_same_group(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    key = FigureKey("count", "aid truck", "", "day")
    sorted_group = figure_groups.figure_group(lib, key)
    monkeypatch.setattr(figure_groups, "FEW_CANDIDATES", 0)  # many candidates: walk newest first
    walked = figure_groups.figure_group(lib, key)
    assert [s.figure_id for s in walked.sightings] == [s.figure_id for s in sorted_group.sightings]
    assert walked.related == sorted_group.related
