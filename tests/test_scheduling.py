"""How ``--jobs N`` and ``--scheduler`` hand a run's articles out (``analysis.scheduling``): batches
whole and in order, read only a bounded way ahead, one pipeline batch each while the input's end is
out of sight and, once it is read, cut by the guided rule, shrinking to an article; the analyses
back in input order, a bounded number of batches in flight.

No process is started: the batches are what a pool or a cluster is sent, so they are tested as
functions, and ``in_order`` with futures this test completes in any order it likes.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future

import pytest
from newsread.core.analysis import ArticleInput, scheduling
from newsread.core.analysis.scheduling import BATCH_CHARS, LOOKAHEAD_BATCHES, MIN_BATCH_CHARS, batches, guided
from newsread.core.model import Analysis

WORKERS = 2
MOST = 16
ARTICLE = 5_000
"""Characters in each generated article: a fixed batch holds BATCH_CHARS / ARTICLE of them."""


def articles(count: int, pulled: list[int] | None = None, *, length: int = ARTICLE) -> Iterator[ArticleInput]:
    """``count`` articles of ``length`` characters, each its own text; ``pulled`` counts those read."""
    for n in range(count):
        if pulled is not None:
            pulled[0] += 1
        yield ArticleInput(f"{n:06d} " + "x" * (length - 7), path=f"a{n}.txt")


def sizes(cut: list[list[ArticleInput]]) -> list[int]:
    return [sum(len(it.text) for it in batch) for batch in cut]


def paths(cut: list[list[ArticleInput]]) -> list[list[str | None]]:
    return [[it.path for it in batch] for batch in cut]


# -- the guided rule ---------------------------------------------------------------------------------


def test_guided_keeps_every_article_once_in_input_order() -> None:
    items = [ArticleInput("x" * (3_000 + 97 * i), path=str(i)) for i in range(120)]
    cut = guided(items, WORKERS, most=MOST)
    assert all(cut)
    assert [it.path for batch in cut for it in batch] == [it.path for it in items]


def test_guided_batches_shrink_so_the_workers_finish_together() -> None:
    cut = guided(list(articles(200, length=1_000)), WORKERS, most=1_000)  # 200,000 characters
    got = sizes(cut)
    assert got[0] >= 200_000 // (2 * WORKERS)  # a quarter of what is left: few hand-offs early on
    assert got == sorted(got, reverse=True)
    assert got[-1] <= 2 * MIN_BATCH_CHARS  # the last ones hold an article or two
    assert len(cut) < 40


def test_guided_batches_are_no_larger_than_a_fixed_one() -> None:
    got = sizes(guided(list(articles(400)), WORKERS, most=1_000))  # 2,000,000 characters
    assert got[0] == BATCH_CHARS
    assert max(got) == BATCH_CHARS


def test_more_workers_get_smaller_first_batches() -> None:
    items = list(articles(100, length=1_000))
    assert sizes(guided(items, 4, most=MOST))[0] < sizes(guided(items, 2, most=MOST))[0]


def test_short_summaries_are_capped_in_number() -> None:
    cut = guided(list(articles(10_000, length=40)), WORKERS, most=MOST)
    assert max(len(batch) for batch in cut) == MOST
    assert sum(len(batch) for batch in cut) == 10_000


def test_a_long_article_closes_its_batch() -> None:
    items = [ArticleInput("x" * n, path=str(i)) for i, n in enumerate([200, 900_000, 200])]
    assert paths(guided(items, WORKERS, most=MOST)) == [["0", "1"], ["2"]]


# -- batches of a stream -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 3, 40, 200, 500])
def test_batches_hold_the_input_whole_and_in_order(count: int) -> None:
    cut = list(batches(articles(count), WORKERS, most=MOST))
    assert all(cut)
    assert [it.path for batch in cut for it in batch] == [f"a{n}.txt" for n in range(count)]


def test_an_input_that_fits_the_view_is_cut_by_the_guided_rule() -> None:
    count = LOOKAHEAD_BATCHES * WORKERS * BATCH_CHARS // ARTICLE - 1
    got = paths(list(batches(articles(count), WORKERS, most=MOST)))
    assert got == paths(guided(list(articles(count)), WORKERS, most=MOST))


def test_batches_are_one_pipeline_batch_until_the_end_is_read_then_shrink() -> None:
    view = LOOKAHEAD_BATCHES * WORKERS * BATCH_CHARS
    count = 3 * view // ARTICLE
    got = sizes(list(batches(articles(count), WORKERS, most=1_000)))
    fixed = (count * ARTICLE - view) // BATCH_CHARS
    assert got[:fixed] == [BATCH_CHARS] * fixed
    tail = got[fixed:]
    assert tail == sorted(tail, reverse=True)  # shrinking as the input runs out
    assert tail[0] <= BATCH_CHARS
    assert tail[-1] == ARTICLE  # down to one article at the end


def test_a_batch_holds_at_most_most_articles_while_the_end_is_out_of_sight() -> None:
    first = next(batches(articles(2_000), WORKERS, most=MOST))
    assert len(first) == MOST
    assert sum(len(it.text) for it in first) < BATCH_CHARS


def test_a_long_input_is_read_only_a_view_ahead_of_the_batches_cut() -> None:
    pulled = [0]
    view = LOOKAHEAD_BATCHES * WORKERS * BATCH_CHARS
    cut = batches(articles(100_000, pulled), WORKERS, most=MOST)
    handed = 0
    for _ in range(5):
        handed += len(next(cut))
        assert (pulled[0] - handed) * ARTICLE <= view
    assert pulled[0] < 200


# -- analyses back in input order ----------------------------------------------------------------------


class Batches:
    """What ``in_order`` submitted: each batch analysed at once (its analyses without their texts,
    as a worker returns them), or failed when it is batch ``fail``."""

    def __init__(self, fail: int | None = None) -> None:
        self.fail = fail
        self.sent: list[tuple[list[ArticleInput], Future[list[Analysis]]]] = []
        self.cancelled: list[Future[list[Analysis]]] = []

    def submit(self, batch: list[ArticleInput]) -> Future[list[Analysis]]:
        future: Future[list[Analysis]] = Future()
        if len(self.sent) == self.fail:
            future.set_exception(ValueError("broken article"))
        else:
            future.set_result([Analysis(text="", path=it.path) for it in batch])
        self.sent.append((batch, future))
        return future

    def cancel(self, futures: list[Future[list[Analysis]]]) -> None:
        self.cancelled.extend(futures)

    def pending(self, after: int) -> list[Future[list[Analysis]]]:
        return [future for _, future in self.sent[after:]]


def test_analyses_come_back_in_input_order_with_their_texts() -> None:
    pool = Batches()
    items = list(articles(60, length=20_000))
    got = list(scheduling.in_order(items, WORKERS, most=MOST, submit=pool.submit, cancel=pool.cancel))
    assert [a.path for a in got] == [it.path for it in items]
    assert [a.text for a in got] == [it.text for it in items]
    assert len(pool.sent) > 2 * WORKERS
    assert not pool.cancelled


def test_only_a_few_batches_per_worker_are_in_flight() -> None:
    pool = Batches()
    out = scheduling.in_order(articles(10_000), WORKERS, most=MOST, submit=pool.submit, cancel=pool.cancel)
    next(out)
    assert len(pool.sent) == scheduling.BATCHES_PER_WORKER * WORKERS
    for _ in range(MOST):
        next(out)
    assert len(pool.sent) == scheduling.BATCHES_PER_WORKER * WORKERS + 1  # one back, one more sent
    out.close()


def test_a_batch_that_failed_raises_in_its_turn_and_the_rest_are_cancelled() -> None:
    pool = Batches(fail=1)
    out = scheduling.in_order(articles(500), WORKERS, most=MOST, submit=pool.submit, cancel=pool.cancel)
    first_batch = [next(out) for _ in range(MOST)]
    assert [a.path for a in first_batch] == [f"a{n}.txt" for n in range(MOST)]
    with pytest.raises(ValueError, match="broken article"):
        next(out)
    assert pool.cancelled == pool.pending(after=2)


def test_a_caller_that_stops_early_cancels_the_batches_in_flight() -> None:
    pool = Batches()
    out = scheduling.in_order(articles(500), WORKERS, most=MOST, submit=pool.submit, cancel=pool.cancel)
    next(out)
    out.close()
    assert pool.cancelled == pool.pending(after=1)
