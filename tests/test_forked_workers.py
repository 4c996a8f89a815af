"""``--jobs`` workers are forked before the command starts a thread, and a model they cannot load
is one line.

A process forked from one that has ever had a second thread parses slower for good (glibc's
single-thread fast path is gone): ``analyze`` and ``add`` fork their workers
(``analysis.forked_workers``) before the progress bar starts its refresh thread.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "plain"

IN_PROCESS = """
import json, multiprocessing, threading
from newsread.core.analysis import ArticleInput, analyze_many, forked_workers

texts = ["Jane Smith said: \\"We will win.\\"", "The council spent $4 million in 2024.", "\\"No,\\" he said."]
with forked_workers(2, None):
    forked = sorted(p.pid for p in multiprocessing.active_children())
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    first = [a.to_dict() for a in analyze_many([ArticleInput(t) for t in texts], jobs=2)]
    again = [a.to_dict() for a in analyze_many([ArticleInput(t) for t in texts[:1]], jobs=2)]
    used = sorted(p.pid for p in multiprocessing.active_children())
alone = [a.to_dict() for a in analyze_many([ArticleInput(t) for t in texts], jobs=1)]
print(json.dumps({"forked": forked, "used": used, "same": first == alone and again == alone[:1]}))
"""


def test_the_workers_forked_up_front_are_the_ones_that_analyse() -> None:
    out = subprocess.run([sys.executable, "-c", IN_PROCESS], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert len(seen["forked"]) == 2  # forked at the block's start, before the thread
    assert seen["used"] == seen["forked"]  # no worker forked later, from the threaded process
    assert seen["same"]


PROBE = """
import json, sys, threading
from newsread.core import analysis
from newsread.core.cli import main

start = analysis._start_pool
record = sys.argv[1]
def recording(*args, **kwargs):
    with open(record, "a") as out:
        out.write(json.dumps([t.name for t in threading.enumerate()]) + "\\n")
    return start(*args, **kwargs)
analysis._start_pool = recording
sys.argv = ["newsread", *sys.argv[2:]]
main()
"""


def _in_a_terminal(args: list[str], record: Path) -> int:
    """Run the CLI with ``args``, its stderr a terminal (so it shows a progress bar), its stdout
    discarded; the threads alive when each pool was forked are appended to ``record``."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", PROBE, str(record), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env={**os.environ, "COLUMNS": "100"},
        )
        os.close(follower)
        follower = -1
        while True:  # drain the terminal so the bar never blocks on a full buffer
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # EIO once the child has closed its end
                break
        return proc.wait(timeout=300)
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)


def test_analyze_and_add_in_a_terminal_fork_their_workers_before_the_bar_thread(tmp_path: Path) -> None:
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))[:4]
    record = tmp_path / "threads.jsonl"
    assert _in_a_terminal(["analyze", *files, "--jsonl", "--jobs", "2"], record) == 0
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in files:
        (folder / Path(f).name).write_text(Path(f).read_text(encoding="utf-8"), encoding="utf-8")
    assert _in_a_terminal(["add", str(folder), "--db", str(tmp_path / "lib.db"), "--jobs", "2"], record) == 0
    forks = [json.loads(line) for line in record.read_text().splitlines()]
    assert forks == [["MainThread"], ["MainThread"]]


BAD_MODEL = ["--jobs", "2", "--model", "no_such_pipeline"]


def test_a_model_the_workers_cannot_load_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('Jane Smith said: "We will win."\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newsread.core.cli", "analyze", str(article), str(article), "--jsonl", *BAD_MODEL],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["newsread: spaCy model 'no_such_pipeline' is not installed (pass --model NAME)"]
