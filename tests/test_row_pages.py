"""The library list's rows read a page at a time: bounded, in order, positions found by id."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsread.core.store.library import Library
from newsread.core.store.records import ArticleRow
from newsread.tui.library.row_pages import PAGES_KEPT, RowPages
from support.app import multiply_library


def row(i: int) -> ArticleRow:
    return ArticleRow(id=i, title=f"T{i}", site=None, url=None, source=None, published=None, added="2026-01-01")


class Store:
    def __init__(self) -> None:
        self.asked: list[list[int]] = []

    def fetch(self, ids: list[int]) -> list[ArticleRow]:
        self.asked.append(ids)
        return [row(i) for i in ids if i != 13]  # article 13 was deleted since the ids were read


def test_rows_are_read_a_page_at_a_time_and_at_most_pages_kept_are_held() -> None:
    store = Store()
    ids = list(range(1000, 0, -1))
    rows = RowPages(ids, store.fetch, known=[row(i) for i in ids[:50]], page=10)
    assert rows[0].id == 1000 and rows[9].id == 991 and store.asked == []  # the known first page
    assert rows[-1].id == 1 and store.asked == [list(range(10, 0, -1))]
    assert [r.id for r in rows[995:]] == [5, 4, 3, 2, 1] and len(store.asked) == 1
    for i in range(len(rows)):
        assert rows[i].id == ids[i] or ids[i] == 13
    assert rows.held() <= PAGES_KEPT * 10


def test_a_row_deleted_since_the_ids_were_read_is_shown_by_its_id() -> None:
    rows = RowPages([14, 13, 12], Store().fetch)
    assert [r.id for r in rows] == [14, 13, 12] and rows[1].title is None


def test_positions_and_replacing_a_row() -> None:
    store = Store()
    rows = RowPages(list(range(6000)), store.fetch, page=100)
    assert rows.index_of(5999) == 5999 and rows.index_of(6000) is None
    rows[5999]
    assert rows.replace(replace(row(5999), bookmarked=True)) == 5999
    assert rows[5999].bookmarked
    held = RowPages.of([row(3), row(2)])
    assert held.index_of(2) == 1 and held.replace(row(9)) is None and held.held() == 2


def test_the_store_lists_ids_in_the_order_and_filter_of_articles(seed_library: Path) -> None:
    multiply_library(seed_library, 5)
    with Library.open(seed_library) as lib:
        lib.mark_read(3)
        check_ids(lib)


def check_ids(lib: Library) -> None:
    for kwargs in ({}, {"order": "title", "descending": False}, {"unread_only": True}, {"order": "added"}):
        listed = [r.id for r in lib.articles(**kwargs)]
        assert lib.article_ids(**kwargs) == listed
        assert [r.id for r in lib.rows_of(listed[::-1])] == listed[::-1]
    assert lib.rows_of([]) == [] and lib.rows_of([999_999]) == []


def test_search_ids_finds_what_search_finds(seed_library: Path) -> None:
    multiply_library(seed_library, 5)
    with Library.open(seed_library) as lib:
        first = lib.article(1)
        assert first is not None and first.title
        word = next(w for w in first.title.split() if w.isalpha() and len(w) > 4)
        for query in (word, word[:3], f'"{word}"', "-" + word, "zzzz"):
            assert sorted(lib.search_ids(query, limit=50)) == sorted(h.article_id for h in lib.search(query, limit=50))
        assert lib.search_ids(word, limit=2) == [6, 5]  # the most recently added
