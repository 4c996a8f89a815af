"""Who said a quote: the picker of the article's speakers, or any name typed (a correction).

``SpeakerPickerScreen(entries)`` is the reader's speaker picker (``PickerScreen``) with one rule
more: ``enter`` with no entry left to choose (the name typed is nobody the article quotes) chooses
the typed name itself. The screen is dismissed with the name, or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import Input, OptionList

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
