"""An analysing process keeps the memory glibc's malloc frees (``nlp.keep_analysis_memory``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from newsread.core.nlp import MALLOC_ENVIRONMENT

PROBE = """
import json, resource, sys
from newsread.core import nlp
applied = nlp.keep_analysis_memory() if sys.argv[1] == "keep" else False

def churn():
    blocks = [bytearray(300_000) for _ in range(300)]  # 90 MB of blocks the size of a parse's arrays
    del blocks

churn()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    churn()
print(json.dumps({"applied": applied, "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before}))
"""


def _run(mode: str, **env: str) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in MALLOC_ENVIRONMENT}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env={**base, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def test_freed_blocks_are_reused_instead_of_faulted_in_again() -> None:
    kept = _run("keep")
    default = _run("default")
    assert kept["applied"] is True
    # 3 × 90 MB zeroed again is ~66,000 pages with glibc's defaults; reused, next to none.
    assert default["faults"] > 20_000
    assert kept["faults"] < default["faults"] / 10


def test_the_environment_still_wins() -> None:
    assert _run("keep", MALLOC_TRIM_THRESHOLD_="131072")["applied"] is False


def test_glibc_tunables_win_only_when_they_tune_malloc() -> None:
    assert _run("keep", GLIBC_TUNABLES="glibc.pthread.rseq=0")["applied"] is True
    assert _run("keep", GLIBC_TUNABLES="glibc.pthread.rseq=0:glibc.malloc.trim_threshold=131072")["applied"] is False
