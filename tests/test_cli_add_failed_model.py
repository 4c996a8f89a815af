"""``add --jobs N`` whose workers cannot load the model (numpy: installed, but no spaCy pipeline)
opens the library while they load it, so it finds out after the library is made: a library this run
made, holding nothing, is not left behind; one that was there before stays as it was, empty or not."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from newsread.core.store.library import Library
from newsread.core.store.opening import remove_unused
from support.hostile_cli import file_bytes, newsread

NOT_A_PIPELINE = "newsread: 'numpy' is not a spaCy pipeline ("
SOURCES = [str(p) for p in sorted(Path("/work/shared/corpus/plain").glob("*.txt"))[:2]]


def _add_with_numpy(db: Path) -> None:
    result = newsread("--db", str(db), "add", "--jobs", "2", "--model", "numpy", "--progress", "plain", *SOURCES)
    assert result.returncode == 1
    assert result.stderr.startswith(NOT_A_PIPELINE) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def _rows(db: Path) -> str:
    """A hash of every row of every table."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db)
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        digest.update(table.encode())
        for row in sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"')):
            digest.update(row.encode())
    conn.close()
    return digest.hexdigest()


def test_a_library_this_run_made_is_not_left_behind(tmp_path: Path) -> None:
    _add_with_numpy(tmp_path / "new.db")
    assert os.listdir(tmp_path) == []  # no library, no -wal, no -shm


def test_a_library_that_was_there_stays_as_it_was(tmp_path: Path, seed_library: Path) -> None:
    """The seed's library, and one made before that holds nothing yet: the same bytes, the same rows."""
    empty = tmp_path / "empty.db"
    Library.open(empty).close()
    for db in (seed_library, empty):
        before, rows = file_bytes(db), _rows(db)
        _add_with_numpy(db)
        assert file_bytes(db) == before and _rows(db) == rows
    assert sorted(os.listdir(tmp_path)) == ["empty.db", "library.db"]


def test_remove_unused_leaves_a_library_in_use_or_holding_anything(tmp_path: Path, seed_analysis) -> None:
    """Only a library that holds nothing and that no connection has open is removed."""
    db = tmp_path / "l.db"
    with Library.open(db):
        assert remove_unused(db) is False  # open elsewhere (here, in this process)
        assert db.exists()
    with Library.open(db) as lib:
        lib.add_analysis(seed_analysis, source="seed.txt")
    kept = file_bytes(db)
    assert remove_unused(db) is False and file_bytes(db) == kept  # holds an article
    new = tmp_path / "new.db"
    Library.open(new).close()
    assert remove_unused(new) is True
    assert os.listdir(tmp_path) == ["l.db"]
