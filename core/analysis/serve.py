"""An analysis process: the loop a Dask worker's analysis process runs (``cluster.AnalysisProcesses``).

It imports no Dask: a process started to analyse loads the spaCy pipeline and newsread's analysis
and nothing of the cluster's engine (importing Dask cost each start some 0.3 s of CPU).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import Any, BinaryIO

from . import _worker_batch, _worker_init

COMMAND = "from newsread.core.analysis.serve import serve; serve()"
"""What an analysis process runs (``python -c``), its model's name the one argument."""


def serve() -> None:
    """Load the model named by ``sys.argv[1]`` (empty for the default), reply, then analyse each
    pickled call from standard input with ``_worker_batch`` and reply to it, until the input ends.
    Each reply is a pickled ``(ok, result or exception)``. Anything the analysis prints goes to
    standard error, not into the replies; Ctrl-C is its worker's business, not its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    calls = sys.stdin.buffer
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with suppress(BrokenPipeError):  # the worker is gone
        _reply_to(replies, partial(_worker_init, sys.argv[1] or None))
        while True:
            try:
                args = pickle.load(calls)
            except EOFError:
                break
            _reply_to(replies, partial(_worker_batch, *args))
    os._exit(0)  # nothing is left to write: the exit need not walk and free the model


def _reply_to(replies: BinaryIO, work: Callable[[], Any]) -> None:
    try:
        reply: tuple[bool, Any] = (True, work())
    except Exception as exc:
        reply = (False, exc)
    try:
        data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its type and message do
        data = pickle.dumps((False, RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    replies.write(data)
    replies.flush()
