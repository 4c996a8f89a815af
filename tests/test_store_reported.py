"""Reported speech in the library: schema 5 keeps ``Speaker.reported`` and a partial quote's
statement bounds, ``Library.quotes(kind=…)``, and counts that keep quotations and reported
statements apart. On real SQLite files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from newsread.core.model import QUOTE_KINDS, Analysis, Quote
from newsread.core.store import schema
from newsread.core.store.library import Library, content_hash
from support.reported import STATEMENT, reported_analysis, span


def test_a_reported_analysis_round_trips_unchanged(tmp_path: Path) -> None:
    analysis = reported_analysis()
    with Library.open(tmp_path / "l.db") as lib:
        added = lib.add_analysis(analysis, url="https://x.test/bridge")
        stored = lib.analysis(added.article_id)
        assert stored is not None
        assert stored.to_dict() == analysis.to_dict() | {"path": "https://x.test/bridge"}
        # the list's "quotes" counts quotations (direct and partial), not reported statements
        assert lib.article(added.article_id).quote_count == 2  # type: ignore[union-attr]


def test_quotes_by_kind_and_the_statement_around_a_partial_quote(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        aid = lib.add_analysis(reported_analysis(), url="https://x.test/bridge").article_id
        every = lib.quotes()
        assert [q.kind for q in every] == ["indirect", "partial", "direct", "indirect"]
        assert [q.kind for q in lib.quotes(kind=None)] == [q.kind for q in every]
        for kind in QUOTE_KINDS:
            assert lib.quotes(kind=kind) == [q for q in every if q.kind == kind]
        assert [q.speaker for q in lib.quotes(kind="indirect", speaker="ann lee")] == ["Ann Lee"]
        assert [q.speaker for q in lib.quotes(kind="indirect", speaker_kind="organisation")] == ["the council"]
        assert lib.quotes(kind="indirect", article_id=aid + 1) == []
        (partial,) = lib.quotes(kind="partial")
        assert (partial.statement_start, partial.statement_end) == span(STATEMENT)
        assert partial.statement == STATEMENT  # SQLite's substr counts characters, as Python does
        assert partial.to_dict()["statement"] == partial.statement
        for q in every:
            if q is not partial and q.kind != "partial":
                assert (q.statement_start, q.statement_end, q.statement) == (None, None, None)


def test_speakers_and_organisations_count_quotes_and_reported_apart(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(reported_analysis(), url="https://x.test/bridge")
        rows = {s.name: s for s in lib.speakers()}
        assert (rows["Ann Lee"].quotes, rows["Ann Lee"].reported) == (2, 1)
        assert (rows["the council"].quotes, rows["the council"].reported) == (0, 1)
        assert rows["Ann Lee"].to_dict()["reported"] == 1
        assert [s.name for s in lib.speakers()] == ["Ann Lee", "the council"]  # most quoted first
        (council,) = [o for o in lib.organisations() if o.name == "the council"]
        assert (council.quotes, council.reported) == (0, 1)
        assert council.to_dict() == {"name": "the council", "articles": 1, "quotes": 0, "reported": 1}


def test_the_seed_stores_its_reported_statements(seed_library: Path, seed_analysis: Analysis) -> None:
    """The real analysis of the seed: every reported statement and the partial quote inside one
    are stored and listed; the article's quote count leaves the reported ones out."""
    indirect = [q for q in seed_analysis.quotes if q.kind == "indirect"]
    inside = [q for q in seed_analysis.quotes if q.statement_start is not None]
    assert indirect and inside, "the seed's analysis has reported speech"
    with Library.open(seed_library) as lib:
        assert [q.text for q in lib.quotes(kind="indirect")] == [q.text for q in indirect]
        row = lib.article(1)
        assert row is not None and row.quote_count == len(seed_analysis.quotes) - len(indirect)
        listed = [q for q in lib.quotes() if q.statement is not None]
        assert [(q.text, q.statement) for q in listed] == [
            (q.text, seed_analysis.text[q.statement_start : q.statement_end]) for q in inside
        ]
        by_name = {s.name: s for s in lib.speakers()}
        for s in seed_analysis.speakers:
            assert by_name[s.name].reported >= s.reported  # identities may join several names
        assert sum(s.reported for s in lib.speakers()) == len(indirect)


def _v4_library(path: Path) -> str:
    """A library as newsread with schema 4 wrote it: an article with a speaker and a quote."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 4)
    conn.execute("COMMIT")
    text = "Headline here\n\n“We will rebuild,” said Ann Lee on Monday."
    conn.execute(
        "INSERT INTO articles (id, url, title, text, content_hash, added, published, quote_count) "
        "VALUES (1, 'https://x.test/a', 'Headline here', ?, ?, '2024-01-01T00:00:00Z', '2024-01-01', 1)",
        (text, content_hash(text)),
    )
    conn.execute("INSERT INTO identities (id, name, kind) VALUES (1, 'Ann Lee', 'person')")
    conn.execute("INSERT INTO identity_aliases (identity_id, alias) VALUES (1, 'Ann Lee')")
    conn.execute(
        "INSERT INTO speakers (article_id, name, aliases, quotes, kind, identity_id) "
        "VALUES (1, 'Ann Lee', '[]', 1, 'person', 1)"
    )
    start, end = text.index("“"), text.index("”") + 1
    conn.execute(
        "INSERT INTO quotes (article_id, start, end, text, speaker, cue, kind, speaker_kind, identity_id) "
        "VALUES (1, ?, ?, ?, 'Ann Lee', 'said', 'direct', 'person', 1)",
        (start, end, text[start:end]),
    )
    conn.close()
    return text


def test_a_v4_library_opens_at_5_with_no_reported_speech(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    text = _v4_library(path)
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
        old = lib.analysis(1)
        assert old is not None
        assert [(s.name, s.quotes, s.reported) for s in old.speakers] == [("Ann Lee", 1, 0)]
        assert [(q.kind, q.statement_start, q.statement_end) for q in old.quotes] == [("direct", None, None)]
        assert [(s.name, s.quotes, s.reported) for s in lib.speakers()] == [("Ann Lee", 1, 0)]
        assert lib.quotes(kind="indirect") == []
        assert [q.kind for q in lib.quotes(kind="direct")] == ["direct"]
        assert lib.article(1).quote_count == 1  # type: ignore[union-attr]
        # analysed again (`newsread add --reanalyse`): the reported statement is stored
        again = Analysis.from_dict(old.to_dict())
        said = text.index("said Ann Lee")
        again.quotes.append(Quote(said, said + 4, "said", "Ann Lee", "said", kind="indirect"))
        again.speakers[0].reported = 1
        assert lib.add_analysis(again, reanalyse=True).status == "updated"
        assert [(s.quotes, s.reported) for s in lib.speakers()] == [(1, 1)]
        assert lib.article(1).quote_count == 1  # type: ignore[union-attr]
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        index = lib.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_quotes_kind'").fetchone()
        assert index[0] == 1
    backup = sqlite3.connect(path.with_name("old.db.bak-v4"))
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
    assert "reported" not in {r[1] for r in backup.execute("PRAGMA table_info(speakers)")}
    backup.close()


def test_a_speaker_row_written_without_reported_counts_none(tmp_path: Path) -> None:
    """``speakers.reported`` is NOT NULL DEFAULT 0: a row written by a tool that does not know the
    column (a v4 writer, a hand-made INSERT) still reads as no reported statements."""
    with Library.open(tmp_path / "l.db") as lib:
        with lib.transaction() as conn:
            conn.execute("INSERT INTO articles (id, title, text, content_hash, added) VALUES (1, 't', 'x', 'h', 'now')")
            conn.execute(
                "INSERT INTO speakers (article_id, name, aliases, quotes, kind) VALUES (1, 'A', '[]', 1, 'person')"
            )
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("INSERT INTO speakers (article_id, name, reported) VALUES (1, 'B', NULL)")
        analysis = lib.analysis(1)
        assert analysis is not None and [(s.name, s.reported) for s in analysis.speakers] == [("A", 0)]


def test_the_cli_on_a_v4_library_lists_no_reported_speech(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from newsread.core.cli import cli

    path = tmp_path / "old.db"
    _v4_library(path)

    def run(*args: str) -> Any:
        result = CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert run("quotes", "--kind", "indirect", "--json") == []
    assert [(q["kind"], q["statement"]) for q in run("quotes", "--json")] == [("direct", None)]
    assert [(s["quotes"], s["reported"]) for s in run("speakers", "--json")] == [(1, 0)]
