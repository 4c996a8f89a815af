"""Corrections in the reader (issue 17): ``c`` on a quote in the Quotes tab picks who said it (the
article's speakers, or a name typed), the quote is marked corrected and credited to them, and the
correction is still there when the article is opened again. Under Pilot, on a real SQLite library."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.corrections import corrections
from newsread.core.model import Analysis, Quote
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.speaker_picker import SpeakerPickerScreen
from newsread.tui.widgets.side_pane import QuotesList
from support.app import MakeApp, settle, settled
from textual.pilot import Pilot

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    text, quotes = "Talks\n\nThe talks went on.", []
    for q, who in ((SAID, "Ann Lee"), (OTHER, "Omar Haddad")):
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker=who, cue="said"))
        text += q + f" {who} said."
    path = tmp_path / "corrections.db"
    with Library.open(path) as lib:
        lib.add_analysis(Analysis(text=text, title="Talks", quotes=quotes), url="https://a.test/talks")
    return path


async def _on_first_quote(app: NewsreadApp, pilot: Pilot, key: str) -> ReaderScreen:
    """Open article 1, highlight its first quote in Quotes and press ``key``."""
    reader = app.open_reader(1)
    await settle(app, pilot)
    quotes = reader.query_one("#quotes-list", QuotesList)
    quotes.focus()
    quotes.highlight_item("quote", 0)
    await pilot.press(key)
    await settle(app, pilot)
    return reader


async def _correct_first(app: NewsreadApp, pilot: Pilot, *keys: str) -> ReaderScreen:
    reader = await _on_first_quote(app, pilot, "c")
    assert isinstance(app.screen, SpeakerPickerScreen)
    await pilot.press(*keys)
    await settle(app, pilot)
    assert app.screen is reader
    return reader


def _first_prompt(reader: ReaderScreen) -> str:
    return reader.query_one("#quotes-list", QuotesList).entries[0].prompt.plain


@pytest.mark.anyio
async def test_c_reassigns_a_quote_to_a_name_typed_and_it_lasts(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _correct_first(app, pilot, *"Jane Roe", "enter")
        assert _first_prompt(reader).startswith("Jane Roe  corrected\n“We will open")
        assert reader.state.data.quotes[0].speaker == "Jane Roe"
        assert "speaker corrected: Jane Roe" in reader.status_text
        await pilot.press("q")
        await settle(app, pilot)
        again = app.open_reader(1)
        await settle(app, pilot)
        assert _first_prompt(again).startswith("Jane Roe  corrected\n")
    with Library.open(db) as lib:
        [c] = corrections(lib)
        assert (c.fields["speaker"], c.fields["was"], c.orphaned) == ("Jane Roe", "Ann Lee", False)


@pytest.mark.anyio
async def test_c_picks_one_of_the_articles_speakers(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _correct_first(app, pilot, *"omar", "enter")
        assert _first_prompt(reader).startswith("Omar Haddad  corrected\n")
        assert [q.speaker for q in reader.state.data.quotes] == ["Omar Haddad", "Omar Haddad"]


@pytest.mark.anyio
async def test_escape_corrects_nothing_and_help_lists_the_key(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _correct_first(app, pilot, "escape")
        assert _first_prompt(reader).startswith("Ann Lee\n")
        reader.query_one("#quotes-list", QuotesList).focus()
        await pilot.pause()
        assert {"reader.correct_speaker", "reader.not_a_quote"} <= {e.binding_id for e in help_entries(reader)}
    with Library.open(db) as lib:
        assert corrections(lib) == []


@pytest.mark.anyio
async def test_d_marks_a_quote_as_none_after_asking(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.confirm import ConfirmScreen

    app = make_app(db)
    async with settled(app) as pilot:
        reader = await _on_first_quote(app, pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen is reader
        assert [q.text for q in reader.state.data.quotes] == [OTHER]
        entries = reader.query_one("#quotes-list", QuotesList).entries
        assert [e.prompt.plain.split("\n")[1] for e in entries] == [OTHER]
        assert "marked as not a quote" in reader.status_text
    with Library.open(db) as lib:
        [c] = corrections(lib)
        assert (c.kind, c.fields, c.orphaned) == ("not_quote", {"was": "Ann Lee"}, False)
