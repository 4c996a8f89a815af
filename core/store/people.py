"""A person's (or organisation's) page: everything the library holds them saying, across articles.

``find_identity(library, name)`` is the one library-wide identity a name stands for (its full name,
or an alias the library tied to it: "Trump" is Donald Trump when he is the only Trump with a full
name); ``person_page(library, identity_id)`` is its page: the quotes and reported statements
credited to it, newest article first (each with the article's date, site and title and the role and
organisation the speaker had there), the roles and organisations it had over time, and how many
articles and statements there are. Anonymous sources and documents are descriptions ("a
spokesperson", "court records"), not people: they have no page.

The filters narrow the statements listed, never the header's counts: ``kinds`` keeps some quote
kinds (``model.QUOTE_KINDS``), ``text`` keeps the statements whose own words (not the speaker's
name) match as in the library's search (``fts.fts_query``: words, "phrases", OR, -word; the last
word a prefix), through the quotes' full-text index. Every read is an index search by identity,
so a page costs what its own rows cost.

A page follows what readers did (``core.corrections``, imported when a page is read): identities
merged into this one (``merges``) are part of it, and the articles with corrections concerning it
are read as corrected — a quote reassigned to them is theirs, one reassigned away or marked as not
a quote is not, a quote added for them is, an edited role is the one shown — in their place among
the newest-first rows (``corrections.merged_page``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..errors import NewsreadError
from . import merges
from .fts import fts_query
from .identities import ORGANISATION, PERSON, Identity, norm
from .reads import reading

if TYPE_CHECKING:
    from ..corrections import IdentityQuotes
    from .library import Library

PAGE_KINDS: tuple[str, ...] = (PERSON, ORGANISATION)
"""The kinds of identity that have a page: people and organisations, never a description."""

REPORTED_KINDS: tuple[str, ...] = ("indirect",)
QUOTED_KINDS: tuple[str, ...] = ("direct", "partial", "continuation")
"""``kinds`` filters for reported statements only and for words in quotation marks only."""

TEXT_MIN_PREFIX = 2
"""The shortest last word of a text filter matched as a prefix (as the library's search)."""


class NoPage(NewsreadError):
    """A name with no page: no one by it, several, or a description rather than a person.

    ``message`` says why; ``hint`` is the command that helps, which the command line adds in
    brackets (``str``) and the app, which has its own keys, leaves out."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(f"{message} (see `{hint}`)" if hint else message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True, kw_only=True)
class PageQuery:
    """Which of a page's statements to list: ``kinds`` of quote (``model.QUOTE_KINDS``; None for
    all), ``text`` they must match (words as in the library's search), and ``limit`` of them from
    ``offset`` (None: all)."""

    kinds: tuple[str, ...] | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(slots=True, kw_only=True)
class Statement:
    """One quote or reported statement on a page: where it is (article, offsets), what it says,
    and what the article said of the speaker then (``role``, ``organisation``). ``date`` is the
    article's publication date, else when it was added. ``statement`` is, for a partial quote
    inside a reported statement, that statement's text. ``corrected``: a reader's correction gave
    it to this speaker, or added it, or edited the speaker's role there (``core.corrections``); a
    quote added has no row of the analysis, and ``quote_id`` is minus its correction's id."""

    quote_id: int
    article_id: int
    title: str | None
    site: str | None
    date: str | None
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    role: str | None
    organisation: str | None
    statement: str | None = None
    corrected: bool = False

    @property
    def is_reported(self) -> bool:
        return self.kind in REPORTED_KINDS

    def to_dict(self) -> dict[str, Any]:
        """The statement as JSON; a quote a reader added has no ``quote_id`` (no row of the
        analysis) but its ``correction_id``."""
        return {
            "quote_id": self.quote_id if self.quote_id > 0 else None,
            "correction_id": -self.quote_id if self.quote_id < 0 else None,
            "corrected": self.corrected,
            "article_id": self.article_id,
            "title": self.title,
            "site": self.site,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker,
            "role": self.role,
            "organisation": self.organisation,
            "statement": self.statement,
        }


@dataclass(slots=True, kw_only=True)
class Role:
    """A role and organisation an identity had, and the first and last dates of the articles that
    gave it (case differences are one role)."""

    role: str | None
    organisation: str | None
    first: str | None
    last: str | None
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "organisation": self.organisation,
            "first": self.first,
            "last": self.last,
            "articles": self.articles,
        }


@dataclass(slots=True, kw_only=True)
class PersonPage:
    """One identity's page. ``articles``, ``quotes`` and ``reported`` count everything it has;
    ``statements`` are the rows its ``PageQuery`` keeps, and ``matching`` how many rows it keeps
    in all."""

    identity_id: int
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    articles: int = 0
    quotes: int = 0
    reported: int = 0
    roles: list[Role] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    matching: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "identity_id": self.identity_id,
            "name": self.name,
            "kind": self.kind,
            "aliases": self.aliases,
            "articles": self.articles,
            "quotes": self.quotes,
            "reported": self.reported,
            "roles": [r.to_dict() for r in self.roles],
            "matching": self.matching,
            "statements": [s.to_dict() for s in self.statements],
        }


def identities_named(library: Library, name: str) -> list[Identity]:
    """Every identity going by ``name`` (its full name or an alias, any case), of any kind."""
    with reading(library) as conn:
        rows = conn.execute(
            "SELECT DISTINCT i.id, i.name, i.kind FROM identity_aliases a JOIN identities i ON i.id = a.identity_id "
            "WHERE a.alias = ? COLLATE NOCASE ORDER BY i.name, i.id",
            (name.strip(),),
        ).fetchall()
    return [Identity(id=r[0], name=r[1], kind=r[2]) for r in rows]


def choose_page(name: str, found: Sequence[Identity]) -> Identity:
    """The identity whose page ``name`` opens, among the identities going by it (``found``).

    A person or organisation called exactly so wins; else the one person or organisation known by
    it. ``NoPage`` says why there is none: nobody by that name, only anonymous or document
    descriptions, or several people it could be (named, so the user can pick).
    """
    pages = [i for i in found if i.kind in PAGE_KINDS]
    if not pages:
        if found:
            kinds = sorted({i.kind for i in found})
            raise NoPage(
                f"“{name}” is {' and '.join(_kind_phrase(k) for k in kinds)}, not a person or organisation: "
                "it has no page",
                "newsread quotes --speaker-kind anonymous",
            )
        raise NoPage(f"no one called “{name}” is quoted in the library", "newsread speakers")
    exact = [i for i in pages if norm(i.name) == norm(name)]
    if len(exact) == 1:
        return exact[0]
    if len(pages) == 1:
        return pages[0]
    options = ", ".join(f"{i.name} ({i.kind})" for i in pages)
    if len({norm(i.name) for i in pages}) == 1:  # one name, several kinds
        raise NoPage(f"“{name}” could be {options}: say which kind (--speaker-kind)")
    raise NoPage(f"“{name}” could be {options}: give the full name")


def _kind_phrase(kind: str) -> str:
    return {"anonymous": "an anonymous source's description", "document": "a document"}.get(kind, f"a {kind}")


def find_identity(library: Library, name: str, kind: str | None = None) -> Identity:
    """The identity whose page ``name`` opens (``choose_page``; a merged identity's is the one it
    went into); ``NoPage`` when there is none. ``kind``, when known (the reader knows a speaker's),
    chooses among identities of several kinds going by the name (a person and an organisation both
    called "Apple")."""
    if not name.strip():
        raise NoPage("give a name", "newsread speakers")
    found = identities_named(library, name)
    of_kind = [i for i in found if i.kind == kind]
    chosen = choose_page(name.strip(), of_kind or found)
    with reading(library) as conn:
        top = merges.canonical(conn, chosen.id)
    return chosen if top == chosen.id else identity(library, top) or chosen


def identity(library: Library, identity_id: int) -> Identity | None:
    """The identity with this id, or None."""
    with reading(library) as conn:
        row = conn.execute("SELECT id, name, kind FROM identities WHERE id = ?", (identity_id,)).fetchone()
    return Identity(id=row[0], name=row[1], kind=row[2]) if row else None


_DATE = "substr(COALESCE(a.published, a.added), 1, 10)"

_STATEMENT_COLUMNS = (
    f"q.id, q.article_id, a.title, a.site, {_DATE} AS date, q.start, q.end, q.text, q.kind, q.cue, q.speaker, "
    "q.organisation, "
    # the role of the article's speaker row of that name, else of any of its rows for the identity
    "COALESCE((SELECT s.role FROM speakers s WHERE s.identity_id = q.identity_id AND s.article_id = q.article_id "
    " AND s.name = q.speaker AND s.role IS NOT NULL LIMIT 1), (SELECT s.role FROM speakers s "
    " WHERE s.identity_id = q.identity_id AND s.article_id = q.article_id AND s.role IS NOT NULL LIMIT 1)) AS role, "
    "CASE WHEN q.statement_start IS NOT NULL AND q.statement_end >= q.statement_start "
    "THEN substr(a.text, q.statement_start + 1, q.statement_end - q.statement_start) END AS statement"
)

DENSE_STATEMENTS = 2000
"""An identity with more statements than this is paged by walking the articles newest first (the
list's own index) and stopping at the page, rather than sorting all its statements."""

_NEWEST_FIRST = "ORDER BY COALESCE(a.published, a.added) DESC, q.article_id DESC, q.start"


_WORD = re.compile(r"\w+", re.UNICODE)


def _in(ids: Sequence[int]) -> str:
    return f"({','.join('?' * len(ids))})"


def _speaker_names(conn: sqlite3.Connection, ids: Sequence[int]) -> str | None:
    """The FTS column filter ``speaker : ("…" OR "…")`` of the names identities go by (every name
    their quotes are stored under is one of their aliases), or None when none has a name with a word."""
    names = [r[0] for r in conn.execute(f"SELECT alias FROM identity_aliases WHERE identity_id IN {_in(ids)}", ids)]
    phrases = sorted({" ".join(words) for n in names if (words := _WORD.findall(n.casefold()))})
    return "speaker : (" + " OR ".join(f'"{p}"' for p in phrases) + ")" if phrases else None


def _filters(
    conn: sqlite3.Connection, ids: Sequence[int], kinds: Sequence[str] | None, text: str | None, skip: Sequence[int]
) -> tuple[list[str], list[object]] | None:
    """The WHERE terms and parameters of a page's statements; None when ``text`` can match nothing
    (only exclusions, no word). The words are looked for in the quotes' text only (not in the
    speaker's name), and the full-text query is narrowed to the identity's names, so that its
    index reads the few rows of this speaker rather than every quote using a common word. ``skip``:
    articles left out (their corrections are applied apart)."""
    where = [f"q.identity_id IN {_in(ids)}"]
    params: list[object] = [*ids]
    if skip:
        where.append(f"q.article_id NOT IN {_in(skip)}")
        params.extend(skip)
    if kinds:
        where.append(f"q.kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
    if text and text.strip():
        match = fts_query(text, min_prefix=TEXT_MIN_PREFIX)
        if match is None:
            return None
        match = f"text : ({match})"
        names = _speaker_names(conn, ids)
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(f"{match} AND {names}" if names else match)
    return where, params


def statements(library: Library, identity_id: int, query: PageQuery = PageQuery()) -> tuple[list[Statement], int]:
    """The identity's statements ``query`` keeps (with those of the identities merged into it),
    newest article first and in text order within one, its ``limit`` of them from its ``offset``;
    and how many it keeps in all.

    The articles a reader corrected for this identity are read apart, with their corrections
    applied (``core.corrections.identity_quotes``, the reader's rule: a quote reassigned to it is
    its own, one reassigned away or marked as not a quote is not, one added for it is); the
    others' page is found by its ids first (from the indexes alone when the identity is dense, see
    ``DENSE_STATEMENTS``), then only their rows are read with their roles and statements.
    """
    from ..corrections import identity_quotes

    with reading(library) as conn:
        ids = merges.group(conn, identity_id)
    return _statements(library, ids, query, identity_quotes(library, ids))


def _statements(
    library: Library, ids: Sequence[int], query: PageQuery, fixed: IdentityQuotes
) -> tuple[list[Statement], int]:
    """``statements`` of identities ``ids`` (one and those merged into it), the corrected articles'
    rows being ``fixed``."""
    from ..corrections import merged_page

    extras = [s for s in _corrected_statements(library, fixed) if not query.kinds or s.kind in query.kinds]
    if query.text and query.text.strip() and extras:
        with reading(library) as conn:
            matched = _matching(conn, extras, query.text)
        extras = [s for s in extras if s.quote_id in matched]
    with reading(library) as conn:
        total = _count(conn, ids, query, fixed.articles)
        if total is None:
            return [], 0

        def fetch(offset: int, limit: int | None) -> list[Statement]:
            return _listed(conn, ids, query, fixed.articles, total, limit, offset)

        if query.limit is not None and query.offset >= total + len(extras):
            return [], total + len(extras)
        return merged_page(conn, fetch, extras, query.offset, query.limit), total + len(extras)


def _count(conn: sqlite3.Connection, ids: Sequence[int], query: PageQuery, skip: Sequence[int]) -> int | None:
    """How many rows of the library's query the page keeps; None when its text can match nothing.
    The rows of the articles in ``skip`` are counted apart and taken off: all the identity's rows
    are counted from its index alone, where leaving some articles out reads every row."""
    found = _filters(conn, ids, query.kinds, query.text, ())
    if found is None:
        return None
    where, params = found
    condition = " AND ".join(where)
    total = int(conn.execute(f"SELECT COUNT(*) FROM quotes q WHERE {condition}", params).fetchone()[0])
    if skip:
        sql = f"SELECT COUNT(*) FROM quotes q WHERE q.article_id IN {_in(skip)} AND {condition}"
        total -= int(conn.execute(sql, [*skip, *params]).fetchone()[0])
    return total


def _listed(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    query: PageQuery,
    skip: Sequence[int],
    total: int,
    limit: int | None,
    offset: int,
) -> list[Statement]:
    """``limit`` statements of the library's query from ``offset`` (``total`` of them in all)."""
    found = _filters(conn, ids, query.kinds, query.text, skip)
    if found is None or total == 0 or (limit is not None and offset >= total):
        return []
    where, params = found
    condition = " AND ".join(where)
    if limit is not None and total > DENSE_STATEMENTS and not query.text:
        source = (
            "FROM articles a INDEXED BY idx_articles_newest CROSS JOIN quotes q ON q.article_id = a.id "
            f"WHERE EXISTS (SELECT 1 FROM speakers s WHERE s.identity_id IN {_in(ids)} AND s.article_id = a.id) AND "
        )
        ids_sql, ids_params = f"SELECT q.id {source}{condition}", [*ids, *params]
    else:
        ids_sql = f"SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {condition}"
        ids_params = [*params]
    ids_sql += " " + _NEWEST_FIRST
    if limit is not None:
        ids_sql += " LIMIT ? OFFSET ?"
        ids_params += [limit, offset]
    quote_ids = [r[0] for r in conn.execute(ids_sql, ids_params)]
    marks = ",".join("?" * len(quote_ids))
    rows = conn.execute(
        f"SELECT {_STATEMENT_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks})",
        quote_ids,
    ).fetchall()
    by_id = {
        r[0]: Statement(
            quote_id=r[0],
            article_id=r[1],
            title=r[2],
            site=r[3],
            date=r[4],
            start=r[5],
            end=r[6],
            text=r[7],
            kind=r[8],
            cue=r[9],
            speaker=r[10],
            organisation=r[11],
            role=r[12],
            statement=r[13],
        )
        for r in rows
    }
    return [by_id[i] for i in quote_ids if i in by_id]


def _corrected_statements(library: Library, fixed: IdentityQuotes) -> list[Statement]:
    """The statements of the corrected articles' rows (``core.corrections.identity_quotes``)."""
    if not fixed.rows:
        return []
    articles = sorted({r.article_id for r in fixed.rows})
    with reading(library) as conn:
        meta = {
            r[0]: r[1:]
            for r in conn.execute(
                f"SELECT a.id, a.title, a.site, {_DATE} FROM articles a WHERE a.id IN {_in(articles)}", articles
            )
        }
    out = []
    for r in fixed.rows:
        title, site, date = meta.get(r.article_id, (r.article_title, None, None))
        out.append(
            Statement(
                quote_id=r.id,
                article_id=r.article_id,
                title=title,
                site=site,
                date=date,
                start=r.start,
                end=r.end,
                text=r.text,
                kind=r.kind,
                cue=r.cue,
                speaker=r.speaker,
                role=r.role,
                organisation=r.organisation,
                statement=r.statement,
                corrected=r.id in fixed.corrected,
            )
        )
    return out


def _matching(conn: sqlite3.Connection, found: Sequence[Statement], text: str) -> set[int]:
    """The ``quote_id`` of the statements whose words match ``text`` as the page's text filter does
    (the quotes' full-text index; a quote a reader added, which has no row there, in a full-text
    table of the same tokenizer made for the question)."""
    match = fts_query(text, min_prefix=TEXT_MIN_PREFIX)
    if match is None:
        return set()
    match = f"text : ({match})"
    stored = [s.quote_id for s in found if s.quote_id > 0]
    out = {
        r[0]
        for r in conn.execute(
            f"SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid IN {_in(stored)}", [match, *stored]
        )
    }
    added = [s for s in found if s.quote_id < 0]
    if added:
        mem = sqlite3.connect(":memory:")
        try:
            mem.execute("CREATE VIRTUAL TABLE added USING fts5(text, tokenize='porter')")
            mem.executemany("INSERT INTO added (rowid, text) VALUES (?, ?)", [(-s.quote_id, s.text) for s in added])
            out.update(-r[0] for r in mem.execute("SELECT rowid FROM added WHERE added MATCH ?", (match,)))
        finally:
            mem.close()
    return out


@dataclass(slots=True)
class _Spoken:
    """What the speaker rows of one identity add up to: its counts and, per role and organisation
    (case-insensitively), the articles that gave it."""

    quotes: int = 0
    reported: int = 0
    articles: set[int] = field(default_factory=set)
    roles: dict[tuple[str, str], tuple[str | None, str | None, set[int]]] = field(default_factory=dict)


def _spoken(conn: sqlite3.Connection, ids: Sequence[int], fixed: IdentityQuotes | None = None) -> _Spoken:
    """One read of the identities' speaker rows (their index), added up in Python; the articles of
    ``fixed`` (corrected) are counted from its rows instead, as the corrections make them."""
    out = _Spoken()
    rows: Iterable[tuple[int, str | None, str | None, int | None, int | None]] = conn.execute(
        f"SELECT article_id, role, organisation, quotes, reported FROM speakers WHERE identity_id IN {_in(ids)}", ids
    )
    if fixed is not None and fixed.articles:
        skip = set(fixed.articles)
        corrected = [(r.article_id, r.role, r.organisation, int(r.kind not in REPORTED_KINDS),
                      int(r.kind in REPORTED_KINDS)) for r in fixed.rows]  # fmt: skip
        rows = chain((r for r in rows if r[0] not in skip), corrected)
    for article_id, role, organisation, quoted, reported in rows:
        out.quotes += quoted or 0
        out.reported += reported or 0
        out.articles.add(article_id)
        if role or organisation:
            key = ((role or "").casefold(), (organisation or "").casefold())
            first = out.roles.setdefault(key, (role, organisation, set()))
            first[2].add(article_id)
    return out


FEW_ARTICLES = 200
"""A role given in up to this many articles has its dates read article by article; beyond, by
walking the articles' date index from each end until one of its articles (few steps when its
articles are many)."""


def _dates(conn: sqlite3.Connection, article_ids: set[int]) -> tuple[str | None, str | None]:
    """The first and last date (publication, else added) of ``article_ids``."""
    ids = sorted(article_ids)
    if len(ids) <= FEW_ARTICLES:
        marks = ",".join("?" * len(ids))
        sql = f"SELECT MIN({_DATE}), MAX({_DATE}) FROM articles a WHERE a.id IN ({marks})"
        first, last = conn.execute(sql, ids).fetchone()
        return first, last
    import json

    ends = []
    for order in ("", " DESC"):
        row = conn.execute(
            f"SELECT {_DATE} FROM articles a INDEXED BY idx_articles_newest WHERE a.id IN "
            f"(SELECT value FROM json_each(?)) ORDER BY COALESCE(a.published, a.added){order} LIMIT 1",
            (json.dumps(ids),),
        ).fetchone()
        ends.append(row[0] if row else None)
    return ends[0], ends[1]


def _roles(conn: sqlite3.Connection, spoken: _Spoken) -> list[Role]:
    """The roles and organisations the articles gave the identity, earliest first (case differences
    are one role, named as first stored)."""
    found = []
    for role, organisation, article_ids in spoken.roles.values():
        first, last = _dates(conn, article_ids)
        found.append(Role(role=role, organisation=organisation, first=first, last=last, articles=len(article_ids)))
    return sorted(found, key=lambda r: (r.first or "", (r.role or "").casefold()))


def person_page(library: Library, identity_id: int, query: PageQuery = PageQuery()) -> PersonPage:
    """The page of identity ``identity_id`` (see the module docstring), with the identities merged
    into it (a merged identity's page is the one it went into) and the corrections applied
    (``statements``; the counts and roles count the corrected articles as corrected); ``NoPage``
    when there is no such identity or it is a description."""
    from ..corrections import identity_quotes

    with reading(library) as conn:
        identity_id = merges.canonical(conn, identity_id)
    ident = identity(library, identity_id)
    if ident is None:
        raise NoPage(f"no identity {identity_id} in the library")
    if ident.kind not in PAGE_KINDS:
        raise NoPage(f"“{ident.name}” is {_kind_phrase(ident.kind)}: it has no page")
    with reading(library) as conn:
        ids = merges.group(conn, identity_id)
    fixed = identity_quotes(library, ids)
    with reading(library) as conn:
        spoken = _spoken(conn, ids, fixed)
        found_roles = _roles(conn, spoken)
        aliases = sorted(
            {
                r[0]
                for r in conn.execute(
                    f"SELECT alias FROM identity_aliases WHERE identity_id IN {_in(ids)} AND alias <> ?",
                    (*ids, ident.name),
                )
            },
            key=str.casefold,
        )
    rows, matching = _statements(library, ids, query, fixed)
    return PersonPage(
        identity_id=ident.id,
        name=ident.name,
        kind=ident.kind,
        aliases=aliases,
        articles=len(spoken.articles),
        quotes=spoken.quotes,
        reported=spoken.reported,
        roles=found_roles,
        statements=rows,
        matching=matching,
    )


NAMED_LIKE_CANDIDATES = 500
"""How many identities a prefix may find before they are ordered (each is counted for the order),
so one typed letter costs a bounded time however many names start with it; when more start so,
a longer prefix finds the others."""


def pages_named_like(library: Library, text: str, *, limit: int = 20) -> list[Identity]:
    """People and organisations with a name, an alias or a surname starting with ``text`` (any
    case), most quoted first: what the command palette offers as you type a name (a merged
    identity's name offers the page it went into). Index searches only (the aliases' and surnames'
    case-insensitive indexes)."""
    prefix = " ".join(text.split())
    if not prefix:
        return []
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    kinds = ",".join("?" * len(PAGE_KINDS))
    with reading(library) as conn:
        rows = conn.execute(
            "SELECT i.id, i.name, i.kind FROM identities i WHERE i.id IN ("
            " SELECT identity_id FROM identity_aliases WHERE alias LIKE ? ESCAPE '\\'"
            " UNION SELECT id FROM identities WHERE surname LIKE ? ESCAPE '\\' LIMIT ?"
            f") AND i.kind IN ({kinds}) "
            "ORDER BY (SELECT COUNT(*) FROM quotes q WHERE q.identity_id = i.id) DESC, i.name LIMIT ?",
            (pattern, pattern, NAMED_LIKE_CANDIDATES, *PAGE_KINDS, limit),
        ).fetchall()
        merged = merges.merged_into(conn)
        if not merged:
            return [Identity(id=r[0], name=r[1], kind=r[2]) for r in rows]
        tops = list(dict.fromkeys(merged.get(r[0], r[0]) for r in rows))  # a merged name finds its page
    return [i for top in tops if (i := identity(library, top)) is not None]
