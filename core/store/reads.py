"""Reading the library from a query module outside ``Library`` (``people``, ``figure_groups``):
its connection, with an SQLite failure said as the library's one-line error."""

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
