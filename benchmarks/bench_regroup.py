"""Regrouping a large copies group when its smallest quote goes (``echoes.regroup``).

Run: ``.venv/bin/python benchmarks/bench_regroup.py [--dir /tmp/regroup] [--copies 5000] [--runs 5]
[--reuse]``. Two real library files are built once in ``--dir`` (``Library.add_analysis``, one
article at a time, every article also holding a sentence of its own):

* ``one`` — ``--copies`` articles each holding a copy of one quote (its words, its marks varying):
  one group named by the first article's quote;
* ``split`` — a first article holding a long quote, then ``--copies`` articles holding a copy of its
  head or (every other one) of its tail: the two halves share too little to match, so they are one
  group only through the long quote.

Each run copies a file and times ``Library.delete_articles`` of its first article (the group's
smallest quote): ``one`` leaves one cluster to rename, ``split`` two. CPU and wall seconds of the
deletion, each run; the rows of ``quote_echoes`` after it are hashed, the same in every run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import time
from pathlib import Path

from newsread.core.model import Analysis, Quote
from newsread.core.store import echoes
from newsread.core.store.library import Library

WHOLE = "We will not allow this to happen again, not in this country, not ever"
HEAD = "The ministry will open three new crossings for aid before the winter comes"
BOTH = "The ministry will open three new crossings for aid before the winter comes, and it will keep them open"
TAIL = "the winter comes, and it will keep them open"
MARKS = [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")]


def story(n: int, words: str) -> Analysis:
    """Article ``n``: a sentence of its own and one quote of ``words`` (marks varying with ``n``)."""
    left, right = MARKS[n % len(MARKS)]
    text = f"Report {n}: the council met on day {n} of the session."
    quote = left + words + right
    start = len(text) + 1
    text += " " + quote + " Ann Lee said."
    found = [Quote(start=start, end=start + len(quote), text=quote, speaker="Ann Lee", cue="said")]
    return Analysis(text=text, title=f"Report {n}", quotes=found)


def build(path: Path, copies: int, *, split: bool) -> None:
    path.unlink(missing_ok=True)
    with Library.open(path) as lib, lib.transaction():
        lib.add_analysis(story(0, BOTH if split else WHOLE), url="https://regroup.test/0")
        for n in range(1, copies + 1):
            words = (TAIL if n % 2 else HEAD) if split else WHOLE
            lib.add_analysis(story(n, words), url=f"https://regroup.test/{n}")
    with Library.open(path) as lib:
        groups = lib.conn.execute("SELECT COUNT(DISTINCT echo_group), COUNT(*) FROM quote_echoes").fetchone()
        assert tuple(groups) == (1, copies + 1), tuple(groups)
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def rows_hash(lib: Library) -> str:
    rows = lib.conn.execute("SELECT quote_id, echo_group, article_id, text_key FROM quote_echoes ORDER BY quote_id")
    return hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()[:12]


def one_run(built: Path, work: Path) -> dict[str, object]:
    shutil.copyfile(built, work)
    with Library.open(work) as lib:
        cpu, wall = time.process_time(), time.perf_counter()
        lib.delete_articles([1])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        groups = lib.conn.execute("SELECT COUNT(DISTINCT echo_group) FROM quote_echoes").fetchone()[0]
        return {"cpu_s": round(cpu, 4), "wall_s": round(wall, 4), "groups": groups, "rows": rows_hash(lib)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=Path("/tmp/regroup"))
    parser.add_argument("--copies", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"copies": args.copies, "echoes": echoes.__file__}
    for case in ("one", "split"):
        built = args.dir / f"{case}-{args.copies}.db"
        if not (args.reuse and built.exists()):
            build(built, args.copies, split=case == "split")
        runs = [one_run(built, args.dir / "work.db") for _ in range(args.runs)]
        assert len({(r["rows"], r["groups"]) for r in runs}) == 1
        report[case] = {
            "cpu_s_median": statistics.median(r["cpu_s"] for r in runs),
            "wall_s_median": statistics.median(r["wall_s"] for r in runs),
            "groups_after": runs[0]["groups"],
            "rows_after": runs[0]["rows"],
            "runs": runs,
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
