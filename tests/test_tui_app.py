"""The app around the screens: settings, keymap, theme, help, palette and the first-run import."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.settings import Settings, SettingsError, load_settings
from newsread.tui.app import NewsreadApp, seed_sources
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.screens.add_source import AddSourceScreen
from newsread.tui.screens.help import HelpScreen, help_entries
from newsread.tui.screens.picker import PickerScreen
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.import_progress import ImportProgress
from newsread.tui.widgets.status_bar import StatusBar
from support.app import APP_SIZE, Toasts, fake_child, started
from textual.notifications import Notify
from textual.widgets import Input

pytestmark = pytest.mark.anyio


# -- settings ------------------------------------------------------------------------------------
def test_settings_missing_file_means_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "nope.toml")
    assert s.keymap == {} and s.theme is None and s.model is None


def test_settings_read_keymap_theme_model(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"\nmodel = "m"\n[keymap]\n"library.search" = "ctrl+f"\n', "utf-8")
    s = load_settings(path)
    assert s == Settings(keymap={"library.search": "ctrl+f"}, theme="textual-light", model="m", path=path)


def test_settings_default_path_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text('theme = "nord"\n', "utf-8")
    monkeypatch.setenv("NEWSREAD_CONFIG", str(path))
    assert load_settings().theme == "nord"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = ", "not valid TOML"),
        ("colour = 'red'", "unknown setting(s): colour"),
        ("keymap = 3", "[keymap] must map"),
        ("[keymap]\n'app.quit' = 3", "[keymap] must map"),
        ("theme = ''", "theme must be a non-empty string"),
    ],
)
def test_settings_errors_are_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


# -- keys, theme, help, palette ------------------------------------------------------------------
def _all_bindings() -> list:
    from newsread.tui.screens.add_source import AddSourceScreen
    from newsread.tui.screens.help import HelpScreen
    from newsread.tui.widgets.article_table import ArticleTable

    out = []
    for cls in (NewsreadApp, LibraryScreen, ArticleTable, PickerScreen, AddSourceScreen, HelpScreen):
        out.extend(cls.BINDINGS)
    return out


def test_every_binding_has_an_id_and_a_description() -> None:
    bindings = _all_bindings()
    assert bindings
    for b in bindings:
        assert b.id and b.description, b
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))


async def test_keymap_from_settings_remaps_keys(seed_library, make_app) -> None:
    settings = Settings(keymap={"library.search": "ctrl+f", "library.speaker": "w"})
    app = make_app(seed_library, settings=settings)
    async with started(app) as pilot:
        assert isinstance(app.focused, ArticleTable)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, ArticleTable)  # "/" no longer searches
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "library-search"
        await pilot.press("escape", "w")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")
        await pilot.pause()
        keys = {e.binding_id: e.key for e in help_entries(app.screen)}
        assert keys["library.search"] == "^f" and keys["library.speaker"] == "w"


async def test_theme_from_settings_and_unknown_theme_falls_back(seed_library, make_app) -> None:
    app = make_app(seed_library, settings=Settings(theme="textual-light"))
    async with started(app):
        assert app.theme == "textual-light"
    app = make_app(seed_library, settings=Settings(theme="no-such-theme"))
    toasts = Toasts()
    async with started(app, message_hook=toasts):
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in m for m in toasts.messages())


async def test_help_is_generated_from_the_live_bindings(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        entries = app.screen.entries
        groups = list(dict.fromkeys(e.group for e in entries))
        assert groups == ["Article list", "Library", "Everywhere"]  # focused widget first
        by_id = {e.binding_id: e for e in entries}
        for binding_id in ("library.open", "library.search", "library.speaker", "library.add", "app.help"):
            assert binding_id in by_id
        assert by_id["library.search"].key == "/"
        assert by_id["library.speaker"].description == "Show only articles quoting a chosen speaker"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and isinstance(app.focused, ArticleTable)


async def test_help_on_the_reader_lists_the_readers_keys(app: NewsreadApp) -> None:
    from newsread.tui.reader.screen import ReaderScreen

    async with started(app) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        reader_ids = {b.id for b in ReaderScreen.BINDINGS}
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {e.binding_id for e in app.screen.entries}
        assert "reader.back" in shown and shown & reader_ids
        assert not any(i.startswith("library.") for i in shown)
        await pilot.press("question_mark")  # ? toggles
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_palette_offers_the_screens_actions(app: NewsreadApp) -> None:
    async with started(app) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quoting a chosen speak")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)  # the palette gathers hits on a short timer of its own
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_palette_provider_lists_every_library_action(app: NewsreadApp) -> None:
    from newsread.tui.commands import KeyCommands

    async with started(app):
        provider = KeyCommands(app.screen)
        names = {str(hit.display) async for hit in provider.discover()}
        for b in [*LibraryScreen.BINDINGS, *ArticleTable.BINDINGS]:
            if b.show:
                assert (b.tooltip or b.description) in names


# -- first run -----------------------------------------------------------------------------------
def test_seed_sources_are_the_bundled_articles() -> None:
    sources = seed_sources()
    assert sources and all(Path(s).is_file() and s.endswith(".txt") for s in sources)


async def test_first_run_child_crash_is_shown_not_fatal(tmp_path, make_app) -> None:
    messages: list = []
    app = make_app(tmp_path / "empty.db", add_argv=fake_child(tmp_path, "crash"), first_run_import=True)
    async with started(app, message_hook=messages.append) as pilot:
        assert isinstance(app.screen, AddSourceScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        finished = list({id(m): m for m in messages if isinstance(m, ImportProgress.Finished)}.values())
        assert len(finished) == 1 and not finished[0].summary.ok
        assert "the model exploded" in finished[0].summary.errors[-1]
        assert isinstance(app.screen, AddSourceScreen)  # stays open to be read
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "Library is empty" in str(app.screen.query_one(StatusBar).render())
        assert any("could not be imported" in m.notification.message for m in messages if isinstance(m, Notify))


async def test_first_run_child_that_cannot_start_is_shown(tmp_path, make_app) -> None:
    app = make_app(tmp_path / "empty.db", add_argv=[str(tmp_path / "no-such-program")], first_run_import=True)
    async with app.run_test(size=APP_SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        progress = app.screen.query_one(ImportProgress)
        assert "could not start the import" in str(progress.query_one("#import-status").render())


async def test_no_import_when_the_library_has_articles(seed_library, make_app, tmp_path) -> None:
    app = make_app(seed_library, add_argv=fake_child(tmp_path, "crash"), first_run_import=True)
    async with started(app):
        assert isinstance(app.screen, LibraryScreen) and isinstance(app.focused, ArticleTable)


async def test_first_run_imports_the_seed_with_the_real_child_and_opens_it(tmp_path, make_app) -> None:
    from newsread.tui.reader.screen import ReaderScreen

    messages: list = []
    app = make_app(tmp_path / "new.db", first_run_import=True)
    async with started(app, message_hook=messages.append) as pilot:
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        [finished] = {id(m): m for m in messages if isinstance(m, ImportProgress.Finished)}.values()
        assert finished.summary.ok, finished.summary.errors
        assert finished.summary.added == len(seed_sources())
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == finished.summary.ids[0]
        assert app.library.article(finished.summary.ids[0]).read
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.table.row_count == len(seed_sources())
