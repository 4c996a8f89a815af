"""Schema 12: every column the library list sorts by has an index, so a sort's first page is read
from it instead of sorting every article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from newsread.core.store import schema
from newsread.core.store.library import Library


def _indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }


def test_a_version_11_library_gains_the_sort_indexes_of_a_new_one(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 11)
    conn.execute(
        "INSERT INTO articles (id, title, site, text, content_hash, added) "
        "VALUES (1, 'Harbour plan', 'example.org', 'The harbour plan was approved.', 'h1', '2026-01-01')"
    )
    conn.execute("COMMIT")
    assert not set(schema.SORT_INDEXES) & set(_indexes(conn))
    conn.close()
    with Library.open(tmp_path / "old.db") as old, Library.open(tmp_path / "new.db") as new:
        assert schema.user_version(old.conn) == schema.SCHEMA_VERSION >= 12
        assert _indexes(old.conn) == _indexes(new.conn)
        assert set(schema.SORT_INDEXES) <= set(_indexes(old.conn))
        assert [a.title for a in old.articles(order="site")] == ["Harbour plan"]


def test_a_persons_speaker_rows_are_read_from_the_index_alone(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db") as lib:
        sql = "SELECT article_id, role, organisation, quotes, reported FROM speakers WHERE identity_id IN (?, ?)"
        plan = " / ".join(r[3] for r in lib.conn.execute(f"EXPLAIN QUERY PLAN {sql}", (1, 2)))
    assert "USING COVERING INDEX idx_speakers_identity" in plan, plan


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("order", ["published", "added", "title", "site", "quotes", "notes"])
def test_every_sort_reads_its_first_page_from_an_index(tmp_path: Path, order: str, descending: bool) -> None:
    with Library.open(tmp_path / "library.db") as lib:
        sql, params = lib._article_query("id", order=order, descending=descending, limit=50)
        plan = " / ".join(r[3] for r in lib.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "USING COVERING INDEX idx_articles_" in plan
    assert "TEMP B-TREE" not in plan, plan
