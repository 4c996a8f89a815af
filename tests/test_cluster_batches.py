"""How ``--scheduler`` cuts its input into batches (``cluster._batches``): whole and in order, read
only a bounded way ahead, fixed batches while the input's end is out of sight and, once it is read,
the rest cut by the same guided rule as ``--jobs`` (``analysis._chunks``), shrinking to an article.

No cluster is started: the batches are what the client sends, so they are tested as a function.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from newsread.core.analysis import ArticleInput, _chunks, cluster

THREADS = 2
ARTICLE = 5_000
"""Characters in each generated article: a fixed batch (25,000) holds five."""


def articles(count: int, pulled: list[int] | None = None) -> Iterator[ArticleInput]:
    """``count`` articles of :data:`ARTICLE` characters, each its own text; ``pulled`` counts the
    articles read so far."""
    for n in range(count):
        if pulled is not None:
            pulled[0] += 1
        yield ArticleInput(f"{n:06d} " + "x" * (ARTICLE - 7), path=f"a{n}.txt")


def sizes(batch: list[ArticleInput]) -> int:
    return sum(len(it.text) for it in batch)


@pytest.mark.parametrize("count", [0, 1, 3, 40, 200])
def test_batches_hold_the_input_whole_and_in_order(count: int) -> None:
    batches = list(cluster._batches(articles(count), THREADS))
    assert all(batches)
    assert [it.path for batch in batches for it in batch] == [f"a{n}.txt" for n in range(count)]


def test_an_input_that_fits_the_view_is_cut_as_jobs_cuts_it() -> None:
    count = cluster.LOOKAHEAD_BATCHES * THREADS * cluster.BATCH_CHARS // ARTICLE - 1
    got = [[it.path for it in batch] for batch in cluster._batches(articles(count), THREADS)]
    assert got == [[it.path for it in chunk] for chunk in _chunks(list(articles(count)), THREADS)]


def test_batches_are_fixed_until_the_end_is_read_then_shrink() -> None:
    view = cluster.LOOKAHEAD_BATCHES * THREADS * cluster.BATCH_CHARS
    count = 3 * view // ARTICLE
    batches = [sizes(batch) for batch in cluster._batches(articles(count), THREADS)]
    fixed = (count * ARTICLE - view) // cluster.BATCH_CHARS
    assert batches[:fixed] == [cluster.BATCH_CHARS] * fixed
    tail = batches[fixed:]
    assert tail == sorted(tail, reverse=True)  # shrinking as the input runs out
    assert tail[0] <= cluster.BATCH_CHARS
    assert tail[-1] == ARTICLE  # down to one article at the end


def test_a_long_input_is_read_only_a_view_ahead_of_the_batches_cut() -> None:
    pulled = [0]
    view = cluster.LOOKAHEAD_BATCHES * THREADS * cluster.BATCH_CHARS
    batches = cluster._batches(articles(10_000, pulled), THREADS)
    cut = 0
    for _ in range(5):
        cut += len(next(batches))
        assert (pulled[0] - cut) * ARTICLE <= view
    assert pulled[0] < 100


def test_a_batch_holds_at_most_batch_articles_while_the_end_is_out_of_sight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "BATCH_ARTICLES", 2)
    first = next(cluster._batches(articles(200), THREADS))
    assert len(first) == 2
