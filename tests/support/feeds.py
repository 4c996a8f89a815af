"""A feed of three stories on a local server whose pages can be made to fail: for the tests of
feed summaries kept when pages cannot be fetched (the command line and the app's add dialog)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from support.server import QuietHandler

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
SUMMARIES = {
    1: "Prosecutors in Sweden dropped an inquiry on Tuesday, a spokeswoman said, ending a nine-year case.",
    2: "“The budget will be balanced by spring,” the mayor of Springfield said, despite a shortfall.",
    3: "Officials in Texas said a new campaign against meth would run through the winter.",
}


def _rss(base: str) -> bytes:
    """The RSS feed of the three stories on ``base``, each with its summary."""
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story/{n}</link>"
        f"<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{text}</description></item>"
        for n, text in SUMMARIES.items()
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test News</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


class FeedHandler(QuietHandler):
    """Serves the feed of ``SUMMARIES`` at /feed and its stories at /story/n (the pages in
    ``tests/data/sources``); a path in ``broken`` answers 500, as a page that cannot be fetched."""

    broken: ClassVar[set[str]] = set()  # paths that answer 500 for now

    def do_GET(self) -> None:
        if self.path == "/feed":
            self.reply(200, _rss(f"http://{self.headers['Host']}"), "application/rss+xml")
        elif self.path in self.broken:
            self.reply(500, b"down for maintenance", "text/plain")
        elif self.path.startswith("/story/"):
            page = DATA / f"page{self.path.rsplit('/', 1)[1]}.html"
            self.reply(200, page.read_bytes(), "text/html; charset=utf-8")
        else:
            self.reply(404, b"not here", "text/plain")
