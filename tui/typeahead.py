"""Keys typed faster than focus moves: everything typed after ``/`` reaches the search box.

A terminal delivers a paste or fast typing in one read. Textual forwards every key of it to the
widget focused at that moment and runs the bindings as the keys bubble back up to the app, so in
``/quake`` the ``/`` binding asks for the search box to be focused while ``q``, ``u``… are already
on their way through the old focus, and would fire its bindings (``q`` quits).

``TypeAhead`` sits where every key ends up in order — the app's ``on_key``, which Textual runs
before its own binding check — and fixes two cases:

* after an action calls ``expect_typing(node)`` (it is about to focus a text box), the keys that
  follow are held until the box has focus (``focused``), then replayed to it in order, as typed;
* a printable key that reaches the app while a text box has focus was typed for that box (a box
  consumes the printable keys typed into it; none bubble up), so it is handed to the box.

Nothing here is private Textual API: ``events.Key``, ``post_message``, ``check_consume_key`` and
``prevent_default`` are public.
"""

from __future__ import annotations

from weakref import WeakSet

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widget import Widget

HOLD_TIMEOUT = 1.0
"""Seconds keys are held at most when the text box never takes focus; then they go where focus is."""


class TypeAhead:
    """Routes keys that were typed for a text box but reached the app through the old focus."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.held: list[events.Key] | None = None
        self._timer: Timer | None = None
        self._replayed: WeakSet[events.Key] = WeakSet()

    @property
    def holding(self) -> bool:
        return self.held is not None

    def hold(self) -> None:
        """Hold the keys that arrive from now until a text box has focus (or ``HOLD_TIMEOUT``)."""
        if self.held is None:
            self.held = []
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(HOLD_TIMEOUT, self.release)

    def on_key(self, event: events.Key) -> None:
        """Take ``event`` if it belongs to a text box rather than to the bindings."""
        if event in self._replayed:
            return  # replayed once already: its own bindings apply now
        if self.held is not None:
            self.held.append(event)
            self._take(event)
            return
        focused = self.app.focused
        if event.is_printable and focused is not None and focused.check_consume_key(event.key, event.character):
            self._take(event)
            self._send(focused, event)

    def focused(self, widget: Widget) -> None:
        """``widget`` took focus: if it is a text box, the held keys are its."""
        if self.held is not None and widget.check_consume_key("a", "a"):
            self.release()

    def release(self) -> None:
        """Replay the held keys, in order, to whatever has focus now."""
        held, self.held = self.held or [], None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        target = self.app.focused or self.app.screen
        for event in held:
            self._send(target, event)

    def _send(self, target: Widget, event: events.Key) -> None:
        key = events.Key(event.key, event.character)
        self._replayed.add(key)
        target.post_message(key)

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()  # the app's own handler (its binding check) does not run


def expect_typing(node: DOMNode) -> None:
    """Say that ``node``'s app is about to focus a text box: keys typed meanwhile are for the box.

    Call it from the action that opens the box (before focusing it). Apps without a ``typeahead``
    (tests of single widgets) ignore it.
    """
    typeahead = getattr(node.app, "typeahead", None)
    if isinstance(typeahead, TypeAhead):
        typeahead.hold()
