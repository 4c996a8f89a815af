"""A modal to pick one name (a speaker, an organisation) from a list with counts.

One picker for the reader and the library. Typing narrows the list: every typed word must appear,
in any case, in the entry's name or in one of its aliases. ``up``/``down`` move; ``enter`` chooses;
``escape`` cancels. The screen is dismissed with the chosen name or ``None``.

Entries with a ``group`` (speakers: "People", "Organisations", "Anonymous sources"…) are shown under
a heading per group, in the order the groups first appear, with the group's total count; headings
are disabled options that the highlight skips.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

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
    """One entry: the name returned, its count, an optional detail, other names it answers to, the
    group it is listed under, and (for speakers) its reported statements."""

    name: str
    count: int
    detail: str | None = None
    aliases: tuple[str, ...] = ()
    group: str | None = None
    reported: int = 0  # reported statements, counted apart from ``count`` (quotes)

    def matches(self, query: str) -> bool:
        return any(matches(name, query) for name in (self.name, *self.aliases))


def matches(name: str, query: str) -> bool:
    folded = name.casefold()
    return all(word in folded for word in query.casefold().split())


class PickerScreen(ModalScreen[str | None]):
    """Choose one entry; ``count_label`` names what the counts count (e.g. "quote", "article")."""

    BINDINGS: ClassVar[list[BindingType]] = [
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
        self._option_entries: list[int | None] = []  # per option: its index in ``shown``, None for a heading

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Label(Content(self.title_text), id="picker-title")
            yield Input(placeholder="Type to narrow…", id="picker-input")
            yield OptionList(id="picker-list")
            yield Label(id="picker-count")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one("#picker-input", Input).focus()

    def _unit(self, count: int) -> str:
        return self.count_label if count == 1 else f"{self.count_label}s"

    def _prompt(self, entry: PickerEntry) -> Content:
        parts: list[str | tuple[str, str]] = [
            (one_line(entry.name), "bold"),
            f"  {self._count(entry.count, entry.reported)}",
        ]
        if entry.detail:
            parts.append((" · " + one_line(entry.detail), "italic"))
        return Content.assemble(*parts)

    def _count(self, count: int, reported: int) -> str:
        """ "4 quotes", or with reported statements "4 quotes, 2 reported"."""
        if reported and not count:
            return f"{reported} reported"
        text = f"{count} {self._unit(count)}"
        return f"{text}, {reported} reported" if reported else text

    def _heading(self, group: str, members: list[PickerEntry]) -> Content:
        total = self._count(sum(e.count for e in members), sum(e.reported for e in members))
        return Content.assemble((one_line(group), "bold"), f" · {total}")

    def _refill(self, query: str) -> None:
        matching = [e for e in self.entries if e.matches(query)]
        groups: dict[str | None, list[PickerEntry]] = {}
        for entry in matching:
            groups.setdefault(entry.group, []).append(entry)
        self.shown = [e for members in groups.values() for e in members]
        options: list[Option] = []
        self._option_entries = []
        shown = 0
        for group, members in groups.items():
            if group is not None:
                options.append(Option(self._heading(group, members), disabled=True))
                self._option_entries.append(None)
            for entry in members:
                options.append(Option(self._prompt(entry)))
                self._option_entries.append(shown)
                shown += 1
        option_list = self.query_one("#picker-list", OptionList)
        option_list.set_options(options)
        if self.shown:
            option_list.highlighted = self._option_entries.index(0)
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

    def _entry_at(self, option: int | None) -> PickerEntry | None:
        if option is None or not 0 <= option < len(self._option_entries):
            return None
        index = self._option_entries[option]
        return None if index is None else self.shown[index]

    @on(OptionList.OptionSelected, "#picker-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entry_at(event.option_index)
        if entry is not None:
            self.dismiss(entry.name)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -step
        target = current + step
        while 0 <= target < len(self._option_entries) and self._option_entries[target] is None:
            target += step  # over a heading
        if 0 <= target < len(self._option_entries):
            options.highlighted = target
        elif step < 0:
            options.scroll_to(y=0, animate=False)  # the first entry's heading into view

    def action_choose(self) -> None:
        entry = self._entry_at(self.query_one("#picker-list", OptionList).highlighted)
        if entry is None:
            self.app.bell()
            return
        self.dismiss(entry.name)

    def action_cancel(self) -> None:
        self.dismiss(None)
