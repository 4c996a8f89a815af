"""Analysing a stream of articles in batches so that one article's analysis error costs only itself.

``nlp.pipe`` analyses a batch as a whole, so an exception raised by one article's text loses
every article of its batch. :func:`analyze_each` keeps track of the articles handed to the
analysis and not yet back; when the analysis raises, those are analysed again in halves until each
failing article stands alone with its own error, then the rest of the stream carries on. ``add``
and ``analyze`` both analyse through it, and :func:`_engine` is the one place that decides where:
this process, a pool of ``jobs`` processes, or a Dask cluster (``--scheduler``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

from ..errors import NewsreadError
from ..model import Analysis
from ..nlp import ModelNotFound
from . import ArticleInput, analyze_many

if TYPE_CHECKING:
    from .cluster import Cluster

T = TypeVar("T")
Engine = Callable[[Iterable[ArticleInput]], Iterator[Analysis]]
"""What analyses a stream of inputs, yielding their analyses in input order."""

FATAL = (NewsreadError, ModelNotFound, MemoryError)
"""Errors that end the run instead of costing one article: the input or library is unusable, no
model can be loaded, no memory is left (``KeyboardInterrupt`` is no ``Exception`` and ends it too)."""


@dataclass(slots=True)
class Analysed(Generic[T]):
    """One item of the stream with its analysis, or with the error that analysing it raised."""

    item: T
    analysis: Analysis | None
    error: Exception | None


class _Tracked(Generic[T]):
    """The analysis inputs made from ``items``: each item pulled waits in ``in_flight`` until its
    analysis is back, and ``broken`` says whether ``items`` itself raised (a loader or the library
    broke: not the analysis's fault, so nothing is retried)."""

    def __init__(self, items: Iterable[T], to_input: Callable[[T], ArticleInput]) -> None:
        self.items = iter(items)
        self.to_input = to_input
        self.in_flight: deque[T] = deque()
        self.broken = False

    def __iter__(self) -> Iterator[ArticleInput]:
        while True:
            try:
                item = next(self.items)
            except StopIteration:
                return
            except BaseException:
                self.broken = True
                raise
            self.in_flight.append(item)
            yield self.to_input(item)


def analyze_each(
    items: Iterable[T],
    to_input: Callable[[T], ArticleInput],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    cluster: Cluster | None = None,
) -> Iterator[Analysed[T]]:
    """Each of ``items`` (pulled lazily, each turned into what is analysed by ``to_input``) with
    its analysis or its own error, in input order, analysed where :func:`_engine` says.

    An error raised by the analysis of pulled articles is that of one or more of them: they are
    retried as in :func:`_retry`. It is raised instead when it is one of :data:`FATAL`, when
    ``items`` itself raised, or when no item had been pulled (the model, not an article, failed).
    """
    analyze = _engine(model=model, jobs=jobs, batch_size=batch_size, cluster=cluster)
    source = _Tracked(items, to_input)
    while True:
        try:
            for analysis in analyze(source):
                yield Analysed(item=source.in_flight.popleft(), analysis=analysis, error=None)
            return
        except FATAL:
            raise
        except Exception:
            if source.broken or not source.in_flight:
                raise
        in_flight = list(source.in_flight)
        source.in_flight.clear()
        yield from _retry(in_flight, to_input, analyze)


def parses_here(*, jobs: int, on_cluster: bool) -> bool:
    """Whether :func:`analyze_each` parses in this process (:func:`_engine`): no cluster, and no
    pool of ``jobs`` processes. Such a process must never have a second thread (a progress bar's):
    it would parse some 15 % slower for good (``cli.progress.ThreadlessBar``)."""
    return not on_cluster and jobs <= 1


def _engine(*, model: str | None, jobs: int, batch_size: int, cluster: Cluster | None) -> Engine:
    """Where the analysis runs: on ``cluster`` when there is one (each of its workers holds the
    model), else in this process or a pool of ``jobs`` processes (:func:`analyze_many`)."""
    if cluster is not None:
        return partial(cluster.analyze_many, model=model, batch_size=batch_size)
    return partial(analyze_many, model=model, jobs=jobs, batch_size=batch_size)


def _retry(items: list[T], to_input: Callable[[T], ArticleInput], analyze: Engine) -> Iterator[Analysed[T]]:
    """Analyse ``items`` again after their batch failed: a group that fails is split in two, so
    the good articles are analysed in few passes and each failing one gets its own error."""
    done = 0
    try:
        inputs = [to_input(item) for item in items]
        for analysis in analyze(inputs):
            yield Analysed(item=items[done], analysis=analysis, error=None)
            done += 1
        return
    except FATAL:
        raise
    except Exception as exc:
        rest = items[done:]
        if len(rest) == 1:
            yield Analysed(item=rest[0], analysis=None, error=exc)
            return
    mid = len(rest) // 2
    yield from _retry(rest[:mid], to_input, analyze)
    yield from _retry(rest[mid:], to_input, analyze)
