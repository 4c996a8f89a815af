"""The config file's keymap: an entry whose key another binding in the same place already has is
named in one line at start and left out; the README's example works as written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from newsread.core.settings import Settings
from newsread.tui.keymap import check_keymap, usable_keymap
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.widgets.article_view import ArticleView
from support.app import MakeApp, Toasts
from support.input import reader_opened

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.anyio


def readme_settings() -> Settings:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert blocks, "the README has a config example"
    return Settings.from_dict(tomllib.loads(blocks[0]))


def test_a_key_taken_in_the_same_class_is_a_conflict() -> None:
    conflicts = check_keymap({"reader.next_quote": "n"}, [ArticleView])
    assert [(c.binding_id, c.key, c.other_id) for c in conflicts] == [("reader.next_quote", "n", "reader.next_match")]
    # moving next-match away first frees n
    assert check_keymap({"reader.next_quote": "n", "reader.next_match": "m"}, [ArticleView]) == []
    # a key bound only on another screen is no conflict
    assert check_keymap({"reader.next_quote": "u"}, [ArticleView, LibraryScreen]) == []


def test_usable_keymap_leaves_out_conflicts_in_one_line() -> None:
    keymap, line = usable_keymap({"reader.next_quote": "n", "library.search": "n", "app.quit": "ctrl+q"})
    assert keymap == {"app.quit": "ctrl+q"}
    assert line is not None and "\n" not in line
    assert '"reader.next_quote" = "n"' in line and '"library.search" = "n"' in line


def test_the_readme_example_has_no_conflict() -> None:
    settings = readme_settings()
    assert settings.keymap
    assert usable_keymap(settings.keymap) == (settings.keymap, None)


async def test_a_conflicting_entry_is_reported_and_not_applied(seed_library: Path, make_app: MakeApp) -> None:
    settings = Settings(keymap={"reader.next_quote": "n"})
    app = make_app(seed_library, settings=settings)
    toasts = Toasts()
    async with reader_opened(app, message_hook=toasts) as (pilot, reader):
        warnings = [m for m in toasts.messages() if "reader.next_quote" in m]
        assert len(warnings) == 1 and "\n" not in warnings[0], warnings
        reader.search("Israel")
        await pilot.pause()
        first = reader.match_index
        await pilot.press("n")  # still next match
        await pilot.pause()
        assert reader.match_index == first + 1
        await pilot.press("right_square_bracket")  # still next quote
        await pilot.pause()
        assert reader.current_quote is not None


async def test_the_readme_example_works_as_written(seed_library: Path, make_app: MakeApp) -> None:
    app = make_app(seed_library, settings=readme_settings())
    toasts = Toasts()
    async with reader_opened(app, message_hook=toasts) as (pilot, reader):
        assert not toasts.titled("Keymap")
        await pilot.press("J")
        await pilot.pause()
        assert reader.current_quote is not None
