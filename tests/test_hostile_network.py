"""Hostile servers and feeds (issue 11): headers that trickle in for a minute, feed entries that link
to ``file:`` or ``javascript:``, a page that claims another article's canonical URL, and a large
feed fetched a few requests at a time per host. A real HTTP server on 127.0.0.1 in a thread, real
library files, the real model, the real CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from newsread.core.errors import InputError
from newsread.core.sources.web import Fetcher
from support.hostile_network import story_feed, story_page
from support.server import QuietHandler, serve

CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]


# -- item 10: --timeout bounds the whole request, also while headers trickle in -------------------


class _Trickle(QuietHandler):
    """Answers 200 and then one header line a second for a minute, never ending the headers."""

    stop: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.flush_headers()
        for n in range(60):
            if self.stop.wait(1):
                return
            try:
                self.wfile.write(f"X-Slow-{n}: still coming\r\n".encode())
                self.wfile.flush()
            except OSError:  # the client gave up: what the test wants
                return


@pytest.fixture
def trickle() -> Iterator[str]:
    _Trickle.stop.clear()
    with serve(_Trickle) as base:
        yield base
        _Trickle.stop.set()


def test_the_timeout_bounds_a_request_whose_headers_trickle_in(trickle: str) -> None:
    started = time.monotonic()
    with Fetcher(timeout=2) as fetcher, pytest.raises(InputError, match=r": timed out after 2 s$"):
        fetcher.fetch(f"{trickle}/story")
    assert time.monotonic() - started < 15


def test_add_with_a_timeout_returns_while_headers_trickle_in(tmp_path: Path, trickle: str) -> None:
    cmd = [*CLI, "--db", str(tmp_path / "l.db"), "add", "--progress", "plain", "--timeout", "2", f"{trickle}/story"]
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert done.stderr == f"newsread: {trickle}/story: timed out after 2 s\n"


# -- item 25: a feed entry linking to file: or javascript: says so ---------------------------------

DATA = Path(__file__).parent / "data" / "sources"
LONG = " ".join(["The council met on Tuesday and said the new bridge would open in the spring."] * 12)


def _rss(base: str) -> bytes:
    items = [
        ("Local file", "file:///etc/passwd", "Officials said the plan would go ahead."),
        ("Script", "javascript:alert(1)", "The mayor said the budget was balanced."),
        ("Real story", f"{base}/story/3", "A summary of the real story."),
        ("Whole story in the feed", "javascript:void(0)", LONG),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{text}</description></item>"
        for title, link, text in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>{base}/</link>'
        f"{body}</channel></rss>"
    ).encode()


class _Feed(QuietHandler):
    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed":
            self.reply(200, _rss(base), "application/rss+xml")
        elif self.path == "/story/3":
            self.reply(200, (DATA / "page3.html").read_bytes(), "text/html; charset=utf-8")
        else:
            self.reply(404, b"not here", "text/plain")


def test_feed_entries_linking_to_file_or_javascript_say_so(tmp_path: Path) -> None:
    from newsread.core.store.library import Library

    db = tmp_path / "l.db"
    with serve(_Feed) as base:
        cmd = [*CLI, "--db", str(db), "add", "--progress", "plain", f"{base}/feed"]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"newsread: {base}/feed#0: feed entry links to an unsupported URL scheme 'file:' "
        "(newsread fetches http and https only)",
        f"newsread: {base}/feed#1: feed entry links to an unsupported URL scheme 'javascript:' "
        "(newsread fetches http and https only)",
    ]
    assert done.stdout.splitlines()[-1] == "added 2, duplicates 0, updated 0, failed 2"
    with Library.open(db) as lib:
        rows = {row.title: row for row in lib.articles(limit=10)}
    assert len(rows) == 2
    assert rows["Whole story in the feed"].url is None  # a javascript: link is never kept as the article's URL


# -- item 11: a page claiming another article's canonical URL never replaces it ---------------------

PLAIN = Path("/work/shared/corpus/plain")
CANONICAL = "https://news.example.com/"


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{CANONICAL}"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def _paragraphs(name: str) -> list[str]:
    text = (PLAIN / name).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()][1:]


class _Canonical(QuietHandler):
    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        page = self.pages.get(self.path)
        if page is None:
            self.reply(404, b"not here", "text/plain")
        else:
            self.reply(200, page, "text/html; charset=utf-8")


def test_a_page_claiming_another_articles_canonical_url_is_added_beside_it(tmp_path: Path) -> None:
    from newsread.core.store.library import Library

    first = _paragraphs("aeb_aljazeera-com_42aad16bde.txt")
    other = _paragraphs("aeb_aljazeera-com_7916ecca96.txt")
    _Canonical.pages = {
        "/first": _page("Talks resume in Doha", first),
        "/impostor": _page("Storm hits the coast", other),
        "/first-updated": _page(
            "Talks resume in Doha, officials say", [*first[:3], "Updated with a statement.", *first[3:]]
        ),
    }
    db = tmp_path / "l.db"
    with serve(_Canonical) as base:

        def add(path: str) -> str:
            cmd = [*CLI, "--db", str(db), "add", "--progress", "plain", f"{base}{path}"]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            return done.stdout.splitlines()[0]

        assert add("/first").startswith("[1/1] added #1 ")
        assert add("/impostor").startswith("[1/1] added #2 ")  # not "updated #1": nothing replaced
        with Library.open(db) as lib:
            assert lib.count() == 2
            kept, impostor = lib.analysis(1), lib.analysis(2)
            assert kept is not None and first[0][:60] in kept.text
            assert impostor is not None and other[0][:60] in impostor.text
        assert add("/first-updated").startswith("[1/1] updated #1 ")  # a re-publication updates in place
    with Library.open(db) as lib:
        assert lib.count() == 2
        updated = lib.analysis(1)
        assert updated is not None and "Updated with a statement." in updated.text


# -- item 29: a feed's pages are fetched in parallel, a few at a time per host ----------------------


class _Slow(QuietHandler):
    """Pages that take 100 ms each; counts the requests in flight per server (host) and overall."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    in_flight: ClassVar[dict[int, int]] = {}
    most: ClassVar[dict[int, int]] = {}
    most_overall: ClassVar[list[int]] = [0]
    feed: ClassVar[bytes] = b""

    def do_GET(self) -> None:
        if self.path == "/feed":
            self.reply(200, self.feed, "application/rss+xml")
            return
        port = self.server.server_address[1]
        with self.lock:
            self.in_flight[port] = self.in_flight.get(port, 0) + 1
            self.most[port] = max(self.most.get(port, 0), self.in_flight[port])
            self.most_overall[0] = max(self.most_overall[0], sum(self.in_flight.values()))
        try:
            time.sleep(0.1)
            n = int(self.path.rsplit("/", 1)[1])
        finally:
            # counted out before the answer is written: once the client has the whole answer it may
            # send its next request, which must not find this one still counted
            with self.lock:
                self.in_flight[port] -= 1
        self.reply(200, story_page(n), "text/html; charset=utf-8")


def test_a_feeds_pages_are_fetched_in_parallel_within_the_per_host_limit(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from newsread.core.cli import cli
    from newsread.core.store.library import Library

    _Slow.in_flight, _Slow.most, _Slow.most_overall = {}, {}, [0]
    with serve(_Slow) as one, serve(_Slow) as two, serve(_Slow) as three:
        _Slow.feed = story_feed([one, two, three], 30)
        db = tmp_path / "l.db"
        result = CliRunner().invoke(
            cli, ["--db", str(db), "add", "--progress", "plain", f"{one}/feed"], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "added 30, duplicates 0, updated 0, failed 0"
    assert lines[:-1] == [f"[{n + 1}/30] added #{n + 1} Story {n}" for n in range(30)]  # stored in feed order
    assert len(_Slow.most) == 3 and max(_Slow.most.values()) <= 2  # never more than 2 at once per host
    assert _Slow.most_overall[0] > 2  # several hosts at once
    with Library.open(db) as lib:
        assert sorted((row.id, row.title) for row in lib.articles(limit=50)) == [
            (n + 1, f"Story {n}") for n in range(30)
        ]
