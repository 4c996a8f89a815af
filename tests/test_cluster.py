"""``--scheduler``: the analysis on a real Dask ``LocalCluster`` of two worker processes, each with
the real model, gives the single process's output byte for byte, in input order, also when a
worker dies mid-run; a scheduler that cannot be used is one line and a non-zero exit.

One cluster serves the module (its workers load the model once); ``--scheduler local:2`` starts
its own. Six articles are cut as ``--jobs 2`` cuts them (their text is within the batches' view:
see test_scheduling.py), into batches of one and two articles spread over both workers, and a
batch finishing early never overtakes one before it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from distributed import LocalCluster
from newsread.core.analysis import ArticleInput, cluster
from newsread.core.cli import cli, main
from newsread.core.store.library import Library
from newsread.core.textio import split_title
from support.signals import ctrl_c_as_in_a_terminal

ROOT = Path(__file__).resolve().parent.parent
PLAIN = Path("/work/shared/corpus/plain")
ARTICLES = [
    ROOT / "seeds" / "000_635429398ea7a8c9.txt",
    *(
        PLAIN / name
        for name in (
            "aeb_sciencealert-com_14cc2a0ca5.txt",
            "aeb_barrons-com_f8ff621a0b.txt",
            "aeb_thehill-com_6ebac05f63.txt",
            "aeb_cnbc-com_ffc109d474.txt",
            "aeb_usatoday-com_776a1c0467.txt",
        )
    ),
]
PATHS = [str(p) for p in ARTICLES]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[LocalCluster]:
    """Two worker processes, one thread each, as ``--scheduler local:2`` starts them."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as started:
        yield started


@pytest.fixture(scope="module")
def one_process() -> str:
    """``analyze --jsonl --jobs 1`` of the articles: what every cluster run must print."""
    result = run("analyze", *PATHS, "--jsonl", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(PATHS)
    return result.stdout


def test_analyze_on_a_local_cluster_prints_the_single_process_output(one_process: str) -> None:
    result = run("analyze", *PATHS, "--jsonl", "--scheduler", "local:2")
    assert result.exit_code == 0, result.output
    assert result.stdout == one_process
    assert result.stderr == ""


def test_analyze_on_a_scheduler_address_prints_the_single_process_output(
    one_process: str, local_cluster: LocalCluster
) -> None:
    result = run("analyze", *PATHS, "--jsonl", "--scheduler", local_cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert result.stdout == one_process
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == PATHS


def _stored(db: Path) -> dict[str, dict]:
    """Each stored article's analysis (as ``show --json`` gives it), by source path."""
    with Library.open(db, create=False) as lib:
        ids = [row[0] for row in lib.conn.execute("SELECT id FROM articles ORDER BY id")]
        out = {}
        for article_id in ids:
            analysis = lib.analysis(article_id)
            assert analysis is not None
            out[analysis.path or ""] = analysis.to_dict()
        return out


def test_add_on_a_cluster_stores_the_single_process_analyses(
    tmp_path: Path, one_process: str, local_cluster: LocalCluster
) -> None:
    on_cluster = tmp_path / "cluster.db"
    result = run("add", *PATHS, "--db", str(on_cluster), "--scheduler", local_cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert f"added {len(PATHS)}, duplicates 0, updated 0, failed 0" in result.output
    made_here = tmp_path / "analyses.jsonl"
    made_here.write_text(one_process, encoding="utf-8")
    from_file = tmp_path / "from-file.db"
    assert run("add", "--analyses", str(made_here), "--db", str(from_file)).exit_code == 0
    stored = _stored(on_cluster)
    assert list(stored) == PATHS  # stored in input order
    assert stored == _stored(from_file)


def _inputs() -> list[ArticleInput]:
    items = []
    for path in ARTICLES:
        title, body = split_title(path.read_text(encoding="utf-8"))
        items.append(ArticleInput(body, title=title, path=str(path)))
    return items


def _analysis_processes() -> list[dict]:
    """This worker's child processes (run on a worker): its analysis processes."""
    import psutil

    return [{"pid": child.pid, "threads": child.num_threads()} for child in psutil.Process().children()]


def test_each_worker_analyses_in_one_single_threaded_process_per_thread(local_cluster: LocalCluster) -> None:
    from distributed import Client

    with Client(local_cluster) as client:
        client.register_plugin(cluster.AnalysisProcesses(None))
        found = client.run(_analysis_processes)
        nthreads = client.nthreads()
    assert set(found) == set(nthreads)
    for worker, processes in found.items():
        assert len(processes) == nthreads[worker]
        assert [p["threads"] for p in processes] == [1] * nthreads[worker]


def test_a_worker_killed_mid_run_costs_only_a_retry_of_its_batch(one_process: str, local_cluster: LocalCluster) -> None:
    import psutil
    from distributed import Client

    expected = [json.loads(line) for line in one_process.splitlines()]
    with Client(local_cluster) as client:
        client.register_plugin(cluster.AnalysisProcesses(None))
        on = cluster.Cluster(client, local_cluster.scheduler_address)
        results = on.analyze_many(_inputs())
        got = [next(results).to_dict()]
        busy = [w for w, tasks in client.processing().items() if tasks]
        assert busy, "a batch is being analysed"
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        orphans = [psutil.Process(p["pid"]) for p in client.run(_analysis_processes, workers=busy[:1])[busy[0]]]
        os.kill(pid, signal.SIGKILL)
        got.extend(a.to_dict() for a in results)
    assert [{k: a[k] for k in expected[0]} for a in got] == expected
    _, alive = psutil.wait_procs(orphans, timeout=30)
    assert orphans and not alive, "a dead worker's analysis process ends with it"


def _kill_analysis_processes() -> int:
    """Kill this worker's analysis processes (run on a worker); how many there were."""
    import psutil

    children = psutil.Process().children()
    for child in children:
        child.kill()
    return len(children)


def test_an_analysis_process_killed_mid_run_costs_only_a_retry_of_its_batch(
    one_process: str, local_cluster: LocalCluster
) -> None:
    from distributed import Client
    from newsread.core.analysis.batch import analyze_each

    expected = [json.loads(line) for line in one_process.splitlines()]
    with Client(local_cluster) as client:
        client.register_plugin(cluster.AnalysisProcesses(None))
        on = cluster.Cluster(client, local_cluster.scheduler_address)
        done = analyze_each(_inputs(), lambda it: it, cluster=on)
        first = next(done)
        busy = [w for w, tasks in client.processing().items() if tasks]
        assert busy, "a batch is being analysed"
        assert client.run(_kill_analysis_processes, workers=busy[:1])[busy[0]] == 1
        rest = list(done)
    assert [d.error for d in [first, *rest]] == [None] * len(expected)
    got = [d.analysis.to_dict() for d in [first, *rest] if d.analysis is not None]
    assert [{k: a[k] for k in expected[0]} for a in got] == expected


def run_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """``newsread ARGS`` through its entry point (known errors become one line there): exit status,
    stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["newsread", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    out, err = capsys.readouterr()
    return int(ended.value.code or 0), out, err


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("tcp://127.0.0.1:1", "newsread: cannot reach the Dask scheduler at tcp://127.0.0.1:1: OSError: Timed out"),
        ("nonsense", "newsread: cannot reach the Dask scheduler at nonsense: ValueError: missing port number"),
        ("local:0", "newsread: --scheduler local:0: write local:N with N worker processes from 1 to 64"),
    ],
)
def test_a_scheduler_that_cannot_be_used_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, address: str, said: str
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1.0)
    status, out, err = run_main(capsys, monkeypatch, "analyze", PATHS[1], "--jsonl", "--scheduler", address)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(said), err


def test_a_model_that_local_workers_cannot_load_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("analyze", PATHS[1], "--jsonl", "--model", "no_such_pipeline", "--scheduler", "local:2")
    status, out, err = run_main(capsys, monkeypatch, *args)
    assert status == 1
    assert out == ""
    assert err == "newsread: spaCy model 'no_such_pipeline' is not installed (pass --model NAME)\n"


def test_add_with_an_unreachable_scheduler_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1.0)
    db = tmp_path / "library.db"
    Library.open(db, create=True).close()  # the scheduler is tried before the library is opened
    status, _, err = run_main(capsys, monkeypatch, "add", PATHS[1], "--db", str(db), "--scheduler", "tcp://127.0.0.1:1")
    assert status == 1
    assert err.startswith("newsread: cannot reach the Dask scheduler") and err.count("\n") == 1, err
    with Library.open(db, create=False) as lib:
        assert lib.count() == 0


def test_without_dask_the_scheduler_option_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
        "from newsread.core.cli import main\n"
        f"sys.argv = ['newsread', 'analyze', {PATHS[1]!r}, '--jsonl', '--scheduler', 'local:2']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "newsread: --scheduler needs Dask, which is not installed: pip install 'newsread[dask]'\n"


def test_ctrl_c_on_a_local_cluster_is_one_line_and_leaves_no_process() -> None:
    import psutil

    files = sorted(str(p) for p in PLAIN.glob("*.txt"))
    command = [str(Path(sys.executable).with_name("newsread")), "analyze", *files, "--jsonl", "--scheduler", "local:2"]
    started = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    assert started.stdout is not None
    assert started.stdout.readline().startswith(b"{")  # mid-run: the first analysis is out
    tree = psutil.Process(started.pid).children(recursive=True)
    assert len(tree) >= 4  # two workers, each with its analysis process
    os.killpg(started.pid, signal.SIGINT)  # as the terminal sends it: to every process of the group
    _, err = started.communicate(timeout=60)
    assert started.returncode == 130
    assert err.decode().strip() == "newsread: aborted"
    _, alive = psutil.wait_procs(tree, timeout=30)
    assert not alive


def test_a_run_after_another_keeps_the_workers_analysis_processes(local_cluster: LocalCluster) -> None:
    """Each run registers the plugin again (replacing the last run's): the analysis processes, with
    their model loaded, stay, so a run on a long-lived cluster starts at once (the README's xargs)."""
    from distributed import Client

    with Client(local_cluster) as client:
        client.register_plugin(cluster.AnalysisProcesses(None))
        before = client.run(_analysis_processes)
        client.register_plugin(cluster.AnalysisProcesses(None))
        after = client.run(_analysis_processes)
    assert before == after
    assert all(len(processes) == 1 for processes in after.values())
