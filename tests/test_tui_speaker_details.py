"""A speaker's role and organisation corrected (issue 17): ``e`` on a quote in Quotes opens the
speaker's role and organisation in two text boxes; what is entered is kept as a ``details``
correction, Quotes shows the new role and marks the speaker's quotes corrected, it survives a
re-analysis with a changed text, and ``newsread quotes --json`` gives it. Under Pilot, on a real
SQLite library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.corrections import corrections
from newsread.core.model import Analysis, Quote, Speaker
from newsread.core.store.library import Library
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.screens.speaker_picker import SpeakerDetailsScreen
from newsread.tui.widgets.side_pane import QuotesList
from support.app import MakeApp, settle, settled
from textual.widgets import Input

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"
URL = "https://a.test/talks"


def story(lead: str = "") -> Analysis:
    """Two quotes by Ann Lee, whom the analysis took for the Mayor of nowhere in particular."""
    text, quotes = f"Talks\n\n{lead}The talks went on.", []
    for q in (SAID, OTHER):
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    return Analysis(text=text, title="Talks", quotes=quotes, speakers=[Speaker(name="Ann Lee", role="Mayor", quotes=2)])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "details.db"
    with Library.open(path) as lib:
        lib.add_analysis(story(), url=URL)
    return path


def _prompts(reader: ReaderScreen) -> list[str]:
    return [e.prompt.plain for e in reader.query_one("#quotes-list", QuotesList).entries]


@pytest.mark.anyio
async def test_e_edits_the_speakers_role_and_organisation_and_it_lasts(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(db)
    async with settled(app) as pilot:
        reader = app.open_reader(1)
        await settle(app, pilot)
        assert "Mayor" in _prompts(reader)[0]
        quotes = reader.query_one("#quotes-list", QuotesList)
        quotes.focus()
        quotes.highlight_item("quote", 0)
        await pilot.pause()
        assert "reader.speaker_details" in {e.binding_id for e in help_entries(reader)}
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, SpeakerDetailsScreen)
        assert app.screen.query_one("#details-role", Input).value == "Mayor"
        app.screen.query_one("#details-role", Input).value = ""
        await pilot.press(*"Minister", "enter", *"Ministry of Works", "enter")
        await settle(app, pilot)
        assert app.screen is reader
        prompts = _prompts(reader)
        assert all("Minister" in p and "Ministry of Works" in p and "corrected" in p for p in prompts), prompts
        assert not any("Mayor" in p for p in prompts)
        assert "role and organisation corrected: Ann Lee" in reader.status_text
    with Library.open(db) as lib:
        [c] = corrections(lib)
        assert (c.kind, c.orphaned) == ("details", False)
        assert c.fields == {"speaker": "Ann Lee", "role": "Minister", "organisation": "Ministry of Works",
                            "was_role": "Mayor", "was_organisation": None}  # fmt: skip
        lib.add_analysis(story("An update.\n\n"), url=URL)  # analysed again, the text changed
    rows = json.loads(CliRunner().invoke(cli, ["--db", str(db), "quotes", "--json"]).output)
    assert [(r["role"], r["organisation"], r["corrected"]) for r in rows] == [
        ("Minister", "Ministry of Works", True)
    ] * 2


@pytest.mark.anyio
async def test_escape_edits_nothing(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with settled(app) as pilot:
        reader = app.open_reader(1)
        await settle(app, pilot)
        quotes = reader.query_one("#quotes-list", QuotesList)
        quotes.focus()
        quotes.highlight_item("quote", 0)
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.press(*"Chef", "escape")
        await settle(app, pilot)
        assert app.screen is reader and not any("corrected" in p for p in _prompts(reader))
    with Library.open(db) as lib:
        assert corrections(lib) == []
