"""Hostile servers and feeds (issue 11): headers that trickle in for a minute, feed entries that link
to ``file:`` or ``javascript:``, a page that claims another article's canonical URL, and a large
feed fetched a few requests at a time per host. A real HTTP server on 127.0.0.1 in a thread, real
library files, the real model, the real CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from newsread.core.errors import InputError
from newsread.core.sources.web import Fetcher
from test_ingest_http_support import QuietHandler, serve

CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]


# -- item 10: --timeout bounds the whole request, also while headers trickle in -------------------


class _Trickle(QuietHandler):
    """Answers 200 and then one header line a second for a minute, never ending the headers."""

    stop: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.flush_headers()
        for n in range(60):
            if self.stop.wait(1):
                return
            try:
                self.wfile.write(f"X-Slow-{n}: still coming\r\n".encode())
                self.wfile.flush()
            except OSError:  # the client gave up: what the test wants
                return


@pytest.fixture
def trickle() -> Iterator[str]:
    _Trickle.stop.clear()
    with serve(_Trickle) as base:
        yield base
        _Trickle.stop.set()


def test_the_timeout_bounds_a_request_whose_headers_trickle_in(trickle: str) -> None:
    started = time.monotonic()
    with Fetcher(timeout=2) as fetcher, pytest.raises(InputError, match=r": timed out after 2 s$"):
        fetcher.fetch(f"{trickle}/story")
    assert time.monotonic() - started < 15


def test_add_with_a_timeout_returns_while_headers_trickle_in(tmp_path: Path, trickle: str) -> None:
    cmd = [*CLI, "--db", str(tmp_path / "l.db"), "add", "--progress", "plain", "--timeout", "2", f"{trickle}/story"]
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert done.stderr == f"newsread: {trickle}/story: timed out after 2 s\n"
