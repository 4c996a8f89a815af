"""Refreshing subscriptions: fetch each feed (a conditional request), store its new entries.

``refresh_feeds`` fetches the feeds ``jobs`` at a time through one ``Fetcher`` that keeps each host
to one request at a time, while the feeds already fetched are stored in their order: an entry the
feed's earlier refreshes stored is skipped before anything is fetched or analysed, the others go
through ``ingest_items`` (full text where the page can be fetched, else the summary marked as such)
and are tied to the feed with their entry key. An entry kept as its summary is tried again on
every refresh that fetches pages; that refresh asks for the whole feed (no validators), since a
304 would not list the entry. A feed that fails keeps its articles and records its one-line error.

Events, for the command line's progress and the app's (``--progress jsonl``): ``start`` (the
number of feeds), ``item`` for each entry stored or failed (``add``'s item event with the feed's
name, and ``done``/``total`` counting feeds), ``feed`` when a feed is done (its one-line report),
and ``done`` with the totals.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest import ingest_items
from .sources import Failed, Pending, feeds, web
from .store.feeds import FeedRow, Feeds, StoredEntry
from .store.library import Library

Event = dict[str, Any]

JOBS = 4
"""Feeds fetched at once by default (each host still gets one request at a time)."""


@dataclass(slots=True, kw_only=True)
class FeedResult:
    """What one feed's refresh did; ``line()`` says it in one line."""

    name: str
    status: str  # "refreshed" | "unchanged" | "failed"
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    summaries: int = 0
    failed: int = 0
    error: str | None = None

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.name}: failed: {self.error}"
        if self.status == "unchanged":
            return f"{self.name}: not modified"
        parts = [f"{self.added} new"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.summaries:
            parts.append(f"{self.summaries} summary only")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return f"{self.name}: {', '.join(parts)}"

    def to_event(self, done: int, total: int) -> Event:
        return {
            "event": "feed",
            "done": done,
            "total": total,
            "name": self.name,
            "status": self.status,
            "added": self.added,
            "updated": self.updated,
            "summaries": self.summaries,
            "failed": self.failed,
            "error": self.error,
            "line": self.line(),
        }


@dataclass(slots=True)
class _Got:
    """A feed's fetch: its bytes (None: not modified), or why it failed."""

    fetched: web.Fetched | None = None
    error: str | None = None


class _Fetcher(web.Fetcher):
    """A ``Fetcher`` that remembers where each page it handed out was asked for: an article stored
    from a page that redirected carries the URL it landed on, which names its entry through this."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.asked_for: dict[str, str] = {}  # final URL -> the URL fetched

    def __enter__(self) -> _Fetcher:
        return self

    def fetch(self, url: str) -> web.Fetched:
        got = super().fetch(url)
        self.asked_for[got.url] = url
        return got


def is_local(url: str) -> bool:
    """Whether a subscription is a local feed file (its absolute path) rather than a URL."""
    return "://" not in url


def _fetch(fetcher: web.Fetcher, feed: FeedRow, conditional: bool) -> _Got:
    """Fetch one feed; a local file counts as not modified while its modification time is the
    one its last refresh saw."""
    try:
        if is_local(feed.url):
            return _read_local(Path(feed.url), feed.modified if conditional else None)
        etag, modified = (feed.etag, feed.modified) if conditional else (None, None)
        return _Got(fetcher.fetch_if_changed(feed.url, etag=etag, modified=modified))
    except InputError as exc:
        return _Got(error=_reason(exc, feed.url))


def _read_local(path: Path, seen: str | None) -> _Got:
    from .sources.files import read_bytes

    try:
        stamp = str(os.stat(path).st_mtime_ns)
    except OSError as exc:
        return _Got(error=f"cannot read ({exc.strerror or exc})")
    if stamp == seen:
        return _Got()
    return _Got(web.Fetched(str(path), read_bytes(path), None, None, modified=stamp))


def _reason(exc: BaseException, origin: str) -> str:
    msg = str(exc)
    return msg[len(origin) + 2 :] if msg.startswith(f"{origin}: ") else msg


def refresh_feeds(
    library: Library,
    subscriptions: Sequence[FeedRow],
    *,
    model: str | None = None,
    fetch: bool = True,
    timeout: float = 20.0,
    jobs: int = JOBS,
    on_event: Callable[[Event], None] | None = None,
) -> list[FeedResult]:
    """Refresh ``subscriptions`` in order; one ``FeedResult`` each (see the module's docstring)."""
    sink = on_event or (lambda event: None)
    store = Feeds(library)
    total = len(subscriptions)
    sink({"event": "start", "total": total})
    stored = [store.stored_entries(feed.id) for feed in subscriptions]
    results: list[FeedResult] = []
    with (
        _Fetcher(timeout=timeout, per_host=1) as fetcher,
        ThreadPoolExecutor(max_workers=max(1, min(jobs, total or 1)), thread_name_prefix="newsread-feed") as pool,
    ):
        # A feed holding summaries to fetch again asks for the whole feed: a 304 would not list them.
        pending: list[Future[_Got]] = [
            pool.submit(_fetch, fetcher, feed, not (fetch and any(s.summary_only for s in entries.values())))
            for feed, entries in zip(subscriptions, stored, strict=True)
        ]
        for done, (feed, entries, future) in enumerate(zip(subscriptions, stored, pending, strict=True), 1):
            refresh = _FeedRefresh(library, store, fetcher, feed, entries, done=done, total=total, sink=sink)
            result = refresh.run(future.result(), model=model, fetch=fetch)
            results.append(result)
            sink(result.to_event(done, total))
    sink(
        {
            "event": "done",
            "feeds": total,
            "feeds_failed": sum(r.status == "failed" for r in results),
            "added": sum(r.added for r in results),
            "updated": sum(r.updated for r in results),
            "duplicates": sum(r.duplicates for r in results),
            "summaries": sum(r.summaries for r in results),
            "failed": sum(r.failed for r in results),
        }
    )
    return results


@dataclass(slots=True)
class _FeedRefresh:
    """One feed's refresh once it is fetched: pick its new entries, store them, tie them to it."""

    library: Library
    store: Feeds
    fetcher: _Fetcher
    feed: FeedRow
    entries: dict[str, StoredEntry]
    done: int
    total: int
    sink: Callable[[Event], None]

    def run(self, got: _Got, *, model: str | None, fetch: bool) -> FeedResult:
        feed = self.feed
        if got.error is not None:
            return self._failed(got.error)
        if got.fetched is None:
            self.store.refreshed(feed.id, error=None)
            return FeedResult(name=feed.name, status="unchanged")
        try:
            parsed = feeds.parse(got.fetched.data, feed.url, content_type=got.fetched.content_type)
        except InputError as exc:
            return self._failed(_reason(exc, feed.url))
        new = [e for e in parsed if self._is_new(e, fetch)]
        result = FeedResult(name=feed.name, status="refreshed")
        if new:
            self._store(new, result, model=model, fetch=fetch)
        self.store.refreshed(
            feed.id,
            error=None,
            title=parsed[0].site,
            etag=got.fetched.etag,
            modified=got.fetched.modified,
            validators=True,
        )
        return result

    def _failed(self, error: str) -> FeedResult:
        self.store.refreshed(self.feed.id, error=error)
        return FeedResult(name=self.feed.name, status="failed", error=error)

    def _is_new(self, entry: feeds.Entry, fetch: bool) -> bool:
        """Not stored by an earlier refresh, or stored as its summary and pages are fetched now."""
        key = entry.key()
        known = self.entries.get(key) if key is not None else None
        return known is None or (fetch and known.summary_only)

    def _store(self, new: list[feeds.Entry], result: FeedResult, *, model: str | None, fetch: bool) -> None:
        items: list[Pending | Failed] = [Pending(e.link or f"{self.feed.url}#{e.index}", entry=e) for e in new]
        keys: dict[str, str | None] = {}
        for entry, item in zip(new, items, strict=True):
            keys[item.origin] = entry.key()
            if entry.link:
                keys[entry.link] = entry.key()
        links: list[tuple[int, str | None]] = []

        def collect(event: Event) -> None:
            kind = event["event"]
            if kind == "item":
                if event.get("id") is not None and event["status"] != "failed":
                    source = event["source"]
                    links.append((event["id"], keys.get(source) or keys.get(self.fetcher.asked_for.get(source, ""))))
                self.sink({**event, "feed": self.feed.name, "done": self.done - 1, "total": self.total})
            elif kind == "note":
                self.sink({**event, "feed": self.feed.name})

        summary = ingest_items(items, self.library, self.fetcher, model=model, fetch=fetch, on_event=collect)
        self.store.link(self.feed.id, links)
        result.added, result.updated, result.duplicates = summary.added, summary.updated, summary.duplicates
        result.failed, result.summaries = summary.failed, summary.summaries
