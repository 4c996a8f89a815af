"""Helpers for tests/test_hostile_store.py and tests/test_hostile_app.py: the real CLI in a child
process (file modes binding even for root, a file size limit standing in for a full disk), small
real libraries and a damaged copy of one.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from newsread.core.store.library import Library

from support.notes import ARTICLE, add_article

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2
PAGE = 4096


def _drop_file_mode_override() -> None:
    """In a root child before exec: drop the capabilities that let root ignore file modes, so a
    read-only folder is read-only to it too (the uid stays 0, so the venv stays usable)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A child whose files cannot grow past ``limit`` bytes: writes fail as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def newsread(
    *args: str,
    env: dict[str, str] | None = None,
    modes_bind: bool = False,
    file_size_limit: int | None = None,
    umask: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``newsread ARGS`` through its real entry point (``main``) in a child process.

    ``modes_bind`` makes file modes apply even when the tests run as root; ``file_size_limit``
    caps the size of every file the child writes; ``umask`` is the child's umask.
    """
    steps: list[Callable[[], None]] = []
    if modes_bind and os.geteuid() == 0:
        steps.append(_drop_file_mode_override)
    if file_size_limit is not None:
        steps.append(_file_size_limit(file_size_limit))
    if umask is not None:
        steps.append(lambda: os.umask(umask))

    def prepare() -> None:
        for step in steps:
            step()

    full_env = {k: v for k, v in os.environ.items() if k != "NEWSREAD_DB"}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "200", **(env or {})})
    return subprocess.run(
        [sys.executable, "-c", "from newsread.core.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        preexec_fn=prepare if steps else None,
        timeout=120,
    )


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The run's one error line (exit status 1, no traceback), without the ``newsread:`` prefix."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0].removeprefix("newsread: ")


def analyses_file(folder: Path, texts: list[str]) -> Path:
    """A ``newsread analyze --jsonl`` file holding ``texts`` (no entities or quotes), for ``add
    --analyses``: adding articles without loading spaCy."""
    path = folder / "analyses.jsonl"
    path.write_text("".join(json.dumps({"text": t, "title": t.split(".")[0]}) + "\n" for t in texts), "utf-8")
    return path


def small_library(path: Path, articles: int = 3) -> list[int]:
    """A real library of ``articles`` hand-analysed articles (the harbour article and variants)."""
    with Library.open(path) as lib:
        ids = [
            add_article(lib, ARTICLE + f"\n\nUpdate {i}: the council met again.", url=f"https://example.org/{i}")
            for i in range(articles)
        ]
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids


def damage(path: Path, *, table: str | None = None) -> None:
    """Overwrite the b-tree header of pages with garbage, as a failing disk or a half-copied file
    would: every page after the first, or only ``table``'s leaf pages (the file then opens, and
    reading those rows says "database disk image is malformed")."""
    data = bytearray(path.read_bytes())
    if table is None:
        pages = range(2, len(data) // PAGE + 1)
    else:
        conn = sqlite3.connect(path)
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
        conn.close()
    for page in pages:
        at = (page - 1) * PAGE
        data[at : at + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another connection holding the library's write lock (``BEGIN IMMEDIATE``) until closed."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other
