"""How fast the reader opens on a big library, and how much memory it holds, against a bare Textual app.

    .venv/bin/python benchmarks/bench_tui.py [--articles 10000] [--runs 5]

Builds a library by analysing the bundled seed once (the real ``newsread add`` child), then copying
its stored rows inside SQLite up to ``--articles``. Each measurement is a fresh subprocess running
headless at 120x40:

* bare: a Textual app of Header, Static, Footer — time from spawn to its first screen painted;
* newsread: the real entry point (``newsread --db DB``: click, settings, ``Library.open``,
  ``NewsreadApp``) with the app run headless — time from spawn to the library screen painted with
  its first page of rows, then to the whole view loaded (the worker reads its ids; the table reads
  rows as it draws them), and the peak RSS.

The project's modules are compiled to bytecode first, as pip does when it installs a package
(Textual's are); this environment sets ``PYTHONDONTWRITEBYTECODE``, which otherwise made every
launch compile them. No user config file is read (``XDG_CONFIG_HOME`` is a temporary folder).

Goals (reported, not asserted): launch ≤ 1.3 × bare; RSS ≤ 150 MB with 10,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import copy_first_article

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import json, resource, sys, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.report)

    def report(self):
        self.ready = time.time()
        self.exit()

app = Bare()
app.run(headless=True, size=(120, 40))
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ready": app.ready, "loaded": app.ready, "rss_mb": rss, "rows": 0}))
"""

NEWSREAD = """
import json, resource, sys, time
import newsread.tui.app as app_module
from newsread.tui.library.screen import LibraryScreen

marks = {}

class Measured(LibraryScreen):
    def on_mount(self):
        # Textual calls LibraryScreen.on_mount itself after this one: no super() call, or the
        # library would be loaded twice before the first paint.
        self.call_after_refresh(self.painted)

    def painted(self):
        marks["ready"] = time.time()
        marks["first_rows"] = self.table.row_count
        self.set_interval(0.01, self.check_loaded)

    def check_loaded(self):
        if not self.loading_rows and "loaded" not in marks:
            marks["loaded"] = time.time()
            marks["rows"] = self.table.row_count
            self.app.exit()

class Headless(app_module.NewsreadApp):
    def run(self, **kwargs):
        return super().run(headless=True, size=(120, 40))

app_module.LibraryScreen = Measured
app_module.NewsreadApp = Headless
from newsread.core.cli import main  # the real entry point: click, settings, Library.open, the app
sys.argv = ["newsread", "--db", sys.argv[1]]
main()
marks["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
marks["spacy_loaded"] = "spacy" in sys.modules
print(json.dumps(marks))
"""


def build_library(path: Path, articles: int) -> None:
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    cmd = [
        sys.executable,
        "-c",
        "from newsread.core.cli import main; main()",
        "--db",
        str(path),
        "add",
        "--progress",
        "jsonl",
        str(seed),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    copy_first_article(path, articles - 1)


def measure(code: str, *args: str, config_home: str = "") -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "XDG_CONFIG_HOME": config_home}
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
    end = time.time()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["launch_s"] = result["ready"] - t0
    result["loaded_s"] = result["loaded"] - t0
    result["exit_s"] = end - t0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    # As installed by pip, the project's modules are compiled to bytecode (Textual's already are);
    # this environment sets PYTHONDONTWRITEBYTECODE, so without this every launch compiled them.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "core"), str(ROOT / "tui")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        t = time.perf_counter()
        build_library(db, args.articles)
        size_mb = db.stat().st_size / 1e6
        print(f"library: {args.articles} articles, {size_mb:.0f} MB, built in {time.perf_counter() - t:.1f}s")
        measure(BARE)  # warm the file cache for both
        measure(NEWSREAD, str(db), config_home=tmp)  # no user config file: default keys and theme
        bare, news = [], []
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            bare.append(measure(BARE))
            news.append(measure(NEWSREAD, str(db), config_home=tmp))

    def med(rows: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    b_launch, n_launch = med(bare, "launch_s"), med(news, "launch_s")
    print(f"runs: {args.runs} each, interleaved, median shown")
    print(f"bare Textual app   launch {b_launch * 1000:7.0f} ms   RSS {med(bare, 'rss_mb'):6.1f} MB")
    print(
        f"newsread library   launch {n_launch * 1000:7.0f} ms   ({news[0]['first_rows']} rows painted)   "
        f"all {news[0]['rows']} rows {med(news, 'loaded_s') * 1000:7.0f} ms   RSS {med(news, 'rss_mb'):6.1f} MB"
    )
    print(f"launch ratio newsread/bare: {n_launch / b_launch:.2f}  (goal ≤ 1.3)")
    print(f"peak RSS with {args.articles} articles: {med(news, 'rss_mb'):.1f} MB  (goal ≤ 150)")
    print(f"spaCy imported by the TUI: {any(r['spacy_loaded'] for r in news)}")


if __name__ == "__main__":
    main()
