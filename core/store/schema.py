"""The library's one schema: tables, indexes, full-text search, version and migrations.

The version lives in ``PRAGMA user_version``. ``ensure_schema`` creates a new file at the current
version, migrates an older one step by step (after copying the file to ``NAME.bak-vN``), and refuses
a file written by a newer newsread rather than guess at its meaning.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from ..errors import NewsreadError

SCHEMA_VERSION = 1


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
    db["articles"].create(
        ARTICLE_COLUMNS,
        pk="id",
        not_null={"text", "content_hash", "added"},
        defaults={"bookmarked": 0, "quote_count": 0, "note_count": 0},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["url"])
    db["articles"].create_index(["source"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["added"])

    article_fk = [("article_id", "articles", "id")]
    db["entities"].create(
        {"id": int, "article_id": int, "start": int, "end": int, "label": str, "text": str, "canonical": str},
        pk="id",
        foreign_keys=article_fk,
    )
    db["entities"].create_index(["article_id"])
    db.execute("CREATE INDEX idx_entities_canonical_nocase ON entities(canonical COLLATE NOCASE, label)")

    db["speakers"].create(
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
    db["speakers"].create_index(["article_id"])
    db.execute("CREATE INDEX idx_speakers_name_nocase ON speakers(name COLLATE NOCASE)")
    db.execute("CREATE INDEX idx_speakers_org_nocase ON speakers(organisation COLLATE NOCASE)")
    # Every name a speaker goes by in an article ("Cook" for Steven Cook), so a lookup by alias is
    # an index search rather than a scan of JSON.
    db["speaker_aliases"].create({"speaker_id": int, "alias": str}, foreign_keys=[("speaker_id", "speakers", "id")])
    db.execute("CREATE INDEX idx_speaker_aliases_alias ON speaker_aliases(alias COLLATE NOCASE)")
    db["speaker_aliases"].create_index(["speaker_id"])

    db["quotes"].create(
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
    db["quotes"].create_index(["article_id", "start"])
    db.execute("CREATE INDEX idx_quotes_speaker_nocase ON quotes(speaker COLLATE NOCASE)")
    db.execute("CREATE INDEX idx_quotes_org_nocase ON quotes(organisation COLLATE NOCASE)")

    db["figures"].create(
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
    db["figures"].create_index(["article_id", "start"])

    # Notes outlive analyses: they reference the article, never an analysis row, and carry both a
    # position selector (start, end) and a quote selector (exact, prefix, suffix) to re-anchor.
    db["notes"].create(
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
    db["notes"].create_index(["article_id", "start"])
    # Drafts of notes being written, so a crash mid-edit loses nothing.
    db["drafts"].create(
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

    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["quotes"].enable_fts(["text", "speaker"], create_triggers=True, tokenize="porter")
    db["notes"].enable_fts(["body", "exact", "tags"], create_triggers=True, tokenize="porter")


# MIGRATIONS[n] upgrades a database at version n to version n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {}


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings: WAL so readers never block the writer, a busy timeout for two writers."""
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def ensure_schema(db: sqlite_utils.Database, path: Path | None) -> None:
    """Bring ``db`` to ``SCHEMA_VERSION``: create, migrate (after a backup) or refuse."""
    conn = db.conn
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path or 'database'} was written by a newer newsread (schema {version}; "
            f"this one understands up to {SCHEMA_VERSION}): upgrade newsread"
        )
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(conn)  # another process may have created it while we waited
        if version == 0 and not db.table_names():
            _create_v1(db)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
            return
        if version >= SCHEMA_VERSION:
            conn.execute("COMMIT")
            return
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    _migrate(db, path, version)


def _migrate(db: sqlite_utils.Database, path: Path | None, version: int) -> None:
    if path is not None and path.exists():
        backup = path.with_name(f"{path.name}.bak-v{version}")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, backup)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise NewsreadError(f"{path}: no migration from schema {version}")
        with db.conn:
            step(db)
            db.conn.execute(f"PRAGMA user_version = {version + 1}")
        version += 1
