"""The frames an app paints, as text: the one place the tests use Textual's private API.

Under Pilot the app is headless, so nothing is written to a terminal, and no public API hands out
the frames painted: ``App.export_screenshot`` renders the screen as it is when called, not as it was
first painted. Textual paints a screen by calling ``App._display(screen, renderable)``; a full frame
is a ``textual._compositor.LayoutUpdate`` whose ``strips`` are the screen's lines. ``KeepsFirstFrame``
overrides ``_display`` to keep the first one. Checked against Textual ``TEXTUAL_CHECKED``;
``tests/test_tui_widgets.py`` fails when Textual changes either.
"""

from __future__ import annotations

from typing import Any

from textual._compositor import LayoutUpdate

TEXTUAL_CHECKED = "8.2.8"
"""The Textual version ``App._display`` and ``LayoutUpdate`` were read in and tested against."""


def frame_text(renderable: object) -> str | None:
    """The text of a full frame (a ``LayoutUpdate``), its lines joined by newlines; None for
    anything else Textual displays (a partial update, a cursor move)."""
    if not isinstance(renderable, LayoutUpdate):
        return None
    return "\n".join("".join(segment.text for strip in line for segment in strip) for line in renderable.strips)


class KeepsFirstFrame:
    """A mixin for an ``App`` (listed before it): ``first_frame`` is the text of the first full frame
    painted for the screen on top at the time."""

    first_frame: str | None = None
    screen: Any

    def _display(self, screen: Any, renderable: Any) -> None:
        if self.first_frame is None and screen is self.screen:
            self.first_frame = frame_text(renderable)
        super()._display(screen, renderable)  # type: ignore[misc]
