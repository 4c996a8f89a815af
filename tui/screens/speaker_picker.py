"""Who said a quote: the picker of the article's speakers, or any name typed (a correction).

``SpeakerPickerScreen(entries)`` is the reader's speaker picker (``PickerScreen``) with one rule
more: ``enter`` with no entry left to choose (the name typed is nobody the article quotes) chooses
the typed name itself. The screen is dismissed with the name, or ``None``.

``SpeakerDetailsScreen(name, role, organisation)`` edits a speaker's role and organisation in the
article: two text boxes, ``enter`` in the first goes to the second, in the second accepts (an
empty box: none); dismissed with ``(role, organisation)``, or ``None`` on ``escape``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from .picker import PickerEntry, PickerScreen


class SpeakerPickerScreen(PickerScreen):
    """The article's speakers, or a name typed; see the module docstring."""

    def __init__(self, entries: Iterable[PickerEntry]) -> None:
        super().__init__("Who said it? (a name not listed: type it, enter)", entries)

    def action_choose(self) -> None:
        typed = " ".join(self.query_one("#picker-input", Input).value.split())
        if typed and self._entry_at(self.query_one("#picker-list", OptionList).highlighted) is None:
            self.dismiss(typed)
            return
        super().action_choose()


class SpeakerDetailsScreen(ModalScreen[tuple[str | None, str | None] | None]):
    """A speaker's role and organisation in the article; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="speaker_details.cancel", tooltip="Cancel"),
    ]

    def __init__(self, name: str, role: str | None, organisation: str | None) -> None:
        super().__init__()
        self.speaker = name
        self.role = role or ""
        self.organisation = organisation or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(f"{self.speaker}: role and organisation"), classes="dialog-question")
            yield Input(self.role, placeholder="role (empty: none)", id="details-role")
            yield Input(self.organisation, placeholder="organisation (empty: none)", id="details-organisation")
            yield Label(Content("enter to accept · escape to cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#details-role", Input).focus()

    @on(Input.Submitted, "#details-role")
    def _role_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#details-organisation", Input).focus()

    @on(Input.Submitted, "#details-organisation")
    def _organisation_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        role = self.query_one("#details-role", Input).value.strip() or None
        self.dismiss((role, event.value.strip() or None))

    def action_cancel(self) -> None:
        self.dismiss(None)
