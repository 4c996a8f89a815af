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
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from support.signals import ctrl_c_as_in_a_terminal

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


THREADS_AT = """
import json, sys, threading
from newsread.core import analysis
from newsread.core.cli import main

record, called = sys.argv[1], getattr(analysis, "{name}")
def recording(*args, **kwargs):
    with open(record, "a") as out:
        out.write(json.dumps([t.name for t in threading.enumerate()]) + "\\n")
    return called(*args, **kwargs)
setattr(analysis, "{name}", recording)
sys.argv = ["newsread", *sys.argv[2:]]
main()
"""
PROBE = THREADS_AT.format(name="_start_pool")  # the threads alive when a pool is forked
PARSING = THREADS_AT.format(name="analyse_doc")  # the threads alive in the parsing process, at each article


def _in_a_terminal(args: list[str], record: Path, probe: str = PROBE) -> int:
    """Run the CLI with ``args`` under ``probe``, its stderr a terminal (so it shows a progress
    bar), its stdout discarded; ``PROBE`` appends to ``record`` the threads alive when each pool was
    forked, ``PARSING`` those alive in the parsing process at each article. What the terminal
    showed is written to ``record`` with the suffix ``.screen``."""
    leader, follower = pty.openpty()
    shown = b""
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", probe, str(record), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env={**os.environ, "COLUMNS": "100"},
        )
        os.close(follower)
        follower = -1
        while True:  # drain the terminal so the bar never blocks on a full buffer
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the child has closed its end
                break
            if not chunk:
                break
            shown += chunk
        return proc.wait(timeout=300)
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
        record.with_suffix(".screen").write_bytes(shown)


@pytest.mark.parametrize("command", ["analyze", "add"])
def test_one_process_draws_its_bar_and_parses_without_a_second_thread(tmp_path: Path, command: str) -> None:
    """``--jobs 1`` parses in the process that draws the bar: the bar is redrawn as articles are
    done, by the thread that parses, so that process never has a second thread (rich's refresh
    thread would slow its parsing for good)."""
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))[:3]
    record = tmp_path / "parsing.jsonl"
    args = ["--jsonl"] if command == "analyze" else ["--db", str(tmp_path / "lib.db")]
    assert _in_a_terminal([command, *files, *args], record, PARSING) == 0
    seen = [json.loads(line) for line in record.read_text().splitlines()]
    assert seen == [["MainThread"]] * 3
    assert ("analysing" if command == "analyze" else "adding").encode() in record.with_suffix(".screen").read_bytes()


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


BAD_MODELS = {
    "no_such_pipeline": "spaCy model 'no_such_pipeline' is not installed (pass --model NAME)",
    "numpy": "'numpy' is not a spaCy pipeline (",  # installed, found wanting only by the workers' load
}


@pytest.mark.parametrize("command", ["analyze", "add"])
@pytest.mark.parametrize("model", sorted(BAD_MODELS))
def test_a_model_the_workers_cannot_load_is_one_line_and_nothing_is_stored(
    tmp_path: Path, command: str, model: str
) -> None:
    """``add --jobs`` leaves the loading to its workers (it only checks the name is installed), so
    a package that is no pipeline is found by their first chunk: still one line, nothing stored."""
    article = tmp_path / "a.txt"
    article.write_text('Jane Smith said: "We will win."\n', encoding="utf-8")
    db = tmp_path / "lib.db"
    args = ["--jsonl"] if command == "analyze" else ["--db", str(db), "--progress", "plain"]
    args += ["--jobs", "2", "--model", model]
    done = subprocess.run(
        [sys.executable, "-m", "newsread.core.cli", command, str(article), str(article), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("newsread: " + BAD_MODELS[model])
    if command == "add":
        assert not db.exists()  # the library this run made is removed with nothing in it


@pytest.mark.parametrize("command", ["analyze", "add"])
def test_ctrl_c_is_one_line_and_stops_the_workers_at_once(tmp_path: Path, command: str) -> None:
    """Ctrl-C reaches every process of the terminal's group: the workers leave it to the command,
    which kills them instead of waiting for the chunks they analyse (each seconds of work)."""
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    args = ["--jsonl"] if command == "analyze" else ["--db", str(tmp_path / "lib.db")]
    started = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsread")), command, *files, *args, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    assert started.stdout is not None
    assert started.stdout.readline()  # mid-run: the first article is out
    workers = psutil.Process(started.pid).children()
    assert len(workers) == 2
    os.killpg(started.pid, signal.SIGINT)
    _, err = started.communicate(timeout=60)
    assert started.returncode == 130
    assert err.decode().strip() == "newsread: aborted"  # no traceback from a worker
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive


STOPPED_EARLY = """
import json, multiprocessing, time
from newsread.core import analysis
from newsread.core.analysis import ArticleInput, analyze_many, forked_workers

def never_ends(texts, meta, model, batch_size):
    if "slow" in texts[0]:
        time.sleep(3600)
    return [analysis.Analysis(text="") for _ in texts]

analysis._worker_batch = never_ends
texts = ["fast " * 1000, "slow " * 1000]  # a chunk each: every chunk holds at least 4,000 characters
try:
    with forked_workers(2, None):
        workers = multiprocessing.active_children()
        next(analyze_many([ArticleInput(t) for t in texts], jobs=2))
        raise RuntimeError("the consumer stopped")
except RuntimeError:
    pass
print(json.dumps({"alive": [w.is_alive() for w in workers]}))
"""


def test_a_block_left_by_an_error_kills_its_workers_instead_of_waiting_for_their_chunks() -> None:
    """The store raising, Ctrl-C, SIGTERM in ``add``: the run ends now, not after the chunks in
    flight (here one that never ends)."""
    out = subprocess.run([sys.executable, "-c", STOPPED_EARLY], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == {"alive": [False, False]}


CRASHES = """
import json, multiprocessing, os
from newsread.core import analysis
from newsread.core.analysis import ArticleInput, forked_workers
from newsread.core.analysis.batch import analyze_each

analyse = analysis._worker_batch
def crashing(texts, meta, model, batch_size):
    if any("CRASH" in t for t in texts):
        os._exit(3)  # as a segfault in the analysis would end the worker
    return analyse(texts, meta, model, batch_size)

analysis._worker_batch = crashing
start_pool, pools = analysis._start_pool, []
analysis._start_pool = lambda *args: pools.append(args) or start_pool(*args)
texts = [f'Jane Smith said: "We will win {i}."' for i in range(6)]
texts[3] = "CRASH " + texts[3]
with forked_workers(2, None):
    done = analyze_each([ArticleInput(t) for t in texts], lambda it: it, jobs=2)
    outcomes = [[d.analysis is not None, None if d.error is None else type(d.error).__name__] for d in done]
left = len(multiprocessing.active_children())
print(json.dumps({"outcomes": outcomes, "pools": len(pools), "left": left}))
"""


def test_an_article_that_kills_its_worker_costs_only_itself() -> None:
    """The death breaks the pool; each retry whose articles include that one breaks it again and
    the next forks a new one (not each retry: a pool's workers each load the model), the rest of the
    articles come back analysed; no worker is left."""
    out = subprocess.run([sys.executable, "-c", CRASHES], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["outcomes"] == [[True, None]] * 3 + [[False, "BrokenProcessPool"]] + [[True, None]] * 2
    assert 1 < seen["pools"] < 6  # one forked up front, one after each death (at most 3 of 6 halves)
    assert seen["left"] == 0


def test_add_with_jobs_knows_a_bad_model_before_it_creates_or_stores_anything(tmp_path: Path) -> None:
    """A folder that holds no pipeline is refused before the library is created; with stored
    analyses to add first, the model is loaded before them (a package that is no pipeline would
    otherwise be found by the workers only after those analyses were stored)."""
    article = tmp_path / "a.txt"
    article.write_text('Jane Smith said: "We will win."\n', encoding="utf-8")
    analyses = tmp_path / "a.jsonl"
    with analyses.open("w", encoding="utf-8") as out:
        cli = [sys.executable, "-m", "newsread.core.cli"]
        subprocess.run([*cli, "analyze", str(article), "--jsonl"], stdout=out, check=True, timeout=120)
    folder = tmp_path / "no-pipeline"
    folder.mkdir()
    runs = {"folder": [str(article), "--model", str(folder)], "analyses first": [str(article), "--model", "numpy"]}
    runs["analyses first"] += ["--analyses", str(analyses)]
    for name, args in runs.items():
        db = tmp_path / f"{name}.db"
        done = subprocess.run(
            [*cli, "add", *args, "--db", str(db), "--jobs", "2", "--progress", "plain"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, name
        assert len(done.stderr.splitlines()) == 1, (name, done.stderr)
        assert not db.exists(), name
