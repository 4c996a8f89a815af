"""Hand-made stories for the corrections tests (issue 17): quotes with their speakers after a
title and a lead, a library of one such story, and the reader on it with a quote highlighted in Quotes."""

from __future__ import annotations

from pathlib import Path

from newsread.core.model import Analysis, Quote, Speaker
from newsread.core.store.library import Library
from newsread.tui.app import NewsreadApp
from newsread.tui.reader.screen import ReaderScreen
from newsread.tui.widgets.side_pane import QuotesList
from textual.pilot import Pilot

from .app import settle


def talks(
    said: list[tuple[str, str]], *, lead: str = "", speakers: list[Speaker] | None = None, found: int | None = None
) -> Analysis:
    """ "Talks", then ``lead``, then each (quote, speaker) of ``said`` followed by "<speaker> said.";
    the analysis finds the first ``found`` of them (all by default)."""
    text, quotes = f"Talks\n\n{lead}The talks went on.", []
    for words, who in said:
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(words), text=words, speaker=who, cue="said"))
        text += f"{words} {who} said."
    return Analysis(text=text, title="Talks", quotes=quotes[:found], speakers=list(speakers or []))


def library_of(path: Path, analysis: Analysis, url: str) -> Path:
    """A library at ``path`` holding ``analysis`` as article 1."""
    with Library.open(path) as lib:
        assert lib.add_analysis(analysis, url=url).article_id == 1
    return path


def quote_entries(reader: ReaderScreen) -> list[str]:
    """The Quotes tab's entries as shown."""
    return [e.prompt.plain for e in reader.query_one("#quotes-list", QuotesList).entries]


async def on_first_quote(app: NewsreadApp, pilot: Pilot, *keys: str) -> ReaderScreen:
    """Open article 1, highlight its first quote in Quotes and press ``keys``."""
    reader = app.open_reader(1)
    await settle(app, pilot)
    quotes = reader.query_one("#quotes-list", QuotesList)
    quotes.focus()
    quotes.highlight_item("quote", 0)
    await pilot.pause()
    if keys:
        await pilot.press(*keys)
        await settle(app, pilot)
    return reader
