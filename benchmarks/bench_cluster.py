"""A Dask ``LocalCluster`` of 2 workers against ``--jobs 2``, end to end, as a user runs them.

    .venv/bin/python benchmarks/bench_cluster.py [CORPUS_DIR, default ../shared/corpus/plain] [--runs 3]

Times, alternately and ``--runs`` times each, the real command
``newsread analyze CORPUS/*.txt --jsonl --jobs 2`` and the same with ``--scheduler local:2``
(start-up, the cluster's start and stop, and the model load in every worker included), with one
BLAS thread per process, and checks that both print the same bytes. The goal: the cluster reaches
≥ 0.9× the speed of ``--jobs 2`` (its time ≤ 1/0.9 of theirs), i.e. the engine's overhead is small.
Prints a table and writes ``benchmarks/results/cluster.json``; wall-clock numbers move a lot on a
busy machine, so the load average is recorded with them, and each run's CPU seconds (user + system
of the command and every process it waited for), which move less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
from pathlib import Path

from _support import timed_command

HERE = Path(__file__).resolve().parent
NEWSREAD = Path(sys.executable).with_name("newsread")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus" / "plain"))
    ap.add_argument("--runs", type=int, default=3, help="runs of each, alternating; medians are reported")
    ap.add_argument("--out", default=str(HERE / "results" / "cluster.json"))
    args = ap.parse_args(argv)

    files = sorted(str(p) for p in Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    commands = {
        "jobs 2": [str(NEWSREAD), "analyze", *files, "--jsonl", "--jobs", "2"],
        "local:2": [str(NEWSREAD), "analyze", *files, "--jsonl", "--scheduler", "local:2"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, bytes] = {}
    loads = [os.getloadavg()[0]]
    for _ in range(args.runs):
        for name, command in commands.items():
            before = _children_cpu()
            elapsed, out = timed_command(command, env)
            times[name].append(elapsed)
            cpu[name].append(round(_children_cpu() - before, 2))
            outputs.setdefault(name, out)
            loads.append(os.getloadavg()[0])
    same = outputs["jobs 2"] == outputs["local:2"]
    medians = {name: statistics.median(values) for name, values in times.items()}
    speed = medians["jobs 2"] / medians["local:2"]

    print(f"{len(files)} articles, {args.runs} runs each (median), load average {min(loads):.2f}–{max(loads):.2f}")
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:8} {medians[name]:6.2f} s   runs: {runs}   CPU s: {', '.join(f'{v:.2f}' for v in cpu[name])}")
    print(f"  local:2 speed / jobs 2 speed: {speed:.2f}× (goal ≥ 0.9)   same output: {same}")
    result = {
        "articles": len(files),
        "runs": args.runs,
        "seconds": times,
        "median_seconds": medians,
        "cpu_seconds": cpu,
        "cluster_speed_vs_jobs_2": round(speed, 3),
        "same_output": same,
        "load_average": [round(v, 2) for v in loads],
        "cpus": os.cpu_count(),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if same else 1


def _children_cpu() -> float:
    """User + system seconds of the processes this one has waited for (each command and, through
    it, the workers and analysis processes it waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    sys.exit(main())
