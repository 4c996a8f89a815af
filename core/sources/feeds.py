"""Feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser (which honours each feed's encoding), JSON Feed by hand."""

from __future__ import annotations

import json
import time
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..textio import decode_text, wide_encoding
from .html import fragment_text

FULL_TEXT_WORDS = 150
"""An entry carrying at least this many words is taken as the full article; shorter ones are summaries."""


@dataclass(slots=True)
class Entry:
    index: int
    title: str | None
    link: str | None
    published: str | None
    author: str | None
    content_html: str | None
    summary_html: str | None
    site: str | None
    foreign_link: str | None = None  # a link newsread never follows (file:, javascript:, …), kept to say so
    guid: str | None = None  # the entry's own id (RSS guid, Atom id, JSON Feed id), when it has one

    def key(self) -> str | None:
        """What tells this entry from the feed's others across refreshes: its id, else its link,
        else its title (None when it has none of them)."""
        return self.guid or self.link or self.foreign_link or self.title

    def full_text(self) -> str | None:
        """The entry's text when the feed carries the whole article, else None."""
        for candidate in (self.content_html, self.summary_html):
            if candidate:
                text = fragment_text(candidate)
                if len(text.split()) >= FULL_TEXT_WORDS:
                    return text
        return None

    def summary_text(self) -> str | None:
        texts = [fragment_text(c) for c in (self.content_html, self.summary_html) if c]
        texts = [t for t in texts if t]
        return max(texts, key=len) if texts else None


def _links(link: object) -> tuple[str | None, str | None]:
    """(the link to fetch, a link of another scheme never followed): ``javascript:`` or ``file:``
    in a feed from the web must not be read as a page; a relative link stays as it is."""
    if not isinstance(link, str) or not link:
        return None, None
    scheme = urlsplit(link).scheme.lower()
    return (link, None) if scheme in ("", "http", "https") else (None, link)


def _date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    head = value[:10]
    return head if head[4] == "-" and head[7] == "-" else None


def parse(data: bytes, origin: str, *, content_type: str | None = None) -> list[Entry]:
    """The entries of a feed; ``InputError`` for a feed with no items or that is not a feed."""
    json_text = _json_text(data, origin)
    entries = _parse_json(json_text, origin) if json_text is not None else _parse_xml(data, origin, content_type)
    if not entries:
        raise InputError(f"{origin}: the feed has no items")
    return entries


def _parse_xml(data: bytes, origin: str, content_type: str | None) -> list[Entry]:
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # feedparser's updated/published mapping notice
        d = feedparser.parse(data, response_headers=headers)
        return _entries(d, origin)


def _entries(d: Any, origin: str) -> list[Entry]:
    if not d.get("version") and not d.entries:
        reason = d.get("bozo_exception")
        raise InputError(f"{origin}: not a readable feed ({reason or 'unknown format'})")
    feed_link = d.feed.get("link")
    feed_site = d.feed.get("title") or (urlsplit(feed_link).hostname if feed_link else None)
    out: list[Entry] = []
    for i, e in enumerate(d.entries):
        content = e.get("content") or []
        content_html = max((c.get("value", "") for c in content), key=len, default=None) or None
        link, foreign = _links(e.get("link"))
        out.append(
            Entry(
                index=i,
                title=(e.get("title") or "").strip() or None,
                link=link,
                published=_date(e.get("published_parsed") or e.get("updated_parsed")),
                author=e.get("author") or None,
                content_html=content_html,
                summary_html=e.get("summary") or None,
                site=feed_site,
                foreign_link=foreign,
                guid=_guid(e.get("id")),
            )
        )
    return out


def _guid(value: object) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _json_text(data: bytes, origin: str) -> str | None:
    """The text of ``data`` when it is JSON (it opens with ``{``), in UTF-8 or, with a byte order
    mark, UTF-16 or UTF-32; None for anything else, which is read as XML."""
    if wide_encoding(data) is not None:
        text = decode_text(data, origin)
        return text if text.lstrip().startswith("{") else None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not a readable JSON Feed ({exc})") from None


def _parse_json(text: str, origin: str) -> list[Entry]:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1); feedparser 6 does not read it."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{origin}: not a readable JSON Feed ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise InputError(f"{origin}: JSON but not a JSON Feed")
    items = doc.get("items")
    if not isinstance(items, list):
        raise InputError(f"{origin}: the JSON Feed has no items list")
    home = doc.get("home_page_url")
    site = doc.get("title") or (urlsplit(home).hostname if isinstance(home, str) else None)
    out: list[Entry] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"]]
        content_html = item.get("content_html")
        if not content_html and item.get("content_text"):
            content_html = str(item["content_text"]).replace("\n\n", "</p><p>")
        link, foreign = _links(item.get("url") or item.get("external_url"))
        out.append(
            Entry(
                index=i,
                title=(str(item.get("title") or "")).strip() or None,
                link=link,
                published=_iso_date(item.get("date_published") or item.get("date_modified")),
                author=", ".join(names) or None,
                content_html=content_html if isinstance(content_html, str) else None,
                summary_html=item.get("summary") if isinstance(item.get("summary"), str) else None,
                site=site,
                foreign_link=foreign,
                guid=_guid(item.get("id")),
            )
        )
    return out
