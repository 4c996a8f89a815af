"""One quote across sources in the store (``core.store.echoes``), on real SQLite files: grouped as
articles are added, kept right by re-analysis and deletion, and computed for an old library's
quotes by schema 8's migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from newsread.core.model import Analysis, Figure, Quote
from newsread.core.store import schema
from newsread.core.store.echoes import echo_counts, echoes_of
from newsread.core.store.library import Library

WHOLE = "“We will not allow this to happen again, not in this country, not ever,”"
TRIMMED = '"will NOT allow this to happen again, not in this country"'
GUILLEMETS = "«We will not allow this to happen again, not in this country»"
OTHER = "“Nothing about the talks has been agreed and nothing will be until the end”"


def analysis(title: str, published: str, *quotes: str, kind: str = "direct") -> Analysis:
    """An article of one sentence per quote, each quote credited to Ann Lee."""
    text, found = title + ".", []
    for q in quotes:
        text += " "
        found.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said", kind=kind))
        text += q + " Ann Lee said."
    return Analysis(text=text, title=title, published=published, quotes=found)


def quote_ids(lib: Library, article_id: int) -> list[int]:
    return [q.id for q in lib.quotes(article_id=article_id)]


def test_a_quote_is_found_from_another_article_earliest_first(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        late = lib.add_analysis(analysis("Late", "2024-03-05", WHOLE), url="https://a.test/late").article_id
        early = lib.add_analysis(analysis("Early", "2024-03-01", TRIMMED), url="https://b.test/early").article_id
        other = lib.add_analysis(analysis("Other", "2024-03-02", GUILLEMETS, OTHER), url="https://c.test/o").article_id
        echoes = echoes_of(lib, quote_ids(lib, late)[0])
        assert echoes is not None and echoes.matched
        assert [s.article_id for s in echoes.sources] == [early, other, late]
        assert echoes.sources[0].text == TRIMMED and echoes.sources[0].url == "https://b.test/early"
        assert echo_counts(lib, early) == {len("Early. "): 2}
        assert echo_counts(lib, other) == {len("Other. "): 2}  # the unrelated quote is not marked
        alone = echoes_of(lib, quote_ids(lib, other)[1])
        assert alone is not None and alone.matched and alone.articles == 1
        assert echoes_of(lib, 999) is None


def test_short_quotes_and_reported_speech_are_not_matched(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        for n in range(2):
            lib.add_analysis(analysis(f"Short {n}", "2024-01-01", "“very moved”"), url=f"https://s.test/{n}")
            lib.add_analysis(analysis(f"Said {n}", "2024-01-01", WHOLE[1:-2], kind="indirect"), url=f"https://r/{n}")
        assert lib.conn.execute("SELECT COUNT(*) FROM quote_echoes").fetchone()[0] == 0
        assert lib.conn.execute("SELECT COUNT(*) FROM quote_sketches").fetchone()[0] == 0
        echoes = echoes_of(lib, 1)
        assert echoes is not None and not echoes.matched and len(echoes.sources) == 1


def test_reanalysis_and_a_changed_text_keep_the_links_right(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        first = lib.add_analysis(analysis("One", "2024-01-01", WHOLE), url="https://a.test/1").article_id
        second = lib.add_analysis(analysis("Two", "2024-01-02", TRIMMED), url="https://b.test/2").article_id
        assert echo_counts(lib, first) == {len("One. "): 1}
        # the same text analysed again (add --reanalyse): new quote rows, the same group
        again = lib.add_analysis(analysis("Two", "2024-01-02", TRIMMED), url="https://b.test/2", reanalyse=True)
        assert again.status == "updated" and echo_counts(lib, first) == {len("One. "): 1}
        # the second article's text changed in place: its quote is another one now
        lib.add_analysis(analysis("Two", "2024-01-02", OTHER), url="https://b.test/2")
        assert echo_counts(lib, first) == {} and echo_counts(lib, second) == {}
        assert lib.conn.execute("SELECT COUNT(*) FROM quote_sketches").fetchone()[0] == 2 * 8


def test_deleting_the_quote_that_linked_two_others_splits_them(tmp_path: Path) -> None:
    head = "“The ministry will open three new crossings for aid before the winter comes”"
    both = "“The ministry will open three new crossings for aid before the winter comes, and it will keep them open”"
    tail = "“the winter comes, and it will keep them open”"
    with Library.open(tmp_path / "lib.db") as lib:
        a = lib.add_analysis(analysis("A", "2024-01-01", head), url="https://a.test/a").article_id
        c = lib.add_analysis(analysis("C", "2024-01-03", tail), url="https://a.test/c").article_id
        assert echo_counts(lib, a) == {}  # the two ends share too little
        b = lib.add_analysis(analysis("B", "2024-01-02", both), url="https://a.test/b").article_id
        assert echo_counts(lib, a) == {len("A. "): 2} and echo_counts(lib, b) == {len("B. "): 2}
        lib.delete_articles([b])
        assert echo_counts(lib, a) == {} and echo_counts(lib, c) == {}
        groups = lib.conn.execute("SELECT quote_id, echo_group FROM quote_echoes ORDER BY quote_id").fetchall()
        assert [tuple(r) for r in groups] == [(1, 1), (2, 2)]
        assert lib.conn.execute("SELECT COUNT(DISTINCT quote_id) FROM quote_sketches").fetchone()[0] == 2


def test_figures_keep_their_object_key_and_a_group_is_found_by_it(tmp_path: Path) -> None:
    from newsread.core.figure_keys import key_of
    from newsread.core.store.figure_groups import figure_group

    text = "Some 35 aid trucks a day crossed."
    figure = Figure(start=5, end=7, text="35", value=35.0, object="The Aid Trucks", per="day", kind="count")
    # the object is a word the article never uses: no full-text search of the article finds it
    spent = Figure(start=4, end=7, text="$3m", value=3e6, unit="USD", object="spending", kind="money")
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add_analysis(Analysis(text=text, title="T", figures=[figure]), url="https://f.test/1")
        lib.add_analysis(Analysis(text="The $3m was spent.", title="S", figures=[spent]), url="https://f.test/2")
        keys = [r[0] for r in lib.conn.execute("SELECT object_key FROM figures ORDER BY id")]
        assert keys == ["aid truck", "spending"]
        assert [s.article_id for s in figure_group(lib, key_of(spent)).sightings] == [2]


def test_schema_8_migration_groups_an_old_librarys_quotes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    schema.create_version(sqlite_utils.Database(conn), 7)
    rows = [
        (1, "Late", "2024-03-05", WHOLE, "direct"),
        (2, "Early", "2024-03-01", TRIMMED, "direct"),
        (3, "Copy", "2024-03-07", TRIMMED, "partial"),
        (4, "Other", "2024-03-02", OTHER, "direct"),
        (5, "Said", "2024-03-02", WHOLE[1:-2], "indirect"),
    ]
    with conn:
        for aid, title, published, quote, kind in rows:
            conn.execute(
                "INSERT INTO articles (id, title, published, text, content_hash, added) VALUES (?, ?, ?, ?, ?, ?)",
                (aid, title, published, f"{title}. {quote}", f"hash{aid}", "2024-03-08T00:00:00Z"),
            )
            conn.execute(
                "INSERT INTO quotes (article_id, start, end, text, speaker, kind) VALUES (?, ?, ?, ?, 'Ann Lee', ?)",
                (aid, len(title) + 2, len(title) + 2 + len(quote), quote, kind),
            )
        conn.execute(
            "INSERT INTO figures (article_id, start, end, text, value, object, kind) "
            "VALUES (4, 0, 2, '35', 35, 'aid trucks', 'count')"
        )
    conn.close()
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION >= 8
        echoes = echoes_of(lib, 1)
        assert echoes is not None and [s.article_id for s in echoes.sources] == [2, 1, 3]
        assert echo_counts(lib, 4) == {} and echo_counts(lib, 5) == {}
        assert lib.conn.execute("SELECT object_key FROM figures").fetchone()[0] == "aid truck"
        # and an article added after the migration joins the old group
        new = lib.add_analysis(analysis("New", "2024-03-09", GUILLEMETS), url="https://n.test/").article_id
        assert echo_counts(lib, new) == {len("New. "): 3}
    assert (tmp_path / "old.db.bak-v7").exists()


def test_candidates_are_the_newest_postings_of_each_key(tmp_path: Path) -> None:
    """A quote's candidates are, for each of its shingle keys, the newest ``POSTINGS_PER_KEY``
    stored quotes holding it: a matching quote behind that many newer ones under its only shared
    key is not found; one fewer, and it is."""
    from newsread.core.quote_echoes import normalise, shingle_keys
    from newsread.core.store.echoes import POSTINGS_PER_KEY, _match

    fillers = [f"“Item {n}: the harbour works will close for the whole of the month of May”" for n in range(70)]
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add_analysis(analysis("First", "2024-01-01", WHOLE), url="https://a.test/first")
        lib.add_analysis(analysis("Fillers", "2024-01-02", *fillers), url="https://a.test/fillers")
        conn = lib.conn
        (whole_group,) = conn.execute("SELECT echo_group FROM quote_echoes WHERE quote_id = 1").fetchone()
        key = conn.execute("SELECT MIN(key) FROM quote_sketches WHERE quote_id = 1").fetchone()[0]
        trimmed = normalise(TRIMMED)
        assert key in shingle_keys(trimmed)

        def found_after(newer: int) -> set[int]:
            with lib.transaction():
                conn.execute("DELETE FROM quote_sketches WHERE key = ? AND quote_id <> 1", (key,))
                conn.executemany(
                    "INSERT INTO quote_sketches (key, quote_id) VALUES (?, ?)", [(key, 2 + n) for n in range(newer)]
                )
            return _match(conn, 999, trimmed, [key])

        assert found_after(POSTINGS_PER_KEY - 1) == {whole_group}
        assert found_after(POSTINGS_PER_KEY) == set()
        assert _match(conn, 999, trimmed, shingle_keys(trimmed)) == {whole_group}  # its other keys find it
        assert found_after(0) == {whole_group}
        assert _match(conn, 1, normalise(WHOLE), [key]) == set()  # a quote is not its own candidate
