"""The rules of the source desk's pages, without Textual: a person's page, a figure group and a
quote's sources.

``PersonPageModel`` holds what the person's page shows and what its keys change: the identity,
the kind filter (``r`` cycles all → quotes → reported), the text filter (``/``), the statements
loaded so far (a page of ``PAGE_SIZE``, more on demand) and what ``escape`` clears.
``FigureGroupModel`` holds one figure group, ``EchoesModel`` one quote's sources. They read the
store (``core.store.people``, ``figure_groups``, ``echoes``) and say what the screens draw as plain
strings made safe for the terminal (``safe_text``); the screens (``tui/screens/person_page.py``,
``figure_group.py``, ``echoes.py``) only compose and style.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..core.figure_keys import FigureKey
from ..core.figure_words import figure_words
from ..core.store.echoes import Echoes, Source, echoes_of
from ..core.store.figure_groups import FigureGroup, FigureSighting, figure_group
from ..core.store.library import Library
from ..core.store.people import (
    QUOTED_KINDS,
    REPORTED_KINDS,
    PageQuery,
    PersonPage,
    Statement,
    person_page,
    statements,
)
from .kinds import plural, statement_counts
from .safe_text import one_line

PAGE_SIZE = 200
"""Statements (and figures) loaded at a time: a page opens in the time its first rows take."""

KindFilter = Literal["all", "quotes", "reported"]
KIND_FILTERS: dict[KindFilter, tuple[str, ...] | None] = {
    "all": None,
    "quotes": QUOTED_KINDS,
    "reported": REPORTED_KINDS,
}
KIND_LABELS: dict[KindFilter, str] = {"all": "all statements", "quotes": "quotes only", "reported": "reported only"}


def where_line(date: str | None, site: str | None, title: str | None) -> str:
    """ "2024-03-01 · site.test · Title": where a statement or figure was, one safe line."""
    return " · ".join(one_line(p) for p in (date, site, title) if p) or "—"


def said_line(statement: Statement) -> str:
    """What the speaker was in that article and how they said it: "secretary of state, Harvard ·
    reported · said"; "corrected" when a reader's correction gave it to them, added it or edited
    their role there."""
    parts = [", ".join(one_line(p) for p in (statement.role, statement.organisation) if p)]
    if statement.is_reported:
        parts.append("reported" + (f" · {one_line(statement.cue)}" if statement.cue else ""))
    elif statement.kind != "direct":
        parts.append(statement.kind)
    if statement.corrected:
        parts.append("corrected")
    return " · ".join(p for p in parts if p)


def statement_words(statement: Statement) -> str:
    """The words shown for a statement: a partial quote's whole reported statement, else its own."""
    return one_line(statement.statement or statement.text)


@dataclass(slots=True)
class PersonPageModel:
    """One identity's page and its filters (see the module docstring)."""

    library: Library
    identity_id: int
    kind_filter: KindFilter = "all"
    text: str | None = None
    page: PersonPage | None = None
    rows: list[Statement] = field(default_factory=list)

    def query(self, offset: int = 0) -> PageQuery:
        return PageQuery(kinds=KIND_FILTERS[self.kind_filter], text=self.text, limit=PAGE_SIZE, offset=offset)

    def load(self) -> PersonPage:
        """Read the page again with the filters as they are (the first ``PAGE_SIZE`` statements)."""
        self.page = person_page(self.library, self.identity_id, self.query())
        self.rows = list(self.page.statements)
        return self.page

    @property
    def matching(self) -> int:
        return self.page.matching if self.page else 0

    @property
    def more(self) -> int:
        """How many statements the filters keep beyond those loaded."""
        return max(0, self.matching - len(self.rows))

    def load_more(self) -> list[Statement]:
        """The next ``PAGE_SIZE`` statements, added to ``rows``; the new ones."""
        found, _ = statements(self.library, self.identity_id, self.query(offset=len(self.rows)))
        self.rows.extend(found)
        return found

    def cycle_kind(self) -> KindFilter:
        """All statements → quotes only → reported only → all; the page is read again."""
        order: list[KindFilter] = list(KIND_FILTERS)
        self.kind_filter = order[(order.index(self.kind_filter) + 1) % len(order)]
        self.load()
        return self.kind_filter

    def set_text(self, text: str | None) -> None:
        """Keep only the statements with these words (None or blank: all); the page is read again."""
        text = (text or "").strip() or None
        if text != self.text:
            self.text = text
            self.load()

    def escape_clears(self) -> Literal["text", "kind"] | None:
        """What ``escape`` clears first: the text filter, then the kind filter; None: go back."""
        if self.text:
            return "text"
        if self.kind_filter != "all":
            return "kind"
        return None

    def clear(self, what: Literal["text", "kind"]) -> None:
        if what == "text":
            self.set_text(None)
        else:
            self.kind_filter = "all"
            self.load()

    # -- what the page says ------------------------------------------------------------------------
    def title(self) -> str:
        page = self.page
        return f"{one_line(page.name)} · {page.kind}" if page else ""

    def summary(self) -> str:
        """ "3 articles · 3 quotes, 1 reported · also Blinken"."""
        page = self.page
        if page is None:
            return ""
        line = f"{plural(page.articles, 'article')} · {statement_counts(page.quotes, page.reported)}"
        if page.aliases:
            line += " · also " + ", ".join(one_line(a) for a in page.aliases)
        return line

    def role_lines(self) -> list[str]:
        """The roles and organisations over time, earliest first: "secretary of state — 2024-03-01
        to 2024-03-02 (2 articles)"."""
        lines = []
        for r in self.page.roles if self.page else []:
            what = ", ".join(one_line(p) for p in (r.role, r.organisation) if p)
            when = r.first if r.first == r.last else f"{r.first} to {r.last}"
            lines.append(f"{what} — {when} ({plural(r.articles, 'article')})")
        return lines

    def status(self) -> str:
        """ "4 statements" or "1 of 4 statements · reported only · with “crossing”"."""
        page = self.page
        if page is None:
            return ""
        total = page.quotes + page.reported
        parts = [plural(total, "statement") if self.matching == total else f"{self.matching} of {total} statements"]
        if self.kind_filter != "all":
            parts.append(KIND_LABELS[self.kind_filter])
        if self.text:
            parts.append(f"with “{one_line(self.text)}”")
        if self.more:
            parts.append(f"{len(self.rows)} shown")
        return " · ".join(parts)


@dataclass(slots=True)
class FigureGroupModel:
    """One figure group: its key and its figures across the library, newest first."""

    library: Library
    key: FigureKey
    group: FigureGroup | None = None

    def load(self) -> FigureGroup:
        self.group = figure_group(self.library, self.key, limit=PAGE_SIZE)
        return self.group

    @property
    def sightings(self) -> list[FigureSighting]:
        return self.group.sightings if self.group else []

    def title(self) -> str:
        """ "aid truck per day · count"."""
        return f"{one_line(self.key.words())} · {self.key.kind}"

    def summary(self) -> str:
        """ "3 figures in 3 articles", and when the search stopped at its page, that it did."""
        group = self.group
        if group is None:
            return ""
        line = f"{plural(len(group.sightings), 'figure')} in {plural(group.articles, 'article')}"
        return line if group.complete else line + f" · the newest {PAGE_SIZE} shown"

    def related(self) -> str:
        """The same thing counted another way, as met: "also aid truck (1 figure)"; "" for none."""
        related = self.group.related if self.group else {}
        parts = [f"{one_line(k.words())} ({plural(n, 'figure')})" for k, n in related.items()]
        return "also " + " · ".join(parts) if parts else ""

    def values(self) -> str:
        """The values side by side, oldest first, as they read: "35 · 250 · about 350"."""
        return " · ".join(one_line(reading_of(s)) for s in reversed(self.sightings))


def reading_of(sighting: FigureSighting) -> str:
    """A figure's amount as it reads, with its qualifier ("about 350"), without what it counts."""
    words = figure_words(sighting.figure)
    return f"{words.qualifier} {words.head}" if words.qualifier else words.head


SOURCES_SHOWN = 100
"""A quote's sources listed at most, the earliest."""


@dataclass(slots=True)
class EchoesModel:
    """One quote across sources: its sources, earliest publication first (``core.store.echoes``)."""

    library: Library
    quote_id: int
    echoes: Echoes | None = None

    def load(self) -> Echoes | None:
        """The quote's earliest ``SOURCES_SHOWN`` sources (a quote wired to a thousand sites opens in
        the time of its first page)."""
        self.echoes = echoes_of(self.library, self.quote_id, limit=SOURCES_SHOWN)
        return self.echoes

    @property
    def sources(self) -> list[Source]:
        return self.echoes.sources if self.echoes else []

    def title(self) -> str:
        """The quote's words, as this article has them."""
        mine = next((s for s in self.sources if s.quote_id == self.quote_id), None)
        return one_line(mine.text) if mine else "This quote is no longer in the library"

    def summary(self) -> str:
        """ "first reported by site.test · 2019-11-15 · Title — in 3 articles", or why it is alone."""
        echoes = self.echoes
        if echoes is None or not echoes.sources:
            return ""
        if not echoes.matched:
            return "Too short (or reported speech) to be matched across articles"
        if echoes.articles == 1:
            return "Found in no other article"
        first = echoes.sources[0]
        line = f"first reported by {where_line(first.date, first.site, first.title)} — in {echoes.articles} articles"
        return line if echoes.complete else line + f" · the earliest {len(echoes.sources)} listed"


def source_where(source: Source) -> str:
    """ "2019-11-15 · bbc.com · Title"."""
    return where_line(source.date, source.site, source.title)
