"""SVG snapshots of the source desk (issue 17): a person's page, a figure group and a quote's
sources, dark and light, on the hand-made analyses of ``support.desk`` and ``support.desk_echoes``
(so only a change in the drawing changes them).
Update with ``pytest --snapshot-update``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from newsread.core.figure_keys import FigureKey
from newsread.core.store.library import Library
from newsread.core.store.people import find_identity
from newsread.tui.screens.echoes import EchoesScreen
from newsread.tui.screens.figure_group import FigureGroupScreen
from newsread.tui.screens.person_page import PersonPageScreen
from support.desk import BLINKEN, desk_library
from textual.app import App
from textual.screen import Screen

SIZE = (100, 30)
THEMES = ["textual-dark", "textual-light"]
STYLES = Path(__file__).resolve().parent.parent / "tui" / "styles"


class DeskTestApp(App[None]):
    """The smallest app that shows one of the desk's pages, with the app's styles."""

    CSS_PATH = [STYLES / "app.tcss", STYLES / "desk.tcss"]  # noqa: RUF012

    def __init__(self, library: Library, page: Callable[[Library], Screen], *, theme: str) -> None:
        super().__init__()
        self.library = library
        self._page = page
        self._theme_name = theme

    def on_mount(self) -> None:
        self.theme = self._theme_name
        self.push_screen(self._page(self.library))


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = desk_library(tmp_path / "desk.db")
    yield library
    library.close()


class TestDeskSnapshots:
    @pytest.mark.parametrize("theme", THEMES)
    def test_person_page(self, snap_compare, lib: Library, theme: str) -> None:
        ident = find_identity(lib, BLINKEN).id
        app = DeskTestApp(lib, lambda library: PersonPageScreen(library, ident), theme=theme)
        assert snap_compare(app, terminal_size=SIZE)

    @pytest.mark.parametrize("theme", THEMES)
    def test_figure_group(self, snap_compare, lib: Library, theme: str) -> None:
        key = FigureKey("count", "aid truck", "", "day")
        app = DeskTestApp(lib, lambda library: FigureGroupScreen(library, key), theme=theme)
        assert snap_compare(app, terminal_size=SIZE)

    @pytest.mark.parametrize("theme", THEMES)
    def test_quote_sources(self, snap_compare, tmp_path: Path, theme: str) -> None:
        from support.desk_echoes import echoed_library

        with echoed_library(tmp_path / "echoes.db") as library:
            app = DeskTestApp(library, lambda lib: EchoesScreen(lib, 1), theme=theme)
            assert snap_compare(app, terminal_size=SIZE)
