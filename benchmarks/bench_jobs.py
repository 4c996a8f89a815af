"""``--jobs 2`` against one core, end to end, as a user runs ``analyze`` and ``add``.

    .venv/bin/python benchmarks/bench_jobs.py [CORPUS_DIR, default ../shared/corpus/plain] [--runs 5]

Times, alternately and ``--runs`` times each, the real commands

- ``newsread analyze CORPUS/*.txt --jsonl`` with ``--jobs 1`` and ``--jobs 2``,
- ``newsread add CORPUS --db NEW.db`` with ``--jobs 1`` and ``--jobs 2``,

all with one BLAS thread (``OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1``: one core's work for the
one-process runs), plus the default ``add`` with the environment as it is. Start-up, the model load
and, for ``add``, the library's writes are included. It checks that both ``analyze`` runs print the
same bytes. The goals (issue 16): ``--jobs 2`` ≥ 1.8× one core for both commands, and ``add --jobs
2`` never slower than the default ``add``. Prints a table and writes ``benchmarks/results/jobs.json``;
the numbers move by a third when anything else runs, so the load average is recorded with them.

``--terminal`` runs each command as a user does, its standard error a pseudo-terminal: the progress
bars are drawn (and their refresh threads run), ``add`` keeps its default bar instead of ``--progress
plain``; the results go to ``results/jobs-terminal.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _support import timed_command, timed_in_terminal

HERE = Path(__file__).resolve().parent
NEWSREAD = Path(sys.executable).with_name("newsread")
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus" / "plain"))
    ap.add_argument("--runs", type=int, default=5, help="runs of each, alternating; medians are reported")
    ap.add_argument("--terminal", action="store_true", help="run each command with its stderr on a pseudo-terminal")
    ap.add_argument("--out", default=None, help="default: results/jobs.json (jobs-terminal.json with --terminal)")
    args = ap.parse_args(argv)
    timed = timed_in_terminal if args.terminal else timed_command
    out_path = Path(args.out or HERE / "results" / ("jobs-terminal.json" if args.terminal else "jobs.json"))

    files = sorted(str(p) for p in Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    one_core = dict(os.environ, **ONE_BLAS_THREAD)
    as_is = {k: v for k, v in os.environ.items() if k not in ONE_BLAS_THREAD}
    times: dict[str, list[float]] = {}
    outputs: dict[str, bytes] = {}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:

        def add(jobs: int | None, env: dict[str, str], name: str) -> None:
            db = Path(tmp) / f"{name.replace(' ', '-')}-{len(times.get(name, []))}.db"
            command = [str(NEWSREAD), "add", args.corpus, "--db", str(db)]
            if not args.terminal:
                command += ["--progress", "plain"]
            elapsed, _ = timed([*command, "--jobs", str(jobs)] if jobs else command, env)
            times.setdefault(name, []).append(elapsed)

        for _ in range(args.runs):
            for jobs in (1, 2):
                name = f"analyze --jobs {jobs}"
                command = [str(NEWSREAD), "analyze", *files, "--jsonl", "--jobs", str(jobs)]
                elapsed, out = timed(command, one_core)
                times.setdefault(name, []).append(elapsed)
                outputs.setdefault(name, out)
                add(jobs, one_core, f"add --jobs {jobs}")
            add(None, as_is, "add (default)")
            loads.append(os.getloadavg()[0])
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratios = {
        "analyze": medians["analyze --jobs 1"] / medians["analyze --jobs 2"],
        "add": medians["add --jobs 1"] / medians["add --jobs 2"],
        "add_vs_default": medians["add (default)"] / medians["add --jobs 2"],
    }
    same = outputs["analyze --jobs 1"] == outputs["analyze --jobs 2"]

    where = "stderr on a terminal" if args.terminal else "stderr on a pipe"
    load = f"load average {min(loads):.2f}–{max(loads):.2f}"
    print(f"{len(files)} articles, {args.runs} runs each (median), {where}, {load}")
    for name, values in times.items():
        print(f"  {name:18} {medians[name]:6.2f} s   runs: {', '.join(f'{v:.2f}' for v in values)}")
    print(f"  analyze: --jobs 2 is {ratios['analyze']:.2f}× one core (goal ≥ 1.8)   same output: {same}")
    print(f"  add:     --jobs 2 is {ratios['add']:.2f}× one core (goal ≥ 1.8)")
    print(f"           and {ratios['add_vs_default']:.2f}× the default add (goal ≥ 1)")
    result = {
        "articles": len(files),
        "runs": args.runs,
        "terminal": args.terminal,
        "seconds": times,
        "median_seconds": medians,
        "speed_ups": {k: round(v, 3) for k, v in ratios.items()},
        "same_output": same,
        "load_average": [round(v, 2) for v in loads],
        "cpus": os.cpu_count(),
    }
    out_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
