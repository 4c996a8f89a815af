"""Sources → analysis → library, one article per transaction, with progress events.

``ingest`` expands what the user named (folders into files, feeds into entries), emits
``{"event": "start", "total": N}``, then loads each item, skips texts already in the library
before spending time on analysis, analyses the rest in batches through ``analyze_each``
(``nlp.pipe``; an analysis error costs only its own article), stores each analysis in its own
transaction and emits one ``item`` event per source, and finally ``done`` with the counts. A source
that fails is reported and never stops the others. The same events drive the rich progress bar,
the plain lines and ``--progress jsonl``.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import InputError
from .model import FIGURE_KINDS, Analysis
from .sources import NOT_FETCHED, Article, Failed, Pending, expand, load, page_to_fetch
from .sources.web import WORKERS, Fetcher
from .store.errors import LibraryDamaged, LibraryError, LibraryWriteError, library_error
from .store.library import Library
from .textio import MAX_BYTES

if TYPE_CHECKING:
    from .analysis import ArticleInput
    from .analysis.cluster import Cluster

Event = dict[str, Any]
EventSink = Callable[[Event], None]


FAILURES_KEPT = 100
"""Failed sources a ``Summary`` keeps with their reasons, the first ones: each failure is reported as
it happens (an ``item`` event), so the summary needs their count, and an archive of millions of
lines that fail holds no more than these."""


@dataclass(slots=True)
class Failures:
    """The sources that failed: how many (``len``) and the first :data:`FAILURES_KEPT` of them, each
    (source, reason) (iterating, indexing). Only ever appended to, or cut back to an earlier count
    (a commit undone)."""

    count: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)

    def append(self, failure: tuple[str, str]) -> None:
        self.count += 1
        if len(self.kept) < FAILURES_KEPT:
            self.kept.append(failure)

    def extend(self, other: Failures) -> None:
        """Count ``other``'s failures after these, keeping the first ones of both."""
        self.count += other.count
        self.kept.extend(other.kept[: FAILURES_KEPT - len(self.kept)])

    def cut(self, count: int) -> None:
        """Back to the first ``count`` failures (``count`` at most how many there are)."""
        self.count = count
        del self.kept[count:]

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.kept)

    def __getitem__(self, index: int) -> tuple[str, str]:
        return self.kept[index]


REASONS_KEPT = 100
"""Different reasons an ``Unfetched`` tallies: a feed's pages fail for a handful of reasons (offline,
an error page), and a feed of millions of items, each failing for a reason of its own, holds no
more than these."""


@dataclass(slots=True)
class Unfetched:
    """The feed items kept as their summary because their page could not be fetched: how many
    (``count``) and a tally of why (``reasons``), all a summary line needs of them.

    The tally keeps :data:`REASONS_KEPT` reasons at most: a new one beyond them takes the place of
    the one given least, with its count (the Space-Saving algorithm), so the counts still add up to
    ``count`` and a reason given more than ``count / REASONS_KEPT`` times is always in the tally."""

    count: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, reason: str, times: int = 1) -> None:
        self.count += times
        if reason not in self.reasons and len(self.reasons) >= REASONS_KEPT:
            least = min(self.reasons, key=self.reasons.__getitem__)
            times += self.reasons.pop(least)
        self.reasons[reason] += times

    def merge(self, other: Unfetched) -> None:
        """Count ``other``'s items with these, and tally its reasons."""
        for reason, times in other.reasons.items():
            self.add(reason, times)

    def most_common(self) -> str:
        """The reason given most often (of two as often, the one met first)."""
        return self.reasons.most_common(1)[0][0]

    def copy(self) -> Unfetched:
        return Unfetched(self.count, Counter(self.reasons))


@dataclass(slots=True)
class Summary:
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failures: Failures = field(default_factory=Failures)
    summaries: int = 0  # feed entries kept as their summary only (stored now or before)
    unfetched: Unfetched = field(default_factory=Unfetched)  # those whose page could not be fetched

    @property
    def failed(self) -> int:
        return len(self.failures)

    def merge(self, other: Summary) -> None:
        """Count ``other``'s sources with these: the summary of two runs of one command."""
        self.added += other.added
        self.duplicates += other.duplicates
        self.updated += other.updated
        self.failures.extend(other.failures)
        self.summaries += other.summaries
        self.unfetched.merge(other.unfetched)

    def note(self) -> str | None:
        """The one line that says feed items were kept as summaries because their pages failed."""
        n = self.unfetched.count
        if not n:
            return None
        items = "1 feed item" if n == 1 else f"{n} feed items"
        return (
            f"kept the feed's summary for {items}: the page could not be fetched ({self.unfetched.most_common()}); "
            "add the feed again later to fetch the full text"
        )

    def to_event(self) -> Event:
        return {
            "event": "done",
            "added": self.added,
            "duplicates": self.duplicates,
            "updated": self.updated,
            "failed": self.failed,
            "summaries": self.summaries,
        }

    def report(self, sink: EventSink) -> None:
        """The end of a run: its ``note`` event when there is one, then its ``done``."""
        note = self.note()
        if note is not None:
            sink({"event": "note", "message": note})
        sink(self.to_event())


class _Progress:
    def __init__(self, sink: EventSink | None) -> None:
        self.sink = sink or (lambda event: None)
        self.summary = Summary()
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        self.sink({"event": "start", "total": total})

    def item(
        self,
        status: str,
        source: str,
        *,
        article_id: int | None = None,
        title: str | None = None,
        reason: str | None = None,
        summary_only: str | None = None,
    ) -> None:
        """One source done; ``summary_only`` (why) when what was stored is a feed entry's summary."""
        self.done += 1
        s = self.summary
        if summary_only is not None and status != "failed":
            s.summaries += 1
            if summary_only != NOT_FETCHED:
                s.unfetched.add(summary_only)
        if status == "added":
            s.added += 1
        elif status == "duplicate":
            s.duplicates += 1
        elif status == "updated":
            s.updated += 1
        else:
            s.failures.append((source, reason or "failed"))
        self.sink(
            {
                "event": "item",
                "done": self.done,
                "total": self.total,
                "status": status,
                "id": article_id,
                "title": title,
                "source": source,
                "reason": reason if reason is not None else summary_only,
                "summary": summary_only is not None,
            }
        )

    def mark(self) -> tuple[Any, ...]:
        """Where the counts are now, for ``rewind`` (a commit that is undone and stored again): the
        failures by their count, since they only grow (no copy of them at every commit), and the
        pages not fetched as a copy of their tally (a bounded one)."""
        s = self.summary
        return self.done, s.added, s.duplicates, s.updated, len(s.failures), s.summaries, s.unfetched.copy()

    def rewind(self, mark: tuple[Any, ...]) -> None:
        s = self.summary
        self.done, s.added, s.duplicates, s.updated, failed, s.summaries, unfetched = mark
        s.failures.cut(failed)
        s.unfetched = unfetched.copy()  # the mark stays as it was, for another rewind to it

    def finish(self) -> Summary:
        self.summary.report(self.sink)
        return self.summary


class OneRun:
    """The events of ingest runs made one after another by one command (``add --analyses FILE
    SOURCE…``) passed on to ``sink`` as those of one run: each part's ``start`` with the sources
    of the parts before it added to its total, its ``item`` events numbered on from theirs, and no
    ``note`` or ``done`` until ``finish``, which gives one of each for the whole command from the
    parts' summaries (``add``) merged. Of a single part, they are the events the part sends."""

    def __init__(self, sink: EventSink) -> None:
        self.sink = sink
        self.summary = Summary()
        self.before = 0  # the items of the parts before this one
        self.done = 0

    def __call__(self, event: Event) -> None:
        kind = event["event"]
        if kind == "start":
            self.before = self.done
            if self.before:
                event = {**event, "total": self.before + event["total"]}
        elif kind == "item":
            self.done = self.before + event["done"]
            if self.before:
                event = {**event, "done": self.done, "total": self.before + event["total"]}
        elif kind in ("note", "done"):
            return  # one of each for the whole command, from finish
        self.sink(event)

    def add(self, part: Summary) -> None:
        """A part's summary, once it is done."""
        self.summary.merge(part)

    def finish(self) -> Summary:
        """The whole command's summary, its ``note`` and ``done`` events sent."""
        self.summary.report(self.sink)
        return self.summary


def _reason(exc: BaseException, origin: str) -> str:
    msg = str(exc) or type(exc).__name__
    prefix = f"{origin}: "
    return msg[len(prefix) :] if msg.startswith(prefix) else msg


def ingest(
    refs: Iterable[str],
    library: Library,
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    cluster: Cluster | None = None,
    published: str | None = None,
    fetch: bool = True,
    reanalyse: bool = False,
    timeout: float = 20.0,
    on_event: EventSink | None = None,
) -> Summary:
    """Add every article that ``refs`` (paths, folders, URLs, feeds, ``-``) stand for to ``library``,
    analysed here, by ``jobs`` processes, or on ``cluster`` (see ``analyze_each``)."""
    with Fetcher(timeout=timeout) as fetcher:
        items = list(expand(refs, fetcher))
        return ingest_items(
            items,
            library,
            fetcher,
            model=model,
            jobs=jobs,
            batch_size=batch_size,
            cluster=cluster,
            published=published,
            fetch=fetch,
            reanalyse=reanalyse,
            on_event=on_event,
        )


def ingest_items(
    items: list[Pending | Failed],
    library: Library,
    fetcher: Fetcher,
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    cluster: Cluster | None = None,
    published: str | None = None,
    fetch: bool = True,
    reanalyse: bool = False,
    on_event: EventSink | None = None,
) -> Summary:
    """``ingest`` of items already expanded (a subscription's new feed entries), pages fetched
    through ``fetcher``."""
    from .analysis.batch import analyze_each

    progress = _Progress(on_event)
    progress.start(len(items))
    ahead = _FetchAhead(items, fetcher, fetch=fetch)

    def articles() -> Iterator[Article]:
        for index, item in enumerate(items):
            ahead.reach(index)
            if isinstance(item, Failed):
                progress.item("failed", item.origin, reason=item.reason)
                continue
            art = _load(item, fetcher, fetch, progress)
            if art is None:
                continue
            if published and not art.published:
                art.published = published
            if not reanalyse:
                existing = library.find_text(art.text)
                if existing is not None:
                    progress.item(
                        "duplicate", art.source, article_id=existing, title=art.title, summary_only=art.summary_only
                    )
                    continue
            yield art

    analysed = analyze_each(articles(), _input, model=model, jobs=jobs, batch_size=batch_size, cluster=cluster)
    for done in analysed:
        art = done.item
        if done.error is not None:
            reason = f"analysis failed: {_one_line(done.error)}"
            progress.item("failed", art.source, title=art.title, reason=reason)
            continue
        assert done.analysis is not None
        _store(library, art, done.analysis, reanalyse, progress)
    return progress.finish()


FETCH_AHEAD = 4 * WORKERS
"""Feed entries' pages fetched ahead of the one being loaded: enough to keep every fetching thread
busy, few enough to bound the memory the pages hold while they wait."""


class _FetchAhead:
    """Starts fetching the pages of the items after the one being loaded, a bounded number at a
    time, so a feed's pages download in parallel (``Fetcher`` keeps each host to a few requests at
    a time) while results are still taken, loaded and stored in the feed's order."""

    def __init__(self, items: list[Pending | Failed], fetcher: Fetcher, *, fetch: bool) -> None:
        self.fetcher = fetcher
        self.urls: list[tuple[int, str]] = []  # (item index, page URL), in item order
        for index, item in enumerate(items):
            url = page_to_fetch(item, fetch=fetch) if isinstance(item, Pending) else None
            if url is not None:
                self.urls.append((index, url))
        self.started = 0

    def reach(self, index: int) -> None:
        """Item ``index`` is about to be loaded: its page and up to ``FETCH_AHEAD`` after it are under way."""
        due = bisect.bisect_right(self.urls, index, key=lambda pair: pair[0])
        while self.started < len(self.urls) and self.started < due + FETCH_AHEAD:
            self.fetcher.prefetch(self.urls[self.started][1])
            self.started += 1


def _load(item: Pending, fetcher: Fetcher, fetch: bool, progress: _Progress) -> Article | None:
    try:
        return load(item, fetcher=fetcher, fetch=fetch)
    except InputError as exc:
        progress.item("failed", item.origin, reason=_reason(exc, item.origin))
    except (OSError, ValueError, UnicodeError, RecursionError) as exc:  # a parser's surprise, not a crash
        progress.item("failed", item.origin, reason=f"{type(exc).__name__}: {_reason(exc, item.origin)}")
    return None


def _input(art: Article) -> ArticleInput:
    """What the analysis reads of ``art``."""
    from .analysis import ArticleInput

    return ArticleInput(art.text, title=art.title, published=art.published, path=art.source)


def _one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line: its type and the first line of its message."""
    msg = (str(exc).strip().splitlines() or [""])[0]
    if len(msg) > limit:
        msg = msg[: limit - 1] + "…"
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


SAME_ARTICLE_SIMILARITY = 0.5
"""Share of words in common (in order) above which a new text at an article's URL is that article
again, re-published; unrelated news articles share under 0.2 of their words, an edited one over 0.7."""
_COMPARED_WORDS = 5000  # the opening words compared: enough to tell, and fast for any length
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [m.group().casefold() for m, _ in zip(_WORD.finditer(text), range(_COMPARED_WORDS), strict=False)]


def _same_article(stored: sqlite3.Row, title: str | None, text: str) -> bool:
    """Whether ``text`` (titled ``title``) is plausibly the stored article again: a feed summary
    replaced by its page, the same title, or most of the same words in the same order."""
    from rapidfuzz.distance import Indel

    if stored["summary_only"] is not None:
        return True
    if title and stored["title"] and " ".join(title.split()).casefold() == " ".join(stored["title"].split()).casefold():
        return True
    return Indel.normalized_similarity(_words(stored["text"]), _words(text)) >= SAME_ARTICLE_SIMILARITY


def _keyed(library: Library, url: str | None, source: str, match_source: bool) -> sqlite3.Row | None:
    """The article ``Library.add_analysis`` would update in place for this URL (or, without one,
    this source)."""
    key_col, key = ("url", url) if url else ("source", source if match_source else None)
    if key is None:
        return None
    return library.conn.execute(
        f"SELECT id, title, text, summary_only FROM articles WHERE {key_col} = ? ORDER BY id DESC LIMIT 1", (key,)
    ).fetchone()


def _identity(library: Library, art: Article, url: str | None, title: str | None, text: str) -> tuple[str | None, bool]:
    """(url, match_source) to store ``text`` under: its own URL, unless an article stored there is
    plausibly not this one (a page claiming another page's canonical URL); then the source it came
    from, on the same terms; else no key at all, so it is added beside the others, never over one.
    A feed summary keeps its link: the library never lets a summary replace a full text."""
    if art.summary_only is not None:
        return url, art.match_source
    keys = [(url, art.match_source)]
    if url and art.match_source:
        keys.append((None, True))
    for key_url, match_source in keys:
        stored = _keyed(library, key_url, art.source, match_source)
        if stored is None or _same_article(stored, title, text):
            return key_url, match_source
    return None, False


def _library_fault(exc: sqlite3.Error, library: Library) -> LibraryError | None:
    """``exc`` as the library's one-line error when the library is at fault whatever the article (a
    full disk; a read-only, busy or damaged library); None when it may be the article's alone."""
    error = library_error(exc, library.path, writing=True)
    return error if isinstance(error, (LibraryWriteError, LibraryDamaged)) else None


class _CommitUndone(Exception):
    """A write failed in an article stored without a savepoint: the commit under way is rolled back
    whole and its articles stored again one by one (``_store_for_a_while``)."""

    def __init__(self, cause: sqlite3.Error) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _store(
    library: Library,
    art: Article,
    analysis: Analysis,
    reanalyse: bool,
    progress: _Progress,
    *,
    savepoint: bool = True,
    library_errors_end: bool = False,
) -> None:
    """Store one article and report it. A write that fails reports it failed, unless ``savepoint``
    is False (``_CommitUndone``) or ``library_errors_end`` and the library is at fault (its error is
    raised: ``_library_fault``)."""
    url = art.url
    if art.replaces is not None and library.find_text(art.replaces.text) is not None:
        url = art.replaces.link  # the feed summary stored under this link becomes the full article
    if analysis.title is None:
        analysis.title = art.title
    if analysis.published is None:
        analysis.published = art.published
    from .notes.anchoring import reanchor_article_notes

    try:
        url, match_source = _identity(library, art, url, analysis.title, analysis.text)
        result = library.add_analysis(
            analysis,
            url=url,
            source=art.source,
            site=art.site,
            byline=art.byline,
            reanalyse=reanalyse,
            match_source=match_source,
            summary_only=art.summary_only,
            on_text_replaced=reanchor_article_notes,  # notes follow a replaced text, in the same transaction
            savepoint=savepoint,
        )
    except sqlite3.Error as exc:
        if not savepoint:
            raise _CommitUndone(exc) from exc
        fault = _library_fault(exc, library) if library_errors_end else None
        if fault is not None:
            raise fault from exc
        progress.item("failed", art.source, title=analysis.title, reason=f"could not store: {exc}")
        return
    # A summary is reported as kept only when the library kept it (not when the full text was
    # already stored under its link: that article stays as it is).
    kept = art.summary_only if result.summary_only is not None else None
    progress.item(result.status, art.source, article_id=result.article_id, title=analysis.title, summary_only=kept)


# -- analyses made elsewhere ---------------------------------------------------------------------

_NONE = type(None)
_ITEM_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "entities": {"start": (int,), "end": (int,), "label": (str,), "text": (str,), "canonical": (str,)},
    "speakers": {
        "name": (str,),
        "aliases": (list,),
        "role": (str, _NONE),
        "organisation": (str, _NONE),
        "quotes": (int,),
        "kind": (str,),
        "reported": (int,),
    },
    "quotes": {
        "start": (int,),
        "end": (int,),
        "text": (str,),
        "speaker": (str, _NONE),
        "cue": (str, _NONE),
        "kind": (str,),
        "speaker_kind": (str, _NONE),
        "statement_start": (int, _NONE),
        "statement_end": (int, _NONE),
    },
    "figures": {
        "start": (int,),
        "end": (int,),
        "text": (str,),
        "value": (int, float, _NONE),
        "unit": (str, _NONE),
        "object": (str, _NONE),
        "per": (str, _NONE),
        "kind": (str,),
        "date": (str, _NONE),
        "qualifier": (str, _NONE),
        "low": (int, float, _NONE),
        "high": (int, float, _NONE),
    },
}
"""The JSON types each field of an analysis's items may have (``core.model``'s records)."""
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", list: "a list", _NONE: "null"}
_TOP_FIELDS = ("title", "published", "path", "model")
_MAX_COUNT = 2**31  # a speaker's quote count: SQLite's integers end at 2**63
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_LINE_BYTES = 4 * MAX_BYTES
"""The longest line of ``--analyses`` read: an article's 20 MB text with its items, JSON-escaped."""


def _check_value(where: str, value: object, allowed: tuple[type, ...]) -> None:
    """``ValueError`` unless ``value`` has one of the ``allowed`` JSON types and is storable as is."""
    if isinstance(value, bool) or not isinstance(value, allowed):
        names = " or ".join(_TYPE_NAMES[t] for t in allowed)
        raise ValueError(f"{where} is not {names}")
    if isinstance(value, str) and _SURROGATE.search(value):
        raise ValueError(f"{where} holds a lone surrogate (not Unicode text)")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where} is not a finite number")


_ITEM_TYPES = {key: {name: frozenset(types) for name, types in spec.items()} for key, spec in _ITEM_FIELDS.items()}
"""``_ITEM_FIELDS`` as sets of exact types: what ``json.loads`` makes is one of them exactly."""
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""How a lone surrogate can reach a decoded line: UTF-8 holds none, a JSON escape can."""


_SHAPES_KEPT = 256
"""The most item shapes (field names and their values' exact types) kept per item key as passed."""
_passed_shapes: dict[str, set[tuple[tuple[str, ...], tuple[type, ...]]]] = {key: set() for key in _ITEM_FIELDS}
"""Item shapes whose types passed: the type check depends on nothing else, and the items of one
producer come in a handful of shapes. Bounded (:data:`_SHAPES_KEPT`, only items of no more keys than
their record has fields), whatever the input."""


def _check_item(key: str, i: int, item: object, surrogates: bool) -> None:
    """One item of ``key`` is an object whose fields have their JSON types and storable values.

    Without ``surrogates`` (no string of the analysis can hold one) the types are all that is
    checked, so an item of a shape that passed before (``_passed_shapes``) passes; otherwise each
    value's exact type is compared with its field's types, and only one that differs goes through
    :func:`_check_value` for its verdict and message. A line holds hundreds of items: this is the
    hot path."""
    if not isinstance(item, dict):
        raise ValueError(f"{key}[{i}] is not an object")
    spec = _ITEM_FIELDS[key]
    if surrogates:
        for name, allowed in spec.items():
            if name in item:
                _check_value(f"{key}[{i}].{name}", item[name], allowed)
    else:
        shape = (tuple(item), tuple(map(type, item.values())))
        passed = _passed_shapes[key]
        if shape not in passed:
            types = _ITEM_TYPES[key]
            for name, value in item.items():
                exact = types.get(name)
                if exact is not None and type(value) not in exact:
                    _check_value(f"{key}[{i}].{name}", value, spec[name])
            if len(passed) < _SHAPES_KEPT and len(item) <= len(spec):
                passed.add(shape)
    if key == "speakers":
        aliases = item.get("aliases", [])
        for j, alias in enumerate(aliases):
            if surrogates or type(alias) is not str:
                _check_value(f"speakers[{i}].aliases[{j}]", alias, (str,))
        for count, what in (("quotes", "quotes"), ("reported", "reported statements")):
            if not 0 <= item.get(count, 0) <= _MAX_COUNT:
                raise ValueError(f"speakers[{i}].{count} is not a count of {what}")
    if key == "figures":
        _check_figure(i, item)


_FIGURE_NUMBERS = ("value", "low", "high")
_OLD_FIGURE_KINDS = {"ratio": "fraction"}
"""Kinds older newsreads gave figures, by their name in ``FIGURE_KINDS`` (a "half" was a "ratio")."""


def _check_figure(i: int, item: dict[str, Any]) -> None:
    """A figure's numbers are finite and become floats (SQLite keeps 64-bit integers; a float holds
    any figure) and its ``kind`` is one of ``FIGURE_KINDS`` (an older newsread's "ratio" becomes
    "fraction")."""
    for name in _FIGURE_NUMBERS:
        number = item.get(name)
        if isinstance(number, int):
            try:
                item[name] = float(number)
            except OverflowError:
                raise ValueError(f"figures[{i}].{name} is not a finite number") from None
        elif isinstance(number, float) and not math.isfinite(number):
            raise ValueError(f"figures[{i}].{name} is not a finite number")
    if "kind" in item:
        item["kind"] = kind = _OLD_FIGURE_KINDS.get(item["kind"], item["kind"])
        if kind not in FIGURE_KINDS:
            raise ValueError(f"figures[{i}].kind {_shown(kind)} is not one of {', '.join(FIGURE_KINDS)}")


def _shown(value: str, limit: int = 40) -> str:
    """A string from the input as an error line quotes it: short, and its controls escaped by ``repr``."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _check_offsets(key: str, items: list[Any], text: str) -> None:
    """Every item's offsets lie in the text (all of them checked first: a record made for another
    text says so) and select the item's own text there."""
    n = len(text)
    for i, item in enumerate(items):
        if not 0 <= item.start <= item.end <= n:
            span = f"{_short_int(item.start)}..{_short_int(item.end)}"
            raise ValueError(f"{key}[{i}]: offsets {span} outside the text (length {n})")
    for i, item in enumerate(items):
        if text[item.start : item.end] != item.text:
            raise ValueError(f"{key}[{i}]: its text is not the article's text at {item.start}..{item.end}")


def _check_statements(quotes: list[Any], n: int) -> None:
    """A quote's reported statement (``statement_start``/``statement_end``) is given whole or not at
    all, holds the quote and lies in the text (length ``n``)."""
    for i, q in enumerate(quotes):
        if q.statement_start is None and q.statement_end is None:
            continue
        if q.statement_start is None or q.statement_end is None:
            raise ValueError(f"quotes[{i}]: statement_start and statement_end go together")
        if not 0 <= q.statement_start <= q.start <= q.end <= q.statement_end <= n:
            span = f"{_short_int(q.statement_start)}..{_short_int(q.statement_end)}"
            raise ValueError(f"quotes[{i}]: its statement {span} does not hold the quote or is outside the text")


def _check_sentences(sentences: object, n: int) -> None:
    """``sentences`` is a list of ``[start, end]`` offsets into a text of length ``n``, in text
    order and not overlapping (what ``Analysis.sentences`` holds)."""
    if not isinstance(sentences, list):
        raise ValueError("'sentences' is not a list")
    last = 0
    for i, pair in enumerate(sentences):
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(v) is int for v in pair)):
            raise ValueError(f"sentences[{i}] is not a pair of offsets")
        start, end = pair
        if not last <= start < end <= n:
            span = f"{_short_int(start)}..{_short_int(end)}"
            raise ValueError(f"sentences[{i}]: offsets {span} out of order or outside the text (length {n})")
        last = end


def _short_int(value: int) -> str:
    """An offset as shown in an error line: a 400-digit number is not printed whole."""
    digits = str(value)
    return digits if len(digits) <= 20 else f"{digits[:8]}…({len(digits)} digits)"


def validate_analysis(data: object, *, surrogates: bool = True) -> Analysis:
    """An ``Analysis`` from one JSON object of ``newsread analyze --jsonl``; ``ValueError`` says what is wrong.

    Only what the library can store unchanged passes: the JSON types of every field, no lone
    surrogates, finite numbers (a figure's ``value``, ``low`` and ``high``), figures of a kind in
    ``FIGURE_KINDS``, and items whose offsets select their own text in the article.
    ``surrogates=False`` says that no string in ``data`` can hold a lone surrogate (its JSON line had
    no escape that makes one), so the items' strings are not searched for one."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'text'")
    if surrogates:  # the only check of _check_value a str can fail
        _check_value("'text'", text, (str,))
    for key in _TOP_FIELDS:
        if data.get(key) is not None:
            _check_value(f"'{key}'", data[key], (str,))
    for key in _ITEM_FIELDS:
        if key in data and not isinstance(data[key], list):
            raise ValueError(f"'{key}' is not a list")
        for i, item in enumerate(data.get(key) or []):
            _check_item(key, i, item, surrogates)
    if data.get("sentences") is not None:
        _check_sentences(data["sentences"], len(text))
    try:
        analysis = Analysis.from_dict(data)
    except TypeError as exc:
        raise ValueError(f"missing or unknown fields ({exc})") from None
    for key in ("entities", "quotes", "figures"):
        _check_offsets(key, getattr(analysis, key), text)
    _check_statements(analysis.quotes, len(text))
    for i, sp in enumerate(analysis.speakers):
        if not sp.name:
            raise ValueError(f"speakers[{i}]: no name")
    return analysis


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"{literal[:20]} is not a finite number")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_analysis_line(line: bytes) -> Analysis:
    """One line of ``analyze --jsonl`` as an ``Analysis``; ``ValueError`` says what is wrong with it."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(decoded, parse_float=_finite_float, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply to be an analysis") from None
    except ValueError as exc:  # json.JSONDecodeError, digits beyond Python's limit, a non-finite number
        raise ValueError(f"not JSON ({_one_line(exc, 120)})") from None
    return validate_analysis(data, surrogates=_SURROGATE_ESCAPE.search(decoded) is not None)


def _numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each non-blank line, read one at a time; ``None`` for a line over
    ``MAX_LINE_BYTES``, which is skipped without being held in memory."""
    lineno = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        lineno += 1
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1024 * 1024)
            yield lineno, None
        elif line.strip():
            yield lineno, line


@contextmanager
def _open_jsonl(path: str) -> Iterator[BinaryIO]:
    """The file (or stdin, spooled to a temporary file) as a binary stream that can be read twice."""
    import shutil
    import tempfile

    if path == "-":
        with tempfile.TemporaryFile() as spool:
            shutil.copyfileobj(sys.stdin.buffer, spool, 1024 * 1024)
            spool.seek(0)
            yield spool
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the caller's two passes
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with stream:
        yield stream


COMMIT_EVERY_S = 0.5
"""How long ``add --analyses`` goes on storing articles into one commit. A commit costs about as much
as storing a few articles (it writes every page the group dirtied, and in a large library those lie
scattered through its indexes), so the articles of half a second share one (``_store_for_a_while``
says how a failed write still costs only its own article); another writer (a note saved meanwhile)
waits at most about that long, and each article is reported once the commit that holds it is done."""


BULK_CACHE_KIB = 32 * 1024
"""The page cache (KiB) of the library's connection while ``add --analyses`` writes, in place of
SQLite's 2 MiB. Each article writes into many indexes at scattered places (entities by name, the
quotes' sketches by hash key), so a group of articles dirties more pages than 2 MiB holds: SQLite then
spills pages to the WAL before the commit and reads them back. A fixed size: memory stays bounded
whatever the file's size."""


BULK_WAL_PAGES = 20_000
"""The pages (80 MiB) the write-ahead log grows to while ``add --analyses`` writes before it is copied
back into the library (SQLite's ``wal_autocheckpoint``, 1,000 by default, set back after): each
copy writes the pages to their scattered places in the file and syncs it, and fewer, larger copies
write a page dirtied by several commits once (``benchmarks/README.md`` has the figures)."""


COMMIT_MAX_BYTES = 4 * 1024 * 1024
"""The most bytes of lines one commit stores: its lines are kept until it is done (to be stored
again one by one if a write fails), so memory stays bounded whatever the lines' sizes."""


@contextmanager
def _bulk_cache(library: Library) -> Iterator[None]:
    """The connection's page cache at :data:`BULK_CACHE_KIB` and its checkpoints every
    :data:`BULK_WAL_PAGES` for the block, its own settings again after."""
    conn = library.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")


def ingest_analyses(
    path: str,
    library: Library,
    *,
    published: str | None = None,
    reanalyse: bool = False,
    on_event: EventSink | None = None,
) -> Summary:
    """Store analyses from a JSON Lines file (or ``-``), one article per line, reading one line at a
    time (memory bounded whatever the file's size); each bad line is reported with its number and
    the lines after it are still stored. Articles are committed a group at a time
    (:data:`COMMIT_EVERY_S`): an article reported stored is committed, a write that fails costs
    only its own article, and one the library refuses whatever the article (a full disk) ends the
    run in the library's one-line error."""
    sink = on_event or (lambda event: None)
    held: list[Event] = []  # the events of the articles of the commit under way
    progress = _Progress(held.append)

    def report() -> None:
        for event in held:
            sink(event)
        held.clear()

    with _open_jsonl(path) as stream, _bulk_cache(library):
        try:
            progress.start(sum(1 for _ in _numbered_lines(stream)))
            report()
            stream.seek(0)
            lines = _numbered_lines(stream)
            more = True
            while more:
                try:
                    more = _store_for_a_while(lines, path, library, published, reanalyse, progress, held)
                finally:
                    report()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    summary = progress.finish()
    report()
    return summary


def _store_for_a_while(
    lines: Iterator[tuple[int, bytes | None]],
    path: str,
    library: Library,
    published: str | None,
    reanalyse: bool,
    progress: _Progress,
    held: list[Event],
) -> bool:
    """Store ``lines`` in one commit until :data:`COMMIT_EVERY_S` has passed (or the commit's lines
    hold :data:`COMMIT_MAX_BYTES`); False once they are all read.

    The articles are written without a savepoint each, and their full-text rows together at the end
    (``Library.full_text_at_end``): a savepoint, or an insert firing a full-text trigger, makes FTS5
    write out its pending terms, a segment per article or quote. So a write that fails rolls the
    whole commit back, and its lines (kept until the commit is done) are stored again one article
    per transaction, where that write fails alone: a bad write still costs only its own article,
    and what was committed before is never touched. A write the library refuses whatever the
    article (``_library_fault``: a full disk) ends the run in its one-line error, after the
    articles committed before it. A commit that fails, a file that cannot be read further and an
    interrupt roll the group back and drop the ``held`` events of its articles, none of which is
    stored."""
    import time

    group: list[tuple[int, bytes | None]] = []
    size = 0
    mark = progress.mark()
    more = True
    try:
        with library.transaction(), library.full_text_at_end():
            until = time.monotonic() + COMMIT_EVERY_S
            for lineno, line in lines:
                group.append((lineno, line))
                size += len(line or b"")
                _store_line(f"{path}:{lineno}", line, library, published, reanalyse, progress, savepoint=False)
                if time.monotonic() >= until or size >= COMMIT_MAX_BYTES:
                    break
            else:
                more = False
    except _CommitUndone as undone:  # rolled back whole: each article again in a transaction of its own
        held.clear()
        progress.rewind(mark)
        fault = _library_fault(undone.cause, library)
        if fault is not None:
            raise fault from undone.cause
        for lineno, line in group:
            _store_line(f"{path}:{lineno}", line, library, published, reanalyse, progress, library_errors_end=True)
        return more
    except sqlite3.Error as exc:  # the commit itself (a full disk): none of this group is stored
        held.clear()
        raise library_error(exc, library.path, writing=True) from exc
    except BaseException:  # the file could not be read further, ^C: the group was rolled back
        held.clear()
        raise
    return more


def _store_line(
    origin: str,
    line: bytes | None,
    library: Library,
    published: str | None,
    reanalyse: bool,
    progress: _Progress,
    *,
    savepoint: bool = True,
    library_errors_end: bool = False,
) -> None:
    """Validate and store one line of ``--analyses``; a bad one is reported as failed."""
    try:
        if line is None:
            raise ValueError(f"line too long (over {MAX_LINE_BYTES // (1024 * 1024)} MB)")
        analysis = parse_analysis_line(line)
    except ValueError as exc:
        progress.item("failed", origin, reason=f"bad analysis: {exc}")
        return
    if published and not analysis.published:
        analysis.published = published
    src = analysis.path or origin
    url = src if src.startswith(("http://", "https://")) else None
    art = Article(analysis.text, src, title=analysis.title, url=url, match_source=analysis.path is not None)
    _store(library, art, analysis, reanalyse, progress, savepoint=savepoint, library_errors_end=library_errors_end)
