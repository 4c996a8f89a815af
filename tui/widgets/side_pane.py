"""The reader's side pane: Quotes, Figures, People & orgs and Notes tabs.

Every list is an ``OptionList`` of ``Content`` prompts (never markup strings, so article text such
as ``[bold]`` stays literal). Moving the highlight or choosing an item posts ``ItemChosen`` with
the article range to show; the reader screen scrolls and marks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ...core.model import Figure, Quote, Speaker
from .article_view import one_line


@dataclass(slots=True)
class Item:
    """What a list entry points at in the article."""

    kind: str  # "quote" | "figure" | "entity" | "note"
    index: int
    start: int
    end: int
    ranges: tuple[tuple[int, int], ...] = ()


class ItemList(OptionList):
    """An OptionList with vim keys whose entries point into the article."""

    BINDINGS: list[BindingType] = [  # noqa: RUF012
        Binding("j", "cursor_down", "Down", show=False, id="reader.list_down"),
        Binding("k", "cursor_up", "Up", show=False, id="reader.list_up"),
        Binding("g", "first", "First", show=False, id="reader.list_first"),
        Binding("G", "last", "Last", show=False, id="reader.list_last"),
    ]

    class ItemChosen(Message):
        def __init__(self, item_list: ItemList, item: Item, *, activated: bool) -> None:
            self.item_list = item_list
            self.item = item
            self.activated = activated
            super().__init__()

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = []

    def set_items(self, entries: Iterable[tuple[Item, Content]]) -> None:
        highlighted = self.highlighted
        self.items = []
        options: list[Option | None] = []
        for item, prompt in entries:
            if self.items:
                options.append(None)  # a divider line between entries
            self.items.append(item)
            options.append(Option(prompt, id=f"{item.kind}-{item.index}"))
        self.set_options(options)
        if self.items and highlighted is not None:
            self.highlighted = min(highlighted, len(self.items) - 1)

    def highlight_item(self, kind: str, index: int) -> None:
        for i, item in enumerate(self.items):
            if item.kind == kind and item.index == index:
                with self.prevent(OptionList.OptionHighlighted):
                    self.highlighted = i
                return

    def _post_item(self, option_index: int, *, activated: bool) -> None:
        if 0 <= option_index < len(self.items):
            self.post_message(self.ItemChosen(self, self.items[option_index], activated=activated))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._post_item(event.option_index, activated=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._post_item(event.option_index, activated=True)


def speaker_line(name: str | None, speaker: Speaker | None) -> Content:
    parts: list[str | tuple[str, str]] = [(one_line(name) or "unattributed", "bold")]
    details = [one_line(d) for d in (speaker.role if speaker else None, speaker.organisation if speaker else None) if d]
    if details:
        parts.append((" — " + ", ".join(details), "italic"))
    return Content.assemble(*parts)


def quote_prompt(quote: Quote, speaker: Speaker | None) -> Content:
    return Content.assemble(speaker_line(quote.speaker, speaker), "\n", one_line(quote.text))


def format_value(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_prompt(figure: Figure, sentence: str) -> Content:
    unit = one_line(figure.unit)
    value = format_value(figure.value)
    if unit in {"$", "€", "£", "¥"}:
        head = f"{unit}{value}"
    elif unit == "%":
        head = f"{value}%"
    else:
        head = f"{value} {unit}".strip()
    parts: list[str | tuple[str, str]] = [(head, "bold")]
    if figure.object:
        parts.append(" " + one_line(figure.object))
    if figure.per:
        parts.append((" per " + one_line(figure.per), "bold"))
    if figure.date:
        parts.append(("  · " + one_line(figure.date), "italic"))
    parts.append("\n")
    parts.append((one_line(sentence), "dim"))
    return Content.assemble(*parts)


def entity_prompt(name: str, label: str, mentions: int, quotes: int) -> Content:
    parts: list[str | tuple[str, str]] = [(one_line(name), "bold"), f"  {label}", f"  {mentions}×"]
    if quotes:
        parts.append((f"  {quotes} quote{'s' if quotes != 1 else ''}", "italic"))
    return Content.assemble(*parts)


class QuotesList(ItemList):
    """The article's quotes in text order (only the filter's quotes while a filter is on)."""

    def show(self, quotes: Sequence[tuple[int, Quote]], speakers: dict[str, Speaker]) -> None:
        self.set_items(
            (Item("quote", i, q.start, q.end), quote_prompt(q, speakers.get(q.speaker or ""))) for i, q in quotes
        )


class FiguresList(ItemList):
    def show(self, figures: Sequence[tuple[int, Figure, tuple[int, int]]], text: str) -> None:
        self.set_items(
            (Item("figure", i, f.start, f.end, ((f.start, f.end),)), figure_prompt(f, text[s:e]))
            for i, f, (s, e) in figures
        )


class PeopleList(ItemList):
    """People and organisations with how often they are mentioned and quoted."""

    def show(self, rows: Sequence[tuple[str, str, tuple[tuple[int, int], ...], int]]) -> None:
        entries = []
        for i, (name, label, ranges, quotes) in enumerate(rows):
            start, end = ranges[0] if ranges else (0, 0)
            entries.append((Item("entity", i, start, end, ranges), entity_prompt(name, label, len(ranges), quotes)))
        self.set_items(entries)


class SidePane(Vertical):
    """Tabs beside the article."""

    def __init__(self, *, notes: Widget | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._notes_widget = notes

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="tab-quotes"):
            with TabPane("Quotes", id="tab-quotes"):
                yield QuotesList(id="quotes-list")
            with TabPane("Figures", id="tab-figures"):
                yield FiguresList(id="figures-list")
            with TabPane("People & orgs", id="tab-people"):
                yield PeopleList(id="people-list")
            if self._notes_widget is not None:
                with TabPane("Notes", id="tab-notes"):
                    yield self._notes_widget
