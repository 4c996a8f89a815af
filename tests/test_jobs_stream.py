"""``--jobs N`` reads its input as it goes: real worker processes with the real model start on the
first batches while the rest of the input is unread, so an endless stream (stdin, an archive) is
analysed with bounded memory and its first analyses come back at once.
"""

from __future__ import annotations

import json
import subprocess
import sys

ENDLESS = """
import itertools, json
from newsread.core.analysis import ArticleInput, analyze_many, forked_workers, scheduling

pulled = 0

def endless():
    global pulled
    for n in itertools.count():
        pulled += 1
        yield ArticleInput(f'Jane Smith said: "We will win round {n}." The council met.', path=f"{n}")

with forked_workers(2, None):
    out = analyze_many(endless(), jobs=2)
    first = [next(out) for _ in range(40)]
    out.close()
alone = list(analyze_many([ArticleInput(a.text, path=a.path) for a in first[:3]], jobs=1))
view = scheduling.LOOKAHEAD_BATCHES * 2 * scheduling.BATCH_CHARS
print(json.dumps({
    "pulled": pulled,
    "paths": [a.path for a in first],
    "speakers": [[q.speaker for q in a.quotes] for a in first],
    "same": [a.to_dict() for a in first[:3]] == [a.to_dict() for a in alone],
    "most": (view + scheduling.BATCHES_PER_WORKER * 2 * scheduling.BATCH_CHARS) // len(first[0].text),
}))
"""


def test_an_endless_input_is_analysed_as_it_is_read() -> None:
    out = subprocess.run([sys.executable, "-c", ENDLESS], capture_output=True, text=True, check=True, timeout=120)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["paths"] == [str(n) for n in range(40)]
    assert seen["speakers"] == [["Jane Smith"]] * 40
    assert seen["same"]  # what the workers return is what one process gives
    assert 40 < seen["pulled"] <= seen["most"]  # read a bounded way ahead, never to the end
