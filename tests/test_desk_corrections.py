"""A person's page follows the corrections (issue 17), on real SQLite libraries: a quote
reassigned to someone is on their page and off its old speaker's, a span marked as not a quote is
on no page, a quote added from a selection is on its speaker's page (a name the analysis never
quoted gets a page), an edited role is the one shown, each marked corrected; in the store, in
``newsread person --json`` and after ``add`` of a changed text (re-anchored)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.store.library import Library
from newsread.core.store.people import PageQuery, find_identity, person_page
from support.desk_fixes import LEAD, OTHER, SAID, THIRD, corrected_library, story


def _page(db: str, name: str, query: PageQuery | None = None):
    with Library.open(db) as lib:
        return person_page(lib, find_identity(lib, name).id, query or PageQuery())


def test_a_reassigned_quote_is_on_its_new_speakers_page_and_off_the_old_ones(tmp_path: Path) -> None:
    db = corrected_library(tmp_path)
    omar = _page(db, "Omar Haddad")
    assert [(s.article_id, s.text, s.corrected, s.role) for s in omar.statements] == [(1, SAID, True, "Minister")]
    assert (omar.quotes, omar.reported, omar.matching) == (1, 0, 1)
    ann = _page(db, "Ann Lee")
    assert [(s.article_id, s.text, s.corrected) for s in ann.statements] == [
        (1, THIRD, True),  # her role there edited
        (2, SAID, False),
        (2, OTHER, False),
        (2, THIRD, False),
    ]
    assert ann.statements[0].role == "Governor" and ann.statements[1].role == "Mayor"
    assert (ann.articles, ann.quotes) == (2, 4)
    assert {(r.role, r.articles) for r in ann.roles} == {("Governor", 1), ("Mayor", 1)}


def test_an_added_quote_gives_a_name_the_analysis_never_quoted_a_page(tmp_path: Path) -> None:
    db = corrected_library(tmp_path)
    jane = _page(db, "jane roe")
    assert [(s.text, s.corrected) for s in jane.statements] == [(LEAD, True)]
    data = jane.to_dict()["statements"][0]
    assert data["quote_id"] is None and data["correction_id"] == 3
    assert [s.text for s in _page(db, "Jane Roe", PageQuery(text="omar")).statements] == [LEAD]
    assert _page(db, "Jane Roe", PageQuery(text="crossings")).statements == []
    assert [s.text for s in _page(db, "Omar Haddad", PageQuery(text="crossings")).statements] == [SAID]
    assert _page(db, "Omar Haddad", PageQuery(kinds=("indirect",))).statements == []


def test_a_page_of_statements_with_corrections_is_that_page_of_the_whole(tmp_path: Path) -> None:
    db = corrected_library(tmp_path)
    whole = [(s.article_id, s.text) for s in _page(db, "Ann Lee").statements]
    for size in (1, 2, 3):
        pages = [_page(db, "Ann Lee", PageQuery(limit=size, offset=o)) for o in range(0, 6, size)]
        assert [(s.article_id, s.text) for p in pages for s in p.statements] == whole
        assert {p.matching for p in pages} == {4}


def test_newsread_person_json_follows_the_corrections(tmp_path: Path) -> None:
    db = corrected_library(tmp_path)
    result = CliRunner().invoke(cli, ["--db", db, "person", "Omar Haddad", "--json"], catch_exceptions=False)
    page = json.loads(result.output)
    assert [(s["text"], s["corrected"], s["role"]) for s in page["statements"]] == [(SAID, True, "Minister")]
    result = CliRunner().invoke(cli, ["--db", db, "person", "Ann Lee"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and result.output.count(OTHER) == 1  # article 2's; article 1's is not a quote
    assert "Governor · direct · corrected" in result.output and "Mayor · direct\n" in result.output


def test_the_pages_are_the_same_after_add_reanalyse(tmp_path: Path) -> None:
    db = corrected_library(tmp_path)
    before = {name: _page(db, name).to_dict() for name in ("Omar Haddad", "Ann Lee", "Jane Roe")}
    with Library.open(db) as lib:
        assert lib.add_analysis(story("Updated.\n\n"), reanalyse=True).status == "updated"
    after = {name: _page(db, name).to_dict() for name in before}
    for name, page in after.items():  # the quotes' rows are new; all else as before
        for statement in (*page["statements"], *before[name]["statements"]):
            statement.pop("quote_id")
        page.pop("identity_id"), before[name].pop("identity_id")
    assert after == before
    assert [s["text"] for s in after["Omar Haddad"]["statements"]] == [SAID]
