"""What the reader shows for an article it cannot show: one line saying why, and ``q`` to go back.

``ReaderScreen`` gives its place to this screen when the library has no analysis of the article or
cannot read it (a damaged library), so the reader itself always has an article.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.key_footer import KeyFooter
from .header import StatusLine


class MissingArticleScreen(Screen[None]):
    """``why`` the article cannot be shown, and ``status``, the one-line summary under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Clear/back", id="reader.escape", tooltip="Back to the library"),
        Binding("q", "back", "Back", id="reader.back", tooltip="Back to the library"),
    ]

    def __init__(self, why: str, status: str) -> None:
        super().__init__()
        self.why = why
        self.status = status

    def compose(self) -> ComposeResult:
        yield Static(Content(self.why), id="reader-missing")
        yield StatusLine(id="reader-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(StatusLine).update(Content(f"{self.status} — press q to go back"))

    def action_back(self) -> None:
        self.dismiss()
