"""Feeds to subscribe to on a real local HTTP server: RSS with an ETag, Atom with Last-Modified,
a JSON Feed with both, each answering 304 to a request that names its current version; a path
that is missing (404), one that answers slowly, feeds whose entries can be changed between
refreshes, and pages with full texts for the entries."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from typing import ClassVar

from support.server import QuietHandler, serve

SUMMARIES = [
    "The mayor of Springfield said on Tuesday that the city budget would be balanced by spring.",
    "“We will not stop until the plant reopens,” said the union leader, Jane Smith, outside the gates.",
    "Officials in Texas said a new campaign against meth would run through the winter months.",
    "Prosecutors in Sweden dropped an inquiry on Tuesday, a spokeswoman for the office said.",
]
PAGE_TEXT = (
    "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
    + "<p>{summary} Officials spoke to reporters for an hour, and the council will meet again next week "
    "to decide what the city does with the money left over from the last year.</p>" * 3 + "</article></body></html>"
)
SLOW_SECONDS = 3.0


def rss(base: str, entries: list[int], title: str = "Springfield Daily", pages: str = "story") -> bytes:
    """The RSS feed of ``entries``, each linking to ``/{pages}/N`` (``moved``: a page that redirects)."""
    items = "".join(
        f"<item><title>Story {n}</title><guid>{base}/story/{n}</guid><link>{base}/{pages}/{n}</link>"
        f"<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{SUMMARIES[n % len(SUMMARIES)]}"
        "</description></item>"
        for n in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, entries: list[int]) -> bytes:
    items = "".join(
        f"<entry><title>Story {n}</title><id>urn:story:{n}</id><link href='{base}/story/{n}'/>"
        f"<updated>2019-11-19T10:00:00Z</updated><summary>{SUMMARIES[n % len(SUMMARIES)]}</summary></entry>"
        for n in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom Times</title><id>urn:atom</id><updated>2019-11-19T10:00:00Z</updated>{items}</feed>"
    ).encode()


def json_feed(base: str, entries: list[int]) -> bytes:
    import json

    items = [
        {
            "id": f"json-{n}",
            "url": f"{base}/story/{n}",
            "title": f"Story {n}",
            "summary": SUMMARIES[n % len(SUMMARIES)],
            "date_published": "2019-11-19T10:00:00Z",
        }
        for n in entries
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Journal", "items": items}
    return json.dumps(doc).encode()


class SubscriptionHandler(QuietHandler):
    """``/rss``, ``/atom`` and ``/json`` serve ``entries[path]`` in their format; ``/slow`` answers
    ``/rss`` after ``slow_seconds``; ``/story/N`` is a full article page unless pages are ``broken``;
    anything else is 404. Every request is recorded in ``requests`` (path, status)."""

    base: ClassVar[str] = ""
    slow_seconds: ClassVar[float] = SLOW_SECONDS
    entries: ClassVar[dict[str, list[int]]] = {}
    broken: ClassVar[bool] = False
    requests: ClassVar[list[tuple[str, int]]] = []
    in_flight: ClassVar[int] = 0
    most_in_flight: ClassVar[int] = 0  # the most requests the server held at once before answering
    lock = threading.Lock()

    def _record(self, status: int) -> None:
        with self.lock:
            self.requests.append((self.path, status))

    def do_GET(self) -> None:
        cls = type(self)
        with self.lock:
            cls.in_flight += 1
            cls.most_in_flight = max(cls.most_in_flight, cls.in_flight)
        try:
            time.sleep(0.05)  # long enough for requests made at once to overlap here
        finally:
            # Counted out before the answer is written: a client that waits for each answer sends
            # its next request only after that, and must not be seen overlapping this thread's end.
            with self.lock:
                cls.in_flight -= 1
        self._answer()

    def _answer(self) -> None:
        base = f"http://{self.headers['Host']}"
        path = self.path
        if path == "/slow":
            time.sleep(self.slow_seconds)
            path = "/rss"
        if path == "/site":  # a home page naming its feeds, Atom first
            page = (
                '<html><head><link rel="alternate" type="application/atom+xml" href="/atom">'
                '<link rel="alternate" type="application/rss+xml" href="rss"></head><body>Home</body></html>'
            )
            self._record(200)
            self.reply(200, page.encode(), "text/html; charset=utf-8")
            return
        if path.startswith("/moved/"):  # a page that moved: 301 to its story
            self._record(301)
            self.send_response(301)
            self.send_header("Location", path.replace("/moved/", "/story/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.startswith("/story/"):
            if self.broken:
                self._record(500)
                self.reply(500, b"down", "text/plain")
                return
            n = int(path.rsplit("/", 1)[1])
            self._record(200)
            page = PAGE_TEXT.format(n=n, summary=SUMMARIES[n % len(SUMMARIES)])
            self.reply(200, page.encode(), "text/html; charset=utf-8")
            return
        moved = partial(rss, title="Moving Times", pages="moved")
        makers = {"/rss": (rss, "application/rss+xml"), "/atom": (atom, "application/atom+xml")}
        makers["/moving"] = (moved, "application/rss+xml")
        makers["/json"] = (json_feed, "application/feed+json")
        if path not in makers or path not in self.entries:
            self._record(404)
            self.reply(404, b"not here", "text/plain")
            return
        make, ctype = makers[path]
        body = make(base, self.entries[path])
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        # The version's time: later for more entries, so a changed feed is newer.
        numbers = self.entries[path]
        stamp = format_datetime(datetime.fromtimestamp(1_700_000_000 + sum(numbers) + len(numbers), UTC), usegmt=True)
        validators = {"/rss": {"ETag": etag}, "/atom": {"Last-Modified": stamp}}.get(
            path, {"ETag": etag, "Last-Modified": stamp}
        )
        unchanged = ("ETag" in validators and self.headers.get("If-None-Match") == etag) or (
            "ETag" not in validators and self.headers.get("If-Modified-Since") == stamp
        )
        self._record(304 if unchanged else 200)
        self.send_response(304 if unchanged else 200)
        for name, value in validators.items():
            self.send_header(name, value)
        if unchanged:
            self.end_headers()
            return
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def feed_server(entries: dict[str, list[int]]) -> Iterator[type[SubscriptionHandler]]:
    """A server of ``entries`` (path -> entry numbers); yields the handler class, its ``base`` set."""

    class Handler(SubscriptionHandler):
        pass

    Handler.entries = {k: list(v) for k, v in entries.items()}
    Handler.requests = []
    Handler.broken = False
    Handler.in_flight = Handler.most_in_flight = 0
    with serve(Handler) as base:
        Handler.base = base
        yield Handler


def subscribe(db: Path, url: str, name: str) -> None:
    """``newsread feeds add URL --name NAME`` into the library ``db``, as a user runs it."""
    newsread = Path(sys.executable).with_name("newsread")
    command = [str(newsread), "--db", str(db), "feeds", "add", url, "--name", name]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
