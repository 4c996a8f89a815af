"""The analysis engine: who said what, which entities, which figures, in one article's text.

``analyze`` and ``analyze_many`` run the spaCy pipeline (loaded once per process by
:func:`newsread.core.nlp.load`) and hand each parsed ``Doc`` to :func:`analyse_doc`, the pure
post-processing step built from one module per extractor:

- :mod:`.quotemarks` — quoted spans from any quote-mark convention (no NLP);
- :mod:`.entities` — NER made consistent across the document, canonical names;
- :mod:`.quotes` — cue verbs, speakers, pronouns, continuation paragraphs, roles and organisations;
- :mod:`.figures` and :mod:`.dates` — numbers with what they count, dates against ``published``.

What the pipeline parses is the article's text after :mod:`.guard`: hostile runs of punctuation
blanked (same length, so every offset is an offset into the original) and a long text parsed in
pieces joined into one ``Doc``. The analysis keeps the original text, and each item's ``text`` is
sliced from it.

The result is a deterministic function of (text, title, published, path, model).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from ..model import Analysis, Entity, Figure, Quote
from . import guard

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["ArticleInput", "analyse_doc", "analyze", "analyze_many", "forked_workers"]


@dataclass(slots=True)
class ArticleInput:
    text: str
    title: str | None = None
    published: str | None = None
    path: str | None = None


def analyse_doc(doc: Doc, item: ArticleInput, *, model: str | None = None) -> Analysis:
    """Turn an already-parsed ``Doc`` of ``item.text`` into an :class:`Analysis` (no re-parsing)."""
    from . import entities, figures, quotemarks, quotes

    text = item.text
    if doc.text != text:
        raise ValueError("the Doc was not parsed from this article's text")
    paras = quotemarks.paragraphs(text)
    spans = quotemarks.find_quotes(text, paras)
    ents = entities.build(doc, [(q.start, q.end) for q in spans])
    found_quotes, speakers = quotes.attribute(doc, text, paras, spans, ents)
    found_figures = figures.find_figures(doc, text, ents, item.published)
    return Analysis(
        text=text,
        title=item.title,
        published=item.published,
        path=item.path,
        entities=ents.to_entities(),
        speakers=speakers,
        quotes=found_quotes,
        figures=found_figures,
        model=model,
        sentences=sentence_offsets(doc),
    )


_LINE = re.compile(r"[^\n]+")


def sentence_offsets(doc: Doc) -> list[list[int]]:
    """The parser's sentences of ``doc`` as ``[start, end]`` character offsets, cut at line breaks
    and trimmed of whitespace: what a reader moves its sentence cursor over, so a note's sentence is
    the analyser's. An empty list when the pipeline sets no sentence boundaries."""
    if not doc.has_annotation("SENT_START"):
        return []
    text = doc.text
    out: list[list[int]] = []
    for sent in doc.sents:
        for line in _LINE.finditer(text, sent.start_char, sent.end_char):
            start, end = line.span()
            piece = line.group()
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
            if end > start:
                out.append([start, end])
    return out


def analyze(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    path: str | None = None,
    model: str | None = None,
) -> Analysis:
    """Analyse one article's text with the pipeline ``core.nlp.load(model)``."""
    return _analyse_batch([ArticleInput(text, title, published, path)], model, 1)[0]


def _parsed(
    nlp: Language, items: Iterable[ArticleInput], batch_size: int, *, first_batch: int | None = None
) -> Iterator[tuple[Doc, ArticleInput, ArticleInput]]:
    """Each item, in input order, as (``Doc`` of its guarded text, the item with that text, the item).

    A text is parsed in the pieces of :func:`guard.tokenized` joined into one ``Doc`` (one piece for
    every article of normal length); the pipeline sees batches of at most ``batch_size`` pieces and
    :data:`guard.BATCH_TOKENS` tokens, so its memory is bounded whatever the length of one article
    (and its ``tok2vec`` sees at most :data:`~newsread.core.nlp.EMBEDDING_BATCH` of them at once).
    The first batch holds at most ``first_batch`` pieces when it is given.
    """
    import numpy
    from spacy.tokens import Doc

    from .. import nlp as nlp_mod

    no_tensor = numpy.zeros((0, 0), dtype="float32")
    per_component = nlp_mod.component_batches(nlp)

    def parts() -> Iterator[tuple[Doc, tuple[ArticleInput, ArticleInput, bool]]]:
        for it in items:
            text = guard.guard(it.text)
            guarded = _guarded(it, text)
            docs = guard.tokenized(nlp.make_doc, text)
            doc = next(docs)
            for after in docs:  # one piece ahead, to know the last
                yield doc, (guarded, it, False)
                doc = after
            yield doc, (guarded, it, True)

    done: list[Doc] = []
    for batch in guard.batches(parts(), batch_size, guard.BATCH_TOKENS, lambda part: len(part[0]), first=first_batch):
        for doc, (guarded, it, last) in nlp.pipe(
            batch, as_tuples=True, batch_size=len(batch), component_cfg=per_component
        ):
            if last and not done:
                yield doc, guarded, it
                continue
            doc.tensor = no_tensor  # the analysis never reads it: 384 bytes a token less to keep
            done.append(doc)
            if last:
                # spaCy's doc.pyi lacks from_docs' keyword-only ``exclude``, which doc.pyx has (3.8).
                joined = Doc.from_docs(done, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
                yield joined, guarded, it
                done = []


def _guarded(it: ArticleInput, text: str) -> ArticleInput:
    """``it`` with ``text`` (its guarded text) in place of its own, when they differ."""
    return it if text is it.text else ArticleInput(text, it.title, it.published, it.path)


def _restored(analysis: Analysis, text: str) -> Analysis:
    """``analysis`` (of a guarded copy of ``text``, same length) with ``text`` back in it: the text
    and each entity's, quote's and figure's own text, sliced at the same offsets."""
    if analysis.text is text:
        return analysis
    analysis.text = text
    items: list[Entity | Quote | Figure] = [*analysis.entities, *analysis.quotes, *analysis.figures]
    for item in items:
        item.text = text[item.start : item.end]
    return analysis


def _analyse_batch(items: list[ArticleInput], model: str | None, batch_size: int) -> list[Analysis]:
    from .. import nlp as nlp_mod

    nlp = nlp_mod.load(model)
    label = nlp_mod.describe(nlp)
    return [
        _restored(analyse_doc(doc, guarded, model=label), it.text)
        for doc, guarded, it in _parsed(nlp, items, batch_size)
    ]


def worker_args(batch: list[ArticleInput]) -> tuple[list[str], list[tuple]]:
    """``batch`` as :func:`_worker_batch` takes it, for a ``--jobs`` or a cluster's worker: the texts,
    and each article's (title, published, path)."""
    return [it.text for it in batch], [(it.title, it.published, it.path) for it in batch]


def _worker_batch(texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
    """One chunk in a worker: the texts go in once and come back out without them (the parent has them)."""
    out = _analyse_batch([ArticleInput(t, *m) for t, m in zip(texts, meta, strict=True)], model, batch_size)
    for a in out:
        a.text = ""
    return out


def _single_threaded() -> None:
    """Keep one worker on one core: two processes each running a 2-thread BLAS would oversubscribe 2 cores."""
    from .. import nlp as nlp_mod

    for var in nlp_mod.BLAS_THREAD_VARS:
        os.environ[var] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # the variables above only reach libraries loaded after this point


def _worker_init(model: str | None) -> None:
    from .. import nlp as nlp_mod

    _single_threaded()
    nlp_mod.load(model)  # once per worker process (a no-op when forked from a parent that loaded it)


_load_error: Exception | None = None
"""In a ``--jobs`` worker: why its model could not be loaded (raised by each of its batches)."""


def _pool_worker_init(parent: int, model: str | None) -> None:
    """A ``--jobs`` worker's start, forked from process ``parent``: tied to its life
    (:func:`_die_with`), Ctrl-C left to the parent (which kills its workers: :meth:`_Workers.stop`),
    the model loaded (and, with it, frozen out of the collector: ``nlp.load``). A model that cannot
    be loaded is kept and raised by each of the worker's batches (:func:`_pool_batch`): an error in
    the pool's initializer would print a traceback from each worker and break the pool, where a
    batch's error reaches the caller as itself (``ModelNotFound``, one line)."""
    global _load_error
    from ..nlp import ModelNotFound

    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the terminal's group: the parent stops us
    try:
        _worker_init(model)
    except ModelNotFound as exc:
        _load_error = exc


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """In a worker of process ``parent``: be killed when it dies (Linux), so a killed ``analyze``
    or ``add`` (kill -9 included) leaves no worker behind; at once if it is already gone."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _pool_batch(texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
    """:func:`_worker_batch` in a ``--jobs`` worker, or the error its model raised when loading."""
    if _load_error is not None:
        raise _load_error
    return _worker_batch(texts, meta, model, batch_size)


def analyze_many(
    items: Iterable[ArticleInput],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
) -> Iterator[Analysis]:
    """Analyse many articles, yielding results in input order.

    One process streams the texts through ``nlp.pipe`` in batches; ``jobs > 1`` hands them, a batch
    at a time and read lazily (:mod:`.scheduling`), to a pool of worker processes that each load
    the model once.
    """
    batch_size = max(1, batch_size)
    if jobs <= 1:
        from .. import nlp as nlp_mod

        nlp = nlp_mod.load(model)
        label = nlp_mod.describe(nlp)
        for doc, guarded, it in _parsed(nlp, items, batch_size, first_batch=FIRST_BATCH):
            yield _restored(analyse_doc(doc, guarded, model=label), it.text)
        return
    yield from _analyze_parallel(items, model, jobs, batch_size)


FIRST_BATCH = 2
"""The most articles in the first batch of a run in this process: its first analyses come back
after about 0.3 s of parsing instead of a whole batch's 2–3 s, so a progress bar drawn by this
process (which has no thread to tick its clock) moves soon after the model is loaded. The analysis
of an article does not depend on its batch."""


@dataclass(slots=True)
class _Workers:
    """A pool of ``jobs`` worker processes for ``model`` and those processes."""

    jobs: int
    model: str | None
    pool: ProcessPoolExecutor
    processes: list[BaseProcess]
    broken: bool = False

    def stop(self, *, now: bool) -> None:
        """Stop the workers once their chunks are done, or ``now``: killed, what they analyse
        dropped (a run ended by an error or Ctrl-C does not wait for chunks of seconds of work)."""
        if now:
            for process in self.processes:
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def renew(self) -> None:
        """A pool forked now in place of this broken one (a worker died)."""
        self.stop(now=True)
        fresh = _start_pool(self.jobs, self.model)
        self.pool, self.processes, self.broken = fresh.pool, fresh.processes, False


_forked: _Workers | None = None


@contextmanager
def forked_workers(jobs: int, model: str | None) -> Iterator[None]:
    """Fork the worker processes of ``analyze_many(jobs=jobs, model=model)`` now, and use them for
    every such call in the block (stopped at its end, killed when an exception ends it); nothing
    with ``jobs`` ≤ 1.

    A command calls it before it starts any thread (its progress bar's): a process forked from one
    that has ever had a second thread parses some 15 % slower for good (spaCy's parser takes and
    releases the GIL at each step, and glibc's mutexes keep their single-thread fast path only in a
    process that never had a second thread), and ``analyze_many`` is only reached once the bar runs.
    Forked from this process, the workers share the model when it is loaded here (``add``), and
    each loads its own, at the same time, when it is not (``analyze``)."""
    global _forked
    if jobs <= 1:
        yield
        return
    _forked = workers = _start_pool(jobs, model)
    try:
        with _stopped(workers), _sigterm_unwinds():
            yield
    finally:
        _forked = None


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM ends the block as an exception (``SystemExit(128 + SIGTERM)``) instead of killing this
    process where it stands: the caller's block unwinds (``add`` keeps each article it stored) and
    the workers are killed on the way (:func:`_stopped`). Only in the main thread, where signals are
    handled."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _stopped(workers: _Workers) -> Iterator[_Workers]:
    """``workers``, stopped when the block ends (killed when an exception ends it)."""
    try:
        yield workers
    except BaseException:
        workers.stop(now=True)
        raise
    else:
        workers.stop(now=False)


def _start_pool(jobs: int, model: str | None) -> _Workers:
    """A pool of ``jobs`` workers forked now (spawned where there is no fork), this process's objects
    frozen first (``gc.freeze``: the workers' collections then do not touch, and copy, them). They
    stay frozen, as ``nlp.load`` leaves the model: a command's process ends with its pool, and
    frozen objects are still freed when their last reference goes."""
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    gc.freeze()
    before = set(mp.active_children())
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_pool_worker_init, initargs=(os.getpid(), model)
    )
    pool.submit(int)  # a pool that forks starts all its workers at its first task, this one
    processes = [p for p in mp.active_children() if p not in before]
    return _Workers(jobs=jobs, model=model, pool=pool, processes=processes)


@contextmanager
def _pool_for(jobs: int, model: str | None) -> Iterator[ProcessPoolExecutor]:
    """The workers :func:`forked_workers` forked, when they are for this model (forked anew once
    a worker has died, for the retries of its articles and the rest of the run: a pool for each retry
    would load the model in each of its workers); else a pool of ``jobs`` forked now, for this call only."""
    forked = _forked
    if forked is not None and forked.model == model:
        if forked.broken:
            forked.renew()
        try:
            yield forked.pool
        except BrokenProcessPool:
            forked.broken = True
            raise
        return
    with _stopped(_start_pool(jobs, model)) as workers:
        yield workers.pool


def _analyze_parallel(
    items: Iterable[ArticleInput], model: str | None, jobs: int, batch_size: int
) -> Iterator[Analysis]:
    """``items`` analysed by a pool of ``jobs`` processes (:func:`_pool_for`), in batches cut and
    brought back in input order by :func:`.scheduling.in_order`; a lone article without a pool forked
    for the run is analysed here (forking one would cost more than it saves)."""
    from . import scheduling

    source = iter(items)
    head = list(islice(source, 2))
    if not head:
        return
    if _forked is None and len(head) == 1:
        yield from _analyse_batch(head, model, batch_size)
        return
    with _pool_for(jobs, model) as pool:

        def submit(batch: list[ArticleInput]) -> Future[list[Analysis]]:
            return pool.submit(_pool_batch, *worker_args(batch), model, batch_size)

        yield from scheduling.in_order(chain(head, source), jobs, most=batch_size, submit=submit, cancel=_cancel)


def _cancel(futures: list[Future[list[Analysis]]]) -> None:
    """Drop the batches of a run stopped early (an error, the caller gone) that no worker has begun."""
    for future in futures:
        future.cancel()
