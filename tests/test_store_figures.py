"""Figures' qualifiers and ranges in the library: schema 6 keeps ``Figure.qualifier``, ``low`` and
``high``, so an analysis round-trips unchanged, and a v5 library opens with NULLs (and its old
"ratio" kind renamed "fraction"). On real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from newsread.core.model import FIGURE_KINDS, Analysis
from newsread.core.store import schema
from newsread.core.store.library import FIGURE_COLUMNS, Library, content_hash, figure_row
from support.figures import TEXT, figure, figures_analysis, span


def test_an_analysis_with_qualifiers_and_ranges_round_trips_unchanged(tmp_path: Path) -> None:
    analysis = figures_analysis()
    with Library.open(tmp_path / "l.db") as lib:
        aid = lib.add_analysis(analysis, url="https://x.test/port").article_id
        stored = lib.analysis(aid)
    assert stored is not None
    assert stored.to_dict() == analysis.to_dict() | {"path": "https://x.test/port"}
    (trucks,) = [f for f in stored.figures if f.object == "trucks"]
    assert (trucks.value, trucks.low, trucks.high, trucks.qualifier) == (200.0, 200.0, 300.0, None)
    assert all(isinstance(v, float) for f in stored.figures for v in (f.low, f.high) if v is not None)


def test_figure_row_fills_the_columns_it_names() -> None:
    f = figure("between 200 and 300 trucks", 200.0, object="trucks", low=200.0, high=300.0, qualifier="up to")
    row = dict(zip(FIGURE_COLUMNS, figure_row(7, f), strict=True))
    assert row["article_id"] == 7
    assert (row["qualifier"], row["low"], row["high"]) == ("up to", 200.0, 300.0)
    assert {k: row[k] for k in ("start", "end", "text", "value", "kind")} == {
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "value": 200.0,
        "kind": "count",
    }


def _v5_library(path: Path) -> None:
    """A library as newsread with schema 5 wrote it: an article with a count and a "half" of the
    kind "ratio" older analyses gave it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create_version(sqlite_utils.Database(conn), 5)
    conn.execute("COMMIT")
    conn.execute(
        "INSERT INTO articles (id, url, title, text, content_hash, added, published, quote_count) "
        "VALUES (1, 'https://x.test/port', 'Port strike spreads', ?, ?, '2024-05-01T00:00:00Z', '2024-05-01', 0)",
        (TEXT, content_hash(TEXT)),
    )
    for needle, value, unit, obj, kind in (
        ("More than 100 protesters", 100.0, None, "protesters", "count"),
        ("half", 0.5, "fraction", None, "ratio"),
    ):
        start, end = span(needle)
        conn.execute(
            "INSERT INTO figures (article_id, start, end, text, value, unit, object, kind) "
            "VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (start, end, needle, value, unit, obj, kind),
        )
    conn.close()


def test_a_v5_library_opens_at_6_with_no_qualifiers_or_ranges(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v5_library(path)
    with Library.open(path) as lib:
        assert schema.user_version(lib.conn) == schema.SCHEMA_VERSION >= 6
        old = lib.analysis(1)
        assert old is not None
        assert [(f.text, f.kind, f.qualifier, f.low, f.high) for f in old.figures] == [
            ("More than 100 protesters", "count", None, None, None),
            ("half", "fraction", None, None, None),  # "ratio" is "fraction" in FIGURE_KINDS
        ]
        assert all(f.kind in FIGURE_KINDS for f in old.figures)
        # analysed again (`newsread add --reanalyse`): the qualifier and range are stored
        again = Analysis.from_dict(old.to_dict())
        again.figures = figures_analysis().figures
        assert lib.add_analysis(again, reanalyse=True).status == "updated"
        stored = lib.analysis(1)
        assert stored is not None and stored.figures == figures_analysis().figures
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        columns = {r[1]: r[2] for r in lib.conn.execute("PRAGMA table_info(figures)")}
        assert (columns["qualifier"], columns["low"], columns["high"]) == ("TEXT", "REAL", "REAL")
    backup = sqlite3.connect(path.with_name("old.db.bak-v5"))
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
    assert "qualifier" not in {r[1] for r in backup.execute("PRAGMA table_info(figures)")}
    assert backup.execute("SELECT kind FROM figures ORDER BY start").fetchall() == [("count",), ("ratio",)]
    backup.close()
