"""Schema 13: each grouped quote's ``text_key`` (its exact copies found by one index lookup), and no
index that no query reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from newsread.core.model import Analysis, Quote
from newsread.core.quote_echoes import normalise, text_key
from newsread.core.store import schema
from newsread.core.store.echoes import _COPY
from newsread.core.store.library import Library

WHOLE = "“We will not allow this to happen again, not in this country, not ever,”"
TRIMMED = '"will NOT allow this to happen again, not in this country"'
COPY = "«We will not allow this to happen again, not in this country, not ever»"


def _indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }


def _plan(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> str:
    return " / ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _old_library(path: Path, version: int, quotes: list[str]) -> None:
    """A library made as newsread ``version`` made it, an article per quote (Ann Lee's)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), version)
    for n, quote in enumerate(quotes, start=1):
        conn.execute(
            "INSERT INTO articles (id, title, text, content_hash, added) VALUES (?, ?, ?, ?, '2026-01-01')",
            (n, f"Story {n}", f"Story {n}. {quote}", f"h{n}"),
        )
        conn.execute(
            "INSERT INTO quotes (id, article_id, start, end, text, speaker, kind) "
            "VALUES (?, ?, ?, ?, ?, 'Ann Lee', 'direct')",
            (n, n, len(f"Story {n}. "), len(f"Story {n}. {quote}"), quote),
        )
    conn.execute("COMMIT")
    conn.close()


def test_a_version_12_librarys_groups_gain_their_text_keys_and_the_indexes_of_a_new_one(tmp_path: Path) -> None:
    _old_library(tmp_path / "old.db", 12, [WHOLE, TRIMMED])
    conn = sqlite3.connect(tmp_path / "old.db")
    with conn:  # grouped as schema 12 grouped them: one group, no text keys
        conn.executemany(
            "INSERT INTO quote_echoes (quote_id, echo_group, article_id) VALUES (?, 1, ?)", [(1, 1), (2, 2)]
        )
        conn.executemany("INSERT INTO quote_sketches (key, quote_id) VALUES (?, ?)", [(7, 1), (7, 2)])
    assert set(schema.UNREAD_INDEXES) <= set(_indexes(conn))
    conn.close()
    with Library.open(tmp_path / "old.db") as old, Library.open(tmp_path / "new.db") as new:
        assert schema.user_version(old.conn) == schema.SCHEMA_VERSION >= 13
        assert _indexes(old.conn) == _indexes(new.conn)
        assert not set(schema.UNREAD_INDEXES) & set(_indexes(old.conn))
        rows = old.conn.execute("SELECT quote_id, echo_group, text_key FROM quote_echoes ORDER BY quote_id").fetchall()
        assert [tuple(r) for r in rows] == [(1, 1, text_key(normalise(WHOLE))), (2, 1, text_key(normalise(TRIMMED)))]
        # a copy added now is found by its key and joins the old group
        text = f"Copy. {COPY}"
        added = old.add_analysis(
            Analysis(text=text, quotes=[Quote(start=6, end=len(text), text=COPY, speaker="Ann Lee", cue=None)]),
            url="https://copy.test/",
        )
        group = old.conn.execute(
            "SELECT e.echo_group FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id WHERE q.article_id = ?",
            (added.article_id,),
        ).fetchone()[0]
        assert group == 1


def test_a_version_7_librarys_quotes_are_grouped_with_their_text_keys(tmp_path: Path) -> None:
    _old_library(tmp_path / "old.db", 7, [WHOLE, TRIMMED, COPY])
    with Library.open(tmp_path / "old.db") as lib:
        rows = lib.conn.execute("SELECT quote_id, echo_group, text_key FROM quote_echoes ORDER BY quote_id").fetchall()
        keys = [text_key(normalise(q)) for q in (WHOLE, TRIMMED, COPY)]
        assert [tuple(r) for r in rows] == [(1, 1, keys[0]), (2, 1, keys[1]), (3, 1, keys[2])]
        assert keys[0] == keys[2]
        sketch = lib.conn.execute("SELECT quote_id, key FROM quote_sketches ORDER BY key").fetchall()
        assert {q for q, k in sketch} == {1, 2}  # the copy (3) shares the first quote's sketch


def test_the_lookups_that_used_a_dropped_index_use_the_one_that_holds_it(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db") as lib:
        conn = lib.conn
        tied = "SELECT 1 FROM speakers WHERE identity_id IN (?, ?) AND name = ? COLLATE NOCASE"
        assert "idx_speakers_name_article (name=?)" in _plan(conn, tied, (1, 2, "Lee"))
        assert "idx_quote_echoes_text (text_key=?)" in _plan(conn, _COPY, (42,))
        assert "TEMP B-TREE" not in _plan(conn, _COPY, (42,))


def test_grouping_the_quotes_reads_a_batch_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``echoes.index_library`` (schema 13's step over a library's quotes not grouped yet, most of
    them too short to match) holds one batch of quotes in memory, not all of them, and groups a
    copy found across a batch's end."""
    import tracemalloc

    from newsread.core.store import echoes

    word = "w" * 150
    short = " ".join([word] * 7)  # under MIN_WORDS: never grouped, read all the same
    with Library.open(tmp_path / "l.db") as lib, lib.transaction() as conn:
        conn.execute("INSERT INTO articles (id, title, text, content_hash, added) VALUES (1, 'T', 'x', 'h', 'now')")
        rows = [(n, 1, 0, 1, short, "direct") for n in range(1, 3003) if n not in (500, 501)]
        rows += [
            (500, 1, 0, 1, WHOLE, "direct"),
            (501, 1, 0, 1, COPY, "direct"),
        ]  # the first batch's last and the next's first
        conn.executemany("INSERT INTO quotes (id, article_id, start, end, text, kind) VALUES (?, ?, ?, ?, ?, ?)", rows)
        monkeypatch.setattr(echoes, "INDEX_BATCH", 500)
        tracemalloc.start()
        try:
            echoes.index_library(conn)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        grouped = conn.execute("SELECT quote_id, echo_group FROM quote_echoes ORDER BY 1").fetchall()
    assert [tuple(r) for r in grouped] == [(500, 500), (501, 500)]
    assert peak < 1_500_000  # all 3,000 texts of 1 kB at once would be over 3 MB
