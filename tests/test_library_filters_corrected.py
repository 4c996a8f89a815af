"""The library list's speaker and organisation filters (``s`` / ``o``) and ``newsread speakers``
follow the corrections (issue 17), on real SQLite libraries: a quote reassigned to someone puts its
article under their filter and takes it from its old speaker's when it was their only quote there,
a quote reassigned to an organisation or marked as not a quote moves the article in or out of the
organisation's filter, the speakers' counts are the corrected ones; the same whether the filter is
collected or walked newest first, and again after a correction made by another connection."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.corrections import correct_added, correct_not_quote, correct_speaker
from newsread.core.model import Analysis, Speaker
from newsread.core.store.library import Library
from newsread.tui.library.model import LibraryView
from support.desk_fixes import said_by, story


def by_council(lead: str) -> Analysis:
    """An article whose two quotes the Port Council (an organisation, named nowhere else) said."""
    said = said_by("Port Council", lead)
    quotes = [replace(q, speaker_kind="organisation") for q in said.quotes]
    return replace(said, quotes=quotes, speakers=[Speaker(name="Port Council", kind="organisation", quotes=2)])


def speakers_library(path: Path) -> str:
    """Article 1: Ben Cole's two quotes; 2: Ben Cole's two quotes; 3: the Port Council's two; 4: Ada
    Moss's two. Nothing corrected yet."""
    db = str(path / "library.db")
    with Library.open(db) as lib:
        lib.add_analysis(replace(said_by("Ben Cole", "Monday."), published="2024-01-01"), url="https://a.test/1")
        lib.add_analysis(replace(said_by("Ben Cole", "Tuesday."), published="2024-01-02"), url="https://a.test/2")
        lib.add_analysis(replace(by_council("Wednesday."), published="2024-01-03"), url="https://a.test/3")
        lib.add_analysis(replace(said_by("Ada Moss", "Thursday."), published="2024-01-04"), url="https://a.test/4")
    return db


def _ids(lib: Library, kind: str, name: str) -> list[int]:
    """The articles the library screen lists under its ``kind`` filter for ``name``."""
    return lib.article_ids(**LibraryView().filtered_by(kind, name).query_kwargs())  # type: ignore[arg-type]


@pytest.fixture(params=["collected", "walked"])
def walk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each filter both ways the store reads it: collecting the few matches, or walking the
    articles newest first (a filter denser than ``DENSE_FILTER_ROWS``)."""
    if request.param == "walked":
        monkeypatch.setattr(Library, "DENSE_FILTER_ROWS", 0)


@pytest.mark.usefixtures("walk")
def test_a_reassigned_quote_moves_its_article_between_speakers_filters(tmp_path: Path) -> None:
    db = speakers_library(tmp_path)
    with Library.open(db) as lib:
        assert (_ids(lib, "speaker", "Ben Cole"), _ids(lib, "speaker", "Ada Moss")) == ([2, 1], [4])
        first, second = lib.analysis(1).quotes
        correct_speaker(lib, 1, first, "Ada Moss", "person")  # one of his two: he still speaks there
        assert _ids(lib, "speaker", "Ada Moss") == [4, 1]
        assert _ids(lib, "speaker", "Ben Cole") == [2, 1]
        correct_speaker(lib, 1, second, "Jane Roe", "person")  # the other: he no longer does
        assert _ids(lib, "speaker", "Ben Cole") == [2]
        assert _ids(lib, "speaker", "Jane Roe") == [1]
        assert _ids(lib, "speaker", "Ada Moss") == [4, 1]
        start = lib.analysis(2).text.index("Talks went on")
        correct_added(lib, 2, start, start + len("Talks went on"), "Jane Roe", "person")
        assert _ids(lib, "speaker", "Jane Roe") == [2, 1]
        assert lib.articles(speaker="jane roe", unread_only=True, limit=1)[0].id == 2  # other filters still apply


@pytest.mark.usefixtures("walk")
def test_the_organisation_filter_follows_quotes_reassigned_to_it_or_marked_not_quotes(tmp_path: Path) -> None:
    db = speakers_library(tmp_path)
    with Library.open(db) as lib:
        assert _ids(lib, "organisation", "Port Council") == [3]
        council = lib.analysis(3).quotes
        correct_not_quote(lib, 3, council[0])
        assert _ids(lib, "organisation", "port council") == [3]  # its other quote is still there
        correct_not_quote(lib, 3, council[1])
        assert _ids(lib, "organisation", "Port Council") == []
        correct_speaker(lib, 4, lib.analysis(4).quotes[0], "Port Council", "organisation")
        assert _ids(lib, "organisation", "Port Council") == [4]
        both = LibraryView().filtered_by("organisation", "Port Council").filtered_by("speaker", "Ada Moss")
        assert lib.article_ids(**both.query_kwargs()) == [4]  # her other quote: both filters keep it


def test_a_correction_by_another_connection_is_followed_at_the_next_read(tmp_path: Path) -> None:
    db = speakers_library(tmp_path)
    with Library.open(db) as reader, Library.open(db) as writer:
        assert _ids(reader, "speaker", "Jane Roe") == []
        for quote in writer.analysis(1).quotes:
            correct_speaker(writer, 1, quote, "Jane Roe", "person")
        assert _ids(reader, "speaker", "Jane Roe") == [1]
        assert _ids(reader, "speaker", "Ben Cole") == [2]
        correct_speaker(writer, 1, writer.analysis(1).quotes[0], "Ben Cole", "person")
        assert _ids(reader, "speaker", "Ben Cole") == [2, 1]


def _speakers(db: str, *args: str) -> dict[str, dict]:
    result = CliRunner().invoke(cli, ["--db", db, "speakers", "--json", *args], catch_exceptions=False)
    assert result.exit_code == 0
    return {r["name"]: r for r in json.loads(result.output)}


def test_speakers_json_counts_the_corrected_quotes(tmp_path: Path) -> None:
    db = speakers_library(tmp_path)
    before = _speakers(db)
    assert {n: (r["quotes"], r["articles"]) for n, r in before.items()} == {
        "Ben Cole": (4, 2), "Port Council": (2, 1), "Ada Moss": (2, 1),
    }  # fmt: skip
    with Library.open(db) as lib:
        for quote in lib.analysis(1).quotes:
            correct_speaker(lib, 1, quote, "Jane Roe", "person")
        correct_not_quote(lib, 3, lib.analysis(3).quotes[0])
        correct_speaker(lib, 4, lib.analysis(4).quotes[1], "Ben Cole", "person")
    after = _speakers(db)
    assert {n: (r["quotes"], r["articles"]) for n, r in after.items()} == {
        "Ben Cole": (3, 2), "Jane Roe": (2, 1), "Ada Moss": (1, 1), "Port Council": (1, 1),
    }  # fmt: skip
    assert list(after) == ["Ben Cole", "Jane Roe", "Ada Moss", "Port Council"]  # most quoted first, then by name
    assert list(_speakers(db, "--limit", "2")) == ["Ben Cole", "Jane Roe"]
    assert list(_speakers(db, "--kind", "organisation")) == ["Port Council"]


def test_speakers_counts_follow_corrections_with_a_merge(tmp_path: Path) -> None:
    db = speakers_library(tmp_path)
    with Library.open(db) as lib:
        for quote in lib.analysis(1).quotes:
            correct_speaker(lib, 1, quote, "Jane Roe", "person")
    result = CliRunner().invoke(cli, ["--db", db, "merge", "Jane Roe", "Ada Moss"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = _speakers(db)
    assert {n: (r["quotes"], r["articles"]) for n, r in rows.items()} == {
        "Ada Moss": (4, 2), "Ben Cole": (2, 1), "Port Council": (2, 1),
    }  # fmt: skip
    assert "Jane Roe" in rows["Ada Moss"]["aliases"]


def test_speakers_keep_a_speaker_named_but_not_quoted_in_a_corrected_article_as_their_page_does(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "library.db")
    with Library.open(db) as lib:  # Ann Lee's three quotes; Omar Haddad, the minister, named, not quoted
        lib.add_analysis(story(), url="https://a.test/talks")
        said, other, _ = story().quotes
        correct_not_quote(lib, 1, other)  # nothing to do with him
    omar = ("Omar Haddad", 0, 1, "Minister")
    rows = _speakers(db)
    assert [(n, r["quotes"], r["articles"], r["role"]) for n, r in rows.items()] == [
        ("Ann Lee", 2, 1, "Mayor"), omar,
    ]  # fmt: skip
    page = _person(db, "Omar Haddad")
    assert (page["quotes"], page["articles"], [r["role"] for r in page["roles"]]) == (0, 1, ["Minister"])
    with Library.open(db) as lib:
        correct_speaker(lib, 1, said, "Omar Haddad", "person")  # now quoted there: counted once
    assert (_speakers(db)["Omar Haddad"]["quotes"], _speakers(db)["Omar Haddad"]["articles"]) == (1, 1)
    assert (_person(db, "Omar Haddad")["quotes"], _person(db, "Omar Haddad")["articles"]) == (1, 1)


def _person(db: str, name: str) -> dict:
    result = CliRunner().invoke(cli, ["--db", db, "person", name, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.usefixtures("walk")
def test_the_organisation_of_a_speaker_named_but_not_quoted_keeps_a_corrected_article(tmp_path: Path) -> None:
    db = str(tmp_path / "library.db")
    with Library.open(db) as lib:  # Omar Haddad, of the Ministry of Works, named there, not quoted
        lib.add_analysis(story(), url="https://a.test/talks")
        assert _ids(lib, "organisation", "Ministry of Works") == [1]
        correct_not_quote(lib, 1, story().quotes[1])  # one of Ann Lee's: nothing to do with him
        assert _ids(lib, "organisation", "Ministry of Works") == [1]


def _orgs(db: str) -> dict[str, tuple[int, int, int]]:
    result = CliRunner().invoke(cli, ["--db", db, "orgs", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {r["name"]: (r["articles"], r["quotes"], r["reported"]) for r in json.loads(result.output)}


@pytest.mark.usefixtures("walk")
def test_orgs_count_a_quote_reassigned_to_another_organisations_person_as_the_filter_lists_it(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "library.db")
    with Library.open(db) as lib:  # 1: Ben Cole of the Port Authority quoted twice, Ada Moss of the Dock Union named
        said = said_by("Ben Cole", "Monday.")
        speakers = [Speaker(name="Ben Cole", organisation="Port Authority", quotes=2),
                    Speaker(name="Ada Moss", organisation="Dock Union")]  # fmt: skip
        lib.add_analysis(replace(said, speakers=speakers, published="2024-01-01"), url="https://a.test/1")
        ada = said_by("Ada Moss", "Tuesday.")
        ada = replace(ada, speakers=[Speaker(name="Ada Moss", organisation="Dock Union", quotes=2)])
        lib.add_analysis(replace(ada, published="2024-01-02"), url="https://a.test/2")
        before = {o.name: (o.articles, o.quotes, o.reported) for o in lib.organisations()}
        assert before == {"Port Authority": (1, 2, 0), "Dock Union": (2, 2, 0)}
        assert (_ids(lib, "organisation", "Port Authority"), _ids(lib, "organisation", "Dock Union")) == ([1], [2, 1])
        correct_speaker(lib, 1, lib.analysis(1).quotes[0], "Ada Moss", "person")
        after = {o.name: (o.articles, o.quotes, o.reported) for o in lib.organisations()}
        assert after == {"Port Authority": (1, 1, 0), "Dock Union": (2, 3, 0)}  # one quotation moved
        assert (_ids(lib, "organisation", "Port Authority"), _ids(lib, "organisation", "Dock Union")) == ([1], [2, 1])
        assert len(lib.articles(organisation="Dock Union")) == after["Dock Union"][0]
        correct_speaker(lib, 1, lib.analysis(1).quotes[1], "Ada Moss", "person")  # Ben Cole no longer quoted there
        gone = {o.name: (o.articles, o.quotes, o.reported) for o in lib.organisations()}
        assert (_ids(lib, "organisation", "Port Authority"), _ids(lib, "organisation", "Dock Union")) == ([], [2, 1])
        assert gone == {"Dock Union": (2, 4, 0)}  # none of its quotes left, nor an article the filter lists
    assert _orgs(db) == gone
