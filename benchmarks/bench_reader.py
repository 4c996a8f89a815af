"""Reader timings in the real app: opening an article from the library, filtering, scrolling.

Run: ``.venv/bin/python benchmarks/bench_reader.py [repeats] [--articles N]`` (default 7 repeats, a
library of 2 articles; ``--articles 10000`` fills it with copies of the seed). Prints medians and
asserts nothing (timings depend on the machine). Goals: a seed-sized article drawn ≤ 100 ms after
it is opened; filter and scroll < 50 ms on 20,000 words.

The app is ``NewsreadApp`` itself, headless at 120x40, on a library of the two articles below: the
library screen is below the reader as in real use, with the app's own start-up and idle work
done before the first measurement. Each article is opened ``repeats + 1`` times in the same app the
way ``enter`` on the library does it (``LibraryScreen.open_article``) and closed with ``q``; the
first open of each article is reported apart (``open (first)``: the reader's modules and styles
may still be loading), the median is over the others.

Frames are caught where Textual hands them to the terminal (``App._display``); the app runs
headless, so the benchmark also turns each frame into the escape sequences a terminal would be
sent (``render_segments``) to count that cost too, and afterwards replays the frames into a grid of
cells, as a terminal would show them. For each action:

* drawn — wall time to the last frame that changed any cell: from then on the terminal shows the
  finished screen (the goal's "fully drawn");
* idle: wall / cpu — ``time.perf_counter`` / ``time.process_time`` to the last frame painted before
  the app is idle again (Textual may repaint identical cells after the reader is drawn);
* floor — pushing a trivial screen (a ``Static`` and a ``Footer`` with three bindings) over the
  library: what Textual itself costs to show a screen, measured the same way in the same run;
* filter — setting a speaker filter, and clearing it (each a separate sample);
* scroll — one ``j`` key press (through the pilot, so key dispatch is included).

The analyses are made here (no spaCy): the seed with quotes found by their quote marks and entities
at every capitalised word, and the seed repeated to 20,000 words.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import re
import statistics
import tempfile
import time
from pathlib import Path

from _support import copy_first_article
from newsread.core.model import Analysis, Entity, Quote, Speaker
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.reader.screen import ReaderScreen
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer, Static

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
SPEAKERS = ["Antony Blinken", "Steven Cook", "Shira Efron", "Benjamin Netanyahu"]
SIZE = (120, 40)


def analysis_of(text: str) -> Analysis:
    quotes = [
        Quote(m.start(), m.end(), m.group(), SPEAKERS[i % len(SPEAKERS)], "said")
        for i, m in enumerate(re.finditer(r"“[^”]*”", text))
    ]
    entities = [
        Entity(m.start(), m.end(), ("PERSON", "ORG", "GPE", "DATE")[i % 4], m.group(), m.group())
        for i, m in enumerate(re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text))
    ]
    speakers = [Speaker(name, [], "official", "Some Organisation", 0) for name in SPEAKERS]
    return Analysis(text=text, title=text.split("\n", 1)[0], entities=entities, speakers=speakers, quotes=quotes)


def big_text(words: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    title, body = seed.split("\n", 1)
    parts = [title, ""]
    count = 0
    while count < words:
        parts.append(body)
        count += len(body.split())
    return "\n".join(parts)


class TrivialScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("a", "noop", "One"),
        Binding("b", "noop", "Two"),
        Binding("c", "noop", "Three"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("A trivial screen")
        yield Footer()


class BenchApp(NewsreadApp):
    def __init__(self, library: Library) -> None:
        super().__init__(library, first_run_import=False)
        self.last_frame: tuple[float, float] | None = None
        self.frames: list[tuple[float, float, object]] = []
        self.cells: dict[tuple[int, int], tuple[str, object]] = {}

    def _display(self, screen: Screen, renderable) -> None:
        # Headless apps skip the terminal write; do the rendering part of it and note the time.
        if renderable is not None and screen is self.screen:
            render_segments = getattr(renderable, "render_segments", None)
            if render_segments is not None:
                render_segments(self.console)
            self.last_frame = (time.perf_counter(), time.process_time())
            self.frames.append((*self.last_frame, renderable))
        super()._display(screen, renderable)


def apply_update(cells: dict[tuple[int, int], tuple[str, object]], update: object) -> bool:
    """Write one compositor update into ``cells`` as a terminal would; True if any cell changed."""
    changed = False

    def put(x: int, y: int, strip: Strip) -> None:
        nonlocal changed
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                cell = (char, segment.style)
                if cells.get((x, y)) != cell:
                    cells[(x, y)] = cell
                    changed = True
                x += 1

    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            x = update.region.x
            for strip in line:
                put(x, y, strip)
                x += strip.cell_length
    elif isinstance(update, ChopsUpdate):
        for y, x1, x2 in update.spans:
            for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                put(x, y, strip if end <= x2 else strip.crop(0, min(end, x2) - x))
    return changed


async def timed(app: BenchApp, pilot, action) -> tuple[float, float, float]:
    """(wall, cpu, drawn) seconds from starting ``action``: wall and cpu to the last frame before
    the app is idle, drawn (wall) to the last frame that changed what the terminal shows."""
    await pilot.pause()
    for *_, update in app.frames:  # whatever was painted before: the screen the action starts from
        apply_update(app.cells, update)
    app.frames.clear()
    app.last_frame = None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = action()
    if inspect.iscoroutine(result):  # pilot presses and filters; a pushed screen is not awaited
        await result
    for _ in range(3):
        await pilot.pause()
    if app.last_frame is None:  # nothing changed on screen
        wall = time.perf_counter() - wall0
        return wall, time.process_time() - cpu0, wall
    drawn = wall0
    for wall, _, update in app.frames:  # replayed after the clock stopped
        if apply_update(app.cells, update):
            drawn = wall
    app.frames.clear()
    wall1, cpu1 = app.last_frame
    return wall1 - wall0, cpu1 - cpu0, drawn - wall0


async def settle(app: BenchApp, pilot) -> None:
    """Wait until the library screen has loaded and the app's idle work is done."""
    for _ in range(200):
        await pilot.pause(0.05)
        screen = app.screen
        if isinstance(screen, LibraryScreen) and not screen.loading_rows and not len(app.workers):
            break
    await pilot.pause(0.3)


async def measure(library: Library, article_id: int, repeats: int) -> dict[str, list[tuple[float, float, float]]]:
    results: dict[str, list[tuple[float, float, float]]] = {
        "floor": [],
        "open (first)": [],
        "open": [],
        "filter": [],
        "scroll": [],
    }
    app = BenchApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        library_screen = app.screen
        assert isinstance(library_screen, LibraryScreen)
        for run in range(repeats + 1):
            trivial = TrivialScreen()
            results["floor"].append(await timed(app, pilot, lambda s=trivial: app.push_screen(s)))
            app.pop_screen()
            key = "open (first)" if run == 0 else "open"
            results[key].append(await timed(app, pilot, lambda: library_screen.open_article(article_id)))
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            for _ in range(3):
                for name in ("Shira Efron", None):

                    async def toggle(name=name, screen=screen) -> None:
                        screen.set_speaker_filter(name)

                    results["filter"].append(await timed(app, pilot, toggle))
            for _ in range(10):
                results["scroll"].append(await timed(app, pilot, lambda: pilot.press("j")))
            await pilot.press("q")
            await pilot.pause()
    return results


def report(name: str, words: int, results: dict[str, list[tuple[float, float, float]]]) -> None:
    print(f"{name} ({words} words), {SIZE[0]}x{SIZE[1]}, medians in ms (n = samples):")
    for key, samples in results.items():
        wall = statistics.median(w for w, _, _ in samples) * 1000
        cpu = statistics.median(c for _, c, _ in samples) * 1000
        drawn = statistics.median(d for _, _, d in samples) * 1000
        print(f"  {key:<12} drawn {drawn:7.1f}   idle: wall {wall:7.1f}  cpu {cpu:7.1f}   n={len(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repeats", nargs="?", type=int, default=7)
    parser.add_argument("--articles", type=int, default=2, help="library size (copies of the seed fill it up)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        lib = Library.open(path)
        seed = SEED.read_text(encoding="utf-8")
        seed_id = lib.add_analysis(analysis_of(seed), source="seed").article_id
        big = big_text(20_000)
        big_id = lib.add_analysis(analysis_of(big), source="big").article_id
        if args.articles > 2:
            copy_first_article(path, args.articles - 2)
        print(f"library of {args.articles} articles")
        report("seed", len(seed.split()), asyncio.run(measure(lib, seed_id, args.repeats)))
        report("20k words", len(big.split()), asyncio.run(measure(lib, big_id, args.repeats)))
        lib.close()


if __name__ == "__main__":
    main()
