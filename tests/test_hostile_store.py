"""Issue 11: the library file under attack — a folder, an empty file, a read-only folder, a full
disk, a damaged file, a held lock, a hostile search, a careless umask — each gives one true line
(or goes on reading), never a traceback or a file left behind.

Real library files and the real CLI in a child process; file modes bind even when the tests run
as root (see ``support.hostile_app.newsread``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from newsread.core.errors import NewsreadError
from newsread.core.store.errors import LibraryDamaged, LibraryWriteError
from newsread.core.store.library import MAX_QUERY_TERMS, Library, fts_query, query_terms_cut
from support.hostile_app import (
    analyses_file,
    damage,
    hold_write_lock,
    newsread,
    one_error_line,
    small_library,
)
from support.notes import ARTICLE, add_article

TEXT = "The harbour council met on Monday. It said the plan would go ahead."


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- item 16: where the library cannot be -------------------------------------------------------


def test_a_folder_given_as_the_library_is_one_line(tmp_path: Path) -> None:
    line = one_error_line(newsread("ls", env={"NEWSREAD_DB": str(tmp_path)}))
    assert line.startswith(f"{tmp_path} is a folder, not a library file")


def test_a_new_library_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        proc = newsread(
            "--db", str(folder / "lib.db"), "add", "--analyses", str(analyses_file(tmp_path, [TEXT])), modes_bind=True
        )
        line = one_error_line(proc)
    finally:
        folder.chmod(0o755)
    assert (
        line == f"cannot create library {folder / 'lib.db'}: the folder {folder} cannot be written (Permission denied)"
    )
    assert leftovers(folder) == []


def test_an_existing_library_in_a_read_only_folder_is_read_and_refuses_changes_truly(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "lib.db"
    small_library(path, articles=1)
    folder.chmod(0o555)
    try:
        listed = newsread("--db", str(path), "ls", "--json", modes_bind=True)
        added = newsread("--db", str(path), "add", "--analyses", str(analyses_file(tmp_path, [TEXT])), modes_bind=True)
    finally:
        folder.chmod(0o755)
    assert listed.returncode == 0, listed.stderr
    assert "harbour plan" in listed.stdout
    line = one_error_line(added)
    assert "not a newsread library" not in line
    assert line == f"library {path} cannot be changed: its folder {folder} cannot be written"


def test_a_new_library_on_a_full_disk_is_one_line_and_leaves_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "full"
    path = folder / "lib.db"
    proc = newsread("--db", str(path), "add", "--analyses", str(analyses_file(tmp_path, [TEXT])), file_size_limit=0)
    line = one_error_line(proc)
    assert line.startswith(f"cannot create library {path}: ")
    assert "full" in line
    assert leftovers(folder) == []  # no 0-byte file, no -wal or -shm


# -- item 17: a damaged library -------------------------------------------------------------------


@pytest.mark.parametrize("command", [["ls"], ["search", "harbour"], ["quotes"], ["speakers"], ["show", "1"]])
def test_a_damaged_library_is_one_line_pointing_to_a_backup_or_recover(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=20)
    damage(path)
    line = one_error_line(newsread("--db", str(path), *command))
    assert line.startswith(f"library {path} is damaged (database disk image is malformed)")
    assert line.endswith(f"restore a backup or run `sqlite3 {path} .recover`")


def test_store_reads_of_a_damaged_library_raise_the_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=20)
    damage(path)
    with pytest.raises(LibraryDamaged) as caught, Library.open(path, create=False) as lib:
        lib.articles()
    assert isinstance(caught.value, NewsreadError)
    assert isinstance(caught.value, sqlite3.DatabaseError)  # code catching SQLite's errors still does


# -- item 18: an empty file is not a library; new files are private ------------------------------


def test_an_empty_file_is_not_a_library_for_read_commands(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    path.chmod(0o644)
    line = one_error_line(newsread("--db", str(path), "ls"))
    assert line == f"{path} is an empty file, not a newsread library (remove it or give another path)"
    assert path.stat().st_size == 0 and mode(path) == 0o644  # left exactly as it was
    assert leftovers(tmp_path) == ["empty.db"]


def test_files_the_store_creates_are_private_under_any_umask(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    proc = newsread("--db", str(path), "add", "--analyses", str(analyses_file(tmp_path, [TEXT])), umask=0)
    assert proc.returncode == 0, proc.stderr
    assert mode(path) == 0o600
    for side in tmp_path.glob("new.db-*"):
        assert mode(side) == 0o600, side


# -- item 24: the data folder ---------------------------------------------------------------------


def test_the_data_folder_is_made_0700_under_umask_000(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(xdg), "HOME": str(tmp_path)}
    proc = newsread("add", "--analyses", str(analyses_file(tmp_path, [TEXT])), env=env, umask=0)
    assert proc.returncode == 0, proc.stderr
    data = xdg / "newsread"
    assert (data / "library.db").is_file()
    assert mode(xdg) == 0o700 and mode(data) == 0o700
    assert mode(data / "library.db") == 0o600


# -- item 3 (store side): writes that cannot happen ---------------------------------------------


def test_a_read_only_library_reads_and_refuses_writes_without_changing_anything(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    (article_id,) = small_library(path, articles=1)
    with Library.open(path, create=False, read_only=True) as lib:
        assert lib.read_only
        assert [a.id for a in lib.articles()] == [article_id]
        with pytest.raises(LibraryWriteError) as caught:
            lib.mark_read(article_id)
        assert caught.value.read_only
        assert str(caught.value) == f"library {path} cannot be changed: it is read-only"
        assert not lib.conn.in_transaction
    with Library.open(path) as lib:
        assert not lib.read_only
        assert lib.article(article_id).read is False


def test_a_lock_held_past_the_busy_timeout_is_a_write_error_and_the_transaction_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    (article_id,) = small_library(path, articles=1)
    with Library.open(path) as lib:
        lib.conn.execute("PRAGMA busy_timeout = 50")
        other = hold_write_lock(path)
        try:
            with pytest.raises(LibraryWriteError) as caught:
                lib.set_bookmark(article_id, True)
        finally:
            other.close()
        assert not caught.value.read_only
        assert "busy" in str(caught.value)
        assert not lib.conn.in_transaction
        lib.set_bookmark(article_id, True)  # the lock gone, the same connection writes again
        assert lib.article(article_id).bookmarked


# -- item 27 (store side): noticing another process's changes ------------------------------------


def test_data_version_moves_when_another_connection_commits_not_for_our_own(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    (article_id,) = small_library(path, articles=1)
    with Library.open(path) as lib, Library.open(path) as other:
        before = lib.data_version()
        lib.mark_read(article_id)
        assert lib.data_version() == before
        add_article(other, ARTICLE + "\n\nA later edition.", url="https://example.org/later")
        assert lib.data_version() != before


# -- item 21: a search of 2,000 words -------------------------------------------------------------


def test_a_long_query_keeps_only_its_first_terms_and_says_so() -> None:
    words = [f"word{i}" for i in range(2000)]
    match = fts_query(" ".join(words))
    assert match is not None
    assert match.split() == [f'"{w}"' for w in words[:MAX_QUERY_TERMS]]
    assert query_terms_cut(" ".join(words))
    assert not query_terms_cut(" ".join(words[:MAX_QUERY_TERMS]))
    # a phrase straddling the limit keeps the words that fit
    phrase = fts_query(" ".join(words[: MAX_QUERY_TERMS - 1]) + ' "harbour council plan"')
    assert phrase is not None and phrase.endswith('"word30" "harbour"')


def test_a_long_search_finds_what_its_first_words_find(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    small_library(path, articles=1)
    first = "harbour council " * (MAX_QUERY_TERMS // 2)
    with Library.open(path) as lib:
        # the words after the limit match nothing: were they searched, nothing would be found
        hits = lib.search(first + " ".join(f"zzz{i}" for i in range(2000)))
        assert [h.article_id for h in hits] == [1]
        assert lib.search(first + " -harbour") != []  # an exclusion past the limit is left out too


def test_new_library_folders_and_files_are_made_private_in_process(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "a" / "b" / "lib.db"
        Library.open(path).close()
    finally:
        os.umask(old)
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    assert mode(path) == 0o600
