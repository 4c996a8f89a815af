"""Helpers for tests/test_hostile_files.py: the real CLI in a child process (through bash, for
``<(…)`` pipes), a FIFO fed by a thread, and a way to make file modes bind a root test run."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

NEWSREAD = Path(sys.executable).with_name("newsread")
MEMORY_CAP_KB = 4_000_000
"""Virtual memory for a child reading an endless source: a regression fails fast, not the machine."""

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _drop_file_mode_override() -> None:
    """In a root child before exec: drop the capabilities that let root ignore file modes, so a
    chmod 000 folder is as unreadable to it as to anyone (the uid stays 0; the venv stays usable)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def bash(script: str, *, timeout: float = 60, modes_bind: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with ``$NEWSREAD`` set to the venv's CLI; its virtual memory is capped.

    ``modes_bind`` makes file permissions apply even when the tests run as root (see
    ``_drop_file_mode_override``); for other users they apply anyway.
    """
    preexec: Callable[[], None] | None = None
    if modes_bind and os.geteuid() == 0:
        preexec = _drop_file_mode_override
    return subprocess.run(
        ["bash", "-c", f"ulimit -v {MEMORY_CAP_KB}; {script}"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NEWSREAD": str(NEWSREAD), "NO_COLOR": "1"},
        preexec_fn=preexec,
    )


class FifoWriter:
    """A real FIFO at ``path`` that a thread fills with ``data`` once a reader opens it.

    The writer stops quietly when the reader closes early (a refused oversize source), so a test
    never hangs on it; ``join`` waits for it.
    """

    def __init__(self, path: Path, data: bytes) -> None:
        os.mkfifo(path)
        self.path = path
        self.written = 0
        self._data = data
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self) -> None:
        try:
            with open(self.path, "wb", buffering=0) as fh:
                view = memoryview(self._data)
                while self.written < len(view):
                    self.written += fh.write(view[self.written : self.written + 65536])
        except BrokenPipeError:
            pass

    def join(self) -> None:
        self._thread.join(timeout=10)
