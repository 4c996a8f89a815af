"""Reading and writing the library from a module outside ``Library`` (``people``, ``figure_groups``,
``merges``, ``core.corrections``): its connection, with an SQLite failure said as the library's
one-line error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .errors import library_error

if TYPE_CHECKING:
    from .library import Library


@contextmanager
def reading(library: Library) -> Iterator[sqlite3.Connection]:
    """The library's connection; an SQLite failure inside becomes ``library_error``'s one line."""
    try:
        yield library.conn
    except sqlite3.Error as exc:
        raise library_error(exc, library.path, writing=False) from exc


@contextmanager
def writing(library: Library) -> Iterator[sqlite3.Connection]:
    """One write transaction of the library (``Library.transaction``); an SQLite failure inside (a
    read-only file, a full disk, a lock held too long) becomes ``library_error``'s one line, raised
    after the transaction was rolled back."""
    try:
        with library.transaction() as conn:
            yield conn
    except sqlite3.Error as exc:
        raise library_error(exc, library.path, writing=True) from exc
