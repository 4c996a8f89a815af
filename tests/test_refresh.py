"""Subscriptions refreshed from a real local HTTP server (RSS with an ETag, Atom with Last-Modified,
a JSON Feed with both, a 304, a 404, a slow answer, a changed feed) into real library files,
through the command line; the real model analyses what is stored."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from newsread.core.cli import cli
from newsread.core.store.feeds import Feeds
from newsread.core.store.library import Library
from support.subscriptions import SubscriptionHandler, feed_server


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False, env={"COLUMNS": "200"})


def _newsread(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``newsread`` as the user runs it: errors are one line on stderr and an exit status."""
    command = [sys.executable, "-m", "newsread.core.cli", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def server() -> Iterator[type[SubscriptionHandler]]:
    with feed_server({"/rss": [0, 1], "/atom": [2, 3], "/json": [0, 2]}) as handler:
        yield handler


def _subscribe_all(db: Path, base: str) -> None:
    for path in ("/rss", "/atom", "/json"):
        result = _run(db, "feeds", "add", base + path)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("subscribed to ")


def _feed_lines(result: Result) -> list[str]:
    """The one line per feed (the totals line after them left out)."""
    return [line for line in result.stdout.splitlines() if ": " in line and " feed(s): " not in line]


def test_refresh_adds_each_feeds_entries_once_then_asks_only_for_changes(
    tmp_path: Path, server: type[SubscriptionHandler]
) -> None:
    db = tmp_path / "l.db"
    _subscribe_all(db, server.base)
    listed = json.loads(_run(db, "feeds", "ls", "--json").stdout)
    assert [f["name"] for f in listed] == ["Atom Times", "JSON Journal", "Springfield Daily"]
    assert all(f["last_refresh"] is None and f["articles"] == 0 for f in listed)

    server.most_in_flight = 0
    first = _run(db, "refresh", "--no-fetch", "--progress", "plain", "--jobs", "4")
    assert first.exit_code == 0, first.output
    # One request at a time to the one host, however many feeds are fetched at once.
    assert server.most_in_flight == 1
    # Feeds in name order; an entry whose text another feed brought is that article, not a new one.
    assert _feed_lines(first) == [
        "Atom Times: 2 new, 2 summary only",
        "JSON Journal: 1 new, 2 summary only",
        "Springfield Daily: 1 new, 2 summary only",
    ]
    with Library.open(db) as lib:
        assert lib.count() == 4
        feeds = {f.name: f for f in Feeds(lib).all()}
        assert {n: (f.articles, f.unread, f.last_error) for n, f in feeds.items()} == {
            "Atom Times": (2, 2, None),
            "JSON Journal": (2, 2, None),
            "Springfield Daily": (2, 2, None),
        }
        assert feeds["Springfield Daily"].etag and feeds["Atom Times"].modified

    server.requests.clear()
    again = _run(db, "refresh", "--no-fetch", "--progress", "plain")
    assert again.exit_code == 0, again.output
    assert sorted(_feed_lines(again)) == [
        "Atom Times: not modified",
        "JSON Journal: not modified",
        "Springfield Daily: not modified",
    ]
    assert sorted(server.requests) == [("/atom", 304), ("/json", 304), ("/rss", 304)]

    server.entries["/rss"] = [0, 1, 2]  # a new entry, 2, which the Atom feed brought already
    server.entries["/atom"] = [2, 3, 1]
    changed = _run(db, "refresh", "--no-fetch", "--progress", "plain", "springfield daily", "Atom Times")
    assert changed.exit_code == 0, changed.output
    assert _feed_lines(changed) == ["Springfield Daily: 0 new, 1 summary only", "Atom Times: 0 new, 1 summary only"]
    with Library.open(db) as lib:
        assert lib.count() == 4  # never a duplicate: the same texts are the articles stored
        feeds = {f.name: f for f in Feeds(lib).all()}
        assert feeds["Springfield Daily"].articles == 3  # the entry is tied to both feeds
        assert feeds["Atom Times"].articles == 3


def test_a_feed_that_fails_keeps_its_articles_and_its_error(tmp_path: Path, server: type[SubscriptionHandler]) -> None:
    db = tmp_path / "l.db"
    _subscribe_all(db, server.base)
    with Library.open(db) as lib:
        Feeds(lib).add(server.base + "/slow", name="Slow")
    assert _run(db, "refresh", "--no-fetch", "--progress", "plain", "Springfield Daily").exit_code == 0
    del server.entries["/rss"]  # now 404
    result = _run(db, "refresh", "--no-fetch", "--progress", "plain", "--timeout", "1", "--jobs", "4")
    assert result.exit_code == 1
    lines = sorted(_feed_lines(result))
    assert lines == [
        "Atom Times: 2 new, 2 summary only",
        "JSON Journal: 0 new, 2 summary only",  # its two entries' texts came with the other feeds
        "Slow: failed: timed out after 1 s",
        "Springfield Daily: failed: HTTP 404 Not Found",
    ]
    listed = {f["name"]: f for f in json.loads(_run(db, "feeds", "ls", "--json").stdout)}
    assert listed["Springfield Daily"]["articles"] == 2
    assert listed["Springfield Daily"]["last_error"] == "HTTP 404 Not Found"
    assert listed["Slow"]["last_error"] == "timed out after 1 s"
    assert "HTTP 404 Not Found" in _run(db, "feeds", "ls").stdout


def test_summaries_are_replaced_by_full_texts_when_the_pages_answer(
    tmp_path: Path, server: type[SubscriptionHandler]
) -> None:
    db = tmp_path / "l.db"
    assert _run(db, "feeds", "add", server.base + "/rss", "--name", "Daily").exit_code == 0
    server.broken = True
    first = _run(db, "refresh", "--progress", "plain")
    assert first.exit_code == 0, first.output
    assert _feed_lines(first)[-1] == "Daily: 2 new, 2 summary only"
    with Library.open(db) as lib:
        assert [r.summary_only is not None for r in lib.articles()] == [True, True]
    server.broken = False
    server.requests.clear()
    second = _run(db, "refresh", "--progress", "plain")
    assert _feed_lines(second)[-1] == "Daily: 0 new, 2 updated"
    assert ("/rss", 200) in server.requests  # the whole feed, though unchanged: its summaries are re-fetched
    with Library.open(db) as lib:
        rows = lib.articles()
        assert len(rows) == 2 and all(r.summary_only is None for r in rows)
        assert Feeds(lib).find("Daily").articles == 2
    server.requests.clear()
    third = _run(db, "refresh", "--progress", "plain")
    assert _feed_lines(third)[-1] == "Daily: not modified"
    assert server.requests == [("/rss", 304)]


def test_refresh_progress_as_json_lines(tmp_path: Path, server: type[SubscriptionHandler]) -> None:
    db = tmp_path / "l.db"
    assert _run(db, "feeds", "add", server.base + "/json").exit_code == 0
    result = _run(db, "refresh", "--no-fetch", "--progress", "jsonl")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == ["start", "item", "item", "feed", "done"]
    assert events[0] == {"event": "start", "total": 1}
    items = [e for e in events if e["event"] == "item"]
    assert all(e["feed"] == "JSON Journal" and e["status"] == "added" and e["id"] for e in items)
    assert events[-2]["line"] == "JSON Journal: 2 new, 2 summary only"
    assert events[-1]["added"] == 2 and events[-1]["feeds_failed"] == 0


def test_feed_commands_say_what_is_wrong_in_one_line(tmp_path: Path, server: type[SubscriptionHandler]) -> None:
    db = tmp_path / "l.db"
    Library.open(db).close()
    for args, message in (
        (("feeds", "add", server.base + "/nothing"), "HTTP 404 Not Found"),
        (("feeds", "add", str(tmp_path / "no.xml")), "no such file"),
        (("feeds", "add", str(tmp_path)), "a folder, not a feed"),
        (("refresh",), "no feeds to refresh: `newsread feeds add URL` subscribes to one"),
        (("feeds", "rm", "Nope"), "no feed named 'Nope'"),
    ):
        proc = _newsread(db, *args)
        assert (proc.returncode, proc.stdout) == (1, ""), proc.stderr
        assert proc.stderr.startswith("newsread: ") and message in proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert _run(db, "feeds", "add", server.base + "/rss").exit_code == 0
    twice = _newsread(db, "feeds", "add", server.base + "/rss", "--name", "Other")
    assert twice.returncode == 1 and "already subscribed (this URL is the feed 'Springfield Daily')" in twice.stderr
    unknown = _newsread(db, "refresh", "Nope")
    assert unknown.returncode == 1 and "no feed named 'Nope'" in unknown.stderr


def test_entries_whose_pages_redirect_are_known_by_their_key(tmp_path: Path) -> None:
    with feed_server({"/moving": [0, 1]}) as server:
        db = tmp_path / "l.db"
        assert _run(db, "feeds", "add", server.base + "/moving").exit_code == 0
        first = _run(db, "refresh", "--progress", "plain")
        assert _feed_lines(first) == ["Moving Times: 2 new"]
        with Library.open(db) as lib:
            feed = Feeds(lib).find("Moving Times")
            assert set(Feeds(lib).stored_entries(feed.id)) == {f"{server.base}/story/0", f"{server.base}/story/1"}
        server.entries["/moving"] = [0, 1, 2]
        server.requests.clear()
        second = _run(db, "refresh", "--progress", "plain")
        assert _feed_lines(second) == ["Moving Times: 1 new"]
        # Only the new entry's page is fetched: the others are known though they were stored under
        # the address their links redirected to.
        assert [path for path, _ in server.requests if path.startswith(("/moved/", "/story/"))] == [
            "/moved/2",
            "/story/2",
        ]


def test_a_sites_page_subscribes_to_the_feed_it_names(tmp_path: Path, server: type[SubscriptionHandler]) -> None:
    db = tmp_path / "l.db"
    result = _run(db, "feeds", "add", server.base + "/site")
    assert result.exit_code == 0, result.output
    listed = json.loads(_run(db, "feeds", "ls", "--json").stdout)
    assert [(f["name"], f["url"]) for f in listed] == [("Springfield Daily", server.base + "/rss")]
