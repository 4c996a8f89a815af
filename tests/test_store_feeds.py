"""The library's subscriptions and tidying on real SQLite files: feeds with their counts, articles
tied to feeds, read marks, and deleting articles whose notes are kept as orphans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from newsread.core.model import Analysis
from newsread.core.notes import Notes
from newsread.core.store import schema
from newsread.core.store.feeds import FeedError, Feeds
from newsread.core.store.library import Library


def _analysis(text: str, title: str) -> Analysis:
    return Analysis.from_dict(
        {
            "text": text,
            "title": title,
            "published": "2024-01-02",
            "entities": [],
            "speakers": [{"name": "Steven Cook", "aliases": ["Cook"], "role": None, "organisation": None}],
            "quotes": [{"start": 0, "end": 5, "text": text[:5], "speaker": "Steven Cook", "cue": "said"}],
            "figures": [],
            "model": "test",
        }
    )


def _add(lib: Library, n: int) -> int:
    return lib.add_analysis(
        _analysis(f"Story {n} text, said Cook.", f"Story {n}"), url=f"https://x.test/{n}"
    ).article_id


def test_feeds_are_found_by_name_id_or_url_and_count_their_unread_articles(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        feeds = Feeds(lib)
        news = feeds.add("https://x.test/feed", name="News")
        other = feeds.add("https://y.test/atom", name="Other")
        ids = [_add(lib, n) for n in range(3)]
        feeds.link(news.id, [(ids[0], "e0"), (ids[1], "e1")])
        feeds.link(other.id, [(ids[2], None)])
        lib.mark_read(ids[0])
        assert feeds.find("news").id == feeds.find(str(news.id)).id == feeds.find("https://x.test/feed").id
        listed = {f.name: (f.articles, f.unread) for f in feeds.all()}
        assert listed == {"News": (2, 1), "Other": (1, 1)}
        assert set(feeds.stored_entries(news.id)) == {"e0", "e1"}
        assert [r.id for r in lib.articles(feed_id=news.id)] == sorted(ids[:2], reverse=True)
        with pytest.raises(FeedError, match="already subscribed"):
            feeds.add("https://x.test/feed", name="Again")
        with pytest.raises(FeedError, match="already subscribed"):
            feeds.add("https://z.test/", name="NEWS")
        with pytest.raises(FeedError, match="no feed named"):
            feeds.find("99999999999999999999999")


def test_a_refresh_keeps_its_error_and_validators(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        feeds = Feeds(lib)
        feed = feeds.add("https://x.test/feed", name="News")
        feeds.refreshed(feed.id, error=None, title="X News", etag='"v1"', modified="Tue", validators=True)
        feeds.refreshed(feed.id, error="HTTP 404 Not Found")
        row = feeds.get(feed.id)
        assert (row.title, row.etag, row.modified, row.last_error) == ("X News", '"v1"', "Tue", "HTTP 404 Not Found")
        assert row.last_refresh


def test_removing_a_feed_names_the_articles_only_it_brought(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        feeds = Feeds(lib)
        a, b = feeds.add("https://a.test/", name="A"), feeds.add("https://b.test/", name="B")
        ids = [_add(lib, n) for n in range(2)]
        feeds.link(a.id, [(ids[0], "x"), (ids[1], "y")])
        feeds.link(b.id, [(ids[1], "y")])
        assert feeds.remove(a.id, keep_articles=False) == [ids[0]]
        assert [f.name for f in feeds.all()] == ["B"]
        assert feeds.remove(b.id, keep_articles=True) == []
        assert lib.count() == 2


def test_read_marks_for_articles_a_feed_and_the_library(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        feeds = Feeds(lib)
        feed = feeds.add("https://a.test/", name="A")
        ids = [_add(lib, n) for n in range(4)]
        feeds.link(feed.id, [(ids[0], "x"), (ids[1], "y")])
        assert lib.mark_all_read(feed_id=feed.id) == 2
        assert lib.unread_count() == 2
        assert lib.set_read([ids[0]], False) == 1
        assert lib.set_read([ids[0]], False) == 0
        assert lib.unread_count() == 3
        assert lib.mark_all_read() == 3
        assert lib.unread_count() == 0


def test_deleting_articles_keeps_their_notes_as_orphans_in_all_notes(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        keep, gone, dropped = (_add(lib, n) for n in range(3))
        notes = Notes(lib)
        note = notes.add(gone, 0, 5, body="worth keeping")
        notes.add(dropped, 0, 5, body="let it go")
        feeds = Feeds(lib)
        feed = feeds.add("https://a.test/", name="A")
        feeds.link(feed.id, [(gone, "x")])
        assert lib.notes_of([gone, dropped]) == 2
        result = lib.delete_articles([gone, 424242])
        assert (result.deleted, result.missing, result.notes_kept) == ([gone], [424242], 1)
        assert lib.article(gone) is None
        assert lib.quotes(article_id=gone) == []
        assert feeds.get(feed.id).articles == 0
        orphan = next(n for n in notes.all_notes() if n.id == note.id)
        assert (orphan.article_id, orphan.orphaned, orphan.article_title) == (None, True, "Story 1")
        assert orphan.article_url == "https://x.test/1"
        assert [h.note.body for h in notes.search("keeping")] == ["worth keeping"]
        assert lib.delete_articles([dropped], delete_notes=True).notes_deleted == 1
        assert [n.body for n in notes.all_notes()] == ["worth keeping"]
        assert [r.id for r in lib.articles()] == [keep]
        # The identity of the speaker quoted only in deleted articles stays while one article quotes it.
        assert [s.name for s in lib.speakers()] == ["Steven Cook"]
        lib.delete_articles([keep])
        assert lib.speakers() == []
        assert lib.search("Story") == []


def test_a_v6_library_gains_the_feed_tables_and_keeps_its_notes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 6)
    conn.execute("INSERT INTO articles (id, text, content_hash, added, title) VALUES (1, 'x', 'h', 'now', 'T')")
    conn.execute("INSERT INTO notes (article_id, start, end, exact, created) VALUES (1, 0, 1, 'x', 'now')")
    conn.execute("COMMIT")
    conn.close()
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
        assert Feeds(lib).all() == []
        assert lib.delete_articles([1]).notes_kept == 1
        assert Notes(lib).all_notes()[0].article_title == "T"


def test_unread_articles_are_counted_from_the_index_alone(tmp_path: Path) -> None:
    from newsread.core.store.feeds import _SELECT

    with Library.open(tmp_path / "l.db") as lib:
        feed = Feeds(lib).add("https://a.test/", name="A")
        Feeds(lib).link(feed.id, [(_add(lib, n), None) for n in range(3)])
        sqls: list[str] = []
        lib.conn.set_trace_callback(sqls.append)
        Feeds(lib).stored_entries(feed.id)
        lib.conn.set_trace_callback(None)
        plans = [
            " | ".join(str(r[3]) for r in lib.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in ("SELECT COUNT(*) FROM articles WHERE read_at IS NULL", _SELECT, sqls[-1].replace("?", "1"))
        ]
        assert plans[0] == "SCAN articles USING INDEX idx_articles_unread"  # no row, no text is read
        assert "idx_articles_unread" in plans[1] and "INTEGER PRIMARY KEY" not in plans[1]
        assert "idx_articles_summary_only" in plans[2] and "INTEGER PRIMARY KEY" not in plans[2]
        assert lib.unread_count() == 3 and Feeds(lib).get(feed.id).unread == 3
