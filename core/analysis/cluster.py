"""Analysis on a Dask distributed cluster: the engine ``--scheduler ADDRESS`` runs on.

Each worker starts, when it joins, an analysis process for each of its threads
(:class:`AnalysisProcesses`, a worker plugin) that loads the spaCy pipeline once and analyses
batches of contiguous articles with the same function as a ``--jobs`` worker (``_worker_batch``: the
texts go out, the analyses come back without them), so a cluster's output is the single process's
output. :meth:`Cluster.analyze_many` hands the batches out as a ``--jobs`` pool does
(:mod:`.scheduling`): a bounded number in flight, pulled lazily from its input, shrinking as the
input runs out so no worker is left analysing a large last batch alone, the analyses yielded in
input order. A worker that dies is the scheduler's business: it hands the dead worker's batches
to another (a batch that has killed ``distributed.scheduler.allowed-failures`` workers raises
``KilledWorker``). An article that crashes the analysis ends only its analysis process: its batch
raises :class:`AnalysisProcessDied` and the worker starts another. Either is an analysis error like
any other to ``analyze_each``: the articles in flight are retried in halves until the one that fails
stands alone with that error.

This module imports Dask: it is loaded only for ``--scheduler`` (see ``cli.scheduler``), and Dask
is the ``newsread[dask]`` extra.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, NoReturn

import dask
from distributed import Client, Future, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import NewsreadError
from ..model import Analysis
from . import ArticleInput, scheduling, serve, worker_args

LOCAL = "local"
"""``--scheduler local:N`` starts a ``LocalCluster`` of N worker processes on this machine."""

CONNECT_TIMEOUT_S = 10.0
"""How long to try reaching a scheduler, and then to wait for its first worker, before saying so."""

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

- no sampling profiler walking the workers' threads every 10 ms (there is no dashboard to show it);
- no ``MALLOC_TRIM_THRESHOLD_`` in the workers' environment, which their analysis processes
  inherit: Dask's fixed threshold would override the malloc settings ``nlp.load`` makes for an
  analysing process and send its many short-lived allocations back to the system one by one;
- workers forked from this process, which has imported Dask and newsread, instead of started
  afresh (``spawn``, Dask's default) to import them again, each; this process's objects are frozen
  first (``gc.freeze``, as a ``--jobs`` pool does before it forks), so the workers' collections do
  not walk (and copy) what they share with it, nor does its exit walk them;
- the event loops' health tick, the system monitor and the memory monitor sampled every 0.5, 5
  and 2 s instead of every 20, 500 and 100 ms: there is no dashboard, and a batch takes a second."""


class AnalysisProcessDied(RuntimeError):
    """A worker's analysis process ended while it analysed a batch (an article crashed it, or it
    was killed): that batch's error; the next batch starts a new process."""


class AnalysisProcesses(WorkerPlugin):
    """Gives each worker (every worker there is, and each that joins later, a restarted one too)
    one analysis process per worker thread: a child process of its own that loads the spaCy
    pipeline once and analyses the batches the worker hands it (:func:`.serve.serve`).

    The batches are analysed there, not on the worker's own thread, because a Dask worker has
    several threads and an analysis process must have one: spaCy's parser takes and releases the
    GIL at each step of a parse, and glibc's locks cost more once a process has ever had a second
    thread (the parser and the entity recogniser then run about a quarter slower).
    The processes start off the worker's event loop, so the worker keeps answering the scheduler
    while they load the model; they end with the worker (their input closes when it does).

    Each run registers the plugin again, which replaces the last run's: the processes it leaves
    (:data:`_LEFT`) are taken over when they hold the same model, so a run on a long-lived cluster
    starts with the model loaded; those of another model are stopped."""

    name = "newsread-analysis"

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._idle: queue.SimpleQueue[_AnalysisProcess | None] | None = None

    async def setup(self, worker: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self._start, worker.state.nthreads)

    def _start(self, count: int) -> None:
        left = [p for p in _LEFT.pop(self.model, []) if p.popen.poll() is None]
        for process in [*left[count:], *(p for others in _LEFT.values() for p in others)]:
            process.stop()
        _LEFT.clear()
        kept = left[:count]
        started = [_AnalysisProcess.start(self.model) for _ in range(max(1, count) - len(kept))]
        try:
            for process in started:
                process.wait_ready()
        except BaseException:
            for process in [*kept, *started]:
                process.stop()  # again for the one that failed: it has ended
            raise
        self._idle = queue.SimpleQueue()
        for process in [*kept, *started]:
            self._idle.put(process)

    def teardown(self, worker: Any) -> None:
        """Leave the idle processes to the plugin that replaces this one (:data:`_LEFT`); when the
        worker closes instead, they end with it."""
        while self._idle is not None and not self._idle.empty():
            process = self._idle.get()
            if process is not None:
                _LEFT.setdefault(self.model, []).append(process)

    def analyse(self, texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
        """``_worker_batch`` of these arguments in an idle analysis process of this worker (a new
        one if the last died)."""
        if self._idle is None:
            raise RuntimeError("this worker has no newsread analysis process (the plugin was not set up)")
        process = self._idle.get()
        try:
            if process is None:
                fresh = _AnalysisProcess.start(self.model)
                fresh.wait_ready()
                process = fresh
            return process.call(texts, meta, model, batch_size)
        except AnalysisProcessDied:
            process = None
            raise
        finally:
            self._idle.put(process)


_LEFT: dict[str | None, list[_AnalysisProcess]] = {}
"""In a worker: the idle analysis processes of the plugin removed last, by model, for the one that
replaces it."""


@dataclass(slots=True)
class _AnalysisProcess:
    """One analysis process, seen from its worker: pickled calls go to its standard input and
    pickled ``(ok, result or exception)`` replies come back on its standard output."""

    popen: subprocess.Popen[bytes]

    @classmethod
    def start(cls, model: str | None) -> _AnalysisProcess:
        command = [sys.executable, "-c", serve.COMMAND, model or ""]
        env = _analysis_environment()
        return cls(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env))

    def wait_ready(self) -> None:
        """Wait for the model to be loaded; its load's error (``ModelNotFound``) is raised here,
        the process stopped."""
        try:
            self._reply()
        except BaseException:
            self.stop()
            raise

    def call(self, texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
        assert self.popen.stdin is not None
        try:
            pickle.dump((texts, meta, model, batch_size), self.popen.stdin, pickle.HIGHEST_PROTOCOL)
            self.popen.stdin.flush()
        except BrokenPipeError:
            self._died()
        return self._reply()

    def _reply(self) -> Any:
        assert self.popen.stdout is not None
        try:
            ok, value = pickle.load(self.popen.stdout)
        except (EOFError, pickle.UnpicklingError):  # it ended, maybe while it replied
            self._died()
        if not ok:
            raise value
        return value

    def _died(self) -> NoReturn:
        code = self.popen.wait()
        raise AnalysisProcessDied(f"the analysis process ended (exit status {code})")

    def stop(self) -> None:
        """Close its input (it ends after the batch it analyses, if any) and wait a little."""
        assert self.popen.stdin is not None
        with suppress(OSError):
            self.popen.stdin.close()
        try:
            self.popen.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


def _analysis_environment() -> dict[str, str]:
    """This worker's environment for its analysis processes: one BLAS thread (a BLAS pool of
    threads would make them multi-threaded again), and without the malloc setting a Dask nanny
    gives its worker (``distributed.nanny.pre-spawn-environ``), which would override the one
    ``nlp.load`` makes for an analysing process; a value the user set differs and is kept."""
    from ..nlp import BLAS_THREAD_VARS, MALLOC_ENVIRONMENT

    env = dict(os.environ, **dict.fromkeys(BLAS_THREAD_VARS, "1"))
    nanny_sets = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    for var in MALLOC_ENVIRONMENT:
        if nanny_sets.get(var) is not None and env.get(var) == str(nanny_sets[var]):
            del env[var]
    return env


STOP_TIMEOUT_S = 5.0
"""How long a closing worker waits for an analysis process to end before killing it."""


@dataclass(slots=True)
class Cluster:
    """A Dask client connected to a cluster whose workers have their analysis processes."""

    client: Client
    address: str

    def worker_threads(self) -> int:
        """The threads the cluster's workers run tasks on, all workers together (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def analyze_many(
        self, items: Iterable[ArticleInput], *, model: str | None = None, batch_size: int = 16
    ) -> Iterator[Analysis]:
        """Analyse ``items`` on the cluster, yielding the analyses in input order.

        The cluster's worker threads are the workers :func:`.scheduling.in_order` cuts batches for
        and keeps busy; an error raised by a batch's analysis is raised here when that batch's turn
        comes, the batches still in flight cancelled.
        """
        return scheduling.in_order(
            items,
            self.worker_threads(),
            most=batch_size,
            submit=lambda batch: self._submit(batch, model, batch_size),
            cancel=self._cancel,
        )

    def _cancel(self, futures: list[Future]) -> None:
        if self.client.status == "running":  # not when Ctrl-C closed it first
            self.client.cancel(futures)

    def _submit(self, batch: list[ArticleInput], model: str | None, batch_size: int) -> Future:
        return self.client.submit(
            _analyse_on_worker,
            *worker_args(batch),
            model,
            batch_size,
            pure=False,  # the same texts sent again (a retry after an error) are analysed again
        )


def _analyse_on_worker(texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
    """A batch's task: analysed by one of this worker's analysis processes (see
    :class:`AnalysisProcesses`)."""
    plugin = get_worker().plugins[AnalysisProcesses.name]
    assert isinstance(plugin, AnalysisProcesses)
    return plugin.analyse(texts, meta, model, batch_size)


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
            gc.freeze()  # see LOCAL_WORKER_CONFIG
            with dask.config.set(LOCAL_WORKER_CONFIG), _ctrl_c_left_to_this_process():
                local = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard_address": ":0"},  # its web server on a free port, no warning
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
        _ready(client, address, model, local=local is not None)
        yield Cluster(client, address)
    finally:
        client.close()
        if local is not None:
            local.close()


@contextmanager
def _ctrl_c_left_to_this_process() -> Iterator[None]:
    """Ignore Ctrl-C while ``local:N`` forks its workers, which keep that: Ctrl-C reaches every
    process of the terminal's group, and a worker would die of it with a traceback on stderr; this
    process handles it (it stops them)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _client(address: str) -> Client:
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, ValueError, TypeError) as exc:  # refused, timed out, no such host, not an address
        raise NewsreadError(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None


def _ready(client: Client, address: str, model: str | None, *, local: bool) -> None:
    """Wait for a worker, then have every worker load ``model`` (and each that joins later); a
    model that ``local:N``'s workers cannot load is said as this machine's ``--jobs`` says it."""
    from ..nlp import ModelNotFound

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise NewsreadError(
            f"the Dask scheduler at {address} has no worker (start one with: dask worker {address})"
        ) from None
    try:
        client.register_plugin(AnalysisProcesses(model))
    except ModelNotFound as exc:
        raise NewsreadError(str(exc) if local else f"a Dask worker cannot load the model: {exc}") from None
    except Exception as exc:  # a worker without newsread, or one whose newsread differs
        raise NewsreadError(f"the Dask workers could not set up newsread: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    msg = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
