"""Pages and feeds for the tests that fetch many entries from local servers (the feed benchmark has
its own, in benchmarks/_support.py)."""

from __future__ import annotations

TOWNS = ["Arden", "Bexley", "Corran", "Dunmore", "Elgin", "Falkirk", "Garvald", "Hexham"]


def story_page(n: int) -> bytes:
    """A short article page titled "Story n", different for every ``n`` (no two are duplicates)."""
    paragraphs = [
        f"The council of {TOWNS[n % 8]} voted {n} to {n + 3} on Tuesday to rebuild the old bridge over the river.",
        f"“We have waited {n + 10} years for this,” said Mayor Jane Holt{n}, who has led the town since {1990 + n}.",
        f"Work on section {n} is due to start in the spring and to cost {n + 2} million pounds, officials said.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>Story {n}</title></head><body><article>{body}</article></body></html>".encode()


def story_feed(hosts: list[str], entries: int) -> bytes:
    """An RSS feed whose entry n links to ``/story/n`` on host ``n % len(hosts)``, with a one-line summary."""
    items = "".join(
        f"<item><title>Story {n}</title><link>{hosts[n % len(hosts)]}/story/{n}</link>"
        f"<description>Summary {n}.</description></item>"
        for n in range(entries)
    )
    return f'<rss version="2.0"><channel><title>Stories</title>{items}</channel></rss>'.encode()
