"""What the source desk's pages share: the palette's desk commands, going back, and no second
styling pass when the page first shows."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from ..commands import DeskCommands


class DeskScreen(Screen[None]):
    """A page of the source desk (a person's page, a figure group)."""

    COMMANDS = Screen.COMMANDS | {DeskCommands}

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. On the first resume every node was styled as it was
        # mounted, an instant ago: styling the whole page again would cost a good part of opening it.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def action_back(self) -> None:
        self.dismiss()
