"""``newsread add`` of corpus/plain into a fresh library, against plain ``nlp.pipe`` of the same texts.

Both run in this process with the model already loaded (loading is the same for both and not
what ``add`` adds); ``add`` is the real ingest path: sniff, decode, duplicate check, analysis
through ``analyze_many`` (``nlp.pipe`` plus quote/figure extraction) and one transaction per article.

    .venv/bin/python benchmarks/bench_ingest.py [--corpus /work/shared/corpus/plain] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/plain"))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "ingest.json")
    args = ap.parse_args()

    from newsread.core import nlp as nlp_mod
    from newsread.core.ingest import ingest
    from newsread.core.store.library import Library

    files = sorted(args.corpus.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    nlp = nlp_mod.load(None)
    list(nlp.pipe(texts[:4]))  # warm up

    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    pipe_s = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "library.db") as lib:
        t = time.perf_counter()
        summary = ingest([str(args.corpus)], lib, jobs=args.jobs)
        add_s = time.perf_counter() - t
    results = {
        "articles": len(texts),
        "added": summary.added,
        "failed": summary.failed,
        "nlp_pipe_seconds": round(pipe_s, 2),
        "add_seconds": round(add_s, 2),
        "ratio": round(add_s / pipe_s, 3),
        "goal_ratio": 1.15,
        "jobs": args.jobs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
