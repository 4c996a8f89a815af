"""Helpers for the TUI tests: big libraries made fast, stable rows, a fake import child, the toasts
an app posted, and the app started under Pilot (``started``, ``settled``; ``make_app`` and ``app``
are fixtures in ``tests/conftest.py``).

The data helpers are tested in ``tests/test_support.py``, so a broken helper fails there rather than
as a puzzling TUI failure; the Pilot helpers are what every TUI test starts with.
"""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from newsread.tui.app import NewsreadApp
from textual.app import App
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

FIXED_ADDED = "2024-10-25T08:00:00Z"
APP_SIZE = (120, 36)
MakeApp = Callable[..., NewsreadApp]
"""The ``make_app`` fixture's type: ``NewsreadApp`` on the library file at a path (``tests/conftest.py``)."""


def stabilise(path: Path, *, added: str = FIXED_ADDED) -> None:
    """Fix the rows that change from run to run (``added``), so screenshots are stable."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE articles SET added = ?", (added,))
    conn.close()


def multiply_library(path: Path, copies: int) -> None:
    """Make ``copies`` more articles from article 1 of the library at ``path``, inside SQLite.

    Each copy gets its own title ("… #n"), content hash and publication date, and the first
    article's speakers, aliases and quotes, so filters work on a big library as on a small one.
    The FTS triggers index every copy, as a real import would.
    """
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)") if r[1] != "id"]
    with conn:
        conn.execute("CREATE TEMP TABLE n (i INTEGER PRIMARY KEY)")
        conn.execute(
            "INSERT INTO n (i) WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) "
            "SELECT i FROM c",
            (copies,),
        )
        select = []
        for c in cols:
            if c == "title":
                select.append("a.title || ' #' || n.i")
            elif c == "content_hash":
                select.append("a.content_hash || '-' || n.i")
            elif c == "published":
                select.append("date(COALESCE(a.published, '2024-10-24'), '-' || n.i || ' days')")
            elif c == "read_at":
                select.append("NULL")
            else:
                select.append(f"a.{c}")
        conn.execute(
            f"INSERT INTO articles ({', '.join(cols)}) SELECT {', '.join(select)} "
            "FROM articles a, n WHERE a.id = 1 ORDER BY n.i"
        )
        # Article ids of the copies are 1 + i (article 1 is the only one before).
        scols = [r[1] for r in conn.execute("PRAGMA table_info(speakers)") if r[1] not in ("id", "article_id")]
        for (sid,) in conn.execute("SELECT id FROM speakers WHERE article_id = 1").fetchall():
            conn.execute(
                f"INSERT INTO speakers (article_id, {', '.join(scols)}) "
                f"SELECT 1 + n.i, {', '.join('s.' + c for c in scols)} FROM speakers s, n WHERE s.id = ?",
                (sid,),
            )
            conn.execute(
                "INSERT INTO speaker_aliases (speaker_id, alias) "
                "SELECT s2.id, a.alias FROM speaker_aliases a JOIN speakers s1 ON s1.id = a.speaker_id "
                "JOIN speakers s2 ON s2.name = s1.name AND s2.article_id != 1 WHERE s1.id = ?",
                (sid,),
            )
        qcols = [r[1] for r in conn.execute("PRAGMA table_info(quotes)") if r[1] not in ("id", "article_id")]
        conn.execute(
            f"INSERT INTO quotes (article_id, {', '.join(qcols)}) "
            f"SELECT 1 + n.i, {', '.join('q.' + c for c in qcols)} FROM quotes q, n WHERE q.article_id = 1"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


FAKE_CHILD = textwrap.dedent(
    """
    import json, sys, time
    mode, sources = sys.argv[1], sys.argv[2:]
    def say(**event):
        print(json.dumps(event), flush=True)
    if mode == "crash":
        culprit = (" on " + ", ".join(sources)) if sources else ""
        print("Traceback (most recent call last):\\nRuntimeError: the model exploded" + culprit, file=sys.stderr)
        sys.exit(3)
    say(event="start", total=len(sources))
    added = failed = 0
    for i, src in enumerate(sources, 1):
        if mode == "fail":
            failed += 1
            say(event="item", done=i, total=len(sources), status="failed", id=None, title=None, source=src,
                reason="no such file or folder")
        else:
            added += 1
            say(event="item", done=i, total=len(sources), status="added", id=100 + i, title="Fake " + str(i),
                source=src, reason=None)
    say(event="done", added=added, duplicates=0, updated=0, failed=failed)
    sys.exit(1 if failed else 0)
    """
)


def fake_child(tmp_path: Path, mode: str = "ok") -> list[str]:
    """The argv prefix of a stand-in for ``newsread add --progress jsonl`` (modes: ok, fail, crash)."""
    script = tmp_path / "fake_add.py"
    script.write_text(FAKE_CHILD, encoding="utf-8")
    return [sys.executable, str(script), mode]


class Toasts:
    """The notifications an app posts, collected by ``run_test(message_hook=toasts)``."""

    def __init__(self) -> None:
        self.posted: list[Notify] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.posted.append(message)

    def titled(self, title: str) -> list[str]:
        return [n.notification.message for n in self.posted if n.notification.title == title]

    def messages(self) -> list[str]:
        return [n.notification.message for n in self.posted]


async def settle(app: App, pilot: Pilot) -> None:
    """Wait until the app's workers are done and what they posted is handled, twice: a worker's
    result (a library page, a search) may start another."""
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def press_settled(pilot: Pilot, *keys: str) -> None:
    """Press ``keys``, then wait as ``settle`` does."""
    await pilot.press(*keys)
    await settle(pilot.app, pilot)


@asynccontextmanager
async def started(app: App, *, size: tuple[int, int] = APP_SIZE, **run_test: Any) -> AsyncIterator[Pilot]:
    """``app`` under Pilot in a terminal of ``size`` (``run_test`` takes the other keywords of
    ``App.run_test``), after one pause: its first screen is up, its workers may still run."""
    async with app.run_test(size=size, **run_test) as pilot:
        await pilot.pause()
        yield pilot


@asynccontextmanager
async def settled(app: App, *, size: tuple[int, int] = APP_SIZE, **run_test: Any) -> AsyncIterator[Pilot]:
    """``app`` under Pilot in a terminal of ``size`` (``run_test`` takes the other keywords of
    ``App.run_test``), once its first screen has loaded (``settle``)."""
    async with app.run_test(size=size, **run_test) as pilot:
        await settle(app, pilot)
        yield pilot
