"""One quote across sources, in the store: the quotes of the library that are the same words.

The rule is ``core.quote_echoes`` (normalised text, rapidfuzz). Here it is kept as articles are
added, inside the article's own transaction:

* ``quote_sketches(key, quote_id)`` holds the bottom-k sketch (the smallest shingle keys) of each
  matched text, by the oldest stored quote of its words, a WITHOUT ROWID table whose primary key is
  the lookup;
* ``quote_echoes(quote_id, echo_group, article_id, text_key)`` gives each matched quote its group:
  the same number for every quote that is one quote, the smallest id among them (no row for a quote
  that is not matched: too short, reported speech), and the ``text_key`` of its normalised words,
  indexed, which finds its exact copies. It is a table of its own so that grouping never updates
  ``quotes``, whose every update also rewrites the quotes' full-text index.

``index_article`` gives an article's new quotes their sketches and groups. A quote whose normalised
words are already stored (an exact copy: wire copy syndicated to many sites) joins the group of the
oldest stored quote of those words, found by its ``text_key`` (the texts compared, so two texts
sharing a key are never taken for copies), and takes no sketch: a text's sketch is held once, by
the oldest stored quote of its words, and handed to the next oldest when that one is deleted
(``forget_article``). So a wire story on a thousand sites writes no thousand sketches, and its
copies never crowd other texts out of a key's newest postings. Any other quote looks up its own
shingle keys (at most ``POSTINGS_PER_KEY`` stored texts each, the newest), compares each distinct
text among those candidates once with ``same_quote``, and joins every group it matches (merging
them: one quote found in two groups makes them one).

Copies of one text are thus always one group, as ``regroup`` keeps them. Where this differs from
looking a copy up like any other quote: the lookup could also find a quote that matches these words
but was grouped apart when it was added (it had not found them: it is a small part of a much longer
quote, whose smallest shingles it lacks, or more than ``POSTINGS_PER_KEY`` newer quotes shared each
key it had), and merge the two groups. A copy adds no words the library did not hold, so it merges
nothing: a group stays the quotes linked by the matches found as each new text arrived, whatever
the number of copies that followed it.

``forget_article`` takes an article's quotes out before they are deleted (a re-analysis, a
deletion), handing each sketch they held to the oldest copy of its words left, and ``regroup``
splits what is left of their groups again where the quote that joined them was the one gone, so a
group is always the quotes linked by matches that are still in the library.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..quote_echoes import is_matched, normalise, same_quote, shingle_keys, sketch, text_key
from .reads import reading

if TYPE_CHECKING:
    from .library import Library

POSTINGS_PER_KEY = 64
"""Stored texts read per shingle key, the newest (each sketched once, by the oldest quote of its
words): a group needs only one member found, and a shingle common to many unrelated quotes ("i dont
think") costs no more than this."""


_CANDIDATES = (
    "SELECT DISTINCT e.echo_group, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
    "WHERE e.quote_id <> ? AND e.quote_id IN (SELECT s.quote_id FROM json_each(?) k "
    "JOIN quote_sketches s ON s.key = k.value AND s.quote_id >= COALESCE((SELECT n.quote_id FROM quote_sketches n "
    "WHERE n.key = k.value ORDER BY n.quote_id DESC LIMIT 1 OFFSET ?), -9223372036854775808))"
)
"""The groups and texts of the candidates of a quote, in one statement: the stored quotes among the
newest ``POSTINGS_PER_KEY`` of each of its shingle keys (a JSON array), each key's range starting at
its ``POSTINGS_PER_KEY``-th newest quote id, found on the ``(key, quote_id)`` primary key; the quote
itself left out. Copies of one text in one group come back once."""


def _match(conn: sqlite3.Connection, quote_id: int, text: str, keys: list[int]) -> set[int]:
    """The groups of stored quotes that ``text`` (normalised, its ``shingle_keys`` ``keys``) is the
    same quote as. Each distinct normalised text among the candidates is compared once."""
    if not keys:
        return set()
    groups_of: dict[str, set[int]] = {}
    for group, other in conn.execute(_CANDIDATES, (quote_id, json.dumps(keys), POSTINGS_PER_KEY - 1)):
        groups_of.setdefault(normalise(other or ""), set()).add(group)
    return {g for other, groups in groups_of.items() if same_quote(text, other) for g in groups}


def _join(conn: sqlite3.Connection, quote_id: int, article_id: int, key: int, groups: set[int]) -> int:
    """Put ``quote_id`` (its words' ``text_key`` ``key``) in one group with every group of ``groups``
    (the smallest id names it); that group."""
    target = min(groups | {quote_id})
    conn.execute(
        "INSERT INTO quote_echoes (quote_id, echo_group, article_id, text_key) VALUES (?, ?, ?, ?)",
        (quote_id, target, article_id, key),
    )
    for group in groups - {target}:
        conn.execute("UPDATE quote_echoes SET echo_group = ? WHERE echo_group = ?", (target, group))
    return target


def _sketched(conn: sqlite3.Connection, quote_id: int, keys: list[int]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO quote_sketches (key, quote_id) VALUES (?, ?)",
        [(k, quote_id) for k in sketch(keys)],
    )


_COPY = (
    "SELECT e.quote_id, e.echo_group, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
    "WHERE e.text_key = ? ORDER BY e.quote_id LIMIT 1"
)
"""The oldest stored quote whose words have this ``text_key``: its id, group and text."""


def _copied(conn: sqlite3.Connection, quote_id: int, article_id: int, norm: str, key: int) -> bool:
    """Group ``quote_id`` as an exact copy of the oldest stored quote of the words ``norm``
    (``text_key`` ``key``), if there is one; whether there was. The copy takes no sketch: that
    quote holds the words' one."""
    row = conn.execute(_COPY, (key,)).fetchone()
    if row is None or normalise(row[2] or "") != norm:
        return False
    _join(conn, quote_id, article_id, key, {row[1]})
    return True


def _index(conn: sqlite3.Connection, rows: Iterable[tuple[int, int, str, str | None]]) -> None:
    """Sketch and group the quotes ``rows`` (id, article id, text, kind), in order."""
    for quote_id, article_id, text, kind in rows:
        norm = normalise(text or "")
        if not is_matched(kind, norm):
            continue
        key = text_key(norm)
        if _copied(conn, quote_id, article_id, norm, key):
            continue
        keys = shingle_keys(norm)
        _join(conn, quote_id, article_id, key, _match(conn, quote_id, norm, keys))
        _sketched(conn, quote_id, keys)


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Sketch and group the quotes of ``article_id`` not grouped yet (inside the caller's
    transaction: ``Library`` calls it where it writes an article's quotes)."""
    _index(
        conn,
        conn.execute(
            "SELECT id, article_id, text, kind FROM quotes q WHERE article_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM quote_echoes e WHERE e.quote_id = q.id) ORDER BY id",
            (article_id,),
        ).fetchall(),
    )


def forget_article(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Drop the sketches and group rows of an article's quotes before they are deleted, each
    sketch handed first to the oldest copy of its words in another article (``_hand_on``); the
    groups they were in (for ``regroup`` once the quotes are gone)."""
    its = "quote_id IN (SELECT id FROM quotes WHERE article_id = ?)"
    groups = {r[0] for r in conn.execute(f"SELECT DISTINCT echo_group FROM quote_echoes WHERE {its}", (article_id,))}
    _hand_on(conn, article_id)
    conn.execute(f"DELETE FROM quote_sketches WHERE {its}", (article_id,))
    conn.execute(f"DELETE FROM quote_echoes WHERE {its}", (article_id,))
    return groups


_HOLDERS = (
    "SELECT e.quote_id, e.text_key, q.text FROM quotes q JOIN quote_echoes e ON e.quote_id = q.id "
    "WHERE q.article_id = ? AND EXISTS (SELECT 1 FROM quote_sketches s WHERE s.quote_id = q.id) ORDER BY q.id"
)
"""The quotes of an article that hold a sketch: their ids, text keys and texts."""

_COPIES_ELSEWHERE = (
    "SELECT e.quote_id, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
    "WHERE e.text_key = ? AND q.article_id <> ? ORDER BY e.quote_id"
)
"""The stored quotes of a ``text_key`` outside an article, oldest first."""


def _hand_on(conn: sqlite3.Connection, article_id: int) -> None:
    """Give the sketch each quote of ``article_id`` holds to the oldest stored copy of its words in
    another article, which then holds its words' sketch (no other copy has one)."""
    for quote_id, key, text in conn.execute(_HOLDERS, (article_id,)).fetchall():
        norm = normalise(text or "")
        for other, other_text in conn.execute(_COPIES_ELSEWHERE, (key, article_id)):
            if normalise(other_text or "") == norm:
                conn.execute(
                    "INSERT OR IGNORE INTO quote_sketches (key, quote_id) SELECT key, ? FROM quote_sketches "
                    "WHERE quote_id = ?",
                    (other, quote_id),
                )
                break


def _members_by_text(conn: sqlite3.Connection, group: int) -> dict[str, list[int]]:
    """The quotes of ``group`` by their normalised text (copies of one text are one quote, compared
    once), each text's ids ascending and the texts in the order of their smallest id. Each distinct
    stored text is normalised once: a group of thousands of copies holds a few."""
    by_text: dict[str, list[int]] = {}
    normalised: dict[str, str] = {}
    for quote_id, text in conn.execute(
        "SELECT e.quote_id, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
        "WHERE e.echo_group = ? ORDER BY e.quote_id",
        (group,),
    ):
        text = text or ""
        if text not in normalised:
            normalised[text] = normalise(text)
        by_text.setdefault(normalised[text], []).append(quote_id)
    return by_text


def _linked(texts: Iterable[str]) -> list[list[str]]:
    """``texts`` in clusters linked by matches (single linkage): each text compared with the members
    of each cluster met until one matches, and joined with every cluster it matches."""
    clusters: list[list[str]] = []
    for norm in texts:
        joined = [c for c in clusters if any(same_quote(norm, other) for other in c)]
        merged = [norm]
        for c in joined:
            merged.extend(c)
            clusters.remove(c)
        clusters.append(merged)
    return clusters


def regroup(conn: sqlite3.Connection, groups: set[int]) -> None:
    """Group again what is left of ``groups`` after some of their quotes were deleted: the quotes
    still linked by matches stay one group (``_linked`` over their distinct normalised texts), the
    smallest id naming each. A cluster that keeps the group's name keeps its rows; the others are
    renamed a statement each: the whole group by its name when it stays one cluster, else the
    cluster's ids."""
    for group in sorted(groups):
        by_text = _members_by_text(conn, group)
        clusters = _linked(by_text)
        for cluster in clusters:
            ids = [i for norm in cluster for i in by_text[norm]]
            name = min(ids)
            if name == group:
                continue
            if len(clusters) == 1:
                conn.execute("UPDATE quote_echoes SET echo_group = ? WHERE echo_group = ?", (name, group))
            else:
                conn.execute(
                    "UPDATE quote_echoes SET echo_group = ? WHERE quote_id IN (SELECT value FROM json_each(?))",
                    (name, json.dumps(ids)),
                )


INDEX_BATCH = 10_000
"""Quotes ``index_library`` (and schema 13's step) read at a time: memory stays bounded whatever the
library's size."""


def in_batches(conn: sqlite3.Connection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``sql`` (its first column an id; two parameters: the id to read after, and at
    most how many rows) :data:`INDEX_BATCH` at a time, in id order. Each batch is read after the one
    before has been used, so rows the caller writes meanwhile are read as they then are."""
    last = -1
    while rows := conn.execute(sql, (last, INDEX_BATCH)).fetchall():
        yield rows
        last = rows[-1][0]


def index_library(conn: sqlite3.Connection) -> None:
    """Sketch and group every quote of the library not grouped yet, oldest first, a batch of
    :data:`INDEX_BATCH` at a time: what a migration does for a library's existing quotes (most of
    them, too short or reported speech, never grouped), and a bulk load does after its rows."""
    for rows in in_batches(
        conn,
        "SELECT id, article_id, text, kind FROM quotes q WHERE id > ? "
        "AND NOT EXISTS (SELECT 1 FROM quote_echoes e WHERE e.quote_id = q.id) ORDER BY id LIMIT ?",
    ):
        _index(conn, rows)


# -- reading -------------------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Source:
    """One article a quote appears in: the quote there (id, offsets, text, speaker) and the
    article's date (publication, else when added), site, title and URL."""

    quote_id: int
    article_id: int
    date: str | None
    site: str | None
    title: str | None
    url: str | None
    start: int
    end: int
    text: str
    speaker: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "date": self.date,
            "site": self.site,
            "title": self.title,
            "url": self.url,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
        }


@dataclass(slots=True, kw_only=True)
class Echoes:
    """A quote and its sources, earliest publication first (``sources[0]`` first reported it), at
    most the ``limit`` asked for; ``articles`` and ``quotes`` count them all. One source only when
    the quote is found nowhere else (or is not matched: ``matched``)."""

    quote_id: int
    matched: bool
    sources: list[Source]
    articles: int
    quotes: int

    @property
    def complete(self) -> bool:
        return len(self.sources) == self.quotes

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "matched": self.matched,
            "articles": self.articles,
            "quotes": self.quotes,
            "first": self.sources[0].to_dict() if self.sources else None,
            "sources": [s.to_dict() for s in self.sources],
        }


_SOURCE_COLUMNS = (
    "q.id, q.article_id, substr(COALESCE(a.published, a.added), 1, 10), a.site, a.title, COALESCE(a.url, a.source), "
    "q.start, q.end, q.text, q.speaker"
)
_EARLIEST_FIRST = " ORDER BY COALESCE(a.published, a.added), a.id, q.start"


def _source(r: sqlite3.Row | tuple[Any, ...]) -> Source:
    return Source(
        quote_id=r[0],
        article_id=r[1],
        date=r[2],
        site=r[3],
        title=r[4],
        url=r[5],
        start=r[6],
        end=r[7],
        text=r[8],
        speaker=r[9],
    )


def echoes_of(library: Library, quote_id: int, *, limit: int | None = None) -> Echoes | None:
    """The sources of quote ``quote_id`` (itself among them), earliest publication first, at most
    ``limit``; None when there is no such quote. Its group is one index lookup, counted from the
    index alone."""
    with reading(library) as conn:
        if conn.execute("SELECT 1 FROM quotes WHERE id = ?", (quote_id,)).fetchone() is None:
            return None
        row = conn.execute("SELECT echo_group FROM quote_echoes WHERE quote_id = ?", (quote_id,)).fetchone()
        base = f"SELECT {_SOURCE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        if row is None:
            rows = conn.execute(base + "WHERE q.id = ?", (quote_id,)).fetchall()
            return Echoes(quote_id=quote_id, matched=False, sources=[_source(r) for r in rows], articles=1, quotes=1)
        group = row[0]
        quotes, articles = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM quote_echoes WHERE echo_group = ?", (group,)
        ).fetchone()
        sql = base + "JOIN quote_echoes e ON e.quote_id = q.id WHERE e.echo_group = ?" + _EARLIEST_FIRST
        params: tuple[int, ...] = (group,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (group, limit)
        rows = conn.execute(sql, params).fetchall()
    return Echoes(quote_id=quote_id, matched=True, sources=[_source(r) for r in rows], articles=articles, quotes=quotes)


def echo_counts(library: Library, article_id: int) -> dict[int, int]:
    """For each quote of the article found in other articles: its start offset → how many other
    articles hold it (what the reader marks), counted from the groups' index alone."""
    with reading(library) as conn:
        rows = conn.execute(
            "SELECT q.start, (SELECT COUNT(DISTINCT o.article_id) FROM quote_echoes o "
            "WHERE o.echo_group = e.echo_group AND o.article_id <> e.article_id) "
            "FROM quotes q JOIN quote_echoes e ON e.quote_id = q.id WHERE q.article_id = ?",
            (article_id,),
        ).fetchall()
    return {start: n for start, n in rows if n}


def quote_id_at(library: Library, article_id: int, start: int) -> int | None:
    """The id of the article's quote starting at ``start`` (the reader knows quotes by offset)."""
    with reading(library) as conn:
        row = conn.execute(
            "SELECT id FROM quotes WHERE article_id = ? AND start = ? ORDER BY id LIMIT 1", (article_id, start)
        ).fetchone()
    return row[0] if row else None
