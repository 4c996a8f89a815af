"""The progress bars of ``analyze`` and ``add`` in a real terminal (tmux): a line about a file
that cannot be read is written above the bar, and a run that ends by an error leaves neither the
bar nor a hidden cursor behind.

tmux is required: without it this test fails (CI installs it) rather than skipping.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from support.subscriptions import feed_server, subscribe
from test_tmux import _tmux, _wait_for

pytestmark = pytest.mark.tmux

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "plain"
NEWSREAD = Path(sys.executable).with_name("newsread")


def _folder(tmp_path: Path) -> Path:
    """Three articles, an empty file and a binary one, in a folder whose path is long enough that
    a line naming one of them is wider than the terminal."""
    folder = tmp_path / ("articles-in-a-folder-with-a-long-name-" * 3)
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "aa-empty.txt").write_bytes(b"")
    (folder / "zz-binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def _run_in_tmux(command: str) -> tuple[str, str]:
    """The screen once ``command`` has ended (``EXIT=status`` on its last line), lines the terminal
    wrapped joined again, and whether the terminal's cursor is shown then ("1") or hidden ("0")."""
    assert shutil.which("tmux"), "tmux is required for this test (install it; CI does)"
    session = f"newsread-test-{uuid.uuid4().hex[:8]}"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "20", f"{command}; echo EXIT=$?; sleep 30")
    try:
        _wait_for(session, lambda s: "EXIT=" in s, 180, "the command's end")
        screen = _tmux("capture-pane", "-p", "-J", "-t", session)
        return screen, _tmux("display", "-p", "-t", session, "#{cursor_flag}").strip()
    finally:
        _tmux("kill-session", "-t", session)


def _one_line_and_the_terminal_clean(screen: str, cursor: str, error: str) -> None:
    """The run ended with exit status 1 after one line starting with ``error``, the bar gone and
    the cursor shown."""
    lines = _lines(screen)
    assert lines[-1] == "EXIT=1"
    assert lines[-2].startswith(error)
    assert not any("━" in line for line in lines)  # the bar is gone
    assert cursor == "1"


def _lines(screen: str) -> list[str]:
    return [line.rstrip() for line in screen.splitlines() if line.strip()]


def test_analyze_writes_unreadable_files_above_its_bar_and_clears_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    screen, cursor = _run_in_tmux(f"{NEWSREAD} analyze {folder}/*.txt --jsonl > {shlex.quote(str(out))}")
    assert _lines(screen) == [  # each a line of its own, wrapped by the terminal only
        f"newsread: {folder}/aa-empty.txt: empty file",
        f"newsread: {folder}/zz-binary.txt: binary file, not text",
        "EXIT=1",
    ]
    assert len(f"newsread: {folder}/aa-empty.txt: empty file") > 120
    assert cursor == "1"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_add_writes_each_failed_file_above_its_bar_as_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "library.db"
    screen, cursor = _run_in_tmux(f"{NEWSREAD} add {folder} --db {shlex.quote(str(db))}")
    assert _lines(screen) == [
        f"failed {folder}/aa-empty.txt: empty file",
        f"failed {folder}/zz-binary.txt: binary file, not text, HTML or a feed",
        "added 3, duplicates 0, updated 0, failed 2",
        "EXIT=1",
    ]
    assert cursor == "1"


def test_add_whose_workers_cannot_load_the_model_leaves_the_terminal_clean(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "library.db"
    screen, cursor = _run_in_tmux(f"{NEWSREAD} add {folder} --db {shlex.quote(str(db))} --jobs 2 --model numpy")
    _one_line_and_the_terminal_clean(screen, cursor, "newsread: 'numpy' is not a spaCy pipeline (")


def test_refresh_that_cannot_load_the_model_leaves_the_terminal_clean(tmp_path: Path) -> None:
    """The new entries' analysis fails once the bar is drawn: one line, the bar gone, the cursor back."""
    db = tmp_path / "library.db"
    with feed_server({"/rss": [0, 1]}) as server:
        subscribe(db, server.base + "/rss", "Daily")
        screen, cursor = _run_in_tmux(f"{NEWSREAD} --db {shlex.quote(str(db))} refresh --model numpy")
    _one_line_and_the_terminal_clean(screen, cursor, "newsread: 'numpy' is not a spaCy pipeline (")
