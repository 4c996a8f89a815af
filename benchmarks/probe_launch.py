"""Where a launch's time goes, in a real pseudo-terminal: a timeline of one newsread launch and one
bare Textual app launch, from the spawn to the first frame written.

    .venv/bin/python benchmarks/probe_launch.py --db LIBRARY [--runs 5]

``bench_launch_terminal.py`` gives the totals; this says where the difference between them is.
Each run starts a fresh process on a 120×40 pty (as ``bench_launch_terminal --terminal pty``) with
a few of Textual's and newsread's methods wrapped to note the wall-clock time they are reached:

* ``python``: the interpreter ran the first line of the command (its own start-up, ``site``);
* ``imported``: the app's modules imported (newsread: the CLI's and ``newsread.tui.app``);
* ``app made``: the app object built (newsread: settings read, library opened);
* ``driver``: Textual's driver started (application mode, the writer thread);
* ``first frame``: the first write to the terminal holding the marker (Hello / the first title),
  with its size in bytes;
* ``seen``: the marker read back from the pty by this process.

Times are medians over ``--runs`` runs (interleaved), in ms from the spawn; beside them the CPU
time the process had used by then (``time.process_time``, from the interpreter's start: its own
start-up before the first line is not in it), which a busy machine disturbs less than the wall clock.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench_launch_terminal import BARE, first_title, pty_time

PROBE = """
import json, os, sys, time
LOG = os.environ["PROBE_LOG"]
MARKER = os.environ["PROBE_MARKER"]
marks = {"python": time.time()}
cpu = {"python": time.process_time()}

def note(name, **extra):
    if name not in marks:
        marks[name] = time.time()
        cpu[name] = time.process_time()
        marks.update(extra)
        marks["cpu"] = cpu
        part = f"{LOG}.{name}"
        with open(part, "w") as f:
            json.dump(marks, f)
        os.replace(part, LOG)  # whole, even when the process is killed now

note("python")
from textual.drivers import _writer_thread, linux_driver
from textual.app import App

write = _writer_thread.WriterThread.write
def logged_write(self, text):
    if MARKER in text:
        note("first frame", frame_bytes=len(text.encode()))
    return write(self, text)
_writer_thread.WriterThread.write = logged_write

start = linux_driver.LinuxDriver.start_application_mode
def logged_start(self):
    note("driver")
    return start(self)
linux_driver.LinuxDriver.start_application_mode = logged_start

init = App.__init__
def logged_init(self, *args, **kwargs):
    init(self, *args, **kwargs)
    note("app made")
App.__init__ = logged_init

"""

BARE_PROBE = PROBE + BARE.replace("from textual.app import App\n", 'note("imported")\n', 1)

NEWSREAD_PROBE = (
    PROBE
    + """
from newsread.core.cli import main
import newsread.tui.app
note("imported")
sys.argv = ["newsread", *sys.argv[1:]]
main()
"""
)

STEPS = ("python", "imported", "app made", "driver", "first frame", "seen")


def timeline(code: str, args: list[str], marker: str, env: dict[str, str], log: Path) -> dict[str, float]:
    log.unlink(missing_ok=True)
    env = {**env, "PROBE_LOG": str(log), "PROBE_MARKER": marker}
    import time

    spawn = time.time()
    seen = pty_time([sys.executable, "-c", code, *args], marker, env)
    marks = json.loads(log.read_text())
    out = {k: (v - spawn) * 1000 for k, v in marks.items() if isinstance(v, float) and k in STEPS}
    out |= {f"{k} cpu": v * 1000 for k, v in marks["cpu"].items()}
    out["seen"] = seen * 1000
    out["frame_bytes"] = marks.get("frame_bytes", 0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    marker = first_title(args.db)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "newsread": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PYTHONDONTWRITEBYTECODE": "1", "XDG_CONFIG_HOME": tmp, "XDG_STATE_HOME": tmp}
        log = Path(tmp) / "marks.json"
        load = os.getloadavg()[0]
        for n in range(args.runs + 1):
            bare = timeline(BARE_PROBE, ["bare"], "Hello", env, log)
            news = timeline(NEWSREAD_PROBE, ["--db", str(args.db)], marker, env, log)
            if n:  # the first of each warms the file cache
                runs["bare"].append(bare)
                runs["newsread"].append(news)
    print(f"pty 120x40, {args.runs} runs each, load {load:.2f} before, {os.getloadavg()[0]:.2f} after; ms from spawn")
    heads = ("bare", "newsread", "difference", "cpu: bare", "newsread", "difference")
    print(f"{'step':<14}" + "".join(f"{h:>{w}}" for h, w in zip(heads, (8, 10, 12, 12, 10, 12), strict=True)))
    for step in (*STEPS, "frame_bytes"):
        wall = [statistics.median(r.get(step, float("nan")) for r in runs[app]) for app in ("bare", "newsread")]
        cpu = [statistics.median(r.get(f"{step} cpu", float("nan")) for r in runs[app]) for app in ("bare", "newsread")]
        line = f"{step:<14}{wall[0]:>8.0f}{wall[1]:>10.0f}{wall[1] - wall[0]:>12.0f}"
        if step not in ("seen", "frame_bytes"):
            line += f"{cpu[0]:>12.0f}{cpu[1]:>10.0f}{cpu[1] - cpu[0]:>12.0f}"
        print(line)


if __name__ == "__main__":
    main()
