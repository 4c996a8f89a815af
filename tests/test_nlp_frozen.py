"""The loaded pipeline is frozen out of the garbage collector (``nlp.load``): no collection walks it."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import gc, json
from newsread.core import nlp
before = gc.get_freeze_count()
pipeline = nlp.load(None)
walked = {id(o) for o in gc.get_objects()}  # the collector's generations, not the permanent one
print(json.dumps({
    "before": before,
    "frozen": gc.get_freeze_count(),
    "walked": [
        name for name, o in [("pipeline", pipeline), ("vocab", pipeline.vocab), *pipeline.pipeline] if id(o) in walked
    ],
    "enabled": gc.isenabled(),
}))
"""


def test_the_pipeline_and_its_components_are_frozen_once_loaded() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["before"] == 0
    assert seen["frozen"] > 10_000
    assert seen["walked"] == []
    assert seen["enabled"]  # frozen, not switched off: the analysis's own garbage is still collected
