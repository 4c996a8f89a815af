"""How a run's articles are handed to the processes that analyse them, and their analyses brought
back in input order: the one rule a ``--jobs`` pool and a ``--scheduler`` cluster share.

The input is read lazily, a bounded way ahead: while its end is out of sight it is cut into batches
of one pipeline batch each (:data:`BATCH_CHARS`, at most ``most`` articles), so a worker parses them
as efficiently as one process parses its stream; once the end is read, the rest is cut by the
guided rule (:func:`guided`), into batches that shrink to an article or two, so the workers finish
together. A few batches per worker are in flight at a time (:data:`BATCHES_PER_WORKER`): the
analyses stream back batch by batch, and an endless input (stdin, an archive) holds no more memory
than a short one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from ..model import Analysis
from . import ArticleInput

BATCH_CHARS = 120_000
"""Most text in one batch while the input's end is out of sight: about one batch of the pipeline
(``guard.BATCH_TOKENS`` tokens), some three seconds of one process's analysis. The parser and the
entity recogniser decode a batch's documents step by step together, so a worker handed smaller
batches spends more on each article; a task's own cost (milliseconds) is small beside it."""

MIN_BATCH_CHARS = 4_000
"""The smallest batch the guided rule cuts, in characters: about 0.1 s of analysis, far above a
batch's cost of pickling and queueing."""

LOOKAHEAD_BATCHES = 2
"""Batches of text read ahead of those cut, for each worker: when the input's end comes into that
view, the rest is cut by the guided rule, whose first batch is then no larger than a fixed one."""

BATCHES_PER_WORKER = 3
"""Batches in flight for each worker: one it analyses and two waiting, so it never idles while the
next is sent or while the batch before its own (which the output waits for) is still analysed
elsewhere; the rest of the input is not read until they are back."""


class Pending(Protocol):
    """A batch's analyses on their way: a ``concurrent.futures`` or a Dask future."""

    def result(self) -> list[Analysis]: ...


P = TypeVar("P", bound=Pending)


def guided(items: list[ArticleInput], workers: int, *, most: int) -> list[list[ArticleInput]]:
    """Contiguous batches of ``items`` that shrink as the input runs out (guided scheduling).

    Each holds about ``1 / (2 * workers)`` of the text not yet cut, no more than
    :data:`BATCH_CHARS` and ``most`` articles, and no less than :data:`MIN_BATCH_CHARS`: the last
    ones hold an article or two, so no worker finishes long before the others and waits.
    """
    remaining = sum(len(it.text) for it in items)
    cut: list[list[ArticleInput]] = []
    size = target = 0
    for it in items:
        if not cut or size >= target or len(cut[-1]) >= most:
            cut.append([])
            size = 0
            target = min(BATCH_CHARS, max(MIN_BATCH_CHARS, remaining // (2 * workers)))
        cut[-1].append(it)
        size += len(it.text)
        remaining -= len(it.text)
    return cut


def batches(items: Iterable[ArticleInput], workers: int, *, most: int) -> Iterator[list[ArticleInput]]:
    """Contiguous batches of ``items``, pulled lazily, for ``workers`` analysing processes.

    While the input's end is out of sight, each batch holds about :data:`BATCH_CHARS` of text (at
    most ``most`` articles), cut from the front of :data:`LOOKAHEAD_BATCHES` batches per worker
    read ahead; once the end is read, the rest is cut by :func:`guided`.
    """
    source = iter(items)
    ahead: deque[ArticleInput] = deque()
    ahead_chars = 0
    view = LOOKAHEAD_BATCHES * workers * BATCH_CHARS
    while True:
        while ahead_chars < view:
            it = next(source, None)
            if it is None:
                if ahead:
                    yield from guided(list(ahead), workers, most=most)
                return
            ahead.append(it)
            ahead_chars += len(it.text)
        batch: list[ArticleInput] = []
        size = 0
        while ahead and size < BATCH_CHARS and len(batch) < most:
            it = ahead.popleft()
            batch.append(it)
            size += len(it.text)
        ahead_chars -= size
        yield batch


def in_order(
    items: Iterable[ArticleInput],
    workers: int,
    *,
    most: int,
    submit: Callable[[list[ArticleInput]], P],
    cancel: Callable[[list[P]], None],
) -> Iterator[Analysis]:
    """The analyses of ``items``, in input order, each batch of :func:`batches` analysed by what
    ``submit`` starts (its analyses come back without their texts, which this puts back).

    ``items`` is read only as far as :data:`BATCHES_PER_WORKER` batches per worker ahead of the
    analysis yielded last (and the view of :func:`batches`). An error raised by a batch's analysis
    is raised here when that batch's turn comes; the batches still in flight are then given to
    ``cancel``, as they are when the caller stops early.
    """
    cut = batches(items, workers, most=most)
    pending: deque[tuple[list[ArticleInput], P]] = deque()
    try:
        while True:
            while len(pending) < BATCHES_PER_WORKER * workers:
                batch = next(cut, None)
                if batch is None:
                    break
                pending.append((batch, submit(batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            for it, analysis in zip(batch, future.result(), strict=True):
                analysis.text = it.text
                yield analysis
    finally:
        if pending:
            cancel([future for _, future in pending])
