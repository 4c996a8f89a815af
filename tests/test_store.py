"""The library file: schema, versions and migrations, duplicates, safe search, concurrency."""

from __future__ import annotations

import ast
import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlite_utils
from newsread.core.errors import NewsreadError
from newsread.core.model import Analysis
from newsread.core.store import schema
from newsread.core.store.fts import fts_query
from newsread.core.store.library import Library


def test_new_library_is_private_wal_versioned_and_datasette_readable(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "library.db"
    with Library.open(path) as lib:
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    db = sqlite_utils.Database(path)
    assert {"articles", "entities", "speakers", "quotes", "figures", "notes"} <= set(db.table_names())
    # The names sqlite-utils and Datasette look for.
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["notes"].detect_fts() == "notes_fts"
    assert {"articles_ai", "articles_ad", "articles_au"} <= {t.name for t in db["articles"].triggers}
    # The triggers are the schema's own (fts_trigger_sql: updates of indexed columns only), exactly
    # as fts_suspended restores them after a bulk load.
    for table, columns in schema.FTS_TABLES.items():
        assert {t.name: t.sql for t in db[table].triggers} == schema.fts_trigger_sql(table, columns)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_newer_schema_is_refused_without_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, future TEXT)")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewsreadError, match="newer newsread"):
        Library.open(path)
    assert path.read_bytes() == before


def test_foreign_unversioned_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v0.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NewsreadError, match="not a newsread library"):
        Library.open(path)
    assert sqlite_utils.Database(path).table_names() == ["something_else"]


def test_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(NewsreadError, match="not a newsread library"):
        Library.open(path)


def test_migration_backs_up_first_then_upgrades(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_library: Path
) -> None:
    """A library at the current version opened by a newsread one version newer: backup, the step, then N + 1."""
    now = schema.SCHEMA_VERSION

    def step(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE articles ADD COLUMN language TEXT")
        db.execute("UPDATE articles SET language = 'en'")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, step)
    with Library.open(seed_library) as lib:
        assert schema.user_version(lib.conn) == now + 1
        assert lib.conn.execute("SELECT language FROM articles WHERE id = 1").fetchone()[0] == "en"
        assert lib.article(1) is not None
    backup = seed_library.with_name(seed_library.name + f".bak-v{now}")
    assert backup.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == now
    assert "language" not in {r[1] for r in old.execute("PRAGMA table_info(articles)")}
    assert old.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    old.close()


def test_failed_migration_leaves_the_old_version_and_names_the_backup(
    monkeypatch: pytest.MonkeyPatch, seed_library: Path
) -> None:
    now = schema.SCHEMA_VERSION

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE articles ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, broken)
    with pytest.raises(NewsreadError, match=rf"migrating from schema {now} failed.*bak-v{now}"):
        Library.open(seed_library)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now)
    with Library.open(seed_library) as lib:  # rolled back: still a good library at the old version
        assert schema.user_version(lib.conn) == now
        assert "half_done" not in {r[1] for r in lib.conn.execute("PRAGMA table_info(articles)")}


def _open_new(path: str, barrier: multiprocessing.synchronize.Barrier, queue: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        with Library.open(path) as lib:
            queue.put(("ok", schema.user_version(lib.conn)))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(("error", repr(exc)))


def test_first_time_creation_is_race_safe(tmp_path: Path) -> None:
    path = str(tmp_path / "race.db")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    queue = ctx.Queue()
    procs = [ctx.Process(target=_open_new, args=(path, barrier, queue)) for _ in range(4)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    assert results == [("ok", schema.SCHEMA_VERSION)] * 4
    db = sqlite_utils.Database(path)
    assert db["articles"].detect_fts() == "articles_fts"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_creation_never_commits_half_way(tmp_path: Path) -> None:
    """Every statement of the schema (v1 and each migration step) runs inside the one creating transaction."""
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    seen: list[bool] = []
    conn.set_trace_callback(lambda sql: seen.append(conn.in_transaction))
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn))
    assert all(seen[1:])
    assert "identities" in sqlite_utils.Database(conn).table_names()
    assert conn.in_transaction
    conn.execute("ROLLBACK")
    assert sqlite_utils.Database(conn).table_names() == []


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_a_library_made_at_any_schema_version_opens_at_the_current_one(tmp_path: Path, version: int) -> None:
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), version)
    conn.execute("COMMIT")
    assert schema.user_version(conn) == version
    conn.close()
    with Library.open(tmp_path / "old.db") as old, Library.open(tmp_path / "new.db") as new:
        assert schema.user_version(old.conn) == schema.SCHEMA_VERSION
        tables = "SELECT type, name, tbl_name FROM sqlite_master ORDER BY name"
        assert old.conn.execute(tables).fetchall() == new.conn.execute(tables).fetchall()


@pytest.mark.parametrize("version", [0, schema.SCHEMA_VERSION + 1])
def test_there_is_no_schema_outside_one_to_the_current(version: int) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(ValueError, match=f"no schema {version}"):
        schema.create_version(sqlite_utils.Database(conn), version)
    assert sqlite_utils.Database(conn).table_names() == []


def _analysis(text: str, title: str = "T") -> Analysis:
    return Analysis.from_dict(
        {
            "text": text,
            "title": title,
            "published": "2024-01-02",
            "entities": [{"start": 0, "end": 5, "label": "PERSON", "text": text[:5], "canonical": "Steven Cook"}],
            "speakers": [{"name": "Steven Cook", "aliases": ["Cook"], "role": "fellow", "organisation": "CFR"}],
            "quotes": [{"start": 0, "end": 5, "text": text[:5], "speaker": "Steven Cook", "cue": "said"}],
            "figures": [],
            "model": "test",
        }
    )


def test_same_text_or_same_url_never_duplicates(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        first = lib.add_analysis(_analysis("Hello world, said Cook."), url="https://x.test/a")
        assert first.status == "added"
        again = lib.add_analysis(_analysis("Hello   world,\nsaid Cook. "), url="https://x.test/other")
        assert (again.status, again.article_id) == ("duplicate", first.article_id)
        changed = lib.add_analysis(_analysis("Hello world, said Cook again."), url="https://x.test/a")
        assert (changed.status, changed.article_id) == ("updated", first.article_id)
        assert lib.count() == 1
        assert lib.find_text("Hello world,  said Cook again.") == first.article_id
        # stdin: the same "source" is not an identity
        a = lib.add_analysis(_analysis("Pasted one."), source="<stdin>", match_source=False)
        b = lib.add_analysis(_analysis("Pasted two."), source="<stdin>", match_source=False)
        assert a.article_id != b.article_id


def test_reanalyse_refreshes_analysis_and_keeps_notes(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        res = lib.add_analysis(_analysis("Hello world, said Cook."))
        with lib.transaction() as conn:
            conn.execute(
                "INSERT INTO notes (article_id, start, end, exact, body, created) VALUES (?, 0, 5, 'Hello', 'n', 'x')",
                (res.article_id,),
            )
        fresh = _analysis("Hello world, said Cook.")
        fresh.quotes = []
        fresh.model = "newer"
        assert lib.add_analysis(fresh, reanalyse=True).status == "updated"
        assert lib.quotes(article_id=res.article_id) == []
        assert lib.article(res.article_id).model == "newer"
        assert lib.conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 1


def test_speaker_lookup_is_case_insensitive_and_knows_aliases(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        names = [s.name for s in lib.speakers()]
        assert names, "the seed has speakers"
        full = names[0]
        alias = full.split()[-1].lower()
        assert full in lib.speaker_names(alias)
        by_alias = lib.quotes(speaker=alias)
        assert by_alias and {q.speaker for q in by_alias} >= {full}
        assert lib.quotes(speaker=full.upper()) == lib.quotes(speaker=full)


NASTY = [
    '"',
    '""',
    "(",
    ")",
    "a AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "title:biden",
    "biden*",
    "*",
    "^start",
    "NEAR(a b)",
    "a + b",
    "'; DROP TABLE articles; --",
    '"unclosed phrase',
    "(blinken OR hamas",
    "-",
    "--",
    "\\",
    "{col1 col2}: x",
    "ünïcödé",
    "x" * 5000,
]


@pytest.mark.parametrize("query", NASTY)
def test_search_never_raises(seed_library: Path, query: str) -> None:
    with Library.open(seed_library) as lib:
        lib.search(query)


def test_search_honours_phrases_or_and_exclusion(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        assert [h.article_id for h in lib.search("Blinken")] == [1]
        assert [h.article_id for h in lib.search("blinken OR zzzqqq")] == [1]
        assert lib.search("blinken zzzqqq") == []
        assert lib.search("blinken -hamas") == []
        assert lib.search('"Hamas Blinken"') == []  # words present, not as that phrase
    assert fts_query("a OR b c") == '("a" OR "b") "c"*'
    assert fts_query("NOT x") is None


def test_articles_page_and_filters(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        assert [a.id for a in lib.articles(limit=50)] == [1]
        assert [a.id for a in lib.articles(unread_only=True)] == [1]
        lib.mark_read(1)
        assert lib.articles(unread_only=True) == []
        assert lib.articles(bookmarked_only=True) == []
        lib.set_bookmark(1, True)
        assert [a.id for a in lib.articles(bookmarked_only=True)] == [1]
        orgs = lib.organisations()
        assert orgs and all(o.articles >= 1 for o in orgs)


def test_env_var_and_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsread.core.paths import default_db_path

    monkeypatch.setenv("NEWSREAD_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("NEWSREAD_DB")
    assert default_db_path().parts[-2:] == ("newsread", "library.db")
    assert os.fspath(default_db_path())


def _plain(text: str, title: str) -> Analysis:
    return Analysis.from_dict(
        {"text": text, "title": title, "published": "2024-01-02", "entities": [], "speakers": [], "quotes": []}
    )


def _full_bm25(lib: Library, query: str) -> list[int]:
    """The unbounded ranking: every match by bm25 (what ``search`` does below its window)."""
    match = fts_query(query)
    rows = lib.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid DESC", (match,)
    )
    return [r[0] for r in rows]


def test_search_ranks_every_match_when_there_are_few(seed_library: Path, seed_text: str) -> None:
    """Below the window the best match comes first, whenever it was added."""
    with Library.open(seed_library) as lib:
        best = lib.add_analysis(_plain("Blinken. " * 20 + "Blinken met Blinken.", "Blinken on Blinken")).article_id
        lib.add_analysis(_plain(seed_text.replace("Blinken", "the envoy") + " Blinken once.", "Later copy"))
        hits = lib.search("blinken")
        assert hits[0].article_id == best
        assert [h.article_id for h in hits] == _full_bm25(lib, "blinken")
        assert [h.rank for h in hits] == sorted(h.rank for h in hits)
        assert all("[" in h.snippet and "]" in h.snippet for h in hits)
        assert len(lib.search("blinken", limit=1)) == 1
        assert lib.search("blinken", limit=0) == []


def test_search_of_a_common_word_ranks_only_the_newest_matches(
    seed_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the window only the newest matches are ranked (bounded work); still best first among them."""
    with Library.open(seed_library) as lib:
        ids = [
            lib.add_analysis(_plain(f"Report {i}. " + "harbour " * (6 - i) + "closed.", f"Harbour {i}")).article_id
            for i in range(6)
        ]
        assert [h.article_id for h in lib.search("harbour")] == _full_bm25(lib, "harbour")
        monkeypatch.setattr(Library, "SEARCH_RANK_WINDOW", 3)
        hits = lib.search("harbour", limit=3)
        newest = set(ids[-3:])
        assert {h.article_id for h in hits} == newest
        assert [h.article_id for h in hits] == [i for i in _full_bm25(lib, "harbour") if i in newest]
        assert [h.article_id for h in lib.search("harbour", limit=2)] == [h.article_id for h in hits][:2]
        # the window is never smaller than the page asked for
        assert len(lib.search("harbour", limit=5)) == 5
        # a prefix as typed, a phrase and an exclusion go through the same path
        assert {h.article_id for h in lib.search("harb", limit=10)} == set(ids)
        assert [h.article_id for h in lib.search('"5 harbour"', limit=10)] == [ids[5]]
        assert lib.search("harbour -closed") == []


@pytest.mark.parametrize("query", [*NASTY, "\x00", "said\x00said", "isr", "a", "OR OR", '"" said'])
def test_bounded_search_never_raises_and_returns_whole_hits(
    seed_library: Path, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    monkeypatch.setattr(Library, "SEARCH_RANK_WINDOW", 1)
    with Library.open(seed_library) as lib:
        for hit in lib.search(query, limit=3):
            assert hit.article_id == 1 and hit.title and isinstance(hit.rank, float)


def test_search_treats_a_single_character_as_a_word_not_a_prefix(seed_library: Path) -> None:
    assert fts_query("isr", min_prefix=2) == '"isr"*'
    assert fts_query("pr", min_prefix=2) == '"pr"*'
    assert fts_query("p", min_prefix=2) == '"p"'
    assert fts_query("p") == '"p"*'  # the default (notes search) is unchanged
    assert fts_query('"white house" -p', min_prefix=2) == '"white house" NOT "p"'
    with Library.open(seed_library) as lib:
        assert [h.article_id for h in lib.search("blink")] == [1]  # as you type
        assert [h.article_id for h in lib.search("bl")] == [1]
        assert lib.search("b") == []  # one letter is not a prefix, and there is no word "b"
        assert lib.search("Blinken b") == []


def test_dense_filters_walk_newest_first_with_the_same_results(
    seed_library: Path, seed_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quotes and library pages filtered by speaker/organisation: the newest-first walk used for
    common filters returns exactly what collecting and sorting every match returns."""
    with Library.open(seed_library) as lib:
        for day in ("2023-05-01", "2025-02-03", "2024-10-24"):
            copy = Analysis.from_dict({**seed_analysis.to_dict(), "published": day})
            copy.text = seed_analysis.text + f"\n\nCopy of {day}."
            lib.add_analysis(copy, source=f"/copies/{day}.txt")
        speaker = lib.speakers()[0]
        alias = speaker.name.split()[-1].lower()
        org = next(o.name for o in lib.organisations() if o.quotes)
        calls = [
            lambda: lib.quotes(speaker=alias, limit=7, offset=2),
            lambda: lib.quotes(speaker=speaker.name),
            lambda: lib.quotes(organisation=org.upper(), limit=5),
            lambda: lib.articles(speaker=alias, limit=3),
            lambda: lib.articles(organisation=org, limit=2, offset=1),
            lambda: lib.articles(speaker=alias, organisation=org, descending=False),
        ]
        monkeypatch.setattr(Library, "DENSE_FILTER_ROWS", 10**9)
        sorted_all = [call() for call in calls]
        monkeypatch.setattr(Library, "DENSE_FILTER_ROWS", 0)
        lines: list[str] = []
        lib.conn.set_trace_callback(lines.append)
        walked = [call() for call in calls]
        lib.conn.set_trace_callback(None)
        assert walked == sorted_all
        assert all(r for r in walked)
        assert any("INDEXED BY idx_articles_newest" in sql for sql in lines)
        first = sorted_all[0][0]
        assert (first.speaker, first.article_id) == (speaker.name, 3)  # newest published first


def _old_library(path: Path, version: int) -> None:
    """A library as newsread with schema ``version`` (2: before ``articles.summary_only``, or 3)
    wrote it: one article with a quote, a speaker's identity and a note."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), version)
    conn.execute("COMMIT")
    text = "Headline here\n\n“We will rebuild,” said Ann Lee on Monday."
    conn.execute(
        "INSERT INTO articles (id, url, title, text, content_hash, added, published, quote_count, note_count) "
        "VALUES (1, 'https://x.test/a', 'Headline here', ?, 'h1', '2024-01-01T00:00:00Z', '2024-01-01', 1, 1)",
        (text,),
    )
    conn.execute("INSERT INTO identities (id, name, kind) VALUES (1, 'Ann Lee', 'person')")
    conn.execute("INSERT INTO identity_aliases (identity_id, alias) VALUES (1, 'Ann Lee')")
    conn.execute(
        "INSERT INTO speakers (article_id, name, aliases, quotes, kind, identity_id) "
        "VALUES (1, 'Ann Lee', '[]', 1, 'person', 1)"
    )
    start = text.index("“")
    end = text.index("”") + 1
    conn.execute(
        "INSERT INTO quotes (article_id, start, end, text, speaker, cue, kind, speaker_kind, identity_id) "
        "VALUES (1, ?, ?, ?, 'Ann Lee', 'said', 'direct', 'person', 1)",
        (start, end, text[start:end]),
    )
    conn.execute(
        "INSERT INTO notes (article_id, start, end, exact, body, created) VALUES (1, ?, ?, ?, 'check', '2024-01-02')",
        (start, end, text[start:end]),
    )
    conn.close()


def test_v2_library_migrates_to_summary_marks_keeping_everything(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_library(path, 2)
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
        row = lib.article(1)
        assert row is not None and row.summary_only is None  # stored before v3: taken as full text
        assert (row.title, row.url, row.quote_count, row.note_count) == ("Headline here", "https://x.test/a", 1, 1)
        assert [q.speaker for q in lib.quotes(speaker="ann lee")] == ["Ann Lee"]
        assert [h.article_id for h in lib.search("rebuild")] == [1]
        assert [tuple(r) for r in lib.conn.execute("SELECT body FROM notes")] == [("check",)]
        # a summary stored after the migration keeps its mark
        added = lib.add_analysis(
            Analysis(text="A feed's summary of another story."), url="https://x.test/b", summary_only="HTTP 500"
        )
        assert added.status == "added" and added.summary_only == "HTTP 500"
        assert lib.article(added.article_id).summary_only == "HTTP 500"  # type: ignore[union-attr]
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    backup = path.with_name("old.db.bak-v2")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "summary_only" not in {r[1] for r in old.execute("PRAGMA table_info(articles)")}
    old.close()


def test_summary_mark_is_cleared_when_the_full_text_replaces_it_in_place(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        first = lib.add_analysis(
            Analysis(text="The feed's summary."), url="https://x.test/a", summary_only="could not connect"
        )
        assert lib.article(first.article_id).summary_only == "could not connect"  # type: ignore[union-attr]
        full = lib.add_analysis(
            Analysis(text="The whole article, fetched at last, much longer."), url="https://x.test/a"
        )
        assert (full.article_id, full.status, full.summary_only) == (first.article_id, "updated", None)
        assert lib.article(first.article_id).summary_only is None  # type: ignore[union-attr]
        # the feed offline again: its summary neither replaces the full text nor joins it
        again = lib.add_analysis(Analysis(text="The feed's summary."), url="https://x.test/a", summary_only="offline")
        assert (again.article_id, again.status, again.summary_only) == (first.article_id, "duplicate", None)
        assert lib.count() == 1
        assert lib.analysis(first.article_id).text.startswith("The whole article")  # type: ignore[union-attr]


def test_the_store_never_imports_notes(tmp_path: Path) -> None:
    """A text replaced in place leaves the notes package unloaded: notes follow only through the
    ``on_text_replaced`` hook that ingest passes."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsread.core.model import Analysis\n"
        "from newsread.core.store.library import Library\n"
        f"lib = Library.open({str(tmp_path / 'lib.db')!r})\n"
        "seen = []\n"
        "lib.add_analysis(Analysis(text='First text of the story.'), url='https://x.test/a')\n"
        "r = lib.add_analysis(Analysis(text='Second text of the story.'), url='https://x.test/a',\n"
        "                     on_text_replaced=lambda conn, i, t: seen.append((i, t, conn.in_transaction)))\n"
        "assert r.status == 'updated' and seen == [(r.article_id, 'Second text of the story.', True)], seen\n"
        "print(sorted(m for m in sys.modules if m.startswith('newsread.core.notes')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    for module in Path(schema.__file__).parent.glob("*.py"):  # nor lazily, inside a function
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "notes" not in (node.module or "").split("."), f"{module.name} imports {node.module}"


def _v3_library(path: Path) -> None:
    """A library as newsread with schema 3 wrote it (no sentences, organisations compared with
    ``COLLATE NOCASE``): the old library's rows, and Ann Lee of the ÖBB, named in the text."""
    _old_library(path, 3)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE speakers SET organisation = 'Öbb'")
    conn.execute("UPDATE quotes SET organisation = 'Öbb'")
    text = conn.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
    conn.execute(
        "INSERT INTO entities (article_id, start, end, label, text, canonical) VALUES (1, ?, ?, 'ORG', 'Monday', ?)",
        (text.index("Monday"), text.index("Monday") + 6, "ÖBB"),
    )
    conn.execute("COMMIT")
    conn.close()


def test_v3_library_migrates_to_sentences_and_organisation_keys(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v3_library(path)
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION
        old = lib.analysis(1)
        assert old is not None and old.sentences == []  # analysed before v4: the reader finds its own
        # Unicode case folding: SQLite's NOCASE would not match "ÖBB" with "Öbb" or "öbb".
        assert [q.speaker for q in lib.quotes(organisation="öbb")] == ["Ann Lee"]
        assert [a.id for a in lib.articles(organisation="ÖBB")] == [1]
        assert [(o.name, o.articles, o.quotes) for o in lib.organisations()] == [("Öbb", 1, 1)]
        assert [tuple(r) for r in lib.conn.execute("SELECT body FROM notes")] == [("check",)]
        assert lib.article(1).note_count == 1  # type: ignore[union-attr]
        # an analysis stored after the migration keeps its sentences
        text = "Another story.\n\nIt has two lines."
        added = lib.add_analysis(Analysis(text=text, sentences=[[0, 14], [16, 33]]), url="https://x.test/b")
        assert lib.analysis(added.article_id).sentences == [[0, 14], [16, 33]]  # type: ignore[union-attr]
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    backup = sqlite3.connect(path.with_name("old.db.bak-v3"))
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 3
    assert "sentences" not in {r[1] for r in backup.execute("PRAGMA table_info(articles)")}
    backup.close()


def test_the_seed_keeps_the_parsers_sentences(seed_library: Path, seed_analysis: Analysis) -> None:
    with Library.open(seed_library) as lib:
        stored = lib.analysis(1)
        assert stored is not None and stored.sentences == seed_analysis.sentences != []
        assert stored.to_dict() == seed_analysis.to_dict() | {"path": stored.path}


@pytest.mark.parametrize(
    ("sentences", "error"),
    [
        (5, "'sentences' is not a list"),
        ([[0, 4, 9]], r"sentences\[0\] is not a pair"),
        ([[0, True]], r"sentences\[0\] is not a pair"),
        ([[0, 4.0]], r"sentences\[0\] is not a pair"),
        ([[5, 9], [0, 4]], r"sentences\[1\]: offsets 0..4 out of order"),
        ([[0, 10**400]], r"sentences\[0\]: offsets 0..10000000…\(401 digits\)"),
    ],
)
def test_stored_analyses_with_bad_sentences_are_refused(sentences: object, error: str) -> None:
    from newsread.core.ingest import validate_analysis

    with pytest.raises(ValueError, match=error):
        validate_analysis({"text": "One. Two.", "sentences": sentences})
    assert validate_analysis({"text": "One. Two.", "sentences": [[0, 4], [5, 9]]}).sentences == [[0, 4], [5, 9]]
    assert validate_analysis({"text": "One. Two."}).sentences == []


def test_a_bulk_load_without_triggers_is_indexed_and_the_triggers_come_back(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        with schema.fts_suspended(lib.conn):
            assert not lib.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
            lib.add_analysis(Analysis(text="Harbour council backs the plan.", title="Harbour"), url="https://x.test/a")
        db = sqlite_utils.Database(lib.conn)
        for table, columns in schema.FTS_TABLES.items():
            assert {t.name: t.sql for t in db[table].triggers} == schema.fts_trigger_sql(table, columns)
        assert [h.title for h in lib.search("harbour")] == ["Harbour"]
        lib.add_analysis(Analysis(text="Fishermen object to the plan.", title="Fishermen"), url="https://x.test/b")
        assert [h.title for h in lib.search("fishermen")] == ["Fishermen"]  # the triggers index again
