"""Benchmark the analysis engine on a folder of plain-text articles.

    .venv/bin/python benchmarks/bench_analysis.py [CORPUS_DIR] [--jobs 2] [--repeat 1]

Measures, in one run and on the same texts:

1. plain ``nlp.pipe`` (the spaCy pipeline alone, the floor),
2. ``analyze_many(jobs=1)`` (pipeline + post-processing); goal ≤ 1.10× the plain pipe,
3. ``analyze_many(jobs=N)`` against (2); goal ≥ 1.8× faster with 2 jobs on an idle 2-core machine.

Prints a table and writes ``benchmarks/results/analysis.json``. Numbers are noisy on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus" / "plain"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=1, help="runs per measure; the best is kept")
    ap.add_argument("--model", default=None)
    ap.add_argument("--out", default=str(HERE / "results" / "analysis.json"))
    args = ap.parse_args(argv)

    from newsread.core import nlp as nlp_mod
    from newsread.core.analysis import ArticleInput, analyze_many
    from newsread.core.textio import read_source, split_title

    files = sorted(p for p in Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    items = []
    for p in files:
        title, text = split_title(read_source(str(p)))
        items.append(ArticleInput(text, title=title, published="2019-11-20", path=str(p)))
    texts = [it.text for it in items]
    chars = sum(len(t) for t in texts)

    nlp = nlp_mod.load(args.model)
    list(nlp.pipe(texts[:3]))  # warm up: lazy imports, dateparser
    list(analyze_many(items[:3], model=args.model))

    t_pipe = _best(lambda: list(nlp.pipe(texts, batch_size=args.batch_size)), args.repeat)
    t_one = _best(lambda: list(analyze_many(items, model=args.model, batch_size=args.batch_size)), args.repeat)
    t_jobs = _best(
        lambda: list(analyze_many(items, model=args.model, jobs=args.jobs, batch_size=args.batch_size)),
        args.repeat,
    )
    overhead = t_one / t_pipe
    speedup = t_one / t_jobs
    rows = [
        ("nlp.pipe (spaCy only)", t_pipe, ""),
        ("analyze_many jobs=1", t_one, f"{overhead:.2f}x pipe (goal <= 1.10x)"),
        (f"analyze_many jobs={args.jobs}", t_jobs, f"{speedup:.2f}x faster than jobs=1 (goal >= 1.8x)"),
    ]
    print(f"{len(items)} articles, {chars:,} characters, model {nlp_mod.describe(nlp)}, {os.cpu_count()} CPUs")
    print(f"{'measure':<26} {'seconds':>8}  {'articles/s':>10}  note")
    for name, secs, note in rows:
        print(f"{name:<26} {secs:>8.2f}  {len(items) / secs:>10.1f}  {note}")
    result = {
        "articles": len(items),
        "characters": chars,
        "model": nlp_mod.describe(nlp),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "batch_size": args.batch_size,
        "jobs": args.jobs,
        "repeat": args.repeat,
        "seconds": {"nlp_pipe": t_pipe, "analyze_jobs_1": t_one, f"analyze_jobs_{args.jobs}": t_jobs},
        "overhead_vs_pipe": overhead,
        "speedup_jobs": speedup,
        "goals": {"overhead_vs_pipe_max": 1.10, "speedup_jobs_min": 1.8},
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
