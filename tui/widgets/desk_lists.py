"""The source desk's lists: a person's statements, a figure group's figures and a quote's sources
(``ItemList``s).

Each entry is a ``Content`` prompt built from the page model's safe strings (``tui/desk.py``), its
parts styled by the component classes below (``styles/desk.tcss``). ``enter`` on an entry posts
``ItemChosen(activated=True)``; the page opens the article at it. A statement list longer than its
page ends with a "more" entry that asks for the next page.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...core.store.echoes import Source
from ...core.store.figure_groups import FigureSighting
from ...core.store.people import Statement
from ..desk import reading_of, said_line, source_where, statement_words, where_line
from ..safe_text import one_line
from .item_list import Entry, Item, ItemList

DESK_CLASSES = {"desk-list--where", "desk-list--said", "desk-list--amount", "desk-list--more", "desk-list--first"}

MORE = "more"
"""The kind of the entry that loads the next page of statements."""


def statement_prompt(statement: Statement) -> Content:
    """Where it was said (date · site · title), who the speaker was then and how it was said, and
    the words."""
    said = said_line(statement)
    where = where_line(statement.date, statement.site, statement.title)
    parts: list[str | tuple[str, str]] = [(where, ".desk-list--where")]
    if said:
        parts += ["\n", (said, ".desk-list--said")]
    parts += ["\n", statement_words(statement)]
    return Content.assemble(*parts)


def sighting_prompt(sighting: FigureSighting) -> Content:
    """The figure as it reads (the amount in bold), where it was, and its sentence."""
    words = one_line(reading_of(sighting))
    where = where_line(sighting.date, sighting.site, sighting.title)
    return Content.assemble(
        (words, ".desk-list--amount"), "  ", (where, ".desk-list--where"), "\n", one_line(sighting.sentence)
    )


class StatementList(ItemList):
    """A person's statements, newest first; the last entry offers the rest when there are more."""

    HELP_GROUP = "Person's page"
    COMPONENT_CLASSES = DESK_CLASSES

    def show(self, statements: Sequence[Statement], *, more: int = 0, empty: str = "No statements") -> None:
        entries = [
            Entry(Item("statement", i, s.start, s.end), statement_prompt(s), key=s.quote_id)
            for i, s in enumerate(statements)
        ]
        if more:
            prompt = Content.assemble((f"{more} more — enter shows the next ones", ".desk-list--more"))
            entries.append(Entry(Item(MORE, -1, 0, 0), prompt))
        if not entries:
            entries.append(Entry(Item("heading", -1, 0, 0), Content(empty), enabled=False))
        self.set_entries(entries)
        self.highlight_first()


class SightingList(ItemList):
    """A figure group's figures, newest first."""

    HELP_GROUP = "Figure group"
    COMPONENT_CLASSES = DESK_CLASSES

    def show(self, sightings: Sequence[FigureSighting]) -> None:
        entries = [
            Entry(Item("figure", i, s.figure.start, s.figure.end), sighting_prompt(s)) for i, s in enumerate(sightings)
        ]
        if not entries:
            entries.append(Entry(Item("heading", -1, 0, 0), Content("No figures"), enabled=False))
        self.set_entries(entries)
        self.highlight_first()


def source_prompt(source: Source, *, first: bool, here: bool) -> Content:
    """Where the quote appeared (date · site · title), the first source and the article being read
    said so, who it is credited to there, and its words as that article has them."""
    parts: list[str | tuple[str, str]] = []
    if first:
        parts += [("first reported", ".desk-list--first"), "  "]
    parts.append((source_where(source), ".desk-list--where"))
    if here:
        parts += ["  ", ("this article", ".desk-list--said")]
    if source.speaker:
        parts += ["\n", (one_line(source.speaker), ".desk-list--said")]
    parts += ["\n", one_line(source.text)]
    return Content.assemble(*parts)


class SourceList(ItemList):
    """A quote's sources, earliest publication first; ``enter`` opens the article at the quote."""

    HELP_GROUP = "Quote's sources"
    COMPONENT_CLASSES = DESK_CLASSES

    def show(self, sources: Sequence[Source], *, here: int | None = None) -> None:
        """``here``: the quote id of the article being read (marked, not highlighted first)."""
        several = len({s.article_id for s in sources}) > 1
        entries = [
            Entry(
                Item("source", i, s.start, s.end),
                source_prompt(s, first=several and i == 0, here=s.quote_id == here),
            )
            for i, s in enumerate(sources)
        ]
        if not entries:
            entries.append(Entry(Item("heading", -1, 0, 0), Content("No sources"), enabled=False))
        self.set_entries(entries)
        self.highlight_first()
