"""The source desk on a big library: opening a person's page and a figure group (issue 17).

Run: ``.venv/bin/python benchmarks/bench_desk.py [--articles 100000] [--db PATH] [--reuse]``. The
library is ``bench_library.py``'s (copies of the real analyses of corpus/plain, built once and kept
at ``--db``; ``--reuse`` measures it again without building). Goal: ≤ 100 ms from the key to the
page fully drawn.

Two measurements, medians and worst cases in ms:

* store — ``people.find_identity`` + ``people.person_page`` (the first page of 200 statements, the
  counts and roles), and ``figure_groups.figure_group`` (the first 200 figures), as the pages call
  them; on the most quoted identities and the most common figure keys (the worst cases) and on
  random ones;
* drawn — the real app (``bench_reader.BenchApp``, headless, 120x40, the library screen below):
  from pushing ``PersonPageScreen`` / ``FigureGroupScreen`` to the last frame that changed a cell
  (``bench_reader.timed``), the most quoted identity and the most common figure key each time;
  ``floor`` is a trivial screen pushed the same way (what Textual itself costs).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from bench_library import build
from bench_reader import BenchApp, TrivialScreen, settle, timed
from newsread.core.figure_keys import FigureKey, key_of
from newsread.core.model import Figure
from newsread.core.store.figure_groups import figure_group
from newsread.core.store.library import FIGURE_COLUMNS, Library
from newsread.core.store.people import PageQuery, find_identity, person_page
from newsread.tui.screens.figure_group import FigureGroupScreen
from newsread.tui.screens.person_page import PersonPageScreen

PAGE = PageQuery(limit=200)


def cases(lib: Library, rng: random.Random, sample: int) -> tuple[list[str], list[FigureKey]]:
    """The names and figure keys measured: the heaviest first (most quoted, most common), then a
    random sample."""
    conn = lib.conn
    top = [r[0] for r in conn.execute(
        "SELECT i.name FROM identities i JOIN quotes q ON q.identity_id = i.id WHERE i.kind IN ('person', "
        "'organisation') GROUP BY i.id ORDER BY COUNT(*) DESC LIMIT 3"
    )]  # fmt: skip
    others = [r[0] for r in conn.execute("SELECT name FROM identities WHERE kind IN ('person', 'organisation')")]
    names = top + rng.sample(others, min(sample, len(others)))
    fields = FIGURE_COLUMNS[1:]
    columns = ", ".join(f'"{c}"' for c in fields)
    rows = conn.execute(f"SELECT {columns} FROM figures WHERE article_id <= 2000 AND object IS NOT NULL").fetchall()
    keys = [k for k in (key_of(Figure(**dict(zip(fields, r, strict=True)))) for r in rows) if not k.is_empty]
    common = [k for k, _ in Counter(keys).most_common(3)]
    distinct = sorted(set(keys), key=lambda k: (k.kind, k.object, k.unit, k.per))
    return names, common + rng.sample(distinct, min(sample, len(distinct)))


def ms(samples: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(samples), 1), "max_ms": round(max(samples), 1)}


def store_times(lib: Library, names: list[str], keys: list[FigureKey], rounds: int) -> dict:
    out: dict = {}
    for label, calls in (
        ("person_page", [lambda n=n: person_page(lib, find_identity(lib, n).id, PAGE) for n in names]),
        ("figure_group", [lambda k=k: figure_group(lib, k, limit=200) for k in keys]),
    ):
        heaviest, others = [], []
        for i, call in enumerate(calls):
            call()  # warm the page cache
            for _ in range(rounds):
                t = time.perf_counter()
                call()
                (heaviest if i < 3 else others).append((time.perf_counter() - t) * 1000)
        out[label] = {"heaviest_3": ms(heaviest), "random": ms(others)}
    return out


async def drawn_times(lib: Library, name: str, key: FigureKey, rounds: int) -> dict:
    ident = find_identity(lib, name).id
    found: dict[str, list[float]] = {"floor": [], "person_page": [], "figure_group": []}
    app = BenchApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(rounds + 1):
            for label, make in (
                ("floor", TrivialScreen),
                ("person_page", lambda: PersonPageScreen(lib, ident)),
                ("figure_group", lambda: FigureGroupScreen(lib, key)),
            ):
                _, _, drawn = await timed(app, pilot, lambda make=make: app.push_screen(make()))
                found[label].append(drawn * 1000)
                app.pop_screen()
                await settle(app, pilot)  # the library screen back and idle before the next push
    # the first round loads the screens' modules and styles: reported apart
    return {label: {"first_ms": round(s[0], 1), **ms(s[1:])} for label, s in found.items()}


def build_keyed(path: Path, articles: int) -> dict:
    """``bench_library.build``'s library, then schema 8's derived values its bulk load leaves out
    (``schema.fill_v8``: figures' ``object_key``, which the figure groups look up, and the quotes'
    groups), timed as ``fill_v8_seconds``."""
    from newsread.core.store import schema

    built = build(path, articles)
    with Library.open(path, create=False) as lib, lib.transaction() as conn:
        t = time.perf_counter()
        schema.fill_v8(conn)
        built["fill_v8_seconds"] = round(time.perf_counter() - t, 1)
    return built


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsread-bench-desk.db"))
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without rebuilding.")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sample", type=int, default=20, help="Random names and figure keys measured.")
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "desk.json")
    args = ap.parse_args()
    built = None if args.reuse else build_keyed(args.db, args.articles)
    load_before = os.getloadavg()
    lib = Library.open(args.db, create=False)
    names, keys = cases(lib, random.Random(17), args.sample)
    results = {
        "articles": lib.count(),
        "figures": lib.conn.execute("SELECT COUNT(*) FROM figures").fetchone()[0],
        "quotes": lib.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0],
        "heaviest": {"names": names[:3], "figure_keys": [k.words() for k in keys[:3]]},
        "store": store_times(lib, names, keys, args.rounds),
        "drawn": asyncio.run(drawn_times(lib, names[0], keys[0], args.rounds)),
    }
    lib.close()
    write_results(results, args.output, load_before, built)


def write_results(results: dict, output: Path, load_before: tuple[float, float, float], built: dict | None) -> None:
    """Add the goal, the load before and after and the build's report; write ``output`` and print it."""
    results |= {
        "goal_ms": 100,
        "loadavg_1_5_15_before": [round(x, 2) for x in load_before],
        "loadavg_1_5_15_after": [round(x, 2) for x in os.getloadavg()],
        "built": built,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
