"""Where articles come from: files, folders, stdin, web pages, feeds — one module per kind.

``expand`` turns what the user named into a flat list of ``Pending`` items (a folder becomes its
files, a feed its entries) plus a ``Failed`` for each one that cannot even be opened; ``load``
turns one pending item into an ``Article`` (text and metadata, ready for analysis) or raises
``InputError`` with the one-line reason. The kind of a file is sniffed from its bytes, not only its
extension. Nothing here imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from . import feeds, files, html, sniff, text, web


@dataclass(slots=True)
class FeedSummary:
    """A feed entry's own summary: what is stored under the entry's link when its page could not be
    fetched, so the full text fetched later can take its place (same article, notes kept)."""

    link: str
    text: str


@dataclass(slots=True)
class Article:
    """One article's text and what is known about it, before analysis.

    ``summary_only`` says why the text is only a feed entry's summary (its page could not be
    fetched, or fetching was turned off); ``replaces`` is that summary for an article whose page
    was fetched, so a summary stored by an earlier run is updated rather than kept beside it.
    """

    text: str
    source: str  # the path or URL it came from, as shown to the user
    title: str | None = None
    published: str | None = None
    url: str | None = None  # canonical URL when known: the key for "same article, new text"
    site: str | None = None
    byline: str | None = None
    match_source: bool = True  # False for stdin: a second paste is not "the same source"
    summary_only: str | None = None
    replaces: FeedSummary | None = None


@dataclass(slots=True)
class Pending:
    """A source to load: a file, bytes already read (stdin, a fetched page) or a feed entry."""

    origin: str
    path: Path | None = None
    data: bytes | None = None
    fetched: web.Fetched | None = None
    entry: feeds.Entry | None = None


@dataclass(slots=True)
class Failed:
    origin: str
    reason: str


def expand(refs: Iterable[str], fetcher: web.Fetcher | None = None) -> Iterator[Pending | Failed]:
    """Every article the user's sources stand for, in order; feeds and folders are opened here."""
    for ref in refs:
        try:
            yield from _expand_one(ref, fetcher)
        except InputError as exc:
            yield Failed(ref, _reason(exc, ref))


def _reason(exc: Exception, origin: str) -> str:
    """The message of an ``InputError`` without the origin it already starts with."""
    msg = str(exc)
    for prefix in (f"{origin}: ", "<stdin>: "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


def _expand_one(ref: str, fetcher: web.Fetcher | None) -> Iterator[Pending | Failed]:
    if ref == "-":
        data = files.read_stdin()
        yield from _expand_bytes("<stdin>", data, None)
        return
    scheme = urlsplit(ref).scheme.lower() if "://" in ref else ""
    if scheme in ("http", "https"):
        if fetcher is None:
            raise InputError(f"{ref}: fetching from the web is turned off")
        got = fetcher.fetch(ref)
        if sniff.sniff(got.data, ref, content_type=got.content_type) in ("feed", "jsonfeed"):
            yield from _expand_feed(ref, got.data, got)
        else:
            yield Pending(ref, fetched=got)
        return
    if scheme == "file":
        parts = urlsplit(ref)
        if parts.netloc not in ("", "localhost"):
            raise InputError(f"{ref}: file:// URLs must name a local file")
        ref = unquote(parts.path)
    elif scheme:
        raise InputError(f"{ref}: unsupported URL scheme '{scheme}' (newsread fetches http and https only)")
    path = Path(ref)
    if not path.exists():
        raise InputError(f"{ref}: no such file or folder")
    if path.is_dir():
        found = False
        for child in files.walk(path):
            found = True
            if isinstance(child, files.Unreadable):  # reported, and the walk goes on
                yield Failed(str(child.path), child.reason)
            else:
                yield from _expand_file(child)
        if not found:
            raise InputError(f"{ref}: no article files in this folder (.txt, .md, .html, feeds)")
        return
    yield from _expand_file(path)


def _expand_file(path: Path) -> Iterator[Pending | Failed]:
    origin = str(path)
    try:
        if not files.is_regular(path):  # a pipe, FIFO or device is read once: its bytes travel on
            yield from _expand_bytes(origin, files.read_bytes(path), None)
            return
        head = files.read_head(path)
        if sniff.sniff(head, origin) in ("feed", "jsonfeed"):
            yield from _expand_feed(origin, files.read_bytes(path), None)
        else:
            yield Pending(origin, path=path)
    except InputError as exc:
        yield Failed(origin, _reason(exc, origin))


def _expand_bytes(origin: str, data: bytes, fetched: web.Fetched | None) -> Iterator[Pending | Failed]:
    if sniff.sniff(data, origin) in ("feed", "jsonfeed"):
        yield from _expand_feed(origin, data, fetched)
    else:
        yield Pending(origin, data=data)


def _expand_feed(origin: str, data: bytes, fetched: web.Fetched | None) -> Iterator[Pending | Failed]:
    entries = feeds.parse(data, origin, content_type=fetched.content_type if fetched else None)
    for entry in entries:
        yield Pending(entry.link or f"{origin}#{entry.index}", entry=entry)


def load(item: Pending, *, fetcher: web.Fetcher | None = None, fetch: bool = True) -> Article:
    """Read, fetch or extract one pending item; ``InputError`` says why it cannot be an article."""
    if item.entry is not None:
        return _load_entry(item, fetcher, fetch)
    if item.fetched is not None:
        return _from_fetched(item.fetched, item.origin)
    if item.path is not None:
        data = files.read_bytes(item.path)
        origin = str(item.path)
        source = str(item.path.resolve())
        return _from_bytes(data, origin, source, match_source=True)
    assert item.data is not None
    return _from_bytes(item.data, item.origin, item.origin, match_source=False)


def _from_bytes(data: bytes, origin: str, source: str, *, match_source: bool) -> Article:
    kind = sniff.sniff(data, origin)
    if kind == "html":
        page = html.extract(data, origin)
        return Article(
            page.text,
            source,
            title=page.title,
            published=page.published,
            url=page.url,
            site=page.site,
            byline=page.byline,
            match_source=match_source,
        )
    if kind in ("feed", "jsonfeed"):
        raise InputError(f"{origin}: a feed inside a feed is not followed")
    title, body = text.parse(data, origin)
    return Article(body, source, title=title, match_source=match_source)


def _from_fetched(got: web.Fetched, origin: str) -> Article:
    kind = sniff.sniff(got.data, origin, content_type=got.content_type)
    if kind == "html":
        page = html.extract(got.data, origin, url=got.url, charset=got.charset)
        return Article(
            page.text,
            got.url,
            title=page.title,
            published=page.published,
            url=page.url or got.url,
            site=page.site,
            byline=page.byline,
        )
    if kind == "text":
        title, body = text.parse(got.data, origin, charset=got.charset)
        return Article(body, got.url, title=title, url=got.url)
    raise InputError(f"{origin}: a feed linked from a feed is not followed")


NOT_FETCHED = "pages not fetched (--no-fetch)"


def page_to_fetch(item: Pending, *, fetch: bool = True) -> str | None:
    """The URL ``load`` fetches for ``item``: a feed entry's page when the feed carries only its
    summary (so it can be fetched ahead, in parallel with other items); None when nothing is fetched."""
    entry = item.entry
    if entry is None or not fetch or not entry.link or entry.full_text() is not None:
        return None
    return entry.link


def _load_entry(item: Pending, fetcher: web.Fetcher | None, fetch: bool) -> Article:
    """A feed entry as an article: its full text when the feed carries it, else its page fetched;
    when the page cannot be fetched (offline, an error page), the entry's summary, marked as such.
    An entry that needs its page but links to another scheme (``file:``, ``javascript:``) fails, saying so."""
    entry = item.entry
    assert entry is not None
    body = entry.full_text()
    if body is None and entry.foreign_link is not None:
        scheme = urlsplit(entry.foreign_link).scheme
        raise InputError(f"{item.origin}: feed entry links to an {web.unsupported_scheme(scheme)}")
    summary = entry.summary_text() if body is None else None
    summary_only: str | None = None
    if body is None and entry.link and (not fetch or fetcher is None):
        summary_only = NOT_FETCHED
    elif body is None and entry.link and fetcher is not None:
        try:
            page = _from_fetched(fetcher.fetch(entry.link), entry.link)
        except InputError as exc:
            summary_only = _reason(exc, entry.link)
            if not summary:
                raise InputError(f"{entry.link}: {summary_only} (and the feed entry has no summary)") from None
        else:
            return Article(
                page.text,
                page.source,
                title=page.title or entry.title,
                published=page.published or entry.published,
                url=page.url,
                site=page.site or entry.site,
                byline=page.byline or entry.author,
                replaces=FeedSummary(entry.link, summary) if summary else None,
            )
    if body is None:
        body = summary
    if not body:
        raise InputError(f"{item.origin}: the feed entry has no text")
    return Article(
        body,
        entry.link or item.origin,
        title=entry.title,
        published=entry.published,
        url=entry.link,
        site=entry.site,
        byline=entry.author,
        match_source=entry.link is not None,
        summary_only=summary_only,
    )


__all__ = ["NOT_FETCHED", "Article", "Failed", "FeedSummary", "Pending", "expand", "load", "page_to_fetch", "web"]
