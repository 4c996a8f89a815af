"""The library list's rows by position, read from the store a page at a time.

A view of 100,000 articles is a list of their ids in order (under 1 MB); the rows themselves (titles,
sites, URLs: about a kilobyte each in Python) are read only for the pages drawn, and at most
``PAGES_KEPT`` pages are held. So memory stays bounded however big the library, the last row
(``G``) is as near as the first, and an article's position is found in the ids.

Plain Python, no Textual: the table asks for rows by index, this reads them with ``fetch`` (the
store's ``Library.rows_of``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from newsread.core.store.records import ArticleRow

PAGE = 100
"""Rows read at once: a few screenfuls, one query."""

PAGES_KEPT = 20
"""Pages held at most; the least recently drawn goes first."""

Fetch = Callable[[list[int]], list[ArticleRow]]


class RowPages(Sequence[ArticleRow]):
    """The rows of the articles ``ids``, in that order; ``known`` rows (the first page, read
    before the ids) are kept without being read again, until pushed out like any page.

    Without ``fetch`` every row must be in ``known`` (``of``: a list held whole)."""

    def __init__(
        self, ids: Sequence[int], fetch: Fetch | None, *, known: Iterable[ArticleRow] = (), page: int = PAGE
    ) -> None:
        self.ids = ids
        self._fetch = fetch
        self._page = page
        self._pages: OrderedDict[int, dict[int, ArticleRow]] = OrderedDict()
        self._all: dict[int, ArticleRow] | None = None
        self._position: dict[int, int] | None = None
        rows = {r.id: r for r in known}
        if fetch is None:
            self._all = rows
        else:
            for start in range(0, len(ids), page):
                chunk = ids[start : start + page]
                if chunk and all(i in rows for i in chunk):
                    self._pages[start // page] = {i: rows[i] for i in chunk}
                else:
                    break  # the known rows are the view's first ones

    @classmethod
    def of(cls, rows: Iterable[ArticleRow]) -> RowPages:
        """Rows held whole (a short list, or one given by a test)."""
        rows = list(rows)
        return cls([r.id for r in rows], None, known=rows)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ArticleRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleRow]: ...
    def __getitem__(self, index: int | slice) -> ArticleRow | list[ArticleRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self.ids):
            raise IndexError(index)
        article_id = self.ids[index]
        if self._all is not None:
            return self._all[article_id]
        page = self._page_of(index // self._page)
        row = page.get(article_id)
        if row is None:  # deleted since the ids were read: shown as it was listed, by id
            row = ArticleRow(id=article_id, title=None, site=None, url=None, source=None, published=None, added="")
        return row

    def __iter__(self) -> Iterator[ArticleRow]:
        for index in range(len(self)):
            yield self[index]

    def _page_of(self, number: int) -> dict[int, ArticleRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        assert self._fetch is not None
        ids = list(self.ids[number * self._page : (number + 1) * self._page])
        page = {r.id: r for r in self._fetch(ids)}
        self._pages[number] = page
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    def index_of(self, article_id: int) -> int | None:
        """The position of article ``article_id``, or None when it is not in the view."""
        if self._position is None:
            self._position = {i: n for n, i in enumerate(self.ids)} if len(self.ids) <= 5000 else {}
        found = self._position.get(article_id)
        if found is not None or len(self.ids) <= 5000:
            return found
        try:
            return self.ids.index(article_id)  # a long view: a scan in C, not a dict of every id
        except ValueError:
            return None

    def replace(self, row: ArticleRow) -> int | None:
        """Show ``row`` (changed: read, bookmarked) in place of the article's old row; its
        position, or None when it is not in the view."""
        index = self.index_of(row.id)
        if index is None:
            return None
        if self._all is not None:
            self._all[row.id] = row
        else:
            page = self._pages.get(index // self._page)
            if page is not None:
                page[row.id] = row
        return index

    def held(self) -> int:
        """Rows held now (for tests and benchmarks: bounded by ``PAGES_KEPT`` pages)."""
        if self._all is not None:
            return len(self._all)
        return sum(len(p) for p in self._pages.values())
