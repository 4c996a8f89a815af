"""Keys typed faster than focus moves: everything typed after ``/`` reaches the search box.

A terminal delivers a paste or fast typing in one read. Textual forwards every key of it to the
widget focused at that moment and runs the bindings as the keys bubble back up to the app, so in
``/quake`` the ``/`` binding asks for the search box to be focused while ``q``, ``u``… are already
on their way through the old focus, and would fire its bindings (``q`` quits).

``TypeAhead`` sits where every key ends up in order — the app's ``on_key``, which Textual runs
before its own binding check — and fixes two cases:

* after an action calls ``expect_typing(node)`` (it is about to focus a text box), the keys that
  follow are held until the box has focus, then put in it in order, as typed. Focus moves before
  its focus message is handled, so keys the terminal sent later can already be on their way to the
  box: the held keys are released as soon as the next key is dispatched (``before_key``, from the
  app's ``on_event``), straight into the box, so they stay ahead of it;
* a printable key that reaches the app while a text box has focus was typed for that box (a box
  consumes the printable keys typed into it; none bubble up), so it is handed to the box.

Replayed keys are posted to the app as the terminal's are, so they take the usual way: to the
focused widget, then the bindings. Nothing here is private Textual API (``events.Key``,
``post_message``, ``check_consume_key``, ``prevent_default``); it relies on Textual calling a
subclass's ``on_key`` before ``App._on_key`` and skipping the latter after ``prevent_default``
(checked against Textual 8.2.8; tests/test_tui_input_typing.py fails if that changes).
"""

from __future__ import annotations

from weakref import WeakSet

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

HOLD_TIMEOUT = 1.0
"""Seconds keys are held at most when the text box never takes focus; then they go where focus is."""


class TypeAhead:
    """Routes keys that were typed for a text box but reached the app through the old focus."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.held: list[events.Key] | None = None
        self._timer: Timer | None = None
        self._replayed: WeakSet[events.Key] = WeakSet()

    def hold(self) -> None:
        """Hold the keys that arrive from now until a text box has focus (or ``HOLD_TIMEOUT``)."""
        if self.held is None:
            self.held = []
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(HOLD_TIMEOUT, self.release)

    def on_key(self, event: events.Key) -> None:
        """Take ``event`` if it belongs to a text box rather than to the bindings."""
        if self.held is not None:
            self.held.append(event)  # replayed ones too: a replayed / may have asked for this hold
            self._take(event)
            return
        if event in self._replayed:
            return  # handed on once already: its own bindings apply now
        focused = self.app.focused
        if event.is_printable and focused is not None and focused.check_consume_key(event.key, event.character):
            self._take(event)
            self._replay(event)

    def focused(self, widget: Widget) -> None:
        """``widget`` took focus: if it is a text box, the held keys are its."""
        if self.held is not None and widget.check_consume_key("a", "a"):
            self.release()

    def before_key(self) -> None:
        """A key is about to be dispatched: if focus has already moved to a text box while keys are
        held (its focus message still queued), the held keys go in first, so they keep their order
        ahead of this one, which the box will receive directly."""
        focused = self.app.focused
        if self.held and focused is not None and focused.check_consume_key("a", "a"):
            self.release()

    def release(self) -> None:
        """Replay the held keys, in order, to whatever has focus now: printable ones straight into a
        text box (at once, so keys already on their way to it come after them), others as keys."""
        held, self.held = self.held or [], None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        from textual.widgets import TextArea  # not at start-up: it pulls in Textual's document model

        box = self.app.focused
        typed = False
        for event in held:
            if event.is_printable and event.character and isinstance(box, Input):
                box.insert_text_at_cursor(event.character)
                typed = True
            elif event.is_printable and event.character and isinstance(box, TextArea):
                box.insert(event.character)
            else:
                self._replay(event)
        if typed and isinstance(box, Input):
            # its focus message, still queued, selects all its text on arrival (select_on_focus);
            # the next key would replace what was typed: put the cursor back at the end after it
            box.call_later(_cursor_to_end, box)

    def _replay(self, event: events.Key) -> None:
        """Type ``event``'s key again, as the terminal would: it goes to the focused widget and,
        unless that consumes it, on to the bindings (posted to a widget instead, a key the widget
        does not consume would not reach the app's binding check: its sender is the app)."""
        key = events.Key(event.key, event.character)
        self._replayed.add(key)
        self.app.post_message(key)

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()  # the app's own handler (its binding check) does not run


def _cursor_to_end(box: Input) -> None:
    box.cursor_position = len(box.value)


def expect_typing(node: DOMNode) -> None:
    """Say that ``node``'s app is about to focus a text box: keys typed meanwhile are for the box.

    Call it from the action that opens the box (before focusing it). Apps without a ``typeahead``
    (tests of single widgets) ignore it.
    """
    typeahead = getattr(node.app, "typeahead", None)
    if isinstance(typeahead, TypeAhead):
        typeahead.hold()
