"""Schema 10: the full-text update triggers fire only for the indexed columns; the articles' index
holds 2-character prefixes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from newsread.core.store import schema
from newsread.core.store.library import Library


def _triggers(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}


def _old_library(path: Path) -> None:
    """A library as newsread 9 made it, with an article and a quote in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 9)
    conn.execute(
        "INSERT INTO articles (id, title, text, content_hash, added) "
        "VALUES (1, 'Harbour plan', 'The harbour plan was approved.', 'h1', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO quotes (id, article_id, start, end, text, speaker) "
        "VALUES (1, 1, 0, 10, 'We approved it', 'Ana Diaz')"
    )
    conn.execute("COMMIT")
    assert schema.user_version(conn) == 9
    # Version 9's update triggers fire on every update (sqlite-utils' own).
    assert "AFTER UPDATE ON" in _triggers(conn)["articles_au"]
    conn.close()


def _fts_writes(conn: sqlite3.Connection, table: str, statement: str) -> int:
    """Rows written to ``{table}_fts``'s shadow data table by ``statement`` (FTS5 appends a segment
    or changes its structure record on every indexed insert or delete)."""
    data = f"SELECT id, block FROM [{table}_fts_data] ORDER BY id"
    before = {tuple(r) for r in conn.execute(data)}
    conn.execute(statement)
    after = {tuple(r) for r in conn.execute(data)}
    return len(after ^ before)


def test_schema_10_triggers_after_migration_equal_a_new_librarys(tmp_path: Path) -> None:
    _old_library(tmp_path / "old.db")
    with Library.open(tmp_path / "old.db") as old, Library.open(tmp_path / "new.db") as new:
        assert schema.user_version(old.conn) == schema.SCHEMA_VERSION >= 10
        migrated = _triggers(old.conn)
        assert migrated == _triggers(new.conn)
        expected = {}
        for table, columns in schema.FTS_TABLES.items():
            expected |= schema.fts_trigger_sql(table, columns)
        assert migrated == expected
        assert 'AFTER UPDATE OF "title", "text" ON "articles"' in migrated["articles_au"]
        assert 'AFTER UPDATE OF "text", "speaker" ON "quotes"' in migrated["quotes_au"]


def test_schema_10_reindexes_an_indexed_column_and_leaves_others_alone(tmp_path: Path) -> None:
    _old_library(tmp_path / "old.db")
    with Library.open(tmp_path / "old.db") as lib:
        conn = lib.conn

        def match(table: str, query: str) -> list[int]:
            return [r[0] for r in conn.execute(f"SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?", [query])]

        # Another column: the index is not written at all.
        assert _fts_writes(conn, "articles", "UPDATE articles SET quote_count = 3, sentences = '[]' WHERE id = 1") == 0
        assert _fts_writes(conn, "quotes", "UPDATE quotes SET identity_id = NULL, cue = 'said' WHERE id = 1") == 0
        # An indexed column: the index follows it.
        assert _fts_writes(conn, "articles", "UPDATE articles SET title = 'Ferry timetable' WHERE id = 1") > 0
        assert match("articles", "ferry") == [1]
        assert match("articles", "title:harbour") == []
        assert _fts_writes(conn, "quotes", "UPDATE quotes SET speaker = 'Bo Lind' WHERE id = 1") > 0
        assert match("quotes", "lind") == [1]
        assert match("quotes", "diaz") == []
        for table in schema.FTS_TABLES:
            conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts], rank) VALUES('integrity-check', 1)")


def test_schema_10_remakes_the_articles_index_with_prefixes_and_keeps_its_rows(tmp_path: Path) -> None:
    _old_library(tmp_path / "old.db")
    fts = "SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts' ORDER BY name"
    with Library.open(tmp_path / "old.db") as old, Library.open(tmp_path / "new.db") as new:
        migrated = [tuple(r) for r in old.conn.execute(fts)]
        assert migrated == [tuple(r) for r in new.conn.execute(fts)]
        assert f"prefix='{schema.FTS_PREFIX['articles']}'" in dict(migrated)["articles_fts"]
        assert "prefix" not in dict(migrated)["quotes_fts"]
        assert sqlite_utils.Database(old.conn)["articles"].detect_fts() == "articles_fts"
        # The rebuilt index holds the article: found by a word and by prefixes.
        for query in ("harbour", "ha*", "har*", "ap*"):
            hits = [
                r[0] for r in old.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [query])
            ]
            assert hits == [1], query
        old.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
        # Its prefix entries follow an update of the text.
        old.conn.execute("UPDATE articles SET text = 'Ferries run late.' WHERE id = 1")
        assert [r[0] for r in old.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'fe*'")] == [1]
        assert old.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ap*'").fetchall() == []
        old.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
