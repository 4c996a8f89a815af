"""The local library: one SQLite file (WAL, FTS5) that the CLI and the reader both sit on.

Writes go through ``Library`` one article per transaction, so an interrupted import leaves only
whole articles behind. Reads return the small records of ``records.py``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Concatenate, ParamSpec, TypedDict, TypeVar, Unpack

if TYPE_CHECKING:
    import sqlite_utils

    from ..corrections import CorrectedArticles

from ..figure_keys import object_key
from ..model import Analysis, Entity, Figure, Quote, Speaker, quote_organisation
from ..organisations import ORG_LABEL, organisation_key
from . import echoes, merges, opening, schema
from .errors import library_error
from .fts import MAX_QUERY_TERMS as MAX_QUERY_TERMS  # where the CLI and the app's library screen import it
from .fts import fts_query
from .fts import query_terms_cut as query_terms_cut
from .identities import (
    ORGANISATION,
    PERSON,
    Identity,
    choose_identity,
    is_bare_surname,
    surname_of,
    surname_owner,
)
from .records import AddResult, ArticleRow, DeleteResult, OrgSummary, QuoteRow, SearchHit, SpeakerSummary


def content_hash(text: str) -> str:
    """Identity of an article's text, insensitive to whitespace differences between copies: its
    words (split at runs of whitespace, ``str.isspace``) joined by single spaces."""
    import hashlib  # only when adding articles: the reader's start-up does not pay for the import

    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- organisations (the rule is in core/organisations.py; this is it in SQL, on stored keys) ------


# Where an article holds an organisation's key: it is the organisation's if any of them has it.
class ArticleFilters(TypedDict, total=False):
    """What ``Library.articles`` narrows and orders the list by (its arguments but the page's)."""

    order: str
    descending: bool
    unread_only: bool
    bookmarked_only: bool
    speaker: str | None
    organisation: str | None
    ids: list[int] | None
    identity_id: int | None
    feed_id: int | None


_ARTICLE_ORG_KEYS: tuple[tuple[str, str], ...] = (
    ("entities", "organisation_key"),
    ("entities", "text_organisation_key"),
    ("speakers", "organisation_key"),
    ("quotes", "organisation_key"),
)

# The ids of the quotes that are an organisation's (three parameters, each its key): those counting
# for it, and those an ORG entity naming it lies inside.
_QUOTES_OF_ORGANISATION = " UNION ".join(
    [
        "SELECT id FROM quotes WHERE organisation_key = ?",
        *(
            "SELECT q2.id FROM entities e JOIN quotes q2 ON q2.article_id = e.article_id "
            f"AND e.start < q2.end AND q2.start < e.end WHERE e.{col} = ?"
            for col in ("organisation_key", "text_organisation_key")
        ),
    ]
)


_CorrectedOrganisations = dict[str, tuple[frozenset[int], list[QuoteRow]]]
"""For each organisation key the corrected articles concern: those of them the ``o`` filter keeps
and their corrected quote rows that are its (``core.corrections.organisation_rows``)."""


def _in(ids: Sequence[int]) -> str:
    return f"({','.join('?' * len(ids))})"


def _not_in(column: str, ids: Sequence[int]) -> str:
    """`` AND column NOT IN (?, …)``, leaving out the corrected articles ``ids``; nothing if none."""
    return f" AND {column} NOT IN {_in(ids)}" if ids else ""


def _stored_names(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[tuple[str, str, int], int]:
    """(organisation key, a name it is given, the name's rank: 0 quotes', 1 speakers', 2 entities')
    → how many rows give it, from the stored rows (quotes and speakers of the articles without
    corrections, ``ids``; entities of all)."""
    skip = _not_in("article_id", ids)
    return {
        (key, name, rank): count
        for key, name, rank, count in conn.execute(
            "SELECT key, name, MIN(rank), COUNT(*) FROM ("
            " SELECT organisation_key AS key, organisation AS name, 0 AS rank FROM quotes"
            f" WHERE organisation_key IS NOT NULL{skip}"
            " UNION ALL SELECT organisation_key, organisation, 1 FROM speakers"
            f" WHERE organisation_key IS NOT NULL{skip}"
            " UNION ALL SELECT organisation_key, COALESCE(canonical, text), 2 FROM entities"
            " WHERE organisation_key IS NOT NULL"
            ") GROUP BY key, name",
            [*ids, *ids],
        )
    }


def _organisation_names(
    conn: sqlite3.Connection, ids: Sequence[int], corrected: _CorrectedOrganisations
) -> dict[str, str]:
    """Each organisation key → the name it is most often given, quotes' names before speakers',
    before entities' (``_stored_names``), in the order the keys are first tallied. The corrected
    articles ``ids`` give the names of their corrected quotes that are its, and of their speakers
    (a speaker named without being quoted: ranked, not counted) where the filter keeps one."""
    tally = _stored_names(conn, ids)
    for key, (_kept, said) in corrected.items():
        for r in said:
            if r.organisation and organisation_key(r.organisation) == key:
                tally[(key, r.organisation, 0)] = tally.get((key, r.organisation, 0), 0) + 1
    if ids:
        for key, name in conn.execute(
            f"SELECT organisation_key, organisation FROM speakers WHERE article_id IN {_in(ids)} "
            "AND organisation_key IS NOT NULL",
            ids,
        ):
            if corrected.get(key, (frozenset(), []))[0]:
                tally.setdefault((key, name, 1), 0)
    best: dict[str, tuple[int, int, str]] = {}  # key -> (rank, -count, name), the smallest
    for (key, name, rank), count in tally.items():
        ranked = (rank, -count, name)
        if key not in best or ranked < best[key]:
            best[key] = ranked
    return {key: name for key, (_rank, _count, name) in best.items()}


def _organisation_articles(
    conn: sqlite3.Connection, ids: Sequence[int], corrected: _CorrectedOrganisations
) -> dict[str, int]:
    """Each organisation key → how many articles are its: an article is when a row of it holds the
    key (``_ARTICLE_ORG_KEYS``); a corrected article (``ids``), when its entities name it or the
    filter keeps it by its corrected rows."""
    articles = dict(
        conn.execute(
            "SELECT key, COUNT(DISTINCT article_id) FROM ("
            + " UNION ALL ".join(f"SELECT {col} AS key, article_id FROM {table}" for table, col in _ARTICLE_ORG_KEYS)
            + f") WHERE key IS NOT NULL{_not_in('article_id', ids)} GROUP BY key",
            ids,
        )
    )
    if ids:
        named = _named_in(conn, ids)
        for key, (kept, _said) in corrected.items():
            articles[key] = articles.get(key, 0) + len(named.get(key, set()) | kept)
    return articles


def _named_in(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[str, set[int]]:
    """Each organisation key → those of the articles ``ids`` whose ORG entities name it."""
    named: dict[str, set[int]] = {}
    for key, article in conn.execute(
        "SELECT key, article_id FROM ("
        + " UNION ALL ".join(
            f"SELECT {col} AS key, article_id FROM {table}" for table, col in _ARTICLE_ORG_KEYS if table == "entities"
        )
        + f") WHERE key IS NOT NULL AND article_id IN {_in(ids)}",
        ids,
    ):
        named.setdefault(key, set()).add(article)
    return named


def _organisation_statements(
    conn: sqlite3.Connection, ids: Sequence[int], corrected: _CorrectedOrganisations
) -> dict[str, tuple[int, int]]:
    """Each organisation key → its quotations and its reported statements: the quotes said for it
    or that an ORG entity naming it lies inside, those of the corrected articles (``ids``) as
    corrected (their corrected quote rows that are its)."""
    skip_q = _not_in("q.article_id", ids)
    counts = {
        key: (quoted, reported)
        for key, quoted, reported in conn.execute(
            "SELECT key, COUNT(DISTINCT CASE WHEN kind <> 'indirect' THEN id END), "
            "COUNT(DISTINCT CASE WHEN kind = 'indirect' THEN id END) FROM ("
            " SELECT organisation_key AS key, id, kind FROM quotes"
            f" WHERE organisation_key IS NOT NULL{_not_in('article_id', ids)}"
            + "".join(
                f" UNION ALL SELECT e.{col}, q.id, q.kind FROM entities e JOIN quotes q"
                f" ON q.article_id = e.article_id AND e.start < q.end AND q.start < e.end WHERE e.{col} IS NOT NULL"
                f"{skip_q}"
                for col in ("organisation_key", "text_organisation_key")
            )
            + ") GROUP BY key",
            [*ids, *ids, *ids],
        )
    }
    for key, (_kept, said) in corrected.items():
        quoted, reported = counts.get(key, (0, 0))
        indirect = sum(r.kind == "indirect" for r in said)
        counts[key] = (quoted + len(said) - indirect, reported + indirect)
    return counts


def _any_row_holds(sources: tuple[tuple[str, str], ...], *, walk: bool) -> str:
    """SQL true of an article when a row of one of ``sources`` (table, key column) holds a key,
    one parameter a source: per article (``walk``), else as the set of articles."""
    if walk:
        return " OR ".join(f"EXISTS (SELECT 1 FROM {t} WHERE {c} = ? AND article_id = articles.id)" for t, c in sources)
    return "id IN (" + " UNION ".join(f"SELECT article_id FROM {t} WHERE {c} = ?" for t, c in sources) + ")"


def _as_corrected(test: str, fixed: CorrectedArticles | None) -> tuple[str, list[object]]:
    """A filter's SQL ``test`` of an article, with the articles a reader corrected (``fixed.fixed``)
    tested by their corrected quotes instead (kept when in ``fixed.kept``), and the parameters it
    adds after the test's own."""
    if fixed is None or not fixed.fixed:
        return test, []
    skip, kept = sorted(fixed.fixed), sorted(fixed.kept)
    sql = f"(({test}) AND id NOT IN ({','.join('?' * len(skip))}))"
    if kept:
        sql = f"({sql} OR id IN ({','.join('?' * len(kept))}))"
    return sql, [*skip, *kept]


def entity_organisation_keys(label: str, canonical: str | None, text: str | None) -> tuple[str | None, str | None]:
    """The organisation keys stored with an entity: of its canonical name and of its own text, for
    an ORG entity (None for others, and for a name with no letters left)."""
    if label != ORG_LABEL:
        return None, None
    return organisation_key(canonical) or None, organisation_key(text) or None


def entity_row(article_id: int, e: Entity) -> tuple[object, ...]:
    """An ``entities`` row: (article_id, start, end, label, text, canonical, organisation_key,
    text_organisation_key)."""
    return (
        article_id,
        e.start,
        e.end,
        e.label,
        e.text,
        e.canonical,
        *entity_organisation_keys(e.label, e.canonical, e.text),
    )


# The columns ``speaker_row``, ``quote_row`` and ``figure_row`` fill, in their order (``insert_sql``
# makes the INSERT).
SPEAKER_COLUMNS = ("article_id", "name", "aliases", "role", "organisation", "organisation_key", "quotes", "kind",
                   "reported")  # fmt: skip
QUOTE_COLUMNS = ("article_id", "start", "end", "text", "speaker", "cue", "kind", "organisation", "organisation_key",
                 "speaker_kind", "statement_start", "statement_end")  # fmt: skip
FIGURE_COLUMNS = ("article_id", "start", "end", "text", "value", "unit", "object", "per", "kind", "date", "qualifier",
                  "low", "high")  # fmt: skip


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """An INSERT of ``columns`` into ``table``, one parameter each: so a row tuple and its statement
    cannot fall out of step (the library and the benchmark's bulk load both use it)."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def quotation_count(quotes: list[Quote]) -> int:
    """What ``articles.quote_count`` holds: an article's quotations (words in quotation marks, of
    every kind but "indirect"). Reported statements are not counted, as ``Speaker.quotes`` does not
    count them: the library list's "quotes" stays the quotations it always was."""
    return sum(1 for q in quotes if not q.is_reported)


def speaker_row(article_id: int, s: Speaker) -> tuple[object, ...]:
    """A ``speakers`` row without its id, in the order of ``SPEAKER_COLUMNS``: (article_id, name,
    aliases, role, organisation, organisation_key, quotes, kind, reported)."""
    aliases = json.dumps(s.aliases, ensure_ascii=False)
    return (
        article_id,
        s.name,
        aliases,
        s.role,
        s.organisation,
        organisation_key(s.organisation) or None,
        s.quotes,
        s.kind or PERSON,
        s.reported,
    )


def quote_row(article_id: int, q: Quote, speaker: Speaker | None) -> tuple[object, ...]:
    """A ``quotes`` row in the order of ``QUOTE_COLUMNS``: (article_id, start, end, text, speaker, cue,
    kind, organisation, organisation_key, speaker_kind, statement_start, statement_end); ``speaker``
    is the article's record of the quote's speaker."""
    org = quote_organisation(q, speaker)
    kind = q.speaker_kind or ("unattributed" if q.speaker is None else PERSON)
    return (
        article_id,
        q.start,
        q.end,
        q.text,
        q.speaker,
        q.cue,
        q.kind,
        org,
        organisation_key(org) or None,
        kind,
        q.statement_start,
        q.statement_end,
    )


def figure_row(article_id: int, f: Figure) -> tuple[object, ...]:
    """A ``figures`` row in the order of ``FIGURE_COLUMNS``: (article_id, start, end, text, value,
    unit, object, per, kind, date, qualifier, low, high)."""
    return (
        article_id,
        f.start,
        f.end,
        f.text,
        f.value,
        f.unit,
        f.object,
        f.per,
        f.kind,
        f.date,
        f.qualifier,
        f.low,
        f.high,
    )


# The fields of an analysis' entities, quotes and figures that their tables keep in columns of the
# same names, read back by ``_stored`` (a speaker's need converting: see ``Library.analysis``).
_ENTITY_FIELDS = ("start", "end", "label", "text", "canonical")
_QUOTE_FIELDS = ("start", "end", "text", "speaker", "cue", "kind", "speaker_kind", "statement_start", "statement_end")
_FIGURE_FIELDS = FIGURE_COLUMNS[1:]

_T = TypeVar("_T")


def _stored(
    conn: sqlite3.Connection, record: Callable[..., _T], table: str, fields: tuple[str, ...], article_id: int
) -> list[_T]:
    """The ``table`` rows of one article in text order, each as ``record`` built by name from the
    columns ``fields``."""
    columns = ", ".join(f'"{name}"' for name in fields)
    sql = f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY start"
    return [record(**row) for row in conn.execute(sql, (article_id,))]


# -- identities (the rule is in identities.py; this is its bookkeeping in SQL) --------------------


def _identities(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Identity]:
    return [Identity(id=r[0], name=r[1], kind=r[2]) for r in conn.execute(sql, params)]


def _identity_for(conn: sqlite3.Connection, name: str, kind: str, aliases: list[str]) -> int:
    """The identity a speaker ``name`` of ``kind`` belongs to, made if new; its names become aliases."""
    same_name = _identities(conn, "SELECT id, name, kind FROM identities WHERE name = ? COLLATE NOCASE", (name,))
    same_surname = (
        _identities(
            conn, "SELECT id, name, kind FROM identities WHERE surname = ? COLLATE NOCASE AND kind = 'person'", (name,)
        )
        if is_bare_surname(name, kind)
        else []
    )
    same_alias = (
        _identities(
            conn,
            "SELECT i.id, i.name, i.kind FROM identity_aliases a JOIN identities i ON i.id = a.identity_id "
            "WHERE a.alias = ? COLLATE NOCASE AND i.kind = 'organisation'",
            (name,),
        )
        if kind == ORGANISATION
        else []
    )
    chosen = choose_identity(name, kind, same_name=same_name, same_surname=same_surname, same_alias=same_alias)
    names = sorted({name, *aliases})
    if chosen is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) VALUES (?, ?)", [(chosen.id, n) for n in names]
        )
        return chosen.id
    surname = surname_of(name, kind)
    cur = conn.execute("INSERT INTO identities (name, kind, surname) VALUES (?, ?, ?)", (name, kind, surname))
    ident = cur.lastrowid
    assert ident is not None
    if surname is not None:
        _reconcile_surname(conn, surname)  # may remake aliases from rows: this speaker's come after
    conn.executemany(
        "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) VALUES (?, ?)", [(ident, n) for n in names]
    )
    if kind == ORGANISATION:
        # An organisation stored earlier under what this one's analysis calls an alias ("CFR")
        # joins it, when this is the only organisation going by that name.
        for alias in names:
            if alias == name:
                continue
            owners = _identities(
                conn,
                "SELECT i.id, i.name, i.kind FROM identity_aliases a JOIN identities i ON i.id = a.identity_id "
                "WHERE a.alias = ? COLLATE NOCASE AND i.kind = 'organisation' AND i.name <> ? COLLATE NOCASE",
                (alias, alias),
            )
            if [o.id for o in owners] == [ident]:
                for other in _identities(
                    conn,
                    "SELECT id, name, kind FROM identities WHERE name = ? COLLATE NOCASE AND kind = 'organisation'",
                    (alias,),
                ):
                    _merge_identity(conn, other.id, ident)
    return ident


def _merge_identity(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Everything of identity ``source`` becomes ``target``'s; ``source`` goes."""
    if source == target:
        return
    conn.execute("UPDATE speakers SET identity_id = ? WHERE identity_id = ?", (target, source))
    conn.execute("UPDATE quotes SET identity_id = ? WHERE identity_id = ?", (target, source))
    conn.execute(
        "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) "
        "SELECT ?, alias FROM identity_aliases WHERE identity_id = ?",
        (target, source),
    )
    conn.execute("DELETE FROM identity_aliases WHERE identity_id = ?", (source,))
    conn.execute("DELETE FROM identities WHERE id = ?", (source,))


def _refresh_aliases(conn: sqlite3.Connection, ident: int) -> None:
    """An identity's aliases made again from its name and the rows that are still its own."""
    conn.execute("DELETE FROM identity_aliases WHERE identity_id = ?", (ident,))
    conn.execute(
        "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) SELECT id, name FROM identities WHERE id = ?",
        (ident,),
    )
    conn.execute(
        "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) SELECT DISTINCT ?, a.alias "
        "FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id WHERE s.identity_id = ?",
        (ident, ident),
    )
    conn.execute(
        "INSERT OR IGNORE INTO identity_aliases (identity_id, alias) SELECT DISTINCT ?, speaker FROM quotes "
        "WHERE identity_id = ?",
        (ident, ident),
    )


def _reconcile_surname(conn: sqlite3.Connection, surname: str) -> None:
    """Bring the people stored under the bare ``surname`` in line with the full names ending in it.

    One full name: the bare identity merges into it (a later "Donald Trump" takes the earlier
    "Trump" quotes). Several: rows stored under the bare surname that the rule had tied to one of
    them go back to a bare identity of their own (they could be either).
    """
    fulls = _identities(
        conn, "SELECT id, name, kind FROM identities WHERE surname = ? COLLATE NOCASE AND kind = 'person'", (surname,)
    )
    bare = _identities(
        conn,
        "SELECT id, name, kind FROM identities WHERE name = ? COLLATE NOCASE AND kind = 'person' AND surname IS NULL",
        (surname,),
    )
    owner = surname_owner(fulls, surname)
    if owner is not None:
        for b in bare:
            _merge_identity(conn, b.id, owner.id)
        return
    if len(fulls) < 2:
        return
    ids = [f.id for f in fulls]
    marks = ",".join("?" * len(ids))
    tied_speakers = f"FROM speakers WHERE identity_id IN ({marks}) AND name = ? COLLATE NOCASE"
    tied_quotes = f"FROM quotes WHERE identity_id IN ({marks}) AND speaker = ? COLLATE NOCASE"
    if not conn.execute(
        f"SELECT EXISTS (SELECT 1 {tied_speakers}) OR EXISTS (SELECT 1 {tied_quotes})", (*ids, surname, *ids, surname)
    ).fetchone()[0]:
        return
    if bare:
        target = bare[0].id
    else:
        cur = conn.execute("INSERT INTO identities (name, kind, surname) VALUES (?, 'person', NULL)", (surname,))
        assert cur.lastrowid is not None
        target = cur.lastrowid
    for tied in (tied_speakers, tied_quotes):
        table = tied.split()[1]
        conn.execute(f"UPDATE {table} SET identity_id = ? WHERE id IN (SELECT id {tied})", (target, *ids, surname))
    _refresh_aliases(conn, target)
    for ident in ids:
        _refresh_aliases(conn, ident)


def _prune_identities(conn: sqlite3.Connection, idents: set[int]) -> None:
    """After an article's analysis was replaced: identities left without rows go, the rest get
    their aliases made again; a full name left holding only bare-surname rows goes too (those
    rows are re-linked by the rule)."""
    for ident in sorted(idents):
        row = conn.execute("SELECT name, kind, surname FROM identities WHERE id = ?", (ident,)).fetchone()
        if row is None:
            continue
        surname = row["surname"]
        own = (
            "SELECT EXISTS (SELECT 1 FROM speakers WHERE identity_id = :i "
            "AND (:s IS NULL OR name <> :s COLLATE NOCASE)) OR EXISTS (SELECT 1 FROM quotes "
            "WHERE identity_id = :i AND (:s IS NULL OR speaker <> :s COLLATE NOCASE))"
        )
        if conn.execute(own, {"i": ident, "s": surname}).fetchone()[0]:
            _refresh_aliases(conn, ident)
            continue
        leftover = conn.execute(
            "SELECT id, article_id, name, kind, aliases FROM speakers WHERE identity_id = ?", (ident,)
        ).fetchall()
        conn.execute("UPDATE speakers SET identity_id = NULL WHERE identity_id = ?", (ident,))
        conn.execute("UPDATE quotes SET identity_id = NULL WHERE identity_id = ?", (ident,))
        conn.execute("DELETE FROM identity_aliases WHERE identity_id = ?", (ident,))
        conn.execute("DELETE FROM identities WHERE id = ?", (ident,))
        if surname is not None:
            _reconcile_surname(conn, surname)
        for article_id in sorted({r["article_id"] for r in leftover}):
            link_identities(conn, article_id)


def link_identities(conn: sqlite3.Connection, article_id: int) -> None:
    """Tie one article's speakers and attributed quotes to library identities (inside the caller's
    transaction). Rows already tied are left as they are."""
    rows = conn.execute(
        "SELECT id, name, kind, aliases FROM speakers WHERE article_id = ? AND identity_id IS NULL ORDER BY id",
        (article_id,),
    ).fetchall()
    for sid, name, kind, aliases in rows:
        ident = _identity_for(conn, name, kind or PERSON, json.loads(aliases or "[]"))
        conn.execute("UPDATE speakers SET identity_id = ? WHERE id = ?", (ident, sid))
    # Read back: a later speaker of this article may have merged an earlier one's identity.
    conn.execute(
        "UPDATE quotes SET identity_id = (SELECT s.identity_id FROM speakers s WHERE s.article_id = quotes.article_id "
        "AND s.name = quotes.speaker ORDER BY s.id LIMIT 1) "
        "WHERE article_id = ? AND speaker IS NOT NULL AND identity_id IS NULL",
        (article_id,),
    )
    for qid, speaker, kind in conn.execute(
        "SELECT id, speaker, speaker_kind FROM quotes WHERE article_id = ? AND speaker IS NOT NULL "
        "AND identity_id IS NULL",
        (article_id,),
    ).fetchall():
        ident = _identity_for(conn, speaker, kind if kind and kind != "unattributed" else PERSON, [])
        conn.execute("UPDATE quotes SET identity_id = ? WHERE id = ?", (ident, qid))


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _said_in_one_line(*, writing: bool) -> Callable[[Callable[Concatenate[Library, _P], _R]], Callable[..., _R]]:
    """A method whose SQLite failures become a one-line ``LibraryError``: a damaged file says so;
    a write that failed (read-only, disk full, busy) is a ``LibraryWriteError``, raised after its
    transaction was rolled back, so nothing of the change is kept."""

    def decorate(method: Callable[Concatenate[Library, _P], _R]) -> Callable[Concatenate[Library, _P], _R]:
        @wraps(method)
        def guarded(self: Library, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise library_error(exc, self.path, writing=writing) from exc

        return guarded

    return decorate


_reads = _said_in_one_line(writing=False)
_writes = _said_in_one_line(writing=True)


class Library:
    """A newsread library file. Use ``Library.open(path)``; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._full_text: dict[str, list[tuple[object, ...]]] | None = None  # rows ``full_text_at_end`` holds

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, made on first use: importing sqlite-utils costs
        about a quarter of a second (it pulls in numpy), which the reader's start-up must not pay."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True, read_only: bool | None = None) -> Library:
        """Open the library file at ``path`` (default ``paths.default_db_path()``), made if missing
        when ``create`` (0600, in a 0700 folder).

        ``read_only``: True reads without writing anything (an SQLite ``mode=ro`` URI). None, the
        default, is False for a caller that may create the library (it means to write: a library
        that cannot be written is refused in one line) and otherwise opens the library read-only
        when the file or its folder cannot be written. ``Library.read_only`` says which it got.
        Every failure is a ``LibraryError`` (a ``NewsreadError``) naming the file and the reason.
        """
        from ..paths import default_db_path

        target = Path(path) if path is not None else default_db_path()
        if str(target) == ":memory:":
            conn = opening.connect(target, read_only=False)
            schema.configure(conn)
            lib = cls(conn, None)
            schema.ensure_schema(lib.db, None)
            return lib
        if read_only is None and create:
            read_only = False

        def ensure(conn: sqlite3.Connection) -> None:
            schema.ensure_schema(cls(conn, target).db, target)

        conn, is_read_only = opening.open_connection(target, create=create, read_only=read_only, ensure=ensure)
        return cls(conn, target, read_only=is_read_only)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, savepoint: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so two writers queue instead of deadlocking. Inside
        one already open (many articles stored in one commit) it is a savepoint: a failure undoes
        its own changes only. ``savepoint=False`` makes none inside an open transaction, for a
        caller that rolls back the whole of it when a write fails (a savepoint makes FTS5 write
        out its pending terms: a segment per article instead of one per commit).

        Inside ``full_text_at_end`` the full-text rows held back are written before the savepoint
        opens, and those held within it are dropped when it is rolled back: its rows are undone
        with it (an id it took is given to the next article), the rows of before it are not."""
        if self.conn.in_transaction and not savepoint:
            yield self.conn
            return
        if self.conn.in_transaction:
            self._write_full_text()
            self.conn.execute("SAVEPOINT part")
            try:
                yield self.conn
                self.conn.execute("RELEASE part")
            except BaseException:
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK TO part")
                    self._drop_full_text()
                    self.conn.execute("RELEASE part")
                raise
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # also when COMMIT itself failed (a full disk): never left open
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise

    # The tables whose new rows ``full_text_at_end`` indexes itself, and the columns it indexes.
    _FULL_TEXT_TABLES = ("articles", "quotes")

    @contextmanager
    def full_text_at_end(self) -> Iterator[None]:
        """Inside the caller's write transaction (a commit of many articles): the full-text rows of the
        articles and quotes added are written together when the block ends, not by their insert
        triggers one statement at a time.

        FTS5 writes its pending terms out as a segment of their own whenever a statement transaction
        opens while it holds some: every insert that fires a trigger, every ``INSERT … SELECT`` and
        multi-row update. Indexed a trigger at a time, each quote and each article became a segment,
        merged again and again; written together they are one segment a commit, the same terms. The
        insert triggers are dropped for the block and made again (``schema.fts_trigger_sql``) before
        it ends, in the same transaction: no other connection ever sees the library without them,
        and a rollback (the caller's, when the block raises) restores them. A row about to be
        updated or deleted in the block has its full-text row written first (``_write_full_text``),
        so the update and delete triggers always find it; so do the rows held when a savepoint
        opens (``transaction``), and the rows held within one it rolls back are dropped with it."""
        conn = self.conn
        assert conn.in_transaction and self._full_text is None
        for table in self._FULL_TEXT_TABLES:
            conn.execute(f'DROP TRIGGER "{table}_ai"')
        self._full_text = {table: [] for table in self._FULL_TEXT_TABLES}
        try:
            yield
            self._write_full_text()
            for table in self._FULL_TEXT_TABLES:
                conn.execute(schema.fts_trigger_sql(table, schema.FTS_TABLES[table])[f"{table}_ai"])
        finally:
            self._full_text = None

    def _write_full_text(self) -> None:
        """Index the rows ``full_text_at_end`` holds back, now (nothing outside its block)."""
        if self._full_text is None:
            return
        for table, rows in self._full_text.items():
            columns = ", ".join(f'"{c}"' for c in schema.FTS_TABLES[table])
            marks = ", ".join("?" * (len(schema.FTS_TABLES[table]) + 1))
            self.conn.executemany(f'INSERT INTO "{table}_fts" (rowid, {columns}) VALUES ({marks})', rows)
            rows.clear()

    def _drop_full_text(self) -> None:
        """Forget the rows ``full_text_at_end`` holds back: their writes were rolled back."""
        for rows in (self._full_text or {}).values():
            rows.clear()

    # -- writing ---------------------------------------------------------------------------------
    @_writes
    def add_analysis(
        self,
        analysis: Analysis,
        *,
        url: str | None = None,
        source: str | None = None,
        site: str | None = None,
        byline: str | None = None,
        reanalyse: bool = False,
        match_source: bool = True,
        summary_only: str | None = None,
        on_text_replaced: Callable[[sqlite3.Connection, int, str], object] | None = None,
        savepoint: bool = True,
    ) -> AddResult:
        """Store one analysed article atomically.

        The same text again is a duplicate (its analysis is refreshed only with ``reanalyse``); the
        same URL — or, for a local file, the same source path — with new text updates the article in
        place, and ``on_text_replaced(conn, article_id, new_text)`` is then called inside the same
        transaction: ingest passes the notes' re-anchoring there, so the new text and the moved notes
        are committed together while the store knows nothing of notes. ``match_source=False``
        (stdin) stores ``source`` without treating it as the article's identity.

        ``summary_only`` marks the text as only a feed entry's summary and says why (its page could
        not be fetched); it is stored with the article, and the full text replacing that summary in
        place (``summary_only=None``) clears it. A summary whose link is already the URL or source
        of a full text is not stored (neither over that article nor beside it): the full text is
        reported as a duplicate.

        Inside a transaction the caller holds, the article is a savepoint of its own unless
        ``savepoint=False``: then a failed write leaves the caller's transaction to be rolled back
        whole (``ingest_analyses`` does, and stores its articles again one by one).
        """
        digest = content_hash(analysis.text)
        with self.transaction(savepoint=savepoint) as conn:
            row = conn.execute("SELECT id, summary_only FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if row is not None:
                if not reanalyse:
                    return AddResult(article_id=row["id"], status="duplicate", summary_only=row["summary_only"])
                self._write_full_text()
                self._replace_analysis(row["id"], analysis)
                conn.execute("UPDATE articles SET model = ? WHERE id = ?", (analysis.model, row["id"]))
                return AddResult(article_id=row["id"], status="updated", summary_only=row["summary_only"])
            key_col, key = ("url", url) if url else ("source", source if match_source else None)
            same = None
            if key:
                same = conn.execute(
                    f"SELECT id, summary_only FROM articles WHERE {key_col} = ? ORDER BY id DESC LIMIT 1", (key,)
                ).fetchone()
            if summary_only is not None and url:
                # The page was fetched on an earlier run (stored under its canonical URL, with the
                # link as its source, or under the link itself): the feed offline today adds nothing.
                full = conn.execute(
                    "SELECT id FROM articles WHERE (url = ? OR source = ?) AND summary_only IS NULL "
                    "ORDER BY id DESC LIMIT 1",
                    (url, url),
                ).fetchone()
                if full is not None:
                    return AddResult(article_id=full["id"], status="duplicate")
            fields = {
                "url": url,
                "source": source,
                "site": site,
                "title": analysis.title,
                "byline": byline,
                "published": analysis.published,
                "text": analysis.text,
                "content_hash": digest,
                "model": analysis.model,
                "summary_only": summary_only,
            }
            if same is not None:
                self._write_full_text()
                article_id = same["id"]
                assignments = ", ".join(f"{k} = :{k}" for k in fields)
                conn.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**fields, "id": article_id})
                self._replace_analysis(article_id, analysis)
                if on_text_replaced is not None:
                    on_text_replaced(conn, article_id, analysis.text)
                return AddResult(article_id=article_id, status="updated", summary_only=summary_only)
            cur = conn.execute(
                "INSERT INTO articles (url, source, site, title, byline, published, text, content_hash, model, "
                "summary_only, added) VALUES (:url, :source, :site, :title, :byline, :published, :text, "
                ":content_hash, :model, :summary_only, :added)",
                {**fields, "added": now_iso()},
            )
            article_id = cur.lastrowid
            assert article_id is not None
            if self._full_text is not None:
                self._full_text["articles"].append((article_id, analysis.title, analysis.text))
            self._insert_analysis(article_id, analysis)
            return AddResult(article_id=article_id, status="added", summary_only=summary_only)

    @_reads
    def find_text(self, text: str) -> int | None:
        """The id of the article holding this text (whitespace-insensitive), if any: the cheap
        duplicate check made before spending time on analysis."""
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash(text),)).fetchone()
        return row[0] if row else None

    def _replace_analysis(self, article_id: int, analysis: Analysis) -> None:
        touched = self._clear_analysis(article_id)
        self._insert_analysis(article_id, analysis)
        _prune_identities(self.conn, touched)

    def _clear_analysis(self, article_id: int) -> set[int]:
        """Delete one article's analysis rows; the identities they were tied to, to prune after."""
        conn = self.conn
        touched = {
            r[0]
            for r in conn.execute(
                "SELECT identity_id FROM speakers WHERE article_id = ? AND identity_id IS NOT NULL "
                "UNION SELECT identity_id FROM quotes WHERE article_id = ? AND identity_id IS NOT NULL",
                (article_id, article_id),
            )
        }
        conn.execute(
            "DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT id FROM speakers WHERE article_id = ?)",
            (article_id,),
        )
        groups = echoes.forget_article(conn, article_id)
        for table in ("entities", "speakers", "quotes", "figures"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        echoes.regroup(conn, groups)
        return touched

    def _insert_analysis(self, article_id: int, a: Analysis) -> None:
        conn = self.conn
        conn.executemany(
            "INSERT INTO entities (article_id, start, end, label, text, canonical, organisation_key, "
            "text_organisation_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entity_row(article_id, e) for e in a.entities],
        )
        by_name: dict[str, Speaker] = {}
        for s in a.speakers:
            by_name[s.name] = s
            cur = conn.execute(insert_sql("speakers", SPEAKER_COLUMNS), speaker_row(article_id, s))
            names = {s.name, *s.aliases}
            conn.executemany(
                "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)",
                [(cur.lastrowid, n) for n in sorted(names)],
            )
        conn.executemany(
            insert_sql("quotes", QUOTE_COLUMNS),
            [quote_row(article_id, q, by_name.get(q.speaker or "")) for q in a.quotes],
        )
        if self._full_text is not None:
            self._full_text["quotes"].extend(
                conn.execute("SELECT id, text, speaker FROM quotes WHERE article_id = ? ORDER BY id", (article_id,))
            )
        conn.executemany(
            insert_sql("figures", (*FIGURE_COLUMNS, "object_key")),
            [(*figure_row(article_id, f), object_key(f.object) or None) for f in a.figures],
        )
        conn.execute(
            "UPDATE articles SET quote_count = ?, sentences = ? WHERE id = ?",
            (
                quotation_count(a.quotes),
                json.dumps(a.sentences, separators=(",", ":")) if a.sentences else None,
                article_id,
            ),
        )
        link_identities(conn, article_id)
        echoes.index_article(conn, article_id)  # one quote across sources, in the same transaction

    @_writes
    def mark_read(self, article_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET read_at = COALESCE(read_at, ?) WHERE id = ?", (now_iso(), article_id))

    @_writes
    def set_bookmark(self, article_id: int, on: bool) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET bookmarked = ? WHERE id = ?", (int(on), article_id))

    @_writes
    def set_read(self, article_ids: list[int], read: bool) -> int:
        """Mark articles read (those already read keep when they were first read) or unread;
        how many changed."""
        marks = ",".join("?" * len(article_ids)) or "NULL"
        with self.transaction() as conn:
            if read:
                sql = f"UPDATE articles SET read_at = ? WHERE read_at IS NULL AND id IN ({marks})"
                return conn.execute(sql, (now_iso(), *article_ids)).rowcount
            sql = f"UPDATE articles SET read_at = NULL WHERE read_at IS NOT NULL AND id IN ({marks})"
            return conn.execute(sql, article_ids).rowcount

    @_writes
    def mark_all_read(self, *, feed_id: int | None = None) -> int:
        """Mark every unread article read, or only those of the feed ``feed_id``; how many changed."""
        where = "read_at IS NULL"
        params: list[object] = [now_iso()]
        if feed_id is not None:
            where += " AND id IN (SELECT article_id FROM feed_articles WHERE feed_id = ?)"
            params.append(feed_id)
        with self.transaction() as conn:
            return conn.execute(f"UPDATE articles SET read_at = ? WHERE {where}", params).rowcount

    @_reads
    def notes_of(self, article_ids: list[int]) -> int:
        """How many notes and highlights the articles hold (what deleting them would orphan)."""
        marks = ",".join("?" * len(article_ids)) or "NULL"
        sql = f"SELECT COUNT(*) FROM notes WHERE article_id IN ({marks})"
        return self.conn.execute(sql, article_ids).fetchone()[0]

    @_writes
    def delete_articles(self, article_ids: list[int], *, delete_notes: bool = False) -> DeleteResult:
        """Delete articles with their analyses, in one transaction. Their notes are kept as orphans
        (``article_id`` NULL, the article's title and URL kept on the note: All notes lists them)
        unless ``delete_notes``; ids that name no article are reported as missing."""
        result = DeleteResult()
        with self.transaction() as conn:
            touched: set[int] = set()
            for article_id in dict.fromkeys(article_ids):
                row = conn.execute("SELECT title, url, source FROM articles WHERE id = ?", (article_id,)).fetchone()
                if row is None:
                    result.missing.append(article_id)
                    continue
                if delete_notes:
                    dropped = conn.execute("DELETE FROM notes WHERE article_id = ?", (article_id,))
                    result.notes_deleted += dropped.rowcount
                else:
                    result.notes_kept += conn.execute(
                        "UPDATE notes SET article_id = NULL, orphaned = 1, article_title = ?, article_url = ? "
                        "WHERE article_id = ?",
                        (row["title"], row["url"] or row["source"], article_id),
                    ).rowcount
                touched |= self._clear_analysis(article_id)
                conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                result.deleted.append(article_id)
            _prune_identities(conn, touched)
        return result

    # -- reading ---------------------------------------------------------------------------------
    @_reads
    def data_version(self) -> int:
        """A number that changes when another connection (another process) commits to the library:
        polled cheaply (no table is read) to notice articles added meanwhile. This connection's own
        writes leave it as it is."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @_reads
    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    @_reads
    def is_empty(self) -> bool:
        """Whether the library holds no article: one row looked for, not all counted."""
        return not self.conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]

    @_reads
    def unread_count(self) -> int:
        """Articles never opened (or marked unread): counted on ``idx_articles_unread`` alone."""
        return self.conn.execute("SELECT COUNT(*) FROM articles WHERE read_at IS NULL").fetchone()[0]

    @_reads
    def has_drafts(self) -> bool:
        """Whether any note draft is pending: one index probe, without loading the notes package."""
        return bool(self.conn.execute("SELECT EXISTS (SELECT 1 FROM drafts)").fetchone()[0])

    _ARTICLE_COLS = (
        "id, title, site, url, source, published, added, byline, model, quote_count, note_count, "
        "read_at IS NOT NULL AS read, bookmarked, summary_only"
    )
    # Each sorts missing values (an undated article, an untitled one) last, either way round.
    _ORDERS: ClassVar[dict[str, str]] = {
        "published": "published",
        "added": "added",
        "title": "title COLLATE NOCASE",
        "site": "site COLLATE NOCASE",
        "quotes": "quote_count",
        "notes": "note_count",
    }

    @_reads
    def articles(
        self, *, limit: int | None = None, offset: int = 0, **filters: Unpack[ArticleFilters]
    ) -> list[ArticleRow]:
        """Articles newest first by default, narrowed by the library screen's filters; undated
        articles come after the dated ones whichever way the list is sorted (``order="added"`` lists
        them by when they were added).

        ``speaker`` is a name or alias (every identity going by it); ``identity_id`` one identity
        (``SpeakerSummary.identity_id``); both may be given (ANDed). ``feed_id``: only the articles
        that subscription brought.
        """
        sql, params = self._article_query(self._ARTICLE_COLS, limit=limit, offset=offset, **filters)
        return [self._article_row(r) for r in self.conn.execute(sql, params)]

    @_reads
    def article_ids(self, *, limit: int | None = None, **filters: Unpack[ArticleFilters]) -> list[int]:
        """The ids of every article ``articles(**filters)`` lists, in its order (the first ``limit``
        of them): a whole view without its rows (the library screen reads the rows it shows by
        ``rows_of``). Sorted by publication (the default), an unfiltered view reads its index alone;
        sorted by a column no index holds, every article is read, but only up to its sort key rather
        than for every column ``articles`` returns (some stored after the long text)."""
        sql, params = self._article_query("id", limit=limit, **filters)
        return [r[0] for r in self.conn.execute(sql, params)]

    @_reads
    def rows_of(self, ids: list[int]) -> list[ArticleRow]:
        """The rows of the articles ``ids``, in that order; an id no longer in the library is left out."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r["id"]: self._article_row(r)
            for r in self.conn.execute(f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id IN ({marks})", ids)
        }
        return [found[i] for i in ids if i in found]

    def _article_query(
        self,
        columns: str,
        *,
        order: str = "published",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        unread_only: bool = False,
        bookmarked_only: bool = False,
        speaker: str | None = None,
        organisation: str | None = None,
        ids: list[int] | None = None,
        identity_id: int | None = None,
        feed_id: int | None = None,
    ) -> tuple[str, list[object]]:
        """The SQL (and its parameters) selecting ``columns`` of the articles ``articles`` lists."""
        where: list[str] = []
        params: list[object] = []
        if unread_only:
            where.append("read_at IS NULL")
        if bookmarked_only:
            where.append("bookmarked = 1")
        idents = self.identity_filter(speaker, identity_id)
        # Many articles match a speaker/organisation filter: walk the list's own index newest first
        # and test each article (an index probe) until a page is found, rather than collect and
        # sort every match. Few match: collect them (index lookups) and sort.
        walk = (
            (order not in self._ORDERS or order == "published")
            and ids is None
            and self._dense(identities=idents, organisation=organisation)
        )
        # The articles with corrections are tested by their quotes as corrected (core.corrections,
        # imported when a filter is on: the store never imports it at load).
        if idents is not None:
            from ..corrections import articles_quoting

            marks = ",".join("?" * len(idents)) or "NULL"
            if walk:
                test = (
                    f"EXISTS (SELECT 1 FROM speakers s WHERE s.article_id = articles.id AND s.identity_id IN ({marks}))"
                )
            else:
                test = f"id IN (SELECT article_id FROM speakers WHERE identity_id IN ({marks}))"
            test, extra = _as_corrected(test, articles_quoting(self, idents) if idents else None)
            where.append(test)
            params.extend([*idents, *extra])
        if organisation:
            from ..corrections import articles_of_organisation

            # organisations.py: an article is the organisation's when an ORG entity (canonical name or
            # own text), a speaker's organisation or a quote's organisation has its key; a corrected
            # article's speakers and quotes are its corrected quotes'.
            key = organisation_key(organisation)
            named, spoken = (_any_row_holds(part, walk=walk) for part in (_ARTICLE_ORG_KEYS[:2], _ARTICLE_ORG_KEYS[2:]))
            spoken, extra = _as_corrected(spoken, articles_of_organisation(self, organisation))
            where.append(f"({named} OR {spoken})")
            params.extend([*[key] * len(_ARTICLE_ORG_KEYS), *extra])
        if ids is not None:
            where.append(f"id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        if feed_id is not None:
            where.append("id IN (SELECT article_id FROM feed_articles WHERE feed_id = ?)")
            params.append(feed_id)
        sql = f"SELECT {columns} FROM articles"
        if walk:
            sql += " INDEXED BY idx_articles_published"
        if where:
            sql += " WHERE " + " AND ".join(where)
        key = self._ORDERS.get(order, self._ORDERS["published"])
        direction = "DESC" if descending else "ASC"
        sql += f" ORDER BY {key} {direction} NULLS LAST, id {direction}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return sql, params

    # Above this many matching rows, a speaker or organisation filter is "dense": walking articles
    # newest first reaches a page of matches sooner than sorting them all.
    DENSE_FILTER_ROWS: ClassVar[int] = 2000

    def _dense(
        self,
        *,
        identities: list[int] | None = None,
        organisation: str | None = None,
        speaker_kind: str | None = None,
        kind: str | None = None,
        quotes: bool = False,
    ) -> bool:
        """Whether a filter matches more than ``DENSE_FILTER_ROWS`` rows, counted on its index only
        as far as that bound. ``quotes`` counts quotes, otherwise speakers/entities rows."""
        cap = self.DENSE_FILTER_ROWS + 1
        checks: list[tuple[str, list[object]]] = []
        if identities is not None:
            if not identities:
                return False
            marks = ",".join("?" * len(identities))
            table = "quotes" if quotes else "speakers"
            checks.append((f"SELECT 1 FROM {table} WHERE identity_id IN ({marks})", [*identities]))
        if speaker_kind and quotes:
            checks.append(("SELECT 1 FROM quotes WHERE speaker_kind = ?", [speaker_kind]))
        if kind and quotes:
            checks.append(("SELECT 1 FROM quotes WHERE kind = ?", [kind]))
        if organisation:
            # Rows holding the key, as many as the matches or more (quotes: those mentioning it count
            # the mentions, every mention being in at most a few quotes).
            sources = _ARTICLE_ORG_KEYS if not quotes else (("quotes", "organisation_key"), *_ARTICLE_ORG_KEYS[:2])
            checks.append(
                (
                    " UNION ALL ".join(f"SELECT 1 FROM {table} WHERE {col} = ?" for table, col in sources),
                    [organisation_key(organisation)] * len(sources),
                )
            )
        if not checks:
            return False
        # Filters are ANDed: the result is only as dense as the sparsest one.
        return all(
            self.conn.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT ?)", (*params, cap)).fetchone()[0] >= cap
            for sql, params in checks
        )

    @staticmethod
    def _article_row(r: sqlite3.Row) -> ArticleRow:
        return ArticleRow(
            id=r["id"],
            title=r["title"],
            site=r["site"],
            url=r["url"],
            source=r["source"],
            published=r["published"],
            added=r["added"],
            byline=r["byline"],
            model=r["model"],
            quote_count=r["quote_count"] or 0,
            note_count=r["note_count"] or 0,
            read=bool(r["read"]),
            bookmarked=bool(r["bookmarked"]),
            summary_only=r["summary_only"],
        )

    @_reads
    def article(self, article_id: int) -> ArticleRow | None:
        r = self.conn.execute(f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article_row(r) if r else None

    @_reads
    def analysis(self, article_id: int) -> Analysis | None:
        """The stored analysis of one article, in the shape of ``newsread analyze --json``; its
        ``sentences`` are empty for an article last analysed by a newsread that did not keep them."""
        conn = self.conn
        art = conn.execute(
            "SELECT text, title, published, source, url, model, sentences FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if art is None:
            return None
        ents = _stored(conn, Entity, "entities", _ENTITY_FIELDS, article_id)
        speakers = [
            Speaker(
                name=r["name"],
                aliases=json.loads(r["aliases"] or "[]"),
                role=r["role"],
                organisation=r["organisation"],
                quotes=r["quotes"] or 0,
                kind=r["kind"] or PERSON,
                reported=r["reported"] or 0,
            )
            for r in conn.execute(
                "SELECT name, aliases, role, organisation, quotes, kind, reported FROM speakers WHERE article_id = ? "
                "ORDER BY id",
                (article_id,),
            )
        ]
        quotes = _stored(conn, Quote, "quotes", _QUOTE_FIELDS, article_id)
        figures = _stored(conn, Figure, "figures", _FIGURE_FIELDS, article_id)
        return Analysis(
            text=art["text"],
            title=art["title"],
            published=art["published"],
            path=art["url"] or art["source"],
            entities=ents,
            speakers=speakers,
            quotes=quotes,
            figures=figures,
            model=art["model"],
            sentences=json.loads(art["sentences"]) if art["sentences"] else [],
        )

    # How many matches ``search`` ranks at most: bm25 reads every candidate's position list and
    # length, so ranking all 80,000 articles that say "said" costs far more than the 50 shown.
    SEARCH_RANK_WINDOW: ClassVar[int] = 1000
    # The shortest last word searched as a prefix: FTS5 (no prefix index) merges the doclists of
    # every term a prefix covers, which for "i" is most of the index (24 s at 100k articles). Two
    # letters stay a prefix (the reader's search as you type relies on it) though "pr" costs
    # seconds at 100k: a prefix='2' FTS index would fix that at the price of a larger file.
    SEARCH_MIN_PREFIX: ClassVar[int] = 2

    @_reads
    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search of titles and texts; any user text is safe (see ``fts_query``).

        Up to ``SEARCH_RANK_WINDOW`` matches, every match is ranked and the best (bm25) come first.
        A query matching more than that (a common word) ranks only the most recently added
        ``SEARCH_RANK_WINDOW`` matches: FTS5 walks its index newest rowid first and stops there, so
        the cost is bounded however common the word, and the hits are the best of the recent ones.
        The last word is a prefix (as you type) from ``SEARCH_MIN_PREFIX`` characters on; only
        the first ``MAX_QUERY_TERMS`` words are searched (``query_terms_cut``).
        """
        match = fts_query(query, min_prefix=self.SEARCH_MIN_PREFIX)
        if match is None or limit <= 0:
            return []
        window = max(self.SEARCH_RANK_WINDOW, limit)
        ranked = self.conn.execute(
            "SELECT id, rank FROM (SELECT rowid AS id, rank FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?) ORDER BY rank, id DESC LIMIT ?",
            (match, window, limit),
        ).fetchall()
        if not ranked:
            return []
        ids = [r[0] for r in ranked]
        marks = ",".join("?" * len(ids))
        # Snippets (which re-read and tokenise each text) only for the hits shown, in one pass over
        # the match's rowid range: "rowid IN" handed to FTS5 would re-run the query once per id
        # (and a prefix query merges its doclists each time); the "+" keeps IN a plain filter.
        snippets = dict(
            self.conn.execute(
                "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
                f"WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})",
                (match, min(ids), max(ids), *ids),
            ).fetchall()
        )
        titles = dict(self.conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", ids).fetchall())
        return [
            SearchHit(article_id=i, title=titles.get(i), snippet=snippets.get(i, ""), rank=rank)
            for i, rank in ranked
            if i in titles
        ]

    @_reads
    def search_ids(self, query: str, *, limit: int) -> list[int]:
        """The articles ``search(query)`` finds, up to ``limit``, without ranks, snippets or titles:
        the most recently added matches, newest first (the set ``search`` ranks when ``limit`` is
        at least ``SEARCH_RANK_WINDOW``). For a list that sorts them itself (the library screen's):
        FTS5 walks its index newest rowid first and stops at ``limit``, so a common word costs no
        more than a rare one, and no text is re-read for a snippet."""
        match = fts_query(query, min_prefix=self.SEARCH_MIN_PREFIX)
        if match is None or limit <= 0:
            return []
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
        return [r[0] for r in self.conn.execute(sql, (match, limit))]

    @_reads
    def identity_ids(self, name: str) -> list[int]:
        """The identities going by ``name`` (case-insensitive): its full name or any alias, including
        the bare surnames and acronyms the library tied to it. One index search."""
        rows = self.conn.execute(
            "SELECT DISTINCT identity_id FROM identity_aliases WHERE alias = ? COLLATE NOCASE", (name,)
        )
        return sorted(r[0] for r in rows)

    def identity_filter(self, speaker: str | None, identity_id: int | None = None) -> list[int] | None:
        """The identities a speaker filter stands for (those going by ``speaker``, or ``identity_id``,
        with the ones merged with them), the one rule of ``quotes``, ``articles`` and the corrected
        quotes (``core.corrections``); None when there is no such filter."""
        if not speaker and identity_id is None:
            return None
        idents = self.identity_ids(speaker) if speaker else [identity_id]
        if speaker and identity_id is not None:
            idents = [i for i in idents if i == identity_id]
        return merges.expand(self.conn, [i for i in idents if i is not None])  # merged ones are one

    @_reads
    def speaker_names(self, name: str) -> list[str]:
        """Speaker names, as stored in articles, of every identity that ``name`` denotes
        (case-insensitively, by full name or alias): "donald trump" gives "Donald Trump" and, when
        the library tied them to him, the bare "Trump" of other articles."""
        idents = self.identity_ids(name)
        if not idents:
            return []
        marks = ",".join("?" * len(idents))
        rows = self.conn.execute(f"SELECT DISTINCT name FROM speakers WHERE identity_id IN ({marks})", idents)
        return sorted({r[0] for r in rows})

    @_reads
    def quotes(
        self,
        *,
        speaker: str | None = None,
        organisation: str | None = None,
        article_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        speaker_kind: str | None = None,
        identity_id: int | None = None,
        kind: str | None = None,
        not_in_articles: Collection[int] = (),
    ) -> list[QuoteRow]:
        """Quotes and reported statements, newest articles first, each article's in text order.

        ``speaker``: a name or alias (every identity going by it, so "donald trump" also finds the
        quotes stored under a bare "Trump" tied to him); ``identity_id``: one identity;
        ``speaker_kind``: one of ``model.SPEAKER_KINDS`` ("anonymous", "unattributed", …);
        ``kind``: one of ``model.QUOTE_KINDS`` ("indirect": reported statements only). A partial
        quote inside a reported statement comes with that statement's bounds and text.
        ``not_in_articles`` leaves some articles out (``core.corrections`` reads those itself).
        A speaker filter finds the identities merged with it too (``merges``).
        """
        where: list[str] = []
        params: list[object] = []
        if not_in_articles:
            where.append(f"q.article_id NOT IN ({','.join('?' * len(not_in_articles))})")
            params.extend(not_in_articles)
        idents = self.identity_filter(speaker, identity_id)
        if idents is not None:
            where.append(f"q.identity_id IN ({','.join('?' * len(idents)) or 'NULL'})")
            params.extend(idents)
        if organisation:
            where.append(f"q.id IN ({_QUOTES_OF_ORGANISATION})")
            params.extend([organisation_key(organisation)] * 3)
        if speaker_kind:
            where.append("q.speaker_kind = ?")
            params.append(speaker_kind)
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        if article_id is not None:
            where.append("q.article_id = ?")
            params.append(article_id)
        sql = (
            "SELECT q.id, q.article_id, a.title AS article_title, q.start, q.end, q.text, q.speaker, "
            "q.organisation, q.cue, q.kind, q.speaker_kind, q.identity_id, q.statement_start, q.statement_end, "
            "CASE WHEN q.statement_start IS NOT NULL AND q.statement_end >= q.statement_start "
            "THEN substr(a.text, q.statement_start + 1, q.statement_end - q.statement_start) END AS statement, "
            "(SELECT role FROM speakers s WHERE s.article_id = q.article_id AND s.name = q.speaker LIMIT 1) AS role "
        )
        if article_id is None and self._dense(
            identities=idents, organisation=organisation, speaker_kind=speaker_kind, kind=kind, quotes=True
        ):
            # Many quotes match: walk articles newest first (the list's own index) and each one's
            # quotes in order, which needs no sort and stops at the page; same order as below.
            sql += "FROM articles a INDEXED BY idx_articles_newest CROSS JOIN quotes q ON q.article_id = a.id"
        elif (speaker_kind or kind) and idents is None and not organisation and article_id is None:
            # Few quotes of this kind (it was not dense): collect them by the kind's index. SQLite's
            # statistics see a handful of kinds over many rows and would scan every article instead.
            index = "idx_quotes_speaker_kind" if speaker_kind else "idx_quotes_kind"
            sql += f"FROM quotes q INDEXED BY {index} JOIN articles a ON a.id = q.article_id"
        else:
            sql += "FROM quotes q JOIN articles a ON a.id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(a.published, a.added) DESC, q.article_id DESC, q.start"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return [
            QuoteRow(
                id=r["id"],
                article_id=r["article_id"],
                article_title=r["article_title"],
                start=r["start"],
                end=r["end"],
                text=r["text"],
                speaker=r["speaker"],
                organisation=r["organisation"],
                role=r["role"],
                cue=r["cue"],
                kind=r["kind"],
                speaker_kind=r["speaker_kind"] or ("unattributed" if r["speaker"] is None else PERSON),
                identity_id=r["identity_id"],
                statement_start=r["statement_start"],
                statement_end=r["statement_end"],
                statement=r["statement"],
            )
            for r in self.conn.execute(sql, params)
        ]

    @_reads
    def speakers(self, *, limit: int | None = None, kind: str | None = None) -> list[SpeakerSummary]:
        """One row per identity (a person, organisation or anonymous/document description across
        the library), most quoted first (then most reported): quotes, reported statements and
        articles counted over all the names it is stored under, its aliases, and its ``kind``;
        ``kind`` keeps one kind. Identities a reader merged (``merges``) are one row, the one they
        went into. The articles a reader corrected are counted by their quotes as corrected
        (``core.corrections.speaker_rows``, the reader's rule) rather than their speaker rows."""
        from ..corrections import speaker_rows

        fixed, corrected = speaker_rows(self)
        sql = (
            "SELECT i.id AS id, i.name AS name, i.kind AS kind, SUM(s.quotes) AS quotes, "
            "SUM(s.reported) AS reported, "
            "COUNT(DISTINCT s.article_id) AS articles, MAX(s.role) AS role, MAX(s.organisation) AS organisation, "
            "(SELECT json_group_array(a.alias) FROM identity_aliases a WHERE a.identity_id = i.id "
            " AND a.alias <> i.name) AS aliases "
            "FROM identities i JOIN speakers s ON s.identity_id = i.id"
        )
        where: list[str] = []
        params: list[object] = []
        if kind:
            where.append("i.kind = ?")
            params.append(kind)
        if fixed:
            where.append(f"s.article_id NOT IN ({','.join('?' * len(fixed))})")
            params.extend(sorted(fixed))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY i.id ORDER BY quotes DESC, reported DESC, i.name"
        merged = merges.merged_into(self.conn)
        if limit is not None and not merged and not fixed:
            sql += " LIMIT ?"
            params.append(limit)
        rows = [
            SpeakerSummary(
                name=r["name"],
                aliases=sorted(json.loads(r["aliases"] or "[]"), key=str.casefold),
                role=r["role"],
                organisation=r["organisation"],
                quotes=r["quotes"] or 0,
                reported=r["reported"] or 0,
                articles=r["articles"],
                kind=r["kind"],
                identity_id=r["id"],
            )
            for r in self.conn.execute(sql, params)
        ]
        spoken: dict[int, set[int]] = {}
        if fixed:
            rows, spoken = self._with_corrected(rows, fixed, corrected, kind, merged)
        if not merged:
            return rows[:limit]
        return merges.merged_summaries(rows, merged, self.conn, skip=fixed, spoken=spoken)[:limit]

    def _with_corrected(
        self,
        rows: list[SpeakerSummary],
        fixed: frozenset[int],
        corrected: list[QuoteRow],
        kind: str | None,
        merged: dict[int, int],
    ) -> tuple[list[SpeakerSummary], dict[int, set[int]]]:
        """``speakers``' rows of the articles without corrections with the ``fixed`` articles
        counted in (an identity only they name gets a row), most quoted first; and each identity's
        corrected articles. As on a person's page (``people``), an identity a corrected article
        concerns (it has a quote there, stored or as corrected, it or one merged with it) is
        counted there by its ``corrected`` quote rows; another, by its speaker rows there (a
        speaker the article names without quoting)."""
        marks = ",".join("?" * len(fixed))
        concerned = {
            (merged.get(i, i), a)
            for a, i in self.conn.execute(
                f"SELECT DISTINCT article_id, identity_id FROM quotes WHERE article_id IN ({marks}) "
                "AND identity_id IS NOT NULL",
                sorted(fixed),
            )
        }
        concerned |= {(merged.get(q.identity_id, q.identity_id), q.article_id) for q in corrected if q.identity_id}
        counted = [(q.identity_id, q.article_id, q.role, q.organisation, int(q.kind != "indirect"),
                    int(q.kind == "indirect")) for q in corrected if q.identity_id is not None]  # fmt: skip
        counted += [
            (i, a, role, organisation, quotes or 0, reported or 0)
            for i, a, role, organisation, quotes, reported in self.conn.execute(
                "SELECT identity_id, article_id, role, organisation, quotes, reported FROM speakers "
                f"WHERE article_id IN ({marks}) AND identity_id IS NOT NULL",
                sorted(fixed),
            )
            if (merged.get(i, i), a) not in concerned
        ]
        by_id = {r.identity_id: r for r in rows}
        spoken: dict[int, set[int]] = {}
        for ident, article, role, organisation, quotes, reported in counted:
            row = by_id.get(ident)
            if row is None:
                found = self.conn.execute("SELECT name, kind FROM identities WHERE id = ?", (ident,)).fetchone()
                if found is None or (kind and found[1] != kind):
                    continue
                aliases = self.conn.execute(
                    "SELECT alias FROM identity_aliases WHERE identity_id = ? AND alias <> ?", (ident, found[0])
                )
                row = SpeakerSummary(name=found[0], kind=found[1], identity_id=ident,
                                     aliases=sorted((a[0] for a in aliases), key=str.casefold))  # fmt: skip
                by_id[ident] = row
            row.quotes += quotes
            row.reported += reported
            row.role = max(filter(None, (row.role, role)), default=None)
            row.organisation = max(filter(None, (row.organisation, organisation)), default=None)
            spoken.setdefault(ident, set()).add(article)
        for ident, articles in spoken.items():
            by_id[ident].articles += len(articles)
        out = sorted(by_id.values(), key=lambda r: (-r.quotes, -r.reported, r.name))
        return out, spoken

    @_reads
    def organisations(self, *, limit: int | None = None) -> list[OrgSummary]:
        """The organisations the library names (``core.organisations``: quotes' and speakers'
        organisations, ORG entities), most seen first: the articles that are each one's, its
        quotations and its reported statements (each said for it or naming it), one row per key,
        under the name it is most often given (quotes' names before speakers', before entities').
        The articles a reader corrected are counted by their quotes as corrected, as the ``o``
        filter lists them (``core.corrections.organisation_rows``), rather than their stored quote
        and speaker rows; their entities still name the organisations."""
        from ..corrections import organisation_rows

        fixed, corrected = organisation_rows(self)
        ids = sorted(fixed)
        articles = _organisation_articles(self.conn, ids, corrected)
        statements = _organisation_statements(self.conn, ids, corrected)
        rows = [
            OrgSummary(
                name=name,
                articles=articles.get(key, 0),
                quotes=statements.get(key, (0, 0))[0],
                reported=statements.get(key, (0, 0))[1],
            )
            for key, name in _organisation_names(self.conn, ids, corrected).items()
        ]
        rows.sort(key=lambda r: (-r.articles, -r.quotes, -r.reported, r.name))
        return rows if limit is None else rows[: max(limit, 0)]
