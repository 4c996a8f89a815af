"""One quote across sources on a big library (issue 17): what the matching costs an article added
to it, and listing a quote's sources.

Run: ``.venv/bin/python benchmarks/bench_echoes.py [--db /tmp/echo/library.db] [--articles 100000]
[--reuse] [--adds 100]``. The library is ``bench_library.py``'s (copies of the real analyses of
corpus/plain, rows written straight into SQLite), built once at ``--db`` and kept; its quotes are
then grouped by ``schema.fill_v8`` (what schema 8's migration does), timed as ``fill_v8_seconds``.
``--reuse`` measures an existing library without building. Each corpus quote stands in about a
thousand copies, so every quote of an article added here joins a group of a thousand: the worst
case for the add path and for a source list, not a typical library.

Measured, medians and worst cases in ms:

* add — ``Library.add_analysis`` of ``--adds`` new articles (a corpus analysis with a sentence of
  its own, so a new text), with the matching and without it (``echoes.index_article``,
  ``forget_article`` and ``regroup`` replaced by nothing), each added and deleted again in turn:
  ``echoing`` keeps the corpus quotes (they match groups of ~1,000), ``novel`` gives every quote
  words of its own (candidates looked up, nothing matched); ``matching_ms`` is the difference;
* delete — ``Library.delete_articles`` of each added article, with and without (regrouping what
  the article's quotes leave);
* store — ``echoes_of`` (the earliest ``SOURCES_SHOWN``, as the reader's list) of the quotes of
  the three largest groups and of random quotes, and
  ``echo_counts`` (what opening the reader adds) of random articles;
* drawn — the real app (``bench_reader.BenchApp``, headless, 120x40): from pushing
  ``EchoesScreen`` of a quote of the largest group to the last frame that changed a cell
  (``bench_reader.timed``); ``floor`` is a trivial screen pushed the same way. Goal ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench_desk import build_keyed, ms, write_results
from bench_reader import BenchApp, TrivialScreen, settle, timed
from newsread.core.model import Analysis
from newsread.core.store import echoes
from newsread.core.store.library import Library
from newsread.tui.desk import SOURCES_SHOWN
from newsread.tui.screens.echoes import EchoesScreen


def novel(a: Analysis, rng: random.Random, vocab: list[str]) -> Analysis:
    """``a`` with every quote's words replaced by as many random words (nothing else matches them)."""
    quotes = [replace(q, text=" ".join(rng.choice(vocab) for _ in q.text.split())) for q in a.quotes]
    return replace(a, quotes=quotes)


class NoMatching:
    """Within it, the store adds and deletes articles without the matching."""

    def __enter__(self) -> None:
        self.saved = (echoes.index_article, echoes.forget_article, echoes.regroup)
        echoes.index_article = lambda conn, article_id: None
        echoes.forget_article = lambda conn, article_id: set()
        echoes.regroup = lambda conn, groups: None

    def __exit__(self, *exc: object) -> None:
        echoes.index_article, echoes.forget_article, echoes.regroup = self.saved


def add_times(lib: Library, analyses: list[Analysis], adds: int, rng: random.Random) -> dict:
    vocab = sorted({w for a in analyses for w in re.findall(r"[a-z]{4,}", a.text)})
    out: dict = {}
    for label, make in (("echoing", lambda a: a), ("novel", lambda a: novel(a, rng, vocab))):
        found: dict[str, list[float]] = {"with": [], "without": [], "delete_with": [], "delete_without": []}
        for i in range(adds):
            base = analyses[i % len(analyses)]
            for mode in ("with", "without"):
                a = make(replace(base, text=f"{base.text}\n\nBench {label} {mode} {i} {rng.random()}."))
                guard = NoMatching() if mode == "without" else None
                if guard:
                    guard.__enter__()
                try:
                    t = time.perf_counter()
                    aid = lib.add_analysis(a, url=f"https://bench.test/{label}/{mode}/{i}").article_id
                    found[mode].append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    lib.delete_articles([aid])
                    found[f"delete_{mode}"].append((time.perf_counter() - t) * 1000)
                finally:
                    if guard:
                        guard.__exit__()
        out[label] = {
            "quotes_per_article": round(
                statistics.mean(len(analyses[i % len(analyses)].quotes) for i in range(adds)), 1
            ),
            "add_with_matching": ms(found["with"]),
            "add_without": ms(found["without"]),
            "matching_ms_median": round(statistics.median(found["with"]) - statistics.median(found["without"]), 2),
            "delete_with_regroup": ms(found["delete_with"]),
            "delete_without": ms(found["delete_without"]),
        }
    return out


def store_times(lib: Library, rng: random.Random, sample: int) -> tuple[dict, int]:
    conn = lib.conn
    largest = [r[0] for r in conn.execute(
        "SELECT echo_group FROM quote_echoes GROUP BY echo_group ORDER BY COUNT(*) DESC LIMIT 3"
    )]  # fmt: skip
    top = max(conn.execute("SELECT MAX(id) FROM quotes").fetchone()[0], 1)
    grouped = [r[0] for r in conn.execute("SELECT quote_id FROM quote_echoes WHERE quote_id > ? LIMIT 200",
                                          (rng.randrange(top),))]  # fmt: skip
    articles = conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]

    def timed_calls(calls: list[Callable[[], object]]) -> list[float]:
        found = []
        for call in calls:
            call()  # warm the page cache
            t = time.perf_counter()
            call()
            found.append((time.perf_counter() - t) * 1000)
        return found

    def sources(quote_id: int) -> object:
        return echoes.echoes_of(lib, quote_id, limit=SOURCES_SHOWN)

    sizes = [echoes.echoes_of(lib, g, limit=1).quotes for g in largest]  # type: ignore[union-attr]
    picked = rng.sample(grouped, min(sample, len(grouped)))
    some_articles = rng.sample(range(1, articles + 1), sample)
    return {
        "largest_groups_sources": sizes,
        "echoes_of_largest_3": ms(timed_calls([lambda g=g: sources(g) for g in largest])),
        "echoes_of_random": ms(timed_calls([lambda q=q: sources(q) for q in picked])),
        "echo_counts_random_articles": ms(timed_calls([lambda a=a: echoes.echo_counts(lib, a) for a in some_articles])),
    }, largest[0]


async def drawn_times(lib: Library, quote_id: int, rounds: int) -> dict:
    found: dict[str, list[float]] = {"floor": [], "echoes": []}
    app = BenchApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(rounds + 1):
            for label, make in (("floor", TrivialScreen), ("echoes", lambda: EchoesScreen(lib, quote_id))):
                _, _, drawn = await timed(app, pilot, lambda make=make: app.push_screen(make()))
                found[label].append(drawn * 1000)
                app.pop_screen()
                await settle(app, pilot)
    return {label: {"first_ms": round(s[0], 1), **ms(s[1:])} for label, s in found.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/echo/library.db"))
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without building.")
    ap.add_argument("--adds", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "echoes.json")
    args = ap.parse_args()
    built = None
    if not args.reuse:
        args.db.parent.mkdir(parents=True, exist_ok=True)
        built = build_keyed(args.db, args.articles)
    analyses = [Analysis.from_dict(d) for d in json.loads(Path(str(args.db) + ".analyses.json").read_text())]
    load_before = os.getloadavg()
    rng = random.Random(17)
    lib = Library.open(args.db, create=False)
    store, largest = store_times(lib, rng, args.sample)
    results = {
        "articles": lib.count(),
        "quotes": lib.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0],
        "grouped_quotes": lib.conn.execute("SELECT COUNT(*) FROM quote_echoes").fetchone()[0],
        "sketch_rows": lib.conn.execute("SELECT COUNT(*) FROM quote_sketches").fetchone()[0],
        "store": store,
        "add": add_times(lib, analyses, args.adds, rng),
        "drawn": asyncio.run(drawn_times(lib, largest, args.rounds)),
    }
    lib.close()
    write_results(results, args.output, load_before, built)


if __name__ == "__main__":
    main()
