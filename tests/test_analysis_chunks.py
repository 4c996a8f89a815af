"""How ``--jobs N`` cuts its input into chunks for the worker processes (``analysis._chunks``)."""

from __future__ import annotations

from newsread.core.analysis import _MAX_CHUNK_ITEMS, _MIN_CHUNK_CHARS, ArticleInput, _chunks


def _items(lengths: list[int]) -> list[ArticleInput]:
    return [ArticleInput("x" * n, path=str(i)) for i, n in enumerate(lengths)]


def _sizes(chunks: list[list[ArticleInput]]) -> list[int]:
    return [sum(len(it.text) for it in chunk) for chunk in chunks]


def test_every_article_once_in_input_order() -> None:
    items = _items([3_000 + 97 * i for i in range(120)])
    chunks = _chunks(items, 2)
    assert [it.path for chunk in chunks for it in chunk] == [it.path for it in items]
    assert all(chunks)


def test_chunks_shrink_so_the_workers_finish_together() -> None:
    chunks = _chunks(_items([5_000] * 200), 2)  # 1,000,000 characters
    sizes = _sizes(chunks)
    assert sizes[0] >= 1_000_000 // 4  # a quarter of what is left: few hand-offs early on
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= 2 * _MIN_CHUNK_CHARS  # the last ones hold an article or two
    assert len(chunks) < 40


def test_more_workers_get_smaller_first_chunks() -> None:
    items = _items([5_000] * 200)
    assert _sizes(_chunks(items, 4))[0] < _sizes(_chunks(items, 2))[0]


def test_short_summaries_are_capped_in_number() -> None:
    chunks = _chunks(_items([40] * 10_000), 2)
    assert max(len(chunk) for chunk in chunks) == _MAX_CHUNK_ITEMS
    assert sum(len(chunk) for chunk in chunks) == 10_000


def test_a_long_article_closes_its_chunk() -> None:
    chunks = _chunks(_items([200, 900_000, 200]), 2)
    assert [[it.path for it in chunk] for chunk in chunks] == [["0", "1"], ["2"]]
