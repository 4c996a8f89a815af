"""How many cores a command's process tree uses, every 0.1 s: where a run leaves a core idle (a
serial start, a tail) and where it is CPU-bound.

    .venv/bin/python benchmarks/cores_used.py COMMAND [ARG...]

Prints ``seconds:cores/processes`` samples, ten to a line, then the wall time. The last sample also
counts the children's CPU reaped at their exit, so it reads high. The command's output is discarded.
psutil comes with the ``dask`` and ``test`` extras.
"""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import suppress

import psutil

INTERVAL_S = 0.1


def _cpu_seconds(proc: psutil.Process, root: bool) -> float:
    times = proc.cpu_times()
    own = times.user + times.system
    return own + times.children_user + times.children_system if root else own


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(child.pid)
    seen: dict[int, float] = {}  # CPU seconds of each process of the tree, as last read
    start = last = time.perf_counter()
    last_total = 0.0
    samples: list[str] = []
    while child.poll() is None:
        time.sleep(INTERVAL_S)
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in tree:
            with suppress(psutil.NoSuchProcess):
                seen[proc.pid] = _cpu_seconds(proc, proc.pid == child.pid)
        total = sum(seen.values())
        now = time.perf_counter()
        samples.append(f"{now - start:4.1f}:{(total - last_total) / (now - last):3.1f}/{len(tree)}")
        last, last_total = now, total
    for i in range(0, len(samples), 10):
        print("  ".join(samples[i : i + 10]))
    print("wall", round(time.perf_counter() - start, 2))
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
