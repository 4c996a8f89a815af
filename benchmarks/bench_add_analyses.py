"""``newsread add --analyses FILE.jsonl`` on a generated file: articles per second and peak memory.

    .venv/bin/python benchmarks/bench_add_analyses.py [--lines 100000] [--corpus ../shared/corpus/plain]
        [--into LIBRARY] [--novel-quotes]

The corpus is analysed once (``newsread analyze --jsonl``, cached beside the generated file); line n
of the generated file is analysis n mod N of it with ``\\n\\nCopy n.`` appended to its text (its items'
offsets stay true) and its own path, so every line is a new article, and every quote has many exact
copies (a wire story on many sites, at its most); ``--novel-quotes`` draws every quote's letters anew
for its line instead, so that no quote is found in another article. The real command then stores it
into a new library (or, with ``--into``, a copy of that library: adding to a large library is
slower, since the quote groups' lookups and every index grow with it) in a child process, whose peak
RSS is read from the kernel (``VmHWM``, which starts afresh at exec) and whose CPU time is read too:
on a shared machine the wall-clock rate follows the load, CPU seconds per article much less. Goals:
≥ 300 articles/s, memory bounded whatever the file's size (compare two ``--lines``). Prints one line
and writes ``benchmarks/results/add_analyses-LINES.json``; the rate moves a lot on a busy machine,
so the load average is recorded with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWSREAD = Path(sys.executable).with_name("newsread")
MEASURED = """
import re, sys
from pathlib import Path
from newsread.core.cli import main
sys.argv = ["newsread", *sys.argv[1:]]
status = 0
try:
    main()
except SystemExit as end:
    status = end.code
peak = re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print("peak_rss_kb", peak, "status", status, file=sys.stderr)
"""


def _analyses(corpus: Path, cache: Path) -> list[dict]:
    """The corpus's analyses by the real command, made once and kept in ``cache``."""
    if not cache.exists():
        files = sorted(str(p) for p in corpus.glob("*.txt"))
        with cache.open("wb") as out:
            subprocess.run([str(NEWSREAD), "analyze", *files, "--jsonl", "--jobs", "2"], stdout=out, check=False)
    return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]


def _novel_quotes(data: dict, n: int) -> None:
    """Every letter inside ``data``'s quotes replaced by one drawn for line ``n`` (same length, same
    case, the rest of the text as it was), and each item's text read again from the text at its
    offsets: every quote is then words of its own, found in no other line."""
    import random

    draw = random.Random(n)
    text = list(data["text"])
    for q in data["quotes"]:
        for i in range(q["start"], q["end"]):
            c = text[i]
            if "a" <= c <= "z" or "A" <= c <= "Z":
                letter = draw.choice("abcdefghijklmnopqrstuvwxyz")
                text[i] = letter.upper() if c.isupper() else letter
    data["text"] = "".join(text)
    for key in ("entities", "quotes", "figures"):
        data[key] = [{**item, "text": data["text"][item["start"] : item["end"]]} for item in data[key]]


def _generate(analyses: list[dict], lines: int, path: Path, *, novel: bool = False) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            data = dict(analyses[n % len(analyses)])
            if novel:
                _novel_quotes(data, n)
            data["text"] = f"{data['text']}\n\nCopy {n}."
            data["path"] = f"copy-{n}.txt"
            out.write(json.dumps(data, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "plain")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsread-bench-add-analyses")
    ap.add_argument("--into", type=Path, default=None, help="add to a copy of this library (never written)")
    ap.add_argument(
        "--novel-quotes",
        action="store_true",
        help="every quote's letters drawn anew for its line: no quote is in two articles (copies are rare)",
    )
    ap.add_argument("--out", default=None, help="default: benchmarks/results/add_analyses-LINES[-novel].json")
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    analyses = _analyses(args.corpus, args.work / "corpus.jsonl")
    novel = "-novel" if args.novel_quotes else ""
    source = args.work / f"analyses-{args.lines}{novel}.jsonl"
    if not source.exists():
        _generate(analyses, args.lines, source, novel=args.novel_quotes)
    db = args.work / "library.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if args.into is not None:
        import sqlite3
        from contextlib import closing

        from newsread.core.store.schema import SCHEMA_VERSION

        with closing(sqlite3.connect(f"{args.into.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:  # its migration would run inside the timed command
            print(f"{args.into} is at schema {version}, not {SCHEMA_VERSION}: open it once first", file=sys.stderr)
            return 1
        subprocess.run(["cp", "--sparse=always", str(args.into), str(db)], check=True)
        for suffix in ("-wal", "-shm"):
            if Path(f"{args.into}{suffix}").exists() and Path(f"{args.into}{suffix}").stat().st_size:
                shutil.copy(f"{args.into}{suffix}", f"{db}{suffix}")

    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    events = args.work / "events.jsonl"
    with events.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-c", MEASURED, "--db", str(db), "add", "--progress", "jsonl", "--analyses", str(source)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    elapsed = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    report = done.stderr.strip().splitlines()[-1].split()
    with events.open("rb") as f:
        f.seek(max(0, events.stat().st_size - 4096))
        summary = json.loads(f.read().splitlines()[-1])
    if report[0] != "peak_rss_kb" or summary.get("event") != "done":
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    if summary["failed"]:  # a rate of lines that failed measures nothing
        print(f"{summary['failed']} lines failed, the first: {done.stderr.splitlines()[0]}", file=sys.stderr)
        return 1
    rate = summary["added"] / elapsed
    result = {
        "lines": args.lines,
        "file_mb": round(source.stat().st_size / 1024**2, 1),
        "added": summary["added"],
        "failed": summary["failed"],
        "seconds": round(elapsed, 2),
        "articles_per_s": round(rate, 1),
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_article": round(1000 * cpu / max(summary["added"], 1), 2),
        "into": str(args.into) if args.into else None,
        "novel_quotes": args.novel_quotes,
        "peak_rss_mb": round(int(report[1]) / 1024, 1),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
    }
    print(
        f"{result['lines']} lines ({result['file_mb']} MB): {result['added']} added in {elapsed:.1f} s = "
        f"{rate:.0f} articles/s (goal ≥ 300), CPU {result['cpu_ms_per_article']} ms an article, "
        f"peak RSS {result['peak_rss_mb']} MB, "
        f"load average {result['load_average'][0]}–{result['load_average'][1]}"
    )
    into = f"-into-{args.into.stem}" if args.into else ""
    out = Path(args.out or HERE / "results" / f"add_analyses-{args.lines}{novel}{into}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
