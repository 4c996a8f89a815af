"""A modal to pick one name (a speaker, an organisation) from a list with counts.

One picker for the reader and the library. Typing narrows the list: every typed word must appear,
in any case, in the entry's name or in one of its aliases. ``up``/``down`` move; ``enter`` chooses;
``escape`` cancels. The screen is dismissed with the chosen name or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..safe_text import one_line


@dataclass(slots=True)
class PickerEntry:
    """One entry: the name returned, its count, an optional detail, and other names it answers to."""

    name: str
    count: int
    detail: str | None = None
    aliases: tuple[str, ...] = ()

    def matches(self, query: str) -> bool:
        return any(matches(name, query) for name in (self.name, *self.aliases))


def matches(name: str, query: str) -> bool:
    folded = name.casefold()
    return all(word in folded for word in query.casefold().split())


class PickerScreen(ModalScreen[str | None]):
    """Choose one entry; ``count_label`` names what the counts count (e.g. "quote", "article")."""

    BINDINGS: list[BindingType] = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("enter", "choose", "Choose", id="picker.choose", priority=True),
        Binding("down", "move(1)", "Down", id="picker.down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", id="picker.up", show=False, priority=True),
    ]

    def __init__(self, title: str, entries: Iterable[PickerEntry], *, count_label: str = "quote") -> None:
        super().__init__()
        self.title_text = title
        self.entries: list[PickerEntry] = list(entries)
        self.count_label = count_label
        self.shown: list[PickerEntry] = list(self.entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Label(Content(self.title_text), id="picker-title")
            yield Input(placeholder="Type to narrow…", id="picker-input")
            yield OptionList(id="picker-list")
            yield Label(id="picker-count")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one("#picker-input", Input).focus()

    def _prompt(self, entry: PickerEntry) -> Content:
        unit = self.count_label if entry.count == 1 else f"{self.count_label}s"
        parts: list[str | tuple[str, str]] = [(one_line(entry.name), "bold"), f"  {entry.count} {unit}"]
        if entry.detail:
            parts.append((" · " + one_line(entry.detail), "italic"))
        return Content.assemble(*parts)

    def _refill(self, query: str) -> None:
        self.shown = [e for e in self.entries if e.matches(query)]
        options = self.query_one("#picker-list", OptionList)
        options.set_options(Option(self._prompt(e)) for e in self.shown)
        if self.shown:
            options.highlighted = 0
        self.query_one("#picker-count", Label).update(
            Content(f"{len(self.shown)} of {len(self.entries)} · enter chooses · escape cancels")
        )

    @on(Input.Changed, "#picker-input")
    def _narrow(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#picker-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index].name)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -step
        options.highlighted = min(max(current + step, 0), len(self.shown) - 1)

    def action_choose(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is None or not self.shown:
            self.app.bell()
            return
        self.dismiss(self.shown[options.highlighted].name)

    def action_cancel(self) -> None:
        self.dismiss(None)
