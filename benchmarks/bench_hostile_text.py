"""Time the analysis of hostile texts: runs of quote marks and symbols, huge numbers, long texts.

    .venv/bin/python benchmarks/bench_hostile_text.py [NAME ...] [--timeout 120] [--list]

Each input is analysed by ``newsread.core.analysis.analyze`` in a fresh process (the model load is
not timed), killed after ``--timeout`` seconds; the table gives the seconds, the characters, the
process's peak RSS and what happened (``ok``, ``timeout``, or the exception). To measure an older
version, put its tree first on the path: ``PYTHONPATH=/tmp/old_pkg`` where ``/tmp/old_pkg/newsread``
holds links to its ``core``, ``tui`` and ``seeds`` folders (``git archive`` of the commit).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = "2024-10-24"

_QUOTE = 'Mayor Jane Smith opened the bridge on Monday. "We will win," Smith said.\n\n'


def _mixed(n: int) -> str:
    return ("“”\"'‘’«»" * n)[:n]


def _prose(n: int) -> str:
    """The first ``n`` characters of the corpus's articles, one after another."""
    corpus = HERE.parent.parent / "shared" / "corpus" / "plain"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    return text[:n]


INPUTS: dict[str, Callable[[], str]] = {
    'dq_16k: 16,000 "': lambda: '"' * 16_000,
    'dq_32k: 32,000 "': lambda: '"' * 32_000,
    'dq_100k: 100,000 "': lambda: '"' * 100_000,
    "mixed_8k: 8 KB of “”\"'‘’«»": lambda: _mixed(8_000),
    "mixed_100k: 100 KB of “”\"'‘’«»": lambda: _mixed(100_000),
    "eq_32k: 32,000 =": lambda: "=" * 32_000,
    "plus_32k: 32,000 +": lambda: "+" * 32_000,
    "poss_16k: 'a' + 16,000 's": lambda: "a" + "'s" * 16_000,
    "emoji_16k: 16,000 😀": lambda: "😀" * 16_000,
    "punct_32k: 32,000 of .,": lambda: ".," * 16_000,
    'runs32_100k: 100 KB of 32 " and a space': lambda: ('"' * 32 + " ") * 3_030,
    'runs32a_100k: 100 KB of 32 " and a letter': lambda: ('"' * 32 + "a") * 3_030,
    'spaced_100k: 100 KB of " and a space': lambda: '" ' * 50_000,
    'quoted_100k: 100 KB of "a" and a space': lambda: '"a" ' * 25_000,
    "commas_100k: 100 KB of a,": lambda: "a," * 50_000,
    "prose_100k: 100 KB of corpus prose (for comparison)": lambda: _prose(100_000),
    "digits_400: a 400-digit number": lambda: "The debt reached " + "9" * 400 + " dollars.",
    "long_1m: 1,050,000 characters (a quote, blank lines, a quote)": lambda: (
        _QUOTE + "\n" * 1_050_000 + '"It took ten years," she said.\n'
    ),
}


def _child(name: str) -> None:
    """Analyse one input in this process and print one JSON line of what it cost."""
    import resource

    from newsread.core.analysis import analyze
    from newsread.core.nlp import load

    load()
    text = INPUTS[name]()
    t0 = time.perf_counter()
    status = "ok"
    try:
        analysis = analyze(text, published=PUBLISHED)
        json.dumps(analysis.to_dict(), allow_nan=False)
    except Exception as exc:  # what the old code raised is part of the measurement
        status = f"{type(exc).__name__}: {str(exc)[:60]}"
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "chars": len(text), "rss_mb": rss_mb, "status": status}))


def _run(name: str, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - t0, "chars": len(INPUTS[name]()), "rss_mb": None, "status": "timeout"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"seconds": None, "chars": len(INPUTS[name]()), "rss_mb": None, "status": done.stderr.strip()[-80:]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="inputs to run (a prefix of the name, e.g. dq_16k); all by default")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before an input counts as a hang")
    ap.add_argument("--list", action="store_true", help="list the inputs and exit")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    if args.list:
        print("\n".join(INPUTS))
        return 0
    chosen = [n for n in INPUTS if not args.names or any(n.startswith(p) for p in args.names)]
    print(f"{'input':60} {'seconds':>8} {'chars':>10} {'RSS MB':>7}  status", flush=True)
    for name in chosen:
        r = _run(name, args.timeout)
        secs = "-" if r["seconds"] is None else f"{r['seconds']:.2f}"
        rss = "-" if r["rss_mb"] is None else f"{r['rss_mb']:.0f}"
        print(f"{name:60} {secs:>8} {r['chars']:>10,} {rss:>7}  {r['status']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
