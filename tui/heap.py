"""The garbage collector, tuned for a long-running interactive app.

Python's collector walks every tracked object in a full (oldest-generation) collection. Once the
library is on screen, the heap holds Textual, the app's screens and the library's rows: tens of
thousands of objects that live as long as the app. A full collection then stalled whatever it
interrupted, such as opening an article, for tens of milliseconds (about 100 ms measured in the
reader benchmark). ``gc.freeze()`` moves everything alive at that moment into a permanent
generation the collector skips; objects made afterwards (a reader screen, and its garbage when it
closes) are collected as before.

Collections of those newer objects still cost an opening 6 to 60 ms (a closed reader's widgets are
cyclic garbage, freed by whichever collection comes next), so an opening also holds the collector
off until it is drawn (``pause_collection``), as Textual does around smooth scrolling
(``App.PAUSE_GC_ON_SCROLL``).
"""

from __future__ import annotations

import gc

from textual.app import App
from textual.timer import Timer

OPENING_PAUSE = 0.5  # seconds: an opening is drawn in well under this
_resume: Timer | None = None  # the collector is one per process, and so is its pause


def freeze_heap() -> None:
    """Exempt every object alive now from later collections (see the module docstring), and let
    the collector run again if start-up held it off (``newsread.core.cli.reader.launch`` does).

    No ``gc.collect()`` first: on this heap it is itself the stall being avoided. Cyclic garbage
    made before this call is not freed while the app runs, which bounds the cost to what start-up
    left behind.
    """
    gc.freeze()
    if _resume is None:
        gc.enable()


def thaw_heap() -> None:
    """Undo ``freeze_heap`` and any pause when the app ends (tests run many apps in one process)."""
    global _resume
    if _resume is not None:
        _resume.stop()
        _resume = None
    gc.unfreeze()
    gc.enable()


def pause_collection(app: App, seconds: float = OPENING_PAUSE) -> None:
    """Hold automatic collection off for ``seconds`` from now (see the module docstring).

    A second opening within the pause extends it, rather than being cut short by the first one's end.
    """
    global _resume
    if _resume is not None and not gc.isenabled():
        _resume.stop()
    elif not gc.isenabled():
        return  # someone else paused it; leave it to them
    gc.disable()
    _resume = app.set_timer(seconds, _end_pause, name="resume-gc")


def _end_pause() -> None:
    global _resume
    _resume = None
    gc.enable()
