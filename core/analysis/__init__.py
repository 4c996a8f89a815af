"""The analysis engine: who said what, which entities, which figures, in one article's text.

``analyze`` and ``analyze_many`` run the spaCy pipeline (loaded once per process by
:func:`newsread.core.nlp.load`) and hand each parsed ``Doc`` to :func:`analyse_doc`, the pure
post-processing step built from one module per extractor:

- :mod:`.quotemarks` — quoted spans from any quote-mark convention (no NLP);
- :mod:`.entities` — NER made consistent across the document, canonical names;
- :mod:`.quotes` — cue verbs, speakers, pronouns, continuation paragraphs, roles and organisations;
- :mod:`.figures` and :mod:`.dates` — numbers with what they count, dates against ``published``.

The result is a deterministic function of (text, title, published, path, model).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticleInput", "analyse_doc", "analyze", "analyze_many"]


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
    )


def analyze(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    path: str | None = None,
    model: str | None = None,
) -> Analysis:
    """Analyse one article's text with the pipeline ``core.nlp.load(model)``."""
    from .. import nlp as nlp_mod

    nlp = nlp_mod.load(model)
    return analyse_doc(nlp(text), ArticleInput(text, title, published, path), model=nlp_mod.describe(nlp))


def _analyse_batch(items: list[ArticleInput], model: str | None, batch_size: int) -> list[Analysis]:
    from .. import nlp as nlp_mod

    nlp = nlp_mod.load(model)
    label = nlp_mod.describe(nlp)
    docs = nlp.pipe((it.text for it in items), batch_size=batch_size)
    return [analyse_doc(doc, it, model=label) for doc, it in zip(docs, items, strict=True)]


def _worker_batch(texts: list[str], meta: list[tuple], model: str | None, batch_size: int) -> list[Analysis]:
    """One chunk in a worker: the texts go in once and come back out without them (the parent has them)."""
    out = _analyse_batch([ArticleInput(t, *m) for t, m in zip(texts, meta, strict=True)], model, batch_size)
    for a in out:
        a.text = ""
    return out


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _single_threaded() -> None:
    """Keep one worker on one core: two processes each running a 2-thread BLAS would oversubscribe 2 cores."""
    import os

    for var in _THREAD_VARS:
        os.environ[var] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # the variables above only reach libraries loaded after this point


def _worker_init(model: str | None) -> None:
    from .. import nlp as nlp_mod

    _single_threaded()
    nlp_mod.load(model)  # once per worker process (a no-op when forked from a parent that loaded it)


def analyze_many(
    items: Iterable[ArticleInput],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
) -> Iterator[Analysis]:
    """Analyse many articles, yielding results in input order.

    One process streams the texts through ``nlp.pipe`` in batches; ``jobs > 1`` splits the input
    into large chunks for a pool of worker processes that each load the model once.
    """
    batch_size = max(1, batch_size)
    if jobs <= 1:
        from .. import nlp as nlp_mod

        nlp = nlp_mod.load(model)
        label = nlp_mod.describe(nlp)
        pairs = ((it.text, it) for it in items)
        for doc, it in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield analyse_doc(doc, it, model=label)
        return
    yield from _analyze_parallel(list(items), model, jobs, batch_size)


def _chunks(items: list[ArticleInput], jobs: int) -> list[list[ArticleInput]]:
    """Contiguous chunks of about equal text length, several per worker so the last ones balance."""
    total = sum(len(it.text) for it in items) or 1
    target = max(1, math.ceil(total / (jobs * 6)))
    chunks: list[list[ArticleInput]] = [[]]
    size = 0
    for it in items:
        if chunks[-1] and (size >= target or len(chunks[-1]) >= 256):
            chunks.append([])
            size = 0
        chunks[-1].append(it)
        size += len(it.text)
    return chunks


def _analyze_parallel(items: list[ArticleInput], model: str | None, jobs: int, batch_size: int):
    import gc
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    if not items:
        return
    jobs = min(jobs, len(items))
    if jobs <= 1:
        yield from _analyse_batch(items, model, batch_size)
        return
    chunks = _chunks(items, jobs)
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    gc.freeze()  # forked workers then do not touch (and copy) the parent's objects when they collect
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(model,)) as pool:
            futures = [
                pool.submit(
                    _worker_batch,
                    [it.text for it in chunk],
                    [(it.title, it.published, it.path) for it in chunk],
                    model,
                    batch_size,
                )
                for chunk in chunks
            ]
            for chunk, fut in zip(chunks, futures, strict=True):
                for it, a in zip(chunk, fut.result(), strict=True):
                    a.text = it.text
                    yield a
    finally:
        gc.unfreeze()
