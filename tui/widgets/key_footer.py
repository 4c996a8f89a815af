"""A one-widget key footer: the screen's shown bindings drawn as one line of text.

Textual's ``Footer`` mounts one ``FooterKey`` widget per binding and recomposes (removes and
re-mounts them all, then lays out the screen again) every time the bindings are refreshed: on every
focus change, screen resume and ``refresh_bindings`` call, several times while the reader opens.
``KeyFooter`` looks the same (key, description, the command palette key docked right) but is a
single widget whose size never changes, so a change of bindings only repaints one line. Clicking a
key presses it (a disabled one rings the bell) and the key under the mouse shows its tooltip.

When the keys do not all fit, whole keys give way (never a key cut to "? H"), least important first:
the focused widget's keys (moving about, obvious from the arrows) before the screen's (what can be
done here), and the app's (``?`` for help) never; the keys that stay keep their places.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class _Key:
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    rank: int = 0  # 0 the app's keys, 1 the screen's, 2 a widget's: the higher gives way first


class KeyFooter(Widget, can_focus=False):
    """Drop-in for ``Footer()`` on screens that do not use binding groups."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {  # noqa: RUF012
        "key-footer--key",
        "key-footer--description",
        "key-footer--divider",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--divider {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, show_command_palette: bool = True) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._keys: tuple[_Key, ...] = ()
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []
        self._strip: Strip | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._collect()

    def _collect(self) -> bool:
        """Read the screen's active bindings; True when what the footer shows changed."""
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING
        keys: list[_Key] = []
        actions: set[str] = set()
        palette: _Key | None = None
        screen = self.screen
        for key, (node, binding, enabled, tooltip) in screen.active_bindings.items():
            rank = 0 if node is app else 1 if node is screen else 2
            entry = _Key(key, app.get_key_display(binding), binding.description, enabled, tooltip, rank)
            if key == palette_key:
                palette = entry
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)  # one key per action, as Footer shows
                keys.append(entry)
        if not (self.show_command_palette and app.ENABLE_COMMAND_PALETTE):
            palette = None
        shown = (tuple(keys), palette)
        if shown == (self._keys, self._palette):
            return False
        self._keys, self._palette = shown
        return True

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and self._collect():
            self._strip = None
            self.refresh()

    def notify_style_update(self) -> None:
        self._strip = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        # Segments straight into a Strip: a Text through Textual's visual pipeline cost more than
        # the rest of the footer's work on every repaint.
        width = self.size.width
        if self._strip is not None and self._strip.cell_length == width:
            return self._strip
        base = self.visual_style.rich_style
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        dim = Style(dim=True)
        tail: list[Segment] = []
        if self._palette is not None:
            p = self._palette
            extra = dim if not p.enabled else Style()
            tail = [
                Segment("▏", self.get_component_rich_style("key-footer--divider")),
                Segment(p.display, key_style + extra),
                Segment(f" {p.description}", text_style + extra),
            ]
        room = max(0, width - sum(cell_len(s.text) for s in tail))
        segments: list[Segment] = []
        spans: list[tuple[int, int, _Key]] = []
        x = 0
        for k in self._fitting(room):  # compact, as Footer(compact=True): " key description" per key
            extra = dim if not k.enabled else Style()
            parts = [Segment(f" {k.display}", key_style + extra)]
            if k.description:
                parts.append(Segment(f" {k.description}", text_style + extra))
            cells = sum(cell_len(s.text) for s in parts)
            segments += parts
            spans.append((x, x + cells, k))
            x += cells
        line = Strip(segments).crop_extend(0, room, base)
        if self._palette is not None:
            spans.append((room, width, self._palette))
        self._spans = spans
        self._strip = Strip.join([line, Strip(tail)]).crop_extend(0, width, base)
        return self._strip

    @staticmethod
    def _cells(key: _Key) -> int:
        return 1 + cell_len(key.display) + (1 + cell_len(key.description) if key.description else 0)

    def _fitting(self, room: int) -> list[_Key]:
        """The keys shown in ``room`` cells, in their order: the most important that fit whole."""
        by_importance = sorted(range(len(self._keys)), key=lambda i: (self._keys[i].rank, i))
        chosen: set[int] = set()
        used = 0
        for i in by_importance:
            cells = self._cells(self._keys[i])
            if used + cells <= room or not chosen:
                chosen.add(i)
                used += cells
        return [k for i, k in enumerate(self._keys) if i in chosen]

    def _key_at(self, x: int) -> _Key | None:
        return next((k for start, end, k in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        tooltip = (key.tooltip or key.description) if key else None
        if tooltip != self.tooltip:
            self.tooltip = tooltip
