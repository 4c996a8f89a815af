"""``newsread add`` of a feed whose entries' pages must each be fetched, from local servers that
take ``--delay`` seconds per page: the time fetching adds to ``ingest()``, for one host and for
entries spread over several hosts (round robin), against the same feed served without delay.

Each host is a real HTTP server on 127.0.0.1 (its own port); the model is loaded before timing.
The feed itself is served by the first host. Run it on the code before and after a change with
the same arguments to compare:

    .venv/bin/python benchmarks/bench_feed_fetch.py [--entries 50] [--delay 0.1] [--hosts 1 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from _support import stories_feed, story, web_server


def pages(delay: float, feed: list[bytes]) -> Callable[[str], tuple[bytes, str]]:
    """Answers ``feed[0]`` at /feed and story n at /story/n after ``delay`` seconds."""

    def answer(path: str) -> tuple[bytes, str]:
        if path == "/feed":
            return feed[0], "application/rss+xml"
        time.sleep(delay)
        return story(int(path.rsplit("/", 1)[1])), "text/html; charset=utf-8"

    return answer


def run(entries: int, hosts: int, delay: float) -> dict[str, float | int]:
    """Seconds ``ingest()`` takes for the feed, and what it stored."""
    from newsread.core.ingest import ingest
    from newsread.core.store.library import Library

    feed: list[bytes] = [b""]
    with ExitStack() as stack:
        bases = [stack.enter_context(web_server(pages(delay, feed))) for _ in range(hosts)]
        feed[0] = stories_feed(bases, entries)
        with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "library.db") as lib:
            started = time.perf_counter()
            summary = ingest([f"{bases[0]}/feed"], lib)
            seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "added": summary.added, "failed": summary.failed}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--delay", type=float, default=0.1, help="seconds each page takes to answer")
    ap.add_argument("--hosts", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "feed_fetch.json")
    args = ap.parse_args()

    from newsread.core import nlp as nlp_mod

    list(nlp_mod.load(None).pipe(["Warm up, the model said."]))
    results: dict[str, object] = {"entries": args.entries, "delay": args.delay}
    results["no_delay"] = run(args.entries, 1, 0.0)
    for hosts in args.hosts:
        results[f"hosts_{hosts}"] = run(args.entries, hosts, args.delay)
    print(json.dumps(results, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
