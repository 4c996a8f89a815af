"""The article body: a Line API widget that wraps the text once per width and styles lines lazily.

The text is never parsed as markup or ANSI: every character is copied into a ``Segment`` after
control characters are swapped for harmless look-alikes one for one (so character offsets still
match the stored analysis). Highlighting is a set of sorted, non-overlapping span *layers*
(entities, quotes, marks, search matches, notes, cursor, selection); changing a filter replaces a
layer and clears the small cache of rendered lines, so only the visible lines are restyled.

The module is longer than most because the widget is one piece: its keys, drawing, reading cursor
and selections all work on the same wrapped lines and layers. What needs no widget (wrapping,
sentences, layers) is in ``newsread.tui.text_layout``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip

from ..safe_text import neutralise
from ..sentences import sentence_spans
from ..text_layout import Layer, word_spans, wrap_lines
from .line_api import LineView

# Layers drawn from bottom to top; later layers win where their styles set the same attribute.
LAYER_ORDER = ("entities", "reported", "quotes", "marks", "notes", "focus", "cursor", "matches", "selection")


class ArticleView(LineView, can_focus=True):
    """The scrolling article text with its highlights, cursor and selection."""

    ALLOW_SELECT = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Down", id="reader.scroll_down", tooltip="Scroll down a line"),
        Binding("k,up", "scroll_lines(-1)", "Up", id="reader.scroll_up", tooltip="Scroll up a line"),
        Binding("g,home", "top", "Top", id="reader.top", show=False, tooltip="Go to the top"),
        Binding("G,end", "bottom", "Bottom", id="reader.bottom", show=False, tooltip="Go to the bottom"),
        Binding("space,pagedown", "page(1)", "Page", id="reader.page_down", tooltip="Scroll down a page"),
        Binding("pageup", "page(-1)", "Page up", id="reader.page_up", show=False, tooltip="Scroll up a page"),
        Binding(
            "right_square_bracket",
            "next_quote(1)",
            "Next quote",
            key_display="]",
            id="reader.next_quote",
            tooltip="Mark the next quote (of the filter, if one is on)",
        ),
        Binding(
            "left_square_bracket",
            "next_quote(-1)",
            "Prev quote",
            key_display="[",
            id="reader.prev_quote",
            tooltip="Mark the previous quote",
        ),
        Binding("n", "next_match(1)", "Next match", id="reader.next_match", show=False, tooltip="Next search match"),
        Binding("N", "next_match(-1)", "Prev match", id="reader.prev_match", show=False, tooltip="Previous match"),
        Binding(
            "right_parenthesis",
            "move_sentence(1)",
            "Sentence",
            key_display=")",
            id="reader.next_sentence",
            tooltip="Move the cursor to the next sentence (extends a selection)",
        ),
        Binding(
            "left_parenthesis",
            "move_sentence(-1)",
            "Prev sentence",
            key_display="(",
            id="reader.prev_sentence",
            show=False,
            tooltip="Move the cursor to the previous sentence",
        ),
        Binding("w", "move_word(1)", "Next word", id="reader.next_word", show=False, tooltip="Cursor to next word"),
        Binding("b", "move_word(-1)", "Prev word", id="reader.prev_word", show=False, tooltip="Cursor to prev word"),
        Binding("v", "toggle_select", "Select", id="reader.select", tooltip="Start or stop selecting from the cursor"),
        Binding("e", "toggle_entities", "Entities", id="reader.entities", tooltip="Entity highlighting on or off"),
        Binding(
            "Q",
            "add_quote",
            "Add quote",
            id="reader.add_quote",
            show=False,
            tooltip="Add the selection as a quote the analysis missed (pick who said it)",
        ),
        Binding("ctrl+c", "copy", "Copy", id="reader.copy", show=False, tooltip="Copy the selected text"),
        Binding(
            "y",
            "copy_quote",
            "Copy quote",
            id="reader.copy_quote",
            show=False,
            tooltip="Copy the quote at the cursor, with its source",
        ),
    ]

    COMPONENT_CLASSES = {  # noqa: RUF012
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--group",
        "article-view--date",
        "article-view--number",
        "article-view--other",
        "article-view--quote",
        "article-view--quote-on",
        "article-view--quote-dim",
        "article-view--reported",
        "article-view--reported-on",
        "article-view--reported-dim",
        "article-view--mark",
        "article-view--focus",
        "article-view--note",
        "article-view--highlight",
        "article-view--orphan",
        "article-view--cursor",
        "article-view--match",
        "article-view--match-current",
        "article-view--selection",
    }

    DEFAULT_CSS = """
    ArticleView { overflow-y: scroll; overflow-x: hidden; }
    """

    show_entities: reactive[bool] = reactive(True)
    max_width: int = 100
    """Lines wrap at the narrower of the view and this many cells, for comfortable reading."""

    class QuoteClicked(Message):
        """A quote in the article was clicked."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class NextQuote(Message):
        """``]``/``[`` was pressed; the screen decides which quote is next (filters apply)."""

        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    class NextMatch(Message):
        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    class CopyQuote(Message):
        """``y`` was pressed: the screen, which knows speakers and sources, copies the quote at
        ``offset`` (the cursor) with its attribution."""

        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    class AddQuote(Message):
        """``Q`` was pressed on a selection: the screen, which knows the speakers, asks who said the
        words from ``start`` to ``end`` and keeps them as an added quote (a correction)."""

        def __init__(self, start: int, end: int) -> None:
            self.start = start
            self.end = end
            super().__init__()

    class CursorMoved(Message):
        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    def __init__(
        self,
        text: str,
        *,
        body_start: int = 0,
        sentences: Sequence[tuple[int, int]] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.source_text = text
        self.display_text = neutralise(text)
        self.body_start = body_start
        # The sentences the cursor moves by and notes take: the reader passes the analyser's
        # (``ArticleData.sentences``); without them, ``sentence_spans``' guess after ``body_start``.
        self.sentences = (
            list(sentences) if sentences is not None else [s for s in sentence_spans(text) if s[1] > body_start]
        )
        self._sentence_starts = [s for s, _ in self.sentences]
        self._word_spans: tuple[list[tuple[int, int]], list[int]] | None = None  # made on first use
        self._layers: dict[str, Layer] = {name: Layer.empty() for name in LAYER_ORDER}
        self._quote_layer = Layer.empty()
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = -1
        self._strip_cache: dict[int, Strip] = {}
        self._key_styles: dict[str, Style] | None = None
        self.cursor = self.sentences[0][0] if self.sentences else body_start
        self.select_anchor: int | None = None
        self._cursor_visible = False

    # -- data -------------------------------------------------------------------------------------
    def set_layer(self, name: str, spans: Iterable[tuple[int, int, str]]) -> None:
        """Replace one highlight layer (see ``LAYER_ORDER``); keys name component classes."""
        layer = Layer.build(spans)
        self._layers[name] = layer
        if name == "quotes":
            self._quote_layer = layer
        self._invalidate()

    def get_layer(self, name: str) -> Layer:
        return self._layers[name]

    def quote_at(self, offset: int) -> int | None:
        """Index (in quote-layer order) of the quote holding ``offset``."""
        return self._quote_layer.at(offset)

    def _invalidate(self) -> None:
        self._strip_cache.clear()
        self.refresh()

    def watch_show_entities(self) -> None:
        self._invalidate()

    def notify_style_update(self) -> None:
        self._key_styles = None
        self._strip_cache.clear()
        super().notify_style_update()

    def _style_for(self, key: str) -> Style:
        if self._key_styles is None:
            self._key_styles = {}
        style = self._key_styles.get(key)
        if style is None:
            style = self.get_component_rich_style(f"article-view--{key}", partial=True, default=Style.null())
            self._key_styles[key] = style
        return style

    # -- layout -----------------------------------------------------------------------------------
    @property
    def wrap_width(self) -> int:
        return max(8, min(self.scrollable_content_region.width, self.max_width))

    def _rewrap(self) -> None:
        width = self.wrap_width
        if width == self._wrap_width and self._lines:
            return
        self._wrap_width = width
        self._lines = wrap_lines(self.display_text, self.body_start, width)
        self._line_starts = [s for s, _ in self._lines]
        self._strip_cache.clear()
        self.set_virtual_size(Size(width, len(self._lines)))
        self.refresh()

    def fit_to_size(self) -> None:
        """Re-wrap when the width changed, keeping the line at the top of the view in view."""
        if self.wrap_width != self._wrap_width:
            offset = self._lines[min(round(self.scroll_y), len(self._lines) - 1)][0] if self._lines else None
            self._rewrap()
            if offset is not None:
                self.scroll_to(y=self.line_of(offset), animate=False)

    def on_mount(self) -> None:
        if self.scrollable_content_region.width > 0:  # else the first layout wraps it, once
            self._rewrap()

    @property
    def lines(self) -> Sequence[tuple[int, int]]:
        if not self._lines:
            self._rewrap()
        return self._lines

    def line_of(self, offset: int) -> int:
        """Screen line (in the whole wrapped text) that shows character ``offset``."""
        if not self._lines:
            self._rewrap()
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def offset_at(self, x: int, y: int) -> int:
        """Character offset under a content-relative cell (x, y)."""
        line_index = y + round(self.scroll_y)
        if not self._lines:
            return self.body_start
        line_index = min(max(line_index, 0), len(self._lines) - 1)
        start, end = self._lines[line_index]
        cells = 0
        for i in range(start, end):
            cells += cell_len(self.display_text[i])
            if cells > x:
                return i
        return max(start, end - 1) if end > start else start

    # -- rendering --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_y = round(self.scroll_y)
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        selection = self.text_selection
        strip = self._strip_cache.get(index) if selection is None else None
        if strip is None:
            strip = self._render_wrapped_line(index, base, selection)
            if selection is None:
                if len(self._strip_cache) > 512:
                    self._strip_cache.clear()
                self._strip_cache[index] = strip
        return strip.crop_extend(0, width, base)

    def _render_wrapped_line(self, index: int, base: Style, selection: Selection | None) -> Strip:
        start, end = self._lines[index]
        text = self.display_text
        if end <= start:
            return Strip([], 0).apply_offsets(0, index)
        cuts = {start, end}
        active: list[tuple[str, int, int, str]] = []
        for name in LAYER_ORDER:
            if name == "entities" and not self.show_entities:
                continue
            for s, e, key in self._layers[name].overlapping(start, end):
                s, e = max(s, start), min(e, end)
                active.append((name, s, e, key))
                cuts.add(s)
                cuts.add(e)
        if selection is not None:
            span = selection.get_span(index)
            if span is not None:
                s, e = span
                s = start + s
                e = end if e == -1 else start + e
                s, e = max(s, start), min(e, end)
                if e > s:
                    active.append(("selection", s, e, "selection"))
                    cuts.update((s, e))
        points = sorted(cuts)
        segments: list[Segment] = []
        for a, b in pairwise(points):
            style = base
            for _name, s, e, key in active:
                if s <= a and b <= e:
                    style = style + self._style_for(key)
            segments.append(Segment(text[a:b], style))
        strip = Strip(segments)
        return strip.apply_offsets(0, index)

    # -- selection (mouse) ------------------------------------------------------------------------
    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        lines = "\n".join(self.source_text[s:e] for s, e in self.lines)
        return selection.extract(lines), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strip_cache.clear()
        self.refresh()

    def mouse_selection_range(self) -> tuple[int, int] | None:
        """The article range under the mouse selection, if any."""
        selection = self.text_selection
        if selection is None or not self._lines:
            return None
        last = len(self._lines) - 1
        if selection.start is None:
            start = self._lines[0][0]
        else:
            x, y = selection.start
            y = min(max(y, 0), last)
            start = min(self._lines[y][0] + x, self._lines[y][1])
        if selection.end is None:
            end = self._lines[-1][1]
        else:
            x, y = selection.end
            y = min(max(y, 0), last)
            end = min(self._lines[y][0] + x, self._lines[y][1])
        if end < start:
            start, end = end, start
        return (start, end) if end > start else None

    # -- scrolling --------------------------------------------------------------------------------
    def scroll_to_offset(self, offset: int, *, center: bool = True, animate: bool = False) -> None:
        line = self.line_of(offset)
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not center and top <= line < top + height:
            return
        target = line - height // 3 if center else line
        self.scroll_to(y=max(0, target), animate=animate, immediate=not animate)

    def show_range(self, start: int, end: int, *, mark: bool = True, scroll: bool = True, center: bool = True) -> None:
        """Show the range ``start``..``end``: mark it on the focus layer, scroll its start into view
        and put the reading cursor there, without posting ``CursorMoved``.

        ``mark=False`` keeps the focus layer as it is (the caller marked several ranges, or the range
        is drawn on another layer, as search matches are); ``scroll=False`` leaves the scroll alone;
        ``center=False`` scrolls only when the start is off screen and then puts it on the top line.
        """
        if mark:
            self.set_layer("focus", [(start, end, "focus")])
        if scroll:
            self.scroll_to_offset(start, center=center)
        self.cursor = start
        self._update_cursor_layers()

    def visible_range(self) -> tuple[int, int]:
        """Character range shown on screen."""
        if not self._lines:
            return (self.body_start, self.body_start)
        top = min(round(self.scroll_y), len(self._lines) - 1)
        bottom = min(top + self.scrollable_content_region.height, len(self._lines)) - 1
        return self._lines[top][0], self._lines[max(bottom, top)][1]

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)
        self._follow_viewport()

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False, immediate=True)
        self._follow_viewport()

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self._follow_viewport()

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._follow_viewport()

    def action_next_quote(self, step: int) -> None:
        self.post_message(self.NextQuote(step))

    def action_next_match(self, step: int) -> None:
        self.post_message(self.NextMatch(step))

    def action_copy(self) -> None:
        """Copy the selection (keyboard or mouse) to the clipboard (OSC 52). Without one the key
        goes on to the screen's and app's ``ctrl+c``."""
        selected = self.selected_range()
        if selected is None or selected[0] >= selected[1]:
            raise SkipAction()
        text = self.source_text[selected[0] : selected[1]]
        self.app.copy_to_clipboard(text)
        n = len(text)
        self.notify(f"Copied {n} character{'s' if n != 1 else ''}.", timeout=3)

    def action_copy_quote(self) -> None:
        self.post_message(self.CopyQuote(self.cursor))

    def action_add_quote(self) -> None:
        """Ask the screen to add the selection as a missed quote; without a selection, a bell."""
        selected = self.selected_range()
        if selected is None:
            self.app.bell()
            return
        self.post_message(self.AddQuote(*selected))

    def action_toggle_entities(self) -> None:
        self.show_entities = not self.show_entities

    # -- cursor and keyboard selection ------------------------------------------------------------
    def _follow_viewport(self) -> None:
        """Keep the cursor on screen: after scrolling it moves to the first sentence in view."""
        if not self.sentences:
            return
        first, last = self.visible_range()
        if first <= self.cursor <= last:
            return
        i = bisect_left(self._sentence_starts, first)
        if self.cursor > last:
            i = max(0, bisect_right(self._sentence_starts, last) - 1)
        i = min(i, len(self.sentences) - 1)
        self.set_cursor(self.sentences[i][0], scroll=False)

    def current_sentence(self) -> tuple[int, int] | None:
        if not self.sentences:
            return None
        i = max(0, bisect_right(self._sentence_starts, self.cursor) - 1)
        return self.sentences[i]

    def _words(self) -> tuple[list[tuple[int, int]], list[int]]:
        """The body's words as (start, end) spans, and their starts; found on first use (``w``,
        ``b`` or a keyboard selection), not when the article opens."""
        if self._word_spans is None:
            words = word_spans(self.source_text, self.body_start)
            self._word_spans = (words, [s for s, _ in words])
        return self._word_spans

    def _word_at(self, offset: int) -> tuple[int, int]:
        words, starts = self._words()
        if not words:
            return (offset, offset)
        i = max(0, bisect_right(starts, offset) - 1)
        return words[i]

    def set_cursor(self, offset: int, *, scroll: bool = True) -> None:
        self.cursor = min(max(offset, self.body_start), len(self.source_text))
        self._update_cursor_layers()
        if scroll:
            self.scroll_to_offset(self.cursor, center=False)
        self.post_message(self.CursorMoved(self.cursor))

    def keyboard_selection(self) -> tuple[int, int] | None:
        if self.select_anchor is None:
            return None
        a_start, a_end = self._word_at(self.select_anchor)
        c_start, c_end = self._word_at(self.cursor)
        return min(a_start, c_start), max(a_end, c_end)

    def selected_range(self) -> tuple[int, int] | None:
        """What is selected: the keyboard selection, else the mouse selection."""
        return self.keyboard_selection() or self.mouse_selection_range()

    def clear_selection(self) -> bool:
        """Drop any selection; True if there was one."""
        had = self.select_anchor is not None or self.text_selection is not None
        self.select_anchor = None
        if self.text_selection is not None:
            self.screen.clear_selection()
        self._update_cursor_layers()
        return had

    def _update_cursor_layers(self) -> None:
        sentence = self.current_sentence()
        self._layers["cursor"] = Layer.build([(*sentence, "cursor")] if sentence and self.has_focus else [])
        sel = self.keyboard_selection()
        self._layers["selection"] = Layer.build([(*sel, "selection")] if sel else [])
        self._invalidate()

    def on_focus(self) -> None:
        self._update_cursor_layers()

    def on_blur(self) -> None:
        self._update_cursor_layers()

    def action_move_sentence(self, step: int) -> None:
        if not self.sentences:
            return
        i = bisect_right(self._sentence_starts, self.cursor) - 1
        i = min(max(i + step, 0), len(self.sentences) - 1)
        target = self.sentences[i][0]
        if self.select_anchor is not None and step > 0:
            # extending forward: the cursor goes to the last word of the next sentence
            target = self._word_at(self.sentences[i][1] - 1)[0]
        self.set_cursor(target)

    def action_move_word(self, step: int) -> None:
        words, starts = self._words()
        if not words:
            return
        i = max(0, bisect_right(starts, self.cursor) - 1)
        i = min(max(i + step, 0), len(words) - 1)
        self.set_cursor(words[i][0])

    def action_toggle_select(self) -> None:
        if self.select_anchor is None:
            self.select_anchor = self.cursor
        else:
            self.select_anchor = None
        self._update_cursor_layers()
        self.refresh_bindings()

    # -- mouse ------------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._lines:
            return
        at = self.offset_at(offset.x, offset.y)
        self.cursor = at
        self._update_cursor_layers()
        quote = self.quote_at(at)
        if quote is not None:
            self.post_message(self.QuoteClicked(quote))

    def region_of(self, offset: int) -> Region:
        line = self.line_of(offset)
        return Region(0, line, self.wrap_width, 1)
