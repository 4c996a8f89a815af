"""``newsread refresh --no-fetch`` of 20 subscribed feeds of 50 entries each, from local servers:
the time per feed of the first refresh (every entry new: parsed, analysed by the real model and
stored as its summary), of a second one (every feed answers 304 Not Modified) and of a third after
each feed gained one entry (a changed feed: 50 entries skipped, one stored).

Every entry's summary is a different story of two sentences with a quote, so none is a duplicate.
The feeds are served with an ETag by ``--hosts`` real HTTP servers on 127.0.0.1 (feed k on host
k mod hosts; one request at a time per host, ``--jobs`` feeds fetched at once). The model is loaded
before timing. Run it on the code before and after a change with the same arguments to compare:

    .venv/bin/python benchmarks/bench_feeds.py [--feeds 20] [--entries 50] [--hosts 1] [--jobs 4]
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import ClassVar

from _support import TOWNS, serving


def summary(feed: int, n: int) -> str:
    town = TOWNS[(feed + n) % len(TOWNS)]
    return (
        f"The council of {town} voted {n} to {feed + 3} on Tuesday to rebuild bridge {feed}-{n}. "
        f"“We have waited {n + 10} years for this,” said Mayor Jane Holt{feed}x{n}."
    )


def rss(feed: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {feed} story {n}</title><guid>feed-{feed}-{n}</guid>"
        f"<link>http://unused.invalid/{feed}/{n}</link><description>{summary(feed, n)}</description></item>"
        for n in range(entries)
    )
    return f'<rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    """Serves ``bodies`` (path -> feed) with an ETag, and 304 to a request naming it."""

    bodies: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.bodies[self.path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def feed_host() -> Iterator[str]:
    """A real HTTP server of ``_FeedHandler.bodies`` on a free port of 127.0.0.1; its base URL."""
    with serving(_FeedHandler) as base:
        yield base


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--hosts", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "feeds.json")
    args = ap.parse_args()

    from newsread.core import nlp as nlp_mod
    from newsread.core.refresh import refresh_feeds
    from newsread.core.store.feeds import Feeds
    from newsread.core.store.library import Library

    list(nlp_mod.load(None).pipe(["Warm up, the model said."]))
    bodies = _FeedHandler.bodies
    bodies.update({f"/feed/{k}": rss(k, args.entries) for k in range(args.feeds)})
    results: dict[str, object] = {"feeds": args.feeds, "entries": args.entries, "hosts": args.hosts}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        bases = [stack.enter_context(feed_host()) for _ in range(args.hosts)]
        with Library.open(Path(tmp) / "library.db") as lib:
            feeds = Feeds(lib)
            for k in range(args.feeds):
                feeds.add(f"{bases[k % args.hosts]}/feed/{k}", name=f"Feed {k}")

            def timed(label: str) -> None:
                started = time.perf_counter()
                done = refresh_feeds(lib, feeds.all(), fetch=False, jobs=args.jobs)
                seconds = time.perf_counter() - started
                results[label] = {
                    "seconds": round(seconds, 2),
                    "ms_per_feed": round(1000 * seconds / args.feeds, 1),
                    "added": sum(r.added for r in done),
                    "unchanged": sum(r.status == "unchanged" for r in done),
                    "failed": sum(r.status == "failed" for r in done),
                }

            timed("first")
            timed("not_modified")
            for k in range(args.feeds):
                bodies[f"/feed/{k}"] = rss(k, args.entries + 1)
            timed("one_new_entry_each")
            results["articles"] = lib.count()
    print(json.dumps(results, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
