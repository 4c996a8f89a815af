"""The base of newsread's Line API widgets (``ArticleView``, ``ItemList``, ``ArticleTable``).

These widgets draw their own lines and decide their own length (the wrapped article, the wrapped
list entries, the table's rows), so they set their virtual size themselves and do their wrapping in
the layout that gives them their width. Both need Textual's private API; this module is the one
place that uses it, and ``tests/test_line_api_private.py`` fails when Textual changes what it relies
on. Each use names the Textual version it was checked against (``TEXTUAL_CHECKED``).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView

TEXTUAL_CHECKED = "8.2.8"
"""The Textual version the private methods below were read in and tested against."""


class LineView(ScrollView):
    """A ``ScrollView`` that sets its own virtual size (``set_virtual_size``) and fits its lines to
    its size during the layout that sets it (``fit_to_size``)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """A new length (more rows, or the text wrapped at a new width) is not a layout of the screen:
    the view's own size does not depend on it, ``set_virtual_size`` updates the scrollbar, and a
    scrollbar appearing still lays out (``show_vertical_scrollbar`` does)."""

    def set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size and update the scrollbar and scroll limits now, not at the next
        layout (which, with ``virtual_size`` not a layout, may not come)."""
        self.virtual_size = size
        # Private API, checked against Textual 8.2.8: ``Widget._scroll_update(virtual_size)`` shows
        # or hides the scrollbars, sets their window to ``virtual_size`` and clamps scroll_x/y; it
        # is what ``ScrollView._size_updated`` calls when a layout changes the size.
        self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Private API, checked against Textual 8.2.8: ``Screen._refresh_layout`` calls
        # ``_size_updated(size, virtual_size, container_size[, layout])`` on each widget of the
        # layout it has just made, before that layout's frame is painted; it returns whether a
        # Resize event is due. Fitting the lines here, not on that Resize event, lets the frame
        # painted after this layout show them (fitted on Resize, that frame would be blank).
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self.fit_to_size()
        return resized

    def fit_to_size(self) -> None:
        """Called in every layout of the view, once its size is set: re-wrap the lines here if the
        width they were wrapped at is no longer the view's. Nothing by default."""
