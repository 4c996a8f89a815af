"""The notes API over a ``Library``: notes, highlights, search and drafts of open editors.

Use it from the reader or the CLI like this::

    from newsread.core.notes import Notes, NoteError

    notes = Notes(library)
    note = notes.add(article_id, start, end, body="multi-line\\ntext", tags=["economy"])
    notes.update(note.id, body="new text", tags="economy, rates")
    notes.for_article(article_id)       # text order, orphans last (NoteRow.orphaned)
    notes.all_notes()                   # whole library, newest first, with article titles
    notes.search("anything the user typed")
    notes.delete(note.id)

Writes: every call that changes something runs in its own ``BEGIN IMMEDIATE`` transaction that is
committed before the call returns (and refreshes ``articles.note_count``). When the library cannot be
written — locked by another writer past the busy timeout, read-only, disk full — the call raises
``NoteSaveError`` after rolling back, so nothing is half-written and the editor can stay open with
its text. Bad input raises ``ArticleNotFound``, ``NoteNotFound`` or ``InvalidPassage``; a read that fails in
the database raises ``NoteError``. All of them are ``NoteError`` (a ``NewsreadError``) with a
one-line message fit to show the user.

Threads: ``Notes`` shares the ``Library``'s one connection, so make writes from one thread at a time
(e.g. one worker, or the app's thread); reads never block in WAL mode.

Drafts keep an open editor's text safe from a crash: call ``save_draft`` as the user types (it returns
the draft, pass its ``id`` back on the next call), ``discard_draft`` on cancel, and pass
``draft_id=`` to ``add``/``update`` so the note is saved and its draft removed in one transaction.
On start, ``drafts()`` lists what is pending so the app can offer it back.

Tags are given as a list or a string (``"economy, #rates"``) and stored normalised: no ``#``, no
spaces inside a tag, duplicates (ignoring case) dropped.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress

from ..errors import NewsreadError
from ..store.fts import fts_query
from ..store.library import Library, now_iso
from .anchoring import anchor
from .records import DraftRow, NoteHit, NoteRow
from .selectors import TextQuote, quote_at, valid_range

KINDS = ("note", "highlight")


class NoteError(NewsreadError):
    """A note could not be read or written; the message is one line for the user."""


class ArticleNotFound(NoteError):
    pass


class NoteNotFound(NoteError):
    pass


class InvalidPassage(NoteError):
    """The start/end given do not select a passage of the article's text."""


class NoteSaveError(NoteError):
    """The library could not be written; nothing of the change was saved."""


_TAG_SPLIT = re.compile(r"[,\s]+")


def parse_tags(tags: str | Iterable[str] | None) -> list[str]:
    """Normalise tags: split on commas and spaces, drop ``#`` and duplicates (ignoring case)."""
    if tags is None:
        return []
    items = [tags] if isinstance(tags, str) else list(tags)
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        for tag in _TAG_SPLIT.split(str(item)):
            tag = tag.strip().lstrip("#")
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return out


def _explain(exc: sqlite3.Error) -> str:
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return "the library is busy (another program is writing to it); try again"
    if "readonly" in low or "read-only" in low:
        return "the library file is read-only"
    if "full" in low:
        return "the disk is full"
    return msg


_NOTE_SELECT = (
    'SELECT n.id, n.article_id, n.start, n."end", n.exact, n.prefix, n.suffix, n.body, n.tags, n.kind, '
    "n.orphaned, n.created, n.updated, COALESCE(a.title, n.article_title) AS article_title, "
    "COALESCE(a.url, n.article_url) AS article_url, "
    "a.source AS article_source, a.byline AS article_byline, a.published AS article_published "
    "FROM notes n LEFT JOIN articles a ON a.id = n.article_id"
)
"""Notes with their article; a note whose article was deleted (``article_id`` NULL) keeps the title
and URL it had (``Library.delete_articles``)."""

_DRAFT_SELECT = "SELECT d.*, a.title AS article_title FROM drafts d LEFT JOIN articles a ON a.id = d.article_id"

_ORDERS = {
    "recent": "n.updated DESC, n.id DESC",
    "created": "n.created DESC, n.id DESC",
    "text": 'n.orphaned, n.start, n."end", n.id',
    "article": 'COALESCE(a.published, a.added) DESC, a.id DESC, n.orphaned, n.start, n."end", n.id',
}


def _note_row(r: sqlite3.Row) -> NoteRow:
    return NoteRow(
        id=r["id"],
        article_id=r["article_id"],
        start=r["start"],
        end=r["end"],
        exact=r["exact"],
        prefix=r["prefix"] or "",
        suffix=r["suffix"] or "",
        body=r["body"] or "",
        tags=parse_tags(r["tags"]),
        kind=r["kind"] or "note",
        orphaned=bool(r["orphaned"]),
        created=r["created"],
        updated=r["updated"] or r["created"],
        article_title=r["article_title"],
        article_url=r["article_url"],
        article_source=r["article_source"],
        article_byline=r["article_byline"],
        article_published=r["article_published"],
    )


def _draft_row(r: sqlite3.Row) -> DraftRow:
    return DraftRow(
        id=r["id"],
        article_id=r["article_id"],
        note_id=r["note_id"],
        start=r["start"],
        end=r["end"],
        exact=r["exact"] or "",
        body=r["body"] or "",
        tags=parse_tags(r["tags"]),
        updated=r["updated"] or "",
        article_title=r["article_title"],
    )


def _refresh_note_count(conn: sqlite3.Connection, article_id: int) -> None:
    """``articles.note_count`` counted anew in the caller's transaction, so the library list shows
    it without reading the notes table."""
    conn.execute(
        "UPDATE articles SET note_count = (SELECT COUNT(*) FROM notes WHERE article_id = ?) WHERE id = ?",
        (article_id, article_id),
    )


class Notes:
    """Notes and drafts of one open ``Library`` (shares its connection)."""

    def __init__(self, library: Library) -> None:
        self.library = library

    @property
    def conn(self) -> sqlite3.Connection:
        return self.library.conn

    # -- transactions ----------------------------------------------------------------------------
    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One committed transaction; a database failure becomes ``NoteSaveError`` after rollback."""
        try:
            with self.library.transaction() as conn:
                yield conn
        except sqlite3.Error as exc:
            if self.conn.in_transaction:  # e.g. COMMIT itself failed: never leave it open
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise NoteSaveError(f"could not {what}: {_explain(exc)}; nothing was saved") from exc

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Rows of a read; a database failure becomes ``NoteError`` like every other failure here."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise NoteError(f"could not read notes: {_explain(exc)}") from exc

    def _article_text(self, conn: sqlite3.Connection, article_id: int) -> str:
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ArticleNotFound(f"no article {article_id} in the library")
        return row[0]

    def _fetch(self, conn: sqlite3.Connection, note_id: int) -> NoteRow:
        row = conn.execute(f"{_NOTE_SELECT} WHERE n.id = ?", (note_id,)).fetchone()
        if row is None:
            raise NoteNotFound(f"no note {note_id}")
        return _note_row(row)

    # -- notes: writing --------------------------------------------------------------------------
    def add(
        self,
        article_id: int,
        start: int,
        end: int,
        body: str = "",
        *,
        tags: str | Iterable[str] | None = None,
        kind: str = "note",
        draft_id: int | None = None,
    ) -> NoteRow:
        """Save a note on ``text[start:end]`` of the article, its quote selector taken from the text.

        With ``draft_id`` the draft is discarded in the same transaction.
        """
        if kind not in KINDS:
            raise NoteError(f"unknown kind of note {kind!r} (expected one of {', '.join(KINDS)})")
        with self._write("save the note") as conn:
            text = self._article_text(conn, article_id)
            if not valid_range(text, start, end):
                raise InvalidPassage(f"{start}–{end} is not a passage of article {article_id}")
            q = quote_at(text, start, end)
            stamp = now_iso()
            cur = conn.execute(
                'INSERT INTO notes (article_id, start, "end", exact, prefix, suffix, body, tags, kind, orphaned, '
                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                (article_id, start, end, q.exact, q.prefix, q.suffix, body, " ".join(parse_tags(tags)), kind, stamp,
                 stamp),
            )  # fmt: skip
            note_id = cur.lastrowid
            assert note_id is not None
            if draft_id is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            _refresh_note_count(conn, article_id)
            return self._fetch(conn, note_id)

    def highlight(self, article_id: int, start: int, end: int, *, tags: str | Iterable[str] | None = None) -> NoteRow:
        """A highlight: a note with no text of its own."""
        return self.add(article_id, start, end, "", tags=tags, kind="highlight")

    def update(
        self,
        note_id: int,
        *,
        body: str | None = None,
        tags: str | Iterable[str] | None = None,
        kind: str | None = None,
        draft_id: int | None = None,
    ) -> NoteRow:
        """Change a note's text, tags or kind (None leaves a field as it is)."""
        if kind is not None and kind not in KINDS:
            raise NoteError(f"unknown kind of note {kind!r} (expected one of {', '.join(KINDS)})")
        with self._write("save the note") as conn:
            old = self._fetch(conn, note_id)
            conn.execute(
                "UPDATE notes SET body = ?, tags = ?, kind = ?, updated = ? WHERE id = ?",
                (
                    old.body if body is None else body,
                    " ".join(old.tags if tags is None else parse_tags(tags)),
                    old.kind if kind is None else kind,
                    now_iso(),
                    note_id,
                ),
            )
            if draft_id is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            if old.article_id is not None:  # None: its article was deleted, the note kept
                _refresh_note_count(conn, old.article_id)
            return self._fetch(conn, note_id)

    def reattach(self, note_id: int, start: int, end: int) -> NoteRow:
        """Point a note (typically an orphan) at a new passage of its article chosen by the user."""
        with self._write("move the note") as conn:
            old = self._fetch(conn, note_id)
            if old.article_id is None:
                raise ArticleNotFound(f"note {note_id}: its article was deleted")
            text = self._article_text(conn, old.article_id)
            if not valid_range(text, start, end):
                raise InvalidPassage(f"{start}–{end} is not a passage of article {old.article_id}")
            q = quote_at(text, start, end)
            conn.execute(
                'UPDATE notes SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, orphaned = 0, '
                "updated = ? WHERE id = ?",
                (start, end, q.exact, q.prefix, q.suffix, now_iso(), note_id),
            )
            return self._fetch(conn, note_id)

    def delete(self, note_id: int) -> None:
        """Delete a note (and any draft of it)."""
        with self._write("delete the note") as conn:
            row = conn.execute("SELECT article_id FROM notes WHERE id = ?", (note_id,)).fetchone()
            if row is None:
                raise NoteNotFound(f"no note {note_id}")
            conn.execute("DELETE FROM drafts WHERE note_id = ?", (note_id,))
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            _refresh_note_count(conn, row[0])

    # -- notes: reading --------------------------------------------------------------------------
    def get(self, note_id: int) -> NoteRow | None:
        rows = self._query(f"{_NOTE_SELECT} WHERE n.id = ?", (note_id,))
        return _note_row(rows[0]) if rows else None

    def for_article(self, article_id: int) -> list[NoteRow]:
        """An article's notes in text order; orphans (``orphaned=True``) last."""
        return self.all_notes(article_id=article_id, order="text")

    def all_notes(
        self,
        *,
        article_id: int | None = None,
        tag: str | None = None,
        kind: str | None = None,
        orphaned: bool | None = None,
        order: str = "recent",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[NoteRow]:
        """Notes across the library with their article's title and link.

        ``order``: ``"recent"`` (last edited first), ``"created"``, ``"article"`` (articles newest
        first, each in text order, orphans last) or ``"text"`` (position, orphans last).
        """
        where: list[str] = []
        params: list[object] = []
        if article_id is not None:
            where.append("n.article_id = ?")
            params.append(article_id)
        if tag:
            where.append("instr(' ' || lower(n.tags) || ' ', ' ' || lower(?) || ' ') > 0")
            params.append(tag.lstrip("#"))
        if kind is not None:
            where.append("n.kind = ?")
            params.append(kind)
        if orphaned is not None:
            where.append("n.orphaned = ?")
            params.append(int(orphaned))
        sql = _NOTE_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + _ORDERS.get(order, _ORDERS["recent"])
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return [_note_row(r) for r in self._query(sql, params)]

    def orphans(self, article_id: int | None = None) -> list[NoteRow]:
        """Notes whose passage is no longer in their article's text."""
        return self.all_notes(article_id=article_id, orphaned=True, order="article")

    def search(self, query: str, *, limit: int = 50) -> list[NoteHit]:
        """Full-text search of note bodies, quoted passages and tags; any user text is safe."""
        match = fts_query(query)
        if match is None:
            return []
        sql = (
            _NOTE_SELECT.replace(" FROM notes n", ", snippet(notes_fts, -1, '[', ']', '…', 12) AS snippet, "
                                 "notes_fts.rank AS rank FROM notes n")
            + " JOIN notes_fts ON notes_fts.rowid = n.id WHERE notes_fts MATCH ? ORDER BY notes_fts.rank LIMIT ?"
        )  # fmt: skip
        return [NoteHit(_note_row(r), r["snippet"], r["rank"]) for r in self._query(sql, (match, limit))]

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many notes carry it, most used first."""
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}
        for (raw,) in self._query("SELECT tags FROM notes WHERE tags != ''"):
            for tag in parse_tags(raw):
                key = tag.casefold()
                shown.setdefault(key, tag)
                counts[key] = counts.get(key, 0) + 1
        return sorted(((shown[k], c) for k, c in counts.items()), key=lambda p: (-p[1], p[0].casefold()))

    # -- drafts ----------------------------------------------------------------------------------
    def save_draft(
        self,
        article_id: int,
        start: int,
        end: int,
        body: str,
        *,
        tags: str | Iterable[str] | None = None,
        exact: str | None = None,
        note_id: int | None = None,
        draft_id: int | None = None,
    ) -> DraftRow:
        """Save (or update) the draft of an open editor and return it; keep its ``id`` for the next call.

        With ``draft_id`` that draft is updated (re-created if it was discarded meanwhile); else with
        ``note_id`` the draft of that note is updated if there is one; else a new draft is made.
        ``exact`` defaults to the article's text at ``start:end``.
        """
        with self._write("save the draft") as conn:
            text = self._article_text(conn, article_id)
            if exact is None:
                exact = text[start:end] if 0 <= start <= end <= len(text) else ""
            existing = None
            if draft_id is not None:
                existing = conn.execute("SELECT id FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            elif note_id is not None:
                existing = conn.execute(
                    "SELECT id FROM drafts WHERE note_id = ? ORDER BY id DESC LIMIT 1", (note_id,)
                ).fetchone()
            values = (article_id, note_id, start, end, exact, body, " ".join(parse_tags(tags)), now_iso())
            if existing is not None:
                target = existing[0]
                conn.execute(
                    'UPDATE drafts SET article_id = ?, note_id = ?, start = ?, "end" = ?, exact = ?, body = ?, '
                    "tags = ?, updated = ? WHERE id = ?",
                    (*values, target),
                )
            else:
                cur = conn.execute(
                    'INSERT INTO drafts (article_id, note_id, start, "end", exact, body, tags, updated) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                target = cur.lastrowid
            return self._draft(conn, target)

    def discard_draft(self, draft_id: int) -> bool:
        """Forget a draft; False when there was none (discarding twice is harmless)."""
        with self._write("discard the draft") as conn:
            return conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount > 0

    def draft(self, draft_id: int) -> DraftRow | None:
        rows = self._query(f"{_DRAFT_SELECT} WHERE d.id = ?", (draft_id,))
        return _draft_row(rows[0]) if rows else None

    def drafts(self, *, article_id: int | None = None) -> list[DraftRow]:
        """Pending drafts, newest first: offer them back when the app starts or an article opens."""
        sql = "SELECT d.*, a.title AS article_title FROM drafts d LEFT JOIN articles a ON a.id = d.article_id"
        params: list[object] = []
        if article_id is not None:
            sql += " WHERE d.article_id = ?"
            params.append(article_id)
        sql += " ORDER BY d.updated DESC, d.id DESC"
        return [_draft_row(r) for r in self._query(sql, params)]

    def _draft(self, conn: sqlite3.Connection, draft_id: int | None) -> DraftRow:
        row = conn.execute(f"{_DRAFT_SELECT} WHERE d.id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NoteError(f"no draft {draft_id}")
        return _draft_row(row)

    def locate(self, article_id: int, exact: str, *, near: int | None = None) -> tuple[int, int] | None:
        """Where ``exact`` is in the article's current text (for offering a draft back): (start, end)."""
        rows = self._query("SELECT text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise ArticleNotFound(f"no article {article_id} in the library")
        found = anchor(rows[0][0], TextQuote(exact), near)
        return None if found is None else (found.start, found.end)
