"""How long a user waits for the library in a real terminal, against a bare Textual app.

    .venv/bin/python benchmarks/bench_launch_terminal.py [--articles 10000] [--runs 5] [--terminal tmux|pty]
        [--db PATH]

``bench_tui.py`` runs the app headless, which skips the real driver: writing escape sequences to a
terminal, the terminal's own parsing and drawing. This one measures what the user sees. Each run
starts a fresh process in a 120×40 terminal and times from the spawn until a given text is on the
screen:

* ``tmux`` (default): a detached tmux session of that size; the screen is read with
  ``tmux capture-pane`` every 5 ms, so both apps are timed through the same terminal and poll.
  The sessions run on this benchmark's own tmux server (``-L``), kept up by an idle session: a
  server that exits with its last session would otherwise be started again for every run (and a
  session started while it exits fails);
* ``pty``: a pseudo-terminal of that size read directly, the output stripped of escape sequences
  (no terminal in between: what the app itself takes to write its first frame).

The bare app is Header, Static("Hello"), Footer, timed until "Hello" shows; newsread is the real
entry point (``newsread --db DB``) on a library of ``--articles`` articles (the bundled seed analysed
once, then copied inside SQLite, as ``bench_tui.py`` builds it), timed until the first title shows.
``--db PATH`` keeps the library: built there when missing, reused as it is when present (a
100,000-article library takes minutes to build). Runs are interleaved so machine load hits both
alike; medians are printed. The project's modules
are compiled to bytecode first, as pip does when it installs a package.

Goal (reported, not asserted): newsread ≤ 1.3 × bare.
"""

from __future__ import annotations

import argparse
import fcntl
import itertools
import os
import re
import select
import shlex
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from bench_tui import ROOT, build_library

COLUMNS, LINES = 120, 40
POLL_S = 0.005
TIMEOUT_S = 30.0

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

Bare().run()
"""

_RUNS = itertools.count()
TMUX = ["tmux", "-L", f"bench-launch-{os.getpid()}"]
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")


def tmux_time(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` in a fresh 120×40 tmux session until ``marker`` is on its screen."""
    session = f"bench{os.getpid()}-{next(_RUNS)}"
    shell = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
    t0 = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", str(COLUMNS), "-y", str(LINES), shell],
        check=True,
    )
    try:
        while time.perf_counter() - t0 < TIMEOUT_S:
            screen = subprocess.run([*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if marker in screen:
                return time.perf_counter() - t0
            time.sleep(POLL_S)
        raise SystemExit(f"bench_launch_terminal: {marker!r} never showed in tmux")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def pty_time(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` on a fresh 120×40 pseudo-terminal until ``marker`` is in
    what it wrote (escape sequences removed)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, **env, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - t0 < TIMEOUT_S:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                seen += os.read(master, 1 << 16)
            except OSError:
                break
            if marker.encode() in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - t0
        raise SystemExit(f"bench_launch_terminal: {marker!r} never showed on the pty")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def first_title(db: Path) -> str:
    """The start of the newest article's title: what the library's first row shows."""
    conn = sqlite3.connect(db)
    (title,) = conn.execute("SELECT title FROM articles ORDER BY published DESC, id DESC LIMIT 1").fetchone()
    conn.close()
    return str(title)[:24]


def library_size(db: Path) -> int:
    conn = sqlite3.connect(db)
    (count,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    conn.close()
    return int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--terminal", choices=("tmux", "pty"), default="tmux")
    parser.add_argument("--db", type=Path, help="library to reuse (built there if missing)")
    args = parser.parse_args()
    timed = tmux_time if args.terminal == "tmux" else pty_time

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "core"), str(ROOT / "tui")], check=True)
    if args.terminal == "tmux":
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
    try:
        run(args, timed)
    finally:
        if args.terminal == "tmux":
            subprocess.run([*TMUX, "kill-server"], capture_output=True)


def run(args: argparse.Namespace, timed: Callable[[list[str], str, dict[str, str]], float]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "library.db"
        if not db.exists():
            build_library(db, args.articles)
        articles = library_size(db)
        marker = first_title(db)
        env = {"PYTHONDONTWRITEBYTECODE": "1", "XDG_CONFIG_HOME": tmp, "XDG_STATE_HOME": tmp}
        bare_cmd = [sys.executable, "-c", BARE]
        news_cmd = [sys.executable, "-c", "from newsread.core.cli import main; main()", "--db", str(db)]
        load_before = os.getloadavg()[0]
        timed(bare_cmd, "Hello", env)  # warm the file cache for both
        timed(news_cmd, marker, env)
        bare, news = [], []
        for _ in range(args.runs):
            bare.append(timed(bare_cmd, "Hello", env))
            news.append(timed(news_cmd, marker, env))
    load = f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    b, n = statistics.median(bare), statistics.median(news)
    size = f"{COLUMNS}x{LINES}"
    print(f"terminal: {args.terminal} {size}, {articles} articles, {args.runs} runs each, load {load}")
    print(f"bare Textual app   first frame {b * 1000:6.0f} ms   (runs: {', '.join(f'{x * 1000:.0f}' for x in bare)})")
    print(f"newsread library   first title {n * 1000:6.0f} ms   (runs: {', '.join(f'{x * 1000:.0f}' for x in news)})")
    print(f"ratio newsread/bare: {n / b:.2f}  (goal ≤ 1.3)")


if __name__ == "__main__":
    main()
