"""What keeps an article quick to open: the garbage collector's policy and the reader's warm-up.

``NewsreadApp`` drives it in four moments:

* start-up: ``hold_collection`` turns automatic collection off before Textual is imported
  (``newsread.core.cli.reader.launch`` calls it). Start-up allocates much and frees little, so
  collections then are wasted time.
* the library loaded: ``Speed.warm_up`` mounts one of each of the reader's widgets, hidden, and
  removes them, which registers their styles (Textual re-parses every stylesheet when a widget class
  is first mounted), so the first article opens as fast as the next. Then it freezes the heap.
  Python's collector walks every tracked object in a full collection, and once the library is on
  screen the heap holds tens of thousands of objects that live as long as the app (Textual, the
  screens, the library's rows): a full collection would stall whatever it interrupted for tens of
  milliseconds. ``gc.freeze()`` moves everything alive into a permanent generation the collector
  skips; objects made afterwards (a reader, and its garbage once closed) are collected as before.
* each opening (``NewsreadApp.open_reader``): ``Speed.pause`` holds collection off until the reader
  is drawn. A closed reader's widgets are cyclic garbage, freed by whichever collection comes next;
  that collection should not be the one in the middle of drawing an article. Textual does the same
  around smooth scrolling (``App.PAUSE_GC_ON_SCROLL``).
* the app's end: ``Speed.end`` unfreezes and turns collection back on (tests run many apps in one
  process).

Importing this module does not import Textual, so that ``hold_collection`` runs before it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.widget import Widget

OPENING_PAUSE = 0.5
"""Seconds an opening holds collection off: an article is drawn in well under this."""


def hold_collection() -> None:
    """Turn automatic collection off for start-up; ``Speed.warm_up`` turns it back on."""
    gc.disable()


class Speed:
    """One app's warm-up and collector pauses (see the module docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._resume: Timer | None = None

    async def warm_up(self, widgets: Iterable[Widget]) -> None:
        """Mount ``widgets`` hidden on the current screen and remove them, registering their styles;
        then freeze the heap and let the collector run again (unless an opening holds it off).

        No ``gc.collect()`` before freezing: on this heap it is itself the stall being avoided.
        Cyclic garbage made before this call is not freed while the app runs, which bounds the cost
        to what start-up left behind.
        """
        from textual.containers import Container

        holder = Container(*widgets)
        holder.display = False
        await self.app.screen.mount(holder)
        await holder.remove()
        gc.freeze()
        if self._resume is None:
            gc.enable()

    def pause(self, seconds: float = OPENING_PAUSE) -> None:
        """Hold automatic collection off for ``seconds`` from now. A second opening within the pause
        extends it rather than being cut short by the first one's end; while start-up holds
        collection off (before ``warm_up``), that hold is left as it is."""
        if self._resume is not None and not gc.isenabled():
            self._resume.stop()
        elif not gc.isenabled():
            return
        gc.disable()
        self._resume = self.app.set_timer(seconds, self._end_pause, name="resume-gc")

    def _end_pause(self) -> None:
        self._resume = None
        gc.enable()

    def end(self) -> None:
        """Undo the freeze and any pause: the app has ended."""
        if self._resume is not None:
            self._resume.stop()
            self._resume = None
        gc.unfreeze()
        gc.enable()
