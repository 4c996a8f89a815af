"""The keys as the user sees them: the ``?`` help's sections and the footer as the terminal narrows."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.tui.app import NewsreadApp
from newsread.tui.screens.help import HelpScreen
from newsread.tui.widgets.key_footer import KeyFooter
from support.look import reader_open
from support.reader import make_library, screen_text
from textual.geometry import Region

pytestmark = pytest.mark.anyio
CLASS_NAMES = ("ArticleView", "ReaderScreen", "PaneTabs", "LibraryNotesList", "NotesViewScreen", "QuotesList")


@pytest.fixture
def library(tmp_path: Path):
    lib, article_id = make_library(tmp_path / "library.db")
    yield lib, article_id
    lib.close()


def footer_text(app: NewsreadApp) -> str:
    footer = app.screen.query_one(KeyFooter)
    return "".join(strip.text for strip in footer.render_lines(Region(0, 0, footer.size.width, 1)))


def footer_keys(app: NewsreadApp) -> list[tuple[str, str]]:
    """The keys a footer may show for the screen's active bindings, as (key as displayed,
    description), in binding order: the shown bindings but the palette's, which has its own place."""
    return [
        (app.get_key_display(binding), binding.description)
        for key, (_, binding, _, _) in app.screen.active_bindings.items()
        if binding.show and key != app.COMMAND_PALETTE_BINDING
    ]


async def test_help_sections_are_what_the_user_sees_and_list_every_key(library) -> None:
    lib, article_id = library
    async with reader_open(lib, article_id, size=(120, 60)) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = list(dict.fromkeys(e.group for e in app.screen.entries))
        assert groups == ["Article", "Reader", "Everywhere"]
        keys = {e.binding_id: e.key for e in app.screen.entries}
        assert keys["reader.scroll_down"] == "j ↓"
        assert keys["reader.scroll_up"] == "k ↑"
        assert keys["reader.page_down"] == "space pgdn"
        assert keys["reader.top"] == "g home"
        shown = screen_text(app)
        assert "Help — Reader" in shown and "space pgdn" in shown
        assert not any(name in shown for name in CLASS_NAMES)
        assert "Scroll Left" not in shown  # the article never scrolls sideways
        await pilot.press("escape", "tab")  # to the side pane's tabs
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.entries[0].group == "Side pane"
        await pilot.press("escape", "q", "n")  # back to the library, then all notes
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert {e.group for e in app.screen.entries} == {"Notes", "Everywhere"}
        shown = screen_text(app)
        assert "Help — Notes" in shown
        assert not any(name in shown for name in CLASS_NAMES)


@pytest.mark.parametrize(("width", "kept"), [(160, "so/ah"), (120, "so/ah"), (80, "so/ah"), (60, "so/a")])
async def test_footer_keeps_the_keys_that_matter_and_never_cuts_one(library, width: int, kept: str) -> None:
    lib, article_id = library
    async with reader_open(lib, article_id, size=(width, 30)) as pilot:
        app = pilot.app
        text = footer_text(app)
        assert text.rstrip().endswith("^p palette")
        assert " ? Help▏" in text or " ? Help " in text  # whole, always
        shown = [(key, what) for key, what in footer_keys(app) if f" {key} {what}" in text]
        for must in kept:
            assert any(key == must for key, _ in shown), (must, text)
        # every key drawn is drawn whole: the text is exactly the shown keys, then padding
        keys_part = text.split("▏")[0].rstrip()
        assert keys_part == "".join(f" {key} {what}" for key, what in shown)
