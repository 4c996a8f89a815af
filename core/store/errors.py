"""What goes wrong with a library file, said in one line the user can act on.

SQLite reports a read-only file, a full disk, a lock held too long and a damaged file as error
codes; ``library_error`` turns one into a ``LibraryError`` naming the file and what to do. Each
class is also an ``sqlite3`` error, so code written against SQLite's exceptions (the notes API, the
importer) still catches it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import NewsreadError

SQLITE_MAGIC = b"SQLite format 3\x00"


class LibraryError(NewsreadError, sqlite3.DatabaseError):
    """The library file cannot be opened, read or written; the message says why, in one line."""


class LibraryDamaged(LibraryError):
    """The file is an SQLite database whose pages are corrupt."""


class LibraryWriteError(LibraryError, sqlite3.OperationalError):
    """A change could not be written (read-only, disk full, busy); nothing of it was saved.

    ``read_only``: the library cannot be written at all, so trying again will not help.
    """

    def __init__(self, message: str, *, read_only: bool = False) -> None:
        super().__init__(message)
        self.read_only = read_only


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_damage(exc: sqlite3.Error, path: Path | None) -> bool:
    """Whether ``exc`` says the file's pages are corrupt (an SQLite file, not some other file)."""
    code = _code(exc)
    if code.startswith("SQLITE_CORRUPT") or "malformed" in str(exc):
        return True
    return code == "SQLITE_NOTADB" and path is not None and _has_sqlite_header(path)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def damaged(path: Path | None, exc: sqlite3.Error) -> LibraryDamaged:
    where = str(path) if path else "the library"
    return LibraryDamaged(f"library {where} is damaged ({exc}): restore a backup or run `sqlite3 {where} .recover`")


def folder_writable(path: Path) -> bool:
    """Whether new files (SQLite's ``-wal`` and ``-shm``) can be made beside ``path``."""
    return os.access(path.parent, os.W_OK)


def library_error(exc: sqlite3.Error, path: Path | None, *, writing: bool) -> LibraryError:
    """The one-line ``LibraryError`` for an SQLite failure on the library at ``path``."""
    if isinstance(exc, LibraryError):
        return exc
    if is_damage(exc, path):
        return damaged(path, exc)
    where = str(path) if path else "the library"
    code = _code(exc)
    text = str(exc).lower()
    if code.startswith("SQLITE_READONLY") or "readonly" in text:
        folder = f"its folder {path.parent}" if path else "its folder"
        why = f"{folder} cannot be written" if code == "SQLITE_READONLY_DIRECTORY" else "it is read-only"
        return LibraryWriteError(f"library {where} cannot be changed: {why}", read_only=True)
    if code == "SQLITE_FULL" or "disk is full" in text:
        return LibraryWriteError(f"library {where} cannot be changed: the disk is full")
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return LibraryWriteError(f"library {where} is busy (another program is writing to it); try again")
    if code.startswith("SQLITE_IOERR"):
        return LibraryWriteError(f"library {where}: the disk reported an error ({exc})")
    verb = "written" if writing else "read"
    return LibraryError(f"library {where} could not be {verb} ({exc})")
