"""Merging two identities (issue 17): ``newsread merge NAME INTO_NAME`` makes "Tony Blinken" and
"Antony Blinken" one page, one ``--speaker`` filter and one row of ``speakers``; the merge is kept
by name apart from the analysis, so it lasts through ``add --reanalyse``, a changed text and new
articles naming either; ``--undo`` takes it back; ``newsread corrections`` lists it. Real SQLite
files; the errors as the installed command prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.errors import NewsreadError
from newsread.core.model import Speaker
from newsread.core.store.library import Library
from support.desk_fixes import said_by, two_blinkens


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def _json(*args: str):
    result = _run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return two_blinkens(tmp_path / "library.db")


def _speakers(db: str) -> list[tuple[str, int, int, list[str]]]:
    return [(r["name"], r["quotes"], r["articles"], r["aliases"]) for r in _json("--db", db, "speakers")]


def test_a_merge_makes_one_page_one_filter_and_one_row(db: str) -> None:
    assert [name for name, *_ in _speakers(db)] == ["Antony Blinken", "Tony Blinken"]
    done = _json("--db", db, "merge", "tony blinken", "Antony Blinken")
    assert (done["kind"], done["fields"]) == ("merge", {"name": "Tony Blinken", "speaker_kind": "person",
                                                        "into": "Antony Blinken"})  # fmt: skip
    assert _speakers(db) == [("Antony Blinken", 4, 2, ["Tony Blinken"])]
    for name in ("Tony Blinken", "antony blinken"):
        page = _json("--db", db, "person", name)
        assert page["name"] == "Antony Blinken" and page["aliases"] == ["Tony Blinken"]
        assert (page["articles"], page["quotes"], len(page["statements"])) == (2, 4, 4)
        assert {r["role"] for r in page["roles"]} == {"Secretary of State"}
    by_either = [_json("--db", db, "quotes", "--speaker", name) for name in ("Tony Blinken", "antony blinken")]
    assert by_either[0] == by_either[1] and {q["article_id"] for q in by_either[0]} == {1, 2}
    listed = _json("--db", db, "merge", "--list")
    assert [(m["fields"]["name"], m["fields"]["into"], m["orphaned"]) for m in listed] == [
        ("Tony Blinken", "Antony Blinken", False)
    ]
    text = _run("--db", db, "merge")
    assert "Tony Blinken → Antony Blinken (person)" in text.output


def test_a_merge_lasts_through_reanalysis_a_changed_text_and_new_articles(db: str) -> None:
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    with Library.open(db) as lib:
        assert lib.add_analysis(said_by("Tony Blinken", "Tuesday."), reanalyse=True).status == "updated"
        assert lib.add_analysis(said_by("Tony Blinken", "Tuesday, later."), url="https://a.test/2").status == "updated"
        lib.add_analysis(said_by("Tony Blinken", "Wednesday."), url="https://a.test/3")
        lib.add_analysis(said_by("Antony Blinken", "Monday, again."), url="https://a.test/1")  # the target's text too
    assert _speakers(db) == [("Antony Blinken", 6, 3, ["Tony Blinken"])]
    page = _json("--db", db, "person", "Tony Blinken")
    assert page["name"] == "Antony Blinken" and len(page["statements"]) == 6


def test_undo_takes_a_merge_back(db: str) -> None:
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    undone = _json("--db", db, "merge", "--undo", "tony blinken")
    assert [m["fields"]["name"] for m in undone] == ["Tony Blinken"]
    assert [name for name, *_ in _speakers(db)] == ["Antony Blinken", "Tony Blinken"]
    assert _json("--db", db, "person", "Tony Blinken")["name"] == "Tony Blinken"
    assert _json("--db", db, "merge", "--list") == []


def test_corrections_list_the_merges(db: str) -> None:
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    lines = [json.loads(line) for line in _run("--db", db, "corrections", "--jsonl").output.splitlines()]
    assert [(c["kind"], c["fields"]["name"], c["fields"]["into"], c["url"]) for c in lines] == [
        ("merge", "Tony Blinken", "Antony Blinken", None)
    ]
    assert "merged: Tony Blinken → Antony Blinken" in _run("--db", db, "corrections").output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["Tony Blinken", "Antony Blinken", "again"], "give NAME and INTO_NAME (quote names with spaces)"),
        (["Nobody Atall", "Antony Blinken"], "no one called “Nobody Atall” is quoted in the library"),
        (["Antony Blinken", "antony blinken"], "“Antony Blinken” and “Antony Blinken” are one already"),
        (["--undo", "Tony Blinken"], "no merge of “Tony Blinken” (see `newsread merge --list`)"),
    ],
)
def test_a_merge_refused_is_one_line(db: str, args: list[str], says: str) -> None:
    with pytest.raises(NewsreadError) as refused:
        _run("--db", db, "merge", *args)
    assert str(refused.value).startswith(says)


def test_a_merge_twice_is_refused_and_the_first_kept(db: str) -> None:
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    command = [sys.executable, "-c", "from newsread.core.cli import main; main()", "--db", db, "merge"]
    proc = subprocess.run([*command, "Antony Blinken", "Tony Blinken"], capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == "newsread: “Antony Blinken” and “Antony Blinken” are one already\n"
    assert len(_json("--db", db, "merge", "--list")) == 1


def test_a_bare_surname_kept_apart_merges_and_a_merge_into_a_merged_name_follows_it(tmp_path: Path) -> None:
    db = two_blinkens(tmp_path / "library.db")
    with Library.open(db) as lib:  # two full names end in Blinken: the bare one stays a person of its own
        lib.add_analysis(said_by("Blinken", "Thursday."), url="https://a.test/4")
    assert [name for name, *_ in _speakers(db)] == ["Antony Blinken", "Blinken", "Tony Blinken"]
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    done = _json("--db", db, "merge", "Blinken", "Tony Blinken")  # Tony is Antony now: Blinken goes there
    assert done["fields"]["into"] == "Antony Blinken"
    assert _speakers(db) == [("Antony Blinken", 6, 3, ["Blinken", "Tony Blinken"])]
    assert len(_json("--db", db, "quotes", "--speaker", "blinken")) == 6


@pytest.fixture
def chained(db: str) -> str:
    """Tony Blinken merged into Antony Blinken, then Antony into Jane Roe, whose one article is then
    deleted: the end of the chain has no identity any more."""
    with Library.open(db) as lib:
        lib.add_analysis(said_by("Jane Roe", "Wednesday."), url="https://a.test/3")
    _run("--db", db, "merge", "Tony Blinken", "Antony Blinken")
    _run("--db", db, "merge", "Antony Blinken", "Jane Roe")
    with Library.open(db) as lib:
        lib.delete_articles([3])
    return db


def test_a_chain_whose_end_is_gone_stops_at_the_last_name_the_library_has(chained: str) -> None:
    listed = _json("--db", chained, "merge", "--list")
    assert [(m["fields"]["name"], m["fields"]["into"], m["orphaned"]) for m in listed] == [
        ("Tony Blinken", "Antony Blinken", False),
        ("Antony Blinken", "Jane Roe", True),
    ]
    assert _speakers(chained) == [("Antony Blinken", 4, 2, ["Tony Blinken"])]
    assert _json("--db", chained, "person", "Tony Blinken")["name"] == "Antony Blinken"


def test_a_name_whose_merge_is_orphaned_is_refused_in_one_line(chained: str) -> None:
    with Library.open(chained) as lib:
        lib.add_analysis(said_by("Omar Haddad", "Thursday."), url="https://a.test/4")
    command = [sys.executable, "-c", "from newsread.core.cli import main; main()", "--db", chained, "merge"]
    proc = subprocess.run([*command, "Antony Blinken", "Omar Haddad"], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        "newsread: “Antony Blinken” is merged into “Jane Roe”: undo that first "
        "(newsread merge --undo “Antony Blinken”)\n"
    )
    assert len(_json("--db", chained, "merge", "--list")) == 2


def test_a_merge_or_undo_that_cannot_be_written_is_one_line(db: str) -> None:
    from newsread.core.store.merges import merge, merges, unmerge

    with Library.open(db) as lib:
        lib.conn.execute("PRAGMA query_only = ON")  # as a read-only file would: every write fails
        with pytest.raises(NewsreadError, match="read-only"):
            merge(lib, "Tony Blinken", "Antony Blinken")
        lib.conn.execute("PRAGMA query_only = OFF")
        merge(lib, "Tony Blinken", "Antony Blinken")
        lib.conn.execute("PRAGMA query_only = ON")
        with pytest.raises(NewsreadError, match="read-only"):
            unmerge(lib, "Tony Blinken")
        assert len(merges(lib)) == 1


def test_the_merges_into_a_page_leave_out_its_own_orphaned_merge(chained: str) -> None:
    from newsread.core.store.merges import merged_into_page
    from newsread.core.store.people import find_identity

    with Library.open(chained) as lib:
        page = find_identity(lib, "Antony Blinken")
        assert [(m.name, m.into_name) for m in merged_into_page(lib, page.id)] == [("Tony Blinken", "Antony Blinken")]


def test_a_person_and_an_organisation_are_not_merged(db: str) -> None:
    with Library.open(db) as lib:
        council = said_by("Port Council", "Friday.")
        quotes = [replace(q, speaker_kind="organisation") for q in council.quotes]
        speakers = [Speaker(name="Port Council", kind="organisation", quotes=2)]
        lib.add_analysis(replace(council, quotes=quotes, speakers=speakers), url="https://a.test/6")
    with pytest.raises(NewsreadError) as refused:
        _run("--db", db, "merge", "Port Council", "Tony Blinken")
    assert str(refused.value) == "“Port Council” is an organisation and “Tony Blinken” a person: not merged"
