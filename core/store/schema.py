"""The library's one schema: tables, indexes, full-text search, version and migrations.

The version lives in ``PRAGMA user_version``. ``ensure_schema`` creates a new file at the current
version, migrates an older one step by step (after copying the file to ``NAME.bak-vN``), and refuses
a file written by a newer newsread rather than guess at its meaning.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from ..errors import NewsreadError

SCHEMA_VERSION = 13


class SchemaTooNew(NewsreadError):
    """The database was written by a newer newsread."""


ARTICLE_COLUMNS = {
    "id": int,
    "url": str,  # canonical URL when known
    "source": str,  # the path or URL the article was added from
    "site": str,
    "title": str,
    "byline": str,
    "published": str,  # ISO date (YYYY-MM-DD) or datetime
    "text": str,
    "content_hash": str,  # sha256 of the normalised text: the duplicate check
    "model": str,  # the spaCy pipeline that made the stored analysis
    "added": str,  # ISO UTC timestamp
    "read_at": str,  # set when first opened in the reader
    "bookmarked": int,
    "quote_count": int,
    "note_count": int,
}


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        ARTICLE_COLUMNS,
        pk="id",
        not_null={"text", "content_hash", "added"},
        defaults={"bookmarked": 0, "quote_count": 0, "note_count": 0},
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["url"])
    db.table("articles").create_index(["source"])
    db.table("articles").create_index(["published"])
    db.table("articles").create_index(["added"])
    # The library list's order (``Library.articles``), so a page of 50 is an index walk, not a sort
    # of every article row (rows hold whole texts: a scan reads the entire library).
    db.execute("CREATE INDEX idx_articles_newest ON articles(COALESCE(published, added), id)")

    article_fk = [("article_id", "articles", "id")]
    db.table("entities").create(
        {"id": int, "article_id": int, "start": int, "end": int, "label": str, "text": str, "canonical": str},
        pk="id",
        foreign_keys=article_fk,
    )
    db.table("entities").create_index(["article_id"])
    db.execute("CREATE INDEX idx_entities_canonical_nocase ON entities(canonical COLLATE NOCASE, label)")
    # "Does this article name this organisation?" answered from the index alone, so the library
    # list filtered by a common organisation can walk articles newest first and stop at a page.
    db.execute("CREATE INDEX idx_entities_canonical_article ON entities(canonical COLLATE NOCASE, label, article_id)")

    db.table("speakers").create(
        {
            "id": int,
            "article_id": int,
            "name": str,
            "aliases": str,
            "role": str,
            "organisation": str,
            "quotes": int,
        },
        pk="id",
        foreign_keys=article_fk,
    )
    db.table("speakers").create_index(["article_id"])
    db.execute("CREATE INDEX idx_speakers_name_nocase ON speakers(name COLLATE NOCASE)")
    db.execute("CREATE INDEX idx_speakers_org_nocase ON speakers(organisation COLLATE NOCASE)")
    # The same for speakers by name and by organisation (see idx_entities_canonical_article).
    db.execute("CREATE INDEX idx_speakers_name_article ON speakers(name COLLATE NOCASE, article_id)")
    db.execute("CREATE INDEX idx_speakers_org_article ON speakers(organisation COLLATE NOCASE, article_id)")
    # Every name a speaker goes by in an article ("Cook" for Steven Cook), so a lookup by alias is
    # an index search rather than a scan of JSON.
    db.table("speaker_aliases").create(
        {"speaker_id": int, "alias": str}, foreign_keys=[("speaker_id", "speakers", "id")]
    )
    db.execute("CREATE INDEX idx_speaker_aliases_alias ON speaker_aliases(alias COLLATE NOCASE)")
    db.table("speaker_aliases").create_index(["speaker_id"])

    db.table("quotes").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "speaker": str,
            "cue": str,
            "kind": str,
            "organisation": str,
        },
        pk="id",
        foreign_keys=article_fk,
    )
    db.table("quotes").create_index(["article_id", "start"])
    db.execute("CREATE INDEX idx_quotes_speaker_nocase ON quotes(speaker COLLATE NOCASE)")
    db.execute("CREATE INDEX idx_quotes_org_nocase ON quotes(organisation COLLATE NOCASE)")

    db.table("figures").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "value": float,
            "unit": str,
            "object": str,
            "per": str,
            "kind": str,
            "date": str,
        },
        pk="id",
        foreign_keys=article_fk,
    )
    db.table("figures").create_index(["article_id", "start"])

    # Notes outlive analyses: they reference the article, never an analysis row, and carry both a
    # position selector (start, end) and a quote selector (exact, prefix, suffix) to re-anchor.
    db.table("notes").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "body": str,
            "tags": str,
            "kind": str,
            "orphaned": int,
            "created": str,
            "updated": str,
        },
        pk="id",
        foreign_keys=article_fk,
        not_null={"exact", "created"},
        defaults={"body": "", "tags": "", "kind": "note", "orphaned": 0},
    )
    db.table("notes").create_index(["article_id", "start"])
    # Drafts of notes being written, so a crash mid-edit loses nothing.
    db.table("drafts").create(
        {
            "id": int,
            "article_id": int,
            "note_id": int,
            "start": int,
            "end": int,
            "exact": str,
            "body": str,
            "tags": str,
            "updated": str,
        },
        pk="id",
    )

    for table, columns in FTS_TABLES.items():
        enable_fts(db, table, columns)


# The full-text indexes of v1: table -> indexed columns (the FTS table is ``{table}_fts``).
FTS_TABLES: dict[str, list[str]] = {
    "articles": ["title", "text"],
    "quotes": ["text", "speaker"],
    "notes": ["body", "exact", "tags"],
}


def enable_fts(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """sqlite-utils' FTS5 index over ``columns`` of ``table`` (Porter stemming) with its triggers,
    made inside the caller's transaction.

    sqlite-utils 4 runs the statements of ``enable_fts`` one by one while a transaction is open
    (``sqlite3.executescript`` would COMMIT it first and break the race-safe creation of a new
    library in ``ensure_schema``); Datasette and sqlite-utils detect the index by its names.
    """
    db.table(table).enable_fts(columns, tokenize="porter", create_triggers=True)


# Prefix indexes (FTS5's ``prefix`` option) of schema 10: table -> the prefix lengths indexed.
# Search as you type matches its last word as a prefix (``fts.fts_query``); without an index FTS5
# merges the doclist of every term that starts with it, the slowest for two letters ("bl": 102 ms
# a key on 100,000 articles, against 54 ms for "bli"). Indexing 2-character prefixes brought "bl"
# to 42 ms for +7 % of file; "2 3" gave 40 ms for "bl" and "bli" but +16 % and slower adds
# (benchmarks/README.md, issue 16).
FTS_PREFIX: dict[str, str] = {"articles": "2"}


def fts_table_sql(table: str, columns: list[str]) -> str:
    """The CREATE VIRTUAL TABLE statement of ``{table}_fts``: sqlite-utils' own (an external-content
    FTS5 table, Porter stemming, ``content="table"`` so sqlite-utils and Datasette detect it), with
    the ``prefix`` option of ``FTS_PREFIX`` where the table has one."""
    cols = ", ".join(f'"{c}"' for c in columns)
    prefix = f"    prefix='{FTS_PREFIX[table]}',\n" if table in FTS_PREFIX else ""
    return (
        f"CREATE VIRTUAL TABLE \"{table}_fts\" USING FTS5 (\n    {cols},\n    tokenize='porter',\n"
        f'{prefix}    content="{table}"\n)'
    )


def fts_trigger_sql(table: str, columns: list[str]) -> dict[str, str]:
    """Trigger name -> the CREATE TRIGGER statement that keeps ``{table}_fts`` in step with
    ``table``: what schema 10 installs in place of sqlite-utils' own and ``fts_suspended`` drops
    and restores.

    They are sqlite-utils' triggers (same names, same statements) except that the update trigger
    fires only ``AFTER UPDATE OF`` the indexed ``columns``: sqlite-utils' fires on any UPDATE, so
    setting ``quote_count`` and ``sentences`` after an insert, or ``identity_id`` on quotes, deleted
    and tokenised the whole text again for nothing.
    """
    fts = f'"{table}_fts"'
    cols = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    return {
        f"{table}_ai": (
            f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN\n'
            f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND"
        ),
        f"{table}_ad": (
            f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN\n'
            f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND"
        ),
        f"{table}_au": (
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {cols} ON "{table}" BEGIN\n'
            f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
            f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND"
        ),
    }


def create_fts_triggers(conn: sqlite3.Connection, table: str, columns: list[str]) -> None:
    for sql in fts_trigger_sql(table, columns).values():
        conn.execute(sql)


@contextmanager
def fts_suspended(conn: sqlite3.Connection, tables: list[str] | None = None) -> Iterator[None]:
    """Bulk loading: drop the FTS triggers of ``tables`` (default all), let the caller insert rows
    (in as many transactions as it likes), then rebuild each FTS index from its table in one pass
    and recreate the triggers from ``fts_trigger_sql``.

    Only for loads nobody else writes to meanwhile: a row inserted by another connection while the
    triggers are gone is still indexed by the rebuild, but the rebuild is the only thing that does
    it. If the body raises, the indexes are still rebuilt and the triggers restored.
    """
    names = list(FTS_TABLES) if tables is None else tables
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in names:
            for trigger in fts_trigger_sql(table, FTS_TABLES[table]):
                conn.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in names:
                conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES('rebuild')")
                create_fts_triggers(conn, table, FTS_TABLES[table])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _v1_to_v2(db: sqlite_utils.Database) -> None:
    """Speaker kinds and one identity per person or organisation across the library.

    ``speakers.kind`` and ``quotes.speaker_kind`` (see ``model.SPEAKER_KINDS``) are inferred for the
    rows already stored (``identities.infer_kind``); ``identities`` (one row per person,
    organisation or anonymous/document description) and ``identity_aliases`` (every name it goes
    by, searched case-insensitively) are built article by article with the rule that
    ``Library.add_analysis`` applies (``identities.choose_identity``). ``speakers.identity_id`` and
    ``quotes.identity_id`` point at them, so a lookup by speaker is an index search.
    Every statement goes through ``execute``: a new library runs this inside its creating transaction.
    """
    conn = db.conn
    conn.execute("ALTER TABLE speakers ADD COLUMN kind TEXT")
    conn.execute("ALTER TABLE speakers ADD COLUMN identity_id INTEGER REFERENCES identities(id)")
    conn.execute("ALTER TABLE quotes ADD COLUMN speaker_kind TEXT")
    conn.execute("ALTER TABLE quotes ADD COLUMN identity_id INTEGER REFERENCES identities(id)")
    conn.execute(
        "CREATE TABLE identities (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, surname TEXT)"
    )
    # One identity per name and kind (case-insensitively); full-name people found by their surname.
    conn.execute("CREATE UNIQUE INDEX idx_identities_name_kind ON identities(name COLLATE NOCASE, kind)")
    conn.execute("CREATE INDEX idx_identities_surname ON identities(surname COLLATE NOCASE, kind)")
    conn.execute(
        "CREATE TABLE identity_aliases (identity_id INTEGER NOT NULL REFERENCES identities(id), alias TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE UNIQUE INDEX idx_identity_aliases_alias ON identity_aliases(alias COLLATE NOCASE, identity_id)"
    )
    conn.execute("CREATE INDEX idx_identity_aliases_identity ON identity_aliases(identity_id)")
    conn.execute("CREATE INDEX idx_speakers_identity ON speakers(identity_id, article_id)")
    conn.execute("CREATE INDEX idx_quotes_identity ON quotes(identity_id)")
    conn.execute("CREATE INDEX idx_quotes_speaker_kind ON quotes(speaker_kind)")

    from .identities import infer_kind
    from .library import link_identities

    orgs = "SELECT 1 FROM entities e WHERE e.canonical = {col} COLLATE NOCASE AND e.label IN ('ORG', 'GPE', 'NORP') "
    rows = conn.execute(
        f"SELECT id, name, EXISTS ({orgs.format(col='speakers.name')}AND e.article_id = speakers.article_id) "
        "FROM speakers"
    ).fetchall()
    conn.executemany(
        "UPDATE speakers SET kind = ? WHERE id = ?",
        [(infer_kind(r[1], is_organisation=bool(r[2])), r[0]) for r in rows],
    )
    rows = conn.execute(
        "SELECT id, speaker, (SELECT kind FROM speakers s WHERE s.article_id = quotes.article_id "
        "AND s.name = quotes.speaker LIMIT 1), "
        f"EXISTS ({orgs.format(col='quotes.speaker')}AND e.article_id = quotes.article_id) FROM quotes"
    ).fetchall()
    conn.executemany(
        "UPDATE quotes SET speaker_kind = ? WHERE id = ?",
        [(r[2] if r[1] is not None and r[2] else infer_kind(r[1], is_organisation=bool(r[3])), r[0]) for r in rows],
    )
    # model.quote_organisation: a quote credited to an organisation itself counts for it
    conn.execute("UPDATE quotes SET organisation = speaker WHERE speaker_kind = 'organisation' AND speaker IS NOT NULL")
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
        link_identities(conn, article_id)


def _v2_to_v3(db: sqlite_utils.Database) -> None:
    """``articles.summary_only``: why an article's text is only its feed entry's summary.

    A feed item whose page could not be fetched is kept with the feed's summary (issue 10 item 8);
    the column holds the reason (the fetch error, or that fetching was off) so the library, the CLI
    and the reader can say the text is not the article, and NULL for a full text. Rows stored
    before v3 cannot be told apart and stay NULL: adding their feed again fetches what it can.
    """
    db.conn.execute("ALTER TABLE articles ADD COLUMN summary_only TEXT")


def _v3_to_v4(db: sqlite_utils.Database) -> None:
    """The parser's sentences, and organisation keys for the rule of ``core.organisations``.

    ``articles.sentences`` holds ``Analysis.sentences`` as JSON; articles analysed before v4 keep
    NULL (read as no sentences: the reader finds its own) until they are analysed again.
    ``organisation_key`` columns hold ``organisations.organisation_key`` (Unicode case folding, which
    ``COLLATE NOCASE`` does not do) of what the rule compares: a speaker's organisation, the
    organisation a quote counts for, an ORG entity's canonical name and its own text (NULL on other
    entities). They are computed here for the rows already stored; the ``COLLATE NOCASE``
    organisation indexes they replace go.
    """
    conn = db.conn
    conn.execute("ALTER TABLE articles ADD COLUMN sentences TEXT")
    conn.execute("ALTER TABLE speakers ADD COLUMN organisation_key TEXT")
    conn.execute("ALTER TABLE quotes ADD COLUMN organisation_key TEXT")
    conn.execute("ALTER TABLE entities ADD COLUMN organisation_key TEXT")
    conn.execute("ALTER TABLE entities ADD COLUMN text_organisation_key TEXT")
    for index in (
        "idx_speakers_org_nocase",
        "idx_speakers_org_article",
        "idx_quotes_org_nocase",
        "idx_entities_canonical_article",
    ):
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    # "Is this article (this quote) the organisation's?" answered from an index alone, so a filter by
    # a common organisation can walk articles newest first and stop at a page.
    conn.execute("CREATE INDEX idx_speakers_org_key ON speakers(organisation_key, article_id)")
    conn.execute("CREATE INDEX idx_quotes_org_key ON quotes(organisation_key, article_id)")
    conn.execute("CREATE INDEX idx_entities_org_key ON entities(organisation_key, article_id)")
    conn.execute("CREATE INDEX idx_entities_text_org_key ON entities(text_organisation_key, article_id)")

    from ..organisations import ORG_LABEL, organisation_key
    from .library import entity_organisation_keys

    conn.executemany(
        "UPDATE speakers SET organisation_key = ? WHERE id = ?",
        [
            (organisation_key(org) or None, sid)
            for sid, org in conn.execute("SELECT id, organisation FROM speakers WHERE organisation IS NOT NULL")
        ],
    )
    conn.executemany(
        "UPDATE quotes SET organisation_key = ? WHERE id = ?",
        [
            (organisation_key(org) or None, qid)
            for qid, org in conn.execute("SELECT id, organisation FROM quotes WHERE organisation IS NOT NULL")
        ],
    )
    conn.executemany(
        "UPDATE entities SET organisation_key = ?, text_organisation_key = ? WHERE id = ?",
        [
            (*entity_organisation_keys(ORG_LABEL, canonical, text), eid)
            for eid, canonical, text in conn.execute(
                "SELECT id, canonical, text FROM entities WHERE label = ?", (ORG_LABEL,)
            )
        ],
    )


def _v4_to_v5(db: sqlite_utils.Database) -> None:
    """Reported speech: ``speakers.reported`` and the reported statement around a partial quote.

    ``speakers.reported`` is ``Speaker.reported``: a speaker's reported statements (quotes of kind
    "indirect", said without quotation marks), counted apart from ``speakers.quotes``.
    ``quotes.statement_start`` and ``quotes.statement_end`` are ``Quote.statement_start``/``_end``:
    for a partial quote inside a reported statement, where that statement starts and ends in the
    article's text; NULL for every other quote. Rows stored before v5 come from analyses that found
    no reported speech: they keep 0 and NULL, and an article's reported speech appears when it is
    analysed again (``newsread add --reanalyse SOURCE``). ``idx_quotes_kind`` serves
    ``Library.quotes(kind=…)`` (``newsread quotes --kind``) as ``idx_quotes_speaker_kind`` serves
    the filter by kind of speaker.
    """
    conn = db.conn
    conn.execute("ALTER TABLE speakers ADD COLUMN reported INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE quotes ADD COLUMN statement_start INTEGER")
    conn.execute("ALTER TABLE quotes ADD COLUMN statement_end INTEGER")
    conn.execute("CREATE INDEX idx_quotes_kind ON quotes(kind)")


def _v5_to_v6(db: sqlite_utils.Database) -> None:
    """Figures' approximations and ranges: ``figures.qualifier``, ``figures.low``, ``figures.high``.

    They are ``Figure.qualifier`` (the words that make a figure approximate or a bound: "nearly",
    "more than") and ``Figure.low``/``Figure.high`` (a range's ends: "between 200 and 300"), so a
    stored analysis says "more than 100 protesters" rather than "100 protesters". Rows stored before
    v6 come from analyses that kept neither: they keep NULL until the article is analysed again
    (``newsread add --reanalyse SOURCE``). The kind "ratio" those analyses gave a "half" is renamed
    "fraction", its name in ``model.FIGURE_KINDS``, so every stored figure has one of those kinds.
    """
    conn = db.conn
    conn.execute("ALTER TABLE figures ADD COLUMN qualifier TEXT")
    conn.execute("ALTER TABLE figures ADD COLUMN low REAL")
    conn.execute("ALTER TABLE figures ADD COLUMN high REAL")
    conn.execute("UPDATE figures SET kind = 'fraction' WHERE kind = 'ratio'")


def _v6_to_v7(db: sqlite_utils.Database) -> None:
    """Feed subscriptions, and notes that outlive their article.

    ``feeds`` holds one subscription a row: the ``name`` it is called by (unique, any case), its
    ``url`` (unique), the feed's own ``title``, the validators of its last fetch (``etag``,
    ``modified``: a refresh is a conditional request), when it was last refreshed and the one-line
    error of that refresh (NULL when it went well). ``feed_articles`` ties each article to the
    feeds it came from, with the ``entry`` key it had there (the entry's id, else its link), so a
    refresh knows which entries it has stored; both ends cascade on delete. ``idx_articles_unread``
    and ``idx_articles_summary_only`` (partial: those rows only) find unread articles and feed
    summaries without reading the articles' rows. ``notes.article_title``
    and ``notes.article_url`` keep what a deleted article was for its notes, which stay (orphaned,
    ``article_id`` NULL) and are listed in All notes.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE feeds (id INTEGER PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, title TEXT, "
        "etag TEXT, modified TEXT, added TEXT NOT NULL, last_refresh TEXT, last_error TEXT)"
    )
    conn.execute("CREATE UNIQUE INDEX idx_feeds_name ON feeds(name COLLATE NOCASE)")
    conn.execute("CREATE UNIQUE INDEX idx_feeds_url ON feeds(url)")
    conn.execute(
        "CREATE TABLE feed_articles (feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE, "
        "article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entry TEXT, "
        "PRIMARY KEY (feed_id, article_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX idx_feed_articles_article ON feed_articles(article_id)")
    conn.execute("CREATE INDEX idx_feed_articles_entry ON feed_articles(feed_id, entry)")
    # The unread articles, counted (the status line, each feed's unread) from an index alone: a scan
    # of the table reads every article's text.
    conn.execute("CREATE INDEX idx_articles_unread ON articles(id) WHERE read_at IS NULL")
    # The same for the articles that are only their feed entry's summary (a refresh fetches them again).
    conn.execute("CREATE INDEX idx_articles_summary_only ON articles(id) WHERE summary_only IS NOT NULL")
    conn.execute("ALTER TABLE notes ADD COLUMN article_title TEXT")
    conn.execute("ALTER TABLE notes ADD COLUMN article_url TEXT")


def _v7_to_v8(db: sqlite_utils.Database) -> None:
    """One quote across sources, and figures grouped by a stored key.

    ``quote_echoes(quote_id, echo_group, article_id)`` and ``quote_sketches(key, quote_id)`` are
    ``core.store.echoes``': the group of each matched quote (the quotes that are one quote in
    several articles share it: the smallest id among them; a quote too short to match or reported
    speech has no row), kept out of ``quotes`` so that regrouping never touches the quotes'
    full-text index, and the bottom-k sketch of shingle keys of each matched text (held by the
    oldest stored quote of its words), the index that finds candidates. ``figures.object_key`` is
    ``figure_keys.object_key`` of the figure's object ("aid truck"), indexed with the article so a
    figure group is one index lookup. The figures already stored get their keys here; the quotes
    already stored are grouped by schema 13's step (``_v12_to_v13``), which adds the column the
    grouping writes.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE quote_echoes (quote_id INTEGER PRIMARY KEY, echo_group INTEGER NOT NULL, "
        "article_id INTEGER NOT NULL)"
    )
    # A group's quotes and how many articles hold it, from the index alone.
    conn.execute("CREATE INDEX idx_quote_echoes_group ON quote_echoes(echo_group, article_id)")
    conn.execute(
        "CREATE TABLE quote_sketches (key INTEGER NOT NULL, quote_id INTEGER NOT NULL, PRIMARY KEY (key, quote_id)) "
        "WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX idx_quote_sketches_quote ON quote_sketches(quote_id)")
    conn.execute("ALTER TABLE figures ADD COLUMN object_key TEXT")
    conn.execute("CREATE INDEX idx_figures_object_key ON figures(object_key, article_id)")
    _fill_object_keys(conn)


def fill_v8(conn: sqlite3.Connection) -> None:
    """Schema 8's derived values for rows stored without them: every figure's ``object_key`` and
    every quote's group and sketch (``echoes.index_library``), in a library at the current schema:
    what a bulk load that writes rows straight into the tables runs (the benchmarks')."""
    from .echoes import index_library

    _fill_object_keys(conn)
    index_library(conn)


def _fill_object_keys(conn: sqlite3.Connection) -> None:
    """Every figure's ``object_key`` not computed yet."""
    from ..figure_keys import object_key

    conn.executemany(
        "UPDATE figures SET object_key = ? WHERE id = ?",
        [
            (object_key(obj) or None, fid)
            for fid, obj in conn.execute(
                "SELECT id, object FROM figures WHERE object IS NOT NULL AND object_key IS NULL"
            ).fetchall()
        ],
    )


def _v8_to_v9(db: sqlite_utils.Database) -> None:
    """Corrections that last: ``corrections`` keeps what a reader corrected in an analysis, apart
    from it (``core.corrections``), so a re-analysis never loses it.

    A row is anchored like a note: a position (``start``, ``end``) and a text-quote selector
    (``exact``, ``prefix``, ``suffix``) of the span it corrects, placed again in the article's text
    whenever it is read; ``kind`` says what it corrects ("speaker") and ``fields`` (JSON) the
    corrected values. ``article_url`` and ``article_title`` keep what the article was: deleting it
    sets ``article_id`` NULL (the correction stays, orphaned) and the same URL added again finds it.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE corrections (id INTEGER PRIMARY KEY, "
        "article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL, article_url TEXT, article_title TEXT, "
        "kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, exact TEXT NOT NULL, "
        "prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '', fields TEXT NOT NULL, created TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX idx_corrections_article ON corrections(article_id)")
    conn.execute("CREATE INDEX idx_corrections_url ON corrections(article_url)")


def _v9_to_v10(db: sqlite_utils.Database) -> None:
    """Full-text update triggers that fire only for the indexed columns, and a prefix index for
    the articles' search as you type.

    The ``{table}_au`` triggers sqlite-utils made fire on every UPDATE of the table, so an update
    of a column the index does not hold (``articles.quote_count``, ``quotes.identity_id``) deleted
    and re-tokenised the row's text. Every FTS trigger is dropped and made again from
    ``fts_trigger_sql``, whose update trigger is ``AFTER UPDATE OF`` the indexed columns. Each table
    of ``FTS_PREFIX`` (the articles') has its FTS table made again from ``fts_table_sql`` and
    rebuilt from its rows: the slow part of the step on a large library (the whole text is
    tokenised once more; 38 s for 100,000 articles, backup included). The other indexes' contents do not change.
    """
    conn = db.conn
    for table, columns in FTS_TABLES.items():
        for trigger in fts_trigger_sql(table, columns):
            conn.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
        if table in FTS_PREFIX:
            conn.execute(f"DROP TABLE [{table}_fts]")
            conn.execute(fts_table_sql(table, columns))
            conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES('rebuild')")
        create_fts_triggers(conn, table, columns)


def _v10_to_v11(db: sqlite_utils.Database) -> None:
    """Identities a reader merged: ``identity_merges`` (``core.store.merges``), apart from the
    analysis like the corrections.

    A row says that the identity called ``name`` (of ``kind``) is the one called ``into_name`` (of
    ``into_kind``). It is kept by name, not by identity id: identities are made again from the
    speakers' names when an article is analysed again or added, so a name is what stays. One merge
    per name and kind (any case); removing the row undoes it.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE identity_merges (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
        "into_name TEXT NOT NULL, into_kind TEXT NOT NULL, created TEXT NOT NULL)"
    )
    conn.execute("CREATE UNIQUE INDEX idx_identity_merges_name ON identity_merges(name COLLATE NOCASE, kind)")


SORT_INDEXES = {
    "idx_articles_title_nocase": "title COLLATE NOCASE",
    "idx_articles_site_nocase": "site COLLATE NOCASE",
    "idx_articles_quote_count": "quote_count",
    "idx_articles_note_count": "note_count",
}
"""An index for each column the library list sorts by that v1 left without one (``published`` and
``added`` have theirs), keyed as ``Library._ORDERS`` sorts it: the first page of a sort is then read
from the index instead of sorting every article (0.3 s for quotes at 100,000 articles)."""


SPEAKER_ROWS_INDEX = "identity_id, article_id, role, organisation, quotes, reported"
"""``idx_speakers_identity``'s columns: the identity's rows with everything a person's page adds up
(``core.store.people``), read from the index alone (27 ms → 2 ms for a person with 6,800 speaker rows
at 100,000 articles, cold)."""


def _v11_to_v12(db: sqlite_utils.Database) -> None:
    """Indexes for reads at 100,000 articles: the library list's sort indexes
    (:data:`SORT_INDEXES`, 1–2 s each) and ``idx_speakers_identity`` made again to cover a
    person's page (:data:`SPEAKER_ROWS_INDEX`, 1 s); 0.6 % more file."""
    for name, key in SORT_INDEXES.items():
        db.conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON articles({key})")
    db.conn.execute("DROP INDEX IF EXISTS idx_speakers_identity")
    db.conn.execute(f"CREATE INDEX idx_speakers_identity ON speakers({SPEAKER_ROWS_INDEX})")


UNREAD_INDEXES = ("idx_entities_canonical_nocase", "idx_speakers_name_nocase", "idx_speaker_aliases_alias")
"""Indexes of v1 that no query reads and every article added writes (some 100 entries an article):
no query looks entities up by canonical name or speaker aliases by alias (the names of identities
are looked up in ``identity_aliases``), and ``idx_speakers_name_nocase`` is a prefix of
``idx_speakers_name_article``, which serves every search it served."""


def _v12_to_v13(db: sqlite_utils.Database) -> None:
    """Exact copies of a quote found with one index lookup, and fewer index writes per article.

    ``quote_echoes.text_key`` is ``core.quote_echoes.text_key`` of each grouped quote's normalised words,
    indexed: an exact copy (syndicated wire copy) joins its words' group without looking up its
    shingles (``core.store.echoes``). The keys of the quotes already grouped are computed here (a
    batch of ids at a time: memory stays bounded), then the quotes not grouped yet (a library older
    than schema 8) are grouped. The indexes :data:`UNREAD_INDEXES` go."""
    from ..quote_echoes import normalise, text_key
    from .echoes import in_batches, index_library

    conn = db.conn
    conn.execute("ALTER TABLE quote_echoes ADD COLUMN text_key INTEGER")
    for rows in in_batches(
        conn,
        "SELECT e.quote_id, q.text FROM quote_echoes e JOIN quotes q ON q.id = e.quote_id "
        "WHERE e.quote_id > ? ORDER BY e.quote_id LIMIT ?",
    ):
        conn.executemany(
            "UPDATE quote_echoes SET text_key = ? WHERE quote_id = ?",
            [(text_key(normalise(text or "")), quote_id) for quote_id, text in rows],
        )
    conn.execute("CREATE INDEX idx_quote_echoes_text ON quote_echoes(text_key)")
    for index in UNREAD_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    index_library(conn)


# MIGRATIONS[n] upgrades a database at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
    8: _v8_to_v9,
    9: _v9_to_v10,
    10: _v10_to_v11,
    11: _v11_to_v12,
    12: _v12_to_v13,
}


def create_version(db: sqlite_utils.Database, version: int = SCHEMA_VERSION) -> None:
    """Make the empty tables of schema ``version`` (1 to ``SCHEMA_VERSION``) in ``db`` and set its
    ``user_version``: the v1 tables, then each migration step up to ``version`` (on no rows).

    Every statement runs in the caller's transaction. ``ensure_schema`` makes a new library with
    the current version; an older one is a library as that newsread made it, which is where a
    migration test starts from.
    """
    if not 1 <= version <= SCHEMA_VERSION:
        raise ValueError(f"no schema {version}: versions run from 1 to {SCHEMA_VERSION}")
    _create_v1(db)
    for step in range(1, version):
        MIGRATIONS[step](db)
    db.conn.execute(f"PRAGMA user_version = {version}")


BUSY_TIMEOUT_S = 10.0


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings: WAL so readers never block the writer, a busy timeout for two writers."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    _use_wal(conn)
    conn.execute("PRAGMA synchronous = NORMAL")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out another process doing the same.

    SQLite can answer the switch with "database is locked" at once, without calling the busy
    handler, while a second connection opens or switches the same new file: two ``newsread add``
    into a new library failed that way now and then. Retried within the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def ensure_schema(db: sqlite_utils.Database, path: Path | None) -> None:
    """Bring ``db`` to ``SCHEMA_VERSION``: create, migrate (after a backup) or refuse.

    Creation runs inside one ``BEGIN IMMEDIATE`` transaction (no statement in ``create_version`` commits
    early, see ``enable_fts``), so two processes opening a new file at once both succeed: the second
    waits on the busy timeout, then finds the schema made.
    """
    conn = db.conn
    version = user_version(conn)
    refuse_newer(version, path)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(conn)  # another process may have created it while we waited
        refuse_newer(version, path)
        if version == 0:
            if db.table_names():
                raise NewsreadError(f"{path or 'database'}: not a newsread library (it holds other tables)")
            create_version(db)
            conn.execute("COMMIT")
            return
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if version < SCHEMA_VERSION:
        _migrate(db, path, version)


def refuse_newer(version: int, path: Path | None) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path or 'database'} was written by a newer newsread (schema {version}; "
            f"this one understands up to {SCHEMA_VERSION}): upgrade newsread"
        )


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A consistent copy of the library (WAL included) as ``NAME.bak-vN``, private like the original."""
    target = path.with_name(f"{path.name}.bak-v{version}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.bak-v{version}.{n}")
        n += 1
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate(db: sqlite_utils.Database, path: Path | None, version: int) -> None:
    """Upgrade step by step, each step in its own ``BEGIN IMMEDIATE`` transaction, after one backup."""
    conn = db.conn
    saved = backup(conn, path, version) if path is not None and str(path) != ":memory:" else None
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = user_version(conn)  # another process may have migrated meanwhile
            if current >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            step = MIGRATIONS.get(current)
            if step is None:
                raise NewsreadError(f"{path}: no migration from schema {current} to {current + 1}")
            step(db)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, NewsreadError) or not isinstance(exc, Exception):
                raise
            where = f"; the file before migrating is {saved}" if saved else ""
            raise NewsreadError(f"{path}: migrating from schema {current} failed ({exc}){where}") from None
