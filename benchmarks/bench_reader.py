"""Reader timings: opening an article of the seed's size, and filtering/scrolling a 20,000-word one.

Run: ``.venv/bin/python benchmarks/bench_reader.py [repeats]``. Prints medians; asserts nothing
(timings depend on the machine). Times are the process's CPU time from the action until Textual is
idle again with the frame drawn, so other programs on a shared machine barely skew them (wall-clock
waits of the test pilot are not counted). The analyses are made here (no spaCy): the seed with quotes found by their
quote marks and entities at every capitalised word, and the seed repeated to 20,000 words.

* open — from pushing ``ReaderScreen`` to the first full frame with the article drawn;
* filter — toggling a speaker filter on and off (restyle + the visible lines redrawn);
* scroll — one ``j`` step with the frame redrawn.
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
from textual.app import App

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
CSS = ROOT / "tui" / "styles" / "reader.tcss"
SPEAKERS = ["Antony Blinken", "Steven Cook", "Shira Efron", "Benjamin Netanyahu"]


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


class BenchApp(App[None]):
    CSS_PATH = CSS

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


async def drawn(app: App, pilot) -> None:
    await pilot.pause()
    app.screen._compositor.render_update(full=True)


async def measure(library: Library, article_id: int, repeats: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"open": [], "filter": [], "scroll": []}
    app = BenchApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(repeats):
            t0 = time.process_time()
            screen = ReaderScreen(library=library, article_id=article_id)
            await app.push_screen(screen)
            await drawn(app, pilot)
            results["open"].append(time.process_time() - t0)
            for _ in range(5):
                t0 = time.process_time()
                screen.set_speaker_filter("Shira Efron")
                await drawn(app, pilot)
                screen.set_speaker_filter(None)
                await drawn(app, pilot)
                results["filter"].append((time.process_time() - t0) / 2)
            for _ in range(20):
                t0 = time.process_time()
                await pilot.press("j")
                await drawn(app, pilot)
                results["scroll"].append(time.process_time() - t0)
            app.pop_screen()
            await pilot.pause()
    return results


def report(name: str, words: int, results: dict[str, list[float]]) -> None:
    cells = "  ".join(f"{k} {statistics.median(v) * 1000:6.1f} ms" for k, v in results.items())
    print(f"{name:<12} {words:>6} words  {cells}")


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
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
