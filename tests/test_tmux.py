"""newsread in a real terminal (tmux): first run on an empty library, seed import, reader, filter, quit.

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

pytestmark = pytest.mark.tmux


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, predicate, timeout: float, what: str) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if predicate(screen):
            return screen
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")


def test_first_run_in_a_real_terminal(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required for this test (install it; CI does)"
    newsread = Path(sys.executable).with_name("newsread")
    assert newsread.exists(), newsread
    db = tmp_path / "library.db"
    done = tmp_path / "exit-status"
    config = tmp_path / "config.toml"  # no user config leaks in
    session = f"newsread-test-{uuid.uuid4().hex[:8]}"
    command = (
        f"NEWSREAD_CONFIG={shlex.quote(str(config))} {shlex.quote(str(newsread))} --db {shlex.quote(str(db))}; "
        f"echo $? > {shlex.quote(str(done))}; sleep 30"
    )
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        # The empty library imports the seed with visible progress, then opens the seed article.
        _wait_for(session, lambda s: "importing the sample article" in s, 30, "the import dialog")
        _wait_for(
            session,
            lambda s: "Blinken struggles" in s and "importing the sample" not in s and "Figures" in s,
            120,
            "the seed article open in the reader",
        )
        _tmux("send-keys", "-t", session, "s")
        _wait_for(session, lambda s: "Filter by speaker" in s and "Shira Efron" in s, 15, "the speaker picker")
        _tmux("send-keys", "-t", session, "-l", "Shira")
        _wait_for(session, lambda s: "1 of 7 · enter chooses" in s, 15, "the picker narrowed to one speaker")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(
            session,
            lambda s: any("Shira Efron" in line and "4 quotes" in line for line in s.splitlines()),
            15,
            "the speaker filter in the status bar",
        )
        # Out of the reader, then out of the app.
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, lambda s: "1 article" in s and "sorted by" in s, 15, "the library screen")
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), f"newsread did not exit; screen:\n{_screen(session)}"
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _start(tmp_path: Path, db: Path, session: str) -> Path:
    """Run newsread on ``db`` in a new tmux session; the returned file holds its exit status."""
    assert shutil.which("tmux"), "tmux is required for this test (install it; CI does)"
    newsread = Path(sys.executable).with_name("newsread")
    done = tmp_path / "exit-status"
    config = tmp_path / "config.toml"  # no user config leaks in
    command = (
        f"NEWSREAD_CONFIG={shlex.quote(str(config))} {shlex.quote(str(newsread))} --db {shlex.quote(str(db))}; "
        f"echo $? > {shlex.quote(str(done))}; sleep 30"
    )
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    return done


def test_keys_typed_in_one_write_after_slash_reach_the_search_box(tmp_path: Path, seed_library: Path) -> None:
    """``/quake`` pasted in one write: the library search box gets "quake" and q does not quit;
    ``/hamas`` in the reader: the reader's box gets "hamas", h and a make no highlight or note."""
    session = f"newsread-test-{uuid.uuid4().hex[:8]}"
    done = _start(tmp_path, seed_library, session)
    try:
        _wait_for(session, lambda s: "Blinken struggles" in s and "1 article" in s, 30, "the library")
        time.sleep(1.0)  # the steps: wait a second, then type
        _tmux("send-keys", "-t", session, "-l", "/quake")
        screen = _wait_for(session, lambda s: "quake" in s, 10, "quake in the search box")
        time.sleep(1.0)
        screen = _screen(session)
        assert not done.exists(), f"newsread quit; screen:\n{screen}"
        assert any("quake" in line and "Search" not in line for line in screen.splitlines()), screen
        assert "All notes" not in screen
        # Back to the list, open the article, search it in one write.
        _tmux("send-keys", "-t", session, "Escape")
        _wait_for(session, lambda s: "quake" not in s, 10, "the search cleared")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda s: "Figures" in s, 30, "the reader")
        time.sleep(1.0)
        _tmux("send-keys", "-t", session, "-l", "/hamas")
        time.sleep(1.5)
        screen = _screen(session)
        assert not done.exists(), f"newsread quit; screen:\n{screen}"
        assert "hamas" in screen, screen
        assert "New note" not in screen and "highlighted" not in screen, screen
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda s: "“hamas”: match" in s, 10, "the search run")
        _tmux("send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists() and done.read_text().strip() == "0", _screen(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _buffer() -> str:
    return subprocess.run(["tmux", "show-buffer"], capture_output=True, text=True).stdout


def test_copies_reach_the_terminal_clipboard(tmp_path: Path, seed_library: Path) -> None:
    """``y`` and ``ctrl+c`` copy through OSC 52: tmux (set-clipboard on) receives the text."""
    from newsread.core.store.library import Library

    with Library.open(seed_library) as lib:
        text = lib.analysis(1).text
    session = f"newsread-test-{uuid.uuid4().hex[:8]}"
    done = _start(tmp_path, seed_library, session)
    try:
        _tmux("set-option", "-t", session, "set-clipboard", "on")
        _wait_for(session, lambda s: "1 article" in s and "sorted by" in s, 30, "the library")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda s: "Figures" in s, 30, "the reader")
        _tmux("send-keys", "-t", session, "]")
        _wait_for(session, lambda s: "quote 1 of" in s, 10, "the first quote")
        _tmux("send-keys", "-t", session, "y")
        _wait_for(session, lambda s: "copied:" in s, 10, "the copy")
        copied = _buffer()
        assert copied.startswith("“") and " — " in copied and copied.endswith("; thehill.com, 2024-10-24"), copied
        # A keyboard selection of a few words, copied with ctrl+c: no "Do you want to quit?".
        _tmux("send-keys", "-t", session, "v", "w", "w", "C-c")
        _wait_for(session, lambda s: "Copied" in s, 10, "the copy notice")
        selected = _buffer()
        assert selected != copied and len(selected.split()) >= 2 and selected in text, selected
        assert "quit" not in _screen(session).casefold()
        assert not done.exists()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
