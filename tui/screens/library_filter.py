"""Choose a speaker or an organisation to narrow the library to: type to narrow, enter to choose.

(Kept apart from the reader's picker so the two can be merged later without a clash.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of the picker: the value returned, its counts, and other names it answers to."""

    value: str
    detail: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def matches(self, needle: str) -> bool:
        needle = needle.casefold()
        return needle in self.value.casefold() or any(needle in a.casefold() for a in self.aliases)


class LibraryFilterScreen(ModalScreen[str | None]):
    """A modal list of choices narrowed as you type; dismisses with the chosen value or None."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="filter.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="filter.previous"),
    ]

    def __init__(self, title: str, choices: list[Choice]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog"):
            yield Label(self.title_text, id="filter-title")
            yield Input(placeholder="Type to narrow…", id="filter-input")
            yield OptionList(id="filter-options")
            yield Label("", id="filter-count")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter-input", Input).focus()

    def _fill(self, needle: str) -> None:
        options = self.query_one("#filter-options", OptionList)
        self.shown = [c for c in self.choices if c.matches(needle)] if needle else list(self.choices)
        options.clear_options()
        options.add_options(
            Option(Text.assemble(c.value, ("  " + c.detail, "dim") if c.detail else ""), id=str(i))
            for i, c in enumerate(self.shown)
        )
        if self.shown:
            options.highlighted = 0
        self.query_one("#filter-count", Label).update(
            f"{len(self.shown)} of {len(self.choices)} · enter chooses · escape cancels"
        )

    @on(Input.Changed, "#filter-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#filter-input")
    def _submitted(self) -> None:
        index = self.query_one("#filter-options", OptionList).highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index].value)

    @on(OptionList.OptionSelected, "#filter-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index].value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#filter-options", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
