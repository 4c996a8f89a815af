"""The library screen on a big library: memory once its rows are loaded and scrolled, and how long
each key of a search typed letter by letter, and of the filters, takes to show its list.

    .venv/bin/python benchmarks/bench_library_keys.py --db LIBRARY [--query WORD] [--rounds 3]

Drives the real app (``NewsreadApp`` on ``LIBRARY``, headless at 120×40, under Textual's Pilot).
Each key is posted to the app as the terminal driver posts it (a ``Key`` event), and timed until
what it changes has happened and the frame after it has been drawn (``call_after_refresh``):

* memory: RSS (``/proc/self/statm``) once the view is loaded, then after ``G`` and paging from the
  last row up through 50 pages (rows read as they are drawn), and the peak (``ru_maxrss``);
* search as you type: ``/`` then ``--query`` one letter at a time, a pause between letters longer
  than the search's debounce (a person typing, each letter's list shown before the next); each
  key's latency runs from the key sent until the first page of the list for the text so far is
  drawn ("shown"), and until the whole list is in ("complete");
* filters and sort: ``u``, ``u``, ``B``, ``B``, ``-``, ``-`` (each from the unfiltered list, so
  twice each),
  from the key sent until its first page is drawn ("shown"), and until the whole view is in
  ("complete": the count in the status line). ``j`` (the cursor one row down, no query) first:
  what a key and a frame take with no query at all;
* sorting: ``S`` six times, each sorting by the next column (title, site, quotes, notes, added,
  then published again), timed as the filters are.

Latencies are per key, median and worst over ``--rounds`` rounds. The library is not changed
(no key here writes). Goals (reported, not asserted): RSS ≤ 150 MB with 100,000 articles; each
key ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from newsread.core.settings import Settings
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.library.model import SORT_CYCLE
from newsread.tui.library.screen import LibraryScreen
from textual import events
from textual.pilot import Pilot

SIZE = (120, 40)
TYPING_GAP = 0.4  # seconds between letters: longer than the debounce, so every letter searches


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def until(pilot: Pilot, done, timeout: float = 30.0) -> None:
    """Wait (in short pauses) until ``done()``, then let one more frame be drawn."""
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise SystemExit("bench_library_keys: timed out")
        await asyncio.sleep(0.002)
    await pilot.pause()


CHARACTERS = {"slash": "/", "minus": "-", "escape": None, "pageup": None}


async def press(pilot: Pilot, key: str, done) -> float:
    """Seconds from ``key`` posted to the app until ``done()`` and the next frame drawn."""
    app = pilot.app
    start = time.perf_counter()
    app.post_message(events.Key(key, CHARACTERS.get(key, key)))
    end = time.perf_counter() + 30
    while not done():
        if time.perf_counter() > end:
            raise SystemExit(f"bench_library_keys: {key!r} timed out")
        await asyncio.sleep(0.001)
    drawn = asyncio.Event()
    app.screen.call_after_refresh(drawn.set)
    await drawn.wait()
    return time.perf_counter() - start


async def press_done(screen: LibraryScreen) -> float:
    """Seconds more until the view's ids are all read (``Loaded``)."""
    start = time.perf_counter()
    while screen.loading_rows:
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


def a_word(db: Path) -> str:
    """A word of the newest article's title of at least five letters (found by the search)."""
    conn = sqlite3.connect(db)
    (title,) = conn.execute("SELECT title FROM articles ORDER BY published DESC LIMIT 1").fetchone()
    conn.close()
    return next(w for w in str(title).split() if w.isalpha() and len(w) >= 5).lower()


async def run(db: Path, query: str, rounds: int) -> None:
    lib = Library.open(db, create=False, read_only=True)
    app = NewsreadApp(lib, settings=Settings(), first_run_import=False, state_path=None)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: not screen.loading_rows)
        table = screen.table
        loaded = rss_mb()
        await pilot.press("G")
        for _ in range(50):
            await pilot.press("pageup")
        await pilot.pause()
        scrolled = rss_mb()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{table.row_count} articles; RSS {loaded:.0f} MB loaded, {scrolled:.0f} MB after G and 50 pages up, "
            f"peak {peak:.0f} MB; rows held {table.articles.held()}"
        )

        typed: dict[int, list[float]] = {}
        whole: dict[int, list[float]] = {}
        found: dict[int, int] = {}
        for _ in range(rounds):
            await pilot.press("slash")
            for n in range(1, len(query) + 1):
                text = query[:n]
                took = await press(pilot, text[-1], lambda t=text: screen.view.query == t)
                typed.setdefault(n, []).append(took)
                whole.setdefault(n, []).append(took + await press_done(screen))
                found[n] = table.row_count
                await asyncio.sleep(TYPING_GAP)
            await pilot.press("escape")  # the box emptied and hidden, the search off
            await until(pilot, lambda: screen.view.search_ids is None and not screen.loading_rows)
        print(f"search as you type {query!r}, {rounds} rounds, ms per key (median / worst):")
        for n, times in typed.items():
            print(
                f"  {query[:n]:<8} shown {ms(statistics.median(times))} / {ms(max(times))}   "
                f"complete {ms(statistics.median(whole[n]))} / {ms(max(whole[n]))}   ({found[n]} found)"
            )

        for key in ("j", "u", "u", "B", "B", "minus", "minus"):
            shown, complete = [], []
            for _ in range(rounds):
                generation, row = screen.state.generation, table.cursor_row
                if key == "j":
                    shown.append(await press(pilot, key, lambda r=row: table.cursor_row != r))
                    complete.append(shown[-1])
                    continue
                shown.append(await press(pilot, key, lambda g=generation: screen.state.generation > g))
                complete.append(shown[-1] + await press_done(screen))
                await pilot.press(key)  # back as it was, for the next round
                await until(pilot, lambda: not screen.loading_rows)
            report(key, shown, complete)

        sorts: dict[str, tuple[list[float], list[float]]] = {}
        for _ in range(rounds):
            for _ in SORT_CYCLE:  # from each sort to the next, back to the first
                generation = screen.state.generation
                took = await press(pilot, "S", lambda g=generation: screen.state.generation > g)
                shown, complete = sorts.setdefault(screen.view.sort, ([], []))
                shown.append(took)
                complete.append(took + await press_done(screen))
                await until(pilot, lambda: not screen.loading_rows)
        print("sort by the next column (S):")
        for column, (shown, complete) in sorts.items():
            report(f"S {column}", shown, complete)
    lib.close()


def report(key: str, shown: list[float], complete: list[float]) -> None:
    print(
        f"  {key:<10} shown {ms(statistics.median(shown))} / {ms(max(shown))}   "
        f"complete {ms(statistics.median(complete))} / {ms(max(complete))}"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:5.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--query", help="typed letter by letter (default: a word of the newest title)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    print(f"load {os.getloadavg()[0]:.2f} before")
    asyncio.run(run(args.db, args.query or a_word(args.db), args.rounds))
    print(f"load {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
