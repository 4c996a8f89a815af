"""The library screen's speaker filter and its picker follow the corrections (issue 17), driven by
Pilot on a real SQLite library: a speaker whose quotes a reader reassigned is offered with the
corrected count, and choosing them lists the articles where they speak as corrected; a correction
made by another connection is followed at the next reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.corrections import correct_speaker
from newsread.core.store.library import Library
from support.app import MakeApp, press_settled, settled
from test_library_filters_corrected import speakers_library
from test_tui_library import open_picker, status, table_ids

pytestmark = pytest.mark.anyio


async def test_the_speaker_picker_and_filter_follow_a_reassigned_quote(tmp_path: Path, make_app: MakeApp) -> None:
    db = speakers_library(tmp_path)
    with Library.open(db) as lib:
        for quote in lib.analysis(1).quotes:
            correct_speaker(lib, 1, quote, "Jane Roe", "person")
    app = make_app(Path(db))
    async with settled(app) as pilot:
        picker = await open_picker(app, pilot, "s")
        counts = {e.name: (e.count, e.detail) for e in picker.entries}
        assert counts["Jane Roe"] == (2, "1 article") and counts["Ben Cole"] == (2, "1 article")
        await pilot.press(*"jane")
        assert [e.name for e in picker.shown] == ["Jane Roe"]
        await press_settled(pilot, "enter")
        assert table_ids(app) == [1]
        assert "speaker: Jane Roe" in status(app)
        with Library.open(db) as other:  # another process reassigns article 2's first quote to her
            correct_speaker(other, 2, other.analysis(2).quotes[0], "Jane Roe", "person")
        await press_settled(pilot, "r")
        assert table_ids(app) == [2, 1]
