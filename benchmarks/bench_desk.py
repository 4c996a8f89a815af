"""The source desk on a big library: opening a person's page and a figure group (issue 17).

Run: ``.venv/bin/python benchmarks/bench_desk.py [--articles 100000] [--db PATH] [--reuse]
[--corrections N]``. The library is ``bench_library.py``'s (copies of the real analyses of
corpus/plain, built once and kept at ``--db``; ``--reuse`` measures it again without building).
Goal: ≤ 100 ms from the key to the page fully drawn.

``--corrections N`` measures a copy of it with readers' corrections (``with_corrections``: made
once beside ``--db``, then reused): in the N newest articles quoting the most quoted person, their
quotes reassigned to the second most quoted, every fifth marked as not a quote instead, and the
third most quoted merged into the second; the drawn times then include the second's page
(``person_page_recipient``), which the reassigned quotes join, and the store times
``person_page_reread``, the page with the corrected articles read and corrected again at every
call (as after any write to the library; otherwise they are read once for the open library).

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
import sqlite3
import statistics
import time
from collections import Counter
from pathlib import Path

from bench_library import build
from bench_reader import BenchApp, TrivialScreen, settle, timed
from newsread.core import corrections
from newsread.core.corrections import correct_not_quote, correct_speaker
from newsread.core.figure_keys import FigureKey, key_of
from newsread.core.model import Figure, Quote
from newsread.core.store.figure_groups import figure_group
from newsread.core.store.library import FIGURE_COLUMNS, Library
from newsread.core.store.merges import merge
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


def store_times(lib: Library, names: list[str], keys: list[FigureKey], rounds: int, corrected: bool) -> dict:
    """Store times (see the module docstring), ``person_page_reread`` too when ``corrected``."""
    out: dict = {}
    cases = [
        ("person_page", [lambda n=n: person_page(lib, find_identity(lib, n).id, PAGE) for n in names], False),
        ("figure_group", [lambda k=k: figure_group(lib, k, limit=200) for k in keys], False),
    ]
    if corrected:
        cases.insert(1, ("person_page_reread", cases[0][1], True))
    for label, calls, cold in cases:
        heaviest, others = [], []
        for i, call in enumerate(calls):
            call()  # warm the page cache
            for _ in range(rounds):
                if cold:
                    corrections._READS.clear()
                t = time.perf_counter()
                call()
                (heaviest if i < 3 else others).append((time.perf_counter() - t) * 1000)
        out[label] = {"heaviest_3": ms(heaviest), "random": ms(others)}
    return out


async def drawn_times(lib: Library, names: list[str], key: FigureKey, rounds: int) -> dict:
    """Drawn times of the floor, the page of ``names[0]`` (and of ``names[1]`` as
    ``person_page_recipient`` when two are given) and the figure group of ``key``."""
    pages = [("person_page", find_identity(lib, names[0]).id)]
    if len(names) > 1:
        pages.append(("person_page_recipient", find_identity(lib, names[1]).id))
    screens = [
        ("floor", TrivialScreen),
        *((label, lambda ident=ident: PersonPageScreen(lib, ident)) for label, ident in pages),
        ("figure_group", lambda: FigureGroupScreen(lib, key)),
    ]
    found: dict[str, list[float]] = {label: [] for label, _ in screens}
    app = BenchApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(rounds + 1):
            for label, make in screens:
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


def with_corrections(path: Path, n: int) -> tuple[Path, dict]:
    """A copy of the library at ``path`` with readers' corrections (see the module docstring),
    beside it as ``NAME-corrections-N.db``; made once (SQLite's backup), then reused. What was
    corrected, and how long making the copy took."""
    target = path.with_name(f"{path.stem}-corrections-{n}{path.suffix}")
    made = not target.exists()
    t = time.perf_counter()
    if made:
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        source, dest = sqlite3.connect(path), sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            source.close()
            dest.close()
        partial.rename(target)
    with Library.open(target, create=False) as lib:
        if made:
            add_corrections(lib, n)
        conn = lib.conn
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM corrections GROUP BY kind").fetchall())
        report = {
            "db": str(target),
            "articles": conn.execute("SELECT COUNT(DISTINCT article_id) FROM corrections").fetchone()[0],
            "corrections": kinds,
            "merges": conn.execute("SELECT COUNT(*) FROM identity_merges").fetchone()[0],
            "made_seconds": round(time.perf_counter() - t, 1) if made else None,
        }
    return target, report


def add_corrections(lib: Library, n: int) -> None:
    """In the ``n`` newest articles quoting the most quoted person, each of their quotes reassigned
    to the second most quoted person, every fifth marked as not a quote instead; the third most
    quoted merged into the second."""
    conn = lib.conn
    top = conn.execute(
        "SELECT i.id, i.name FROM identities i JOIN quotes q ON q.identity_id = i.id WHERE i.kind = 'person' "
        "GROUP BY i.id ORDER BY COUNT(*) DESC, i.id LIMIT 3"
    ).fetchall()
    (busiest, _), (_, recipient), (_, third) = top
    articles = [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM quotes WHERE identity_id = ?) "
        "ORDER BY COALESCE(a.published, a.added) DESC, a.id DESC LIMIT ?",
        (busiest, n),
    )]  # fmt: skip
    count = 0
    for article_id in articles:
        rows = conn.execute(
            "SELECT start, end, text, speaker FROM quotes WHERE article_id = ? AND identity_id = ? ORDER BY start",
            (article_id, busiest),
        ).fetchall()
        for start, end, text, speaker in rows:
            quote = Quote(start=start, end=end, text=text, speaker=speaker, cue=None)
            count += 1
            if count % 5 == 0:
                correct_not_quote(lib, article_id, quote)
            else:
                correct_speaker(lib, article_id, quote, recipient, "person")
    merge(lib, third, recipient)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsread-bench-desk.db"))
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without rebuilding.")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sample", type=int, default=20, help="Random names and figure keys measured.")
    ap.add_argument(
        "--corrections", type=int, default=0, metavar="N", help="Measure a copy with N corrected articles and a merge."
    )
    ap.add_argument("--output", type=Path, default=None, help="Default: results/desk.json (desk-corrections-N.json).")
    args = ap.parse_args()
    built = None if args.reuse else build_keyed(args.db, args.articles)
    db, corrected = args.db, None
    if args.corrections:
        db, corrected = with_corrections(args.db, args.corrections)
    load_before = os.getloadavg()
    lib = Library.open(db, create=False)
    names, keys = cases(lib, random.Random(17), args.sample)
    results = {
        "articles": lib.count(),
        "figures": lib.conn.execute("SELECT COUNT(*) FROM figures").fetchone()[0],
        "quotes": lib.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0],
        "heaviest": {"names": names[:3], "figure_keys": [k.words() for k in keys[:3]]},
        "store": store_times(lib, names, keys, args.rounds, corrected is not None),
        "drawn": asyncio.run(drawn_times(lib, names[:2] if corrected else names[:1], keys[0], args.rounds)),
        "corrected": corrected,
    }
    lib.close()
    suffix = f"-corrections-{args.corrections}" if args.corrections else ""
    output = args.output or Path(__file__).parent / "results" / f"desk{suffix}.json"
    write_results(results, output, load_before, built)


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
