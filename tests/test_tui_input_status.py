"""What the screens say stays true: the reader's quote position follows the filters, a theme
chosen in the palette is saved, and the library shows articles another process added."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest
from newsread.core.settings import Settings, load_settings
from newsread.tui.app import NewsreadApp
from newsread.tui.config_file import save_theme
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.reader.screen import ReaderScreen
from support.app import APP_SIZE, MakeApp, multiply_library, started
from textual import events

pytestmark = pytest.mark.anyio


async def test_the_quote_position_is_counted_again_when_the_filter_is_cleared(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        app.screen.open_article(1)
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        total = len(reader.data.quotes)
        name, count = Counter(q.speaker for q in reader.data.quotes if q.speaker).most_common()[-1]
        assert count < total
        reader.set_speaker_filter(name)
        await pilot.pause()
        assert f"quote 1 of {count}:" in reader.status_text
        reader.article.focus()
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert reader.speaker_filter is None
        position = reader.matched_quotes.index(reader.current_quote) + 1
        assert f"quote {position} of {total}:" in reader.status_text
        assert f"of {count}:" not in reader.status_text


def test_save_theme_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\nmodel = "m"\ntheme = "nord"\n\n[keymap]\n"app.quit" = "ctrl+q"\n', "utf-8")
    save_theme(path, "gruvbox")
    text = path.read_text("utf-8")
    assert text.startswith("# mine\n")
    assert tomllib.loads(text) == {"model": "m", "theme": "gruvbox", "keymap": {"app.quit": "ctrl+q"}}
    new = tmp_path / "sub" / "new.toml"
    save_theme(new, "nord")
    assert tomllib.loads(new.read_text("utf-8")) == {"theme": "nord"}
    tables_only = tmp_path / "tables.toml"
    tables_only.write_text('[keymap]\n"app.quit" = "ctrl+q"\n', "utf-8")
    save_theme(tables_only, "nord")
    assert load_settings(tables_only).theme == "nord"


async def test_a_theme_chosen_in_the_palette_is_saved(tmp_path: Path, seed_library: Path, make_app: MakeApp) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"library.search" = "ctrl+f"\n', "utf-8")
    app = make_app(seed_library, settings=load_settings(config))
    async with started(app) as pilot:
        assert app.theme == "textual-dark"
        assert load_settings(config).theme is None  # starting does not write the file
        await pilot.press("ctrl+p", *"theme", "enter")
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
    saved = load_settings(config)
    assert saved.theme == "nord" and saved.keymap == {"library.search": "ctrl+f"}


async def test_no_settings_file_no_write(seed_library: Path, make_app: MakeApp) -> None:
    app = make_app(seed_library, settings=Settings())
    async with started(app) as pilot:
        app.theme = "nord"  # no config path known: nothing to write, nothing fails
        await pilot.pause()
        assert app.is_running


async def _library_after_another_process_adds(app: NewsreadApp, pilot) -> LibraryScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    assert screen.table.row_count == 1
    multiply_library(app.library.path, 2)  # another connection, as `newsread add` in another terminal
    return screen


async def test_the_library_refreshes_when_the_terminal_regains_focus(app: NewsreadApp) -> None:
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _library_after_another_process_adds(app, pilot)
        app.post_message(events.AppFocus())
        await pilot.pause(0.3)
        assert screen.table.row_count == 3
        assert screen.state.total == 3


async def test_r_refreshes_the_library(app: NewsreadApp) -> None:
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _library_after_another_process_adds(app, pilot)
        await pilot.press("r")
        await pilot.pause(0.3)
        assert screen.table.row_count == 3
