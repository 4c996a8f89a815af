"""Subscriptions in a real terminal (tmux): subscribe to a feed on a local server, refresh with R,
open a new article, delete another, quit.

tmux is required: without it this test fails (CI installs it) rather than skipping.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from newsread.core.store.library import Library
from support.subscriptions import feed_server, subscribe
from test_tmux import _screen, _tmux, _wait_for

pytestmark = pytest.mark.tmux


def test_subscribe_refresh_open_delete_and_quit(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required for this test (install it; CI does)"
    newsread = Path(sys.executable).with_name("newsread")
    db = tmp_path / "library.db"
    with feed_server({"/rss": [0, 1]}) as server:
        subscribe(db, server.base + "/rss", "Daily")
        done = tmp_path / "exit-status"
        env = {"NEWSREAD_CONFIG": tmp_path / "config.toml", "NEWSREAD_STATE": tmp_path / "view.json"}
        command = (
            " ".join(f"{k}={shlex.quote(str(v))}" for k, v in env.items())
            + f" {shlex.quote(str(newsread))} --db {shlex.quote(str(db))}; echo $? > {shlex.quote(str(done))}; sleep 30"
        )
        session = f"newsread-test-{uuid.uuid4().hex[:8]}"
        _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        try:
            _wait_for(session, lambda s: "Library is empty" in s, 30, "the empty library")
            time.sleep(0.5)
            _tmux("send-keys", "-t", session, "R")
            _wait_for(session, lambda s: "Story 0" in s and "Story 1" in s, 120, "the feed's articles")
            _wait_for(session, lambda s: "2 articles" in s and "2 unread" in s, 30, "the status line")
            # Open the new article under the cursor, then come back to the list.
            _tmux("send-keys", "-t", session, "Enter")
            _wait_for(session, lambda s: "Figures" in s, 30, "the reader")
            _tmux("send-keys", "-t", session, "q")
            _wait_for(session, lambda s: "1 unread" in s, 15, "the library, one article read")
            # Delete the other article: down, d, then y in the dialog.
            _tmux("send-keys", "-t", session, "j")
            time.sleep(0.3)
            _tmux("send-keys", "-t", session, "d")
            _wait_for(session, lambda s: "Delete “Story" in s, 15, "the delete dialog")
            _tmux("send-keys", "-t", session, "y")
            _wait_for(session, lambda s: "1 article" in s and "0 unread" in s, 15, "one article left")
            _tmux("send-keys", "-t", session, "q")
            deadline = time.monotonic() + 15
            while not done.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert done.exists(), f"newsread did not exit; screen:\n{_screen(session)}"
            assert done.read_text().strip() == "0"
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    with Library.open(db) as lib:
        (left,) = lib.articles()
        assert left.read and left.summary_only is None  # the article opened, its full text fetched
