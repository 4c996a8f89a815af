"""Where ``--jobs`` spends its time: timestamps inside the processes of one run, and what two
processes pay that one does not.

    .venv/bin/python benchmarks/jobs_timeline.py [CORPUS_DIR] [--jobs 2]   # one analyze run, timed inside
    .venv/bin/python benchmarks/jobs_timeline.py [CORPUS_DIR] --halves    # the corpus whole, then in halves

The first form runs ``newsread analyze CORPUS/*.txt --jsonl --jobs N`` (output discarded) in this
process, with one BLAS thread, and prints when the model is loaded (``--jobs 1``) or each worker's
start and its batches with their wall and CPU seconds (``--jobs N``), and when the command
returns. The second analyses the whole corpus in one fresh process, then each half
in a fresh process of its own, one after the other, and prints each one's CPU seconds after the
model load: what two processes pay for learning the same vocabulary twice. Run it on a quiet
machine; the figures move by a few per cent from run to run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}

HALF = """
import sys, time
from pathlib import Path
from newsread.core import nlp
from newsread.core.analysis import ArticleInput, analyze_many
from newsread.core.textio import split_title

def article(path):
    title, body = split_title(Path(path).read_text(encoding="utf-8"))
    return ArticleInput(body, title=title, path=path)

nlp.load(None)
paths = sys.argv[1:]
started = time.process_time()
for _ in analyze_many(article(p) for p in paths):
    pass
print(f"{time.process_time() - started:.2f}")
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus" / "plain"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--halves", action="store_true", help="CPU of the whole corpus in one process and of its halves")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    if args.halves:
        return _halves(files)
    os.environ.update(ONE_BLAS_THREAD)
    return _timeline(files, args.jobs)


def _halves(files: list[str]) -> int:
    env = dict(os.environ, **ONE_BLAS_THREAD)
    middle = len(files) // 2
    for name, part in (("whole", files), ("first half", files[:middle]), ("second half", files[middle:])):
        out = subprocess.run([sys.executable, "-c", HALF, *part], env=env, capture_output=True, text=True, check=True)
        print(f"{name:12} {len(part):4} articles  {out.stdout.strip()} s CPU")
    return 0


def _timeline(files: list[str], jobs: int) -> int:
    import functools

    from newsread.core import analysis, nlp
    from newsread.core.cli import main as newsread

    begun = time.perf_counter()

    def mark(what: str) -> None:
        print(f"{time.perf_counter() - begun:7.3f}  [{os.getpid()}] {what}", file=sys.stderr, flush=True)

    load = nlp.load

    @functools.cache
    def timed_load(name: str | None = None):  # type: ignore[no-untyped-def]
        mark("model load starts")
        pipeline = load(name)
        mark("model loaded")
        return pipeline

    init, batch = analysis._worker_init, analysis._worker_batch

    def timed_init(model: str | None) -> None:
        mark("worker starts")
        init(model)
        mark("worker ready")

    def timed_batch(texts, *rest):  # type: ignore[no-untyped-def]
        wall, cpu = time.perf_counter(), time.process_time()
        done = batch(texts, *rest)
        mark(f"batch of {len(texts)}: {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s")
        return done

    nlp.load = timed_load  # type: ignore[assignment]
    analysis._worker_init, analysis._worker_batch = timed_init, timed_batch
    sys.argv = ["newsread", "analyze", *files, "--jsonl", "--jobs", str(jobs)]
    stdout = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            newsread()
        except SystemExit as exc:
            if exc.code:
                raise
        finally:
            sys.stdout.flush()
            os.dup2(stdout, 1)
    mark("command returned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
