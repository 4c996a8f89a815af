"""A scrolling list of entries that point into the article: the side pane's tabs and the notes lists.

A Line API widget (``LineView``) rather than ``OptionList``, which costs more than the article
itself to open the reader (component classes and a large default stylesheet to match per list,
prompts measured on first render so the scrollbar appears a frame later, every line rendered
through a ``Visual``): ``ItemList`` wraps its prompts once per width, during the layout that gives
it that width, and renders each visible line from the wrapped ``Content``.

A prompt's spans may name a component class (``".side-pane--heading"``) of the list or of a widget
above it, so its look is set in CSS. Entries are separated by a rule. Disabled entries (headings,
"no notes yet") are never highlighted.
Moving the highlight while the list has focus posts ``ItemChosen(activated=False)``; ``enter`` or a
click posts ``ItemChosen(activated=True)``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..text_layout import wrap_lines
from .hover import HoverRow
from .line_api import LineView


@dataclass(slots=True)
class Item:
    """What a list entry points at in the article."""

    kind: str  # "quote" | "figure" | "entity" | "note" | "orphan" | "heading"
    index: int
    start: int
    end: int
    ranges: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Entry:
    item: Item
    prompt: Content
    enabled: bool = True
    key: Hashable | None = None
    """Entries with a key keep their wrapped lines across ``set_entries`` calls (a filter on, then off)."""


class ItemList(HoverRow, LineView, can_focus=True):
    """Entries of ``Content`` prompts, one highlighted; see the module docstring."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="reader.list_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="reader.list_up"),
        Binding("g,home", "first", "First", show=False, id="reader.list_first"),
        Binding("G,end", "last", "Last", show=False, id="reader.list_last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="reader.list_page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="reader.list_page_up"),
        Binding("enter", "select", "Go to", show=False, id="reader.list_select"),
    ]
    COMPONENT_CLASSES = {  # noqa: RUF012
        "item-list--highlighted",
        "item-list--hover",
        "item-list--disabled",
        "item-list--separator",
    }
    DEFAULT_CSS = """
    ItemList {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        background: $surface;
        color: $foreground;
        & > .item-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .item-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .item-list--hover { background: $block-hover-background; }
        & > .item-list--disabled { color: $text-disabled; }
        & > .item-list--separator { color: $foreground 15%; }
    }
    """

    highlighted: reactive[int | None] = reactive(None, init=False)
    padding_x: int = 1
    """Blank cells left and right of each prompt."""

    class ItemChosen(Message):
        def __init__(self, item_list: ItemList, item: Item, *, activated: bool) -> None:
            self.item_list = item_list
            self.item = item
            self.activated = activated
            super().__init__()

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = []
        self.items: list[Item] = []
        self._width = -1
        self._lines: list[tuple[int, int]] = []  # (entry index, line in entry); entry -1 is a rule
        self._first_line: list[int] = []
        self._wrapped: list[list[tuple[int, int]]] = []  # per entry: its lines as prompt offsets
        self._wrap_cache: dict[Hashable, tuple[int, list[tuple[int, int]]]] = {}
        self._prompt_cache: dict[Hashable, Content] = {}
        self._strips: dict[tuple[int, int, str], Strip] = {}
        self._quiet = False

    # -- entries ----------------------------------------------------------------------------------
    def set_entries(self, entries: Iterable[Entry]) -> None:
        """Replace the entries, keeping the highlight's position (clamped) if there was one."""
        highlighted = self.highlighted
        self.entries = list(entries)
        self.items = [e.item for e in self.entries]
        self._relayout()
        with self._silence():
            if highlighted is None or not self.entries:
                self.highlighted = None
            else:
                self.highlighted = self._enabled_near(min(highlighted, len(self.entries) - 1))
        self.refresh()

    def set_items(self, entries: Iterable[tuple[Item, Content]]) -> None:
        self.set_entries(Entry(item, prompt) for item, prompt in entries)

    def set_cached_items(self, entries: Iterable[tuple[Item, Hashable]], prompt: Callable[[Item], Content]) -> None:
        """Like ``set_items``, but each key's prompt is made and wrapped once and then reused."""
        cache = self._prompt_cache
        chosen = []
        for item, key in entries:
            content = cache.get(key)
            if content is None:
                content = cache[key] = prompt(item)
            chosen.append(Entry(item, content, key=key))
        self.set_entries(chosen)

    @property
    def highlighted_item(self) -> Item | None:
        """What the highlighted entry points at, or None when nothing is highlighted."""
        return self.items[self.highlighted] if self.highlighted is not None else None

    def highlight_item(self, kind: str, index: int) -> None:
        """Highlight the entry for (kind, index) without posting ``ItemChosen``."""
        for i, item in enumerate(self.items):
            if item.kind == kind and item.index == index:
                with self._silence():
                    self.highlighted = i
                return

    def highlight_first(self) -> None:
        """Highlight the first enabled entry when none is, without posting ``ItemChosen``: the keys
        that act on the highlighted entry (enter, e, d) then work before any arrow key."""
        if self.highlighted is None and self.entries:
            with self._silence():
                self.highlighted = self._enabled_near(0)

    @contextmanager
    def _silence(self) -> Iterator[None]:
        """Highlight changes made inside post no ``ItemChosen`` (the screen made them itself)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _enabled_near(self, index: int) -> int | None:
        for i in [*range(index, len(self.entries)), *range(index - 1, -1, -1)]:
            if self.entries[i].enabled:
                return i
        return None

    # -- layout -----------------------------------------------------------------------------------
    def fit_to_size(self) -> None:
        """Re-wrap the prompts when the width changed."""
        if self.scrollable_content_region.width != self._width:
            self._relayout()

    def _relayout(self) -> None:
        self._lines = []
        self._first_line = []
        self._wrapped = []
        self._strips.clear()
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: the layout that sizes the list wraps it
            self._width = -1
            return
        self._width = width
        inner = max(1, width - 2 * self.padding_x)
        for index, entry in enumerate(self.entries):
            if index:
                self._lines.append((-1, 0))
            cached = self._wrap_cache.get(entry.key) if entry.key is not None else None
            if cached is not None and cached[0] == inner:
                lines = cached[1]
            else:
                # offsets from the article's fast word wrap; a line's Content is sliced when drawn
                lines = wrap_lines(entry.prompt.plain, 0, inner) or [(0, 0)]
                if entry.key is not None:
                    self._wrap_cache[entry.key] = (inner, lines)
            self._first_line.append(len(self._lines))
            self._wrapped.append(lines)
            self._lines.extend((index, n) for n in range(len(lines)))
        self.set_virtual_size(Size(width, len(self._lines)))
        self.refresh()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    # -- rendering --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, self.visual_style.rich_style)
        entry, line = self._lines[index]
        if entry < 0:
            state = "separator"
        elif not self.entries[entry].enabled:
            state = "disabled"
        elif entry == self.highlighted:
            state = "highlighted"
        else:
            state = "hover" if entry == self._hover else ""
        key = (entry, line, state)
        strip = self._strips.get(key)
        if strip is None:
            style = self.get_visual_style(f"item-list--{state}") if state else self.visual_style
            rich_style = style.rich_style
            if entry < 0:
                strip = Strip([Segment("─" * width, rich_style)], width)
            else:
                pad = Segment(" " * self.padding_x, rich_style)
                start, end = self._wrapped[entry][line]
                # styles named ".component-class" in a prompt are looked up on the list and its parents
                content = self.entries[entry].prompt[start:end]
                segments = [pad]
                segments += [
                    Segment(text, part.rich_style)
                    for text, part in content.render(style, end="", parse_style=self._get_style)
                ]
                strip = Strip(segments).crop_extend(0, width, rich_style)
            self._strips[key] = strip
        return strip

    # -- highlight and keys -----------------------------------------------------------------------
    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.entries:
            return None
        return min(max(value, 0), len(self.entries) - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self.refresh()
        if new is None:
            return
        self._scroll_into_view(new)
        if not self._quiet and self.has_focus:
            self._post(new, activated=False)

    def _scroll_into_view(self, entry: int) -> None:
        if entry >= len(self._first_line):
            return
        first = self._first_line[entry]
        last = first + len(self._wrapped[entry]) - 1
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if first < top or height <= 0:
            self.scroll_to(y=first, animate=False)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False)

    def _step(self, start: int, step: int) -> int | None:
        i = start
        while 0 <= i < len(self.entries):
            if self.entries[i].enabled:
                return i
            i += step
        return None

    def action_cursor_down(self) -> None:
        start = 0 if self.highlighted is None else self.highlighted + 1
        target = self._step(start, 1)
        if target is not None:
            self.highlighted = target

    def action_cursor_up(self) -> None:
        start = len(self.entries) - 1 if self.highlighted is None else self.highlighted - 1
        target = self._step(start, -1)
        if target is not None:
            self.highlighted = target

    def action_first(self) -> None:
        target = self._step(0, 1)
        if target is not None:
            self.highlighted = target

    def action_last(self) -> None:
        target = self._step(len(self.entries) - 1, -1)
        if target is not None:
            self.highlighted = target

    def action_page(self, direction: int) -> None:
        if not self.entries or not self._first_line:
            return
        current = self.highlighted if self.highlighted is not None else 0
        goal = self._first_line[current] + direction * max(1, self.scrollable_content_region.height - 1)
        target = current
        for i in range(current, len(self.entries)) if direction > 0 else range(current, -1, -1):
            if (self._first_line[i] <= goal) if direction > 0 else (self._first_line[i] >= goal):
                target = i
            else:
                break
        found = self._step(target, direction)
        if found is None:
            found = self._step(target, -direction)
        if found is not None:
            self.highlighted = found

    def action_select(self) -> None:
        if self.highlighted is not None and self.entries[self.highlighted].enabled:
            self._post(self.highlighted, activated=True)

    def _entry_at(self, y: int) -> int | None:
        """The enabled entry drawn on line ``y`` of the view (None for a rule or a heading)."""
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return None
        entry = self._lines[index][0]
        return entry if entry >= 0 and self.entries[entry].enabled else None

    def _row_under(self, y: int) -> int | None:
        return self._entry_at(y)

    def on_click(self, event: events.Click) -> None:
        entry = self._entry_at(event.y)
        if entry is None:
            return
        event.stop()
        with self._silence():
            self.highlighted = entry
        self._post(entry, activated=True)

    def _post(self, index: int, *, activated: bool) -> None:
        """Post ``ItemChosen`` for entry ``index``; subclasses narrow which entries may post."""
        if 0 <= index < len(self.items):
            self.post_message(self.ItemChosen(self, self.items[index], activated=activated))
