"""The spaCy loader keeps the analysis on one BLAS thread unless the environment asks for more."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from newsread.core.nlp import BLAS_THREAD_VARS

PROBE = """
import json
from newsread.core import nlp
nlp.load(None)
from threadpoolctl import threadpool_info
print(json.dumps([pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]))
"""


def _blas_threads(env: dict[str, str]) -> list[int]:
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def _env_without_thread_vars() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARS}


def test_one_blas_thread_by_default() -> None:
    threads = _blas_threads(_env_without_thread_vars())
    assert threads and all(n == 1 for n in threads)


def test_the_environment_still_wins() -> None:
    threads = _blas_threads({**_env_without_thread_vars(), "OPENBLAS_NUM_THREADS": "2"})
    assert 2 in threads


def test_add_runs_on_one_blas_thread_though_the_store_loads_numpy_first(tmp_path) -> None:
    """``newsread add`` imports sqlite-utils, which imports NumPy, before the model is loaded."""
    probe = (
        "import json, sys\n"
        "from newsread.core import cli, ingest\n"
        "def report(*args, **kwargs):\n"
        "    from threadpoolctl import threadpool_info\n"
        "    print(json.dumps([p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']))\n"
        "    raise SystemExit(0)\n"
        "ingest.ingest = report\n"
        f"sys.argv = ['newsread', 'add', '-', '--db', {str(tmp_path / 'library.db')!r}]\n"
        "cli.main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=_env_without_thread_vars(), capture_output=True, text=True, check=True
    )
    threads = json.loads(out.stdout.splitlines()[-1])
    assert threads and all(n == 1 for n in threads)
