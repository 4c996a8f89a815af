"""Copying: ctrl+c copies the reader's selection (not the quit hint); y copies the quote at the
cursor with its attribution, ready to paste: “…” — Name, role, organisation; Site, date."""

from __future__ import annotations

import pytest
from newsread.core.model import Quote, Speaker
from newsread.tui.app import NewsreadApp
from newsread.tui.citation import cite
from newsread.tui.screens.help import help_entries
from support.app import Toasts
from support.input import reader_opened

pytestmark = pytest.mark.anyio


def test_cite_names_speaker_role_organisation_site_and_date() -> None:
    quote = Quote(0, 20, "“We want a deal,”", "Jane Roe", "said")
    speaker = Speaker("Jane Roe", role="spokeswoman", organisation="State Department")
    text = cite(quote, speaker, organisation="State Department", site="thehill.com", date="2024-10-24T08:00:00")
    assert text == "“We want a deal,” — Jane Roe, spokeswoman, State Department; thehill.com, 2024-10-24"


def test_cite_leaves_out_what_is_unknown_and_says_unattributed() -> None:
    quote = Quote(0, 10, '"No comment"', None, None)
    assert cite(quote, None) == "“No comment” — unattributed"
    role = Speaker("Abu Obeida", role="spokesman for Hamas")
    assert cite(Quote(0, 5, "Never", "Abu Obeida", "said"), role, organisation="Hamas") == (
        "“Never” — Abu Obeida, spokesman for Hamas"
    )


async def test_ctrl_c_copies_the_keyboard_selection(app: NewsreadApp) -> None:
    toasts = Toasts()
    async with reader_opened(app, message_hook=toasts) as (pilot, reader):
        await pilot.press("v", "w", "w", "ctrl+c")
        await pilot.pause()
        start, end = reader.article.selected_range()
        assert end > start
        assert app.clipboard == reader.data.analysis.text[start:end]
        assert not [m for m in toasts.messages() if "quit" in m.casefold()]


async def test_ctrl_c_without_a_selection_still_hints_how_to_quit(app: NewsreadApp) -> None:
    toasts = Toasts()
    async with reader_opened(app, message_hook=toasts) as (pilot, _):
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == ""
        assert [m for m in toasts.messages() if "quit" in m.casefold()]


async def test_y_copies_the_quote_at_the_cursor_with_its_attribution(app: NewsreadApp) -> None:
    async with reader_opened(app) as (pilot, reader):
        await pilot.press("right_square_bracket", "y")
        await pilot.pause()
        quote = reader.data.quotes[reader.current_quote]
        words = " ".join(quote.text.split()).strip('“”" ')
        assert app.clipboard.startswith(f"“{words}” — {quote.speaker}")
        assert app.clipboard.endswith("; thehill.com, 2024-10-24")
        assert "copied" in reader.status_text


async def test_help_lists_both_copy_keys(app: NewsreadApp) -> None:
    async with reader_opened(app) as (_, reader):
        ids = {e.binding_id: e.key for e in help_entries(reader)}
        assert ids.get("reader.copy") == "^c" and ids.get("reader.copy_quote") == "y", ids
