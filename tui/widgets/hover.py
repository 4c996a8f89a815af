"""Marking the row under the mouse, for the Line API lists (``ArticleTable``, ``ItemList``)."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class HoverRow(Widget):
    """Keeps ``_hover``, the row that ``_row_under(y)`` names under the mouse (or None), and repaints
    when it changes; the subclass draws that row in its hover style."""

    _hover: int | None = None

    def _row_under(self, y: int) -> int | None:
        raise NotImplementedError

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_under(event.y))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            self._hover = row
            self.refresh()
