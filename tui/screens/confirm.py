"""Small modal dialogs: a yes/no confirmation, a question with several answers (deleting an
article: keep its notes or not) and a one-line prompt (e.g. a file path)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label
from textual.widgets.button import ButtonVariant


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismissed with True for yes. ``escape`` and ``n`` say no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirm-yes", variant="error")
                yield Button(f"{self.no_label} (n)", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; dismissed with it (stripped), or None when cancelled or empty."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Cancel"),
    ]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Content("enter to accept · escape to cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer of a ``ChoiceScreen``: what it returns (empty: the same as cancelling), its
    button's label, its key and look."""

    answer: str
    label: str
    key: str
    variant: ButtonVariant = "default"


class ChoiceScreen(ModalScreen[str | None]):
    """Ask a question with several answers, one button and one key each; dismissed with the
    chosen ``Choice.answer``, or None for ``escape`` (no). The last choice has the focus: put the
    safe one there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('')", "Cancel", id="choice.cancel", tooltip="Cancel"),
    ]

    def __init__(self, question: str, choices: Sequence[Choice]) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for n, choice in enumerate(self.choices):
                    yield Button(f"{choice.label} ({choice.key})", id=f"choice-{n}", variant=choice.variant)

    def on_mount(self) -> None:
        self.query(Button).last().focus()

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if event.character == choice.key:
                event.stop()
                self.dismiss(choice.answer or None)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.choices[int((event.button.id or "choice-0").rsplit("-", 1)[1])].answer or None)

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer or None)
