"""The notes API on a real library file: writes, reads, search, drafts, failures and crashes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from newsread.core.errors import NewsreadError
from newsread.core.notes import (
    ArticleNotFound,
    InvalidPassage,
    NoteError,
    NoteNotFound,
    Notes,
    NoteSaveError,
    parse_tags,
)
from newsread.core.store.library import Library
from support.notes import ARTICLE, add_article, span

PASSAGE = "the goverment will not intervene in the harbour markets"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def lib(db: Path):
    with Library.open(db) as library:
        yield library


@pytest.fixture
def notes(lib: Library) -> Notes:
    return Notes(lib)


def _counts(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return (
        one("SELECT COUNT(*) FROM notes"),
        one("SELECT COUNT(*) FROM notes_fts"),
        one("SELECT COALESCE(SUM(note_count), 0) FROM articles"),
        one("SELECT COUNT(*) FROM drafts"),
    )


# -- writing ------------------------------------------------------------------------------------
def test_add_captures_the_quote_selector_and_counts(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    start, end = span(ARTICLE, PASSAGE)
    note = notes.add(article_id, start, end, body="First line\n\nSecond paragraph.", tags="harbour, #Policy harbour")
    assert (note.exact, note.prefix, note.suffix) == (PASSAGE, ARTICLE[start - 32 : start], ARTICLE[end : end + 32])
    assert len(note.prefix) == len(note.suffix) == 32
    assert note.body == "First line\n\nSecond paragraph."
    assert note.tags == ["harbour", "Policy"]
    assert note.kind == "note" and not note.orphaned
    assert note.created and note.updated == note.created
    assert note.article_title == "Council approves new harbour plan after long debate"
    assert note.article_link == "https://example.org/news/harbour-plan"
    assert lib.article(article_id).note_count == 1
    # Committed before the call returned: another connection sees it.
    with sqlite3.connect(lib.path) as other:
        assert other.execute("SELECT body FROM notes WHERE id = ?", (note.id,)).fetchone()[0] == note.body


def test_context_is_shorter_at_the_edges_of_the_text(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    note = notes.highlight(article_id, 0, 7)
    assert (note.exact, note.prefix, note.kind, note.body) == ("Council", "", "highlight", "")
    last = notes.add(article_id, len(ARTICLE) - 10, len(ARTICLE))
    assert last.suffix == ""


def test_update_and_delete(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    note = notes.add(article_id, *span(ARTICLE, PASSAGE), body="old")
    changed = notes.update(note.id, body="new\ntext")
    assert (changed.body, changed.tags) == ("new\ntext", [])
    changed = notes.update(note.id, tags=["a", "b"], kind="highlight")
    assert (changed.body, changed.tags, changed.kind) == ("new\ntext", ["a", "b"], "highlight")
    assert notes.get(note.id) == changed
    notes.delete(note.id)
    assert notes.get(note.id) is None
    assert lib.article(article_id).note_count == 0
    with pytest.raises(NoteNotFound):
        notes.delete(note.id)
    with pytest.raises(NoteNotFound):
        notes.update(note.id, body="x")


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (10, 10), (20, 10), (0, 10_000), (51, 53)])
def test_a_bad_passage_is_refused_clearly(lib: Library, notes: Notes, start: int, end: int) -> None:
    article_id = add_article(lib)
    assert ARTICLE[51:53] == "\n\n"  # blank: not a passage
    with pytest.raises(InvalidPassage) as err:
        notes.add(article_id, start, end, body="typed text")
    assert isinstance(err.value, NewsreadError) and "\n" not in str(err.value)
    assert _counts(lib.conn) == (0, 0, 0, 0)


def test_unknown_article_and_kind(lib: Library, notes: Notes) -> None:
    with pytest.raises(ArticleNotFound):
        notes.add(99, 0, 5)
    article_id = add_article(lib)
    with pytest.raises(NoteError):
        notes.add(article_id, 0, 5, kind="scribble")
    assert not lib.conn.in_transaction


# -- reading ------------------------------------------------------------------------------------
def test_article_notes_in_text_order_and_all_notes_with_titles(lib: Library, notes: Notes) -> None:
    first = add_article(lib)
    other_text = "Second story\n\nThe ferry will run every hour, the operator said."
    second = add_article(lib, other_text, url="https://example.org/ferry")
    late = notes.add(first, *span(ARTICLE, "public meetings"), tags="meetings")
    early = notes.add(first, *span(ARTICLE, "redevelopment plan"), tags="plan")
    elsewhere = notes.highlight(second, *span(other_text, "every hour"), tags="Plan")
    assert [n.id for n in notes.for_article(first)] == [early.id, late.id]
    everything = notes.all_notes()
    assert {n.id for n in everything} == {early.id, late.id, elsewhere.id}
    assert {n.article_title for n in everything} == {
        "Council approves new harbour plan after long debate",
        "Second story",
    }
    assert [n.id for n in notes.all_notes(tag="plan", order="created")] == [elsewhere.id, early.id]
    assert [n.id for n in notes.all_notes(kind="highlight")] == [elsewhere.id]
    assert notes.tags() == [("plan", 2), ("meetings", 1)]
    assert lib.article(first).note_count == 2 and lib.article(second).note_count == 1


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "(*)", "harbour NEAR(", "'; DROP TABLE notes; --", "", "   "])
def test_search_takes_any_user_text(lib: Library, notes: Notes, query: str) -> None:
    article_id = add_article(lib)
    notes.add(article_id, *span(ARTICLE, PASSAGE), body="Ask about the harbour budget")
    assert isinstance(notes.search(query), list)
    assert _counts(lib.conn)[0] == 1


def test_search_finds_body_quote_and_tags(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    a = notes.add(article_id, *span(ARTICLE, PASSAGE), body="Ask about the budget", tags="followup")
    b = notes.add(article_id, *span(ARTICLE, "400 new homes"), body="housing numbers")
    assert [h.note.id for h in notes.search("budget")] == [a.id]
    assert [h.note.id for h in notes.search("homes")] == [b.id]  # the quoted passage
    assert [h.note.id for h in notes.search("follow")] == [a.id]  # a tag, by prefix
    hit = notes.search("housing")[0]
    assert "[housing]" in hit.snippet and hit.note.article_title


def test_parse_tags() -> None:
    assert parse_tags(None) == []
    assert parse_tags("a, b  #c,,A") == ["a", "b", "c"]
    assert parse_tags(["x y", "#z"]) == ["x", "y", "z"]


# -- drafts -------------------------------------------------------------------------------------
def test_drafts_are_saved_updated_listed_and_discarded(db: Path, lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    start, end = span(ARTICLE, PASSAGE)
    draft = notes.save_draft(article_id, start, end, "Half a tho")
    assert draft.exact == PASSAGE and draft.note_id is None
    draft = notes.save_draft(article_id, start, end, "Half a thought\nand more", tags="x", draft_id=draft.id)
    # Another process (the app, restarted) sees the pending draft.
    with Library.open(db) as again:
        pending = Notes(again).drafts()
    assert [(d.id, d.body, d.tags, d.article_title) for d in pending] == [
        (draft.id, "Half a thought\nand more", ["x"], "Council approves new harbour plan after long debate")
    ]
    note = notes.add(article_id, start, end, draft.body, tags=draft.tags, draft_id=draft.id)
    assert notes.drafts() == [] and note.body == "Half a thought\nand more"
    # Editing an existing note: one draft per note, updated in place.
    d1 = notes.save_draft(article_id, start, end, "edit 1", note_id=note.id)
    d2 = notes.save_draft(article_id, start, end, "edit 2", note_id=note.id)
    assert d1.id == d2.id and notes.draft(d1.id).body == "edit 2"
    assert notes.discard_draft(d1.id) is True
    assert notes.discard_draft(d1.id) is False
    # A draft discarded elsewhere is made again rather than lost.
    d3 = notes.save_draft(article_id, start, end, "still typing", draft_id=d1.id)
    assert notes.draft(d3.id).body == "still typing"
    notes.update(note.id, body="final", draft_id=d3.id)
    assert notes.drafts() == [] and notes.get(note.id).body == "final"
    assert notes.locate(article_id, PASSAGE) == (start, end)


# -- failures leave nothing half-written --------------------------------------------------------
def test_a_read_only_library_raises_a_clear_error(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    kept = notes.add(article_id, *span(ARTICLE, PASSAGE), body="kept")
    before = _counts(lib.conn)
    lib.conn.execute("PRAGMA query_only = ON")  # the library as a read-only file
    with pytest.raises(NoteSaveError, match="read-only; nothing was saved"):
        notes.add(article_id, *span(ARTICLE, "400 new homes"), body="typed text")
    with pytest.raises(NoteSaveError):
        notes.update(kept.id, body="changed")
    with pytest.raises(NoteSaveError):
        notes.save_draft(article_id, 0, 7, "draft")
    lib.conn.execute("PRAGMA query_only = OFF")
    assert not lib.conn.in_transaction
    assert _counts(lib.conn) == before
    assert notes.get(kept.id).body == "kept"


def test_a_library_locked_past_the_busy_timeout_raises_and_recovers(db: Path, lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    lib.conn.execute("PRAGMA busy_timeout = 200")
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(NoteSaveError, match="busy") as err:
            notes.add(article_id, *span(ARTICLE, PASSAGE), body="typed text")
        assert "\n" not in str(err.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert _counts(lib.conn) == (0, 0, 0, 0)
    assert notes.add(article_id, *span(ARTICLE, PASSAGE), body="typed text").body == "typed text"


def test_a_failure_after_the_insert_rolls_the_whole_note_back(lib: Library, notes: Notes) -> None:
    article_id = add_article(lib)
    # Fail the last statement of the save (the note count), after the note and its FTS row were written.
    lib.conn.execute(
        "CREATE TEMP TRIGGER fail_count AFTER UPDATE OF note_count ON articles "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O'); END"
    )
    with pytest.raises(NoteSaveError, match="nothing was saved"):
        notes.add(article_id, *span(ARTICLE, PASSAGE), body="typed text")
    assert _counts(lib.conn) == (0, 0, 0, 0)
    lib.conn.execute("DROP TRIGGER fail_count")
    assert notes.add(article_id, *span(ARTICLE, PASSAGE)).exact == PASSAGE


WRITER = """
import sys
from newsread.core.notes import Notes
from newsread.core.store.library import Library

lib = Library.open(sys.argv[1])
notes = Notes(lib)
i = 0
while True:
    note = notes.add(int(sys.argv[2]), 10 + i % 50, 60 + i % 50, body=f"note {i}\\nsecond line", tags=["loop"])
    print(note.id, flush=True)
    i += 1
"""


def test_notes_reported_saved_survive_sigkill(db: Path, lib: Library) -> None:
    article_id = add_article(lib)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(article_id)], stdout=subprocess.PIPE, text=True)
    reported: list[int] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            reported.append(int(line))
            if len(reported) >= 40:
                break
        os.kill(proc.pid, signal.SIGKILL)
        reported.extend(int(line) for line in proc.stdout.read().split())
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert len(reported) >= 40
    with Library.open(db) as after:
        conn = after.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {r[0] for r in conn.execute("SELECT id FROM notes")}
        assert set(reported) <= saved
        # Whole notes only: each has its FTS row and is counted on its article.
        assert conn.execute("SELECT COUNT(*) FROM notes_fts").fetchone()[0] == len(saved)
        assert after.article(article_id).note_count == len(saved)
        assert all(n.body.endswith("second line") for n in Notes(after).for_article(article_id))


def test_a_failed_read_is_a_note_error_too(db: Path) -> None:
    lib = Library.open(db)
    notes = Notes(lib)
    article_id = add_article(lib)
    lib.close()  # the connection is gone (as after a crash of the file system, or a closed app)
    for read in (
        lambda: notes.for_article(article_id),
        lambda: notes.search("harbour"),
        lambda: notes.drafts(),
        lambda: notes.get(1),
    ):
        with pytest.raises(NoteError, match="could not read notes"):
            read()


def test_ingest_moves_notes_with_a_replaced_text(tmp_path: Path) -> None:
    """Ingest hands the notes' re-anchoring to the store: a new text of the same source moves its
    notes in the transaction that stores it."""
    import json

    from newsread.core.ingest import ingest_analyses
    from support.notes import analysis_of

    typo = "the goverment will not intervene in the harbour markets"

    lines = tmp_path / "analyses.jsonl"
    with Library.open(tmp_path / "lib.db") as lib:
        lines.write_text(json.dumps({**analysis_of(ARTICLE).to_dict(), "path": "harbour.txt"}) + "\n")
        assert ingest_analyses(str(lines), lib).added == 1
        article_id = lib.articles()[0].id
        note = Notes(lib).add(article_id, *span(ARTICLE, typo), body="typo")
        new_text = "UPDATE: corrected.\n\n" + ARTICLE
        lines.write_text(json.dumps({**analysis_of(new_text).to_dict(), "path": "harbour.txt"}) + "\n")
        assert ingest_analyses(str(lines), lib).updated == 1
        moved = Notes(lib).get(note.id)
        assert moved is not None and not moved.orphaned
        assert (moved.start, moved.end) == span(new_text, typo)
