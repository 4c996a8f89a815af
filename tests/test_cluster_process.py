"""A Dask worker's analysis process (``cluster._AnalysisProcess``, running ``serve.serve``), driven
directly as a worker drives it: the real model in a real child process, with no cluster.

It analyses as this process does, raises an analysis's own error, has one thread, says when it has
died, ends when its input closes, gets an environment without Dask's malloc setting, and imports no
Dask.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import psutil
import pytest
from newsread.core.analysis import _worker_batch, cluster, serve
from newsread.core.nlp import BLAS_THREAD_VARS
from newsread.core.textio import split_title

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_635429398ea7a8c9.txt"


@pytest.fixture(scope="module")
def process() -> Iterator[cluster._AnalysisProcess]:
    started = cluster._AnalysisProcess.start(None)
    started.wait_ready()
    yield started
    started.stop()


def _args() -> tuple[list[str], list[tuple], None, int]:
    title, body = split_title(SEED.read_text(encoding="utf-8"))
    return [body, body[: len(body) // 2]], [(title, None, str(SEED)), (None, "2024-01-02", None)], None, 16


def test_it_analyses_as_this_process_does(process: cluster._AnalysisProcess) -> None:
    got = process.call(*_args())
    assert [a.to_dict() for a in got] == [a.to_dict() for a in _worker_batch(*_args())]


def test_an_analysis_error_is_raised_as_itself_and_the_process_carries_on(process: cluster._AnalysisProcess) -> None:
    texts, meta, model, batch_size = _args()
    with pytest.raises(ValueError, match="zip"):
        process.call(texts, meta[:1], model, batch_size)  # one title for two texts
    assert len(process.call(texts, meta, model, batch_size)) == 2


def test_it_has_one_thread(process: cluster._AnalysisProcess) -> None:
    assert psutil.Process(process.popen.pid).num_threads() == 1


def test_a_process_that_died_says_so_and_one_that_stops_ends() -> None:
    doomed = cluster._AnalysisProcess.start(None)
    doomed.wait_ready()
    os.kill(doomed.popen.pid, signal.SIGKILL)
    with pytest.raises(cluster.AnalysisProcessDied, match="exit status -9"):
        doomed.call(*_args())
    stopped = cluster._AnalysisProcess.start(None)
    stopped.wait_ready()
    stopped.stop()
    assert stopped.popen.returncode == 0


def test_a_model_it_cannot_load_is_raised_by_wait_ready_which_stops_it() -> None:
    from newsread.core.nlp import ModelNotFound

    broken = cluster._AnalysisProcess.start("no_such_pipeline")
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        broken.wait_ready()
    assert broken.popen.returncode == 0  # stopped by wait_ready


def test_its_environment_drops_only_the_nannys_own_malloc_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in BLAS_THREAD_VARS:
        monkeypatch.setenv(var, "4")
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 65536}):
        env = cluster._analysis_environment()
    assert "MALLOC_TRIM_THRESHOLD_" not in env
    assert [env[var] for var in BLAS_THREAD_VARS] == ["1"] * len(BLAS_THREAD_VARS)
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        assert cluster._analysis_environment()["MALLOC_TRIM_THRESHOLD_"] == "65536"  # the user's own
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1000000")
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 65536}):
        assert cluster._analysis_environment()["MALLOC_TRIM_THRESHOLD_"] == "1000000"


def test_what_it_runs_imports_no_dask() -> None:
    """An analysis process loads the pipeline and the analysis, not the cluster's engine."""
    probe = f"import sys; {serve.COMMAND.split(';')[0]}; print(sorted({{'dask', 'distributed'}} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"
