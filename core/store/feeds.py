"""Feed subscriptions in the library: the ``feeds`` table and which articles came from which feed.

``Feeds(library)`` adds, finds, lists (with each feed's article and unread counts) and removes
subscriptions, keeps what a refresh learnt (the validators of a conditional request, the time, the
one-line error) and ties the articles a refresh stored to their feed with the entry key they had
there, so a later refresh knows which entries it has already stored. Every write is one
transaction; SQLite failures are one-line ``LibraryError``s as in ``Library``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import NewsreadError
from .errors import library_error
from .library import Library, now_iso


class FeedError(NewsreadError):
    """A subscription could not be added, found or changed; the message is one line for the user."""


@dataclass(slots=True, kw_only=True)
class FeedRow:
    """One subscription, with how many articles it brought and how many of those are unread."""

    id: int
    name: str
    url: str
    title: str | None = None
    etag: str | None = None
    modified: str | None = None
    added: str = ""
    last_refresh: str | None = None
    last_error: str | None = None
    articles: int = 0
    unread: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "title": self.title,
            "articles": self.articles,
            "unread": self.unread,
            "last_refresh": self.last_refresh,
            "last_error": self.last_error,
        }


@dataclass(slots=True, kw_only=True)
class StoredEntry:
    """An entry a feed already brought: its article, and whether that article is only the summary."""

    article_id: int
    summary_only: bool


SQLITE_INT_MAX = 2**63 - 1

# Unread articles (and feed summaries) are found through the partial indexes of their ids (schema
# v7), never by reading the articles' rows, which hold their whole texts.
_SELECT = (
    "SELECT f.id, f.name, f.url, f.title, f.etag, f.modified, f.added, f.last_refresh, f.last_error, "
    "(SELECT COUNT(*) FROM feed_articles fa WHERE fa.feed_id = f.id) AS articles, "
    "(SELECT COUNT(*) FROM feed_articles fa WHERE fa.feed_id = f.id "
    "AND fa.article_id IN (SELECT id FROM articles WHERE read_at IS NULL)) AS unread FROM feeds f"
)


def _row(r: sqlite3.Row) -> FeedRow:
    return FeedRow(**{k: r[k] for k in r.keys()})  # noqa: SIM118 - sqlite3.Row iterates values


class Feeds:
    """The subscriptions of one ``Library`` (sharing its connection)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.conn = library.conn

    def _fail(self, exc: sqlite3.Error, *, writing: bool) -> NewsreadError:
        return library_error(exc, self.library.path, writing=writing)

    # -- reading ----------------------------------------------------------------------------------
    def all(self) -> list[FeedRow]:
        """Every subscription, by name (any case)."""
        try:
            return [_row(r) for r in self.conn.execute(f"{_SELECT} ORDER BY f.name COLLATE NOCASE, f.id")]
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=False) from exc

    def _one(self, where: str, param: object) -> FeedRow | None:
        try:
            r = self.conn.execute(f"{_SELECT} WHERE {where}", (param,)).fetchone()
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=False) from exc
        return _row(r) if r is not None else None

    def find(self, ref: str) -> FeedRow:
        """The subscription named ``ref`` (any case), else the one with that id or URL; ``FeedError``
        when there is none."""
        row = self._one("f.name = ? COLLATE NOCASE", ref)
        if row is None and ref.isdigit() and int(ref) <= SQLITE_INT_MAX:
            row = self._one("f.id = ?", int(ref))
        if row is None:
            row = self._one("f.url = ?", ref)
        if row is None:
            raise FeedError(f"no feed named {ref!r} (see `newsread feeds ls`)")
        return row

    def stored_entries(self, feed_id: int) -> dict[str, StoredEntry]:
        """Entry key -> what the feed's earlier refreshes stored for it."""
        try:
            rows = self.conn.execute(
                "SELECT entry, article_id, article_id IN (SELECT id FROM articles WHERE summary_only IS NOT NULL) "
                "FROM feed_articles WHERE feed_id = ? AND entry IS NOT NULL",
                (feed_id,),
            ).fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=False) from exc
        return {r[0]: StoredEntry(article_id=r[1], summary_only=bool(r[2])) for r in rows}

    def full_texts_at(self, links: Iterable[str]) -> set[str]:
        """The ``links`` under which the library already holds a full text (as its URL or source):
        entries another feed or ``add`` brought are not fetched again."""
        found: set[str] = set()
        try:
            for link in links:
                hit = self.conn.execute(
                    "SELECT 1 FROM articles WHERE (url = ? OR source = ?) AND summary_only IS NULL LIMIT 1",
                    (link, link),
                ).fetchone()
                if hit is not None:
                    found.add(link)
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=False) from exc
        return found

    # -- writing ----------------------------------------------------------------------------------
    def add(self, url: str, *, name: str, title: str | None = None) -> FeedRow:
        """Subscribe to ``url`` as ``name``; ``FeedError`` when the name or the URL is taken."""
        try:
            with self.library.transaction() as conn:
                taken = conn.execute(
                    "SELECT name, url FROM feeds WHERE name = ? COLLATE NOCASE OR url = ?", (name, url)
                ).fetchone()
                if taken is not None:
                    what = f"the name {name!r}" if taken["name"].casefold() == name.casefold() else "this URL"
                    raise FeedError(f"{url}: already subscribed ({what} is the feed {taken['name']!r})")
                cur = conn.execute(
                    "INSERT INTO feeds (name, url, title, added) VALUES (?, ?, ?, ?)", (name, url, title, now_iso())
                )
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=True) from exc
        assert cur.lastrowid is not None
        return self.get(cur.lastrowid)

    def get(self, feed_id: int) -> FeedRow:
        """The subscription with id ``feed_id``; ``FeedError`` when there is none."""
        row = self._one("f.id = ?", feed_id)
        if row is None:
            raise FeedError(f"no feed with id {feed_id}")
        return row

    def remove(self, feed_id: int, *, keep_articles: bool) -> list[int]:
        """Unsubscribe; the feed's articles go too (those no other feed brought) unless
        ``keep_articles``. Returns the ids of the articles to delete (the caller deletes them with
        ``Library.delete_articles``, which keeps their notes)."""
        try:
            with self.library.transaction() as conn:
                only_here = [
                    r[0]
                    for r in conn.execute(
                        "SELECT article_id FROM feed_articles fa WHERE feed_id = ? AND NOT EXISTS "
                        "(SELECT 1 FROM feed_articles o WHERE o.article_id = fa.article_id AND o.feed_id != ?)",
                        (feed_id, feed_id),
                    )
                ]
                conn.execute("DELETE FROM feed_articles WHERE feed_id = ?", (feed_id,))
                conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=True) from exc
        return [] if keep_articles else only_here

    def refreshed(
        self,
        feed_id: int,
        *,
        error: str | None,
        title: str | None = None,
        etag: str | None = None,
        modified: str | None = None,
        validators: bool = False,
    ) -> None:
        """Keep what a refresh learnt: its time and error (None: it went well), the feed's title
        when it gave one, and (``validators``) the ETag and Last-Modified to send next time."""
        sets = ["last_refresh = ?", "last_error = ?"]
        params: list[object] = [now_iso(), error]
        if title:
            sets.append("title = ?")
            params.append(title)
        if validators:
            sets += ["etag = ?", "modified = ?"]
            params += [etag, modified]
        try:
            with self.library.transaction() as conn:
                conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, feed_id))
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=True) from exc

    def link(self, feed_id: int, links: Iterable[tuple[int, str | None]]) -> None:
        """Tie articles to the feed: (article id, entry key or None when it is not known)."""
        try:
            with self.library.transaction() as conn:
                for article_id, entry in links:
                    conn.execute(
                        "INSERT INTO feed_articles (feed_id, article_id, entry) VALUES (?, ?, ?) "
                        "ON CONFLICT (feed_id, article_id) DO UPDATE SET entry = COALESCE(excluded.entry, entry)",
                        (feed_id, article_id, entry),
                    )
        except sqlite3.Error as exc:
            raise self._fail(exc, writing=True) from exc
