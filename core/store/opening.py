"""Opening a library file: made private when new, read-only when it cannot be written, and one
true line for each way it cannot be opened (a folder, an empty file, a read-only folder, a full
disk, a damaged file).

``Library.open`` calls ``open_connection``; the schema itself is ``schema.py``'s.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from . import schema
from .errors import LibraryError, damaged, folder_writable, is_damage, library_error

_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
_SIDE_FILES = ("-wal", "-shm", "-journal")


def check_target(target: Path, *, create: bool) -> bool:
    """Refuse a path that cannot be a library; True when the file must be made first."""
    if target.is_dir():
        raise LibraryError(
            f"{target} is a folder, not a library file: give --db or NEWSREAD_DB a file path "
            f"(e.g. {target / 'library.db'})"
        )
    if not target.exists():
        if not create:
            raise LibraryError(f"{target}: no library here")
        return True
    if not create and target.stat().st_size == 0:
        raise LibraryError(f"{target} is an empty file, not a newsread library (remove it or give another path)")
    return False


def create_file(target: Path) -> bool:
    """Make the library file, private (0600) in a private folder; False when another process made
    it first."""
    from ..paths import make_private_dir

    try:
        make_private_dir(target.parent)
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError as exc:
        raise LibraryError(f"cannot create library {target}: {_os_reason(exc, target.parent)}") from None
    return True


def _os_reason(exc: OSError, folder: Path) -> str:
    if exc.errno in _NO_PERMISSION:
        return f"the folder {folder} cannot be written ({exc.strerror})"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def remove_new_file(target: Path) -> None:
    """Undo ``create_file`` after the schema could not be written: no empty or half-made file is
    left behind. Only while nothing was committed to it (a version-0 header and no changes in a
    ``-wal`` file), so a library another process made meanwhile stays."""
    try:
        with open(target, "rb") as f:
            header = f.read(100)
    except OSError:
        return
    if len(header) == 100 and int.from_bytes(header[60:64], "big") != 0:
        return  # PRAGMA user_version is set: a library was made
    if _wal_pending(target):
        return
    for suffix in ("", *_SIDE_FILES):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def remove_unused(target: Path) -> bool:
    """Remove the library at ``target`` when it holds nothing and no connection has it open: for a
    command that made it and then could store nothing (``add`` whose workers cannot load the model),
    so that no empty library is left behind; False when it is left as it is.

    It holds nothing when no table has a row but the full-text indexes' own (a new library's); no
    connection has it open when it has no side file (SQLite removes the ``-wal`` and ``-shm`` files
    as the last connection to a library closes), before it is read and again after."""

    def in_use() -> bool:
        return any(Path(f"{target}{suffix}").exists() for suffix in _SIDE_FILES)

    if in_use():
        return False
    try:
        conn = connect(target, read_only=False)
        try:
            empty = _holds_nothing(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    if not empty or in_use():
        return False
    target.unlink(missing_ok=True)
    return True


def _holds_nothing(conn: sqlite3.Connection) -> bool:
    """No row in any table of the library but the full-text indexes' (their shadow tables hold a
    few rows of their own in a new library)."""
    tables = conn.execute(
        "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master"
        " WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    ).fetchall()
    virtual = [name for name, is_virtual in tables if is_virtual]
    for name, is_virtual in tables:
        if is_virtual or any(name.startswith(f"{v}_") for v in virtual):
            continue
        if conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None:
            return False
    return True


def connect(target: Path, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    """A connection to ``target``; read-only ones go through an SQLite URI (``mode=ro``)."""
    if read_only:
        uri = f"file:{quote(str(target.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(target), timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _set_up_writable(conn: sqlite3.Connection, target: Path, ensure: Callable[[sqlite3.Connection], None]) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(schema.BUSY_TIMEOUT_S * 1000)}")
    schema.refuse_newer(schema.user_version(conn), target)  # before WAL rewrites the header
    schema.configure(conn)
    if schema.user_version(conn) != schema.SCHEMA_VERSION:
        ensure(conn)


def _set_up_read_only(conn: sqlite3.Connection, target: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(schema.BUSY_TIMEOUT_S * 1000)}")
    version = schema.user_version(conn)
    schema.refuse_newer(version, target)
    if version == 0:
        raise LibraryError(f"{target} is not a newsread library (and, read-only, cannot become one)")
    if version != schema.SCHEMA_VERSION:
        raise LibraryError(
            f"library {target} is read-only and needs upgrading (schema {version}, this newsread uses "
            f"{schema.SCHEMA_VERSION}): open it once where it can be written"
        )
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the schema: a damaged one fails here


def _wal_pending(target: Path) -> bool:
    wal = Path(f"{target}-wal")
    return wal.exists() and wal.stat().st_size > 0


def open_read_only(target: Path) -> sqlite3.Connection:
    """Read ``target`` without writing anything. In a folder that cannot be written SQLite cannot
    make the ``-shm`` file a WAL library needs; with no ``-wal`` file holding changes nobody can be
    writing it, so the file is read as it is (``immutable``)."""
    conn = connect(target, read_only=True)
    try:
        _set_up_read_only(conn, target)
        return conn
    except sqlite3.Error as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorname", "")
        if isinstance(exc, LibraryError) or code not in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN"):
            raise
        if _wal_pending(target):
            raise
    conn = connect(target, read_only=True, immutable=True)
    try:
        _set_up_read_only(conn, target)
    except BaseException:
        conn.close()
        raise
    return conn


def _cannot_write(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly" in str(exc)


def open_connection(
    target: Path, *, create: bool, read_only: bool | None, ensure: Callable[[sqlite3.Connection], None]
) -> tuple[sqlite3.Connection, bool]:
    """A set-up connection to the library at ``target`` and whether it is read-only.

    ``read_only``: True reads only; None reads only when the file or its folder cannot be written;
    False requires a writable library. ``ensure`` brings a writable connection's schema up to date.
    Every failure is a ``LibraryError`` whose message names the file and the reason.
    """
    created = check_target(target, create=create) and create_file(target)
    writable = os.access(target, os.W_OK)
    if read_only is False and not writable:
        raise LibraryError(f"library {target} cannot be changed: the file is read-only")
    fall_back = read_only is None
    read_only = bool(read_only) or (fall_back and not writable)
    try:
        if read_only:
            return open_read_only(target), True
        conn = connect(target, read_only=False)
        try:
            _set_up_writable(conn, target, ensure)
        except BaseException:
            conn.close()
            raise
        return conn, False
    except sqlite3.Error as exc:
        if created:
            remove_new_file(target)
        if fall_back and not created and _cannot_write(exc):
            try:
                return open_read_only(target), True
            except sqlite3.Error as again:
                raise _open_error(again, target, created=False) from None
        raise _open_error(exc, target, created=created) from None


def _creation_reason(exc: sqlite3.Error, target: Path) -> str:
    """Why a new library's schema could not be written (the file made for it is gone again)."""
    code = getattr(exc, "sqlite_errorname", "")
    if code == "SQLITE_FULL" or _disk_full(target.parent):
        return "the disk is full"
    if _cannot_write(exc) or not folder_writable(target):
        return f"the folder {target.parent} cannot be written"
    if code.startswith("SQLITE_IOERR"):
        return f"writing it failed ({exc}): is the disk full, or a file size limit reached?"
    return str(exc)


def _disk_full(folder: Path) -> bool:
    """Less room left than a new library takes (its schema, WAL and index, under a megabyte)."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 1 << 20


def _open_error(exc: sqlite3.Error, target: Path, *, created: bool) -> LibraryError:
    if isinstance(exc, LibraryError):
        return exc
    if is_damage(exc, target):
        return damaged(target, exc)
    code = getattr(exc, "sqlite_errorname", "")
    if created:
        return LibraryError(f"cannot create library {target}: {_creation_reason(exc, target)}")
    if code == "SQLITE_NOTADB" or not isinstance(exc, sqlite3.OperationalError):
        return LibraryError(f"{target}: not a newsread library ({exc})")
    return library_error(exc, target, writing=True)
