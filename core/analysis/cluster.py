"""Analysis on a Dask distributed cluster: the engine ``--scheduler ADDRESS`` runs on.

Each worker loads the spaCy pipeline once, when it joins (:class:`ModelLoader`, a worker plugin),
and analyses batches of contiguous articles with the same function as a ``--jobs`` worker
(``_worker_batch``: the texts go out, the analyses come back without them), so a cluster's output
is the single process's output. :meth:`Cluster.analyze_many` keeps a bounded number of batches in
flight, pulled lazily from its input, and yields the analyses in input order; the batches shrink as
the input runs out, by the rule a ``--jobs`` pool cuts its chunks with (``_chunks``), so no worker
is left analysing a large last batch alone. A worker that dies is the scheduler's business: it hands
the dead worker's batches to another. A batch that has killed
``distributed.scheduler.allowed-failures`` workers raises ``KilledWorker``, an analysis error like
any other to ``analyze_each``: the articles in flight are retried in halves until the one that kills
its worker stands alone with that error.

This module imports Dask: it is loaded only for ``--scheduler`` (see ``cli.scheduler``), and Dask
is the ``newsread[dask]`` extra.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import dask
from distributed import Client, Future, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import NewsreadError
from ..model import Analysis
from . import ArticleInput, _chunks, _worker_batch, _worker_init

LOCAL = "local"
"""``--scheduler local:N`` starts a ``LocalCluster`` of N worker processes on this machine."""

CONNECT_TIMEOUT_S = 10.0
"""How long to try reaching a scheduler, and then to wait for its first worker, before saying so."""

BATCH_CHARS = 25_000
"""Text in one batch (about two seconds of one worker's analysis): small enough that the workers
finish together at the end of a run, large enough that a task's own cost (some milliseconds) is
small beside it."""

BATCH_ARTICLES = 64
"""The most articles in one batch, however short they are."""

LOOKAHEAD_BATCHES = 2
"""Batches of text read ahead of those cut, for each worker thread: when the input's end comes
into that view, the rest is cut by the guided rule (``_chunks``: about ``1 / (2N)`` of the text
left, for N worker threads), whose first batch is then no larger than a fixed one."""

BATCHES_PER_WORKER = 3
"""Batches in flight for each worker thread: one it analyses and two waiting, so it never idles while
the next is sent or while the batch before its own (which the output waits for) is still analysed
elsewhere; the rest of the input is not read until they are back."""


LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.multiprocessing-method": "fork",
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "2s",
}
"""Dask settings for ``local:N``'s scheduler, workers and client, each worth some per cent of the
CPU the analysis needs on the same cores:

- no sampling profiler walking the analysing thread's stack every 10 ms (there is no dashboard to
  show it);
- glibc's own malloc trimming instead of the fixed threshold Dask sets, which makes the analysis's
  many short-lived allocations go back to the system one by one;
- workers forked from this process, which has imported Dask and newsread and loaded the model,
  instead of started afresh (``spawn``, Dask's default) to import and load them again, each (as a
  ``--jobs`` pool forks its workers);
- the event loops' health tick, the system monitor and the memory monitor sampled every 0.5, 5
  and 2 s instead of every 20, 500 and 100 ms: there is no dashboard, and a batch takes a second.

Together they take the corpus's run from 29–30 s of CPU to 22–23 s (``--jobs 2``: 20.5 s)."""


class ModelLoader(WorkerPlugin):
    """Loads the spaCy pipeline once in each worker (every worker there is, and each that joins
    later, a restarted one too), single-threaded as a ``--jobs`` worker is. The load runs off the
    worker's event loop so the worker keeps answering the scheduler while it takes seconds."""

    name = "newsread-model"

    def __init__(self, model: str | None) -> None:
        self.model = model

    async def setup(self, worker: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(None, _worker_init, self.model)


@dataclass(slots=True)
class Cluster:
    """A Dask client connected to a cluster whose workers have the pipeline loaded."""

    client: Client
    address: str

    def worker_threads(self) -> int:
        """The threads the cluster's workers run tasks on, all workers together (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def analyze_many(
        self, items: Iterable[ArticleInput], *, model: str | None = None, batch_size: int = 16
    ) -> Iterator[Analysis]:
        """Analyse ``items`` on the cluster, yielding the analyses in input order.

        ``items`` is read a batch at a time, only as far as :data:`BATCHES_PER_WORKER` batches per
        worker thread ahead of the analysis yielded last, and :data:`LOOKAHEAD_BATCHES` more (see
        :func:`_batches`). An error raised by a batch's analysis is raised here when that batch's
        turn comes; the batches still in flight are then cancelled.
        """
        threads = self.worker_threads()
        slots = BATCHES_PER_WORKER * threads
        batches = _batches(items, threads)
        pending: deque[tuple[list[ArticleInput], Future]] = deque()
        try:
            while True:
                while len(pending) < slots:
                    batch = next(batches, None)
                    if batch is None:
                        break
                    pending.append((batch, self._submit(batch, model, batch_size)))
                if not pending:
                    return
                batch, future = pending.popleft()
                for it, analysis in zip(batch, future.result(), strict=True):
                    analysis.text = it.text
                    yield analysis
        finally:
            if pending:
                self.client.cancel([future for _, future in pending])

    def _submit(self, batch: list[ArticleInput], model: str | None, batch_size: int) -> Future:
        return self.client.submit(
            _worker_batch,
            [it.text for it in batch],
            [(it.title, it.published, it.path) for it in batch],
            model,
            batch_size,
            pure=False,  # the same texts sent again (a retry after an error) are analysed again
        )


def _batches(items: Iterable[ArticleInput], threads: int) -> Iterator[list[ArticleInput]]:
    """Contiguous batches of ``items``, pulled lazily, for ``threads`` worker threads.

    While the input's end is out of sight, each batch holds about :data:`BATCH_CHARS` of text (at
    most :data:`BATCH_ARTICLES` articles), cut from the front of :data:`LOOKAHEAD_BATCHES` batches
    per thread read ahead; once the end is read, the rest is cut as ``--jobs`` cuts its input
    (``_chunks``), into batches that shrink to an article or two, so the workers finish together.
    A stream that never ends (stdin, an archive) keeps to fixed batches and holds no more."""
    source = iter(items)
    ahead: deque[ArticleInput] = deque()
    ahead_chars = 0
    view = LOOKAHEAD_BATCHES * threads * BATCH_CHARS
    while True:
        while ahead_chars < view:
            it = next(source, None)
            if it is None:
                if ahead:
                    yield from _chunks(list(ahead), threads)
                return
            ahead.append(it)
            ahead_chars += len(it.text)
        batch: list[ArticleInput] = []
        size = 0
        while ahead and size < BATCH_CHARS and len(batch) < BATCH_ARTICLES:
            it = ahead.popleft()
            batch.append(it)
            size += len(it.text)
        ahead_chars -= size
        yield batch


def local_workers(address: str) -> int | None:
    """N for ``local:N`` (``NewsreadError`` unless N is a number of workers from 1 to 64), None
    for any other address."""
    name, sep, count = address.partition(":")
    if name != LOCAL:
        return None
    if not sep or not count.isdigit() or not 1 <= int(count) <= 64:
        raise NewsreadError(f"--scheduler {address}: write local:N with N worker processes from 1 to 64")
    return int(count)


@contextmanager
def connected(address: str, model: str | None) -> Iterator[Cluster]:
    """A :class:`Cluster` for ``--scheduler ADDRESS`` (``local:N``, or a scheduler's address such as
    ``tcp://10.0.0.5:8786``) whose workers have loaded ``model``; closed (a local one stopped) on
    exit. A scheduler that cannot be reached, one with no worker, or a model the workers cannot
    load is a ``NewsreadError`` of one line."""
    workers = local_workers(address)
    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its own lines are not newsread's
    local: LocalCluster | None = None
    try:
        if workers is not None:
            _load_before_forking(model)
            with dask.config.set(LOCAL_WORKER_CONFIG):
                local = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,  # a worker closing late logs a traceback
                )
                client = Client(local, timeout=CONNECT_TIMEOUT_S)
        else:
            client = _client(address)
    except NewsreadError:
        raise
    except Exception as exc:
        if local is not None:
            local.close()
        raise NewsreadError(f"could not start a local Dask cluster: {_one_line(exc)}") from None
    try:
        _ready(client, address, model)
        yield Cluster(client, address)
    finally:
        client.close()
        if local is not None:
            local.close()


def _load_before_forking(model: str | None) -> None:
    """Load the model here, before ``local:N`` forks its workers: they start with it loaded (the
    plugin's load is then a no-op) and share its memory, instead of each importing spaCy and
    loading it at once on cores that the analysis needs.

    Then every object there is (the model, the imported modules: what lasts as long as the
    process) is moved out of the garbage collector's sight for good (``gc.freeze``), as a
    ``--jobs`` pool does before it forks: the workers' collections never walk (and so copy) the
    memory they share with this process, and this process's exit does not walk it either."""
    import gc

    from ..nlp import ModelNotFound, load

    try:
        load(model)
    except ModelNotFound as exc:
        raise NewsreadError(str(exc)) from None
    gc.freeze()


def _client(address: str) -> Client:
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, ValueError, TypeError) as exc:  # refused, timed out, no such host, not an address
        raise NewsreadError(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None


def _ready(client: Client, address: str, model: str | None) -> None:
    """Wait for a worker, then have every worker load ``model`` (and each that joins later)."""
    from ..nlp import ModelNotFound

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise NewsreadError(
            f"the Dask scheduler at {address} has no worker (start one with: dask worker {address})"
        ) from None
    try:
        client.register_plugin(ModelLoader(model))
    except ModelNotFound as exc:
        raise NewsreadError(f"a Dask worker cannot load the model: {exc}") from None
    except Exception as exc:  # a worker without newsread, or one whose newsread differs
        raise NewsreadError(f"the Dask workers could not set up newsread: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    msg = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
