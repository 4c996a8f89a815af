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
