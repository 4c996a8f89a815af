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
from newsread.core.model import Analysis, Speaker
from newsread.core.store.library import Library
from newsread.tui.screens.speaker_picker import SpeakerDetailsScreen
from support.app import MakeApp, settle, settled
from support.corrections import library_of, on_first_quote, quote_entries, talks
from textual.widgets import Input

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"
URL = "https://a.test/talks"


def story(lead: str = "") -> Analysis:
    """Two quotes by Ann Lee, whom the analysis took for a mayor."""
    return talks([(SAID, "Ann Lee"), (OTHER, "Ann Lee")], lead=lead, speakers=[Speaker(name="Ann Lee", role="Mayor")])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return library_of(tmp_path / "details.db", story(), URL)


@pytest.mark.anyio
async def test_e_edits_the_speakers_role_and_organisation_and_it_lasts(db: Path, make_app: MakeApp) -> None:
    from newsread.tui.screens.help import help_entries

    app = make_app(db)
    async with settled(app) as pilot:
        reader = await on_first_quote(app, pilot)
        assert "Mayor" in quote_entries(reader)[0]
        assert "reader.speaker_details" in {e.binding_id for e in help_entries(reader)}
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, SpeakerDetailsScreen)
        assert app.screen.query_one("#details-role", Input).value == "Mayor"
        app.screen.query_one("#details-role", Input).value = ""
        await pilot.press(*"Minister", "enter", *"Ministry of Works", "enter")
        await settle(app, pilot)
        assert app.screen is reader
        prompts = quote_entries(reader)
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
        reader = await on_first_quote(app, pilot, "e")
        await pilot.press(*"Chef", "escape")
        await settle(app, pilot)
        assert app.screen is reader and not any("corrected" in p for p in quote_entries(reader))
    with Library.open(db) as lib:
        assert corrections(lib) == []
