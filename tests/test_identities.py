"""Speaker kinds and one identity per person across the library: the rule (no SQLite), the store,
the v1 -> v2 migration and the CLI on top."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.model import Analysis, Entity, Quote, Speaker
from newsread.core.store import schema
from newsread.core.store.identities import (
    Identity,
    choose_identity,
    infer_kind,
    surname_of,
    surname_owner,
)
from newsread.core.store.library import Library

# -- the rule --------------------------------------------------------------------------------------

DONALD = Identity(1, "Donald Trump", "person")
MELANIA = Identity(2, "Melania Trump", "person")
BEN = Identity(3, "Ben Carson", "person")
ANDRE = Identity(4, "Andre Carson", "person")
BARE_TRUMP = Identity(5, "Trump", "person")
CFR = Identity(6, "Council on Foreign Relations", "organisation")


def test_bare_surname_is_the_one_full_name_ending_in_it() -> None:
    assert choose_identity("Trump", "person", same_surname=[DONALD]) == DONALD
    # even when a bare "Trump" identity exists already: the full name wins
    assert choose_identity("Trump", "person", same_name=[BARE_TRUMP], same_surname=[DONALD]) == DONALD
    assert choose_identity("trump", "person", same_surname=[DONALD]) == DONALD


def test_bare_surname_shared_by_several_full_names_stays_apart() -> None:
    assert choose_identity("Carson", "person", same_surname=[BEN, ANDRE]) is None
    assert choose_identity("Trump", "person", same_name=[BARE_TRUMP], same_surname=[DONALD, MELANIA]) == BARE_TRUMP
    assert surname_owner([BEN, ANDRE], "Carson") is None
    assert surname_owner([BEN, ANDRE, DONALD], "Trump") == DONALD


def test_full_names_sharing_a_surname_are_different_people() -> None:
    assert choose_identity("Melania Trump", "person", same_name=[], same_surname=[DONALD]) is None
    assert choose_identity("Donald Trump", "person", same_name=[DONALD]) == DONALD
    assert choose_identity("DONALD  trump", "person", same_name=[DONALD]) == DONALD


def test_kind_must_match_and_only_people_go_by_surname() -> None:
    assert choose_identity("Donald Trump", "organisation", same_name=[DONALD]) is None
    assert choose_identity("Trump", "organisation", same_surname=[DONALD]) is None
    assert surname_of("Martin Luther King Jr.", "person") == "King"
    assert surname_of("Trump", "person") is None
    assert surname_of("Council on Foreign Relations", "organisation") is None
    assert surname_owner([Identity(9, "Trump Organization", "organisation")], "Organization") is None


def test_organisations_by_name_case_insensitively_or_by_one_alias() -> None:
    assert choose_identity("council on foreign relations", "organisation", same_name=[CFR]) == CFR
    assert choose_identity("CFR", "organisation", same_alias=[CFR]) == CFR
    other = Identity(7, "Commission for Refugees", "organisation")
    assert choose_identity("CFR", "organisation", same_alias=[CFR, other]) is None
    assert choose_identity("Cook", "person", same_alias=[CFR]) is None


def test_kind_inferred_for_old_rows() -> None:
    assert infer_kind(None) == "unattributed"
    assert infer_kind("Reuters", is_organisation=True) == "organisation"
    assert infer_kind("a university spokesperson") == "anonymous"
    assert infer_kind("Steven Cook") == "person"


# -- the store -------------------------------------------------------------------------------------


def _article(
    text: str, speakers: list[tuple[str, list[str], str]], *, orgs: tuple[str, ...] = (), title: str = "T"
) -> Analysis:
    """An analysis with one quote per speaker (name, aliases, kind) and one unattributed quote."""
    quotes = [Quote(0, 4, text[:4], name, "said", speaker_kind=kind) for name, _, kind in speakers]
    quotes.append(Quote(5, 9, text[5:9], None, None))
    return Analysis(
        text=text,
        title=title,
        published="2024-01-02",
        entities=[Entity(0, 4, "ORG", text[:4], o) for o in orgs],
        speakers=[Speaker(n, a, quotes=1, kind=k) for n, a, k in speakers],
        quotes=quotes,
        model="test",
    )


def _names(lib: Library) -> dict[str, tuple[str, int, list[str]]]:
    return {s.name: (s.kind, s.quotes, s.aliases) for s in lib.speakers()}


def test_kinds_are_stored_and_loaded(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        res = lib.add_analysis(
            _article(
                "Text one of the article.",
                [
                    ("Steven Cook", ["Cook"], "person"),
                    ("a university spokesperson", [], "anonymous"),
                    ("court records", [], "document"),
                    ("Reuters", [], "organisation"),
                ],
            )
        )
        a = lib.analysis(res.article_id)
        assert a is not None
        assert [(s.name, s.kind) for s in a.speakers] == [
            ("Steven Cook", "person"),
            ("a university spokesperson", "anonymous"),
            ("court records", "document"),
            ("Reuters", "organisation"),
        ]
        assert [q.speaker_kind for q in a.quotes] == ["person", "anonymous", "document", "organisation", "unattributed"]
        assert {q.speaker_kind for q in lib.quotes()} == {
            "person",
            "anonymous",
            "document",
            "organisation",
            "unattributed",
        }
        assert [q.speaker for q in lib.quotes(speaker_kind="anonymous")] == ["a university spokesperson"]
        assert [q.speaker for q in lib.quotes(speaker_kind="unattributed")] == [None]
        assert {s.name: s.kind for s in lib.speakers()}["court records"] == "document"
        assert [s.name for s in lib.speakers(kind="organisation")] == ["Reuters"]
        # model.quote_organisation: an organisation speaking for itself is one of its quotes
        assert [q.speaker for q in lib.quotes(organisation="reuters")] == ["Reuters"]


def test_bare_surname_in_another_article_is_the_one_full_name(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(_article("Article one text.", [("Donald Trump", ["Trump"], "person")]))
        b = lib.add_analysis(_article("Article two text.", [("Trump", [], "person")])).article_id
        assert _names(lib) == {"Donald Trump": ("person", 2, ["Trump"])}
        assert {q.article_id for q in lib.quotes(speaker="donald trump")} == {1, b}
        assert lib.speaker_names("DONALD TRUMP") == ["Donald Trump", "Trump"]
        assert [a.id for a in lib.articles(speaker="donald trump")] == [b, 1]
        ident = lib.speakers()[0].identity_id
        assert len(lib.quotes(identity_id=ident)) == 2


def test_a_later_full_name_takes_the_earlier_bare_surname(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(_article("Article one text.", [("Trump", [], "person")]))
        lib.add_analysis(_article("Article two text.", [("Trump", [], "person")]))
        assert _names(lib) == {"Trump": ("person", 2, [])}
        lib.add_analysis(_article("Article three text.", [("Donald Trump", ["Trump"], "person")]))
        assert _names(lib) == {"Donald Trump": ("person", 3, ["Trump"])}
        assert len(lib.quotes(speaker="Donald Trump")) == 3
        assert lib.conn.execute("SELECT COUNT(*) FROM identities").fetchone()[0] == 1
        # A second Trump: the bare surname could be either, so it stands apart again.
        lib.add_analysis(_article("Article four text.", [("Melania Trump", ["Trump"], "person")]))
        assert _names(lib) == {
            "Donald Trump": ("person", 1, ["Trump"]),
            "Melania Trump": ("person", 1, ["Trump"]),
            "Trump": ("person", 2, []),
        }
        assert [q.article_id for q in lib.quotes(speaker="donald trump")] == [3]
        assert [q.article_id for q in lib.quotes(speaker="melania trump")] == [4]
        # A bare name added now stays apart too.
        lib.add_analysis(_article("Article five text.", [("Trump", [], "person")]))
        assert _names(lib)["Trump"] == ("person", 3, [])


def test_people_sharing_a_surname_stay_apart(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(_article("Article one text.", [("Ben Carson", ["Carson"], "person")]))
        lib.add_analysis(_article("Article two text.", [("Andre Carson", ["Carson"], "person")]))
        lib.add_analysis(_article("Article three text.", [("Carson", [], "person")]))
        assert set(_names(lib)) == {"Ben Carson", "Andre Carson", "Carson"}
        assert [q.article_id for q in lib.quotes(speaker="ben carson")] == [1]
        # the bare surname is a name of each: asking for it finds them all
        assert {q.article_id for q in lib.quotes(speaker="carson")} == {1, 2, 3}


def test_organisations_join_by_name_and_acronym(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(_article("Article one text.", [("CFR", [], "organisation")]))
        lib.add_analysis(_article("Article two text.", [("Council on Foreign Relations", ["CFR"], "organisation")]))
        lib.add_analysis(_article("Article three text.", [("council on foreign relations", [], "organisation")]))
        assert _names(lib) == {"Council on Foreign Relations": ("organisation", 3, ["CFR"])}
        assert len(lib.quotes(speaker="cfr")) == 3


def test_reanalysis_drops_a_name_and_its_ties(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        first = lib.add_analysis(_article("Article one text.", [("Donald Trump", ["Trump"], "person")]), url="u1")
        lib.add_analysis(_article("Article two text.", [("Trump", [], "person")]))
        assert set(_names(lib)) == {"Donald Trump"}
        # the article naming him in full now quotes someone else
        changed = _article("Article one text, changed.", [("Steven Cook", ["Cook"], "person")])
        assert lib.add_analysis(changed, url="u1").article_id == first.article_id
        assert set(_names(lib)) == {"Steven Cook", "Trump"}
        assert lib.quotes(speaker="donald trump") == []
        ids = {r[0] for r in lib.conn.execute("SELECT identity_id FROM quotes WHERE speaker IS NOT NULL")}
        known = {r[0] for r in lib.conn.execute("SELECT id FROM identities")}
        assert ids <= known and None not in ids


# -- the v1 -> v2 migration ------------------------------------------------------------------------


def _v1_library(path: Path) -> None:
    """A library as newsread with schema 1 wrote it: the v1 tables, rows without kinds or identities."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 1)
    conn.execute("COMMIT")
    articles = [
        (1, "Trump", [], ["Reuters"], ["Reuters"]),
        (2, "Donald Trump", ["Trump"], [], []),
        (3, "a spokesperson", [], ["CFR"], []),
    ]
    for aid, name, aliases, speakers_extra, orgs in articles:
        text = f"Article number {aid} text."
        conn.execute(
            "INSERT INTO articles (id, title, text, content_hash, added, published, quote_count) "
            "VALUES (?, ?, ?, ?, '2024-01-01T00:00:00Z', ?, 2)",
            (aid, f"T{aid}", text, f"h{aid}", f"2024-01-0{aid}"),
        )
        for o in orgs:
            conn.execute(
                "INSERT INTO entities (article_id, start, end, label, text, canonical) VALUES (?, 0, 4, 'ORG', ?, ?)",
                (aid, o, o),
            )
        for n, al in [(name, aliases), *((x, []) for x in speakers_extra)]:
            cur = conn.execute(
                "INSERT INTO speakers (article_id, name, aliases, quotes) VALUES (?, ?, ?, 1)", (aid, n, json.dumps(al))
            )
            for a in {n, *al}:
                conn.execute("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", (cur.lastrowid, a))
            conn.execute(
                "INSERT INTO quotes (article_id, start, end, text, speaker, cue, kind) "
                "VALUES (?, 0, 4, ?, ?, 'said', 'direct')",
                (aid, text[:4], n),
            )
        conn.execute(
            "INSERT INTO quotes (article_id, start, end, text, speaker, kind) VALUES (?, 5, 9, ?, NULL, 'direct')",
            (aid, text[5:9]),
        )
    conn.close()


def test_v1_library_migrates_to_kinds_and_identities(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_library(path)
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
        kinds = dict(lib.conn.execute("SELECT name, kind FROM speakers").fetchall())
        assert kinds == {
            "Trump": "person",
            "Reuters": "organisation",
            "Donald Trump": "person",
            "a spokesperson": "anonymous",
            "CFR": "person",  # not an entity of its article: nothing says it is an organisation
        }
        by_kind = {(q.speaker, q.speaker_kind) for q in lib.quotes()}
        assert (None, "unattributed") in by_kind and ("a spokesperson", "anonymous") in by_kind
        assert ("Reuters", "organisation") in by_kind
        # the bare "Trump" of article 1 is Donald Trump of article 2
        summary = {s.name: s for s in lib.speakers()}
        assert summary["Donald Trump"].quotes == 2 and summary["Donald Trump"].articles == 2
        assert summary["Donald Trump"].aliases == ["Trump"]
        assert "Trump" not in summary
        assert {q.article_id for q in lib.quotes(speaker="donald trump")} == {1, 2}
        assert [q.speaker for q in lib.quotes(speaker_kind="anonymous")] == ["a spokesperson"]
        # new articles keep using the same identities
        lib.add_analysis(_article("A new article text.", [("Trump", [], "person")]))
        assert {s.name: s.quotes for s in lib.speakers()}["Donald Trump"] == 3
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert path.with_name("old.db.bak-v1").exists()


# -- the CLI ---------------------------------------------------------------------------------------


def _run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "240"}).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def kinds_db(tmp_path: Path) -> str:
    path = tmp_path / "k.db"
    with Library.open(path) as lib:
        lib.add_analysis(_article("Article one text.", [("Donald Trump", ["Trump"], "person")]))
        lib.add_analysis(
            _article(
                "Article two text.",
                [
                    ("Trump", [], "person"),
                    ("a [bold]spokes\x1b[31mperson[/bold]", [], "anonymous"),
                    ("Reuters", [], "organisation"),
                ],
            )
        )
    return str(path)


def test_cli_speakers_by_kind_and_quotes_by_identity(kinds_db: str) -> None:
    rows = json.loads(_run("--db", kinds_db, "speakers", "--json"))
    assert {(r["name"], r["kind"], r["quotes"]) for r in rows} == {
        ("Donald Trump", "person", 2),
        ("a [bold]spokes\x1b[31mperson[/bold]", "anonymous", 1),
        ("Reuters", "organisation", 1),
    }
    orgs = json.loads(_run("--db", kinds_db, "speakers", "--kind", "organisation", "--json"))
    assert [r["name"] for r in orgs] == ["Reuters"]
    quotes = json.loads(_run("--db", kinds_db, "quotes", "--speaker", "donald trump", "--json"))
    assert sorted(q["speaker"] for q in quotes) == ["Donald Trump", "Trump"]
    assert {q["speaker_kind"] for q in quotes} == {"person"}
    anon = json.loads(_run("--db", kinds_db, "quotes", "--speaker-kind", "anonymous", "--json"))
    assert [q["speaker_kind"] for q in anon] == ["anonymous"]
    none = json.loads(_run("--db", kinds_db, "quotes", "--speaker-kind", "unattributed", "--json"))
    assert len(none) == 2 and all(q["speaker"] is None for q in none)


def test_cli_tables_show_kinds_and_never_raw_names(kinds_db: str) -> None:
    table = _run("--db", kinds_db, "speakers")
    assert "anonymous" in table and "organisation" in table
    assert "\x1b" not in table and "␛" in table
    assert "[bold]" in table  # markup in a name is shown as text, not applied
    quotes = _run("--db", kinds_db, "quotes")
    assert "\x1b" not in quotes and "[bold]" in quotes


def test_cli_export_quotes_carry_speaker_kind(kinds_db: str) -> None:
    data = json.loads(_run("--db", kinds_db, "export", "quotes", "--format", "json"))
    assert {q["speaker_kind"] for q in data} == {"person", "anonymous", "organisation", "unattributed"}
    csv_text = _run("--db", kinds_db, "export", "quotes", "--format", "csv")
    assert csv_text.splitlines()[0].endswith("Speaker kind,Kind,Statement")
    md = _run("--db", kinds_db, "export", "quotes", "--speaker-kind", "anonymous")
    assert "anonymous" in md and "Donald Trump" not in md
