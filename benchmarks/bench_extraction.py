"""Main-text extraction quality and speed on the article-extraction-benchmark pages.

newsread's HTML path (``newsread.core.sources.html.extract``, what ``newsread add page.html`` runs)
against ``trafilatura.extract`` alone, scored like the benchmark's ``evaluate.py``: 4-word shingles
of ``\\w+`` tokens, per-page TP/FP/FN normalised, precision and recall averaged over pages, F1 of
the averages. No spaCy involved.

    .venv/bin/python benchmarks/bench_extraction.py [--corpus /work/shared/corpus/aeb]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    p = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(_recall(*x) for x in rows if x[0] + x[2] > 0)
    return {"f1": 2 * p * r / (p + r), "precision": p, "recall": r}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/aeb"))
    ap.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "extraction.json")
    args = ap.parse_args()

    import trafilatura
    from newsread.core.errors import InputError
    from newsread.core.sources import html as newsread_html

    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {k: gzip.decompress((args.corpus / "html" / f"{k}.html.gz").read_bytes()) for k in sorted(truth)}

    def ours(data: bytes) -> str:
        try:
            return newsread_html.extract(data, "page").text
        except InputError:
            return ""

    def alone(data: bytes) -> str:
        return trafilatura.extract(data) or ""

    results = {}
    for name, fn in (("trafilatura", alone), ("newsread", ours)):
        fn(next(iter(pages.values())))  # warm up imports
        rows, started = [], time.perf_counter()
        outputs = {k: fn(v) for k, v in pages.items()}
        elapsed = time.perf_counter() - started
        rows = [shingle_match(truth[k].get("articleBody", ""), outputs[k]) for k in pages]
        results[name] = {
            **metrics(rows),
            "seconds": elapsed,
            "pages": len(pages),
            "empty": sum(not o for o in outputs.values()),
        }
    results["time_ratio"] = results["newsread"]["seconds"] / results["trafilatura"]["seconds"]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    for name in ("trafilatura", "newsread"):
        r = results[name]
        print(
            f"{name:12} F1={r['f1']:.3f} P={r['precision']:.3f} R={r['recall']:.3f} "
            f"time={r['seconds']:.1f}s pages={r['pages']} empty={r['empty']}"
        )
    print(f"newsread/trafilatura time ratio: {results['time_ratio']:.2f}")


if __name__ == "__main__":
    main()
