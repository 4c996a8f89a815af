"""Sources → analysis → library, one article per transaction, with progress events.

``ingest`` expands what the user named (folders into files, feeds into entries), emits
``{"event": "start", "total": N}``, then loads each item, skips texts already in the library
before spending time on analysis, analyses the rest in batches through ``analyze_many``
(``nlp.pipe``), stores each analysis in its own transaction and emits one ``item`` event per
source, and finally ``done`` with the counts. A source that fails is reported and never stops the
others. The same events drive the rich progress bar, the plain lines and ``--progress jsonl``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, NewsreadError
from .model import Analysis
from .sources import NOT_FETCHED, Article, Failed, Pending, expand, load
from .sources.web import Fetcher
from .store.library import Library

Event = dict[str, Any]
EventSink = Callable[[Event], None]


@dataclass(slots=True)
class Summary:
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    summaries: int = 0  # feed entries kept as their summary only (stored now or before)
    unfetched: list[str] = field(default_factory=list)  # why each of those pages could not be fetched

    @property
    def failed(self) -> int:
        return len(self.failures)

    def note(self) -> str | None:
        """The one line that says feed items were kept as summaries because their pages failed."""
        if not self.unfetched:
            return None
        n = len(self.unfetched)
        reason = max(set(self.unfetched), key=self.unfetched.count)
        items = "1 feed item" if n == 1 else f"{n} feed items"
        return (
            f"kept the feed's summary for {items}: the page could not be fetched ({reason}); "
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
                s.unfetched.append(summary_only)
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

    def finish(self) -> Summary:
        note = self.summary.note()
        if note is not None:
            self.sink({"event": "note", "message": note})
        self.sink(self.summary.to_event())
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
    published: str | None = None,
    fetch: bool = True,
    reanalyse: bool = False,
    timeout: float = 20.0,
    on_event: EventSink | None = None,
) -> Summary:
    """Add every article that ``refs`` (paths, folders, URLs, feeds, ``-``) stand for to ``library``."""
    progress = _Progress(on_event)
    with Fetcher(timeout=timeout) as fetcher:
        items = list(expand(refs, fetcher))
        progress.start(len(items))
        queue: deque[Article] = deque()

        def articles() -> Iterator[Article]:
            for item in items:
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
                queue.append(art)
                yield art

        for art, analysis, error in _analyse(articles(), queue, model=model, jobs=jobs, batch_size=batch_size):
            if error is not None:
                progress.item("failed", art.source, title=art.title, reason=f"analysis failed: {error}")
                continue
            assert analysis is not None
            _store(library, art, analysis, reanalyse, progress)
    return progress.finish()


def _load(item: Pending, fetcher: Fetcher, fetch: bool, progress: _Progress) -> Article | None:
    try:
        return load(item, fetcher=fetcher, fetch=fetch)
    except InputError as exc:
        progress.item("failed", item.origin, reason=_reason(exc, item.origin))
    except (OSError, ValueError, UnicodeError, RecursionError) as exc:  # a parser's surprise, not a crash
        progress.item("failed", item.origin, reason=f"{type(exc).__name__}: {_reason(exc, item.origin)}")
    return None


class _Inputs:
    """The analysis inputs made from ``articles``, remembering whether that iterator itself raised
    (a loader or the library broke: not the analysis's fault, so not retried)."""

    def __init__(self, articles: Iterator[Article]) -> None:
        self.articles = articles
        self.broken = False

    def __iter__(self) -> Iterator[Any]:
        from .analysis import ArticleInput

        while True:
            try:
                art = next(self.articles)
            except StopIteration:
                return
            except BaseException:
                self.broken = True
                raise
            yield ArticleInput(art.text, title=art.title, published=art.published, path=art.source)


_FATAL = (NewsreadError, KeyboardInterrupt, MemoryError)
"""Errors that end the run instead of costing one article (no model, the user's ^C, no memory)."""


def _analyse(
    articles: Iterator[Article], queue: deque[Article], *, model: str | None, jobs: int, batch_size: int
) -> Iterator[tuple[Article, Analysis | None, str | None]]:
    """Pairs (article, analysis, error) in input order. ``queue`` holds the articles handed to the
    analysis and not yet back; when a batch fails, those are analysed again in halves until each
    failing article stands alone, so one bad text costs only itself, then the rest carries on."""
    from .analysis import analyze_many

    inputs = _Inputs(articles)
    while True:
        try:
            for analysis in analyze_many(inputs, model=model, jobs=jobs, batch_size=batch_size):
                yield queue.popleft(), analysis, None
            return
        except _FATAL:
            raise
        except Exception:
            if inputs.broken or not queue:
                raise  # our own input broke, or the failure belongs to no article (the model itself)
        in_flight = list(queue)
        queue.clear()
        yield from _retry(in_flight, model=model, jobs=jobs, batch_size=batch_size)


def _retry(
    arts: list[Article], *, model: str | None, jobs: int, batch_size: int
) -> Iterator[tuple[Article, Analysis | None, str | None]]:
    """Analyse ``arts`` again after their batch failed: a group that fails is split in two, so
    the good articles are analysed in few passes and each failing one gets its own error."""
    from .analysis import ArticleInput, analyze_many

    done = 0
    try:
        inputs = [ArticleInput(a.text, title=a.title, published=a.published, path=a.source) for a in arts]
        for analysis in analyze_many(inputs, model=model, jobs=jobs, batch_size=batch_size):
            yield arts[done], analysis, None
            done += 1
        return
    except _FATAL:
        raise
    except Exception as exc:
        rest = arts[done:]
        if len(rest) == 1:
            yield rest[0], None, _one_line(exc)
            return
    mid = len(rest) // 2
    yield from _retry(rest[:mid], model=model, jobs=jobs, batch_size=batch_size)
    yield from _retry(rest[mid:], model=model, jobs=jobs, batch_size=batch_size)


def _one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line: its type and the first line of its message."""
    msg = (str(exc).strip().splitlines() or [""])[0]
    if len(msg) > limit:
        msg = msg[: limit - 1] + "…"
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _store(library: Library, art: Article, analysis: Analysis, reanalyse: bool, progress: _Progress) -> None:
    url = art.url
    if art.replaces is not None and library.find_text(art.replaces.text) is not None:
        url = art.replaces.link  # the feed summary stored under this link becomes the full article
    if analysis.title is None:
        analysis.title = art.title
    if analysis.published is None:
        analysis.published = art.published
    try:
        result = library.add_analysis(
            analysis,
            url=url,
            source=art.source,
            site=art.site,
            byline=art.byline,
            reanalyse=reanalyse,
            match_source=art.match_source,
            summary_only=art.summary_only,
        )
    except sqlite3.Error as exc:
        progress.item("failed", art.source, title=analysis.title, reason=f"could not store: {exc}")
        return
    # A summary is reported as kept only when the library kept it (not when the full text was
    # already stored under its link: that article stays as it is).
    kept = art.summary_only if result.summary_only is not None else None
    progress.item(result.status, art.source, article_id=result.article_id, title=analysis.title, summary_only=kept)


# -- analyses made elsewhere ---------------------------------------------------------------------


def validate_analysis(data: object) -> Analysis:
    """An ``Analysis`` from one JSON object of ``newsread analyze --jsonl``; ``ValueError`` says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'text'")
    for key in ("entities", "speakers", "quotes", "figures"):
        if key in data and not isinstance(data[key], list):
            raise ValueError(f"'{key}' is not a list")
        for i, item in enumerate(data.get(key) or []):
            if not isinstance(item, dict):
                raise ValueError(f"{key}[{i}] is not an object")
    for key in ("title", "published", "path", "model"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ValueError(f"'{key}' is not a string")
    try:
        analysis = Analysis.from_dict(data)
    except TypeError as exc:
        raise ValueError(f"missing or unknown fields ({exc})") from None
    n = len(text)
    for key in ("entities", "quotes", "figures"):
        for i, item in enumerate(getattr(analysis, key)):
            start, end = item.start, item.end
            if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
                raise ValueError(f"{key}[{i}]: offsets are not integers")
            if not 0 <= start <= end <= n:
                raise ValueError(f"{key}[{i}]: offsets {start}..{end} outside the text (length {n})")
            if not isinstance(item.text, str):
                raise ValueError(f"{key}[{i}]: 'text' is not a string")
    for i, sp in enumerate(analysis.speakers):
        if not isinstance(sp.name, str) or not sp.name:
            raise ValueError(f"speakers[{i}]: no name")
        if not isinstance(sp.aliases, list) or not all(isinstance(a, str) for a in sp.aliases):
            raise ValueError(f"speakers[{i}]: aliases are not a list of strings")
    return analysis


def ingest_analyses(
    path: str,
    library: Library,
    *,
    published: str | None = None,
    reanalyse: bool = False,
    on_event: EventSink | None = None,
) -> Summary:
    """Store analyses from a JSON Lines file (or ``-``), one article per line; bad lines are reported."""
    import sys

    progress = _Progress(on_event)
    if path == "-":
        lines = sys.stdin.read().splitlines()
    else:
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read ({exc})") from None
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip()]
    progress.start(len(numbered))
    for lineno, line in numbered:
        origin = f"{path}:{lineno}"
        try:
            analysis = validate_analysis(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            progress.item("failed", origin, reason=f"bad analysis: {exc}")
            continue
        if published and not analysis.published:
            analysis.published = published
        src = analysis.path or origin
        url = src if src.startswith(("http://", "https://")) else None
        art = Article(analysis.text, src, title=analysis.title, url=url, match_source=analysis.path is not None)
        _store(library, art, analysis, reanalyse, progress)
    return progress.finish()
