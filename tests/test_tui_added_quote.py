"""A missed quote added from a selection (issue 17): in the article ``v`` selects, ``Q`` asks who
said the words (the speaker picker: the article's speakers, or a name typed) and keeps them as an
``added`` correction; Quotes lists the quote marked corrected, and it is there again after the
article is analysed again with a changed text. Under Pilot, on a real SQLite library."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.corrections import corrections
from newsread.core.model import Analysis
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.speaker_picker import SpeakerPickerScreen
from newsread.tui.widgets.article_view import ArticleView
from support.app import MakeApp, settle, settled
from support.corrections import library_of, quote_entries, talks
from textual.pilot import Pilot

SAID = "“We will open the crossings before the winter comes,”"
MISSED = "“The trucks are waiting,”"
URL = "https://a.test/talks"


def story(lead: str = "") -> Analysis:
    """Ann Lee's quote, found; Omar Haddad's, which the analysis missed."""
    return talks([(SAID, "Ann Lee"), (MISSED, "Omar Haddad")], lead=lead, found=1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return library_of(tmp_path / "added.db", story(), URL)


async def _select_missed(app: NewsreadApp, pilot: Pilot) -> tuple[ReaderScreen, ArticleView]:
    reader = app.open_reader(1)
    await settle(app, pilot)
    view = reader.article
    view.focus()
    view.set_cursor(view.source_text.index(MISSED))
    await pilot.press("v", "w", "w", "w")
    await settle(app, pilot)
    selected = view.selected_range()
    assert selected is not None and view.source_text[slice(*selected)] == MISSED
    return reader, view


@pytest.mark.anyio
async def test_Q_adds_the_selection_as_a_quote_and_it_survives_reanalysis(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(db)
    async with settled(app) as pilot:
        reader, _ = await _select_missed(app, pilot)
        assert "reader.add_quote" in {e.binding_id for e in help_entries(reader)}
        await pilot.press("Q")
        await settle(app, pilot)
        assert isinstance(app.screen, SpeakerPickerScreen)
        await pilot.press(*"Omar Haddad", "enter")
        await settle(app, pilot)
        assert app.screen is reader
        assert [(q.text, q.speaker) for q in reader.state.data.quotes] == [(SAID, "Ann Lee"), (MISSED, "Omar Haddad")]
        prompts = quote_entries(reader)
        assert prompts[0].startswith("Ann Lee\n") and prompts[1].startswith(f"Omar Haddad  corrected\n{MISSED}")
        assert "quote 2 of 2: Omar Haddad" in reader.status_text  # the added quote, marked
        assert reader.article.selected_range() is None
    with Library.open(db) as lib:
        [c] = corrections(lib)
        assert (c.kind, c.fields, c.selector.exact, c.orphaned) == (
            "added",
            {"speaker": "Omar Haddad", "speaker_kind": "person"},
            MISSED,
            False,
        )
        lib.add_analysis(story("An update.\n\n"), url=URL)  # analysed again, the text changed
    again = make_app(db)
    async with settled(again) as pilot:
        reader = again.open_reader(1)
        await settle(again, pilot)
        assert [(q.text, q.speaker) for q in reader.state.data.quotes] == [(SAID, "Ann Lee"), (MISSED, "Omar Haddad")]
        assert quote_entries(reader)[1].startswith("Omar Haddad  corrected\n")


@pytest.mark.anyio
async def test_escape_in_the_picker_adds_nothing_and_Q_without_a_selection_rings(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with settled(app) as pilot:
        reader, view = await _select_missed(app, pilot)
        await pilot.press("Q")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is reader and len(reader.state.data.quotes) == 1
        view.clear_selection()
        await pilot.press("Q")
        await settle(app, pilot)
        assert app.screen is reader
    with Library.open(db) as lib:
        assert corrections(lib) == []
