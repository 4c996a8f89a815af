"""The first run as the user sees it: the import dialog over the empty library."""

from __future__ import annotations

import shlex
import sys
import textwrap
from pathlib import Path

import pytest
from newsread.core.settings import Settings
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp, seed_sources
from textual.widgets import RichLog

pytestmark = pytest.mark.anyio

# A child that says it started, then works for longer than the test looks (the app kills it).
SLOW_CHILD = textwrap.dedent(
    """
    import json, sys, time
    print(json.dumps({"event": "start", "total": len(sys.argv) - 1}), flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def slow_child(tmp_path: Path) -> list[str]:
    folder = tmp_path / "a folder with a rather long name" / "and-another-one-nested-inside-it"
    folder.mkdir(parents=True)
    script = folder / "newsread_add_stand_in.py"
    script.write_text(SLOW_CHILD, encoding="utf-8")
    return [sys.executable, str(script)]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_import_dialog_shows_its_command_whole(
    tmp_path: Path, slow_child: list[str], size: tuple[int, int]
) -> None:
    library = Library.open(tmp_path / "empty.db")
    app = NewsreadApp(library, settings=Settings(), add_argv=slow_child)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        log = app.screen.query_one("#import-log", RichLog)
        width = log.scrollable_content_region.width
        lines = [strip.text for strip in log.lines]
        assert all(len(line.rstrip()) <= width for line in lines), (width, lines)
        assert log.virtual_size.width <= width  # nothing hidden to the right
        assert "".join(lines).rstrip() == "$ " + shlex.join([*slow_child, *seed_sources()])
        behind = str(app.screen_stack[-2].query_one("#library-status").render())
        assert behind.startswith("Importing the sample articles") and "press +" not in behind
        title = str(app.screen.query_one("#add-title").render())
        assert len(seed_sources()) == 1 and title.endswith("importing the sample article")  # one, not "articles"
    library.close()
