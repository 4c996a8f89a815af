"""``add --analyses`` writes the full-text rows of a commit's articles and quotes together at its end
(``Library.full_text_at_end``): the indexes hold exactly what the insert triggers would have put
there, an article replaced within the same commit is indexed right, and the triggers are the
library's own again after every commit and after a rollback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from newsread.core import ingest as ingest_module
from newsread.core.ingest import ingest_analyses
from newsread.core.model import Analysis, Quote
from newsread.core.store.library import Library


def _triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]


def _vocabulary(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """Every (term, column, rowid, offset) ``table``'s index holds: its whole content."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING fts5vocab(main, {table}, 'instance')")
    return [tuple(r) for r in conn.execute(f"SELECT term, doc, col, offset FROM temp.v_{table} ORDER BY 1, 2, 3, 4")]


def _checked(conn: sqlite3.Connection) -> None:
    for table in ("articles_fts", "quotes_fts"):  # the index against the table's own rows
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def _story(n: int, words: str) -> dict[str, object]:
    said = f"“The {words} will reopen the harbour before the winter, number {n},”"
    text = f"Harbour story {n}\n\nThe minister spoke. {said} Ann Lee said."
    start = text.index(said)
    quote = Quote(start=start, end=start + len(said), text=said, speaker="Ann Lee", cue="said")
    analysis = Analysis(text=text, title=f"Harbour story {n}", quotes=[quote], path=f"story-{n}.txt")
    return analysis.to_dict()


def _lines(path: Path, stories: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return path


def test_a_commits_full_text_rows_are_the_ones_the_triggers_write(
    tmp_path: Path, seed_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "COMMIT_EVERY_S", 60.0)  # one commit for the whole file
    seed = seed_analysis.to_dict()
    stories = [{**seed, "text": f"{seed['text']}\n\nCopy {n}.", "path": f"copy-{n}.txt"} for n in range(3)]
    stories += [_story(n, "ferry crews") for n in range(4)]
    lines = _lines(tmp_path / "a.jsonl", stories)
    with Library.open(tmp_path / "commit.db") as lib:
        assert ingest_analyses(str(lines), lib).added == 7
        committed = lib.conn
        _checked(committed)
        bulk = (_vocabulary(committed, "articles_fts"), _vocabulary(committed, "quotes_fts"), _triggers(committed))
    with Library.open(tmp_path / "each.db") as lib:  # each article through its triggers, as `add` stores
        for s in stories:
            lib.add_analysis(Analysis.from_dict(s), source=str(s["path"]))
        each = (_vocabulary(lib.conn, "articles_fts"), _vocabulary(lib.conn, "quotes_fts"), _triggers(lib.conn))
        assert [h.title for h in lib.search("ferry crews")] != []
    assert bulk == each
    assert len(bulk[1]) > 100 and {"articles_ai", "quotes_ai"} <= {name for name, _ in bulk[2]}


def test_an_article_replaced_in_the_same_commit_is_indexed_as_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second line has the first one's path and other words: the article is updated in place
    within the commit, and the index holds its new words only (and the trigger-made rows of an
    article stored after the run)."""
    monkeypatch.setattr(ingest_module, "COMMIT_EVERY_S", 60.0)
    first, second = _story(1, "ferry crews"), {**_story(1, "tugboat pilots"), "path": "story-1.txt"}
    lines = _lines(tmp_path / "a.jsonl", [first, _story(2, "ferry crews"), second])
    with Library.open(tmp_path / "l.db") as lib:
        summary = ingest_analyses(str(lines), lib)
        assert (summary.added, summary.updated) == (2, 1)
        _checked(lib.conn)
        assert [h.article_id for h in lib.search("tugboat")] == [1]
        assert [h.article_id for h in lib.search("ferry")] == [2]
        quotes = lib.conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'ferry OR tugboat' ORDER BY 1")
        assert [r[0] for r in quotes] == [2, 3]
        lib.add_analysis(Analysis.from_dict(_story(3, "river barges")), source="story-3.txt")
        _checked(lib.conn)
        assert [h.article_id for h in lib.search("barges")] == [3]


def test_a_commit_rolled_back_keeps_the_librarys_triggers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing mid-commit rolls the commit back (its articles are then stored one by one):
    the insert triggers the commit had dropped are there again, and the articles indexed."""
    monkeypatch.setattr(ingest_module, "COMMIT_EVERY_S", 60.0)
    lines = _lines(tmp_path / "a.jsonl", [_story(n, "ferry crews") for n in range(4)])
    with Library.open(tmp_path / "l.db") as lib:
        before = _triggers(lib.conn)
        lib.conn.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.quotes "
            "WHEN (SELECT source FROM main.articles WHERE id = new.article_id) = 'story-2.txt' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        summary = ingest_analyses(str(lines), lib)
        assert (summary.added, summary.failed) == (3, 1)
        assert _triggers(lib.conn) == before
        _checked(lib.conn)
        assert sorted(h.article_id for h in lib.search("ferry")) == [1, 2, 3]


def test_an_article_rolled_back_to_its_savepoint_leaves_no_full_text_rows(tmp_path: Path) -> None:
    """Inside ``full_text_at_end`` an article stored with a savepoint of its own (``add_analysis``'s
    default) that fails is undone with its held full-text rows: the article after it, which gets the
    same id, is indexed as itself, and the one held before the savepoint is indexed too."""
    with Library.open(tmp_path / "l.db") as lib:
        lib.conn.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.quotes WHEN new.text LIKE '%tugboat%' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        with lib.transaction(), lib.full_text_at_end():
            lib.add_analysis(Analysis.from_dict(_story(1, "river barges")), source="a", savepoint=False)
            with pytest.raises(sqlite3.Error, match="refused"):
                lib.add_analysis(Analysis.from_dict(_story(2, "tugboat pilots")), source="b")
            lib.add_analysis(Analysis.from_dict(_story(3, "ferry crews")), source="c")
        _checked(lib.conn)
        assert [h.article_id for h in lib.search("barges")] == [1]
        assert [h.article_id for h in lib.search("tugboat")] == []
        assert [h.article_id for h in lib.search("ferry")] == [2]
        quotes = lib.conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'barges OR tugboat OR ferry'")
        assert sorted(r[0] for r in quotes) == [r[0] for r in lib.conn.execute("SELECT id FROM quotes ORDER BY id")]
