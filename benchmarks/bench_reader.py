"""Reader timings: opening an article of the seed's size, and filtering/scrolling a 20,000-word one.

Run: ``.venv/bin/python benchmarks/bench_reader.py [repeats]`` (default 7). Prints medians and
asserts nothing (timings depend on the machine). Goal: open ≤ 100 ms for the seed; filter and
scroll < 50 ms on 20,000 words.

What is measured — from the action to the *last frame painted before the app is idle again*, i.e.
the moment the screen stops changing (footer, side pane and article all drawn):

* wall — ``time.perf_counter`` (what a user waits; noisy on a busy shared machine);
* cpu — ``time.process_time`` over the same interval (barely skewed by other programs).

Frames are caught where Textual hands them to the terminal (``App._display``); the app runs
headless, so the benchmark also turns each frame into the escape sequences a terminal would be sent
(``render_segments``) to count that cost too. Each action is followed by pilot pauses until the app
is idle; the pauses' own waiting is not counted because the clock stops at the last frame.

* floor — pushing a trivial screen (a ``Static`` and a ``Footer`` with three bindings): what
  Textual itself costs to show a screen, measured the same way in the same run;
* open — from pushing ``ReaderScreen`` to its last frame (``open (cold)`` is the first push of the
  process, with Textual's and the reader's caches empty; the median is over the later pushes).
  Each repeat runs in a fresh headless app: Textual keeps some strips of every popped screen, so
  reopening in one app gets slower run after run (~10 ms per open of the reader);
* filter — setting a speaker filter, and clearing it (each a separate sample);
* scroll — one ``j`` key press (through the pilot, so key dispatch is included).

The analyses are made here (no spaCy): the seed with quotes found by their quote marks and entities
at every capitalised word, and the seed repeated to 20,000 words.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newsread.core.model import Analysis, Entity, Quote, Speaker
from newsread.core.store.library import Library
from newsread.tui.screens.reader import ReaderScreen
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
CSS = ROOT / "tui" / "styles" / "reader.tcss"
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


class BenchApp(App[None]):
    CSS_PATH = CSS

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.last_frame: tuple[float, float] | None = None

    def _display(self, screen: Screen, renderable) -> None:
        # Headless apps skip the terminal write; do the rendering part of it and note the time.
        if renderable is not None and screen is self.screen:
            render_segments = getattr(renderable, "render_segments", None)
            if render_segments is not None:
                render_segments(self.console)
            self.last_frame = (time.perf_counter(), time.process_time())
        super()._display(screen, renderable)


async def timed(app: BenchApp, pilot, action) -> tuple[float, float]:
    """(wall, cpu) seconds from starting ``action`` to the last frame before the app is idle."""
    await pilot.pause()
    app.last_frame = None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    await action()
    for _ in range(3):
        await pilot.pause()
    if app.last_frame is None:  # nothing changed on screen
        return time.perf_counter() - wall0, time.process_time() - cpu0
    wall1, cpu1 = app.last_frame
    return wall1 - wall0, cpu1 - cpu0


async def measure(library: Library, article_id: int, repeats: int) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {
        "floor": [],
        "open (cold)": [],
        "open": [],
        "filter": [],
        "scroll": [],
    }
    for run in range(repeats + 1):
        app = BenchApp(library)  # a fresh app each time: Textual keeps some strips of popped screens
        async with app.run_test(size=SIZE) as pilot:
            trivial = TrivialScreen()
            results["floor"].append(await timed(app, pilot, lambda s=trivial, app=app: app.push_screen(s)))
            app.pop_screen()
            screen = ReaderScreen(library=library, article_id=article_id)
            results["open (cold)" if run == 0 else "open"].append(
                await timed(app, pilot, lambda s=screen, app=app: app.push_screen(s))
            )
            for _ in range(3):
                for name in ("Shira Efron", None):

                    async def toggle(name=name, screen=screen) -> None:
                        screen.set_speaker_filter(name)

                    results["filter"].append(await timed(app, pilot, toggle))
            for _ in range(10):
                results["scroll"].append(await timed(app, pilot, lambda: pilot.press("j")))
            app.pop_screen()
            await pilot.pause()
    return results


def report(name: str, words: int, results: dict[str, list[tuple[float, float]]]) -> None:
    print(f"{name} ({words} words), {SIZE[0]}x{SIZE[1]}, medians in ms (n = samples):")
    for key, samples in results.items():
        wall = statistics.median(w for w, _ in samples) * 1000
        cpu = statistics.median(c for _, c in samples) * 1000
        print(f"  {key:<12} wall {wall:7.1f}   cpu {cpu:7.1f}   n={len(samples)}")


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "bench.db")
        seed = SEED.read_text(encoding="utf-8")
        seed_id = lib.add_analysis(analysis_of(seed), source="seed").article_id
        big = big_text(20_000)
        big_id = lib.add_analysis(analysis_of(big), source="big").article_id
        report("seed", len(seed.split()), asyncio.run(measure(lib, seed_id, repeats)))
        report("20k words", len(big.split()), asyncio.run(measure(lib, big_id, repeats)))
        lib.close()


if __name__ == "__main__":
    main()
