"""What the benchmarks build for themselves: a big library from one stored article, and a local web
server with a feed of short stories.

The benchmarks run as scripts and import nothing from ``tests``: these are their own, kept small.
"""

from __future__ import annotations

import http.server
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

DEFAULT_PUBLISHED = "2024-10-24"


def copy_first_article(path: Path, copies: int) -> None:
    """Add ``copies`` copies of article 1 to the library at ``path``, straight into SQLite: a
    library of thousands of articles in seconds, without analysing any.

    Copy n has the title "… #n", its own content hash, a publication date n days earlier, no read
    mark, and article 1's speakers (with their aliases) and quotes, so a filter finds every copy.
    The full-text triggers index each copy as an import would.
    """
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    article = dict(conn.execute("SELECT * FROM articles WHERE id = 1").fetchone())
    speakers = [dict(r) for r in conn.execute("SELECT * FROM speakers WHERE article_id = 1")]
    aliases = conn.execute(
        "SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN "
        "(SELECT id FROM speakers WHERE article_id = 1)"
    ).fetchall()
    quotes = [dict(r) for r in conn.execute("SELECT * FROM quotes WHERE article_id = 1")]
    first_day = date.fromisoformat((article["published"] or DEFAULT_PUBLISHED)[:10])
    with conn:
        for n in range(1, copies + 1):
            article_id = _insert(
                conn,
                "articles",
                article,
                title=f"{article['title']} #{n}",
                content_hash=f"{article['content_hash']}-{n}",
                published=(first_day - timedelta(days=n)).isoformat(),
                read_at=None,
            )
            speaker_ids = {s["id"]: _insert(conn, "speakers", s, article_id=article_id) for s in speakers}
            conn.executemany(
                "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)",
                [(speaker_ids[sid], alias) for sid, alias in aliases],
            )
            for quote in quotes:
                _insert(conn, "quotes", quote, article_id=article_id)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _insert(conn: sqlite3.Connection, table: str, row: dict, **changes: object) -> int:
    """Insert ``row`` with ``changes`` into ``table`` under a new id; the new row's id."""
    values = {k: v for k, v in {**row, **changes}.items() if k != "id"}
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    cursor = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


TOWNS = ["Arden", "Bexley", "Corran", "Dunmore", "Elgin", "Falkirk", "Garvald", "Hexham"]


def story(n: int) -> bytes:
    """Story n as an HTML page: three short paragraphs, one quote, different for every ``n`` (so no
    two are duplicates) and each an article the ingester keeps."""
    town = TOWNS[n % len(TOWNS)]
    body = (
        f"<p>The council of {town} voted {n} to {n + 3} on Tuesday to rebuild the old bridge over the river.</p>"
        f"<p>“We have waited {n + 10} years for this,” said Mayor Jane Holt{n}, who has led the town since "
        f"{1990 + n}.</p>"
        f"<p>Work on section {n} is due to start in the spring and to cost {n + 2} million pounds, officials "
        "said.</p>"
    )
    return f"<html><head><title>Story {n}</title></head><body><article>{body}</article></body></html>".encode()


def stories_feed(bases: list[str], entries: int) -> bytes:
    """An RSS feed of ``entries`` stories; story n is ``/story/n`` on ``bases[n % len(bases)]``."""
    items = [
        f"<item><title>Story {n}</title><link>{bases[n % len(bases)]}/story/{n}</link>"
        f"<description>Summary {n}.</description></item>"
        for n in range(entries)
    ]
    return f'<rss version="2.0"><channel><title>Stories</title>{"".join(items)}</channel></rss>'.encode()


@contextmanager
def web_server(answer: Callable[[str], tuple[bytes, str]]) -> Iterator[str]:
    """A real HTTP server on a free port of 127.0.0.1, in a thread, that answers a GET of a path
    with ``answer(path)`` (the body and its content type); yields the server's base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, content_type = answer(self.path)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        yield base


@contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server of ``handler`` on a free port of 127.0.0.1, in a thread; its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def timed_command(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """Run ``command`` (a real ``newsread`` command) with ``env``: its wall-clock seconds and its
    standard output; a failed command ends the benchmark with its last lines of stderr."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} … failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed, done.stdout


def timed_in_terminal(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """``timed_command`` as a user runs ``command`` in a terminal: its standard error is a 120×40
    pseudo-terminal (so it shows its progress bar, and whatever that starts), its standard output
    is still read (the analyses of ``analyze --jsonl``)."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    shown = bytearray()

    def drain() -> None:  # the terminal must be read, or the bar blocks on a full buffer
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the command has closed its end
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        out, _ = proc.communicate()
        elapsed = time.perf_counter() - start
        reader.join(timeout=5)
    finally:
        os.close(leader)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} … failed: {shown.decode(errors='replace')[-500:]}")
    return elapsed, out
